"""One truth in every view (#24): a roll-up counts every school once and every form says the
same; the smaller disagreements a principal notices; one figure in every output (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import Result

from cds_tracker import api
from tests.conftest import SHIPPED_PLAN

Cds = Callable[..., Result]
HEADER = "date,indicator,value,of,note,evidence,attendees,scope\n"
ISSUER = """\
name: UBND xã Xuân Trường
code: UBND
place: Xuân Trường
signer: {title: Chủ tịch, name: Nguyễn Văn Bình}
"""


def school(folder: Path, code: str, records: str = "", year: int = 2026) -> Path:
    """A school's folder with plans/<year>-<code>.yaml (the shipped plan, its own code)."""
    plans = folder / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace("code: THXT", f"code: {code}")
    text = text.replace("name: Trường Tiểu học Xuân Tiến", f"name: Trường Tiểu học {code}", 1)
    if year != 2026:
        text = text.replace("year: 2026", f"year: {year}", 1).replace("2026-", f"{year}-")
    plan = plans / f"{year}-{code.lower()}.yaml"
    plan.write_text(text, encoding="utf-8")
    if records:
        plan.with_name(plan.stem + ".records.csv").write_text(HEADER + records, "utf-8")
    return plan


def rollup_json(cds: Cds, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = cds("rollup", "--json", "--as-of", "2026-06-01", *args)
    return result.exit_code, json.loads(result.stdout)


def value(payload: dict, indicator: str) -> object:  # type: ignore[type-arg]
    return next(r for r in payload["indicators"] if r["id"] == indicator)["value"]


# --- every school once -------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges on Windows")
def test_a_school_reached_twice_counts_once(cds: Cds, tmp_path: Path) -> None:
    a = school(tmp_path / "a", "TA", "2026-05-01,tin-bai-cds,5,,,,,\n")
    school(tmp_path / "b", "TB", "2026-05-01,tin-bai-cds,3,,,,,\n")
    (tmp_path / "lien-ket").symlink_to(tmp_path / "a")
    listing = tmp_path / "ds.txt"
    listing.write_text(f"{a}\n", encoding="utf-8")
    code, payload = rollup_json(
        cds, "--plan", str(tmp_path / "*" / "plans"), "--plan", str(tmp_path / "lien-ket"),
        "--plan", f"@{listing}",
    )  # fmt: skip
    assert code == 0
    assert (payload["schools"], payload["counted"], value(payload, "tin-bai-cds")) == (2, 2, 8)


def test_two_plans_of_one_school_code_are_both_left_out(cds: Cds, tmp_path: Path) -> None:
    first = school(tmp_path / "a", "TA", "2026-05-01,tin-bai-cds,5,,,,,\n")
    copy = school(tmp_path / "a-copy", "TA", "2026-05-01,tin-bai-cds,5,,,,,\n")
    school(tmp_path / "b", "TB", "2026-05-01,tin-bai-cds,3,,,,,\n")
    code, payload = rollup_json(cds, "--plan", str(tmp_path / "*"))
    assert code == 1
    assert (payload["schools"], payload["counted"], value(payload, "tin-bai-cds")) == (3, 1, 3)
    named = {o["file"]: o["message"] for o in payload["left_out"]}
    assert named[str(first)].startswith(f"Trùng ký hiệu trường 'TA' với {copy}")
    assert named[str(copy)].startswith(f"Trùng ký hiệu trường 'TA' với {first}")


def test_next_years_plan_beside_this_years_is_passed_over(cds: Cds, tmp_path: Path) -> None:
    school(tmp_path / "a", "TA", "2026-05-01,tin-bai-cds,5,,,,,\n")
    school(tmp_path / "a", "TA", "2027-01-10,tin-bai-cds,40,,,,,\n", year=2027)
    code, payload = rollup_json(cds, "--plan", str(tmp_path / "a"))
    assert code == 0
    assert (payload["schools"], value(payload, "tin-bai-cds")) == (1, 5)


def test_plan_year_picks_the_other_years_plans(cds: Cds, tmp_path: Path) -> None:
    school(tmp_path / "a", "TA", "2026-05-01,tin-bai-cds,5,,,,,\n")
    school(tmp_path / "a", "TA", "2027-01-10,tin-bai-cds,40,,,,,\n", year=2027)
    result = cds("rollup", "--json", "--plan-year", "2027", "--as-of", "2027-02-01", "--plan",
                 str(tmp_path / "a"))  # fmt: skip
    payload = json.loads(result.stdout)
    assert (payload["schools"], value(payload, "tin-bai-cds")) == (1, 40)


def test_a_plan_of_another_year_named_directly_is_left_out(cds: Cds, tmp_path: Path) -> None:
    school(tmp_path / "a", "TA", "2026-05-01,tin-bai-cds,5,,,,,\n")
    other = school(tmp_path / "b", "TB", "2027-01-10,tin-bai-cds,40,,,,,\n", year=2027)
    code, payload = rollup_json(cds, "--plan", str(tmp_path / "a"), "--plan", str(other))
    assert code == 1
    assert (payload["schools"], payload["counted"], value(payload, "tin-bai-cds")) == (2, 1, 5)
    assert payload["left_out"] == [
        {
            "school": other.stem,
            "file": str(other),
            "line": None,
            "message": "Kế hoạch năm 2027, không phải năm 2026 đang tổng hợp; không tính vào "
            "(chọn năm bằng --plan-year).",
        }
    ]


def test_patterns_take_plan_files_only(cds: Cds, tmp_path: Path) -> None:
    plan = school(tmp_path / "a", "TA", "2026-05-01,tin-bai-cds,5,,,,,\n")
    plan.with_name(plan.stem + ".records.csv.lock").write_text("", encoding="utf-8")
    plan.with_name(plan.stem + ".notes-q2.md").write_text("# I.\n", encoding="utf-8")
    code, payload = rollup_json(cds, "--plan", str(tmp_path / "*" / "plans" / "*"))
    assert (code, payload["schools"], payload["left_out"]) == (0, 1, [])


# --- every form the same ------------------------------------------------------------------------


@pytest.fixture
def three(tmp_path: Path) -> Path:
    """Three schools, one with a typo'd record id, and next year's plan beside one of them."""
    school(
        tmp_path / "a", "TA", "2026-05-01,tin-bai-cds,5,,,,,\n2026-03-20,ky-nang-so-co-ban,1,,,,,\n"
    )
    school(tmp_path / "b", "TB", "2026-05-01,tin-bai-cds,3,,,,,\n2026-05-02,tin-bai-cdss,1,,,,,\n")
    school(tmp_path / "c", "TC")
    school(tmp_path / "c", "TC", "2027-01-10,tin-bai-cds,40,,,,,\n", year=2027)
    (tmp_path / "xa.yaml").write_text(ISSUER, encoding="utf-8")
    return tmp_path


def test_every_form_gives_the_same_counts_and_exit_code(cds: Cds, three: Path) -> None:
    plans = ("--plan", str(three / "[abc]"))
    table = cds("rollup", "--quarter", "2", *plans)
    as_json = cds("rollup", "--quarter", "2", "--json", *plans)
    book = three / "xa.xlsx"
    xlsx = cds("rollup", "--quarter", "2", "--xlsx", str(book), *plans)
    docx = three / "xa.docx"
    report = cds("rollup", "--report", "--quarter", "2", "--issuer", str(three / "xa.yaml"),
                 "--output", str(docx), "--date", "2026-06-05", *plans)  # fmt: skip
    assert [r.exit_code for r in (table, as_json, xlsx, report)] == [1, 1, 1, 1]
    payload = json.loads(as_json.stdout)
    assert (payload["schools"], payload["counted"], len(payload["problems"])) == (3, 3, 1)
    assert "Tổng hợp 3/3 trường" in table.stdout
    info = dict(load_workbook(book)["Thông tin"].iter_rows(min_row=2, values_only=True))
    assert (info["Số kế hoạch được giao tổng hợp"], info["Số trường được tổng hợp"]) == (3, 3)
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "của 3 trường học" in text and "Tổng hợp được số liệu của 3/3 trường" in text
    rows = [[c.text for c in r.cells] for r in Document(str(docx)).tables[1].rows]
    articles = next(r for r in rows if r[1].startswith("Tin, bài tuyên truyền"))
    assert articles[2:] == ["0", "2", "3", "8 bài"]
    for result in (table, as_json, xlsx, report):
        assert "Tổng hợp 3/3 trường: 0 kế hoạch chưa tổng hợp được, 1 dòng lỗi" in result.stderr


def test_a_milestone_no_school_has_data_for_is_null(cds: Cds, three: Path) -> None:
    _, payload = rollup_json(cds, "--plan", str(three / "[abc]"))
    row = next(r for r in payload["indicators"] if r["id"] == "csdl-nganh")
    assert (row["with_data"], row["value"]) == (0, None)


def test_levels_are_counted_per_level_not_averaged(cds: Cds, tmp_path: Path) -> None:
    school(tmp_path / "a", "TA", "2026-05-01,muc-do-cds,1,,,,,\n")
    school(tmp_path / "b", "TB", "2026-05-01,muc-do-cds,2,,,,,\n")
    school(tmp_path / "c", "TC", "2026-05-01,muc-do-cds,2,,,,,\n")
    _, payload = rollup_json(cds, "--plan", str(tmp_path / "*"))
    row = next(r for r in payload["indicators"] if r["id"] == "muc-do-cds")
    assert (row["value"], row["levels"]) == (None, {"2": 2, "1": 1})
    table = cds("rollup", "--as-of", "2026-06-01", "--plan", str(tmp_path / "*"))
    assert "mức 2: 2 trường;" in table.stdout and "mức 1: 1 trường" in table.stdout


def test_the_lagging_schools_name_their_indicators(three: Path) -> None:
    path, _, _ = api.commune_report(
        [three / "a", three / "b", three / "c"], issuer_path=three / "xa.yaml", quarter=2,
        year=False, issue_date=dt.date(2026, 6, 5), today=dt.date(2026, 6, 5),
        output=three / "r.docx",
    )  # fmt: skip
    rows = [[c.text for c in r.cells] for r in Document(str(path)).tables[2].rows]
    states = {r[1]: r[2] for r in rows[1:]}
    assert (
        states["Trường Tiểu học TA"] == "1 chỉ tiêu chậm tiến độ (STT 6)"
    )  # ky-nang-so-co-ban is the sixth
    assert states["Trường Tiểu học TC"] == "Chưa có số liệu"


# --- the smaller disagreements ----------------------------------------------------------------


def test_the_deadline_line_counts_from_the_real_date(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker import cli

    monkeypatch.setattr(cli, "_today", lambda: dt.date(2026, 12, 1))
    result = cds("status", "--quarter", "2", "--plan", str(shipped))
    said = " ".join(result.stdout.split())
    assert (
        "Báo cáo tiếp theo: năm 2026, số liệu tính đến 14/12/2026, gửi trước ngày 05/12/2026 (còn 3 ngày)."
        in said
    )
    assert "hôm nay là ngày cuối cùng" not in said


def test_every_status_line_fits_80_columns(shipped: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "cds_tracker", "status", "--plan", str(shipped)],
        capture_output=True, text=True, encoding="utf-8", env={**os.environ, "COLUMNS": "80"},
    )  # fmt: skip
    assert max(len(line) for line in done.stdout.splitlines()) <= 80


def test_a_done_milestone_is_never_stale(cds: Cds, shipped: Path) -> None:
    records = shipped.with_name(shipped.stem + ".records.csv")
    records.write_text(HEADER + "2026-01-05,ban-hanh-ke-hoach,done,,,,,\n", encoding="utf-8")
    result = cds("status", "ban-hanh-ke-hoach", "--as-of", "2026-11-30", "--plan", str(shipped))
    assert "⚠" not in result.stdout and "!" not in result.stdout.split("\n")[2]


def test_missing_shows_people_when_unrelated_rows_are_bad(cds: Cds, tmp_path: Path) -> None:
    from tests.test_people import PLAN, ROSTER

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    plan.with_name("plan.people.csv").write_text(ROSTER, encoding="utf-8")
    plan.with_name("plan.records.csv").write_text(
        HEADER + "2026-05-01,gv-tap-huan,,,,,gv01,\n2026-05-02,khong-co,1,,,,,\n", "utf-8"
    )
    result = cds("status", "gv-tap-huan", "--missing", "--plan", str(plan))
    assert result.exit_code == 1
    assert "gv02" in result.stdout and "gv01" not in result.stdout
    assert "khong-co" in result.stderr


def test_history_shows_the_class_of_each_row(cds: Cds, shipped: Path) -> None:
    text = shipped.read_text(encoding="utf-8").replace(
        "  - id: hoc-ba-so\n", "  - id: hoc-ba-so\n    aggregate: latest-by-scope\n"
    )
    shipped.write_text(text, encoding="utf-8")
    records = shipped.with_name(shipped.stem + ".records.csv")
    records.write_text(
        HEADER + "".join(f"2026-05-0{i},hoc-ba-so,{n},,,,,{c}\n" for i, (n, c) in
                         enumerate([(30, "3A"), (30, "3B"), (28, "3C")], 1)), "utf-8"
    )  # fmt: skip
    result = cds("history", "hoc-ba-so", "--plan", str(shipped))
    assert "Lớp" in result.stdout
    assert [line.split()[1] for line in result.stdout.splitlines() if "/05/2026" in line] == [
        "3A",
        "3B",
        "3C",
    ]


# --- one figure in every output ----------------------------------------------------------------

ROWS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "tin-bai-cds",
                "ky-nang-so-co-ban",
                "thanh-toan-truc-tuyen",
                "csdl-nganh",
                "muc-do-cds",
            ]
        ),  # fmt: skip
        st.integers(min_value=1, max_value=150),  # a day of the year window
        st.integers(min_value=0, max_value=31),
    ),
    max_size=8,
)


def _row(indicator: str, day: int, n: int) -> str:
    date = dt.date(2026, 1, 1) + dt.timedelta(days=day)
    figure = {
        "csdl-nganh": "done" if n % 2 else "not-done",
        "muc-do-cds": str(1 + n % 3),
        "thanh-toan-truc-tuyen": str(min(n * 3, 100)),
    }.get(indicator, str(n))
    return f"{date.isoformat()},{indicator},{figure},,,,,\n"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS)
def test_every_output_gives_the_same_figures(tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, int, int]]) -> None:  # fmt: skip
    from cds_tracker.output import site, views, workbook
    from cds_tracker.output.report import content
    from cds_tracker.text import present

    folder = tmp_path_factory.mktemp("one")
    plan = school(folder, "TA", "".join(_row(*r) for r in rows))
    day = dt.date(2026, 6, 14)
    status = api.status([plan], quarter=2, today=day)
    [one] = status.plans
    as_json = {
        r["id"]: r
        for r in views.status_json(one.workspace.loaded.plan, one.as_of, one.rows)["indicators"]
    }
    by_id = {s.indicator.id: s for s in one.rows}
    words = {i: present.value_text(s) for i, s in by_id.items()}
    # the report's table and the page say the words of the terminal
    made = api.report(plan, quarter=2, year=False, issue_date=day, force=True)
    cells = [[c.text for c in r.cells] for t in Document(str(made.path)).tables for r in t.rows]
    for indicator, standing in by_id.items():
        if standing.value is None:
            continue
        row = next(r for r in cells if len(r) > 4 and r[1] == standing.indicator.name)
        assert row[4].startswith(content._cumulative(standing)), indicator
        assert as_json[indicator]["value"] is not None
    built = site.build(one.workspace.loaded.plan, one.workspace.records.histories, one.as_of, {})
    for indicator, text in words.items():
        if by_id[indicator].value is not None:
            assert text in built.page, indicator
    # the workbook and the roll-up of one school hold the JSON's numbers
    book = workbook.school_book(
        one.workspace.loaded.plan, one.as_of, one.rows, one.workspace.records.histories
    )
    target = folder / "b.xlsx"
    target.write_bytes(book)
    sheet = {
        r[0]: r[4]
        for r in load_workbook(target)["Tình hình"].iter_rows(min_row=2, values_only=True)
    }
    gathered = api.gather([plan], plan_year=None, as_of=None, quarter=2, year=False, today=day)
    combined = {r.id: r for r in gathered.rollup.rows}
    for indicator, item in as_json.items():
        figure = item["value"]
        assert (None if sheet[indicator] is None else round(sheet[indicator], 2)) == figure
        rolled = combined[indicator]
        if item["kind"] == "level":
            assert rolled.levels == (((int(figure), 1),) if figure is not None else ())
        else:
            assert (None if rolled.value is None else round(rolled.value, 2)) == figure, indicator


def test_a_plan_with_a_long_header_is_still_known_by_its_year(cds: Cds, tmp_path: Path) -> None:
    school(tmp_path / "a", "TA", "2026-05-01,tin-bai-cds,5,,,,,\n")
    later = school(tmp_path / "a", "TA", "2027-01-10,tin-bai-cds,40,,,,,\n", year=2027)
    later.write_text("# ghi chú dài của nhà trường\n" * 400 + later.read_text("utf-8"), "utf-8")
    code, payload = rollup_json(cds, "--plan", str(tmp_path / "a"))
    assert (code, payload["schools"], value(payload, "tin-bai-cds")) == (0, 1, 5)


# --- what a roll-up counts of a figure is what its standing says ---------------------------

FIGURES = st.one_of(
    st.none(),
    st.floats(0, 150, allow_nan=False),
    st.sampled_from([0.0, 1.0, 2.0, 3.0, 12.0, 90.0, 100.0]),
)


@settings(max_examples=400, deadline=None)
@given(
    st.integers(0, 20),
    FIGURES,
    st.one_of(st.none(), st.integers(0, 50).map(float)),
    st.dates(dt.date(2025, 12, 1), dt.date(2027, 1, 31)),
)
def test_what_a_rollup_counts_of_a_figure_is_its_standings(
    which: int, value: float | None, count: float | None, day: dt.date
) -> None:
    from cds_tracker.domain import attainment
    from cds_tracker.domain.attainment import Figure
    from cds_tracker.domain.rollup import counted_of
    from cds_tracker.store.planfile import load_plan

    plan = load_plan(SHIPPED_PLAN).plan
    indicator = plan.indicators[which]
    found = Figure(value, count, 40.0 if count is not None else None, day)
    standing = attainment.judged(indicator, found, day, attainment.calendar(plan))
    assert (indicator, *attainment.counted(indicator, found)) == counted_of(standing)
