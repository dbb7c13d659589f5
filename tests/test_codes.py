"""Every problem code the code can give is listed in docs/json.md, and each names one message."""

from __future__ import annotations

import ast
import re

from cds_tracker.checks.problem import code_of
from cds_tracker.text import messages
from tests.conftest import ROOT

SOURCE = ROOT / "src" / "cds_tracker"
# Where a call takes the message: Problem(file, line, MESSAGE…), Found(loc, MESSAGE…), fail(MESSAGE…)
# (and problem(MESSAGE…), the records' reporter; `return MESSAGE, HINT` of a helper)
MESSAGE_AT = {"Problem": 2, "Found": 1, "fail": 0, "problem": 0}


def problem_keys() -> set[str]:
    """The message keys of every problem the source makes, read from its calls (a family such
    as t(f"num.{reason}") counts every key of the family)."""
    keys: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
                said = node.value.elts[0] if node.value.elts else None
            elif isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                at = MESSAGE_AT.get(name)
                if at is None or len(node.args) <= at:
                    continue
                said = node.args[at]
            else:
                continue
            if not (isinstance(said, ast.Call) and getattr(said.func, "id", "") == "t"):
                continue
            first = said.args[0] if said.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                family = str(first.values[0].value)
                keys |= {k for k in messages._TEXTS if k.startswith(family) and ".hint" not in k}
    return keys


def documented_codes() -> list[str]:
    text = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    table = text.split("## Problem codes", 1)[1]
    return re.findall(r"^\| `([a-z0-9-]+)` \|", table, flags=re.M)


def test_the_scan_finds_the_codes_it_should() -> None:
    keys = problem_keys()
    assert {"r.unknown_indicator", "v.due_outside_year", "num.ambiguous"} <= keys


def test_every_code_is_documented_once() -> None:
    codes = sorted({code_of(messages.t(key, **_blank(key))) for key in problem_keys()})
    documented = documented_codes()
    assert sorted(set(documented)) == codes
    assert len(documented) == len(set(documented))


def test_two_messages_never_share_a_code() -> None:
    keys = sorted(problem_keys())
    by_code: dict[str, list[str]] = {}
    for key in keys:
        by_code.setdefault(code_of(messages.t(key, **_blank(key))), []).append(key)
    assert {c: k for c, k in by_code.items() if len(k) > 1} == {}


def _blank(key: str) -> dict[str, object]:
    vi, _ = messages._TEXTS[key]
    names = {m.split("!")[0].split(":")[0] for m in re.findall(r"\{(\w[^{}]*)\}", vi)}
    return {name: 0 if name == "count" else "x" for name in names}
