"""Guards that keep the shape from eroding: layers, the two row paths, the schema and the model."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cds_tracker import model, records, schema
from cds_tracker.errors import Problem
from cds_tracker.planfile import load_plan
from tests.conftest import ROOT, SHIPPED_PLAN

SOURCE = ROOT / "src" / "cds_tracker"

# Every module, lowest first: a module may import only modules listed before it. Data flows one
# way (plan and records -> model -> attainment -> views), so no arrow ever runs back up.
LAYERS = [
    "errors",
    "parse",
    "fastyaml",
    "model",
    "periods",
    "messages",
    "shipped",
    "fmt",
    "files",
    "schema",
    "csvfile",
    "people",
    "recordcache",
    "records",
    "attainment",
    "checks",
    "yamlplan",
    "planfile",
    "rollup",
    "standingscache",
    "present",
    "issuer",
    "report.notes",
    "report.layout",
    "report.render",
    "report.content",
    "report.commune",
    "views",
    "charts",
    "site",
    "workbook",
    "api",
    "clitext",
    "cli",
    "__main__",
]


def imports_of(path: Path) -> set[str]:
    """The cds_tracker modules `path` imports at run time (typing-only imports aside)."""
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
        if id(node) in typing_only:
            continue
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("cds_tracker")
        ):
            if node.module == "cds_tracker":
                found |= {alias.name for alias in node.names if alias.name != "__version__"}
            else:
                found.add(node.module.removeprefix("cds_tracker."))
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix("cds_tracker.")
                for a in node.names
                if a.name.startswith("cds_tracker.")
            }
    return found


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(SOURCE).with_suffix("").parts)


MODULES = sorted(p for p in SOURCE.rglob("*.py") if p.name != "__init__.py")


def test_every_module_has_its_place_in_the_layers() -> None:
    assert sorted(module_name(p) for p in MODULES) == sorted(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_no_import_runs_back_up_the_layers(path: Path) -> None:
    here = LAYERS.index(module_name(path))
    upward = sorted(m for m in imports_of(path) if m in LAYERS and LAYERS.index(m) >= here)
    assert upward == []


def test_the_layer_test_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from cds_tracker.views import console\n", encoding="utf-8")
    assert imports_of(module) == {"views"}


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
    from cds_tracker.files import read_utf8
    from cds_tracker.yamlplan import validate

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
    st.sampled_from(["done", "not-done", "78,5", "1.234", "1e3", "nan", "", " 12", "12 ", "0012"]),
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
    fast_problems = sorted({p.line for p in found.problems if p.line is not None})
    slow: list[tuple[int, str, dt.date, float]] = []
    slow_problems: set[int] = set()
    for line, (day, ident, value) in enumerate(rows, start=2):
        measurement, problems = records.build(
            PLAN, date_text=day, indicator_id=ident, value_text=value, path=path, line=line
        )
        if measurement is not None:
            slow.append((line, measurement.indicator, measurement.date, measurement.value))
        slow_problems |= {p.line for p in problems if isinstance(p, Problem) and p.line}
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

    from cds_tracker import fastyaml

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

    from cds_tracker import fastyaml

    assert fastyaml.load(PLAN_TEXT) == YAML(typ="safe").load(PLAN_TEXT)
