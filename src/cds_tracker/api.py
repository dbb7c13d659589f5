"""The library behind the commands, as one import: each name lives in app/ (one module a use
case); this module only re-exports them for existing callers."""

from __future__ import annotations

from cds_tracker.app.export import (
    export,
)
from cds_tracker.app.init import (
    GITIGNORE,
    Imported,
    Initialised,
    init_from,
    init_plan,
)
from cds_tracker.app.people import (
    add_person,
    read_ids_file,
    roster,
)
from cds_tracker.app.publish import (
    Published,
    default_site_folder,
    publish,
)
from cds_tracker.app.record import (
    Recorded,
    Undone,
    last_record,
    record,
    undo,
)
from cds_tracker.app.report import (
    Pdf,
    Report,
    commune_notices,
    commune_pdf,
    commune_report,
    default_report_path,
    init_notes,
    report,
    report_pdf,
    report_period,
    report_template,
)
from cds_tracker.app.rollup import (
    WORKERS_FROM,
    Chosen,
    Commune,
    SchoolResult,
    commune_of,
    gather,
    plans_of_year,
    rollup_workbook,
)
from cds_tracker.app.status import (
    PlanStatus,
    StatusResult,
    history,
    missing,
    missing_of,
    status,
)
from cds_tracker.app.validate import (
    Validation,
    validate,
)
from cds_tracker.app.workspace import (
    Notice,
    Step,
    Workspace,
    as_of_date,
    check,
    open_many,
    open_partial,
    open_workspace,
    source_line,
    standings,
)

__all__ = [
    "Chosen",
    "Commune",
    "gather",
    "plans_of_year",
    "GITIGNORE",
    "Imported",
    "Initialised",
    "init_from",
    "Notice",
    "Pdf",
    "PlanStatus",
    "Published",
    "Recorded",
    "Undone",
    "Report",
    "SchoolResult",
    "StatusResult",
    "Step",
    "Validation",
    "WORKERS_FROM",
    "Workspace",
    "add_person",
    "as_of_date",
    "check",
    "commune_of",
    "commune_notices",
    "commune_pdf",
    "commune_report",
    "default_report_path",
    "default_site_folder",
    "export",
    "history",
    "init_notes",
    "init_plan",
    "missing",
    "missing_of",
    "open_many",
    "open_partial",
    "open_workspace",
    "publish",
    "read_ids_file",
    "record",
    "undo",
    "last_record",
    "report",
    "report_pdf",
    "report_period",
    "report_template",
    "rollup_workbook",
    "roster",
    "source_line",
    "standings",
    "status",
    "validate",
]
