"""Guards that keep the shape from eroding: layers, the two row paths, the schema and the model."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cds_tracker.checks.problem import Problem
from cds_tracker.domain import model
from cds_tracker.store import records, schema
from cds_tracker.store.planfile import load_plan
from tests.conftest import ROOT, SHIPPED_PLAN

SOURCE = ROOT / "src" / "cds_tracker"

# The layers are folders, lowest first: a module may import from its own folder and the folders
# before it, never from one after it. Data flows one way (files -> checks -> domain values ->
# use cases -> views -> the command line), so no arrow ever runs back up.
FOLDERS = ["domain", "text", "checks", "store", "output", "app", ""]  # "": cli.py, api.py…


def imports_of(path: Path, typing_too: bool = False) -> set[str]:
    """The cds_tracker modules `path` imports (at run time, or with typing-only ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for statement in block.body
        for node in ast.walk(statement)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only and not typing_too:
            continue
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("cds_tracker")
        ):
            base = node.module.removeprefix("cds_tracker").removeprefix(".")
            for alias in node.names:
                if alias.name == "__version__":
                    continue
                whole = f"{base}.{alias.name}" if base else alias.name
                found.add(whole if _is_module(whole) else base)
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix("cds_tracker.")
                for a in node.names
                if a.name.startswith("cds_tracker.")
            }
    return found - {""}


def _is_module(dotted: str) -> bool:
    where = SOURCE.joinpath(*dotted.split("."))
    return where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def folder_of(module: str) -> str:
    head = module.split(".")[0]
    return head if head in FOLDERS else ""


MODULES = sorted(SOURCE.rglob("*.py"))


def upward_imports(path: Path, name: str) -> list[str]:
    here = FOLDERS.index(folder_of(name))
    return sorted(m for m in imports_of(path) if FOLDERS.index(folder_of(m)) > here)


def test_every_module_is_in_a_layer_folder_or_the_command_line() -> None:
    top = sorted(module_name(p) for p in MODULES if folder_of(module_name(p)) == "")
    assert top == ["", "__main__", "api", "cli", "clitext"]


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_no_import_runs_back_up_the_layers(path: Path) -> None:
    assert upward_imports(path, module_name(path)) == []


def test_the_layer_test_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "def f():\n    from cds_tracker.output.views import console\n", encoding="utf-8"
    )
    assert upward_imports(module, "domain.m") == ["output.views"]
    assert upward_imports(module, "app.m") == []


def test_no_circle_of_imports_not_even_for_typing() -> None:
    graph = {module_name(p): imports_of(p, typing_too=True) for p in MODULES}
    circles = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in trail:
                circles.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in done:
                visit(nxt, [*trail, nxt])
        done.add(node)

    done: set[str] = set()
    for start in sorted(graph):
        if start not in done:
            visit(start, [start])
    assert circles == []


# --- the schema (pydantic) and the model (dataclasses) describe the same plan -------------------

# Fields named differently on purpose: the YAML's `plan:` section is the model's `meta`, a roster
# population's `role` (one or several) is the model's `roles`; `drawn` is set after loading.
RENAMED = {("Plan", "plan"): "meta", ("RolePopulation", "role"): "roles"}
MODEL_ONLY = {("Plan", "drawn")}


@pytest.mark.parametrize(
    "name",
    [
        "Plan",
        "School",
        "Signer",
        "PlanMeta",
        "Indicator",
        "RolePopulation",
        "Window",
        "Reporting",
        "ReportSettings",
    ],
)
def test_schema_and_model_have_the_same_fields(name: str) -> None:
    validated = {RENAMED.get((name, f), f) for f in getattr(schema, name).model_fields}
    built = {f.name for f in dataclasses.fields(getattr(model, name))} - {
        field for owner, field in MODEL_ONLY if owner == name
    }
    assert validated == built


def test_the_shipped_plan_survives_schema_to_model_unchanged() -> None:
    from cds_tracker.store.files import read_utf8
    from cds_tracker.store.yamlplan import validate

    data = validate(read_utf8(SHIPPED_PLAN), SHIPPED_PLAN)
    built = model.Plan.from_dict(data)
    assert [i.id for i in built.indicators] == [i["id"] for i in data["indicators"]]
    assert built.meta.year == data["plan"]["year"]
    assert [i.target for i in built.indicators if i.target and i.target.op == ">"] == [
        model.Target(">", 90.0)
    ]


# --- the fast row path and build() agree ------------------------------------------------------

PLAN = load_plan(SHIPPED_PLAN).plan
IDS = [i.id for i in PLAN.indicators if i.aggregate in ("latest", "sum")]
DATES = st.one_of(
    st.dates(dt.date(2025, 12, 1), dt.date(2027, 1, 10)).map(dt.date.isoformat),
    st.dates(dt.date(2025, 12, 1), dt.date(2027, 1, 10)).map(
        lambda d: f"{d.day}/{d.month}/{d.year}"
    ),
    st.sampled_from(["2026-02-30", "20260410", "", "hôm qua", "2026-W15-1"]),
)
VALUES = st.one_of(
    st.integers(-5, 600).map(str),
    st.floats(0, 120, allow_nan=False).map(lambda f: f"{f:.1f}"),
    st.floats(0, 120, allow_nan=False).map(lambda f: f"{f:.2f}".replace(".", ",")),
    st.sampled_from(["done", "not-done", "78,5", "1.234", "1e3", "nan", "", " 12", "12 ", "0012"]),
    st.sampled_from(["78,", ",5", "7,8,5", "7,8.5", "100,0", "100,5", "0,0", "١٢,٥"]),
)
ROW = st.tuples(DATES, st.sampled_from([*IDS, "khong-co"]), VALUES)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(ROW, min_size=1, max_size=20))
def test_the_fast_path_and_build_agree(tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    import csv

    path = tmp_path / "r.records.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(records.COLUMNS)
        writer.writerows([day, ident, value, "", "", "", "", ""] for day, ident, value in rows)
    found = records.read(path, PLAN)
    fast = sorted((m.line, m.indicator, m.date, m.value) for m in found.measurements)
    # Lines and what is said of them: the two paths must not only agree a row is bad, but why.
    fast_problems = sorted({(p.line, p.code, p.message) for p in found.problems if p.line})
    slow: list[tuple[int, str, dt.date, float]] = []
    slow_problems: set[tuple[int, str, str]] = set()
    for line, (day, ident, value) in enumerate(rows, start=2):
        measurement, problems = records.build(
            PLAN, date_text=day, indicator_id=ident, value_text=value, path=path, line=line
        )
        if measurement is not None:
            slow.append((line, measurement.indicator, measurement.date, measurement.value))
        slow_problems |= {
            (p.line, p.code, p.message) for p in problems if isinstance(p, Problem) and p.line
        }
    assert fast == sorted(slow)
    assert fast_problems == sorted(slow_problems)


# --- the fast YAML reader and ruamel's loader agree ---------------------------------------------

PLAN_TEXT = SHIPPED_PLAN.read_text(encoding="utf-8")
SCALARS = st.one_of(
    st.sampled_from(
        [
            "12",
            "-3",
            "012",
            "0x1f",
            "1e3",
            "1.5",
            ".5",
            "1_000",
            ".inf",
            ".nan",
            "~",
            "null",
            "yes",
            "True",
            "false",
            "2026-05-29",
            "2026-5-9",
            "2026-05-29 10:00",
            "= 100",
            "> 90",
            "<<",
            "a: b",
            "'quoted'",
            '"x"',
            "153/KH-THXT",
            "Xuân Hòa",
            "!!str 5",
            "&a 5",
            "*a",
            "",
            "[1, 2]",
            "{a: 1}",
        ]
    ),
    st.text(alphabet="0123456789.-+eE_:xo ", max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, PLAN_TEXT.count("\n") - 1), SCALARS)
def test_the_fast_reader_agrees_with_ruamel_wherever_it_answers(line: int, scalar: str) -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from cds_tracker.store import fastyaml

    lines = PLAN_TEXT.split("\n")
    head, sep, _ = lines[line].partition(": ")
    if sep:
        lines[line] = f"{head}: {scalar}"
    text = "\n".join(lines)
    fast = fastyaml.load(text)
    if fast is None:
        return
    try:
        slow = YAML(typ="safe").load(text)
    except (YAMLError, ValueError):
        pytest.fail(f"the fast reader accepted what ruamel refuses: {scalar!r}")
    assert fast == slow


def test_the_fast_reader_answers_for_the_shipped_plan() -> None:
    from ruamel.yaml import YAML

    from cds_tracker.store import fastyaml

    assert fastyaml.load(PLAN_TEXT) == YAML(typ="safe").load(PLAN_TEXT)


# --- the line reader (blockyaml) and ruamel's loader agree ------------------------------------


def _ruamel(text: str) -> object:
    """ruamel's safe loader's reading, or the error it raises."""
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe").load(text)
    except Exception as exc:  # any refusal: the line reader must not answer either
        return exc


def _by_sections(text: str) -> object:
    """The document read a top-level entry at a time, as yamlplan reads a plan: each entry
    alone a mapping of one key, no key twice; None where that does not answer."""
    from cds_tracker.store import blockyaml

    texts = blockyaml.sections(text)
    if texts is None:
        return None
    found: dict[object, object] = {}
    for section in texts:
        value = blockyaml.load(section)
        if not isinstance(value, dict) or len(value) != 1 or value.keys() & found.keys():
            return None
        found.update(value)
    return found


def _agree(text: str) -> None:
    from cds_tracker.store import blockyaml

    for fast in (blockyaml.load(text), _by_sections(text)):
        if fast is None:
            continue
        slow = _ruamel(text)
        assert not isinstance(slow, Exception), f"read what ruamel refuses ({slow}):\n{text}"
        assert fast == slow, text


def test_the_shipped_plan_read_a_section_at_a_time_is_read_as_ruamel_reads_it() -> None:
    assert _by_sections(PLAN_TEXT) == _ruamel(PLAN_TEXT)
    assert _by_sections(PLAN_TEXT.replace("\n", "\r\n")) == _ruamel(PLAN_TEXT)


def test_the_line_reader_answers_for_the_shipped_plan() -> None:
    from cds_tracker.store import blockyaml

    assert blockyaml.load(PLAN_TEXT) == _ruamel(PLAN_TEXT)


QUOTED = st.sampled_from(
    ['"a\\tb"', '"\\u00e9"', "'a\\b'", '"a\\"', "'it''s'", "'a'#c", '"a" # c', '"a"b', "'a", '"a']
)


@settings(max_examples=400, deadline=None)
@given(st.integers(0, PLAN_TEXT.count("\n") - 1), st.one_of(SCALARS, QUOTED))
def test_the_line_reader_agrees_with_ruamel_on_any_value(line: int, scalar: str) -> None:
    lines = PLAN_TEXT.split("\n")
    head, sep, _ = lines[line].partition(": ")
    lines[line] = f"{head}: {scalar}" if sep else f"{lines[line]}{scalar}"
    _agree("\n".join(lines))


# Pieces a hand-edited plan might hold: indents, dashes, keys, quotes, flows, comments, breaks.
PIECES = st.sampled_from(
    [" ", "  ", "    ", "- ", "-", "a", "b", "id", "x y", ":", ": ", "#", " #", "'", "''", '"',
     "{", "}", "[", "]", ",", ", ", "1", "-2", "0.5", "2026-05-29", "null", "~", "true", "\n",
     "\r\n", "---", "...", "%YAML 1.2", "&a", "*a", "!!str", "|", ">", "?", "Nguyễn Thị", "\\",
     "<<", "= 100", "@", "`", "%", "\t", "\u2028"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_the_line_reader_agrees_with_ruamel_on_any_text(text: str) -> None:
    _agree(text)


NAMES = st.sampled_from(["id", "name", "group", "2.1", "of", "a b", "Về hạ tầng", "x-y", "-k"])
WORDS = st.one_of(
    SCALARS,
    st.text(alphabet="abc :#-'\"{}[],.0123456789ệ\\", max_size=12),
)


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """A block mapping or list as people write plans: nested, with comments, quotes, flows."""
    indent = draw(st.sampled_from([0, 2, 4]))
    pad = " " * (indent + 2 * depth)
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        item = draw(st.booleans())
        key = draw(NAMES)
        head = f"{pad}- " if item else pad
        if depth < 2 and draw(st.booleans()):
            lines.append(f"{head}{key}:{draw(st.sampled_from(['', ' # c', '  ']))}")
            lines.append(draw(documents(depth + 1)))
        else:
            value = draw(WORDS)
            quote = draw(st.sampled_from(["", "'", '"']))
            lines.append(f"{head}{key}: {quote}{value}{quote}")
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# ghi chú", f"{pad}  # c"])))
    return "\n".join(lines)


@settings(max_examples=800, deadline=None)
@given(documents())
def test_the_line_reader_agrees_with_ruamel_on_plan_shaped_text(text: str) -> None:
    _agree(text)
