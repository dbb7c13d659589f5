"""The records file: every bad line named, hand-edited files read, appends safe."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cds_tracker.domain.model import Plan
from cds_tracker.store import records
from cds_tracker.store.planfile import load_plan
from cds_tracker.store.records import Measurement
from tests.conftest import SHIPPED_PLAN, calls_of

HEADER = "date,indicator,value,of,note\n"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SHIPPED_PLAN).plan


def read_text(tmp_path: Path, plan: Plan, text: str) -> records.RecordsFile:
    path = tmp_path / "r.records.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return records.read(path, plan)


def messages(found: records.RecordsFile) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in found.problems]


def test_good_line_becomes_a_measurement(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + "2026-05-20,ky-nang-so-co-ban,28,,Đợt 2\n")
    assert found.measurements == [
        Measurement(dt.date(2026, 5, 20), "ky-nang-so-co-ban", 28.0, None, "Đợt 2", "", 2)
    ]


def test_unknown_indicator_names_the_line_and_suggests(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + "2026-05-20,ky-nang-so-co-ba,28,,\n")
    assert messages(found) == [(2, "Không có chỉ tiêu 'ky-nang-so-co-ba' trong kế hoạch.")]
    assert found.problems[0].hint == "Có phải ý bạn là 'ky-nang-so-co-ban'?"


def test_bad_date_names_the_line(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + "31/04/2026,ky-nang-so-co-ban,28,,\n")
    assert messages(found) == [
        (2, "Ngày '31/04/2026' không có thật hoặc không đúng dạng ngày/tháng/năm.")
    ]


def test_non_numeric_value_names_the_line(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + "2026-05-20,ky-nang-so-co-ban,hai tám,,\n")
    assert messages(found) == [(2, "Giá trị 'hai tám' không phải là số.")]


def test_value_over_the_population_names_the_line(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + "2026-05-20,ky-nang-so-co-ban,32,,\n")
    assert messages(found) == [(2, "Giá trị 32 lớn hơn mẫu số 31.")]


def test_value_over_its_own_of_names_the_line(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + "2026-05-20,hoc-lieu-so,50,40,\n")
    assert messages(found) == [(2, "Giá trị 50 lớn hơn mẫu số 40.")]


def test_negative_value_names_the_line(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + "2026-05-20,tin-bai-cds,-3,,\n")
    assert messages(found) == [(2, "Giá trị -3 âm.")]


def test_milestone_value_must_be_done_or_not_done(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + "2026-05-20,csdl-nganh,xong,,\n")
    assert messages(found) == [
        (
            2,
            "Chỉ tiêu 'csdl-nganh' là mốc công việc: giá trị phải là done hoặc not-done (đang là 'xong').",
        )
    ]


def test_percent_over_100_is_refused(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + "2026-05-20,ho-so-dien-tu,101,,\n")
    assert messages(found) == [(2, "Tỷ lệ 101% lớn hơn 100%.")]


def test_excel_csv_utf8_with_bom_and_crlf_reads_the_same(tmp_path: Path, plan: Plan) -> None:
    text = "\ufeffdate,indicator,value,of,note\r\n2026-05-20,ky-nang-so-co-ban,28,,Đợt 2\r\n"
    found = read_text(tmp_path, plan, text)
    assert [(m.line, m.value, m.note) for m in found.measurements] == [(2, 28.0, "Đợt 2")]


def test_quoted_newlines_keep_later_line_numbers_right(tmp_path: Path, plan: Plan) -> None:
    text = HEADER + '2026-05-20,ky-nang-so-co-ban,28,,"hai\ndòng"\n2026-05-21,tin-bai-cds,x,,\n'
    found = read_text(tmp_path, plan, text)
    assert messages(found) == [(4, "Giá trị 'x' không phải là số.")]


def test_blank_lines_are_skipped(tmp_path: Path, plan: Plan) -> None:
    text = HEADER + "\n2026-05-20,tin-bai-cds,3,,\n\n"
    assert [m.line for m in read_text(tmp_path, plan, text).measurements] == [3]


def test_reordered_and_extra_columns_are_read_by_name(tmp_path: Path, plan: Plan) -> None:
    text = "người nhập,value,indicator,date\nLan,3,tin-bai-cds,2026-05-20\n"
    found = read_text(tmp_path, plan, text)
    assert [(m.indicator, m.value) for m in found.measurements] == [("tin-bai-cds", 3.0)]


def test_decimal_comma_is_read(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, HEADER + '2026-05-20,thanh-toan-truc-tuyen,"78,5",,\n')
    assert [m.value for m in found.measurements] == [78.5]


def test_missing_required_column_is_a_problem_row(tmp_path: Path, plan: Plan) -> None:
    found = read_text(tmp_path, plan, "date,indicator,note\n")
    assert [(p.line, p.message) for p in found.problems] == [(1, "Tệp kết quả thiếu cột 'value'.")]
    assert found.count == 0


def test_legacy_encoding_is_refused_with_the_line(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_bytes(HEADER.encode() + "2026-05-20,tin-bai-cds,3,,Đào\n".encode("cp1258"))
    found = records.read(path, plan)
    assert [p.line for p in found.problems] == [2]


def test_nfd_text_is_normalised_to_nfc(tmp_path: Path, plan: Plan) -> None:
    import unicodedata

    note = unicodedata.normalize("NFD", "Tập huấn")
    found = read_text(tmp_path, plan, HEADER + f"2026-05-20,tin-bai-cds,3,,{note}\n")
    assert found.measurements[0].note == "Tập huấn"


def test_only_reads_one_indicator(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(HEADER + "2026-05-20,tin-bai-cds,3,,\n2026-05-20,bad,x,,\n", encoding="utf-8")
    found = records.read(path, plan, only="tin-bai-cds")
    assert (len(found.measurements), found.problems) == (1, [])


# --- appending ------------------------------------------------------------------------------

ONE = Measurement(dt.date(2026, 5, 20), "tin-bai-cds", 3.0, None, "Tin, bài tháng 5", "")


def test_first_append_creates_the_file_with_bom_and_header(tmp_path: Path) -> None:
    path = tmp_path / "r.records.csv"
    assert records.append(path, ONE, "count") == 2
    assert path.read_bytes().decode("utf-8") == (
        "\ufeffdate,indicator,value,of,note,evidence,attendees,scope\r\n"
        '2026-05-20,tin-bai-cds,3,,"Tin, bài tháng 5",,,\r\n'
    )


def test_append_adds_exactly_one_line_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "r.records.csv"
    before = "date,indicator,value,of,note,evidence\n2026-05-01,tin-bai-cds,1,,,\n"
    path.write_text(before, encoding="utf-8", newline="")
    assert records.append(path, ONE, "count") == 3
    assert (
        path.read_text(encoding="utf-8")
        == before + '2026-05-20,tin-bai-cds,3,,"Tin, bài tháng 5",\n'
    )


def test_append_after_a_missing_final_newline_does_not_glue_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(
        "date,indicator,value,of,note,evidence\r\n2026-05-01,tin-bai-cds,1,,,",
        encoding="utf-8",
        newline="",
    )
    assert records.append(path, ONE, "count") == 3
    assert path.read_text(encoding="utf-8").splitlines()[1:] == [
        "2026-05-01,tin-bai-cds,1,,,",
        '2026-05-20,tin-bai-cds,3,,"Tin, bài tháng 5",',
    ]


def test_append_follows_the_files_column_order(tmp_path: Path) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text("indicator,date,value,note,of,evidence\n", encoding="utf-8")
    records.append(path, ONE, "count")
    assert (
        path.read_text(encoding="utf-8").splitlines()[1]
        == 'tin-bai-cds,2026-05-20,3,"Tin, bài tháng 5",,'
    )


def test_append_adds_a_missing_column_to_an_older_file(tmp_path: Path) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text("date,indicator,value,of,note\n2026-05-01,tin-bai-cds,1,,\n", encoding="utf-8")
    with_evidence = Measurement(dt.date(2026, 5, 20), "tin-bai-cds", 3.0, None, "", "QĐ 5")
    assert records.append(path, with_evidence, "count") == 3
    assert path.read_text(encoding="utf-8-sig").splitlines() == [
        "date,indicator,value,of,note,evidence",
        "2026-05-01,tin-bai-cds,1,,,",
        "2026-05-20,tin-bai-cds,3,,,QĐ 5",
    ]


def test_milestones_are_stored_as_done(tmp_path: Path) -> None:
    path = tmp_path / "r.records.csv"
    records.append(path, Measurement(dt.date(2026, 5, 20), "csdl-nganh", 1.0), "milestone")
    assert path.read_text(encoding="utf-8-sig").splitlines()[1] == "2026-05-20,csdl-nganh,done,,,,,"


def _append_many(path: str, worker: int) -> None:
    for i in range(10):
        m = Measurement(dt.date(2026, 5, 20), "tin-bai-cds", float(worker * 100 + i))
        records.append(Path(path), m, "count")


def test_concurrent_appends_all_land_once(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_append_many, args=(str(path), w)) for w in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    found = records.read(path, plan)
    assert found.problems == []
    assert sorted(m.value for m in found.measurements) == [
        float(w * 100 + i) for w in range(6) for i in range(10)
    ]


def test_appending_decodes_only_the_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Numbering the new line used to decode and normalise the whole file (0.55 s at a million
    lines): counted, only the header's bytes are decoded now."""
    from cds_tracker.store import csvfile

    path = tmp_path / "r.records.csv"
    rows = "".join(f"2026-05-01,tin-bai-cds,1,,ghi chú {i},,,\n" for i in range(5000))
    path.write_text(
        "date,indicator,value,of,note,evidence,attendees,scope\n" + rows, encoding="utf-8"
    )
    decoded = calls_of(monkeypatch, csvfile, "decode_utf8")
    measurement = Measurement(dt.date(2026, 5, 2), "tin-bai-cds", 2.0, None, "", "", 0)
    assert records.append(path, measurement, "count") == 5002
    assert [len(data) for data, _ in decoded] == [  # type: ignore[arg-type]
        len("date,indicator,value,of,note,evidence,attendees,scope")
    ]


CELLS = st.sampled_from(["", " ", "  ", "2026-05-01", "tin-bai-cds", "5", '"a, b"', "\t", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=0, max_size=6).map(",".join), max_size=8))
def test_rows_read_in_one_go_are_the_rows_read_one_by_one(lines: list[str]) -> None:
    from cds_tracker.store import csvfile

    data = ("\n".join([HEADER.strip(), *lines]) + "\n").encode("utf-8")
    path = Path("x.records.csv")

    def table() -> csvfile.Table:
        return csvfile.table_of(data, path, records.REQUIRED_COLUMNS, records.COLUMNS, "records")

    at_once = table().rows_at_once()
    if at_once is not None:
        assert at_once == list(table().rows())
