"""The roster and attendance: distinct people counted, classes summed, who is missing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from typer.testing import Result

from cds_tracker import api
from cds_tracker.checks.problem import CdsError
from cds_tracker.store.people import read as read_roster
from cds_tracker.store.planfile import load_plan

Cds = Callable[..., Result]

PLAN = """\
school: {name: Trường Tiểu học Thử, code: THT, place: Xuân Trường, head: {name: Lê Văn Hiệu}}
plan: {year: 2026, date: 2026-05-29}
populations:
  teachers: {role: gv}
  staff: {role: [cbql, gv, nv]}
  students: 100
groups: {"2.3": Về phát triển nguồn lực số, "2.4": Về phát triển dữ liệu số}
indicators:
  - id: gv-tap-huan
    group: "2.3"
    name: Nhà giáo được tập huấn
    kind: ratio
    of: teachers
    aggregate: unique
    target: 100
  - id: ky-nang-so
    group: "2.3"
    name: Cán bộ, viên chức được bồi dưỡng kỹ năng số
    kind: ratio
    of: staff
    target: 100
  - id: hoc-ba-so
    group: "2.4"
    name: Học sinh được cấp học bạ số
    kind: ratio
    of: students
    aggregate: latest-by-scope
    target: 100
"""

ROSTER = """\
id,name,role
cbql01,Nguyễn Thị Hoa,cbql
gv01,Trần Văn Nam,gv
gv02,Lê Thị Lan,gv
gv03,Phạm Minh Hùng,gv
gv04,Hoàng Thị Mai,gv
nv01,Vũ Đức Tuấn,nv
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plans" / "2026-tht.yaml"
    path.parent.mkdir()
    path.write_text(PLAN, encoding="utf-8")
    path.with_name("2026-tht.people.csv").write_text(ROSTER, encoding="utf-8")
    return path


def json_row(cds: Cds, plan: Path, indicator: str, *args: str) -> dict[str, object]:
    result = cds("status", "--json", "--plan", str(plan), *args)
    assert result.exit_code == 0, result.output
    return next(r for r in json.loads(result.stdout)["indicators"] if r["id"] == indicator)


def records(plan: Path) -> Path:
    return plan.with_name("2026-tht.records.csv")


# --- the roster -------------------------------------------------------------------------------


def test_roster_problems_name_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.people.csv"
    path.write_text(
        "id,name,role\ngv01,A,gv\ngv01,B,gv\nGV 2,C,gv\ngv03,D,hs\ngv04,,gv\n", encoding="utf-8"
    )
    assert [(p.line, p.message) for p in read_roster(path).problems] == [
        (3, "Mã người 'gv01' bị trùng (đã có ở dòng 2)."),
        (
            4,
            "Mã người không hợp lệ: mã chỉ được gồm chữ thường không dấu, chữ số và dấu '-' (không ghi họ tên vào cột id).",
        ),
        (
            5,
            "Vai trò (cột role) của mã 'gv03' không hợp lệ; nếu cột họ tên và cột vai trò bị đổi chỗ, hãy đổi lại.",
        ),
        (6, "Người có mã 'gv04' chưa có họ tên."),
    ]


def test_roster_errors_never_show_names(tmp_path: Path) -> None:
    path = tmp_path / "r.people.csv"
    path.write_text("id,name,role\ngv01,Trần Văn Nam,hs\n", encoding="utf-8")
    assert all("Trần" not in p.message + p.hint for p in read_roster(path).problems)


def test_population_size_follows_the_roster(plan: Path) -> None:
    populations = load_plan(plan).plan.populations
    assert (populations["teachers"], populations["staff"], populations["students"]) == (4, 6, 100)


def test_a_roster_population_with_nobody_is_refused(plan: Path) -> None:
    plan.with_name("2026-tht.people.csv").write_text("id,name,role\nnv01,A,nv\n", encoding="utf-8")
    with pytest.raises(CdsError) as caught:
        load_plan(plan)
    problem = caught.value.problems[0]
    assert (problem.line, problem.message.split(" chưa có ai")[0]) == (4, "Nhóm 'teachers'")


def test_people_lists_names(cds: Cds, plan: Path) -> None:
    result = cds("people", "--plan", str(plan))
    assert result.exit_code == 0
    assert "Danh sách cán bộ, giáo viên, nhân viên (6 người)" in result.stdout
    assert "Trần Văn Nam" in result.stdout


def test_people_add_appends_one_line(cds: Cds, plan: Path) -> None:
    result = cds("people", "add", "gv05", "Đỗ Thu Vân", "gv", "--plan", str(plan))
    assert result.exit_code == 0, result.output
    assert (
        plan.with_name("2026-tht.people.csv")
        .read_text(encoding="utf-8")
        .endswith(ROSTER.splitlines()[-1] + "\ngv05,Đỗ Thu Vân,gv\n")
    )
    assert load_plan(plan).plan.populations["teachers"] == 5


def test_people_add_refuses_a_used_id_and_changes_nothing(cds: Cds, plan: Path) -> None:
    result = cds("people", "add", "gv01", "Ai Đó", "gv", "--plan", str(plan))
    assert result.exit_code == 1
    assert "Mã người 'gv01' đã có trong danh sách." in result.stderr
    assert plan.with_name("2026-tht.people.csv").read_text(encoding="utf-8") == ROSTER


def test_people_add_refuses_an_unknown_role(cds: Cds, plan: Path) -> None:
    result = cds("people", "add", "hs01", "Ai Đó", "hs", "--plan", str(plan))
    assert result.exit_code == 1
    assert "Vai trò (cột role) của mã 'hs01' không hợp lệ" in result.stderr


# --- aggregate: unique ------------------------------------------------------------------------


def test_re_attendance_is_not_counted_twice(cds: Cds, plan: Path) -> None:
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv01,gv02",
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv02,gv03",
        "--date",
        "2026-05-01",
        "--plan",
        str(plan),
    )
    row = json_row(cds, plan, "gv-tap-huan", "--as-of", "2026-05-01")
    assert (row["count"], row["of"], row["value"]) == (3, 4, 75)


def test_people_outside_the_population_do_not_count(cds: Cds, plan: Path) -> None:
    result = cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv01,nv01,cbql01",
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    assert result.exit_code == 0, result.output
    row = json_row(cds, plan, "gv-tap-huan", "--as-of", "2026-04-01")
    assert (row["count"], row["of"]) == (1, 4)


def test_as_of_between_sessions_counts_the_first_only(cds: Cds, plan: Path) -> None:
    cds("record", "gv-tap-huan", "--attendees", "gv01", "--date", "2026-04-01", "--plan", str(plan))
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv02,gv03,gv04",
        "--date",
        "2026-05-01",
        "--plan",
        str(plan),
    )
    assert json_row(cds, plan, "gv-tap-huan", "--as-of", "2026-03-31")["count"] is None
    assert json_row(cds, plan, "gv-tap-huan", "--as-of", "2026-04-30")["count"] == 1
    assert json_row(cds, plan, "gv-tap-huan", "--as-of", "2026-05-01")["status"] == "met"


def test_a_person_removed_from_the_roster_stops_counting(cds: Cds, plan: Path) -> None:
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv01,gv02",
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    roster = plan.with_name("2026-tht.people.csv")
    roster.write_text(ROSTER.replace("gv02,Lê Thị Lan,gv\n", ""), encoding="utf-8")
    row = json_row(cds, plan, "gv-tap-huan", "--as-of", "2026-04-01")
    assert (row["count"], row["of"]) == (1, 3)
    assert cds("validate", "--plan", str(plan)).exit_code == 0


def test_unknown_ids_are_refused_and_nothing_is_written(cds: Cds, plan: Path) -> None:
    cds("record", "gv-tap-huan", "--attendees", "gv01", "--date", "2026-04-01", "--plan", str(plan))
    before = records(plan).read_bytes()
    result = cds("record", "gv-tap-huan", "--attendees", "gv02,gv99,gv98", "--plan", str(plan))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"Mã người 'gv99' không có trong danh sách {plan.with_name('2026-tht.people.csv')}. "
        'Thêm người đó bằng `cds people add MÃ "HỌ TÊN" VAI_TRÒ`, hoặc sửa lại mã. Chưa ghi gì.',
        f"Mã người 'gv98' không có trong danh sách {plan.with_name('2026-tht.people.csv')}. "
        'Thêm người đó bằng `cds people add MÃ "HỌ TÊN" VAI_TRÒ`, hoặc sửa lại mã. Chưa ghi gì.',
    ]
    assert records(plan).read_bytes() == before


def test_attendance_indicator_needs_attendees(cds: Cds, plan: Path) -> None:
    result = cds("record", "gv-tap-huan", "3", "--plan", str(plan))
    assert result.exit_code == 1
    assert "Chỉ tiêu 'gv-tap-huan' tính theo người tham dự" in result.stderr


def test_attendees_on_a_count_indicator_are_refused(cds: Cds, plan: Path) -> None:
    result = cds("record", "ky-nang-so", "3", "--attendees", "gv01", "--plan", str(plan))
    assert result.exit_code == 1
    assert "Chỉ tiêu 'ky-nang-so' không tính theo người tham dự" in result.stderr


def test_attendees_file_one_id_a_line(cds: Cds, plan: Path, tmp_path: Path) -> None:
    listing = tmp_path / "buoi-1.txt"
    listing.write_text("gv01\n\ngv02  # đến muộn\n", encoding="utf-8")
    result = cds(
        "record",
        "gv-tap-huan",
        "--attendees-file",
        str(listing),
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    assert result.exit_code == 0, result.output
    assert json_row(cds, plan, "gv-tap-huan", "--as-of", "2026-04-01")["count"] == 2


def test_attendees_are_stored_as_ids_only(cds: Cds, plan: Path) -> None:
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv01, gv02",
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    assert (
        records(plan).read_text(encoding="utf-8-sig").splitlines()[1]
        == "2026-04-01,gv-tap-huan,2,,,,gv01 gv02,"
    )


def test_missing_lists_who_is_not_yet_counted(cds: Cds, plan: Path) -> None:
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv01,gv03",
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    result = cds("status", "gv-tap-huan", "--missing", "--as-of", "2026-04-02", "--plan", str(plan))
    assert result.exit_code == 0, result.output
    assert "gv-tap-huan: 2 người chưa được tính (tính đến 02/04/2026)" in result.stdout
    assert "Lê Thị Lan" in result.stdout and "Hoàng Thị Mai" in result.stdout
    assert "Trần Văn Nam" not in result.stdout


def test_missing_needs_an_attendance_indicator(cds: Cds, plan: Path) -> None:
    result = cds("status", "ky-nang-so", "--missing", "--plan", str(plan))
    assert result.exit_code == 1
    assert "không tính theo danh sách người tham dự" in result.stderr


def test_names_never_appear_in_status_json_or_the_report(cds: Cds, plan: Path) -> None:
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv01,gv03",
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    status = cds("status", "--json", "--plan", str(plan)).stdout
    report = api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 12)).path
    document = "\n".join(p.text for p in Document(str(report)).paragraphs)
    document += "\n".join(
        c.text for t in Document(str(report)).tables for r in t.rows for c in r.cells
    )
    for line in ROSTER.splitlines()[1:]:
        name = line.split(",")[1]
        assert name not in status and name not in document


def test_report_shows_attendance_as_counts(plan: Path, cds: Cds) -> None:
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv01,gv03",
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv03,gv04",
        "--date",
        "2026-05-01",
        "--plan",
        str(plan),
    )
    report = api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 14)).path
    row = next(
        r
        for r in Document(str(report)).tables[1].rows
        if r.cells[1].text == "Nhà giáo được tập huấn"
    )
    assert [c.text for c in row.cells][2:7] == ["100%", "+3", "3/4 (75%)", "75%", "Đang thực hiện"]


# --- aggregate: latest-by-scope ---------------------------------------------------------------


def test_newest_figure_of_each_class_is_summed(cds: Cds, plan: Path) -> None:
    for scope, value, day in (
        ("3A", "20", "2026-04-01"),
        ("3B", "15", "2026-04-01"),
        ("3A", "25", "2026-05-01"),
    ):
        result = cds(
            "record", "hoc-ba-so", value, "--scope", scope, "--date", day, "--plan", str(plan)
        )
        assert result.exit_code == 0, result.output
    row = json_row(cds, plan, "hoc-ba-so", "--as-of", "2026-05-01")
    assert (row["count"], row["of"]) == (40, 100)
    assert json_row(cds, plan, "hoc-ba-so", "--as-of", "2026-04-30")["count"] == 35


def test_class_sizes_add_up_when_every_class_gives_one(cds: Cds, plan: Path) -> None:
    cds(
        "record",
        "hoc-ba-so",
        "20",
        "--scope",
        "3A",
        "--of",
        "30",
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    cds(
        "record",
        "hoc-ba-so",
        "15",
        "--scope",
        "3B",
        "--of",
        "32",
        "--date",
        "2026-04-01",
        "--plan",
        str(plan),
    )
    row = json_row(cds, plan, "hoc-ba-so", "--as-of", "2026-04-01")
    assert (row["count"], row["of"], row["value"]) == (35, 62, 56.45)


def test_a_class_figure_needs_its_scope(cds: Cds, plan: Path) -> None:
    result = cds("record", "hoc-ba-so", "20", "--plan", str(plan))
    assert result.exit_code == 1
    assert "Chỉ tiêu 'hoc-ba-so' tính theo từng lớp: ghi --scope" in result.stderr


# --- files written before the roster ----------------------------------------------------------


def test_a_records_file_without_the_new_columns_still_reads_and_grows_them(
    cds: Cds, plan: Path
) -> None:
    records(plan).write_text(
        "date,indicator,value,of,note\n2026-04-01,ky-nang-so,3,,\n", encoding="utf-8"
    )
    assert json_row(cds, plan, "ky-nang-so", "--as-of", "2026-04-01")["count"] == 3
    result = cds(
        "record", "gv-tap-huan", "--attendees", "gv01", "--date", "2026-04-02", "--plan", str(plan)
    )
    assert result.exit_code == 0, result.output
    assert records(plan).read_text(encoding="utf-8-sig").splitlines() == [
        "date,indicator,value,of,note,attendees",
        "2026-04-01,ky-nang-so,3,,,",
        "2026-04-02,gv-tap-huan,1,,,gv01",
    ]


# --- a roll-up keeps a school's people, classes and own denominators ---------------------------


def test_a_kept_school_counts_its_attendees_classes_and_ofs_as_read(plan: Path) -> None:
    from cds_tracker.app.workspace import open_workspace
    from cds_tracker.store import standingscache

    records(plan).write_text(
        "date,indicator,value,of,note,evidence,attendees,scope\n"
        "2026-04-01,gv-tap-huan,2,,,,gv01 gv02,\n"
        "2026-04-08,gv-tap-huan,2,,,,gv02 gv03,\n"
        "2026-04-02,ky-nang-so,3,5,,,,\n"
        "2026-04-03,hoc-ba-so,30,,,,,3A\n"
        "2026-04-04,hoc-ba-so,5,,,,,3B\n",
        encoding="utf-8",
    )
    workspace = open_workspace(plan)
    loaded = workspace.loaded
    kept = standingscache.Kept.of(loaded.plan, workspace.records.histories, loaded.members)
    again = standingscache.decode(standingscache.encode(kept))
    day = dt.date(2026, 4, 30)
    assert [(s.indicator.id, s.count, s.of) for s in again.standings(day)] == [
        ("gv-tap-huan", 3, 4),
        ("ky-nang-so", 3, 5),
        ("hoc-ba-so", 35, 100),
    ]
