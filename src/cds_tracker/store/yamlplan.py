"""The plan's YAML: read with ruamel (line numbers kept), validated, every problem located.

Also writes a new school's plan from the shipped one, comments kept (`cds init`). Imported only
when a plan must be parsed: planfile's cache spares unchanged plans ruamel and pydantic.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from cds_tracker.checks import registry as checks
from cds_tracker.checks.problem import CdsError, Found, Problem, fail
from cds_tracker.checks.text import check_control_chars, check_long_numbers, check_nesting
from cds_tracker.domain.model import DEFAULT_HEAD_TITLE
from cds_tracker.store import blockyaml, fastyaml
from cds_tracker.store.schema import Plan, model_at
from cds_tracker.store.schema import part as model_part
from cds_tracker.text.messages import lang, t

MAX_NODES = 200_000  # after expanding aliases: a real plan has a few thousand
MAX_DEPTH = checks.MAX_DEPTH

Location = tuple[Any, ...]


def validate(text: str, path: Path) -> dict[str, Any]:
    """The plan's validated data (schema.Plan's JSON dump), or CdsError with every problem.

    A sound plan is read with ruamel's C-based safe loader (1.6 ms for the shipped plan, against
    12 ms for the round-trip loader that keeps line numbers: a commune's 500 plans are read in
    seconds rather than minutes). Only a plan with problems is read again, keeping lines, to
    say where each one is.
    """
    in_text = checks.run_text_checks(text)
    if in_text:
        raise CdsError([f.at(path, f.loc) for f in in_text])
    data = _quick(text, path)
    if data is not None:
        return data
    root = _parse_yaml(text, path)
    problems: list[Problem] = []
    plain = _plain(root, path, problems)
    if problems:
        raise CdsError(problems)
    if not isinstance(plain, dict):
        raise fail(t("yaml.not_mapping"), t("yaml.not_mapping.hint"), path, 1)
    ours = checks.run_plan_checks(plain, lambda loc: _line_of(root, loc))
    # Where a check of ours words a place (a population left at 0), the schema's own word for
    # the same place would only say it again, less plainly.
    said = {tuple(f.loc) for f in ours if isinstance(f.loc, tuple)}
    located = [*(f for f in _shape_problems(plain) if tuple(f.loc) not in said), *ours]
    if located:
        problems = [f.at(path, _line_of(root, f.loc)) for f in located]
        raise CdsError(sorted(problems, key=Problem.sort_key))
    return _dump(Plan.model_validate(plain))


def load_guarded(text: str, path: Path) -> tuple[Any, Any]:
    """Any YAML file the product reads other than a plan (the issuer file): the plan's guards
    (control characters, nesting, long numbers before parsing; alias bombs and tags while
    walking), then (the tree with lines, the same as plain data); CdsError, located, otherwise."""
    guards = (check_control_chars, check_nesting, check_long_numbers)
    in_text = [found for guard in guards for found in guard(text)]
    if in_text:
        raise CdsError([f.at(path, f.loc) for f in in_text])
    root = _parse_yaml(text, path)
    problems: list[Problem] = []
    plain = _plain(root, path, problems)
    if problems:
        raise CdsError(problems)
    return root, plain


def _quick(text: str, path: Path) -> dict[str, Any] | None:
    """The validated data of a sound plan, read fast; None if anything is wrong with it."""
    data = _sectioned(text)
    if data is not None:
        return data
    try:
        fast = blockyaml.load(text)  # a plan as plans are written: a line at a time
        if fast is None:
            fast = fastyaml.load(text)  # anything else plain: ruamel's C parser's events
        if fast is not None:
            # Plain already (fastyaml refuses tags, aliases, anything odd): only the keys to fix.
            plain = _keys_as_text(fast)
        else:  # something unusual, or nothing: ruamel's own loader reads it, checked node by node
            plain = _plain(_safe_loader().load(text), path, [])
    except (YAMLError, CdsError, RecursionError, ValueError, TypeError, KeyError):
        return None
    if not isinstance(plain, dict) or checks.run_plan_checks(plain, lambda loc: 0):
        return None
    try:
        return _dump(Plan.model_validate(plain))
    except ValidationError:
        return None


def _sectioned(text: str) -> dict[str, Any] | None:
    """The validated data of a sound plan read section by section (blockyaml.sections), each
    distinct section read and validated once a process, the plan checks run once for each
    distinct text of the sections they read; None where that cannot answer (then the whole
    text is read). Profile of a province's first run: a plan read whole took 0.75 ms, most of
    it on sections the 3,000 plans share."""
    texts = blockyaml.sections(text)
    if texts is None:
        return None
    plain: dict[str, Any] = {}
    dumped: dict[str, Any] = {}
    by_name: dict[str, str] = {}
    for section in texts:
        found = _section(section)
        if found is None or found[0] in plain:
            return None  # a section none of ours, unsound, or twice (the whole read says so)
        name, plain[name], dumped[name] = found
        by_name[name] = section
    if not checks.plan_checks_pass(plain, by_name):
        return None
    data = {}
    for name in Plan.model_fields:
        value = dumped.get(name, _MISSING)
        if value is _MISSING:
            value = _default(name)
            if value is _MISSING:
                return None  # a section the plan must have is missing
        data[name] = value
    return data


_MISSING: Any = object()
_sections: dict[str, tuple[str, Any, Any] | None] = {}  # a section's text -> what _section gives
_defaults: dict[str, Any] = {}


def _section(text: str) -> tuple[str, Any, Any] | None:
    """(its key, its plain data, its validated dump) of one section; None if unsound."""
    if text in _sections:
        return _sections[text]
    found = None
    value = blockyaml.load(text)
    if isinstance(value, dict) and len(value) == 1:
        [(key, raw)] = value.items()
        name = _plain_key(key)
        model = model_part(name) if isinstance(name, str) else None
        if model is not None:
            plain = _keys_as_text(raw)
            try:
                dumped = model.model_validate({name: plain}).model_dump(mode="json", warnings=False)
                found = (name, plain, dumped[name])
            except ValidationError:
                pass
    if len(_sections) < 5_000:  # a country's distinct `school:` sections are not kept past this
        _sections[text] = found
    return found


def _default(name: str) -> Any:
    """The validated dump of a section left out; _MISSING for one the plan must have."""
    if name not in _defaults:
        model = model_part(name)
        try:
            if model is None:
                raise KeyError(name)  # not one of Plan's fields
            _defaults[name] = model.model_validate({}).model_dump(mode="json", warnings=False)[name]
        except (ValidationError, KeyError):
            _defaults[name] = _MISSING
    return _defaults[name]


_SAFE: YAML | None = None


def _safe_loader() -> YAML:
    """One safe loader for the process: each new YAML() lists ruamel's folder for plug-ins
    (measured: a commune's hundreds of plans paid for it every time)."""
    global _SAFE
    if _SAFE is None:
        _SAFE = YAML(typ="safe")
    return _SAFE


def _dump(plan: Plan) -> dict[str, Any]:
    # warnings=False: pydantic cannot tell which branch of a callable-discriminated union a value
    # took when serialising, and warns; the dump is right (tests/test_planfile.py checks it).
    return plan.model_dump(mode="json", warnings=False)


def locate(text: str, loc: Location) -> int:
    """The line of a part of a plan, for a problem found after validation (an empty population)."""
    try:
        return _line_of(YAML(typ="rt").load(text), loc)
    except (YAMLError, RecursionError):
        return 1


# --- YAML ----------------------------------------------------------------------------------


def _parse_yaml(text: str, path: Path) -> Any:
    yaml = YAML(typ="rt")
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else None
        if "duplicate key" in str(exc.problem or ""):
            key = re.search(r'duplicate key "([^"]*)"', str(exc.problem))
            raise fail(
                t("yaml.duplicate_key", key=key.group(1) if key else "?"),
                t("yaml.duplicate_key.hint"),
                path,
                line,
            ) from None
        raise fail(
            t("yaml.syntax", problem=_yaml_problem(str(exc.problem or exc.context or ""))),
            t("yaml.syntax.hint"),
            path,
            line,
            column,
        ) from None
    except RecursionError:
        raise fail(t("yaml.deep"), t("yaml.deep.hint"), path, 1) from None
    except (ValueError, KeyError, TypeError, OverflowError) as exc:
        # A value ruamel's constructors cannot build (a merge key of an odd shape, say).
        raise fail(t("yaml.syntax", problem=str(exc)), t("yaml.syntax.hint"), path, 1) from None
    except YAMLError as exc:
        raise fail(t("yaml.syntax", problem=str(exc)), t("yaml.syntax.hint"), path, 1) from None


_YAML_PROBLEMS_VI = [
    (
        "mapping values are not allowed",
        "dấu ':' không đúng chỗ; nếu đoạn chữ có dấu ':', đặt nó trong ngoặc kép",
    ),
    ("could not find expected ':'", "thiếu dấu ':' sau tên mục"),
    ("expected ',' or ']'", "thiếu dấu ']' đóng"),
    ("expected ',' or '}'", "thiếu dấu '}' đóng"),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng"),
    ("expected <block end>", "thụt lề không khớp với các dòng phía trên"),
    ("did not find expected key", "thụt lề không khớp với các dòng phía trên"),
    ("did not find expected '-'", "thụt lề của danh sách không khớp"),
    ("found undefined alias", "bí danh '*' chưa được định nghĩa bằng '&'"),
    ("found character", "có ký tự không được phép ở đây"),
]


def _yaml_problem(problem: str) -> str:
    if lang() == "vi":
        for english, vietnamese in _YAML_PROBLEMS_VI:
            if english in problem:
                return vietnamese
    return problem


# Explicit tags a plan may carry; anything else ('!!python/object', '!custom') is refused.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float")}


def _plain(node: Any, path: Path, problems: list[Problem]) -> Any:
    """The loaded tree as plain dicts and lists; refuses tags, alias bombs and deep nesting."""
    count = 0

    def walk(value: Any, depth: int, line: int) -> Any:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise fail(t("yaml.aliases"), t("yaml.aliases.hint"), path, line)
        if depth > MAX_DEPTH:
            raise fail(t("yaml.deep"), t("yaml.deep.hint"), path, line)
        tag = getattr(getattr(value, "tag", None), "value", None)
        if isinstance(value, TaggedScalar) or (tag is not None and tag not in _PLAIN_TAGS):
            problems.append(Problem(path, line, t("yaml.tag", tag=tag), t("yaml.tag.hint")))
            return None
        if isinstance(value, CommentedMap):
            result = {}
            for key, item in value.items():
                try:
                    key_line = value.lc.key(key)[0] + 1
                except KeyError:  # a key merged in by `<<: *anchor` has no line of its own
                    key_line = line
                result[_plain_key(key)] = walk(item, depth + 1, key_line)
            return result
        if isinstance(value, CommentedSeq):
            return [walk(item, depth + 1, value.lc.item(i)[0] + 1) for i, item in enumerate(value)]
        # The safe loader's plain containers: no lines, no tags (it refuses unknown ones).
        if isinstance(value, dict):
            return {_plain_key(k): walk(v, depth + 1, line) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(item, depth + 1, line) for item in value]
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            return float(value)
        if isinstance(value, str):
            return str(value)
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else value
        return value

    return walk(node, 0, 1)


def _keys_as_text(node: Any) -> Any:
    """The tree with numeric mapping keys as text (`2.1:` is a group's name), as _plain does."""
    if isinstance(node, dict):
        return {_plain_key(k): _keys_as_text(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_keys_as_text(item) for item in node]
    return node


def _plain_key(key: Any) -> Any:
    # `2.1: Về hạ tầng số` reads as a number; group keys are names, so keep the text as typed.
    if isinstance(key, int | float) and not isinstance(key, bool):
        return str(key)
    return str(key) if isinstance(key, str) else key


def _line_of(root: Any, loc: Location) -> int:
    """The 1-based line of the deepest node of `loc` that exists in the file (else 1)."""
    node, line = root, 1
    for step in loc:
        if isinstance(node, CommentedMap):
            key = next((k for k in node if k == step or str(k) == str(step)), None)
            if key is None or key not in node.lc.data:  # a merged-in key has no line
                break
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line = node.lc.item(step)[0] + 1
            node = node[step]
        else:
            break
    return line


# --- validation ----------------------------------------------------------------------------

_TYPE_MESSAGES = {
    "int_type": "v.type.int",
    "int_parsing": "v.type.int",
    "int_from_float": "v.type.int",
    "float_type": "v.type.number",
    "float_parsing": "v.type.number",
    "string_type": "v.type.str",
    "date_type": "v.type.date",
    "date_parsing": "v.type.date",
    "date_from_datetime_parsing": "v.type.date",
    "date_from_datetime_inexact": "v.type.date",
    "model_type": "v.type.mapping",
    "model_attributes_type": "v.type.mapping",
    "dict_type": "v.type.mapping",
    "list_type": "v.type.list",
    "greater_than": "v.positive",
}


def _shape_problems(data: dict[str, Any]) -> Iterator[Found]:
    """Types, required and unknown fields, as pydantic finds them, in plain words."""
    try:
        Plan.model_validate(data)
    except ValidationError as exc:
        reported: set[Location] = set()
        for error in exc.errors():
            loc = _clean_loc(error["loc"])
            if loc in reported:  # a union reports each member; one message is enough
                continue
            reported.add(loc)
            yield Found(loc, *_describe(error, loc))


_UNION_MEMBERS = {"int", "float", "str", "Window", "Signer", "one", "many", "size", "roles"}


def _clean_loc(loc: tuple[Any, ...]) -> Location:
    # Pydantic appends union members ('int', 'function-before[...]') to locations; drop them.
    kept: list[Any] = []
    for step in loc:
        if isinstance(step, str) and ("[" in step or step in _UNION_MEMBERS):
            continue
        kept.append(step)
    return tuple(kept)


def _describe(error: Any, loc: Location) -> tuple[str, str]:
    names = [s for s in loc if isinstance(s, str)]
    name = names[-1] if names else "?"
    kind = error["type"]
    if kind == "missing":
        return t("v.missing", field=name), t("v.missing.hint", field=name)
    if kind == "extra_forbidden":
        model = model_at(loc[:-1])
        allowed = list(model.model_fields) if model else []
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = t("v.extra.suggest", suggestion=close[0]) if close else ""
        if allowed and not close:
            hint = t("v.extra.allowed", allowed=", ".join(allowed))
        return t("v.extra", field=name), hint
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        choices = expected.replace("'", "").replace(" or ", ", ")
        return t("v.choice", field=name, choices=choices, value=error.get("input")), ""
    if kind == "cds":
        return str(error["msg"]), ""
    if kind in _TYPE_MESSAGES:
        return t(_TYPE_MESSAGES[kind], field=name), ""
    bounds = {"greater_than_equal": "ge", "less_than_equal": "le", "greater_than": "gt"}
    if kind in bounds:
        limit = error.get("ctx", {}).get(bounds[kind], "")
        return t(f"v.bound.{bounds[kind]}", field=name, limit=limit), ""
    return t("v.other", field=name, detail=error["msg"]), ""


# --- writing a new plan ----------------------------------------------------------------------


def new_plan_text(
    source: str,
    *,
    name: str,
    code: str,
    place: str,
    year: int,
    parent: str | None = None,
    head: str | None = None,
) -> str:
    """The source plan's YAML for another school: comments kept, school and year replaced.

    The plan's own number and date are dropped: the new school's officer fills them in.
    """
    from io import StringIO

    yaml = YAML(typ="rt")
    yaml.width = 4096  # keep long Vietnamese names on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(source)
    school = data["school"]
    school["name"], school["code"], school["place"] = name, code, place
    for key, value in (("parent", parent), ("head", head)):
        if value is None:
            school.pop(key, None)
    if parent is not None:
        school["parent"] = parent
    if head is not None:
        current = school.get("head")
        if isinstance(current, dict):
            current["name"] = head
        else:
            school["head"] = {"title": DEFAULT_HEAD_TITLE, "name": head}
    meta = data["plan"]
    old_year = int(meta["year"])
    meta["year"] = year
    for key in ("number", "date"):
        meta.pop(key, None)
    meta["title"] = f"Kế hoạch chuyển đổi số năm {year}"
    for indicator in data.get("indicators", []):
        indicator["name"] = str(indicator["name"]).replace(f"năm {old_year}", f"năm {year}")
        due = indicator.get("due")
        if isinstance(due, dt.date):
            indicator["due"] = _same_day_in(due, year)
    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _same_day_in(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)
