"""Records and rosters as a real spreadsheet program saves them (LibreOffice Calc stands in
for Excel): re-saved with `;` or `,` they read the same, and opening them runs no formula."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import calc_installed

Cds = Callable[..., Result]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CALC = calc_installed()
needs_calc = pytest.mark.skipif(
    not CALC,
    reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)",
)
VI_VN = "1066"  # the language id of Vietnamese (Vietnam) in LibreOffice's filter options


def calc(source: Path, out: Path, infilter: str, convert_to: str) -> Path:
    """Open `source` in Calc headless and save it as `convert_to` into the folder `out`."""
    assert SOFFICE is not None
    out.mkdir(parents=True, exist_ok=True)
    profile = (out / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", f"--infilter={infilter}"]
        + ["--convert-to", convert_to, "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    produced = out / (source.stem + "." + convert_to.split(":")[0])
    assert produced.is_file(), f"Calc wrote nothing for {source}"
    return produced


def filled(cds: Cds, shipped: Path) -> None:
    for args in (
        ("ky-nang-so-co-ban", "12", "--date", "10/4/2026", "--note", "Tập huấn, đợt 1"),
        ("ky-nang-so-co-ban", "27", "--date", "20/05/2026", "--evidence", "QĐ 21/QĐ-THXT"),
        ("thanh-toan-truc-tuyen", "78,5", "--date", "2026-05-20"),
        ("hoc-lieu-so", "21", "--of", "130", "--date", "02.06.2026"),
        ("csdl-nganh", "done", "--date", "2026-06-02"),
        ("tin-bai-cds", "3", "--date", "2026-06-03", "--note", '=HYPERLINK("x")'),
    ):
        assert cds("record", *args, "--plan", str(shipped)).exit_code == 0


def status(cds: Cds, shipped: Path) -> dict:  # type: ignore[type-arg]
    result = cds("status", "--json", "--as-of", "2026-06-14", "--plan", str(shipped))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@needs_calc
@pytest.mark.parametrize(("separator", "code"), [(";", "59"), (",", "44")])
def test_a_calc_resave_reads_back_to_the_same_status(
    cds: Cds, shipped: Path, tmp_path: Path, separator: str, code: str
) -> None:
    filled(cds, shipped)
    before = status(cds, shipped)
    records = shipped.with_name("2026-xuan-tien.records.csv")
    resaved = calc(
        records,
        tmp_path / "calc",
        f"CSV:44,34,76,1,,{VI_VN}",
        f"csv:Text - txt - csv (StarCalc):{code},34,76,1,,{VI_VN}",
    )
    assert resaved.read_text(encoding="utf-8").splitlines()[0].count(separator) == 7
    shutil.copy(resaved, records)
    assert status(cds, shipped) == before


@needs_calc
def test_record_appends_in_the_separator_calc_saved(
    cds: Cds, shipped: Path, tmp_path: Path
) -> None:
    filled(cds, shipped)
    records = shipped.with_name("2026-xuan-tien.records.csv")
    resaved = calc(
        records, tmp_path / "calc", "CSV:44,34,76,1", "csv:Text - txt - csv (StarCalc):59,34,76,1"
    )
    shutil.copy(resaved, records)
    assert (
        cds("record", "tin-bai-cds", "2", "--date", "2026-06-05", "--plan", str(shipped)).exit_code
        == 0
    )
    assert records.read_text(encoding="utf-8").splitlines()[-1] == "2026-06-05;tin-bai-cds;2;;;;;"


@needs_calc
def test_opening_the_records_in_a_spreadsheet_runs_no_formula(
    cds: Cds, shipped: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    filled(cds, shipped)
    for note in ("+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3+cmd"):
        cds(
            "record",
            "tin-bai-cds",
            "1",
            "--date",
            "2026-06-04",
            "--note",
            note,
            "--plan",
            str(shipped),
        )
    cds("people", "add", "gv09", "=1+1", "gv", "--plan", str(shipped))
    # As Excel opens a CSV: formulas evaluated (LibreOffice's 13th CSV option).
    evaluate = "CSV:44,34,76,1,,,false,true,true,false,false,-1,true"
    for name in ("2026-xuan-tien.records.csv", "2026-xuan-tien.people.csv"):
        book = calc(shipped.with_name(name), tmp_path / name, evaluate, "xlsx")
        cells = [cell for row in load_workbook(book).active.iter_rows() for cell in row]
        assert [c.value for c in cells if c.data_type == "f"] == []
        assert any(str(c.value).startswith("'=") for c in cells)
