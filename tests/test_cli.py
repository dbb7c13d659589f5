"""The `cds` command as a school's officer uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Cds = Callable[..., Result]


def status_of(cds: Cds, plan: Path, indicator: str, *args: str) -> dict[str, object]:
    result = cds("status", "--json", "--plan", str(plan), *args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["indicators"]
    return next(row for row in rows if row["id"] == indicator)


def test_a_schools_spring(cds: Cds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """init -> two training sessions -> status before and after each, with exact figures."""
    monkeypatch.chdir(tmp_path)
    made = cds(
        "init",
        "--name",
        "Trường Tiểu học Xuân Hòa",
        "--code",
        "THXH",
        "--place",
        "Xuân Hòa",
        "--year",
        "2026",
    )
    assert made.exit_code == 0, made.output
    plan = tmp_path / "plans" / "2026-thxh.yaml"
    assert plan.is_file()
    # No plan date: progress is expected from 1 January to the year's cut-off, 14/12 (347 days).
    first = cds(
        "record", "ky-nang-so-co-ban", "10", "--date", "2026-03-20", "--note", "Tập huấn đợt 1"
    )
    assert first.exit_code == 0, first.output
    assert "10/31 = 32,3%" in first.stdout
    second = cds(
        "record", "ky-nang-so-co-ban", "25", "--date", "2026-04-25", "--note", "Tập huấn đợt 2"
    )
    assert second.exit_code == 0, second.output

    def at(day: str) -> tuple[object, ...]:
        row = status_of(cds, plan, "ky-nang-so-co-ban", "--as-of", day)
        return row["value"], row["count"], row["of"], row["status"], row["last_date"]

    assert at("2026-03-19") == (None, None, 31, "no_data", None)
    assert at("2026-03-20") == (32.26, 10, 31, "on_track", "2026-03-20")  # expected 22.48%
    assert at("2026-04-24") == (32.26, 10, 31, "behind", "2026-03-20")  # expected 32.56%
    assert at("2026-04-25") == (80.65, 25, 31, "on_track", "2026-04-25")


def test_status_json_has_exactly_the_contracts_keys(cds: Cds, shipped: Path) -> None:
    cds("record", "ky-nang-so-co-ban", "28", "--date", "2026-05-20", "--plan", str(shipped))
    result = cds("status", "--json", "--as-of", "2026-06-14", "--plan", str(shipped))
    payload = json.loads(result.stdout)
    assert (payload["plan"], payload["as_of"]) == ("Kế hoạch chuyển đổi số năm 2026", "2026-06-14")
    row = next(r for r in payload["indicators"] if r["id"] == "ky-nang-so-co-ban")
    assert row == {
        "id": "ky-nang-so-co-ban",
        "group": "2.3",
        "name": "Cán bộ, viên chức được bồi dưỡng kỹ năng số cơ bản",
        "kind": "ratio",
        "op": ">=",
        "target": 100,
        "stretch": None,
        "value": 90.32,
        "count": 28,
        "of": 31,
        "met": False,
        "stretch_met": None,
        "status": "on_track",
        "last_date": "2026-05-20",
        "owner": None,
    }


def test_status_json_has_count_and_of_for_ratios_only(cds: Cds, shipped: Path) -> None:
    result = cds("status", "--json", "--plan", str(shipped))
    rows = {r["id"]: r for r in json.loads(result.stdout)["indicators"]}
    assert "count" not in rows["thanh-toan-truc-tuyen"]
    assert rows["lam-chu-ky-nang-so"]["op"] == ">"


def test_status_quarter_means_the_end_of_its_window(cds: Cds, shipped: Path) -> None:
    result = cds("status", "--json", "--quarter", "2", "--plan", str(shipped))
    assert json.loads(result.stdout)["as_of"] == "2026-06-14"


def test_status_year_means_the_end_of_the_year_window(cds: Cds, shipped: Path) -> None:
    result = cds("status", "--json", "--year", "--plan", str(shipped))
    assert json.loads(result.stdout)["as_of"] == "2026-12-14"


def test_status_refuses_two_dates(cds: Cds, shipped: Path) -> None:
    result = cds("status", "--year", "--quarter", "2", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "Chỉ chọn một trong --as-of, --quarter, --year.",
    )


def test_status_refuses_quarter_5(cds: Cds, shipped: Path) -> None:
    result = cds("status", "--quarter", "5", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "Quý '5' không hợp lệ: ghi 1, 2, 3, 4 hoặc I, II, III, IV.",
    )


def test_status_table_shows_groups_statuses_and_deadline(cds: Cds, shipped: Path) -> None:
    cds("record", "ky-nang-so-co-ban", "28", "--date", "2026-05-20", "--plan", str(shipped))
    result = cds("status", "--as-of", "2026-06-14", "--plan", str(shipped))
    assert result.exit_code == 0
    for text in (
        "2.3. Về phát triển nguồn lực số",
        "28/31 = 90,3%",
        "Đang thực hiện",
        "Chưa có số liệu",
        "Báo cáo tiếp theo:",  # of today's date, whatever --as-of says (test_one_truth.py)
    ):
        assert text in result.stdout


def test_status_warns_of_old_data(cds: Cds, shipped: Path) -> None:
    cds("record", "ky-nang-so-co-ban", "28", "--date", "2026-05-20", "--plan", str(shipped))
    result = cds("status", "--as-of", "2026-07-20", "--plan", str(shipped))
    assert "⚠ 1 chỉ tiêu có số liệu cũ hơn 60 ngày" in result.stdout


def test_record_prints_the_new_standing(cds: Cds, shipped: Path) -> None:
    result = cds("record", "hoc-ba-so", "486", "--date", "2026-05-30", "--plan", str(shipped))
    assert result.exit_code == 0
    assert "hoc-ba-so: 486/486 = 100% — Đạt (kế hoạch 100%)" in result.stdout


def test_record_with_a_bad_value_writes_nothing(cds: Cds, shipped: Path) -> None:
    records = shipped.with_name("2026-xuan-tien.records.csv")
    cds("record", "hoc-ba-so", "400", "--date", "2026-05-30", "--plan", str(shipped))
    before = records.read_bytes()
    result = cds("record", "hoc-ba-so", "500", "--date", "2026-05-31", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "Giá trị 500 lớn hơn mẫu số 486. Kiểm tra lại số liệu, hoặc ghi mẫu số đúng vào cột 'of' (tùy chọn --of).",
    )
    assert records.read_bytes() == before


def test_record_refuses_an_unknown_indicator(cds: Cds, shipped: Path) -> None:
    result = cds("record", "hoc-ba", "4", "--plan", str(shipped))
    assert result.exit_code == 1
    assert (
        "Không có chỉ tiêu 'hoc-ba' trong kế hoạch. Có phải ý bạn là 'hoc-ba-so'?" in result.stderr
    )
    assert not shipped.with_name("2026-xuan-tien.records.csv").exists()


def test_record_refuses_a_bad_date(cds: Cds, shipped: Path) -> None:
    result = cds("record", "hoc-ba-so", "4", "--date", "31/04/2026", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "Ngày '31/04/2026' không có thật hoặc không đúng dạng ngày/tháng/năm. Ví dụ: 20/05/2026, 20/5/2026 hoặc 2026-05-20.",
    )


def test_record_refuses_when_earlier_records_of_the_indicator_are_broken(
    cds: Cds, shipped: Path
) -> None:
    records = shipped.with_name("2026-xuan-tien.records.csv")
    records.write_text("date,indicator,value,of,note\n2026-13-01,hoc-ba-so,4,,\n", encoding="utf-8")
    result = cds("record", "hoc-ba-so", "5", "--plan", str(shipped))
    assert result.exit_code == 1
    assert (
        f"{records}:2: Ngày '2026-13-01' không có thật hoặc không đúng dạng ngày/tháng/năm."
        in result.stderr
    )
    assert records.read_text(encoding="utf-8").count("\n") == 2


def test_record_keeps_a_note_on_one_line(cds: Cds, shipped: Path) -> None:
    cds("record", "tin-bai-cds", "2", "--note", "hai\ndòng\x07", "--plan", str(shipped))
    lines = (
        shipped.with_name("2026-xuan-tien.records.csv").read_text(encoding="utf-8-sig").splitlines()
    )
    assert lines[1].endswith(",tin-bai-cds,2,,hai dòng,,,")


def test_validate_passes_a_sound_plan(cds: Cds, shipped: Path) -> None:
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 0
    assert "hợp lệ: 21 chỉ tiêu, 0 kết quả đã ghi." in result.stdout


def test_validate_lists_every_problem_as_file_line_message(cds: Cds, shipped: Path) -> None:
    records = shipped.with_name("2026-xuan-tien.records.csv")
    records.write_text(
        "date,indicator,value,of,note\n2026-05-01,hoc-ba-so,999,,\n2026-05-02,khong-co,1,,\n",
        encoding="utf-8",
    )
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"{records}:2: Giá trị 999 lớn hơn mẫu số 486. Kiểm tra lại số liệu, hoặc ghi mẫu số đúng vào cột 'of' (tùy chọn --of).",
        f"{records}:3: Không có chỉ tiêu 'khong-co' trong kế hoạch. Xem danh sách mã bằng `cds status`.",
    ]


def test_validate_reports_plan_problems_with_lines(cds: Cds, shipped: Path) -> None:
    shipped.write_text(
        shipped.read_text(encoding="utf-8").replace("kind: percent", "kind: percen", 1),
        encoding="utf-8",
    )
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{shipped}:131: 'kind' phải là một trong:")


def test_history_lists_records_oldest_first(cds: Cds, shipped: Path) -> None:
    cds(
        "record",
        "tin-bai-cds",
        "3",
        "--date",
        "2026-06-30",
        "--note",
        "Tháng 6",
        "--plan",
        str(shipped),
    )
    cds(
        "record",
        "tin-bai-cds",
        "4",
        "--date",
        "2026-05-31",
        "--evidence",
        "web",
        "--plan",
        str(shipped),
    )
    result = cds("history", "tin-bai-cds", "--plan", str(shipped))
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("31/05/2026") < out.index("30/06/2026")
    assert "Tháng 6" in out and "web" in out


def test_history_of_an_indicator_without_records_says_how_to_add_one(
    cds: Cds, shipped: Path
) -> None:
    result = cds("history", "tin-bai-cds", "--plan", str(shipped))
    assert (
        result.stdout.strip()
        == "Chỉ tiêu 'tin-bai-cds' chưa có kết quả nào. Ghi bằng: cds record tin-bai-cds GIÁ_TRỊ"
    )


def test_plan_is_found_in_plans_folder(
    cds: Cds, school: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(school)
    monkeypatch.delenv("CDS_PLAN", raising=False)
    assert cds("validate").exit_code == 0


def test_plan_from_environment_variable(
    cds: Cds, shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CDS_PLAN", str(shipped))
    assert cds("validate").exit_code == 0


def test_several_plans_are_listed(cds: Cds, school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(school)
    monkeypatch.delenv("CDS_PLAN", raising=False)
    plan = (school / "plans" / "2026-xuan-tien.yaml").read_text(encoding="utf-8")
    (school / "plans" / "2027-xuan-tien.yaml").write_text(plan, encoding="utf-8")  # both 2026
    result = cds("status")
    assert result.exit_code == 1
    assert "2026-xuan-tien.yaml, 2027-xuan-tien.yaml" in result.stderr


def test_no_plan_says_what_to_do(cds: Cds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CDS_PLAN", raising=False)
    result = cds("status")
    assert result.exit_code == 1
    assert "cds init" in result.stderr


def test_missing_plan_file_is_a_clear_error(cds: Cds, tmp_path: Path) -> None:
    result = cds("status", "--plan", str(tmp_path / "khong-co.yaml"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Không tìm thấy tệp {tmp_path / 'khong-co.yaml'}.")


def test_init_refuses_to_overwrite(cds: Cds, school: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(school)
    result = cds("init", "--name", "X", "--code", "xuan-tien", "--place", "Y", "--year", "2026")
    assert result.exit_code == 1
    assert "đã có; không ghi đè" in result.stderr


def test_init_replaces_the_school_and_drops_the_plans_number(cds: Cds, tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    result = cds(
        "init",
        "--name",
        "Trường THCS Hải Hậu",
        "--code",
        "THCSHH",
        "--place",
        "Hải Hậu",
        "--year",
        "2027",
        "--parent",
        "UBND xã Hải Hậu",
        "--head",
        "Trần Văn An",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "name: Trường THCS Hải Hậu" in text
    assert "head: {title: Hiệu trưởng, name: Trần Văn An}" in text
    assert "year: 2027" in text and "153/KH-THXT" not in text
    assert "due: 2027-10-10" in text
    assert "# SỐ LIỆU MẪU" in text  # the comments come along


def test_usage_errors_exit_2(cds: Cds) -> None:
    assert cds("record").exit_code == 2


def test_english_messages_with_cds_lang_en(shipped: Path) -> None:
    env = {**os.environ, "CDS_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-m", "cds_tracker", "record", "hoc-ba", "4", "--plan", str(shipped)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "The plan has no indicator 'hoc-ba'. Did you mean 'hoc-ba-so'?" in result.stderr


def test_console_script_never_prints_a_traceback_on_bad_yaml(shipped: Path) -> None:
    shipped.write_text("school: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cds_tracker", "status", "--plan", str(shipped)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{shipped}:2: Lỗi cú pháp YAML")


def test_init_keeps_lock_files_out_of_git(
    cds: Cds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cds("init", "--name", "Trường A", "--code", "TA", "--place", "X", "--year", "2026")
    assert "*.lock" in (tmp_path / "plans" / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_an_unforeseen_error_is_a_message_not_a_traceback(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker import api

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "status", boom)
    result = cds("status", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.startswith("Lỗi không mong đợi (RuntimeError: boom).")
    assert "Traceback" not in result.stderr


def test_help_is_in_vietnamese(cds: Cds) -> None:
    result = cds("record", "--help")
    for text in (
        "Cách dùng: cds record [TÙY_CHỌN] {MÃ_CHỈ_TIÊU} [GIÁ_TRỊ]",
        "Tham số",
        "Tùy chọn",
        "--date NGÀY",
        "Xem hướng dẫn này rồi thoát.",
    ):
        assert text in result.stdout
    for english in ("Usage:", "Options", "Arguments", "Show this message"):
        assert english not in result.stdout


def test_a_missing_argument_is_said_in_vietnamese(cds: Cds) -> None:
    result = cds("record")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Lỗi: Thiếu 'MÃ_CHỈ_TIÊU'."


def test_a_mistyped_option_suggests_the_right_one(cds: Cds) -> None:
    result = cds("status", "--quater", "2")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1]
        == "Lỗi: Không có tùy chọn --quater. Có phải ý bạn là: --quarter?"
    )


def test_a_bad_number_option_is_said_in_vietnamese(cds: Cds) -> None:
    result = cds("init", "--name", "A", "--code", "A", "--place", "A", "--year", "hai")
    assert (
        result.stderr.splitlines()[-1]
        == "Lỗi: Giá trị của '--year' không hợp lệ: 'hai' không phải số nguyên."
    )


def test_a_mistyped_command_suggests_the_right_one(cds: Cds) -> None:
    result = cds("statu")
    assert (
        result.stderr.splitlines()[-1] == "Lỗi: Không có lệnh 'statu'. Có phải ý bạn là: 'status'?"
    )


def test_status_json_imports_nothing_heavy(shipped: Path) -> None:
    """The status path stays light: no report stack, no lock, no YAML or pydantic once cached."""
    import os

    heavy = (
        "docx",
        "docxtpl",
        "jinja2",
        "filelock",
        "rich.console",
        "ruamel.yaml",
        "pydantic.main",
        "matplotlib",
        "cds_tracker.domain.rollup",  # a commune's dataclasses: 4 ms a school's command
    )
    run = [sys.executable, "-m", "cds_tracker", "status", "--json", "--plan", str(shipped)]
    subprocess.run(run, capture_output=True, check=True, env=os.environ)  # fills the plan cache
    probe = (
        "import sys, runpy; sys.argv = ['cds', 'status', '--json', '--plan', sys.argv[1]]\n"
        "try:\n    runpy.run_module('cds_tracker', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"sys.stderr.write(repr(sorted(m for m in {heavy!r} if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(shipped)],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_a_command_named_first_is_run_by_an_app_holding_it_alone() -> None:
    from cds_tracker import cli

    alone = cli._for(["cds", "status", "--json"])
    assert [info.callback.__name__ for info in alone.registered_commands if info.callback] == [
        "status"
    ]
    assert (cli._for(["cds", "statu"]), cli._for(["cds", "--version"])) == (cli.app, cli.app)


@pytest.mark.parametrize("command", ["status", "record", "rollup", "report", "people"])
def test_a_command_alone_says_the_same_help_as_in_the_whole_app(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker import cli

    monkeypatch.setenv("COLUMNS", "100")
    said = []
    for app in (cli._for(["cds", command]), cli.app):
        with pytest.raises(SystemExit):
            app([command, "--help"], prog_name="cds")
        said.append(capsys.readouterr().out)
    assert said[0] == said[1]
