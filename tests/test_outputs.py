"""Each command's own formats: `status --csv`, `history --json`, problem codes, one format at once."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import calls_of

Cds = Callable[..., Result]
HEADER = "date,indicator,value,of,note,evidence,attendees,scope\n"


def records_of(plan: Path) -> Path:
    return plan.with_name(plan.stem + ".records.csv")


def test_status_csv_has_the_contracts_columns_and_a_byte_order_mark(
    cds: Cds, shipped: Path
) -> None:
    cds("record", "ky-nang-so-co-ban", "27", "--date", "2026-05-20", "--plan", str(shipped))
    result = cds("status", "--csv", "--as-of", "2026-06-14", "--plan", str(shipped))
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeffid,group,name,kind,op,target,stretch,value,count,of,")
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    [row] = [r for r in rows if r["id"] == "ky-nang-so-co-ban"]
    assert (row["kind"], row["op"], row["target"], row["value"], row["count"], row["of"]) == (
        "ratio",
        ">=",
        "100",
        "87.1",
        "27",
        "31",
    )
    assert (row["status"], row["last_date"]) == ("on_track", "2026-05-20")


def test_status_csv_gives_the_figures_of_status_json(cds: Cds, shipped: Path) -> None:
    cds("record", "tin-bai-cds", "3", "--date", "2026-03-02", "--plan", str(shipped))
    day = ("--as-of", "2026-06-14", "--plan", str(shipped))
    table = cds("status", "--csv", *day).stdout.removeprefix("\ufeff")
    from_csv = {r["id"]: r["value"] for r in csv.DictReader(io.StringIO(table))}
    from_json = {
        i["id"]: i["value"] for i in json.loads(cds("status", "--json", *day).stdout)["indicators"]
    }
    assert from_csv == {k: "" if v is None else str(v) for k, v in from_json.items()}


def test_status_csv_writes_a_formula_looking_name_safely(cds: Cds, shipped: Path) -> None:
    text = shipped.read_text(encoding="utf-8")
    shipped.write_text(
        text.replace("name: CBQL được cấp", 'name: "=CBQL được cấp', 1).replace(
            "chuyên dùng công vụ\n", 'chuyên dùng công vụ"\n', 1
        ),
        encoding="utf-8",
    )
    out = cds("status", "--csv", "--plan", str(shipped)).stdout.removeprefix("\ufeff")
    [row] = [r for r in csv.DictReader(io.StringIO(out)) if r["id"] == "cbql-chu-ky-so"]
    assert row["name"].startswith("'=CBQL được cấp")


def test_history_json_lists_each_record_with_its_line_and_counts_attendees(
    cds: Cds, shipped: Path
) -> None:
    records_of(shipped).write_text(
        HEADER + "2026-05-01,hoc-ba-so,30,,khối 1,,,1A\n" + "2026-05-02,hoc-ba-so,28,,,sổ,,1B\n",
        encoding="utf-8",
    )
    result = cds("history", "hoc-ba-so", "--json", "--plan", str(shipped))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "id": "hoc-ba-so",
        "records": [
            {"line": 2, "date": "2026-05-01", "value": 30, "of": None, "note": "khối 1",
             "evidence": "", "scope": "1A", "attendees": 0},
            {"line": 3, "date": "2026-05-02", "value": 28, "of": None, "note": "",
             "evidence": "sổ", "scope": "1B", "attendees": 0},
        ],
    }  # fmt: skip


def test_problems_in_json_carry_a_stable_code(cds: Cds, shipped: Path) -> None:
    records_of(shipped).write_text(HEADER + "2026-05-01,tin-bai-xx,1,,,,,\n", encoding="utf-8")
    result = cds("status", "--json", "--plan", str(shipped))
    [problem] = json.loads(result.stdout)["problems"]
    assert (result.exit_code, problem["line"], problem["code"]) == (1, 2, "unknown-indicator")


def test_two_formats_at_once_are_a_usage_error(cds: Cds, shipped: Path) -> None:
    result = cds("status", "--json", "--csv", "--plan", str(shipped))
    assert result.exit_code == 2
    assert "Chỉ chọn một dạng kết quả, không dùng cùng lúc --json, --csv." in result.stderr
    assert result.stdout == ""


def test_missing_has_no_csv_and_says_so(cds: Cds, shipped: Path) -> None:
    result = cds("status", "ky-nang-so-co-ban", "--missing", "--csv", "--plan", str(shipped))
    assert result.exit_code == 2
    assert "--missing không in được dạng --csv; dùng --json hoặc bỏ --csv." in result.stderr


def test_a_long_history_is_printed_without_a_rich_table(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rich table costs 0.4 ms a row (20 s for 50,000): past 1,000 rows, aligned lines."""
    from rich.table import Table

    rows = "".join(f"2026-05-{1 + i % 28:02d},tin-bai-cds,1,,ghi chú {i},,,\n" for i in range(1500))
    shipped.with_name(shipped.stem + ".records.csv").write_text(
        "date,indicator,value,of,note,evidence,attendees,scope\n" + rows, encoding="utf-8"
    )
    drawn = calls_of(monkeypatch, Table, "add_row")
    result = cds("history", "tin-bai-cds", "--plan", str(shipped))
    assert result.exit_code == 0
    assert len(drawn) == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1502
    assert lines[2].split() == ["01/05/2026", "1", "2", "ghi", "chú", "0"]


def _imports(args: list[str], cwd: Path) -> str:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cds_tracker", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd,
    )  # fmt: skip
    return done.stderr


def test_export_does_not_import_numpy(shipped: Path, tmp_path: Path) -> None:
    said = _imports(
        ["export", "--xlsx", str(tmp_path / "x.xlsx"), "--plan", str(shipped)], tmp_path
    )
    times = [line.split("|")[0] for line in said.splitlines() if line.rstrip().endswith("| numpy")]
    assert all(int(x.split(":")[1]) < 1000 for x in times)  # refused at once, never loaded


def test_rollup_json_does_not_import_rich(shipped: Path, tmp_path: Path) -> None:
    said = _imports(["rollup", "--json", "--plan", str(shipped)], tmp_path)
    assert [line for line in said.splitlines() if line.rstrip().endswith("| rich")] == []
