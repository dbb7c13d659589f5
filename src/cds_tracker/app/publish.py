"""`cds publish`: the school's progress page and picture."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cds_tracker.app.workspace import as_of_date, open_workspace
from cds_tracker.store import paths
from cds_tracker.store.files import write_new
from cds_tracker.store.planfile import LoadedPlan


@dataclass(frozen=True)
class Published:
    page: Path
    picture: Path


def default_site_folder(loaded: LoadedPlan) -> Path:
    """site/ beside plans/ (as reports/ is)."""
    return paths.site_folder(loaded.path)


def publish(
    plan_path: Path,
    *,
    output: Path | None = None,
    as_of: dt.date | None = None,
    quarter: int | None = None,
    year: bool = False,
    today: dt.date,
) -> Published:
    """Write the school's progress page and picture; replaces those two files, nothing else.

    Refused where the records have problem rows, as the report is: a published figure must be
    one the school stands behind.
    """
    from cds_tracker.output import site

    workspace = open_workspace(plan_path)
    loaded = workspace.loaded
    day = as_of_date(loaded, as_of, quarter, year, today)
    built = site.build(loaded.plan, workspace.records.histories, day, loaded.members)
    folder = output or default_site_folder(loaded)
    page, picture = folder / site.PAGE, folder / site.PICTURE
    # The picture first: the page refers to it. Publishing replaces these two, nothing else.
    write_new([(picture, built.picture), (page, built.page.encode("utf-8"))], force=True)
    return Published(page, picture)


# --- reports ----------------------------------------------------------------------------------
