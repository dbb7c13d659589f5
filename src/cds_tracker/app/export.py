"""`cds export --xlsx`: the plan's standing and records as a workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cds_tracker.app.workspace import as_of_date, open_workspace, standings
from cds_tracker.domain import periods
from cds_tracker.store.files import exists, workbook_name, write_new
from cds_tracker.text import present


def export(
    plan_path: Path,
    output: Path,
    *,
    force: bool = False,
    as_of: dt.date | None = None,
    quarter: int | None = None,
    year: bool = False,
    today: dt.date,
) -> Path:
    """`cds export --xlsx`: the plan's standing and its records as an Excel workbook."""
    from cds_tracker.output import workbook

    workbook_name(output)
    if output.exists() and not force:  # said before any work is done
        raise exists(output)
    workspace = open_workspace(plan_path)
    day = as_of_date(workspace.loaded, as_of, quarter, year, today)
    rows = standings(workspace, day)
    plan = workspace.loaded.plan
    period = ""
    if quarter is not None:
        period = present.period_label(periods.quarter(plan, quarter))
    elif year:
        period = present.period_label(periods.year(plan))
    data = workbook.school_book(plan, day, rows, workspace.records.histories, period)
    write_new([(output, data)], force)
    return output
