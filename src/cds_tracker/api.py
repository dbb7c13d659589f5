"""The library behind the commands, as one import: each name lives in app/ (one module a use
case); this module only re-exports them, each imported when first asked for (a command pays
for its own use case only: importing every app module cost `status --json` 25 ms)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        CommuneReport,
        Pdf,
        Report,
        commune_report,
        default_report_path,
        init_notes,
        pdf_of,
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

_WHERE = {
    "Chosen": "cds_tracker.app.rollup",
    "Commune": "cds_tracker.app.rollup",
    "GITIGNORE": "cds_tracker.app.init",
    "Imported": "cds_tracker.app.init",
    "Initialised": "cds_tracker.app.init",
    "Notice": "cds_tracker.app.workspace",
    "Pdf": "cds_tracker.app.report",
    "PlanStatus": "cds_tracker.app.status",
    "Published": "cds_tracker.app.publish",
    "Recorded": "cds_tracker.app.record",
    "Report": "cds_tracker.app.report",
    "SchoolResult": "cds_tracker.app.rollup",
    "StatusResult": "cds_tracker.app.status",
    "Step": "cds_tracker.app.workspace",
    "Undone": "cds_tracker.app.record",
    "Validation": "cds_tracker.app.validate",
    "WORKERS_FROM": "cds_tracker.app.rollup",
    "Workspace": "cds_tracker.app.workspace",
    "add_person": "cds_tracker.app.people",
    "as_of_date": "cds_tracker.app.workspace",
    "check": "cds_tracker.app.workspace",
    "commune_of": "cds_tracker.app.rollup",
    "CommuneReport": "cds_tracker.app.report",
    "pdf_of": "cds_tracker.app.report",
    "commune_report": "cds_tracker.app.report",
    "default_report_path": "cds_tracker.app.report",
    "default_site_folder": "cds_tracker.app.publish",
    "export": "cds_tracker.app.export",
    "gather": "cds_tracker.app.rollup",
    "history": "cds_tracker.app.status",
    "init_from": "cds_tracker.app.init",
    "init_notes": "cds_tracker.app.report",
    "init_plan": "cds_tracker.app.init",
    "last_record": "cds_tracker.app.record",
    "missing": "cds_tracker.app.status",
    "missing_of": "cds_tracker.app.status",
    "open_many": "cds_tracker.app.workspace",
    "open_partial": "cds_tracker.app.workspace",
    "open_workspace": "cds_tracker.app.workspace",
    "plans_of_year": "cds_tracker.app.rollup",
    "publish": "cds_tracker.app.publish",
    "read_ids_file": "cds_tracker.app.people",
    "record": "cds_tracker.app.record",
    "report": "cds_tracker.app.report",
    "report_pdf": "cds_tracker.app.report",
    "report_period": "cds_tracker.app.report",
    "report_template": "cds_tracker.app.report",
    "rollup_workbook": "cds_tracker.app.rollup",
    "roster": "cds_tracker.app.people",
    "source_line": "cds_tracker.app.workspace",
    "standings": "cds_tracker.app.workspace",
    "status": "cds_tracker.app.status",
    "undo": "cds_tracker.app.record",
    "validate": "cds_tracker.app.validate",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'cds_tracker.api' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value  # found once
    return value


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
    "CommuneReport",
    "pdf_of",
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
