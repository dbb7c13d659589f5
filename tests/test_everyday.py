"""Every day, second pass (#22): undo, the history git keeps for the officer, the demo with cds
alone, messages that name the cause, who answers for an indicator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import ROOT, SHIPPED_PLAN

Cds = Callable[..., Result]
HEADER = "date,indicator,value,of,note,evidence,attendees,scope\n"
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def records_of(plan: Path) -> Path:
    return plan.with_name(plan.stem + ".records.csv")


def run(*args: str, cwd: Path, **options: object) -> subprocess.CompletedProcess[str]:
    """`cds` in a process of its own, in `cwd`, stdin not a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "cds_tracker", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        stdin=subprocess.DEVNULL,
        **options,  # type: ignore[arg-type]
    )


def git(folder: Path, *args: str) -> str:
    assert GIT is not None
    done = subprocess.run([GIT, "-C", str(folder), *args], capture_output=True, text=True)
    return done.stdout


# --- undo ---------------------------------------------------------------------------------------


def test_undo_removes_the_newest_record_and_says_which(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(
        HEADER + "2026-05-01,tin-bai-cds,2,,Tin tháng 5,,,\n2026-05-02,tin-bai-cds,30,,,,,\n",
        encoding="utf-8",
    )
    result = cds("undo", "--yes", "--plan", str(shipped))
    assert result.exit_code == 0
    assert result.stdout.startswith("Đã xóa dòng 3 của ")
    assert result.stdout.rstrip().endswith(": 2026-05-02, tin-bai-cds, 30")
    assert records_of(shipped).read_text(encoding="utf-8") == (
        HEADER + "2026-05-01,tin-bai-cds,2,,Tin tháng 5,,,\n"
    )


def test_undo_keeps_every_other_byte(cds: Cds, shipped: Path) -> None:
    kept = "\ufeffdate;indicator;value\r\n01/05/2026;tin-bai-cds;2\r\n"
    records_of(shipped).write_bytes((kept + "02/05/2026;tin-bai-cds;3\r\n\r\n").encode("utf-8"))
    assert cds("undo", "--yes", "--plan", str(shipped)).exit_code == 0
    assert records_of(shipped).read_bytes() == kept.encode("utf-8")


def test_undo_takes_a_note_of_two_lines_as_one_record(cds: Cds, shipped: Path) -> None:
    first = HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n"
    two_lines = '2026-05-02,tin-bai-cds,3,,"Dòng một\nDòng hai",,,\n'
    records_of(shipped).write_text(first + two_lines, encoding="utf-8")
    assert cds("undo", "--yes", "--plan", str(shipped)).exit_code == 0
    assert records_of(shipped).read_text(encoding="utf-8") == first


def test_undo_removes_a_last_line_with_a_stray_quote(cds: Cds, shipped: Path) -> None:
    first = HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n"
    records_of(shipped).write_text(first + '2026-05-02,tin-bai-cds,3,,"Bài hay,,,\n', "utf-8")
    assert cds("undo", "--yes", "--plan", str(shipped)).exit_code == 0
    assert records_of(shipped).read_text(encoding="utf-8") == first


def test_undo_of_an_empty_file_says_so(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(HEADER, encoding="utf-8")
    result = cds("undo", "--yes", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "chưa có kết quả nào để xóa" in result.stderr
    assert records_of(shipped).read_text(encoding="utf-8") == HEADER


def test_undo_outside_a_terminal_needs_yes(shipped: Path, school: Path) -> None:
    records_of(shipped).write_text(HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n", encoding="utf-8")
    done = run("undo", "--plan", str(shipped), cwd=school)
    assert done.returncode == 1
    assert done.stderr.startswith("cds undo xóa một kết quả: khi không chạy trên màn hình lệnh")
    assert records_of(shipped).read_text(encoding="utf-8").count("\n") == 2


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal is a POSIX thing")
@pytest.mark.parametrize(("answer", "lines"), [("c\n", 1), ("\n", 2)])
def test_undo_at_a_terminal_asks_first(shipped: Path, answer: str, lines: int) -> None:
    import pty

    records_of(shipped).write_text(HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n", encoding="utf-8")
    command = [sys.executable, "-m", "cds_tracker", "undo", "--plan", str(shipped)]
    pid, fd = pty.fork()
    if pid == 0:  # the child: cds at a terminal
        os.execv(sys.executable, command)
    os.write(fd, answer.encode())
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.waitpid(pid, 0)
    assert "Xóa kết quả này?" in seen.decode("utf-8", "replace")
    assert records_of(shipped).read_text(encoding="utf-8").count("\n") == lines


def test_the_shipped_sample_refuses_records() -> None:
    done = run("record", "tin-bai-cds", "1", "--plan", str(SHIPPED_PLAN), cwd=ROOT)
    assert done.returncode == 1
    assert "là kế hoạch mẫu đi kèm cds, không phải kế hoạch của trường" in done.stderr
    assert not records_of(SHIPPED_PLAN).exists()


# --- git keeps the history ------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A school's folder made by `cds init --folder`, in a path with spaces and Vietnamese."""
    made = tmp_path / "Kế hoạch CĐS 2026"
    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(tmp_path / "no-gitconfig")}
    done = run(
        "init", "--folder", str(made), "--name", "Trường Tiểu học Xuân Hòa", "--code", "THXH",
        "--place", "Xuân Hòa", "--year", "2026", cwd=tmp_path, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return made


def _env(folder: Path) -> dict[str, str]:
    return {**os.environ, "GIT_CONFIG_GLOBAL": str(folder.parent / "no-gitconfig")}


@needs_git
def test_init_commits_the_new_plan(folder: Path) -> None:
    assert git(folder, "log", "--format=%s").splitlines() == [
        "Tạo kế hoạch chuyển đổi số năm 2026 của Trường Tiểu học Xuân Hòa"
    ]
    assert git(folder, "ls-files").split() == ["plans/.gitignore", "plans/2026-thxh.yaml"]


@needs_git
def test_record_undo_and_people_add_commit_what_they_changed(folder: Path) -> None:
    env = _env(folder)
    assert (
        run("record", "tin-bai-cds", "4", "--date", "20/05/2026", cwd=folder, env=env).returncode
        == 0
    )
    assert run("undo", "--yes", cwd=folder, env=env).returncode == 0
    assert run("people", "add", "gv01", "Nguyễn Thị Hoa", "gv", cwd=folder, env=env).returncode == 0
    assert git(folder, "log", "--format=%s").splitlines()[:3] == [
        "Thêm người gv01 (gv) vào danh sách",
        "Xóa kết quả ghi nhầm tin-bai-cds: 4 (20/05/2026)",
        "Ghi kết quả tin-bai-cds: 4 (20/05/2026)",
    ]
    assert git(folder, "status", "--porcelain") == ""


@needs_git
def test_history_says_when_each_record_was_committed(folder: Path) -> None:
    env = _env(folder)
    run("record", "tin-bai-cds", "4", "--date", "20/05/2026", cwd=folder, env=env)
    done = run("history", "tin-bai-cds", cwd=folder, env={**env, "COLUMNS": "150"})
    assert "Lưu vào git" in done.stdout
    header, row = [
        line for line in done.stdout.splitlines() if "20/05/2026" in line or "Ngày" in line
    ]
    assert row.split()[-2].count("/") == 2  # the commit's day, dd/mm/yyyy


@needs_git
def test_git_config_cds_commit_false_turns_it_off(folder: Path) -> None:
    git(folder, "config", "cds.commit", "false")
    run("record", "tin-bai-cds", "4", "--date", "20/05/2026", cwd=folder, env=_env(folder))
    assert len(git(folder, "log", "--format=%s").splitlines()) == 1
    assert git(folder, "status", "--porcelain").strip() == "?? plans/2026-thxh.records.csv"


@needs_git
def test_a_repository_cds_did_not_make_is_never_committed_to(cds: Cds, shipped: Path) -> None:
    folder = shipped.parent.parent
    git(folder, "init", "-q")
    cds("record", "tin-bai-cds", "4", "--plan", str(shipped))
    assert git(folder, "log", "--format=%s") == ""


@needs_git
def test_a_failed_commit_is_a_warning_and_the_record_stays(folder: Path) -> None:
    hooks = folder / ".git" / "index.lock"
    hooks.write_text("", encoding="utf-8")  # another git is running: the commit cannot happen
    done = run("record", "tin-bai-cds", "4", "--date", "20/05/2026", cwd=folder, env=_env(folder))
    assert done.returncode == 0
    assert "Cảnh báo: đã ghi tệp, nhưng chưa lưu được vào lịch sử git" in done.stderr
    assert ",tin-bai-cds,4," in records_of(folder / "plans" / "2026-thxh.yaml").read_text("utf-8")


# --- the demo with cds alone --------------------------------------------------------------------


def test_the_demo_runs_from_an_installed_wheel(tmp_path: Path) -> None:
    """Built and unpacked as pip would install it: the demo's data must be inside the wheel."""
    pytest.importorskip("hatchling", reason="hatchling builds the wheel (pip install -e '.[test]')")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    work = tmp_path / "Thư mục thử"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [sys.executable, "-c", "import cds_tracker; print(cds_tracker.__file__)"],
        capture_output=True, text=True, env=env, cwd=work,
    )  # fmt: skip
    assert probe.stdout.startswith(str(site))
    done = run("demo", cwd=work, env=env)
    assert done.returncode == 0, done.stderr
    assert "$ cds record ky-nang-so-co-ban --attendees cbql01" in done.stdout
    assert '--note "Tập huấn kỹ năng số, đợt 1"' in done.stdout
    assert (work / "cds-demo" / "reports" / "bao-cao-cds-thxt-2026-quy-2.docx").is_file()


def test_the_demo_never_replaces_a_folder_it_did_not_make(cds: Cds, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "ke-hoach.docx").write_bytes(b"x")
    result = cds("demo", "--folder", str(tmp_path / "mine"))
    assert result.exit_code == 1
    assert (tmp_path / "mine" / "ke-hoach.docx").read_bytes() == b"x"


# --- messages that name the cause ---------------------------------------------------------------


def test_a_records_file_saved_in_the_wrong_encoding_says_so(cds: Cds, shipped: Path) -> None:
    text = "\ufeff" + HEADER + "2026-05-01,tin-bai-cds,2,,Tập huấn,,,\n"
    records_of(shipped).write_bytes(text.encode("utf-8").decode("cp1252").encode("utf-8"))
    result = cds("status", "--json", "--plan", str(shipped))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["problems"][0]["code"] == "csv-wrong-encoding"
    assert "Tệp đã bị lưu lại với bảng mã khác" in result.stderr


def test_a_workbook_saved_as_csv_says_so(cds: Cds, shipped: Path) -> None:
    with zipfile.ZipFile(records_of(shipped), "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/workbook.xml", "<workbook>" + "x" * 500 + "</workbook>")
    result = cds("status", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "Đây là một bảng tính Excel (.xlsx/.xls) lưu dưới tên .csv" in result.stderr
    assert '"CSV UTF-8 (Comma delimited) (*.csv)"' in result.stderr


def test_a_note_without_quotes_hints_at_them(cds: Cds, shipped: Path) -> None:
    result = cds("record", "tin-bai-cds", "1", "--note", "Tập", "huấn", "--plan", str(shipped))
    assert result.exit_code == 2
    assert 'đặt cả ghi chú trong ngoặc kép: --note "Tập huấn đợt 3"' in result.stderr


def test_commands_run_from_inside_plans_find_the_plan(shipped: Path) -> None:
    done = run("status", "--json", cwd=shipped.parent)
    assert done.returncode == 0
    assert json.loads(done.stdout)["plan"] == "Kế hoạch chuyển đổi số năm 2026"


def test_a_date_of_next_years_plan_points_to_it(cds: Cds, shipped: Path) -> None:
    text = shipped.read_text(encoding="utf-8").replace("year: 2026", "year: 2027", 1)
    text = text.replace("2026-", "2027-")  # the plan's date and the indicators' due dates
    following = shipped.with_name("2027-xuan-tien.yaml")
    following.write_text(text, encoding="utf-8")
    result = cds("record", "tin-bai-cds", "1", "--date", "20/12/2026", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Ngày 20/12/2026 thuộc kế hoạch năm 2027 ({following})")
    assert f"thêm --plan {following}" in result.stderr


def test_a_report_of_two_periods_says_only_one(cds: Cds, shipped: Path) -> None:
    result = cds("report", "--quarter", "2", "--year", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.startswith("Chỉ chọn một kỳ báo cáo: --quarter N hoặc --year")


def test_a_refused_report_says_none_was_written(cds: Cds, shipped: Path, school: Path) -> None:
    records_of(shipped).write_text(HEADER + "2026-05-01,khong-co,1,,,,,\n", encoding="utf-8")
    result = cds("report", "--quarter", "2", "--plan", str(shipped))
    assert result.exit_code == 1
    assert (
        "Chưa lập báo cáo: số liệu báo cáo phải là số liệu nhà trường đã kiểm tra" in result.stderr
    )
    assert not (school / "reports").exists()


def test_pdf_only_replaces_an_earlier_pdf(
    cds: Cds, shipped: Path, school: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.output.report import render

    assert cds("report", "--quarter", "2", "--plan", str(shipped)).exit_code == 0
    docx = school / "reports" / "bao-cao-cds-thxt-2026-quy-2.docx"
    docx.with_suffix(".pdf").write_bytes(b"%PDF old")
    monkeypatch.setattr(render, "libreoffice", lambda: None)  # stops at the converter, not before
    result = cds("report", "--quarter", "2", "--pdf-only", "--plan", str(shipped))
    assert "đã có; không ghi đè" not in result.stderr
    assert "LibreOffice" in result.stderr


def test_publish_says_where_to_put_the_page(cds: Cds, shipped: Path) -> None:
    result = cds("publish", "--plan", str(shipped))
    assert result.exit_code == 0
    assert "README" not in result.stdout
    assert "chuyển khung soạn thảo sang chế độ mã nguồn (HTML)" in result.stdout


# --- who answers for an indicator, levels, one vocabulary ----------------------------------------


def _with_owner(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    marker = "  - id: tin-bai-cds\n"
    plan.write_text(text.replace(marker, marker + "    owner: Phó Hiệu trưởng\n"), "utf-8")


def test_status_owner_keeps_that_owners_indicators(cds: Cds, shipped: Path) -> None:
    _with_owner(shipped)
    result = cds("status", "--json", "--owner", "phó hiệu trưởng", "--plan", str(shipped))
    rows = json.loads(result.stdout)["indicators"]
    assert [(r["id"], r["owner"]) for r in rows] == [("tin-bai-cds", "Phó Hiệu trưởng")]


def test_the_reports_table_notes_the_owner(shipped: Path) -> None:
    import datetime as dt

    from docx import Document

    from cds_tracker import api

    _with_owner(shipped)
    made = api.report(shipped, quarter=2, year=False, issue_date=dt.date(2026, 6, 12))
    cells = [
        c.text for table in Document(str(made.path)).tables for row in table.rows for c in row.cells
    ]
    assert "Phụ trách: Phó Hiệu trưởng" in cells


@pytest.mark.parametrize("value", ["0", "4"])
def test_a_level_outside_the_scale_is_refused(cds: Cds, shipped: Path, value: str) -> None:
    result = cds("record", "muc-do-cds", value, "--plan", str(shipped))
    assert result.exit_code == 1
    assert f"Mức {value} không có: chỉ tiêu 'muc-do-cds' tính theo mức 1 đến 3." in result.stderr
    assert not records_of(shipped).exists()


def test_a_recorded_level_outside_the_scale_is_a_problem_row(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(HEADER + "2026-05-01,muc-do-cds,4,,,,,\n", encoding="utf-8")
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 1
    assert f"{records_of(shipped)}:2: Mức 4 không có" in result.stderr


@pytest.mark.parametrize("word", ["chậm", "Chậm tiến độ", "cham", "behind"])
def test_only_takes_the_words_the_table_shows(cds: Cds, shipped: Path, word: str) -> None:
    records_of(shipped).write_text(HEADER + "2026-03-20,ky-nang-so-co-ban,1,,,,,\n", "utf-8")
    result = cds(
        "status", "--json", "--only", word, "--as-of", "2026-06-14", "--plan", str(shipped)
    )
    assert result.exit_code == 0
    assert {r["status"] for r in json.loads(result.stdout)["indicators"]} == {"behind"}


def test_only_refuses_a_word_that_names_two_states(cds: Cds, shipped: Path) -> None:
    result = cds("status", "--only", "chưa", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.startswith("Tình trạng 'chưa' không có; chọn một trong: met (Đạt)")


def test_the_summary_uses_the_columns_words(cds: Cds, shipped: Path) -> None:
    result = cds("status", "--plan", str(shipped))
    summary = next(line for line in result.stdout.splitlines() if line.startswith("Tổng:"))
    assert "đang thực hiện" in summary and "đúng tiến độ" not in summary
