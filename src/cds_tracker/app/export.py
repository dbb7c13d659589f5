"""`cds export --xlsx`: the plan's standing and records as a workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cds_tracker.app.workspace import as_of_date, open_workspace, standings
from cds_tracker.checks.problem import fail
from cds_tracker.store.files import write_new
from cds_tracker.text.messages import t


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

    if output.exists() and not force:  # said before any work is done
        raise fail(t("rp.exists", path=output), t("rp.exists.hint"))
    workspace = open_workspace(plan_path)
    day = as_of_date(workspace.loaded, as_of, quarter, year, today)
    rows = standings(workspace, day)
    data = workbook.school_book(workspace.loaded.plan, day, rows, workspace.records.histories)
    write_new([(output, data)], force)
    return output
