"""`cds report` and `cds rollup --report`: the school's and the commune's documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from cds_tracker.app.rollup import Commune, gather
from cds_tracker.app.workspace import Notice, open_workspace
from cds_tracker.checks.problem import CdsError, Problem, fail
from cds_tracker.domain import periods
from cds_tracker.store import shipped
from cds_tracker.store.files import atomic_write, current_folder, write_problem
from cds_tracker.store.paths import report_name, report_path
from cds_tracker.store.planfile import LoadedPlan, load_plan
from cds_tracker.text.messages import t


class CommuneReport(NamedTuple):
    """A commune's report written: where, the roll-up it says (its counts and problems, for the
    command to say and to exit by), and what is worth a word."""

    path: Path
    commune: Commune
    notices: list[Notice]


def commune_report(
    paths: list[Path],
    *,
    issuer_path: Path,
    quarter: int | None,
    year: bool,
    issue_date: dt.date,
    today: dt.date,
    output: Path | None = None,
    force: bool = False,
    number: str | None = None,
    notes_path: Path | None = None,
    template: Path | None = None,
    plan_year: int | None = None,
) -> CommuneReport:
    """`cds rollup --report`: the commune's consolidated report, issued by the body the issuer
    file names; the schools left out are listed in it as not reported."""
    from cds_tracker.app.rollup import default_year
    from cds_tracker.output.report import commune as commune_content
    from cds_tracker.output.report import layout, render
    from cds_tracker.store import issuer as issuers
    from cds_tracker.store import notes

    if quarter is not None and year:
        raise fail(t("rp.one_period"))
    if quarter is None and not year:
        raise fail(t("rp.choose_period"))
    if notes_path is not None and not notes_path.is_file():
        raise fail(t("cm.notes_missing", path=notes_path), t("cm.notes_missing.hint"))
    who = issuers.read(issuer_path)
    key: periods.PeriodKey = "year" if year else f"q{quarter}"  # type: ignore[assignment]
    period = periods.default_period(key, plan_year or default_year(today))
    name = report_name(who.code, period.year, period.quarter, commune=True)
    target = output or current_folder() / "reports" / name
    if target.exists() and not force:  # said before the roll-up's work is done
        raise fail(t("rp.exists", path=target), t("rp.exists.hint"))
    gathered = gather(
        paths, plan_year=period.year, as_of=None, quarter=quarter, year=year, today=today
    )
    written = notes.load(notes_path) if notes_path is not None else None
    context = commune_content.build(
        who, gathered.rollup, gathered.schools, gathered.coverage, period, issue_date, number,
        written, dict(gathered.flawed),
    )  # fmt: skip
    look = {"title": context["subject"], "author": who.name, "day": issue_date}
    data = render.render(
        template or shipped.template("bao-cao-xa.docx"),
        context,
        lambda doc: layout.finish(doc, **look),
    )
    render.write(target, data, force)
    # Worth a word: sections drafted from the figures, an opening citing nothing, a late report.
    notices = [] if notes_path is not None else [Notice("cm.drafted", {})]
    if not who.basis:
        notices.append(Notice("cm.no_basis", {"file": issuer_path}))
    if periods.is_overdue(period, issue_date):
        shown = {"period": period, "deadline": period.deadline, "date": issue_date}
        notices.append(Notice("rp.late", shown))
    return CommuneReport(target, gathered, notices)


def pdf_of(docx: Path) -> Pdf:
    """The PDF of a report's .docx, made beside it (replacing an earlier one), and a word where
    LibreOffice had to put another font in place of Times New Roman (one of its widths, or a
    wider one that breaks lines elsewhere than Word)."""
    from cds_tracker.output.report import render

    made = render.to_pdf(docx)
    said = {"same widths": ["rp.font_missing"], "wider": ["rp.font_wider"]}
    return Pdf(made, [Notice(key, {}) for key in said.get(render.pdf_font(), [])])


@dataclass(frozen=True)
class Report:
    """A report written: where, for which period, from which notes, what is worth a word."""

    path: Path
    period: periods.Period
    notes_path: Path
    notes_found: bool
    notices: list[Notice]
    pdf: Path | None = None
    pdf_problems: list[Problem] = field(default_factory=list)  # the .docx is kept all the same


def report_period(loaded: LoadedPlan, quarter: int | None, year: bool) -> periods.Period:
    if quarter is not None and year:
        raise fail(t("rp.one_period"))
    if quarter is None and not year:
        raise fail(t("rp.choose_period"))
    if quarter is not None:
        if quarter not in (1, 2, 3, 4):
            raise fail(t("arg.quarter_range", text=quarter))
        return periods.quarter(loaded.plan, quarter)
    return periods.year(loaded.plan)


def default_report_path(loaded: LoadedPlan, period: periods.Period) -> Path:
    """reports/ beside plans/: 'bao-cao-cds-thxt-2026-quy-2.docx', '…-2026-nam.docx'."""
    code = loaded.plan.school.code
    return report_path(loaded.path, code, period.year, period.quarter)


def report_template(loaded: LoadedPlan, option: Path | None) -> Path:
    """--template, else the plan's `report.template` (beside the plan), else the shipped one."""
    if option is not None:
        return option
    if loaded.plan.report.template:
        # A plan written on Windows may say 'mau\\bao-cao.docx'; read it the same everywhere.
        return loaded.path.parent / loaded.plan.report.template.replace("\\", "/")
    return shipped.template("bao-cao-cds.docx")


def init_notes(plan_path: Path, quarter: int | None, year: bool) -> Path:
    """Write the narrative skeleton for a period beside the plan; never over an existing one."""
    from cds_tracker.output.report.content import next_period_label
    from cds_tracker.store import notes

    loaded = load_plan(plan_path)
    period = report_period(loaded, quarter, year)
    path = notes.notes_path(loaded.path, period)
    if path.exists():
        raise fail(t("init.exists", path=path))
    text = notes.skeleton(period, next_period_label(loaded.plan, period))
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise CdsError([write_problem(path, exc)]) from None
    return path


def report(
    plan_path: Path,
    *,
    quarter: int | None,
    year: bool,
    issue_date: dt.date,
    output: Path | None = None,
    force: bool = False,
    number: str | None = None,
    template: Path | None = None,
    pdf: bool = False,
    annex: bool = False,
    charts: bool = False,
) -> Report:
    """Write the period's report; the .docx appears whole or not at all."""
    from cds_tracker.output.report import content, layout, render
    from cds_tracker.store import notes

    try:
        workspace = open_workspace(plan_path)
    except CdsError as exc:
        raise CdsError([*exc.problems, Problem(None, None, t("rp.not_written"))]) from None
    loaded = workspace.loaded
    period = report_period(loaded, quarter, year)
    target = output or default_report_path(loaded, period)
    if target.exists() and not force:  # say so before any work is done
        raise fail(t("rp.exists", path=target), t("rp.exists.hint"))
    notes_file = notes.notes_path(loaded.path, period)
    written = notes.load(notes_file)
    histories, members = workspace.records.histories, loaded.members
    chart = None
    if charts:  # matplotlib: only when asked for
        from cds_tracker.output import site

        rows = content.standings_on(loaded.plan, histories, period, issue_date, members)
        chart = site.overview(loaded.plan, rows, content.as_of(period, issue_date), serif=True)
    context = content.build(
        loaded.plan, histories, period, issue_date, number, written, members, annex, chart
    )
    look = {"title": context["subject"], "author": loaded.plan.school.name, "day": issue_date}
    data = render.render(
        report_template(loaded, template), context, lambda doc: layout.finish(doc, **look)
    )
    render.write(target, data, force)
    notices = []
    meta = loaded.plan.meta
    if not (meta.number and meta.date):
        notices.append(Notice("rp.uncited", {}))
    elif issue_date < meta.date:  # a report cannot answer a plan issued after it
        notices.append(Notice("rp.before_plan", {"date": issue_date, "plan_date": meta.date}))
    if periods.is_overdue(period, issue_date):
        shown = {"period": period, "deadline": period.deadline, "date": issue_date}
        notices.append(Notice("rp.late", shown))
    figures_to = content.as_of(period, issue_date)
    if figures_to < period.end:
        notices.append(Notice("rp.early", {"end": period.end, "date": figures_to}))
    result = Report(target, period, notes_file, written is not None, notices)
    if pdf:
        try:
            made = report_pdf(plan_path, quarter=quarter, year=year, output=target)
        except CdsError as exc:
            return replace(result, pdf_problems=exc.problems)
        return replace(result, pdf=made.path, notices=[*notices, *made.notices])
    return result


@dataclass(frozen=True)
class Pdf:
    path: Path
    notices: list[Notice]


def report_pdf(
    plan_path: Path,
    *,
    quarter: int | None,
    year: bool,
    output: Path | None = None,
) -> Pdf:
    """The PDF of a report already written, edits and all: the .docx is read, never written,
    and the PDF beside it replaced (it is made from the .docx, which is what a user edits).

    A principal who corrected the .docx in Word gets its PDF without `--force` overwriting it.
    Where Times New Roman is not installed, LibreOffice puts another font in its place: said.
    """
    loaded = load_plan(plan_path)
    target = output or default_report_path(loaded, report_period(loaded, quarter, year))
    if not target.is_file():
        raise fail(t("rp.pdf_no_docx", path=target), t("rp.pdf_no_docx.hint"))
    # Replacing the PDF of the document is what --pdf-only is for: the .docx is what is edited.
    return pdf_of(target)
