"""Input as schools write it: dates, numbers, files beside a plan, deadlines, folders of plans."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from cds_tracker import api
from cds_tracker.checks.problem import CdsError
from cds_tracker.store.planfile import find_plan, load_plan
from tests.conftest import SHIPPED_PLAN
from tests.test_people import PLAN as ROSTER_PLAN
from tests.test_people import ROSTER

Cds = Callable[..., Result]
HEADER = "date,indicator,value,of,note,evidence,attendees,scope\n"


def records_of(plan: Path) -> Path:
    return plan.with_name(plan.stem + ".records.csv")


def as_json(cds: Cds, plan: Path, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = cds("status", "--json", *args, "--plan", str(plan))
    return result.exit_code, json.loads(result.stdout)


def indicator(payload: dict, wanted: str) -> dict:  # type: ignore[type-arg]
    return next(i for i in payload["indicators"] if i["id"] == wanted)  # type: ignore[no-any-return]


# --- 1. dates --------------------------------------------------------------------------------


def test_record_takes_a_day_first_date_and_writes_iso(cds: Cds, shipped: Path) -> None:
    result = cds("record", "tin-bai-cds", "2", "--date", "10/4/2026", "--plan", str(shipped))
    assert result.exit_code == 0
    assert (
        records_of(shipped)
        .read_text(encoding="utf-8-sig")
        .splitlines()[1]
        .startswith("2026-04-10,tin-bai-cds,2,")
    )


def test_status_takes_the_date_it_prints(cds: Cds, shipped: Path) -> None:
    cds("record", "tin-bai-cds", "2", "--date", "2026-04-10", "--plan", str(shipped))
    code, payload = as_json(cds, shipped, "--as-of", "14/06/2026")
    assert (code, payload["as_of"], indicator(payload, "tin-bai-cds")["value"]) == (
        0,
        "2026-06-14",
        2,
    )


def test_a_records_file_saved_by_excel_in_a_vietnamese_locale_reads(
    cds: Cds, shipped: Path
) -> None:
    records_of(shipped).write_bytes(
        "\ufeffdate;indicator;value;of;note\r\n"
        "10/04/2026;ky-nang-so-co-ban;12;;Đợt 1\r\n"
        "20/05/2026;thanh-toan-truc-tuyen;78,5;;\r\n".encode()
    )
    code, payload = as_json(cds, shipped, "--as-of", "2026-06-14")
    assert code == 0
    assert indicator(payload, "ky-nang-so-co-ban")["count"] == 12
    assert indicator(payload, "thanh-toan-truc-tuyen")["value"] == 78.5


def test_a_semicolon_roster_reads(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(ROSTER_PLAN, encoding="utf-8")
    plan.with_name("plan.people.csv").write_text(ROSTER.replace(",", ";"), encoding="utf-8")
    assert cds("validate", "--plan", str(plan)).exit_code == 0


def test_record_appends_in_the_files_own_separator_and_line_end(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_bytes(
        b"date;indicator;value;of;note\r\n10/04/2026;tin-bai-cds;1;;\r\n"
    )
    cds("record", "tin-bai-cds", "2", "--date", "2026-04-11", "--plan", str(shipped))
    assert (
        records_of(shipped)
        .read_bytes()
        .endswith(b"\r\n10/04/2026;tin-bai-cds;1;;\r\n2026-04-11;tin-bai-cds;2;;\r\n")
    )


# --- 2. numbers ------------------------------------------------------------------------------


def test_a_fractional_head_count_is_refused(cds: Cds, shipped: Path) -> None:
    result = cds("record", "ky-nang-so-co-ban", "12,5", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "Số người '12,5' phải là số nguyên. Ghi số người đã đạt, ví dụ 12.",
    )
    assert not records_of(shipped).exists()


def test_a_count_with_a_thousands_separator_is_refused_as_ambiguous(
    cds: Cds, shipped: Path
) -> None:
    result = cds("record", "tin-bai-cds", "1.234", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "Số '1.234' không rõ nghĩa: có thể là một nghìn hai trăm ba mươi tư, cũng có thể là 1,234. Viết số người, số lượng không có dấu phân cách hàng nghìn, ví dụ 1234.",
    )


def test_a_percentage_takes_a_percent_sign(cds: Cds, shipped: Path) -> None:
    assert cds("record", "thanh-toan-truc-tuyen", "78,5%", "--plan", str(shipped)).exit_code == 0
    assert ",78.5," in records_of(shipped).read_text(encoding="utf-8-sig")


# --- 4. what record accepts, validate accepts ---------------------------------------------------


def test_record_refuses_a_date_outside_the_plan_year(cds: Cds, shipped: Path) -> None:
    result = cds(
        "record", "ky-nang-so-co-ban", "12", "--date", "2027-01-10", "--plan", str(shipped)
    )
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "Ngày 10/01/2027 nằm ngoài kỳ số liệu năm 2026 (15/12/2025–14/12/2026). "
        "Kiểm tra lại năm; số liệu đầu kỳ ghi vào mục 'baseline' của chỉ tiêu trong kế hoạch.",
    )
    assert not records_of(shipped).exists()


def test_record_warns_when_a_running_total_drops(cds: Cds, shipped: Path) -> None:
    cds("record", "ky-nang-so-co-ban", "27", "--date", "2026-05-01", "--plan", str(shipped))
    result = cds("record", "ky-nang-so-co-ban", "9", "--date", "2026-05-20", "--plan", str(shipped))
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        "Lưu ý: lần trước (01/05/2026) đã ghi 27, lần này 9. Chỉ tiêu này tính số người lũy kế: "
        "nếu 9 là số người của riêng buổi này, hãy ghi lại tổng số người đã đạt đến nay."
    )
    assert len(records_of(shipped).read_text(encoding="utf-8-sig").splitlines()) == 3


def test_record_warns_about_attendees_outside_the_population(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(ROSTER_PLAN, encoding="utf-8")
    plan.with_name("plan.people.csv").write_text(ROSTER, encoding="utf-8")
    result = cds("record", "gv-tap-huan", "--attendees", "gv01,nv01", "--plan", str(plan))
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        "Lưu ý: nv01 không thuộc nhóm 'teachers' (vai trò gv) nên không được tính cho chỉ tiêu này."
    )


def test_a_roster_smaller_than_a_record_says_it_is_the_rosters_count(
    cds: Cds, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(ROSTER_PLAN, encoding="utf-8")
    plan.with_name("plan.people.csv").write_text(ROSTER, encoding="utf-8")
    records_of(plan).write_text(HEADER + "2026-05-01,ky-nang-so,9,,,,,\n", encoding="utf-8")
    result = cds("validate", "--plan", str(plan))
    assert result.stderr.startswith(
        f"{records_of(plan)}:2: Giá trị 9 lớn hơn sĩ số 6 của nhóm 'staff', đếm từ danh sách người (vai trò cbql, gv, nv)."
    )


# --- 5. only the year window counts --------------------------------------------------------------


def test_records_after_the_year_window_never_count(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(
        HEADER + "2026-12-10,tin-bai-cds,2,,,,,\n2026-12-20,tin-bai-cds,5,,,,,\n", encoding="utf-8"
    )
    code, payload = as_json(cds, shipped, "--as-of", "2026-12-31")
    assert (code, indicator(payload, "tin-bai-cds")["value"]) == (1, 2)
    assert [p["line"] for p in payload["problems"]] == [3]


# --- 6. a bad row never blinds status ----------------------------------------------------------

ONE_BAD = HEADER + "2026-05-01,ky-nang-so-co-ban,12,,,,,\n2026-05-02,ky-nang-so-co-bn,3,,,,,\n"


def test_status_shows_the_good_rows_and_names_the_bad_one(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(ONE_BAD, encoding="utf-8")
    result = cds("status", "--as-of", "2026-06-14", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "12/31" in result.stdout
    assert result.stderr.startswith(
        f"{records_of(shipped)}:3: Không có chỉ tiêu 'ky-nang-so-co-bn' trong kế hoạch. Có phải ý bạn là 'ky-nang-so-co-ban'?"
    )


def test_status_json_lists_the_problems(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(ONE_BAD, encoding="utf-8")
    code, payload = as_json(cds, shipped, "--as-of", "2026-06-14")
    assert code == 1
    assert len(payload["indicators"]) == 21
    assert payload["problems"] == [
        {
            "file": str(records_of(shipped)),
            "line": 3,
            "code": "unknown-indicator",
            "message": "Không có chỉ tiêu 'ky-nang-so-co-bn' trong kế hoạch.",
            "hint": "Có phải ý bạn là 'ky-nang-so-co-ban'?",
        }
    ]


def test_status_json_has_an_empty_problem_list_when_all_is_well(cds: Cds, shipped: Path) -> None:
    assert as_json(cds, shipped)[1]["problems"] == []


def test_history_shows_the_good_rows_and_exits_1(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(ONE_BAD, encoding="utf-8")
    result = cds("history", "ky-nang-so-co-ban", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "01/05/2026" in result.stdout
    assert f"{records_of(shipped)}:3:" in result.stderr


def test_history_of_a_mistyped_id_suggests_the_right_one(cds: Cds, shipped: Path) -> None:
    result = cds("history", "ky-nang-so-co-bn", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "Không có chỉ tiêu 'ky-nang-so-co-bn' trong kế hoạch. Có phải ý bạn là 'ky-nang-so-co-ban'?",
    )


def test_report_still_refuses_data_with_problems(cds: Cds, shipped: Path, school: Path) -> None:
    records_of(shipped).write_text(ONE_BAD, encoding="utf-8")
    result = cds("report", "--quarter", "2", "--plan", str(shipped))
    assert result.exit_code == 1
    assert not (school / "reports").exists()


# --- 7. deadlines: "gửi trước ngày D" -------------------------------------------------------------


def test_the_day_before_the_deadline_is_the_last_day(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker import cli

    monkeypatch.setattr(
        cli, "_today", lambda: dt.date(2026, 6, 14)
    )  # the deadline counts from today
    result = cds("status", "--plan", str(shipped))
    assert (
        "Báo cáo tiếp theo: quý II năm 2026, gửi trước ngày 15/06/2026 (hôm nay là ngày cuối cùng)."
        in " ".join(result.stdout.split())
    )


@pytest.mark.parametrize(
    ("day", "period"), [("15/06/2026", "quý II năm 2026"), ("05/12/2026", "năm 2026")]
)
def test_on_the_deadline_status_and_report_both_say_overdue(
    cds: Cds, shipped: Path, day: str, period: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker import cli
    from cds_tracker.domain.parse import parse_date

    today = parse_date(day)
    monkeypatch.setattr(cli, "_today", lambda: today)
    status = cds("status", "--plan", str(shipped))
    assert f"Báo cáo {period} đã quá hạn" in status.stdout
    flag = ["--quarter", "2"] if "quý" in period else ["--year"]
    report = cds("report", *flag, "--date", day, "--plan", str(shipped))
    assert (
        f"báo cáo {period} phải gửi trước ngày" in report.stderr and "đã quá hạn" in report.stderr
    )


# --- 8. plans in one folder ------------------------------------------------------------------------


def test_the_plan_whose_year_holds_today_is_used(school: Path) -> None:
    text = (
        SHIPPED_PLAN.read_text(encoding="utf-8")
        .replace("year: 2026", "year: 2027")
        .replace("due: 2026-", "due: 2027-")
    )
    (school / "plans" / "2027-xuan-tien.yaml").write_text(text, encoding="utf-8")
    assert find_plan(None, school, dt.date(2026, 11, 29)).name == "2026-xuan-tien.yaml"
    assert find_plan(None, school, dt.date(2026, 12, 15)).name == "2027-xuan-tien.yaml"


def test_init_refuses_a_second_plan_of_the_same_year(
    cds: Cds, school: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(school)
    result = cds("init", "--name", "Trường A", "--code", "TA", "--place", "X", "--year", "2026")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Thư mục đã có kế hoạch năm 2026: {school / 'plans' / '2026-xuan-tien.yaml'}. "
        "Mỗi thư mục plans/ chỉ giữ một kế hoạch cho mỗi năm. "
        'Tạo thư mục riêng cho trường bằng --folder, ví dụ: cds init --folder "Kế hoạch CĐS 2026" …'
    )
    assert sorted(p.name for p in (school / "plans").glob("*.yaml")) == ["2026-xuan-tien.yaml"]


def test_init_adds_next_years_plan_beside_this_years(
    cds: Cds, school: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(school)
    result = cds(
        "init", "--name", "Trường A", "--code", "xuan-tien", "--place", "X", "--year", "2027"
    )
    assert result.exit_code == 0
    assert cds("status").exit_code == 0  # still one plan for today


def test_init_makes_the_schools_own_folder(
    cds: Cds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cds(
        "init", "--folder", "Kế hoạch CĐS 2026", "--name", "Trường A", "--code", "TA",
        "--place", "X", "--year", "2026",
    )  # fmt: skip
    folder = tmp_path / "Kế hoạch CĐS 2026"
    assert result.exit_code == 0
    assert (folder / "plans" / "2026-ta.yaml").is_file()
    assert "*.lock" in (folder / "plans" / ".gitignore").read_text(encoding="utf-8")
    assert 'vào thư mục bằng `cd "Kế hoạch CĐS 2026"`, mở tệp' in result.stdout
    if shutil.which("git"):
        assert (folder / ".git").is_dir()


def test_a_printed_path_with_spaces_is_quoted(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "Kế hoạch" / "plan.yaml"
    plan.parent.mkdir()
    shutil.copy(SHIPPED_PLAN, plan)
    result = cds("record", "tin-bai-cds", "1", "--plan", str(plan))
    assert result.stdout.startswith(f'Đã ghi vào "{records_of(plan)}" (dòng 2).')


def test_the_readme_walk_through_runs_without_plan_in_a_folder_with_spaces(
    cds: Cds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CDS_PLAN", raising=False)
    today = dt.date.today()
    year = today.year + 1 if (today.month, today.day) >= (12, 15) else today.year  # its window
    assert cds(
        "init", "--folder", "Kế hoạch CĐS 2026", "--name", "Trường Tiểu học Xuân Hòa",
        "--code", "THXH", "--place", "Xuân Hòa", "--year", str(year),
    ).exit_code == 0  # fmt: skip
    monkeypatch.chdir(tmp_path / "Kế hoạch CĐS 2026")
    assert cds("validate").exit_code == 0
    assert cds("record", "tin-bai-cds", "2").exit_code == 0
    assert cds("status").exit_code == 0
    assert cds("history", "tin-bai-cds").exit_code == 0


# --- 9. plan mistakes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reporting", "line", "message"),
    [
        (
            "  q2: {start: 2026-06-30, end: 2026-03-01}\n",
            43,
            "Kỳ số liệu quý II: ngày bắt đầu 30/06/2026 sau ngày kết thúc 01/03/2026.",
        ),
        (
            "  q2: {end: 2026-06-20}\n",
            43,
            "Kỳ số liệu quý III bắt đầu trước khi kỳ quý II kết thúc (20/06/2026).",
        ),
    ],
)
def test_reporting_windows_end_after_they_start_and_never_overlap(
    tmp_path: Path, reporting: str, line: int, message: str
) -> None:
    plan = tmp_path / "plan.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "indicators:", "reporting:\n" + reporting + "indicators:", 1
    )
    plan.write_text(text, encoding="utf-8")
    with pytest.raises(CdsError) as caught:
        load_plan(plan)
    assert [(p.line, p.message) for p in caught.value.problems] == [(line, message)]


# --- 10. quarters as Vietnamese writes them ------------------------------------------------------


@pytest.mark.parametrize("written", ["2", "II", "ii"])
def test_quarter_takes_roman_numerals(cds: Cds, shipped: Path, written: str) -> None:
    code, payload = as_json(cds, shipped, "--quarter", written)
    assert (code, payload["as_of"]) == (0, "2026-06-14")


def test_report_takes_a_roman_quarter(shipped: Path, cds: Cds, school: Path) -> None:
    result = cds("report", "--quarter", "II", "--date", "2026-06-12", "--plan", str(shipped))
    assert result.exit_code == 0
    assert (school / "reports" / "bao-cao-cds-thxt-2026-quy-2.docx").is_file()


def test_api_as_of_date_is_the_quarters_end(shipped: Path) -> None:
    loaded = load_plan(shipped)
    assert api.as_of_date(loaded, None, 2, False, dt.date(2026, 1, 1)) == dt.date(2026, 6, 14)
