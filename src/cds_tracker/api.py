"""The library behind the commands: everything `cds` does, callable from Python and tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cds_tracker import attainment, periods, records
from cds_tracker.attainment import Standing
from cds_tracker.errors import CdsError, Problem, fail
from cds_tracker.messages import t
from cds_tracker.people import Person, Roster
from cds_tracker.planfile import LoadedPlan, load_plan
from cds_tracker.records import History, Measurement, RecordsFile

if TYPE_CHECKING:
    from cds_tracker.rollup import Rollup


@dataclass(frozen=True)
class Workspace:
    """A validated plan and its validated records."""

    loaded: LoadedPlan
    records: RecordsFile


def check(plan_path: Path) -> tuple[Workspace | None, list[Problem]]:
    """Every problem of the plan and of its records (those only once the plan is sound)."""
    try:
        loaded = load_plan(plan_path)
        found = records.read(loaded.records_path, loaded.plan)
    except CdsError as exc:
        return None, exc.problems
    return Workspace(loaded, found), found.problems


def gate(plan_path: Path) -> tuple[Workspace | None, list[Problem]]:
    """`cds validate`: everything `check` finds, and records dated outside the plan's year.

    Other commands accept such records (a school may keep last year's lines); before a commit
    they are most likely a mistyped year, so the gate names them.
    """
    workspace, problems = check(plan_path)
    if workspace is None:
        return workspace, problems
    from cds_tracker import fmt

    window = periods.year(workspace.loaded.plan)
    dated = (
        (day, line)
        for history in workspace.records.histories.values()
        for day, line in zip(history.dates, history.lines, strict=True)
    )
    for day, line in sorted(dated, key=lambda pair: pair[1]):
        if not window.start <= day <= window.end:
            problems.append(
                Problem(
                    workspace.records.path,
                    line,
                    t(
                        "v.record_outside_year",
                        date=fmt.date_short(day),
                        year=window.year,
                        start=fmt.date_short(window.start),
                        end=fmt.date_short(window.end),
                    ),
                    t("v.record_outside_year.hint"),
                )
            )
    return workspace, problems


def open_workspace(plan_path: Path) -> Workspace:
    """The plan and its records, or CdsError with every problem in them."""
    workspace, problems = check(plan_path)
    if problems or workspace is None:
        raise CdsError(problems)
    return workspace


def open_many(paths: list[Path]) -> tuple[list[Workspace], list[Problem]]:
    """The plans that are sound, and every problem of those that are not (a commune's folder)."""
    workspaces: list[Workspace] = []
    problems: list[Problem] = []
    for path in paths:
        workspace, found = check(path)
        if workspace is not None and not found:
            workspaces.append(workspace)
        problems += found
    return workspaces, problems


def rollup(
    workspaces: list[Workspace],
    as_of: dt.date | None,
    quarter: int | None,
    year: bool,
    today: dt.date,
) -> Rollup:
    """Each plan's standing on its own date (its quarter's cut-off, say), gathered per indicator."""
    from cds_tracker.rollup import rollup as gather

    per_plan = [status(w, as_of_date(w.loaded, as_of, quarter, year, today)) for w in workspaces]
    return gather(per_plan)


def status(workspace: Workspace, as_of: dt.date) -> list[Standing]:
    loaded = workspace.loaded
    return attainment.standings(loaded.plan, workspace.records.histories, as_of, loaded.members)


def as_of_date(
    loaded: LoadedPlan, as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date
) -> dt.date:
    """The day a view is computed for: --as-of, the end of --quarter's or --year's window, today."""
    if sum((as_of is not None, quarter is not None, year)) > 1:
        raise fail(t("arg.choose_one"))
    if quarter is not None:
        if quarter not in (1, 2, 3, 4):
            raise fail(t("arg.quarter_range"))
        return periods.quarter(loaded.plan, quarter).end
    if year:
        return periods.year(loaded.plan).end
    return as_of or today


@dataclass(frozen=True)
class Recorded:
    path: Path  # the records file written
    measurement: Measurement
    line: int
    standing: Standing


def record(
    plan_path: Path,
    indicator_id: str,
    value: str,
    *,
    day: dt.date,
    of: str = "",
    note: str = "",
    evidence: str = "",
    attendees: str = "",
    scope: str = "",
    today: dt.date,
) -> Recorded:
    """Check one measurement, append it, and return the indicator's new standing.

    Nothing is written when the plan, the measurement or this indicator's earlier records are
    wrong, or when it names people the roster does not know.
    """
    loaded = load_plan(plan_path)
    measurement, problems = records.build(
        loaded.plan,
        date_text=day.isoformat(),
        indicator_id=_one_line(indicator_id),
        value_text=_one_line(value),
        of_text=_one_line(of),
        note=_one_line(note),
        evidence=_one_line(evidence),
        attendees_text=_one_line(attendees),
        scope=_one_line(scope),
    )
    if measurement is not None:
        problems += _unknown_people(loaded, measurement.attendees)
    if problems or measurement is None:
        raise CdsError(problems)
    earlier = records.read(loaded.records_path, loaded.plan, only=measurement.indicator)
    if earlier.problems:
        raise CdsError([*earlier.problems, Problem(None, None, t("rec.existing_errors"))])
    indicator = loaded.plan.indicator(measurement.indicator)
    assert indicator is not None  # build() checked it
    line = records.append(loaded.records_path, measurement, indicator.kind)
    before = earlier.histories[indicator.id]
    history = History.of(indicator.id, [*before, replace(measurement, line=line)])
    now = max(today, measurement.date)
    new = attainment.standing(loaded.plan, indicator, history, now, loaded.members)
    return Recorded(loaded.records_path, measurement, line, new)


def _unknown_people(loaded: LoadedPlan, ids: tuple[str, ...]) -> list[Problem]:
    if not ids:
        return []
    from cds_tracker.people import roster_path

    known = loaded.roster.people if loaded.roster is not None else {}
    where = roster_path(loaded.path)
    return [
        Problem(None, None, t("p.unknown", id=person, file=where), t("p.unknown.hint"))
        for person in ids
        if person not in known
    ]


def roster(plan_path: Path) -> Roster:
    """The roster beside the plan, checked; CdsError listing its problems."""
    from cds_tracker.people import read, roster_path

    found = read(roster_path(plan_path))
    if found.problems:
        raise CdsError(found.problems)
    return found


def add_person(plan_path: Path, person_id: str, name: str, role: str) -> tuple[Path, int]:
    from cds_tracker.people import add, roster_path

    where = roster_path(plan_path)
    return where, add(where, person_id.strip(), _one_line(name), role)


def read_ids_file(path: Path) -> str:
    """The ids in an attendance file, one a line (blank lines and '#' comments skipped)."""
    from cds_tracker.files import read_utf8

    lines = (line.split("#", 1)[0].strip() for line in read_utf8(path).splitlines())
    return " ".join(line for line in lines if line)


def missing(workspace: Workspace, indicator_id: str, as_of: dt.date) -> list[Person]:
    """The people of an attendance indicator's population not yet counted on `as_of`."""
    indicator = workspace.loaded.plan.indicator(indicator_id)
    if indicator is None:
        raise fail(t("history.unknown", id=indicator_id), t("r.unknown_indicator.list"))
    if indicator.aggregate != "unique" or workspace.loaded.roster is None:
        raise fail(t("missing.not_unique", id=indicator_id))
    history = workspace.records.histories[indicator_id]
    counted = {person for group in history.upto(as_of).attendees for person in group}
    people = workspace.loaded.members.get(str(indicator.of), frozenset())
    roster = workspace.loaded.roster.people
    return sorted((roster[p] for p in people - counted), key=lambda p: (p.role, p.id))


def _one_line(text: str) -> str:
    """Text typed on the command line as it is stored: NFC (some Vietnamese keyboards type
    decomposed letters), one line, no control characters (they would break the CSV in Excel)."""
    import unicodedata

    printable = "".join(c if c.isprintable() else " " for c in unicodedata.normalize("NFC", text))
    return " ".join(printable.split())


def history(workspace: Workspace, indicator_id: str) -> History:
    if workspace.loaded.plan.indicator(indicator_id) is None:
        raise fail(t("history.unknown", id=indicator_id), t("r.unknown_indicator.list"))
    return workspace.records.histories[indicator_id]


GITIGNORE = """# Khóa tạm của cds khi ghi kết quả (không cần lưu vào git).
*.lock
# Nếu kho git này công khai, bỏ dấu # ở dòng dưới để không đưa danh sách người (có họ tên) lên:
# *.people.csv
"""


def init_plan(
    *,
    name: str,
    code: str,
    place: str,
    year: int,
    parent: str | None = None,
    head: str | None = None,
    output: Path | None = None,
    source: Path | None = None,
    cwd: Path | None = None,
) -> Path:
    """Write a new school's plan from the shipped one; refuse to overwrite. Returns its path."""
    from cds_tracker import shipped
    from cds_tracker.files import atomic_write, read_utf8
    from cds_tracker.yamlplan import new_plan_text

    if output is None:
        output = (cwd or Path.cwd()) / "plans" / f"{year}-{_slug(code)}.yaml"
    if output.exists():
        raise fail(t("init.exists", path=output), t("init.exists.hint"))
    text = new_plan_text(
        read_utf8(source or shipped.example_plan()),
        name=name,
        code=code,
        place=place,
        year=year,
        parent=parent,
        head=head,
    )
    from cds_tracker.yamlplan import validate

    validate(text, output)  # what we write must read back as a valid plan: check before writing
    ignore = output.parent / ".gitignore"
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, text.encode("utf-8"))
        if not ignore.exists():
            # `cds record` leaves a lock file beside the records; it has no place in git.
            atomic_write(ignore, GITIGNORE.encode("utf-8"))
    except OSError as exc:
        from cds_tracker.files import write_problem

        raise CdsError([write_problem(output, exc)]) from None
    return output


# --- reports ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    path: Path
    period_label: str
    notes_path: Path
    notes_found: bool
    warnings: list[str]
    pdf: Path | None = None
    pdf_problem: str | None = None


def report_period(loaded: LoadedPlan, quarter: int | None, year: bool) -> periods.Period:
    if (quarter is None) == (not year):
        raise fail(t("rp.choose_period"))
    if quarter is not None:
        if quarter not in (1, 2, 3, 4):
            raise fail(t("arg.quarter_range"))
        return periods.quarter(loaded.plan, quarter)
    return periods.year(loaded.plan)


def default_report_path(loaded: LoadedPlan, period: periods.Period) -> Path:
    """reports/ beside plans/: 'bao-cao-cds-thxt-2026-quy-2.docx', '…-2026-nam.docx'."""
    folder = loaded.path.parent
    base = folder.parent if folder.name == "plans" else folder
    code = _slug(loaded.plan.school.code)
    when = f"quy-{period.quarter}" if period.quarter else "nam"
    return base / "reports" / f"bao-cao-cds-{code}-{period.year}-{when}.docx"


def _slug(text: str) -> str:
    """'THXT' -> 'thxt', 'Xuân Hòa' -> 'xuan-hoa': a file name part without diacritics."""
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "truong"


def report_template(loaded: LoadedPlan, option: Path | None) -> Path:
    from cds_tracker import shipped

    if option is not None:
        return option
    if loaded.plan.report.template:
        # A plan written on Windows may say 'mau\\bao-cao.docx'; read it the same everywhere.
        return loaded.path.parent / loaded.plan.report.template.replace("\\", "/")
    return shipped.template("bao-cao-cds.docx")


def init_notes(plan_path: Path, quarter: int | None, year: bool) -> Path:
    """Write the narrative skeleton for a period beside the plan; never over an existing one."""
    from cds_tracker.files import atomic_write, write_problem
    from cds_tracker.report import notes
    from cds_tracker.report.content import next_period_label

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
) -> Report:
    """Write the period's report; the .docx appears whole or not at all."""
    from cds_tracker import fmt
    from cds_tracker.report import content, notes, render

    workspace = open_workspace(plan_path)
    loaded = workspace.loaded
    period = report_period(loaded, quarter, year)
    target = output or default_report_path(loaded, period)
    if target.exists() and not force:  # say so before any work is done
        raise fail(t("rp.exists", path=target), t("rp.exists.hint"))
    notes_file = notes.notes_path(loaded.path, period)
    written = notes.load(notes_file)
    histories, members = workspace.records.histories, loaded.members
    context = content.build(loaded.plan, histories, period, issue_date, number, written, members)
    data = render.render(report_template(loaded, template), context)
    render.write(target, data, force)
    warnings = []
    if issue_date >= period.deadline:
        warnings.append(
            t(
                "rp.late",
                period=period.label,
                deadline=fmt.date_short(period.deadline),
                date=fmt.date_short(issue_date),
            )
        )
    figures_to = content.as_of(period, issue_date)
    if figures_to < period.end:
        warnings.append(
            t("rp.early", end=fmt.date_short(period.end), date=fmt.date_short(figures_to))
        )
    result = Report(target, period.label, notes_file, written is not None, warnings)
    if pdf:
        try:
            return replace(result, pdf=render.to_pdf(target, force))
        except CdsError as exc:
            return replace(result, pdf_problem=" ".join(p.message for p in exc.problems))
    return result
