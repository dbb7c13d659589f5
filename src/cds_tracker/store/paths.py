"""The names of the files that live beside a plan, and of the folders beside plans/: one place.

`plans/2026-thxt.yaml` has `2026-thxt.records.csv` (records), `2026-thxt.people.csv` (the
roster) and `2026-thxt.notes-q2.md` (a report's narrative) beside it; `reports/` and `site/`
sit beside `plans/`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

RECORDS = ".records.csv"
PEOPLE = ".people.csv"
SIBLINGS = (RECORDS, PEOPLE)


def records_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.stem + RECORDS)


def roster_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.stem + PEOPLE)


def notes_path(plan_path: Path, period_key: str) -> Path:
    return plan_path.with_name(f"{plan_path.stem}.notes-{period_key}.md")


def siblings_of(plan: str) -> tuple[str, str, str]:
    """(plan, records, roster) as strings: a province's later run spent a tenth of its time in
    pathlib building these, so strings it is."""
    stem = plan[:-5] if plan.endswith(".yaml") else str(Path(plan).with_suffix(""))
    return plan, stem + RECORDS, stem + PEOPLE


def plan_of(file: Path) -> Path:
    """The plan a records or roster file belongs to (itself for anything else)."""
    for suffix in SIBLINGS:
        if file.name.endswith(suffix):
            return file.with_name(file.name[: -len(suffix)] + ".yaml")
    return file


def school_folder(plan_path: Path) -> Path:
    """The school's folder: the one holding plans/ (or the plan's own folder)."""
    folder = plan_path.parent
    return folder.parent if folder.name == "plans" else folder


def slug(text: str) -> str:
    """'THXT' -> 'thxt', 'Xuân Hòa' -> 'xuan-hoa': a file name part without diacritics."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "truong"


def report_name(code: str, year: int, quarter: int | None, commune: bool = False) -> str:
    """'bao-cao-cds-thxt-2026-quy-2.docx', '…-2026-nam.docx'; a commune's 'bao-cao-cds-xa-…'."""
    when = f"quy-{quarter}" if quarter else "nam"
    return f"bao-cao-cds-{'xa-' if commune else ''}{slug(code)}-{year}-{when}.docx"


def report_path(plan_path: Path, code: str, year: int, quarter: int | None) -> Path:
    """reports/ beside plans/."""
    return school_folder(plan_path) / "reports" / report_name(code, year, quarter)


def site_folder(plan_path: Path) -> Path:
    """site/ beside plans/ (as reports/ is)."""
    return school_folder(plan_path) / "site"
