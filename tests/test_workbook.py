"""Excel workbooks: read back with openpyxl and opened by LibreOffice Calc, as the commune does."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import Result

from tests.conftest import SHIPPED_PLAN, calc_installed, calls_of
from tests.test_report import RECORDS

Cds = Callable[..., Result]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CALC = calc_installed()


@pytest.fixture
def filled(shipped: Path) -> Path:
    shipped.with_name("2026-xuan-tien.records.csv").write_text(
        RECORDS + '2026-06-01,tin-bai-cds,1,,=HYPERLINK("x"),,,\n', encoding="utf-8"
    )
    return shipped


def export(cds: Cds, plan: Path, out: Path, *args: str) -> Result:
    return cds("export", "--xlsx", str(out), "--as-of", "14/6/2026", *args, "--plan", str(plan))


def test_export_writes_its_sheets(cds: Cds, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "tinh-hinh.xlsx"
    assert export(cds, filled, out).exit_code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Tình hình", "Kết quả", "Thông tin"]


def test_the_information_sheet_says_whose_and_when(cds: Cds, filled: Path, tmp_path: Path) -> None:
    from cds_tracker import __version__

    out = tmp_path / "q2.xlsx"
    assert cds("export", "--xlsx", str(out), "--quarter", "2", "--plan", str(filled)).exit_code == 0
    rows = list(load_workbook(out)["Thông tin"].iter_rows(min_row=2, values_only=True))
    assert rows[:3] == [
        ("Trường", "Trường Tiểu học Xuân Tiến"),
        ("Kế hoạch", "Kế hoạch chuyển đổi số năm 2026"),
        ("Kỳ", "quý II năm 2026"),
    ]
    assert rows[3][0] == "Số liệu tính đến ngày" and rows[3][1].date() == dt.date(2026, 6, 14)
    assert rows[4] == ("Lập bằng", f"cds {__version__}")


def test_export_refuses_a_name_that_is_not_xlsx(cds: Cds, filled: Path, tmp_path: Path) -> None:
    result = export(cds, filled, tmp_path / "tinh-hinh.csv")
    assert result.exit_code == 1
    assert "Tên tệp Excel phải kết thúc bằng .xlsx (không phải '.csv')" in result.stderr
    assert not (tmp_path / "tinh-hinh.csv").exists()


def test_an_existing_workbook_is_said_in_excels_words(
    cds: Cds, filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tinh-hinh.xlsx"
    out.write_bytes(b"x")
    result = export(cds, filled, out)
    assert result.exit_code == 1
    assert "(có thể đã được sửa trong Excel)" in result.stderr
    assert "thêm --force để ghi đè" in result.stderr and "--output" not in result.stderr


def test_the_status_sheet_has_the_figures_of_status_json(
    cds: Cds, filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "t.xlsx"
    export(cds, filled, out)
    status = json.loads(
        cds("status", "--json", "--as-of", "14/6/2026", "--plan", str(filled)).stdout
    )
    sheet = load_workbook(out)["Tình hình"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [i["id"] for i in status["indicators"]]
    for row, item in zip(rows, status["indicators"], strict=True):
        value = None if row[4] is None else round(row[4], 2)
        assert value == item["value"], item["id"]
        if item["kind"] == "ratio":
            assert (row[5], row[6]) == (item["count"], item["of"])
        last = row[8].date() if isinstance(row[8], dt.datetime) else row[8]
        assert (last.isoformat() if last else None) == item["last_date"]


def test_cells_are_typed_and_formatted(cds: Cds, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    export(cds, filled, out)
    book = load_workbook(out)
    sheet = book["Tình hình"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "ky-nang-so-co-ban")
    assert (row[4].data_type, row[4].number_format) == ("n", '0.0"%"')
    assert row[8].is_date and row[8].number_format == "dd/mm/yyyy"
    assert row[7].value == "Đang thực hiện" and row[7].fill.fgColor.rgb.endswith("DDEBF7")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I22"
    assert sheet["A1"].font.b


def test_no_formula_and_no_name_in_the_records_sheet(
    cds: Cds, filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "t.xlsx"
    export(cds, filled, out)
    cells = [c for row in load_workbook(out)["Kết quả"].iter_rows() for c in row]
    assert [c.value for c in cells if c.data_type == "f"] == []
    assert '=HYPERLINK("x")' in [c.value for c in cells]


def test_attendees_are_ids_and_counts_only(cds: Cds, tmp_path: Path) -> None:
    from tests.test_people import PLAN, ROSTER

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    plan.with_name("plan.people.csv").write_text(ROSTER, encoding="utf-8")
    cds(
        "record",
        "gv-tap-huan",
        "--attendees",
        "gv01,gv02",
        "--date",
        "2/5/2026",
        "--plan",
        str(plan),
    )
    out = tmp_path / "t.xlsx"
    export(cds, plan, out)
    rows = list(load_workbook(out)["Kết quả"].iter_rows(min_row=2, values_only=True))
    assert (rows[0][7], rows[0][8]) == (2, "gv01 gv02")
    text = " ".join(str(v) for row in rows for v in row if v is not None)
    assert "Trần Văn Nam" not in text and "Lê Thị Lan" not in text


def test_an_existing_workbook_is_not_overwritten_without_force(
    cds: Cds, filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"edited in Excel")
    assert export(cds, filled, out).exit_code == 1
    assert out.read_bytes() == b"edited in Excel"
    assert export(cds, filled, out, "--force").exit_code == 0


@pytest.fixture
def commune(tmp_path: Path) -> Path:
    folder = tmp_path / "xa"
    folder.mkdir()
    for i, records in enumerate(
        (RECORDS, "date,indicator,value\n2026-05-01,ky-nang-so-co-ban,31\n")
    ):
        plan = folder / f"2026-truong-{i}.yaml"
        text = SHIPPED_PLAN.read_text(encoding="utf-8").replace("code: THXT", f"code: T{i}")
        plan.write_text(text, encoding="utf-8")
        plan.with_name(f"2026-truong-{i}.records.csv").write_text(records, encoding="utf-8")
    return folder


def test_the_rollup_workbook_has_the_figures_of_rollup_json(
    cds: Cds, commune: Path, tmp_path: Path
) -> None:
    out = tmp_path / "xa.xlsx"
    args = ("rollup", "--quarter", "2", "--plan", str(commune))
    assert cds(*args, "--xlsx", str(out)).exit_code == 0
    combined = json.loads(cds(*args, "--json").stdout)
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Theo trường", "Chưa tổng hợp", "Thông tin"]
    rows = list(book["Tổng hợp"].iter_rows(min_row=2, values_only=True))
    for row, item in zip(rows, combined["indicators"], strict=True):
        assert (row[0], row[3], row[4], row[5]) == (
            item["id"],
            item["schools"],
            item["with_data"],
            item["met"],
        )
        if item["kind"] == "level":  # not averaged: how many schools at each level, in words
            levels = "; ".join(f"mức {k}: {n} trường" for k, n in item["levels"].items())
            assert row[2] == (levels or None)
        else:
            assert (None if row[2] is None else round(row[2], 2)) == item["value"]
    each = list(book["Theo trường"].iter_rows(min_row=2, values_only=True))
    assert len(each) == 2 * 21
    assert ("T1", "Trường Tiểu học Xuân Tiến", "ky-nang-so-co-ban", 100, "Đạt") in each


@pytest.mark.skipif(not CALC, reason="LibreOffice Calc is not installed (libreoffice-calc-nogui)")
@pytest.mark.parametrize("which", ["export", "rollup"])
def test_calc_opens_the_workbooks(
    cds: Cds, filled: Path, commune: Path, tmp_path: Path, which: str
) -> None:
    out = tmp_path / f"{which}.xlsx"
    if which == "export":
        export(cds, filled, out)
    else:
        cds("rollup", "--plan", str(commune), "--xlsx", str(out))
    done = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(out)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    assert (tmp_path / "pdf" / f"{which}.pdf").read_bytes().startswith(b"%PDF")


def test_a_rollup_workbook_with_a_broken_school_is_written_and_says_so(
    cds: Cds, commune: Path, tmp_path: Path
) -> None:
    (commune / "2026-truong-9.yaml").write_text("school: [\n", encoding="utf-8")
    out = tmp_path / "xa.xlsx"
    result = cds("rollup", "--plan", str(commune), "--xlsx", str(out))
    assert result.exit_code == 1  # written, and said: one plan was left out
    assert f"{commune / '2026-truong-9.yaml'}:2:" in result.stderr
    book = load_workbook(out)
    schools = {row[0] for row in book["Theo trường"].iter_rows(min_row=2, values_only=True)}
    assert schools == {"T0", "T1"}
    [left] = list(book["Chưa tổng hợp"].iter_rows(min_row=2, values_only=True))
    assert left[:3] == ("2026-truong-9", str(commune / "2026-truong-9.yaml"), 2)
    info = dict(book["Thông tin"].iter_rows(min_row=2, values_only=True))
    assert (info["Số kế hoạch được giao tổng hợp"], info["Số trường được tổng hợp"]) == (3, 2)


def test_a_workbook_is_written_without_scanning_the_sheet_per_row(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl's max_row walks every cell: asked once a row it made export quadratic (47 s at
    10,000 records). Counted, not timed: a few asks whatever the size."""
    from openpyxl.worksheet.worksheet import Worksheet

    from cds_tracker import api

    records = filled.with_name(filled.stem + ".records.csv")
    rows = "".join(f"2026-05-{1 + i % 28:02d},tin-bai-cds,1,,ghi chú {i},,,\n" for i in range(2000))
    records.write_text(records.read_text(encoding="utf-8") + rows, encoding="utf-8")
    asked = {"n": 0}
    rows, columns = Worksheet.max_row, Worksheet.max_column

    def counting(real: property) -> property:
        def counted(sheet: Worksheet) -> int:
            asked["n"] += 1
            return real.fget(sheet)  # type: ignore[misc,no-any-return]

        return property(counted)

    monkeypatch.setattr(Worksheet, "max_row", counting(rows))
    monkeypatch.setattr(Worksheet, "max_column", counting(columns))
    api.export(filled, tmp_path / "x.xlsx", today=dt.date(2026, 6, 14))
    assert asked["n"] < 40  # each walks every cell: once a row was over 2,000 walks


def test_a_note_that_reads_as_an_excel_error_stays_text(
    cds: Cds, shipped: Path, tmp_path: Path
) -> None:
    shipped.with_name("2026-xuan-tien.records.csv").write_text(
        RECORDS + "2026-06-01,tin-bai-cds,1,,#N/A,,,\n", encoding="utf-8"
    )
    out = tmp_path / "t.xlsx"
    export(cds, shipped, out)
    cells = [c for row in load_workbook(out)["Kết quả"].iter_rows() for c in row]
    assert [(c.value, c.data_type) for c in cells if c.value == "#N/A"] == [("#N/A", "s")]


def test_an_empty_value_makes_no_cell(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl's cells are most of a large sheet's time, and an empty one is never written: a
    records sheet's empty columns (a third of its cells) make none. Counted: every cell made is
    one in the file."""
    import re
    import zipfile

    from openpyxl.cell.cell import Cell

    from cds_tracker import api

    made = calls_of(monkeypatch, Cell, "__init__")
    out = tmp_path / "x.xlsx"
    api.export(filled, out, today=dt.date(2026, 6, 14))
    with zipfile.ZipFile(out) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        written = sum(len(re.findall(r"<c ", book.read(n).decode("utf-8"))) for n in sheets)
    assert len(made) == written
