"""Faults and bad input: nothing acknowledged is lost, every mistake gets a clear answer."""

from __future__ import annotations

import datetime as dt
import errno
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner, Result

from cds_tracker import api
from cds_tracker.checks.problem import CdsError
from cds_tracker.cli import app
from cds_tracker.store import csvfile, files, records
from cds_tracker.store.planfile import load_plan
from tests.conftest import ROOT, SHIPPED_PLAN

Cds = Callable[..., Result]
POSIX = os.name == "posix"


def cds_process(plan: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cds_tracker", *args, "--plan", str(plan)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def notes_in(plan: Path) -> list[str]:
    found = records.read(plan.with_name("2026-xuan-tien.records.csv"), load_plan(plan).plan)
    assert found.problems == []
    return [m.note for m in found.measurements]


# --- concurrent writers and crashes -----------------------------------------------------------


def test_thirty_concurrent_records_all_land_exactly_once(shipped: Path) -> None:
    procs = [
        cds_process(shipped, "record", "tin-bai-cds", "1", "--note", f"p{i}") for i in range(30)
    ]
    outcomes = [(p.wait(120), p.stderr.read() if p.stderr else "") for p in procs]
    acknowledged = [f"p{i}" for i, (code, _) in enumerate(outcomes) if code == 0]
    refused = [err for code, err in outcomes if code != 0]
    assert all(code in (0, 1) for code, _ in outcomes)
    assert all(err.strip() and "Traceback" not in err for err in refused)
    assert sorted(notes_in(shipped)) == sorted(acknowledged)
    assert len(acknowledged) == 30


@pytest.mark.skipif(not POSIX, reason="SIGKILL is POSIX")
def test_killed_records_leave_no_partial_line_and_lose_no_acknowledged_one(shipped: Path) -> None:
    # The file exists from the start: on a busy machine every process may be killed before the
    # first one creates it, and a missing file is not what this test is about.
    shipped.with_name("2026-xuan-tien.records.csv").write_text(
        "date,indicator,value,of,note,evidence,attendees,scope\n", encoding="utf-8"
    )
    rng = random.Random(20260529)
    acknowledged = []
    for i in range(16):
        proc = cds_process(shipped, "record", "tin-bai-cds", "1", "--note", f"k{i}")
        time.sleep(rng.uniform(0.0, 0.7))
        proc.send_signal(signal.SIGKILL)
        if proc.wait(30) == 0:
            acknowledged.append(f"k{i}")
    written = notes_in(shipped)  # every line parses: no partial line
    assert set(acknowledged) <= set(written)
    assert len(written) == len(set(written))
    raw = shipped.with_name("2026-xuan-tien.records.csv").read_bytes()
    assert raw.endswith(b"\n") or raw.count(b"\n") == 0


@pytest.mark.skipif(not POSIX, reason="SIGKILL is POSIX")
def test_a_killed_report_leaves_the_old_file_or_the_new_one(shipped: Path, school: Path) -> None:
    target = school / "reports" / "r.docx"
    first = api.report(
        shipped, quarter=2, year=False, issue_date=dt.date(2026, 6, 12), output=target
    )
    old = first.path.read_bytes()
    rng = random.Random(7)
    for _ in range(6):
        proc = cds_process(shipped, "report", "--quarter", "2", "--force", "--output", str(target))
        time.sleep(rng.uniform(0.2, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        data = target.read_bytes()
        assert data == old or zipfile.is_zipfile(target)
        Document(str(target))  # opens: whole, never damaged


def test_a_held_lock_makes_record_wait_then_say_so(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    records_file = shipped.with_name("2026-xuan-tien.records.csv")
    monkeypatch.setattr(csvfile, "LOCK_TIMEOUT_S", 0.2)
    with FileLock(str(records_file) + ".lock"), pytest.raises(CdsError) as caught:
        api.record(shipped, "tin-bai-cds", "1", day=dt.date(2026, 6, 1), today=dt.date(2026, 6, 1))
    assert caught.value.problems[0].message == (
        f"Tệp {records_file} đang được một lệnh khác ghi; hãy thử lại sau giây lát."
    )
    assert not records_file.exists()


# --- files edited by hand ---------------------------------------------------------------------


def test_a_legacy_encoded_records_file_is_refused_and_left_alone(cds: Cds, shipped: Path) -> None:
    records_file = shipped.with_name("2026-xuan-tien.records.csv")
    records_file.write_bytes(
        "date,indicator,value,of,note\n2026-05-01,tin-bai-cds,1,,Đào\n".encode("cp1258")
    )
    before = records_file.read_bytes()
    result = cds("record", "tin-bai-cds", "2", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "không phải mã UTF-8" in result.stderr and "CSV UTF-8" in result.stderr
    assert records_file.read_bytes() == before


def test_nfd_typed_on_the_command_line_is_stored_as_nfc(cds: Cds, shipped: Path) -> None:
    cds(
        "record",
        "tin-bai-cds",
        "2",
        "--note",
        unicodedata.normalize("NFD", "Tập huấn"),
        "--plan",
        str(shipped),
    )
    assert notes_in(shipped) == ["Tập huấn"]


def test_quoted_fields_with_commas_and_newlines_survive_a_round_trip(
    cds: Cds, shipped: Path
) -> None:
    records_file = shipped.with_name("2026-xuan-tien.records.csv")
    records_file.write_text(
        'date,indicator,value,of,note\n2026-05-01,tin-bai-cds,1,,"a, b\nc"\n', encoding="utf-8"
    )
    assert (
        cds("record", "tin-bai-cds", "2", "--note", "d, e", "--plan", str(shipped)).exit_code == 0
    )
    assert notes_in(shipped) == ["a, b\nc", "d, e"]


def test_windows_separators_in_the_plans_template_path(shipped: Path, school: Path) -> None:
    (school / "mau").mkdir()
    (school / "mau" / "bao-cao.docx").write_bytes(
        (ROOT / "templates" / "bao-cao-cds.docx").read_bytes()
    )
    text = shipped.read_text(encoding="utf-8").replace(
        "groups:", "report:\n  template: ..\\mau\\bao-cao.docx\ngroups:", 1
    )
    shipped.write_text(text, encoding="utf-8")
    loaded = load_plan(shipped)
    assert (
        api.report_template(loaded, None).resolve() == (school / "mau" / "bao-cao.docx").resolve()
    )


# --- hostile or broken plans ------------------------------------------------------------------


def test_a_huge_plan_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * 3_000_000 + "\n", encoding="utf-8")
    with pytest.raises(CdsError) as caught:
        load_plan(path)
    assert caught.value.problems[0].message.startswith("Tệp quá lớn")


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(st.text(max_size=12), max_size=9), max_size=8))
def test_random_records_give_only_located_problems(tmp_path: Path, rows: list[list[str]]) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "indicator", "value", "of", "note", "evidence", "attendees", "scope"])
    writer.writerows(rows)
    path = tmp_path / "fuzz.records.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    plan = load_plan(SHIPPED_PLAN).plan
    found = records.read(path, plan)
    assert all(p.line is not None and p.line >= 2 for p in found.problems)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.text(max_size=10),
    date=st.text(max_size=12),
    of=st.text(max_size=6),
    indicator=st.sampled_from(
        ["tin-bai-cds", "ky-nang-so-co-ban", "csdl-nganh", "muc-do-cds", "x"]
    ),
)
def test_random_command_lines_never_raise(
    shipped: Path, value: str, date: str, of: str, indicator: str
) -> None:
    runner = CliRunner()
    args = ["record", indicator, value, "--date", date, "--of", of, "--plan", str(shipped)]
    result = runner.invoke(app, args, catch_exceptions=True)
    assert result.exit_code in (0, 1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    notes_in(shipped)  # whatever was accepted still reads back


# --- permissions and disks --------------------------------------------------------------------


def test_a_read_only_records_file_is_a_clear_error(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records_file = shipped.with_name("2026-xuan-tien.records.csv")
    records_file.write_text(
        "date,indicator,value,of,note,evidence,attendees,scope\n", encoding="utf-8"
    )

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(csvfile.os, "open", refuse)  # as Windows does while Excel holds the file
    result = cds("record", "tin-bai-cds", "2", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Không ghi được tệp {records_file}: không có quyền ghi hoặc đọc."
    )
    assert "không đang mở trong Excel" in result.stderr
    assert (
        records_file.read_text(encoding="utf-8")
        == "date,indicator,value,of,note,evidence,attendees,scope\n"
    )


def test_a_full_disk_while_appending_changes_nothing(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records_file = shipped.with_name("2026-xuan-tien.records.csv")
    records_file.write_text(
        "date,indicator,value,of,note,evidence,attendees,scope\n", encoding="utf-8"
    )

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "ổ đĩa đã đầy")

    monkeypatch.setattr(csvfile.os, "write", full)
    result = cds("record", "tin-bai-cds", "2", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "ổ đĩa đã đầy" in result.stderr
    assert (
        records_file.read_text(encoding="utf-8")
        == "date,indicator,value,of,note,evidence,attendees,scope\n"
    )


def test_a_full_disk_while_writing_a_report_keeps_the_old_one(
    shipped: Path, school: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = school / "reports" / "r.docx"
    target.parent.mkdir()
    target.write_bytes(b"old report")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "ổ đĩa đã đầy")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(CdsError) as caught:
        api.report(
            shipped,
            quarter=2,
            year=False,
            issue_date=dt.date(2026, 6, 12),
            output=target,
            force=True,
        )
    assert "ổ đĩa đã đầy" in caught.value.problems[0].message
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in target.parent.iterdir()) == ["r.docx"]


def test_an_unwritable_reports_folder_is_a_clear_error(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = cds("report", "--quarter", "2", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "Không ghi được tệp" in result.stderr and "không có quyền ghi hoặc đọc" in result.stderr


def test_a_plan_in_a_missing_folder_is_named(cds: Cds, tmp_path: Path) -> None:
    result = cds("validate", "--plan", str(tmp_path / "khong-co" / "plan.yaml"))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        f"Không tìm thấy tệp {tmp_path / 'khong-co' / 'plan.yaml'}. Kiểm tra lại đường dẫn.",
    )


# --- validate as a gate -----------------------------------------------------------------------


def test_validate_names_records_outside_the_plan_year(cds: Cds, shipped: Path) -> None:
    records_file = shipped.with_name("2026-xuan-tien.records.csv")
    records_file.write_text(
        "date,indicator,value,of,note\n2025-05-01,tin-bai-cds,1,,\n", encoding="utf-8"
    )
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{records_file}:2: Ngày 01/05/2025 nằm ngoài kỳ số liệu năm 2026 (15/12/2025–14/12/2026)."
    )


def test_validate_checks_the_roster_too(cds: Cds, shipped: Path) -> None:
    roster = shipped.with_name("2026-xuan-tien.people.csv")
    roster.write_text("id,name,role\ngv01,A,gv\ngv01,B,gv\n", encoding="utf-8")
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 1
    assert f"{roster}:3: Mã người 'gv01' bị trùng (đã có ở dòng 2)." in result.stderr


def test_validate_names_a_denominator_smaller_than_a_recorded_count(
    cds: Cds, shipped: Path
) -> None:
    records_file = shipped.with_name("2026-xuan-tien.records.csv")
    records_file.write_text(
        "date,indicator,value,of,note\n2026-05-01,cbql-chu-ky-so,3,,\n", encoding="utf-8"
    )
    shipped.write_text(
        shipped.read_text(encoding="utf-8").replace("managers: 3 ", "managers: 2 "),
        encoding="utf-8",
    )
    result = cds("validate", "--plan", str(shipped))
    assert f"{records_file}:2: Giá trị 3 lớn hơn mẫu số 2." in result.stderr


def test_pre_commit_hook_runs_cds_validate() -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"], h["pass_filenames"]) for h in hooks] == [
        ("cds-validate", "cds validate", False)
    ]
