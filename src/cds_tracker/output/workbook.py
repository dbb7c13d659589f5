"""Excel workbooks (.xlsx) of a school's standing and records, and of a commune's roll-up.

Written with openpyxl (imported only here): it writes and reads .xlsx without Excel, keeps number
formats, fills and filters, and is what our tests read the files back with. Numbers are numeric
cells with number formats (Excel shows them with the user's decimal comma), dates are date cells
shown dd/mm/yyyy, status words are coloured as in the terminal, each table has a frozen header and
an autofilter. People appear as ids and counts only, never names.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from cds_tracker.domain.attainment import Standing
from cds_tracker.domain.history import Histories
from cds_tracker.domain.model import Indicator, Plan
from cds_tracker.domain.rollup import Coverage, Rollup, RollupRow
from cds_tracker.text import present
from cds_tracker.text.messages import language, t

DATE = "dd/mm/yyyy"
PERCENT = '0.0"%"'  # the figure as `status --json` gives it (87.1), shown 87,1%
NUMBER = "#,##0.##"
HEADER_FILL = "DCE6F1"
# Light fills with dark text, one per state (the terminal's colours, readable when printed).
FILLS = {
    "met": "C6EFCE",
    "on_track": "DDEBF7",
    "behind": "FFEB9C",
    "not_met": "FFC7CE",
    "no_data": "EDEDED",
}


def school_book(
    plan: Plan, as_of: dt.date, rows: list[Standing], histories: Histories, period: str = ""
) -> bytes:
    """`cds export --xlsx`: the sheets 'Tình hình' (one row per indicator), 'Kết quả' (every
    record) and 'Thông tin' (whose, which plan, as of when: a workbook forwarded alone says so).
    `period`: what was asked for, worded ('quý II năm 2026'), or '' for a plain as-of date."""
    with language("vi"):
        book = _new_book()
        status = book.active
        status.title = t("xl.sheet.status")
        _table(
            status,
            [t(f"xl.col.{c}") for c in ("id", "group", "name", "target", "value")]
            + [t(f"xl.col.{c}") for c in ("count", "of", "state", "last")],
            (
                (
                    row.indicator.id,
                    row.indicator.group,
                    row.indicator.name,
                    present.target_text(row.indicator, words=True),
                    _figure(row.indicator, row.value),
                    row.count if row.indicator.kind == "ratio" else None,
                    _of(plan, row),
                    (present.status_word(row), row.status),
                    row.last_date,
                )
                for row in rows
            ),
            widths=[24, 7, 60, 22, 12, 10, 10, 18, 12],
        )
        records = book.create_sheet(t("xl.sheet.records"))
        every = sorted((m for history in histories.values() for m in history), key=lambda m: m.line)
        names = {i.id: i for i in plan.indicators}
        _table(
            records,
            [t(f"xl.col.{c}") for c in ("date", "id", "name", "record", "of", "note")]
            + [t(f"xl.col.{c}") for c in ("evidence", "attendees_n", "attendees", "scope", "line")],
            (
                (
                    m.date,
                    m.indicator,
                    names[m.indicator].name if m.indicator in names else "",
                    _record(names.get(m.indicator), m.value),
                    m.of,
                    m.note,
                    m.evidence,
                    len(m.attendees) or None,
                    " ".join(m.attendees),
                    m.scope,
                    m.line,
                )
                for m in every
            ),
            widths=[12, 24, 50, 12, 9, 40, 24, 10, 24, 8, 7],
        )
        _about(
            book,
            [
                (t("xl.info.school"), plan.school.name),
                (t("xl.info.plan"), present.plan_title(plan.meta)),
                (t("xl.info.period"), period or t("xl.info.to_date")),
                (t("xl.info.as_of"), as_of),
            ],
        )
        return _saved(book)


def rollup_book(
    rollup: Rollup, schools: Sequence[tuple[str, str, list[Standing]]], coverage: Coverage
) -> bytes:
    """`cds rollup --xlsx`: 'Tổng hợp' (one row per indicator: the combined figure, schools with
    data, schools met), 'Theo trường' (one row per school and indicator), 'Chưa tổng hợp' (each
    plan left out, and why) and 'Thông tin' (the counts every form gives)."""
    with language("vi"):
        book = _new_book()
        summary = book.active
        summary.title = t("xl.sheet.rollup")
        _table(
            summary,
            [t(f"xl.col.{c}") for c in ("id", "name", "combined", "schools", "with_data", "met")],
            (
                (
                    row.id,
                    row.name,
                    _combined(row),
                    row.schools,
                    row.with_data,
                    row.met,
                )
                for row in rollup.rows
            ),
            widths=[24, 60, 18, 10, 12, 10],
        )
        each = book.create_sheet(t("xl.sheet.schools"))
        _table(
            each,
            [t(f"xl.col.{c}") for c in ("code", "school", "id", "value", "state")],
            (
                (
                    code,
                    name,
                    row.indicator.id,
                    _figure(row.indicator, row.value),
                    (present.status_word(row), row.status),
                )
                for code, name, rows in schools
                for row in rows
            ),  # fmt: skip
            widths=[10, 40, 24, 12, 18],
        )
        left = book.create_sheet(t("xl.sheet.left_out"))
        _table(
            left,
            [t(f"xl.col.{c}") for c in ("school", "file", "line", "reason")],
            ((o.school, str(o.file), o.line, o.message) for o in coverage.left_out),
            widths=[36, 50, 8, 80],
        )
        _about(
            book,
            [
                (t("xl.info.plan_year"), coverage.year or None),
                (t("xl.info.as_of"), rollup.as_of),
                (t("xl.info.given"), coverage.given),
                (t("xl.info.counted"), coverage.counted),
                (t("xl.info.left_out"), len(coverage.left_out)),
                (t("xl.info.problems"), coverage.problem_rows),
            ],
        )
        return _saved(book)


def _combined(row: RollupRow) -> Any:
    """The combined figure as a number where it is one; a level is how many schools are at
    each level, in words; no school with data is an empty cell."""
    if row.kind == "level":
        return present.rollup_figure(row) if row.levels else None
    return row.value, PERCENT if row.kind in ("ratio", "percent") else NUMBER


def _about(book: Any, facts: list[tuple[str, Any]]) -> None:
    """The sheet 'Thông tin': what the workbook is, for one forwarded alone."""
    from cds_tracker import __version__

    sheet = book.create_sheet(t("xl.sheet.info"))
    made = [*facts, (t("xl.info.made_by"), f"cds {__version__}")]
    _table(sheet, [t("xl.col.item"), t("xl.col.content")], made, widths=[28, 70])


def _figure(indicator: Indicator, value: float | None) -> tuple[float | None, str]:
    return value, PERCENT if indicator.kind in ("ratio", "percent") else NUMBER


def _record(indicator: Indicator | None, value: float) -> Any:
    if indicator is not None and indicator.kind == "milestone":
        return t("status.done") if value >= 1 else t("status.not_done")
    return value, PERCENT if indicator is not None and indicator.kind == "percent" else NUMBER


def _of(plan: Plan, row: Standing) -> float | None:
    if row.indicator.kind != "ratio":
        return None
    return row.of if row.of is not None else plan.denominator(row.indicator)


def _new_book() -> Any:
    import sys

    # openpyxl imports numpy where it finds it, for numpy's number types (119 ms here); our
    # cells hold Python numbers only, so numpy is kept out while openpyxl is first imported.
    blocked = "numpy" not in sys.modules
    if blocked:
        sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        from openpyxl import Workbook
    finally:
        if blocked:
            del sys.modules["numpy"]
    return Workbook()


def _table(
    sheet: Any, headers: list[str], rows: Iterable[Sequence[Any]], widths: list[int]
) -> None:
    """A header row (bold, filled, frozen, filtered) and the rows under it.

    A cell given as (value, format) gets that number format; (word, state) a status word on its
    state's fill; a date a date cell; text is always text, never a formula (a note '=1+1').
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    # The row appended as {column: value}: an empty value makes no cell (openpyxl's cells
    # are most of a large sheet's time; a records sheet's empty columns were a third of them).
    # Then the cells to style, through `sheet.cell` (a dict lookup): both `sheet[sheet.max_row]`
    # and `sheet[n]` scan every cell of the sheet for its size each time (quadratic: 37 to 47 s
    # for 10,000 records, minutes for a province).
    number = 1
    for values in rows:
        number += 1
        sheet.append(
            {
                column: _plain(value)
                for column, value in enumerate(values, start=1)
                if isinstance(value, tuple) or (value is not None and value != "")
            }
        )
        for column, value in enumerate(values, start=1):
            if isinstance(value, tuple) and value[1] in FILLS:
                cell = sheet.cell(row=number, column=column)
                cell.fill = PatternFill("solid", fgColor=FILLS[value[1]])
            elif isinstance(value, tuple):
                sheet.cell(row=number, column=column).number_format = value[1]
            elif isinstance(value, dt.date):
                sheet.cell(row=number, column=column).number_format = DATE
            elif isinstance(value, str) and value[:1] in ("=", "#"):
                # openpyxl would take '=…' for a formula and '#N/A' for an error: text it is
                sheet.cell(row=number, column=column).data_type = "s"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    # Printed (or made a PDF) landscape, every column on one page's width.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = "1:1"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(number, 2)}"


def _plain(value: Any) -> Any:
    return value[0] if isinstance(value, tuple) else value


def _saved(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
