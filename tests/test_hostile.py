"""Hostile input and faults, second pass: no acknowledged record hidden, torn or duplicated."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import Result

from cds_tracker import api
from cds_tracker.checks.problem import CdsError, Problem
from cds_tracker.output.report import render
from cds_tracker.store import cache, csvfile, records
from cds_tracker.store.planfile import load_plan
from tests.conftest import SHIPPED_PLAN

Cds = Callable[..., Result]
POSIX = os.name == "posix"
HEADER = "date,indicator,value,of,note,evidence,attendees,scope\n"


def records_of(plan: Path) -> Path:
    return plan.with_name(plan.stem + ".records.csv")


def people_of(plan: Path) -> Path:
    return plan.with_name(plan.stem + ".people.csv")


def status_json(cds: Cds, plan: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = cds("status", "--json", "--as-of", "2026-06-14", *args, "--plan", str(plan))
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def run_cds(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """`cds` in a process of its own (for signals, limits and timing)."""
    command = [sys.executable, "-m", "cds_tracker", *args]
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", timeout=60, **options
    )


def value_of(payload: dict, indicator: str) -> object:  # type: ignore[type-arg]
    return next(i["value"] for i in payload["indicators"] if i["id"] == indicator)


# --- 1. a stray quote hides nothing -----------------------------------------------------------

STRAY = (
    HEADER
    + "2026-04-10,tin-bai-cds,1,,,,,\n"
    + "2026-04-11,tin-bai-cds,1,,,,,\n"
    + '2026-04-15,tin-bai-cds,2,,"Bài hay,,,\n'
    + "2026-04-16,tin-bai-cds,4,,,,,\n"
    + "2026-04-17,tin-bai-cds,8,,,,,\n"
)


def test_a_stray_quote_is_reported_at_its_line(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(STRAY, encoding="utf-8")
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f'{records_of(shipped)}:4: Dấu ngoặc kép (") mở ở dòng này không được đóng'
    )


def test_the_lines_after_a_stray_quote_still_count(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(STRAY, encoding="utf-8")
    payload = status_json(cds, shipped)
    assert value_of(payload, "tin-bai-cds") == 14  # 1 + 1 + 4 + 8: line 4 alone is left out
    assert [p["line"] for p in payload["problems"]] == [4]
    assert payload["problems"][0]["message"].startswith('Dấu ngoặc kép (") mở ở dòng này')


def test_record_refuses_a_file_with_a_stray_quote_and_writes_nothing(
    cds: Cds, shipped: Path
) -> None:
    records_of(shipped).write_text(STRAY, encoding="utf-8")
    result = cds("record", "cbql-chu-ky-so", "2", "--date", "2026-05-01", "--plan", str(shipped))
    assert result.exit_code == 1
    assert f"{records_of(shipped)}:4:" in result.stderr
    assert records_of(shipped).read_text(encoding="utf-8") == STRAY


def test_a_note_over_two_lines_is_not_a_stray_quote(cds: Cds, shipped: Path) -> None:
    text = (
        HEADER
        + '2026-04-10,tin-bai-cds,1,,"dòng một\ndòng hai",,,\n2026-04-11,tin-bai-cds,2,,,,,\n'
    )
    records_of(shipped).write_text(text, encoding="utf-8")
    assert cds("validate", "--plan", str(shipped)).exit_code == 0


def test_people_add_refuses_a_roster_with_a_stray_quote(cds: Cds, shipped: Path) -> None:
    text = 'id,name,role\ngv01,"Phạm Thị A,gv\ngv02,Lê Văn B,gv\n'
    people_of(shipped).write_text(text, encoding="utf-8")
    result = cds("people", "add", "gv03", "Trần C", "gv", "--plan", str(shipped))
    assert result.exit_code == 1
    assert f"{people_of(shipped)}:2:" in result.stderr
    assert people_of(shipped).read_text(encoding="utf-8") == text


# --- 2. short and failed writes are never acknowledged -----------------------------------------


def test_a_short_write_is_rolled_back_and_refused(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records_of(shipped).write_text(HEADER, encoding="utf-8")
    real_write = os.write

    def short(fd: int, data: bytes) -> int:
        return real_write(fd, data[:6])  # what a full disk lets through: '2026-0'

    monkeypatch.setattr(csvfile.os, "write", short)
    result = cds("record", "tin-bai-cds", "2", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "chỉ ghi được 6/" in result.stderr
    assert records_of(shipped).read_text(encoding="utf-8") == HEADER


@pytest.mark.skipif(not POSIX, reason="file-size limits (ulimit -f) are POSIX")
def test_a_file_size_limit_leaves_the_file_as_it_was(shipped: Path) -> None:
    import resource

    records_of(shipped).write_text(HEADER, encoding="utf-8")
    size = records_of(shipped).stat().st_size

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 6, size + 6))

    # preexec_fn: the limit applies to the child only.
    proc = run_cds("record", "tin-bai-cds", "2", "--plan", str(shipped), preexec_fn=limit)
    assert proc.returncode == 1
    assert "Không ghi được tệp" in proc.stderr and "Traceback" not in proc.stderr
    assert records_of(shipped).read_text(encoding="utf-8") == HEADER


# --- 3. people add checks and appends under one lock ------------------------------------------


def test_concurrent_people_add_of_one_id_writes_it_once(shipped: Path) -> None:
    people_of(shipped).write_text("id,name,role\n", encoding="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cds_tracker", "people", "add", "gv01", f"Người {i}", "gv"]
            + ["--plan", str(shipped)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    codes = [p.wait(120) for p in procs]
    assert codes.count(0) == 1 and codes.count(1) == 19
    rows = people_of(shipped).read_text(encoding="utf-8-sig").splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == ["gv01"]


# --- 4. numbers that would crash later are refused first --------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("target: 100", "target: .nan", 68, "'target' phải là một số bình thường (đang là nan)."),
        ("target: 100", "target: .inf", 68, "'target' phải là một số bình thường (đang là inf)."),
        ("target: 12", "target: -12", 59, "Chỉ tiêu không được âm hoặc quá lớn (đang là -12)."),
        ("of: managers", "of: true", 67, "'of' phải là một số, không phải true/false."),
        ("of: managers", "of: .nan", 67, "'of' phải là số dương, không quá 10,000,000."),
        (
            "managers: 3",
            "managers: 30000000",
            19,
            "Sĩ số 'managers' phải là số nguyên dương, không quá 10,000,000.",
        ),
        ("target: 100", "target: 1e400", 68, "'target' phải là một số bình thường (đang là inf)."),
        ("managers: 3", "managers: " + "9" * 400, 19, "Số trên dòng này quá dài."),
    ],
)
def test_plan_numbers_are_finite_and_bounded(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SHIPPED_PLAN.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CdsError) as caught:
        load_plan(plan)
    assert [(p.line, p.message) for p in caught.value.problems] == [(line, message)]


def test_a_baseline_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "target: 12", "target: 12\n    baseline: .nan", 1
    )
    plan.write_text(text, encoding="utf-8")
    with pytest.raises(CdsError) as caught:
        load_plan(plan)
    assert (
        caught.value.problems[0].message == "'baseline' phải là một số bình thường (đang là nan)."
    )


def test_a_huge_value_is_refused_before_it_is_written(cds: Cds, shipped: Path) -> None:
    result = cds("record", "tin-bai-cds", "1e308", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "Giá trị '1e308' không phải là số. Viết số, dùng dấu phẩy hoặc dấu chấm thập phân, ví dụ 42 hoặc 93,5.",
    )
    assert not records_of(shipped).exists()


def test_status_stays_up_after_the_largest_values_record_accepts(cds: Cds, shipped: Path) -> None:
    for _ in range(2):
        assert cds("record", "tin-bai-cds", "999999999999", "--plan", str(shipped)).exit_code == 0
    assert cds("status", "--plan", str(shipped)).exit_code == 0


# --- 5. classes typed differently are one class -----------------------------------------------

SCOPED = """\
school: {name: Trường A, code: TA, place: X}
plan: {year: 2026}
populations: {students: 60}
groups: {"2.3": Nguồn lực số}
indicators:
  - id: hs-tap-huan
    group: "2.3"
    name: Học sinh được tập huấn
    kind: ratio
    of: students
    target: 65
    aggregate: latest-by-scope
"""


def test_3a_3a_and_3_a_count_as_one_class(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCOPED, encoding="utf-8")
    for scope, value in (("3A", "20"), ("3a", "25"), ("3 A", "30")):
        cds(
            "record",
            "hs-tap-huan",
            value,
            "--scope",
            scope,
            "--date",
            "2026-05-0" + value[0],
            "--plan",
            str(plan),
        )
    payload = json.loads(
        cds("status", "--json", "--as-of", "2026-06-14", "--plan", str(plan)).stdout
    )
    assert (payload["indicators"][0]["count"], payload["indicators"][0]["value"]) == (30, 50)


def test_a_class_is_stored_as_first_written(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCOPED, encoding="utf-8")
    cds("record", "hs-tap-huan", "20", "--scope", "3A", "--date", "2026-05-01", "--plan", str(plan))
    cds(
        "record", "hs-tap-huan", "25", "--scope", "3 a", "--date", "2026-05-02", "--plan", str(plan)
    )
    rows = records_of(plan).read_text(encoding="utf-8-sig").splitlines()
    assert [row.split(",")[-1] for row in rows[1:]] == ["3A", "3A"]


def test_classes_above_the_population_are_refused_by_record(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCOPED, encoding="utf-8")
    cds("record", "hs-tap-huan", "35", "--scope", "3A", "--date", "2026-05-01", "--plan", str(plan))
    before = records_of(plan).read_bytes()
    result = cds(
        "record", "hs-tap-huan", "30", "--scope", "3B", "--date", "2026-05-02", "--plan", str(plan)
    )
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "Tổng số của các lớp (65) vượt sĩ số 60 của chỉ tiêu 'hs-tap-huan'. Có thể một lớp được ghi hai lần với hai cách viết, hoặc số bị ghi nhầm lớp; kiểm tra cột scope.",
    )
    assert records_of(plan).read_bytes() == before


def test_classes_above_the_population_are_reported_by_validate(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCOPED, encoding="utf-8")
    records_of(plan).write_text(
        HEADER + "2026-05-01,hs-tap-huan,35,,,,,3A\n2026-05-02,hs-tap-huan,30,,,,,3B\n",
        encoding="utf-8",
    )
    result = cds("validate", "--plan", str(plan))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{records_of(plan)}:3: Tổng số của các lớp (65) vượt sĩ số 60")


# --- 6. rewrites keep what they found -----------------------------------------------------------


def test_rewriting_an_old_file_keeps_a_surplus_cell_out_of_the_new_columns(
    cds: Cds, shipped: Path
) -> None:
    records_of(shipped).write_text(
        "date,indicator,value,of,note\n2026-05-01,tin-bai-cds,1,,ghi chú,thừa\n",
        encoding="utf-8",
    )
    result = cds("record", "tin-bai-cds", "2", "--evidence", "QĐ 21", "--plan", str(shipped))
    assert result.exit_code == 0
    lines = records_of(shipped).read_text(encoding="utf-8-sig").splitlines()
    assert lines[:2] == [
        "date,indicator,value,of,note,evidence",
        "2026-05-01,tin-bai-cds,1,,ghi chú,,thừa",
    ]
    found = records.read(records_of(shipped), load_plan(shipped).plan)
    assert [m.evidence for m in found.measurements] == ["", "QĐ 21"]


@pytest.mark.skipif(not POSIX, reason="symbolic links need privileges on Windows")
def test_a_records_file_that_is_a_link_stays_a_link(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCOPED, encoding="utf-8")
    real = tmp_path / "elsewhere.csv"
    real.write_text("date,indicator,value,of,note\n", encoding="utf-8")
    records_of(plan).symlink_to(real)
    assert (
        cds(
            "record",
            "hs-tap-huan",
            "5",
            "--scope",
            "3B",
            "--date",
            "2026-05-02",
            "--plan",
            str(plan),
        ).exit_code
        == 0
    )
    assert records_of(plan).is_symlink()
    assert "3B" in real.read_text(encoding="utf-8")


# --- 7. crashes and hangs -------------------------------------------------------------------------


def test_fifty_thousand_nested_brackets_are_refused_within_a_second(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("a: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    proc = run_cds("validate", "--plan", str(plan))
    elapsed = time.perf_counter() - started
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"{plan}:1: Cấu trúc lồng nhau quá sâu.")
    # Not a timed test of speed: the point is the parser never sees the brackets (it crashed).
    assert elapsed < 30


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (("date: 2026-05-29", "date: 2026-02-30"), 13, "Ngày 2026-02-30 không có thật."),
        (("school:\n", "x: &h {a: 1}\nschool:\n  <<: *h\n"), 4, "Mục 'x' không được biết đến."),
        (("target: 100", "target: " + "9" * 5000), 68, "Số trên dòng này quá dài."),
        (
            ("indicators:", "reporting:\n  stale_days: 99999999999999\nindicators:"),
            43,
            "stale_days phải từ 1 đến 3650 ngày.",
        ),
        (
            ('target: "> 90"', "target: > 90"),
            88,
            "Chỉ tiêu có dấu so sánh phải đặt trong ngoặc kép (đang là target: > 90).",
        ),
    ],
)
def test_odd_plans_get_a_located_message(
    cds: Cds, tmp_path: Path, edit: tuple[str, str], line: int, message: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SHIPPED_PLAN.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
    result = cds("validate", "--plan", str(plan))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{plan}:{line}: {message}")


def test_a_field_over_the_csv_limit_is_reported_at_its_line(cds: Cds, shipped: Path) -> None:
    text = (
        HEADER
        + "2026-05-01,tin-bai-cds,1,,,,,\n"
        + "2026-05-02,tin-bai-cds,1,,"
        + "x" * 1_100_000
        + ",,,\n"
        + "2026-05-03,tin-bai-cds,1,,,,,\n"
    )
    records_of(shipped).write_text(text, encoding="utf-8")
    result = cds("status", "--json", "--plan", str(shipped))
    payload = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [p["line"] for p in payload["problems"]] == [3]
    assert value_of(payload, "tin-bai-cds") == 2


def test_a_cr_only_file_from_excel_for_mac_is_read_and_appended(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_bytes(b"date,indicator,value,of,note\r2026-05-01,tin-bai-cds,1,,\r")
    result = cds("record", "tin-bai-cds", "2", "--date", "2026-05-02", "--plan", str(shipped))
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        0,
        f"Đã ghi vào {records_of(shipped)} (dòng 3).",
    )
    assert records_of(shipped).read_bytes() == (
        b"date,indicator,value,of,note\r2026-05-01,tin-bai-cds,1,,\r2026-05-02,tin-bai-cds,2,,\r"
    )


def template_with(tmp_path: Path, text: str) -> Path:
    template = tmp_path / "mau.docx"
    doc = Document()
    doc.add_paragraph(text)
    doc.save(str(template))
    return template


@pytest.mark.parametrize(
    "tag", ["{% include 'x.xml' %}", "{% import 'x.xml' as x %}", "{% extends 'x.xml' %}"]
)
def test_templates_may_not_include_other_files(shipped: Path, tmp_path: Path, tag: str) -> None:
    with pytest.raises(CdsError) as caught:
        render.render(template_with(tmp_path, tag), {})
    assert caught.value.problems[0].message == (
        f"Mẫu báo cáo {tmp_path / 'mau.docx'} dùng include/import/extends ('x.xml'); mẫu báo cáo phải nằm trọn trong một tệp .docx."
    )


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("{% for i in range(10**9) %}x{% endfor %}", "mẫu tạo ra nội dung quá lớn"),
        ("{{ 'x' * 100000000 }}", "mẫu tạo ra nội dung quá lớn"),
        (
            "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
            "mẫu gọi lồng nhau quá sâu (macro tự gọi lại chính nó?)",
        ),
    ],
)
def test_runaway_templates_are_refused_with_a_message(
    tmp_path: Path, text: str, detail: str
) -> None:
    template = template_with(tmp_path, text)
    with pytest.raises(CdsError) as caught:
        render.render(template, {})
    assert caught.value.problems[0].message == (
        f"Mẫu báo cáo {template} dùng thao tác không được phép: {detail}."
    )


def test_a_template_that_loops_too_long_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "RENDER_SECONDS", 0.5)
    template = template_with(
        tmp_path,
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    )
    with pytest.raises(CdsError) as caught:
        render.render(template, {})
    assert caught.value.problems[0].message.endswith(
        "mẫu chạy quá 0 giây (có thể một vòng lặp quá lớn)."
    )


def test_a_cache_entry_of_the_wrong_types_is_ignored(cds: Cds, shipped: Path) -> None:
    big = HEADER + "".join(f"2026-05-01,tin-bai-cds,1,,n{i},,,\n" for i in range(9000))
    records_of(shipped).write_text(big, encoding="utf-8")
    assert cds("status", "--plan", str(shipped)).exit_code == 0  # writes the cache
    import marshal

    [entry] = cache.entries("records")
    found = marshal.loads(cache.read("records", entry.name) or b"")
    columns = marshal.loads(found["histories"]["tin-bai-cds"])  # each indicator kept apart
    columns[1] = ["x"] * len(columns[1])
    found["histories"]["tin-bai-cds"] = marshal.dumps(columns)
    cache.write("records", entry.name, marshal.dumps(found))  # a sound digest, a wrong shape
    payload = status_json(cds, shipped)
    assert value_of(payload, "tin-bai-cds") == 9000


@pytest.mark.skipif(not POSIX, reason="/dev/zero and FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_special_file_as_plan_is_refused_without_reading(tmp_path: Path, kind: str) -> None:
    if kind == "device":
        plan = Path("/dev/zero")
    else:
        plan = tmp_path / "plan.yaml"
        os.mkfifo(plan)
    proc = run_cds("validate", "--plan", str(plan))
    assert (proc.returncode, proc.stderr.splitlines()[0]) == (
        1,
        f"{plan}: Đây không phải một tệp thường (thiết bị, ống dẫn…), nên không đọc. Chỉ đường dẫn tới đúng tệp.",
    )


@pytest.mark.skipif(not POSIX, reason="FIFOs are POSIX")
@pytest.mark.parametrize("which", ["plan", "records"])
def test_a_pipe_in_a_rollup_is_left_out_without_hanging(tmp_path: Path, which: str) -> None:
    folder = tmp_path / "xa"
    folder.mkdir()
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    (folder / "2026-a.yaml").write_text(text.replace("code: THXT", "code: TA"), encoding="utf-8")
    if which == "plan":
        os.mkfifo(folder / "2026-b.yaml")
        named = [str(folder), "--plan", str(folder / "2026-b.yaml")]  # found, and named directly
    else:
        (folder / "2026-b.yaml").write_text(
            text.replace("code: THXT", "code: TB"), encoding="utf-8"
        )
        os.mkfifo(folder / "2026-b.records.csv")
        named = [str(folder)]
    proc = run_cds("rollup", "--json", "--as-of", "2026-06-01", "--plan", *named)
    assert proc.returncode == 1
    assert "Đây không phải một tệp thường (thiết bị, ống dẫn…), nên không đọc." in proc.stderr


# --- 8. names never leak into messages ---------------------------------------------------------


def test_a_roster_error_on_a_terminal_does_not_show_the_line(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cds_tracker import cli

    people_of(shipped).write_text("id,name,role\ngv01,Phạm Thị Hoa,giaovien\n", encoding="utf-8")
    monkeypatch.setattr("rich.console.Console.is_terminal", property(lambda self: True))
    cli._print_problems([Problem(people_of(shipped), 2, "Vai trò sai.")])
    assert "Phạm" not in capsys.readouterr().err


def test_a_name_typed_in_the_id_column_is_not_echoed(cds: Cds, shipped: Path) -> None:
    people_of(shipped).write_text("id,name,role\nPhạm Thị Hoa,gv01,gv\n", encoding="utf-8")
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "Phạm" not in result.stderr


# --- 9. formulas are stored safe; control characters are shown, not run -------------------------


@pytest.mark.parametrize(
    "note",
    ['=HYPERLINK("http://example.invalid")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3+cmd"],
)
def test_formula_notes_are_stored_behind_a_quote_and_read_back_as_typed(
    cds: Cds, shipped: Path, note: str
) -> None:
    cds("record", "tin-bai-cds", "1", "--note", note, "--plan", str(shipped))
    stored = records_of(shipped).read_text(encoding="utf-8-sig").splitlines()[1]
    assert "'" + note.split(",")[0][:5] in stored
    found = records.read(records_of(shipped), load_plan(shipped).plan)
    assert [m.note for m in found.measurements] == [note]


def test_a_negative_number_note_is_stored_as_typed(cds: Cds, shipped: Path) -> None:
    cds("record", "tin-bai-cds", "1", "--note", "-5", "--plan", str(shipped))
    assert records_of(shipped).read_text(encoding="utf-8-sig").splitlines()[1].split(",")[4] == "-5"


def test_people_names_that_look_like_formulas_are_stored_safe(cds: Cds, shipped: Path) -> None:
    cds("people", "add", "gv09", "=1+1", "gv", "--plan", str(shipped))
    assert people_of(shipped).read_text(encoding="utf-8-sig").splitlines()[1] == "gv09,'=1+1,gv"


def test_history_shows_control_characters_escaped(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(
        HEADER + "2026-05-01,tin-bai-cds,1,,\x1b[2J\x1b]0;pwned\x07,,,\n", encoding="utf-8"
    )
    result = cds("history", "tin-bai-cds", "--plan", str(shipped))
    assert "\x1b" not in result.stdout and "\\x1b[2J" in result.stdout


# --- 10. clearer answers ---------------------------------------------------------------------------


def test_a_semicolon_file_reads(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(
        "date;indicator;value;of;note\n2026-05-01;tin-bai-cds;3;;\n", encoding="utf-8"
    )
    assert value_of(status_json(cds, shipped), "tin-bai-cds") == 3


def test_a_roster_without_its_header_is_called_the_people_file(cds: Cds, shipped: Path) -> None:
    people_of(shipped).write_text("ma,ho ten\n", encoding="utf-8")
    result = cds("people", "--plan", str(shipped))
    assert result.stderr.startswith(f"{people_of(shipped)}:1: Tệp danh sách người thiếu cột 'id'.")


def test_a_nul_byte_is_reported_at_its_own_line(cds: Cds, shipped: Path) -> None:
    text = HEADER + "".join(f"2026-05-0{i},tin-bai-cds,1,,,,,\n" for i in range(1, 5))
    text += "2026-05-05,tin-bai-cds,1,,a\x00b,,,\n"
    records_of(shipped).write_text(text, encoding="utf-8")
    payload = status_json(cds, shipped)
    assert [(p["line"], p["message"][:30]) for p in payload["problems"]] == [
        (6, "Dòng này có ký tự rỗng (NUL), ")
    ]
    assert value_of(payload, "tin-bai-cds") == 4


def test_excels_empty_rows_are_skipped(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(
        HEADER + "2026-05-01,tin-bai-cds,1,,,,,\n,,,,,,,\n, ,,,,,,\n", encoding="utf-8"
    )
    assert cds("validate", "--plan", str(shipped)).exit_code == 0


def test_a_negative_value_is_refused_as_negative(cds: Cds, shipped: Path) -> None:
    result = cds("record", "tin-bai-cds", "-5", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.strip()) == (1, "Giá trị -5 âm.")


def test_a_failed_pdf_exits_1_and_keeps_the_docx(
    cds: Cds, shipped: Path, school: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "libreoffice", lambda: None)
    result = cds("report", "--quarter", "2", "--pdf", "--plan", str(shipped))
    assert result.exit_code == 1
    assert (school / "reports" / "bao-cao-cds-thxt-2026-quy-2.docx").is_file()


def test_a_report_on_a_full_disk_leaves_no_empty_reports_folder(
    shipped: Path, school: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.store import files

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "ổ đĩa đã đầy")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(CdsError):
        api.report(shipped, quarter=2, year=False, issue_date=dt.date(2026, 6, 12))
    assert not (school / "reports").exists()


@pytest.mark.skipif(not POSIX, reason="symbolic links need privileges on Windows")
def test_a_link_planted_in_the_cache_never_writes_through(cds: Cds, shipped: Path) -> None:
    records = shipped.with_name(shipped.stem + ".records.csv")
    records.write_text(HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n", encoding="utf-8")
    before = records.read_bytes()
    assert cds("status", "--plan", str(shipped)).exit_code == 0  # the plan is cached now
    for entry in cache.entries("plan"):
        entry.unlink()
        entry.symlink_to(records)  # the next status misses and writes this entry again
    assert cds("status", "--plan", str(shipped)).exit_code == 0
    assert records.read_bytes() == before
    assert [e.is_symlink() for e in cache.entries("plan")] == [False]


# --- third pass (#19): caches that never lie, outputs whole or not at all ----------------------

ROSTER_PLAN = """\
school: {name: Trường Tiểu học Thử, code: THT, place: Xuân Trường, head: {name: Lê Văn Hiệu}}
plan: {year: 2026, date: 2026-05-29}
populations:
  teachers: {role: gv}
groups: {"2.3": Về phát triển nguồn lực số, "2.4": Về phát triển dữ liệu số}
indicators:
  - {id: gv-tap-huan, group: "2.3", name: Nhà giáo được tập huấn, kind: ratio, of: teachers,
     aggregate: unique, target: 100}
  - {id: tin-bai, group: "2.4", name: Tin bài, kind: count, target: 12}
"""


@pytest.fixture
def roster_plan(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "2026-tht.yaml"
    plan.write_text(ROSTER_PLAN, encoding="utf-8")
    people = "id,name,role\n" + "".join(f"gv{i:04d},Người Thứ {i},gv\n" for i in range(5000))
    people_of(plan).write_text(people, encoding="utf-8")
    return plan


def test_a_snapshot_taken_while_records_changed_is_not_kept(shipped: Path) -> None:
    from cds_tracker.app import rollup
    from cds_tracker.store import standingscache

    records_of(shipped).write_text(HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n", encoding="utf-8")
    today = dt.date(2026, 6, 1)
    name = standingscache.school_key(rollup._school_files(shipped))
    with records_of(shipped).open("a", encoding="utf-8") as handle:
        handle.write("2026-05-02,tin-bai-cds,3,,,,,\n")  # appended while the school was read
    school, problems, kept = rollup._school(shipped, None, None, False, today, name)
    assert (school is not None, problems, kept) == (True, [], None)


def test_an_attendance_too_long_for_an_excel_cell_is_refused(cds: Cds, roster_plan: Path) -> None:
    ids = roster_plan.parent / "ids.txt"
    ids.write_text("".join(f"gv{i:04d}\n" for i in range(5000)), encoding="utf-8")
    result = cds("record", "gv-tap-huan", "--attendees-file", str(ids), "--plan", str(roster_plan))
    assert result.exit_code == 1
    assert "Cột 'attendees' dài 34.999 ký tự, quá 32.767 ký tự một ô Excel" in result.stderr
    assert not records_of(roster_plan).exists()


def test_a_bad_roster_row_is_a_problem_row_in_status_json(cds: Cds, roster_plan: Path) -> None:
    with people_of(roster_plan).open("a", encoding="utf-8") as handle:
        handle.write("gv9999,Nguyễn Văn B,giáo viên\n")
    result = cds("status", "--json", "--plan", str(roster_plan))
    payload = json.loads(result.stdout)
    assert [(p["line"], p["code"]) for p in payload["problems"]] == [(5002, "roster-bad-role")]
    assert [i["id"] for i in payload["indicators"]] == ["gv-tap-huan", "tin-bai"]


def test_a_bad_roster_row_does_not_stop_a_record_that_does_not_count_people(
    cds: Cds, roster_plan: Path
) -> None:
    with people_of(roster_plan).open("a", encoding="utf-8") as handle:
        handle.write("gv9999,Nguyễn Văn B,giáo viên\n")
    result = cds("record", "tin-bai", "2", "--date", "2026-06-01", "--plan", str(roster_plan))
    assert result.exit_code == 0
    assert (
        records_of(roster_plan).read_text(encoding="utf-8").endswith("2026-06-01,tin-bai,2,,,,,\n")
    )


def test_a_bad_roster_row_stops_a_record_that_counts_people(cds: Cds, roster_plan: Path) -> None:
    with people_of(roster_plan).open("a", encoding="utf-8") as handle:
        handle.write("gv9999,Nguyễn Văn B,giáo viên\n")
    result = cds("record", "gv-tap-huan", "--attendees", "gv0001", "--plan", str(roster_plan))
    assert result.exit_code == 1
    assert "Chưa ghi được: danh sách người" in result.stderr
    assert not records_of(roster_plan).exists()


def test_a_failed_publish_changes_neither_file(cds: Cds, shipped: Path, school: Path) -> None:
    assert cds("publish", "--plan", str(shipped)).exit_code == 0
    picture = school / "site" / "tien-do.png"
    before = picture.read_bytes()
    records_of(shipped).write_text(HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n", encoding="utf-8")
    (school / "site" / "index.html").unlink()
    (school / "site" / "index.html").mkdir()
    result = cds("publish", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "index.html: ở đó là một thư mục, không phải tệp" in result.stderr
    assert picture.read_bytes() == before
    assert sorted(p.name for p in (school / "site").iterdir()) == ["index.html", "tien-do.png"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_record_whose_output_fails_still_succeeds_once(shipped: Path) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cds_tracker", "record", "tin-bai-cds", "2", "--plan",
             str(shipped)], stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            timeout=60,
        )  # fmt: skip
    assert done.returncode == 0
    assert "đừng chạy lại lệnh" in done.stderr
    assert records_of(shipped).read_text(encoding="utf-8").count(",tin-bai-cds,2,") == 1


def test_an_alias_bomb_in_the_issuer_is_refused_at_once(cds: Cds, shipped: Path) -> None:
    bomb = shipped.parent / "xa.yaml"
    layers = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        layers.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    bomb.write_text(
        "\n".join(layers) + "\nname: UBND xã A\ncode: UBND\nplace: A\nsigner: {name: *h}\n",
        encoding="utf-8",
    )
    started = time.perf_counter()
    result = cds("rollup", "--plan", str(shipped), "--report", "--quarter", "2", "--issuer",
                 str(bomb))  # fmt: skip
    assert time.perf_counter() - started < 10  # before the fix: 37 s and 3 GB
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bomb}:1: Tệp dùng bí danh YAML (&, *) tạo ra quá nhiều")


def test_an_issuer_signer_name_that_is_a_list_is_refused(cds: Cds, shipped: Path) -> None:
    path = shipped.parent / "xa.yaml"
    path.write_text(
        "name: UBND xã A\ncode: UBND\nplace: A\nsigner:\n  title: Chủ tịch\n  name: [Nguyễn, A]\n",
        encoding="utf-8",
    )
    result = cds("rollup", "--plan", str(shipped), "--report", "--quarter", "2", "--issuer",
                 str(path))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:6: Mục signer.name phải là một dòng chữ")


@pytest.mark.parametrize("day", ["01/01/0001", "31/12/9999"])
def test_an_as_of_date_out_of_any_plan_is_refused(cds: Cds, shipped: Path, day: str) -> None:
    result = cds("status", "--as-of", day, "--plan", str(shipped))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Ngày '{day}' nằm ngoài các năm 2000–2100; kiểm tra lại năm (thường là gõ nhầm).\n"
    )


@pytest.mark.parametrize(("year", "said"), [("0", "phải từ 2000 trở lên"), ("10000", "phải không quá 2100"), ("-5", "phải từ 2000 trở lên")])  # fmt: skip
def test_a_plan_year_out_of_range_is_located(cds: Cds, shipped: Path, year: str, said: str) -> None:
    text = shipped.read_text(encoding="utf-8").replace("year: 2026", f"year: {year}", 1)
    shipped.write_text(text, encoding="utf-8")
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{shipped}:11: 'year' {said}.")


@pytest.mark.skipif(not POSIX, reason="a folder in use cannot be deleted on Windows")
def test_a_deleted_current_folder_does_not_stop_a_command_given_a_plan(
    shipped: Path, tmp_path: Path
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = f'cd "{gone}" && rmdir "{gone}" && exec "$0" -m cds_tracker "$@"'
    args = ["sh", "-c", script, sys.executable]
    with_plan = subprocess.run([*args, "status", "--plan", str(shipped)], capture_output=True,
                               text=True, encoding="utf-8", timeout=60)  # fmt: skip
    assert with_plan.returncode == 0
    gone.mkdir()
    without = subprocess.run([*args, "status"], capture_output=True, text=True,
                             encoding="utf-8", timeout=60)  # fmt: skip
    assert without.returncode == 1
    assert without.stderr.startswith("Thư mục đang đứng đã bị xóa hoặc đổi tên")


def test_validate_checks_next_years_plan_too(cds: Cds, shipped: Path, school: Path) -> None:
    broken = school / "plans" / "2027-xuan-tien.yaml"
    broken.write_text("school: {name: [\n", encoding="utf-8")
    old = Path.cwd()
    os.chdir(school)
    try:
        result = cds("validate")
    finally:
        os.chdir(old)
    assert result.exit_code == 1
    assert f"{shipped.name} hợp lệ" in result.stdout
    assert result.stderr.startswith(f"{broken}:2: Lỗi cú pháp YAML")


def test_a_broken_plan_for_today_is_shown_not_several_plans(shipped: Path, school: Path) -> None:
    from cds_tracker.store.planfile import find_plan

    broken = school / "plans" / "2027-xuan-tien.yaml"
    broken.write_text("school: {name: [\n", encoding="utf-8")
    with pytest.raises(CdsError) as raised:
        find_plan(None, school, today=dt.date(2026, 12, 20))
    problems = raised.value.problems
    assert problems[0].file == broken
    assert problems[-1].message.startswith("Không chọn được kế hoạch trong")


def _running(pid: int) -> bool:
    """The process is alive: not gone, and not a zombie waiting for a container's init to reap."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        if state == "Z":
            return False
        time.sleep(0.05)
    return True


def _plant(kind: str, payload: bytes) -> None:
    """Every cached chart of `kind` replaced by a well-formed entry (its digest right) holding
    `payload`: what a hostile hand, not a flipped bit, would leave."""
    for entry in cache.entries("chart"):
        if cache.read("chart", entry.name) is not None:
            held = cache.read("chart", entry.name) or b""
            if held.startswith(b"\x89PNG") == (kind == "png"):
                cache.write("chart", entry.name, payload)


@pytest.mark.parametrize(
    "planted",
    [
        b'<svg><script src="https://example.org/x.js"></script></svg>',
        b"<svg onload=\"fetch('https://example.org')\"></svg>",
        b'<svg><a href="https://example.org"><text>x</text></a></svg>',
    ],
)
def test_a_planted_script_in_a_chart_entry_never_reaches_the_page(
    cds: Cds, shipped: Path, school: Path, planted: bytes
) -> None:
    rows = "".join(f"2026-0{m}-01,tin-bai-cds,{m},,,,,\n" for m in (3, 4, 5))
    records_of(shipped).write_text(HEADER + rows, encoding="utf-8")
    assert cds("publish", "--plan", str(shipped)).exit_code == 0
    _plant("svg", planted)
    assert cds("publish", "--plan", str(shipped)).exit_code == 0
    page = (school / "site" / "index.html").read_text(encoding="utf-8")
    assert "example.org" not in page
    assert "<svg" in page


@pytest.mark.parametrize("payload", [b"", b"\x89PNG\r\n\x1a\n", os.urandom(300)])
def test_a_planted_picture_entry_is_drawn_again(
    cds: Cds, shipped: Path, school: Path, payload: bytes
) -> None:
    assert cds("publish", "--plan", str(shipped)).exit_code == 0
    before = (school / "site" / "tien-do.png").read_bytes()
    _plant("png", payload)
    assert cds("publish", "--plan", str(shipped)).exit_code == 0
    assert (school / "site" / "tien-do.png").read_bytes() == before


def test_names_in_an_attendance_file_are_never_echoed(cds: Cds, roster_plan: Path) -> None:
    ids = roster_plan.parent / "ids.txt"
    ids.write_text("gv0001\ngv0002,Nguyễn Thị Hoa\n", encoding="utf-8")
    result = cds("record", "gv-tap-huan", "--attendees-file", str(ids), "--plan", str(roster_plan))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{ids}:2: Cột 2 không phải một mã người")
    assert "Hoa" not in result.stderr and "Nguyễn" not in result.stderr


def test_a_name_given_as_attendees_is_never_echoed(cds: Cds, roster_plan: Path) -> None:
    result = cds("record", "gv-tap-huan", "--attendees", "Nguyễn Thị Hoa", "--plan",
                 str(roster_plan))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith("Người tham dự thứ 1 không phải một mã người")
    assert "Hoa" not in result.stderr and "Nguyễn" not in result.stderr


def test_a_swapped_name_and_role_is_never_echoed(cds: Cds, roster_plan: Path) -> None:
    with people_of(roster_plan).open("a", encoding="utf-8") as handle:
        handle.write("gv9999,gv,Nguyễn Thị Hoa\n")
    result = cds("validate", "--plan", str(roster_plan))
    assert result.exit_code == 1
    assert "Vai trò (cột role) của mã 'gv9999' không hợp lệ" in result.stderr
    assert "Hoa" not in result.stderr


def test_many_unknown_attendees_are_counted_not_listed(cds: Cds, roster_plan: Path) -> None:
    unknown = ",".join(f"x{i}" for i in range(40))
    result = cds("record", "gv-tap-huan", "--attendees", unknown, "--plan", str(roster_plan))
    assert result.exit_code == 1
    assert result.stderr.count("không có trong danh sách") == 6
    assert "Còn 35 mã người khác" in result.stderr


def test_a_control_character_in_the_plan_is_refused_at_its_line(cds: Cds, shipped: Path) -> None:
    text = shipped.read_text(encoding="utf-8")
    shipped.write_text(text.replace("Xuân Tiến", "Xuân Tiến\x1b]0;x\x07", 1), encoding="utf-8")
    result = cds("validate", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "Có ký tự điều khiển U+001B (không nhìn thấy)" in result.stderr
    assert "\x1b" not in result.stderr


def test_the_printer_escapes_control_characters_from_any_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from rich.table import Table

    from cds_tracker.output import views

    table = Table()
    table.add_column("a")
    table.add_row("ghi chú\x1b[2J")
    views.console().print("dòng\x07 một\nhai", table)
    out = capsys.readouterr().out
    assert "\x1b[2J" not in out and "\x07" not in out
    assert "\\x1b[2J" in out and "dòng\\x07 một\nhai" in out


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc; the fake launcher is sh"
)
def test_a_killed_pdf_conversion_ends_libreoffice_and_its_folder(
    cds: Cds, shipped: Path, school: Path, tmp_path: Path
) -> None:
    import signal

    assert cds("report", "--quarter", "2", "--plan", str(shipped)).exit_code == 0
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    child = tmp_path / "child.pid"
    fake = bin_dir / "soffice"
    # The launcher starts the real work in a child, as LibreOffice's soffice does.
    fake.write_text(f'#!/bin/sh\nsleep 300 &\necho $! > "{child}"\nwait\n', encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, "-m", "cds_tracker", "report", "--quarter", "2", "--pdf-only",
               "--plan", str(shipped)]  # fmt: skip
    running = subprocess.Popen(command, env=env, cwd=school, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not (child.exists() and child.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int(child.read_text())
    running.send_signal(signal.SIGTERM)
    running.wait(timeout=30)
    assert not _running(pid)
    scratch = [p for p in Path(os.environ.get("TMPDIR", "/tmp")).glob("cds-pdf-*")
               if p.stat().st_mtime > time.time() - 60]  # fmt: skip
    assert scratch == []
