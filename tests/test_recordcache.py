"""The cache of a large records file: the same answers as a full read, and only the tail read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cds_tracker.domain.model import Plan
from cds_tracker.store import recordcache, records
from cds_tracker.store.planfile import load_plan
from tests.conftest import SHIPPED_PLAN

HEADER = "date,indicator,value,of,note,evidence,attendees,scope\n"


@pytest.fixture(autouse=True)
def cache_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recordcache, "MIN_BYTES", 0)
    monkeypatch.setattr(recordcache, "MIN_NEW_ROWS", 1)


@pytest.fixture
def plan() -> Plan:
    return load_plan(SHIPPED_PLAN).plan


def as_rows(found: records.RecordsFile) -> list[tuple[object, ...]]:
    return [(m.date, m.indicator, m.value, m.note, m.line) for m in found.measurements]


def cached_files() -> list[Path]:
    from cds_tracker.store import cache

    return cache.entries("records")


def test_a_sound_file_is_cached_and_reads_the_same(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(
        HEADER + "2026-05-01,tin-bai-cds,2,,a,,,\n2026-04-01,tin-bai-cds,3,,b,,,\n",
        encoding="utf-8",
    )
    first = records.read(path, plan)
    assert len(cached_files()) == 1
    second = records.read(path, plan)
    assert (
        as_rows(second)
        == as_rows(first)
        == [
            (dt.date(2026, 5, 1), "tin-bai-cds", 2.0, "a", 2),
            (dt.date(2026, 4, 1), "tin-bai-cds", 3.0, "b", 3),
        ]
    )


def test_appended_rows_are_read_from_the_tail_with_their_lines(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(HEADER + "2026-05-01,tin-bai-cds,2,,a,,,\n", encoding="utf-8")
    records.read(path, plan)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('2026-05-02,tin-bai-cds,4,,"hai\ndòng",,,\n2026-05-03,tin-bai-cds,x,,,,,\n')
    found = records.read(path, plan)
    assert [(p.line, p.message) for p in found.problems] == [(5, "Giá trị 'x' không phải là số.")]
    assert [(m.value, m.line) for m in found.measurements] == [(2.0, 2), (4.0, 3)]


def test_a_back_dated_record_is_merged_in_date_order(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n", encoding="utf-8")
    records.read(path, plan)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("2026-04-01,tin-bai-cds,9,,,,,\n")
    history = records.read(path, plan).histories["tin-bai-cds"]
    assert [(m.date, m.line) for m in history] == [
        (dt.date(2026, 4, 1), 3),
        (dt.date(2026, 5, 1), 2),
    ]


def test_an_edited_earlier_line_is_read_again(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(
        HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n2026-05-02,tin-bai-cds,3,,,,,\n", encoding="utf-8"
    )
    records.read(path, plan)
    path.write_text(
        HEADER + "2026-05-01,tin-bai-cds,-2,,,,,\n2026-05-02,tin-bai-cds,3,,,,,\n", encoding="utf-8"
    )
    assert [(p.line, p.message) for p in records.read(path, plan).problems] == [
        (2, "Giá trị -2 âm.")
    ]


def test_a_changed_plan_reads_the_file_again(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(HEADER + "2026-05-01,cbql-chu-ky-so,3,,,,,\n", encoding="utf-8")
    records.read(path, plan)
    smaller = SHIPPED_PLAN.read_text(encoding="utf-8").replace("managers: 3 ", "managers: 2 ")
    plan_path = tmp_path / "p.yaml"
    plan_path.write_text(smaller, encoding="utf-8")
    found = records.read(path, load_plan(plan_path).plan)
    assert [p.message for p in found.problems] == ["Giá trị 3 lớn hơn mẫu số 2."]


def test_a_damaged_cache_is_ignored(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n", encoding="utf-8")
    expected = as_rows(records.read(path, plan))
    for entry in cached_files():
        entry.write_bytes(b"\x00garbage")
    assert as_rows(records.read(path, plan)) == expected


def test_a_cache_entry_of_the_wrong_shape_is_ignored(tmp_path: Path, plan: Plan) -> None:
    import marshal

    path = tmp_path / "r.records.csv"
    path.write_text(HEADER + "2026-05-01,tin-bai-cds,2,,,,,\n", encoding="utf-8")
    expected = as_rows(records.read(path, plan))
    from cds_tracker.store import cache

    for entry in cached_files():
        found = marshal.loads(cache.read("records", entry.name) or b"")
        found["histories"]["tin-bai-cds"] = found["histories"]["tin-bai-cds"][:5]
        cache.write("records", entry.name, marshal.dumps(found))  # sound digest, wrong shape
    assert as_rows(records.read(path, plan)) == expected


def test_a_file_with_problems_is_never_cached(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(HEADER + "2026-05-01,tin-bai-cds,hai,,,,,\n", encoding="utf-8")
    records.read(path, plan)
    assert cached_files() == []


ROW = st.tuples(
    st.dates(dt.date(2025, 12, 1), dt.date(2026, 12, 31)),
    st.sampled_from(
        ["tin-bai-cds", "cbql-chu-ky-so", "thanh-toan-truc-tuyen", "csdl-nganh", "muc-do-cds"]
    ),
    st.sampled_from(["1", "2", "3", "done", "not-done", "50.5"]),
    st.sampled_from(["", "ghi chú", "a, b"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(head=st.lists(ROW, max_size=12), tail=st.lists(ROW, max_size=6))
def test_cached_reads_equal_full_reads(
    tmp_path: Path, plan: Plan, head: list[tuple[object, ...]], tail: list[tuple[object, ...]]
) -> None:
    import csv
    import io

    def text(rows: list[tuple[object, ...]]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(
            [[str(d), i, v, "", n, "", "", ""] for d, i, v, n in rows]
        )
        return out.getvalue()

    path = tmp_path / "fuzz.records.csv"
    path.write_text(HEADER + text(head), encoding="utf-8")
    records.read(path, plan)  # caches it when sound
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text(tail))
    through_cache = records.read(path, plan)
    for entry in cached_files():
        entry.unlink()
    full = records.read(path, plan)
    assert as_rows(through_cache) == as_rows(full)
    assert [(p.line, p.message) for p in through_cache.problems] == [
        (p.line, p.message) for p in full.problems
    ]


def test_one_indicator_asked_for_decodes_that_one_alone(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "r.records.csv"
    path.write_text(
        HEADER + "2026-05-01,tin-bai-cds,2,,a,,,\n2026-05-01,cbql-chu-ky-so,3,,b,,,\n",
        encoding="utf-8",
    )
    records.read(path, plan)  # kept whole
    data = path.read_bytes()
    entry = recordcache.load(path, data, recordcache.fingerprint(plan), "tin-bai-cds")
    assert entry is not None
    assert (list(entry.histories), entry.histories["tin-bai-cds"][1]) == (["tin-bai-cds"], [2.0])
