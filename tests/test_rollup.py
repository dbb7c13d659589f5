"""Many schools: status and validate over several plans, and the commune's roll-up."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import SHIPPED_PLAN

Cds = Callable[..., Result]

HEADER = "date,indicator,value,of,note\n"


@pytest.fixture
def commune(tmp_path: Path) -> Path:
    """Three schools' plans in one folder, with a few records each."""
    folder = tmp_path / "xa"
    folder.mkdir()
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    records = {
        "a": "2026-05-01,cbql-chu-ky-so,3,,\n2026-05-01,thanh-toan-truc-tuyen,80,,\n2026-05-01,tin-bai-cds,5,,\n2026-05-01,csdl-nganh,done,,\n",
        "b": "2026-05-01,cbql-chu-ky-so,2,,\n2026-05-01,thanh-toan-truc-tuyen,90,,\n2026-05-01,tin-bai-cds,7,,\n",
        "c": "2026-05-01,muc-do-cds,3,,\n",
    }
    for name, lines in records.items():
        plan = folder / f"2026-{name}.yaml"
        plan.write_text(text.replace("code: THXT", f"code: T{name.upper()}"), encoding="utf-8")
        plan.with_name(f"2026-{name}.records.csv").write_text(HEADER + lines, encoding="utf-8")
    return folder


def copy_plan(target: Path, code: str) -> Path:
    """The shipped plan as another school's: its own code (one code is one school)."""
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    target.write_text(text.replace("code: THXT", f"code: T{code.upper()}"), encoding="utf-8")
    return target


def rows_of(result: Result) -> dict[str, dict[str, object]]:
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)["indicators"]}


def test_ratios_add_counts_and_populations(cds: Cds, commune: Path) -> None:
    row = rows_of(cds("rollup", "--plan", str(commune), "--as-of", "2026-06-01", "--json"))[
        "cbql-chu-ky-so"
    ]
    assert (
        row["schools"],
        row["with_data"],
        row["met"],
        row["count"],
        row["of"],
        row["value"],
    ) == (3, 2, 1, 5, 6, 83.33)


def test_percentages_are_averaged(cds: Cds, commune: Path) -> None:
    row = rows_of(cds("rollup", "--plan", str(commune), "--as-of", "2026-06-01", "--json"))[
        "thanh-toan-truc-tuyen"
    ]
    assert (row["value"], row["met"], row["with_data"]) == (85, 1, 2)


def test_counts_are_summed(cds: Cds, commune: Path) -> None:
    row = rows_of(cds("rollup", "--plan", str(commune), "--as-of", "2026-06-01", "--json"))[
        "tin-bai-cds"
    ]
    assert row["value"] == 12


def test_milestones_count_the_schools_done(cds: Cds, commune: Path) -> None:
    row = rows_of(cds("rollup", "--plan", str(commune), "--as-of", "2026-06-01", "--json"))[
        "csdl-nganh"
    ]
    assert (row["value"], row["met"]) == (1, 1)


def test_rollup_json_names_the_plans_and_date(cds: Cds, commune: Path) -> None:
    payload = json.loads(cds("rollup", "--plan", str(commune), "--quarter", "2", "--json").stdout)
    assert (payload["plans"], payload["as_of"], len(payload["indicators"])) == (3, "2026-06-14", 21)


def test_rollup_table_in_vietnamese(cds: Cds, commune: Path) -> None:
    result = cds("rollup", "--plan", str(commune), "--as-of", "2026-06-01")
    assert result.exit_code == 0
    assert "Tổng hợp 3/3 trường, tính đến 01/06/2026" in result.stdout
    assert "5/6 = 83,3%" in result.stdout
    assert "trung bình 85%" in result.stdout


def test_a_school_with_a_bad_row_counts_from_its_good_rows_and_is_named(
    cds: Cds, commune: Path
) -> None:
    (commune / "2026-c.records.csv").write_text(
        HEADER + "2026-05-01,muc-do-cds,muoi,,\n2026-05-01,tin-bai-cds,4,,\n", encoding="utf-8"
    )
    result = cds("rollup", "--plan", str(commune), "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert (payload["schools"], payload["counted"], payload["left_out"]) == (3, 3, [])
    assert [p["line"] for p in payload["problems"]] == [2]
    assert next(r for r in payload["indicators"] if r["id"] == "tin-bai-cds")["value"] == 16
    assert f"{commune / '2026-c.records.csv'}:2: Giá trị 'muoi' không phải là số." in result.stderr
    assert "Tổng hợp 3/3 trường: 0 kế hoạch chưa tổng hợp được, 1 dòng lỗi" in result.stderr


def test_a_school_whose_plan_cannot_be_read_is_left_out_and_named(cds: Cds, commune: Path) -> None:
    (commune / "2026-c.yaml").write_text("school: [\n", encoding="utf-8")
    result = cds("rollup", "--plan", str(commune), "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert (payload["schools"], payload["counted"]) == (3, 2)
    [left] = payload["left_out"]
    assert (left["school"], left["file"], left["line"]) == (
        "2026-c",
        str(commune / "2026-c.yaml"),
        2,
    )
    assert left["message"].startswith("Lỗi cú pháp YAML")


def test_status_of_several_plans_as_json(cds: Cds, commune: Path) -> None:
    result = cds(
        "status",
        "--json",
        "--plan",
        str(commune / "2026-a.yaml"),
        "--plan",
        str(commune / "2026-b.yaml"),
    )
    payload = json.loads(result.stdout)
    assert [len(p["indicators"]) for p in payload["plans"]] == [21, 21]


def test_status_of_a_folder_shows_each_school(cds: Cds, commune: Path) -> None:
    result = cds("status", "--plan", str(commune), "--as-of", "2026-06-01")
    assert result.exit_code == 0
    assert result.stdout.count("Trường Tiểu học Xuân Tiến (") == 3


def test_validate_a_folder_checks_every_plan(cds: Cds, commune: Path) -> None:
    (commune / "2026-b.yaml").write_text("school: [\n", encoding="utf-8")
    result = cds("validate", "--plan", str(commune))
    assert result.exit_code == 1
    assert result.stdout.count("hợp lệ") == 2
    assert f"{commune / '2026-b.yaml'}:2: Lỗi cú pháp YAML" in result.stderr


def test_a_folder_without_plans_is_named(cds: Cds, tmp_path: Path) -> None:
    result = cds("rollup", "--plan", str(tmp_path))
    assert result.exit_code == 1
    assert f"thư mục {tmp_path} không có tệp .yaml nào" in result.stderr


def test_plans_from_a_pattern_of_folders(
    cds: Cds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("truong-a", "truong-b"):
        (tmp_path / name / "plans").mkdir(parents=True)
        copy_plan(tmp_path / name / "plans" / "2026-x.yaml", name[-1])
    monkeypatch.chdir(tmp_path)
    result = cds("rollup", "--json", "--plan", "truong-*/plans")
    assert json.loads(result.stdout)["plans"] == 2


def test_plans_from_a_list_file_relative_to_it(cds: Cds, tmp_path: Path) -> None:
    for name in ("truong-a", "truong-b", "truong-c"):
        (tmp_path / name).mkdir()
        copy_plan(tmp_path / name / "2026-x.yaml", name[-1])
    listing = tmp_path / "danh-sach.txt"
    listing.write_text("# các trường của xã\ntruong-a/2026-x.yaml\n\ntruong-c\n", encoding="utf-8")
    result = cds("rollup", "--json", "--plan", f"@{listing}")
    assert json.loads(result.stdout)["plans"] == 2


def test_a_pattern_that_matches_nothing_is_named(
    cds: Cds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cds("rollup", "--plan", "truong-*/plans")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "Không có tệp hay thư mục nào khớp với 'truong-*/plans'. Hãy chạy lệnh trong thư mục chứa plans/, dùng --plan ĐƯỜNG_DẪN, hoặc tạo kế hoạch bằng `cds init`.",
    )


def test_a_later_rollup_reads_unchanged_schools_from_the_cache(cds: Cds, commune: Path) -> None:
    from cds_tracker.store import cache

    first = cds("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune)).stdout
    # One entry for the schools of these files, and one for the whole run's combined figures.
    assert (len(cache.entries("schools")), len(cache.entries("rollup"))) == (1, 1)
    again = cds("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune)).stdout
    assert again == first


def test_a_changed_records_file_is_computed_again(cds: Cds, commune: Path) -> None:
    args = ("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune))
    before = json.loads(cds(*args).stdout)
    records = sorted(commune.glob("*.records.csv"))[0]
    records.write_text(
        records.read_text(encoding="utf-8") + "2026-05-30,tin-bai-cds,9,,\n", encoding="utf-8"
    )
    after = json.loads(cds(*args).stdout)
    row = next(i for i in after["indicators"] if i["id"] == "tin-bai-cds")
    old = next(i for i in before["indicators"] if i["id"] == "tin-bai-cds")
    assert row["value"] == (old["value"] or 0) + 9


def test_worker_processes_give_the_same_rollup(
    cds: Cds, commune: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    alone = cds("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune)).stdout
    monkeypatch.setenv("CDS_CACHE_DIR", str(tmp_path / "fresh-cache"))
    from cds_tracker.app import rollup as app_rollup

    monkeypatch.setattr(app_rollup, "WORKERS_FROM", 2)
    in_two = cds("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune)).stdout
    assert in_two == alone


def test_the_sheets_of_a_cached_rollup_still_have_every_school(
    cds: Cds, commune: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    args = ("rollup", "--as-of", "2026-06-01", "--plan", str(commune))
    cds(*args)  # fills the cache
    assert cds(*args, "--xlsx", str(tmp_path / "xa.xlsx")).exit_code == 0
    rows = list(
        load_workbook(tmp_path / "xa.xlsx")["Theo trường"].iter_rows(min_row=2, values_only=True)
    )
    assert sorted({row[0] for row in rows}) == ["TA", "TB", "TC"]


def test_deleted_school_entries_are_computed_again_not_left_out(
    cds: Cds, commune: Path, tmp_path: Path
) -> None:
    import openpyxl

    from cds_tracker.store import cache

    day = ("--as-of", "2026-06-01", "--plan", str(commune))
    assert cds("rollup", *day).exit_code == 0  # every school's entry and the whole run's
    cache.entries("schools")[0].unlink()
    book = tmp_path / "xa.xlsx"
    assert cds("rollup", "--xlsx", str(book), *day).exit_code == 0
    sheet = openpyxl.load_workbook(book)["Theo trường"]
    assert sorted({row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}) == [
        "TA",
        "TB",
        "TC",
    ]


def test_damaged_school_entries_are_computed_again_not_left_out(
    cds: Cds, commune: Path, tmp_path: Path
) -> None:
    import openpyxl

    from cds_tracker.store import cache

    day = ("--as-of", "2026-06-01", "--plan", str(commune))
    assert cds("rollup", *day).exit_code == 0
    entry = cache.entries("schools")[0]
    data = bytearray(entry.read_bytes())
    data[-3] ^= 0x01  # one bit flipped: the digest no longer matches
    entry.write_bytes(bytes(data))
    book = tmp_path / "xa.xlsx"
    assert cds("rollup", "--xlsx", str(book), *day).exit_code == 0
    sheet = openpyxl.load_workbook(book)["Theo trường"]
    assert len({row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}) == 3


def test_a_list_naming_itself_is_refused_at_its_line(cds: Cds, tmp_path: Path) -> None:
    (tmp_path / "truong-a").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "truong-a" / "2026-x.yaml")
    listing = tmp_path / "danh-sach.txt"
    listing.write_text("truong-a/2026-x.yaml\n@danh-sach.txt\n", encoding="utf-8")
    result = cds("rollup", "--plan", f"@{listing}")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        f"{listing}:2: Danh sách này nhắc lại chính nó (hoặc một danh sách đang đọc dở), nên sẽ đọc mãi không hết. Xóa dòng này, hoặc ghi đường dẫn tới các kế hoạch thay cho @danh sách.",
    )


def test_two_lists_naming_each_other_are_refused(cds: Cds, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("@b.txt\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("@a.txt\n", encoding="utf-8")
    result = cds("rollup", "--plan", f"@{tmp_path / 'a.txt'}")
    assert (result.exit_code, result.stderr.split(": ", 1)[0]) == (1, f"{tmp_path / 'b.txt'}:1")


def test_an_empty_list_is_an_error_as_a_pattern_matching_nothing_is(
    cds: Cds, tmp_path: Path
) -> None:
    listing = tmp_path / "danh-sach.txt"
    listing.write_text("# chưa có trường nào\n", encoding="utf-8")
    result = cds("rollup", "--plan", f"@{listing}")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        f"Danh sách {listing} không ghi kế hoạch nào. Hãy chạy lệnh trong thư mục chứa plans/, dùng --plan ĐƯỜNG_DẪN, hoặc tạo kế hoạch bằng `cds init`.",
    )


def test_a_list_written_on_windows_reads_its_backslashes_as_folders(
    cds: Cds, tmp_path: Path
) -> None:
    (tmp_path / "truong-a" / "plans").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, tmp_path / "truong-a" / "plans" / "2026-x.yaml")
    listing = tmp_path / "danh-sach.txt"
    listing.write_text("truong-a\\plans\r\n", encoding="utf-8")
    result = cds("rollup", "--json", "--plan", f"@{listing}")
    assert (result.exit_code, json.loads(result.stdout)["plans"]) == (0, 1)


def _no_plan_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from cds_tracker.app import rollup as app_rollup

    def refuse(path: Path) -> object:
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(app_rollup, "check", refuse)


@pytest.mark.parametrize(
    "forked",
    [
        False,
        pytest.param(
            True,
            marks=pytest.mark.skipif(not hasattr(os, "fork"), reason="the second is forked"),
        ),
    ],
)
def test_the_next_day_is_computed_from_the_kept_schools_without_reading_a_plan(
    forked: bool, cds: Cds, commune: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also with half the kept schools counted in a second process (forked)."""
    from cds_tracker.app import rollup as app_rollup

    later = ("rollup", "--json", "--as-of", "2026-06-02", "--plan", str(commune))
    monkeypatch.setenv("CDS_CACHE_DIR", str(tmp_path / "fresh"))
    fresh = cds(*later).stdout
    monkeypatch.setenv("CDS_CACHE_DIR", str(tmp_path / "kept"))
    cds("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune))
    _no_plan_read(monkeypatch)
    if forked:
        monkeypatch.setattr(app_rollup, "FORK_FROM", 2)
    assert cds(*later).stdout == fresh


def test_a_day_before_a_record_is_computed_from_the_kept_schools(
    cds: Cds, commune: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = ("rollup", "--json", "--as-of", "2026-04-30", "--plan", str(commune))
    monkeypatch.setenv("CDS_CACHE_DIR", str(tmp_path / "fresh"))
    fresh = json.loads(cds(*earlier).stdout)
    monkeypatch.setenv("CDS_CACHE_DIR", str(tmp_path / "kept"))
    cds("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune))
    _no_plan_read(monkeypatch)
    again = json.loads(cds(*earlier).stdout)
    assert again == fresh
    assert {row["with_data"] for row in again["indicators"]} == {0}  # every record is 1 May


def _rolled_up_then_b_changed(cds: Cds, commune: Path) -> tuple[str, ...]:
    """The commune rolled up on 1 June, then school B given one more record (2 articles on 20
    May); the roll-up's arguments."""
    args = ("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune))
    cds(*args)
    with (commune / "2026-b.records.csv").open("a", encoding="utf-8") as handle:
        handle.write("2026-05-20,tin-bai-cds,2,,\n")
    return args


def test_one_changed_school_is_the_only_one_read_again(
    cds: Cds, commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.app import rollup as app_rollup
    from cds_tracker.app import workspace

    args = _rolled_up_then_b_changed(cds, commune)
    read: list[str] = []

    def counting(path: Path) -> object:
        read.append(path.name)
        return workspace.check(path)

    monkeypatch.setattr(app_rollup, "check", counting)
    row = rows_of(cds(*args))["tin-bai-cds"]
    assert (read, row["value"]) == (["2026-b.yaml"], 14.0)


def _with_every_school_made_wrong(
    cds: Cds, commune: Path, kind: str, wrong: object
) -> tuple[str, Result]:
    """The roll-up's JSON; then, every school of its `kind` entry replaced by `wrong` under a
    sound digest and the whole run's figures removed, the roll-up run again."""
    import marshal

    from cds_tracker.store import cache

    args = ("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune))
    first = cds(*args).stdout
    for entry in cache.entries("rollup"):
        entry.unlink()
    (entry,) = cache.entries(kind)
    kept = marshal.loads(cache.read(kind, entry.name) or b"")
    cache.write(kind, entry.name, marshal.dumps(dict.fromkeys(kept, wrong)))
    return first, cds(*args)


def test_a_hand_made_school_entry_is_a_miss_not_a_crash(cds: Cds, commune: Path) -> None:
    import marshal

    # A sound digest over schools of the wrong shape: each one a miss, computed again.
    wrong = ([], marshal.dumps(("TA", "x", [1] * 8, [], [], [0, 5], [], [], None, None, None)))
    first, again = _with_every_school_made_wrong(cds, commune, "schools", wrong)
    assert (again.exit_code, again.stdout) == (0, first)


def test_a_rollup_keeps_its_plans_in_one_entry_not_one_a_plan(cds: Cds, commune: Path) -> None:
    from cds_tracker.store import cache

    cds("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune))
    assert (len(cache.entries("plans")), len(cache.entries("plan"))) == (1, 0)


def test_a_school_read_again_takes_its_plan_from_the_rollups_entry(
    cds: Cds, commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.store import yamlplan

    args = _rolled_up_then_b_changed(cds, commune)

    def refuse(text: str, path: Path) -> object:
        raise AssertionError(f"{path} validated again")

    monkeypatch.setattr(yamlplan, "validate", refuse)
    assert rows_of(cds(*args))["tin-bai-cds"]["value"] == 14.0


def test_plans_of_one_indicators_section_share_one_shapes_object(tmp_path: Path) -> None:
    from cds_tracker.store import standingscache
    from cds_tracker.store.planfile import load_plan

    first = load_plan(copy_plan(tmp_path / "2026-a.yaml", "a")).plan.indicators
    second = load_plan(copy_plan(tmp_path / "2026-b.yaml", "b")).plan.indicators
    shapes = standingscache.shapes_of(list(first))
    assert standingscache.shapes_of(list(second)) is shapes
    assert standingscache.indicators_of(shapes) == first


def test_after_one_school_changed_the_others_are_counted_from_that_days_figures(
    cds: Cds, commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.store import standingscache

    args = _rolled_up_then_b_changed(cds, commune)

    def refuse(entry: object) -> object:
        raise AssertionError("a kept school decoded again")

    monkeypatch.setattr(standingscache, "decode", refuse)
    assert rows_of(cds(*args))["tin-bai-cds"]["value"] == 14.0


def test_a_hand_made_days_figures_entry_is_a_miss_not_a_crash(cds: Cds, commune: Path) -> None:
    wrong = ("TA", "x", 1, [("not", "a", "shape")], ["8"], [None], [None], [True])
    first, again = _with_every_school_made_wrong(cds, commune, "counted", wrong)
    assert (again.exit_code, again.stdout) == (0, first)


def test_a_days_figures_entry_one_figure_short_is_a_miss_not_a_crash(
    cds: Cds, commune: Path
) -> None:
    import marshal

    from cds_tracker.store import cache

    args = ("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune))
    first = cds(*args).stdout
    for entry in cache.entries("rollup"):
        entry.unlink()
    (entry,) = cache.entries("counted")
    kept = marshal.loads(cache.read("counted", entry.name) or b"")
    # Each school's indicators as they were, its values one fewer: counted again, not zipped.
    short = {name: (*day[:4], day[4][:-1], *day[5:]) for name, day in kept.items()}
    cache.write("counted", entry.name, marshal.dumps(short))
    again = cds(*args)
    assert (again.exit_code, again.stdout) == (0, first)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the second process is forked")
def test_files_hashed_half_in_a_second_process_name_the_schools_the_same(
    cds: Cds, commune: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.app import rollup as app_rollup

    args = ("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune))
    alone = cds(*args).stdout
    monkeypatch.setenv("CDS_CACHE_DIR", str(tmp_path / "fresh-cache"))
    monkeypatch.setattr(app_rollup, "FORK_FROM", 2)
    assert cds(*args).stdout == alone
    given = [(path, False) for path in sorted(commune.glob("*.yaml"))]
    monkeypatch.setattr(app_rollup, "FORK_FROM", 10_000)
    assert app_rollup._years_and_names(given) == [
        (2026, app_rollup._school_key(path)) for path, _ in given
    ]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the second process is forked")
def test_a_second_process_that_fails_leaves_its_half_to_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cds_tracker.app import rollup as app_rollup

    parent = os.getpid()

    def square(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return n * n

    forked = []
    fork = os.fork

    def counted_fork() -> int:
        forked.append(1)
        return fork()

    monkeypatch.setattr(app_rollup, "FORK_FROM", 2)
    monkeypatch.setattr(os, "fork", counted_fork)
    assert (app_rollup._in_two(square, [1, 2, 3, 4, 5]), forked) == ([1, 4, 9, 16, 25], [1])


@pytest.mark.skipif(os.name != "posix", reason="links need privileges on Windows")
def test_a_plan_linked_twice_in_one_folder_counts_once(cds: Cds, commune: Path) -> None:
    os.link(commune / "2026-a.yaml", commune / "2026-a-hard.yaml")
    (commune / "2026-a-soft.yaml").symlink_to(commune / "2026-a.yaml")
    payload = json.loads(
        cds("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune)).stdout
    )
    assert (payload["schools"], payload["counted"]) == (3, 3)


def test_a_school_is_named_by_the_bytes_its_figures_came_from_none_read_again(
    commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from cds_tracker.app import rollup as app_rollup

    plan = commune / "2026-a.yaml"
    name = app_rollup._school_key(plan)

    def refuse(name: str) -> bytes | None:
        raise AssertionError(f"{name} read again")

    monkeypatch.setattr(app_rollup, "_regular_bytes", refuse)
    kept, _, problems, entry, _ = app_rollup._read_school(
        plan, None, None, False, dt.date(2026, 6, 1), name
    )
    assert (kept is not None, problems, entry is not None) == (True, [], True)


def test_a_first_rollup_names_each_school_from_the_bytes_it_reads_once(
    cds: Cds, commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.app import rollup as app_rollup
    from cds_tracker.store import cache

    args = ("rollup", "--json", "--as-of", "2026-06-01", "--plan", str(commune))
    school_files = app_rollup._school_files

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a school's files read to name it")

    monkeypatch.setattr(app_rollup, "_school_files", refuse)
    first = cds(*args)
    assert (first.exit_code, len(cache.entries("rolled"))) == (0, 1)
    monkeypatch.setattr(app_rollup, "_school_files", school_files)
    _no_plan_read(monkeypatch)  # named as listed now: the whole run's figures found
    assert cds(*args).stdout == first.stdout


def test_the_sheets_of_a_first_rollup_read_its_schools_from_the_run_not_the_cache(
    commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from cds_tracker.app import rollup as app_rollup
    from cds_tracker.store import standingscache

    paths = sorted(commune.glob("*.yaml"))
    day = dt.date(2026, 6, 1)
    gathered = app_rollup.commune_of(paths, as_of=day, quarter=None, year=False, today=day)

    def refuse(name: str) -> object:
        raise AssertionError("the schools' entry read back")

    monkeypatch.setattr(standingscache, "load_schools", refuse)
    assert [code for code, _, _ in gathered.schools] == ["TA", "TB", "TC"]


def test_the_sheets_of_a_later_run_with_a_school_left_out_read_no_plan_again(
    commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from cds_tracker.app import rollup as app_rollup

    copy_plan(commune / "2026-d.yaml", "a")  # school A's code again: A and D both left out
    paths = sorted(commune.glob("*.yaml"))
    day = dt.date(2026, 6, 1)
    app_rollup.commune_of(paths, as_of=day, quarter=None, year=False, today=day)
    again = app_rollup.commune_of(paths, as_of=day, quarter=None, year=False, today=day)

    def refuse(path: Path, *args: object) -> object:
        raise AssertionError(f"{path} read again for the sheets")

    monkeypatch.setattr(app_rollup, "_school", refuse)
    assert ([o.file.name for o in again.left_out], [s[0] for s in again.schools]) == (
        ["2026-a.yaml", "2026-d.yaml"],
        ["TB", "TC"],
    )
