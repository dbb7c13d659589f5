"""The library behind the commands: everything `cds` does, callable from Python and tests."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cds_tracker import attainment, checks, fmt, people, periods, records, shipped
from cds_tracker.attainment import Standing
from cds_tracker.errors import CdsError, Problem, fail
from cds_tracker.files import atomic_write, read_utf8, write_new, write_problem
from cds_tracker.messages import t
from cds_tracker.model import Indicator
from cds_tracker.people import Person, Roster, roster_path
from cds_tracker.planfile import LoadedPlan, find_plans, load_plan
from cds_tracker.records import History, Measurement, RecordsFile

# Imported where used, each for a reason: yamlplan brings ruamel.yaml and pydantic (a plan not
# seen before, `cds init`), report/ brings docxtpl and Jinja, rollup only serves `cds rollup`.
if TYPE_CHECKING:
    from cds_tracker.rollup import Rollup


@dataclass(frozen=True)
class Workspace:
    """A validated plan and its validated records."""

    loaded: LoadedPlan
    records: RecordsFile


def check(plan_path: Path, remember: bool = True) -> tuple[Workspace | None, list[Problem]]:
    """Every problem of the plan and of its records (those only once the plan is sound).

    The workspace comes back whenever the plan itself is sound: its records are the good rows,
    and the problem rows are in the list (a bad row never hides the others). `remember`: as
    planfile.load_plan's.
    """
    try:
        loaded = load_plan(plan_path, remember)
        found = records.read(loaded.records_path, loaded.plan)
    except CdsError as exc:
        return None, exc.problems
    found.problems += [
        Problem(found.path, line, message, hint)
        for check_ in checks.WORKSPACE_CHECKS
        for line, message, hint in check_(loaded, found)
    ]
    return Workspace(loaded, found), found.problems


@dataclass(frozen=True)
class Validation:
    """What `cds validate` found: the sound plans and every problem of the others."""

    sound: list[Workspace]
    problems: list[Problem]


def validate(paths: list[Path] | None = None) -> Validation:
    """Check each plan with its roster and records (`paths` as --plan gives them: files, folders,
    or nothing for the plan of ./plans/)."""
    sound: list[Workspace] = []
    found: list[Problem] = []
    for path in find_plans(paths):
        workspace, problems = check(path)
        found += problems
        if workspace is not None and not problems:
            sound.append(workspace)
    return Validation(sound, sorted(found, key=Problem.sort_key))


def _statuses(only: list[str] | None) -> set[str]:
    """The status names of --only (comma-separated or repeated), each checked."""
    names = {n.strip() for text in only or [] for n in text.split(",") if n.strip()}
    unknown = sorted(names - set(attainment.STATUSES))
    if unknown:
        choices = ", ".join(attainment.STATUSES)
        raise fail(t("arg.status_unknown", status=unknown[0], choices=choices))
    return names


@dataclass(frozen=True)
class PlanStatus:
    """One plan's standings on its as-of date, and the problem rows left out of them."""

    workspace: Workspace
    as_of: dt.date
    rows: list[Standing]

    @property
    def problems(self) -> list[Problem]:
        return self.workspace.records.problems


@dataclass(frozen=True)
class StatusResult:
    """`cds status` over one or several plans; `problems` of every plan, readable or not."""

    plans: list[PlanStatus]
    problems: list[Problem]
    several: bool  # several plans were asked for: JSON is {"plans": [...]}


def status(
    paths: list[Path] | None,
    *,
    as_of: dt.date | None = None,
    quarter: int | None = None,
    year: bool = False,
    today: dt.date,
    indicator: str | None = None,
    groups: list[str] | None = None,
    only: list[str] | None = None,
) -> StatusResult:
    """Where every indicator stands in each plan, from the good rows.

    `indicator`, `groups` (such as '2.3') and `only` (status names: met, on_track, behind,
    not_met, no_data) keep the rows asked for.
    """
    wanted_statuses = _statuses(only)
    found = find_plans(paths)
    workspaces, problems = open_many(found, partial=True)
    plans = []
    for workspace in workspaces:
        plan = workspace.loaded.plan
        day = as_of_date(workspace.loaded, as_of, quarter, year, today)
        rows = standings(workspace, day)
        if indicator is not None:
            wanted = records.require(plan, indicator)
            rows = [r for r in rows if r.indicator.id == wanted.id]
        if groups:
            unknown = [g for g in groups if g not in plan.groups]
            if unknown:
                known = ", ".join(plan.groups)
                raise fail(t("arg.group_unknown", group=unknown[0], known=known))
            rows = [r for r in rows if r.indicator.group in groups]
        if wanted_statuses:
            rows = [r for r in rows if r.status in wanted_statuses]
        plans.append(PlanStatus(workspace, day, rows))
    return StatusResult(plans, problems, several=len(found) > 1)


def open_workspace(plan_path: Path) -> Workspace:
    """The plan and its records, or CdsError with every problem in them."""
    workspace, problems = check(plan_path)
    if problems or workspace is None:
        raise CdsError(problems)
    return workspace


def open_partial(plan_path: Path) -> tuple[Workspace, list[Problem]]:
    """The plan and the good rows of its records, with the problem rows; CdsError for a plan
    that cannot be read at all."""
    workspace, problems = check(plan_path)
    if workspace is None:
        raise CdsError(problems)
    return workspace, problems


Step = Callable[[], None]  # called once a unit of slow work is done (a progress bar advances)


def open_many(
    paths: list[Path], partial: bool = False, step: Step | None = None
) -> tuple[list[Workspace], list[Problem]]:
    """The plans that are sound, and every problem of those that are not (a commune's folder).

    `partial`: keep a plan whose records have problem rows (status shows the good ones).
    `step`: called after each plan, for a progress bar.
    """
    import gc

    workspaces: list[Workspace] = []
    problems: list[Problem] = []
    # The plans become many small objects that hold no cycles: the cyclic collector would run
    # over them again and again for nothing (measured: a second of a province's roll-up).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for path in paths:
            workspace, found = check(path)
            if step is not None:
                step()
            if workspace is not None and (partial or not found):
                workspaces.append(workspace)
            problems += found
    finally:
        if was_enabled:
            gc.enable()
    return workspaces, problems


@dataclass(frozen=True)
class Commune:
    """A roll-up and each school's own standings (code, name, rows), for the commune's sheets.

    From the cache, the schools' standings are read only when asked for (the sheets, the
    report): a plain roll-up needs the combined figures alone.
    """

    rollup: Rollup
    given: list[tuple[str, str, list[Standing]]] | None = None
    cached: tuple[str, ...] = ()  # the standings cache's names of the schools, in order

    @functools.cached_property
    def schools(self) -> list[tuple[str, str, list[Standing]]]:
        if self.given is not None:
            return self.given
        from cds_tracker import standingscache

        found = [standingscache.load(name) for name in self.cached]
        return [school for school in found if school is not None]


def commune_of(
    paths: list[Path],
    *,
    as_of: dt.date | None,
    quarter: int | None,
    year: bool,
    today: dt.date,
    step: Step | None = None,
) -> tuple[Commune, list[Problem]]:
    """`cds rollup`: the plans at `paths` gathered, with every problem of those left out.

    A school whose plan, records and roster are byte for byte as at an earlier run, asked for
    the same day, is read from the standings cache (standingscache.py) instead of computed.
    """
    import gc

    from cds_tracker import standingscache
    from cds_tracker.rollup import rollup as gather

    if sum((as_of is not None, quarter is not None, year)) > 1:
        raise fail(t("arg.choose_one"))
    asked = (
        as_of,
        quarter,
        year,
        today if as_of is None and quarter is None and not year else None,
    )
    School = tuple[str, str, list[Standing]]
    cached: dict[int, School] = {}
    was_enabled = gc.isenabled()
    gc.disable()  # as in open_many: many small objects, no cycles
    try:
        names = [standingscache.key(_school_files(path), asked) for path in paths]
        # Every school as at a run that had no problem: its combined figures, kept whole.
        whole = standingscache.key([name.encode() for name in names], asked)
        kept = standingscache.load_rollup(whole)
        if kept is not None:
            if step is not None:
                for _ in paths:
                    step()
            return Commune(kept, cached=tuple(names)), []
        for i, name in enumerate(names):
            school = standingscache.load(name)
            if school is not None:
                cached[i] = school
                if step is not None:
                    step()
        todo = [
            (path, as_of, quarter, year, today, names[i])
            for i, path in enumerate(paths)
            if i not in cached
        ]
        computed = iter(_compute_schools(todo, step))
        found = [(cached[i], []) if i in cached else next(computed) for i in range(len(paths))]
    finally:
        if was_enabled:
            gc.enable()
    schools = [school for school, _ in found if school is not None]
    problems = [problem for _, listed in found for problem in listed]
    combined = gather([rows for _, _, rows in schools])
    if not problems:
        standingscache.save_rollup(whole, combined)
    return Commune(combined, given=schools), problems


WORKERS_FROM = 300  # plans; below this a second process costs more than it saves (measured)
SchoolResult = tuple["tuple[str, str, list[Standing]] | None", list[Problem]]


def _compute_schools(todo: list[tuple[Any, ...]], step: Step | None) -> list[SchoolResult]:
    """Each school's standings, in the order given: in two worker processes for a province's
    first run (the work is per school and the machine has two cores), else here."""
    import os

    if len(todo) < WORKERS_FROM or (os.cpu_count() or 1) < 2:
        results = []
        for job in todo:
            results.append(_school(*job))
            if step is not None:
                step()
        return results
    from concurrent.futures import ProcessPoolExecutor

    from cds_tracker import standingscache

    done: list[SchoolResult] = []
    with ProcessPoolExecutor(max_workers=2) as pool:
        for school, problems in pool.map(_school_rows, todo, chunksize=64):
            if school is None:
                done.append((None, problems))
            else:
                rows = [standingscache._standing(row) for row in school[2]]
                done.append(((school[0], school[1], rows), problems))
            if step is not None:
                step()
    return done


def _school(
    path: Path, as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date, name: str
) -> SchoolResult:
    """One school's standings (kept in the standings cache under `name` when sound), or its
    problems."""
    from cds_tracker import standingscache

    workspace, found = check(path, remember=False)  # the standings cache serves later runs
    if workspace is None or found:
        return None, found
    day = as_of_date(workspace.loaded, as_of, quarter, year, today)
    meta = workspace.loaded.plan.school
    school = (meta.code, meta.name, standings(workspace, day))
    standingscache.save(name, *school)
    return school, []


def _school_rows(job: tuple[Any, ...]) -> tuple[Any, list[Problem]]:
    """_school in a worker process: plain tuples cross back (a Standing holds plan objects)."""
    from cds_tracker import standingscache

    school, problems = _school(*job)
    if school is None:
        return None, problems
    return (school[0], school[1], [standingscache._row(s) for s in school[2]]), problems


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
) -> tuple[Path, list[Problem]]:
    """`cds rollup --report`: the commune's consolidated report, issued by the body the issuer
    file names; the schools whose files have problems are listed in it as not reported (and the
    problems returned, for the command to show)."""
    from cds_tracker import issuer as issuers
    from cds_tracker.report import commune as commune_content
    from cds_tracker.report import layout, notes, render

    if (quarter is None) == (not year):
        raise fail(t("rp.choose_period"))
    who = issuers.read(issuer_path)
    found = find_plans(paths)
    gathered, problems = commune_of(found, as_of=None, quarter=quarter, year=year, today=today)
    plan_year = _plans_year(found, today)
    key: periods.PeriodKey = "year" if year else f"q{quarter}"  # type: ignore[assignment]
    period = periods.default_period(key, plan_year)
    code = _slug(who.code)
    when = f"quy-{period.quarter}" if period.quarter else "nam"
    target = output or Path.cwd() / "reports" / f"bao-cao-cds-xa-{code}-{period.year}-{when}.docx"
    if target.exists() and not force:
        raise fail(t("rp.exists", path=target), t("rp.exists.hint"))
    written = notes.load(notes_path) if notes_path is not None else None
    left_out = [_school_of(file) for file in dict.fromkeys(p.file for p in problems if p.file)]
    context = commune_content.build(
        who, gathered.rollup, gathered.schools, left_out, period, issue_date, number, written
    )
    look = {"title": context["subject"], "author": who.name, "day": issue_date}
    data = render.render(
        template or shipped.template("bao-cao-xa.docx"),
        context,
        lambda doc: layout.finish(doc, **look),
    )
    render.write(target, data, force)
    return target, problems


def _school_of(file: Path) -> str:
    """The school a broken file belongs to, as the report names it: its plan's school, or the
    file's name where the plan itself cannot be read."""
    plan = file
    for suffix in (".records.csv", ".people.csv"):
        if file.name.endswith(suffix):
            plan = file.with_name(file.name[: -len(suffix)] + ".yaml")
    try:
        return t("cm.left_out_school", school=load_plan(plan).plan.school.name, file=file.name)
    except CdsError:
        return t("cm.left_out_file", file=file.name)


def _plans_year(paths: list[Path], today: dt.date) -> int:
    """The plans' year (the first that reads), for the commune report's period."""
    for path in paths:
        try:
            return load_plan(path).plan.meta.year
        except CdsError:
            continue
    return today.year


def _school_files(path: Path) -> list[bytes]:
    """The bytes of a school's plan, records and roster, for its standings cache key; empty
    where a file is missing or unreadable (then the full read says what is wrong).

    Built from strings, not pathlib: a province's later run spent a tenth of its time there."""
    plan = str(path)
    stem = plan[:-5] if plan.endswith(".yaml") else str(path.with_suffix(""))
    found = []
    for name in (plan, stem + ".records.csv", stem + ".people.csv"):
        try:
            with open(name, "rb") as handle:
                found.append(handle.read())
        except OSError:
            found.append(b"")
    return found


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
    from cds_tracker import workbook

    if output.exists() and not force:  # said before any work is done
        raise fail(t("rp.exists", path=output), t("rp.exists.hint"))
    workspace = open_workspace(plan_path)
    day = as_of_date(workspace.loaded, as_of, quarter, year, today)
    rows = standings(workspace, day)
    data = workbook.school_book(workspace.loaded.plan, day, rows, workspace.records.histories)
    write_new([(output, data)], force)
    return output


def rollup_workbook(result: Commune, output: Path, force: bool) -> Path:
    """`cds rollup --xlsx`: the commune's workbook."""
    from cds_tracker import workbook

    write_new([(output, workbook.rollup_book(result.rollup, result.schools))], force)
    return output


def standings(workspace: Workspace, as_of: dt.date) -> list[Standing]:
    """Every indicator of one plan on `as_of`, from its good rows."""
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
            raise fail(t("arg.quarter_range", text=quarter))
        return periods.quarter(loaded.plan, quarter).end
    if year:
        return periods.year(loaded.plan).end
    return as_of or today


@dataclass(frozen=True)
class Notice:
    """Something worth a word that does not stop a command: a message key and its values."""

    key: str
    values: dict[str, object]


@dataclass(frozen=True)
class Recorded:
    path: Path  # the records file written
    measurement: Measurement
    line: int
    standing: Standing
    notices: list[Notice]


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
    attendees_file: Path | None = None,
    today: dt.date,
) -> Recorded:
    """Check one measurement, append it, and return the indicator's new standing.

    Nothing is written when the plan, the measurement or this indicator's earlier records are
    wrong, when the records file has a malformed line, when it names people the roster does not
    know, or when a class's count would take its indicator over its population. Likely slips
    (a running total that drops, attendees outside the population) are written, with a notice.
    """
    loaded = load_plan(plan_path)
    plan = loaded.plan
    if attendees_file is not None:
        attendees = f"{attendees} {read_ids_file(attendees_file)}"
    measurement, problems = records.build(
        plan,
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
    indicator = records.require(plan, measurement.indicator)
    earlier = records.read(loaded.records_path, plan, only=indicator.id)
    if earlier.problems:
        raise CdsError([*earlier.problems, Problem(None, None, t("rec.existing_errors"))])
    before = earlier.histories[indicator.id]
    measurement = _as_first_written(measurement, before)
    over = attainment.scope_overflows(plan, indicator, before.plus(measurement))
    if over and over[-1][0] == measurement.line:
        _, total, population = over[-1]
        shown = {"total": fmt.number(total), "of": fmt.number(population), "id": indicator.id}
        raise fail(t("r.scopes_over", **shown), t("r.scopes_over.hint"))
    notices = _likely_slips(loaded, indicator, before, measurement)
    line = records.append(loaded.records_path, measurement, indicator.kind)
    history = before.plus(replace(measurement, line=line))
    now = max(today, measurement.date)
    new = attainment.standing(plan, indicator, history, now, loaded.members)
    return Recorded(loaded.records_path, measurement, line, new, notices)


def _as_first_written(measurement: Measurement, before: History) -> Measurement:
    """A class typed '3a' where '3A' was recorded before is stored as '3A'."""
    if not measurement.scope:
        return measurement
    key = records.scope_key(measurement.scope)
    for written in before.scopes:
        if records.scope_key(written) == key:
            return replace(measurement, scope=written)
    return measurement


def _likely_slips(
    loaded: LoadedPlan, indicator: Indicator, before: History, measurement: Measurement
) -> list[Notice]:
    """What is probably a mistake but may be true: said, and written all the same."""
    notices = []
    if indicator.kind == "ratio" and indicator.aggregate == "latest":
        previous = before.upto(measurement.date)
        if previous and measurement.value < previous.values[-1]:
            notices.append(
                Notice(
                    "rec.drop",
                    {
                        "before": fmt.number(previous.values[-1]),
                        "now": fmt.number(measurement.value),
                        "date": fmt.date_short(previous.dates[-1]),
                    },
                )
            )
    if indicator.aggregate == "unique":
        population = str(indicator.of)
        members = loaded.members.get(population, frozenset())
        outside = [p for p in measurement.attendees if p not in members]
        if outside:
            roles = ", ".join(loaded.plan.drawn.get(population, ()))
            notices.append(
                Notice(
                    "rec.outside_population",
                    {"ids": ", ".join(outside), "population": population, "roles": roles},
                )
            )
    return notices


def _unknown_people(loaded: LoadedPlan, ids: tuple[str, ...]) -> list[Problem]:
    if not ids:
        return []
    known = loaded.roster.people if loaded.roster is not None else {}
    where = roster_path(loaded.path)
    return [
        Problem(None, None, t("p.unknown", id=person, file=where), t("p.unknown.hint"))
        for person in ids
        if person not in known
    ]


def roster(plan_path: Path) -> Roster:
    """The roster beside the plan, checked; CdsError listing its problems."""
    found = people.read(roster_path(plan_path))
    if found.problems:
        raise CdsError(found.problems)
    return found


def add_person(plan_path: Path, person_id: str, name: str, role: str) -> tuple[Path, int]:
    """Add one person to the roster beside the plan; (the roster's path, the line written)."""
    where = roster_path(plan_path)
    return where, people.add(where, person_id.strip(), _one_line(name), role)


def read_ids_file(path: Path) -> str:
    """The ids in an attendance file, one a line (blank lines and '#' comments skipped)."""
    lines = (line.split("#", 1)[0].strip() for line in read_utf8(path).splitlines())
    return " ".join(line for line in lines if line)


def missing_of(
    paths: list[Path] | None,
    indicator_id: str | None,
    *,
    as_of: dt.date | None = None,
    quarter: int | None = None,
    year: bool = False,
    today: dt.date,
) -> tuple[str, dt.date, list[Person]]:
    """`cds status ID --missing`: (the indicator's id, the day, the people not yet counted)."""
    found = find_plans(paths)
    if indicator_id is None or len(found) > 1:
        raise fail(t("missing.needs_id"))
    workspace = open_workspace(found[0])
    day = as_of_date(workspace.loaded, as_of, quarter, year, today)
    indicator = records.require(workspace.loaded.plan, indicator_id)
    return indicator.id, day, missing(workspace, indicator.id, day)


def missing(workspace: Workspace, indicator_id: str, as_of: dt.date) -> list[Person]:
    """The people of an attendance indicator's population not yet counted on `as_of`."""
    indicator = records.require(workspace.loaded.plan, indicator_id)
    if indicator.aggregate != "unique" or workspace.loaded.roster is None:
        raise fail(t("missing.not_unique", id=indicator_id))
    history = workspace.records.histories[indicator_id]
    counted = {person for group in history.upto(as_of).attendees for person in group}
    people = workspace.loaded.members.get(str(indicator.of), frozenset())
    roster = workspace.loaded.roster.people
    return sorted((roster[p] for p in people - counted), key=lambda p: (p.role, p.id))


def source_line(problem: Problem) -> str | None:
    """The line a problem points at, to show under its message; never a roster line, which
    holds a name (personal data)."""
    if problem.file is None or not problem.line or problem.file.name.endswith(".people.csv"):
        return None
    lines = _source_lines(problem.file)
    return lines[problem.line - 1] if problem.line <= len(lines) else None


@functools.lru_cache(maxsize=16)
def _source_lines(path: Path) -> list[str]:
    try:
        return read_utf8(path).splitlines()
    except CdsError:
        return []


def _one_line(text: str) -> str:
    """Text typed on the command line as it is stored: NFC (some Vietnamese keyboards type
    decomposed letters), one line, no control characters (they would break the CSV in Excel)."""
    printable = "".join(c if c.isprintable() else " " for c in unicodedata.normalize("NFC", text))
    return " ".join(printable.split())


def history(workspace: Workspace, indicator_id: str) -> tuple[Indicator, History]:
    """An indicator and its records, oldest first; CdsError with a suggestion for an unknown id."""
    indicator = records.require(workspace.loaded.plan, indicator_id)
    return indicator, workspace.records.histories[indicator.id]


GITIGNORE = """# Khóa tạm của cds khi ghi kết quả (không cần lưu vào git).
*.lock
# Nếu kho git này công khai, bỏ dấu # ở dòng dưới để không đưa danh sách người (có họ tên) lên:
# *.people.csv
"""


@dataclass(frozen=True)
class Initialised:
    path: Path  # the plan written
    folder: Path | None  # the school's folder, where --folder made it
    git: bool  # a git repository was made there


def init_plan(
    *,
    name: str,
    code: str,
    place: str,
    year: int,
    parent: str | None = None,
    head: str | None = None,
    output: Path | None = None,
    folder: Path | None = None,
    source: Path | None = None,
    cwd: Path | None = None,
) -> Initialised:
    """Write a new school's plan from the shipped one; refuse to overwrite.

    `folder`: the school's own folder, made if need be, with plans/ inside and a git repository
    where git is installed. A plans/ folder never gets a second plan of one year: every command
    after would have to ask which one is meant.
    """
    from cds_tracker.planfile import plan_years
    from cds_tracker.yamlplan import new_plan_text
    from cds_tracker.yamlplan import validate as validate_text

    base = folder or cwd or Path.cwd()
    if output is None:
        output = base / "plans" / f"{year}-{_slug(code)}.yaml"
        same_year = plan_years(output.parent).get(year)
        if same_year is not None and not output.exists():
            raise fail(
                t("init.same_year", path=same_year, year=year),
                t("init.same_year.hint", folder=Path(t("init.example_folder", year=year))),
            )
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
    validate_text(text, output)  # what we write must read back as a valid plan: check first
    ignore = output.parent / ".gitignore"
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, text.encode("utf-8"))
        if not ignore.exists():
            # `cds record` leaves a lock file beside the records; it has no place in git.
            atomic_write(ignore, GITIGNORE.encode("utf-8"))
    except OSError as exc:
        raise CdsError([write_problem(output, exc)]) from None
    git = folder is not None and _git_init(folder)
    return Initialised(output, folder, git)


def _git_init(folder: Path) -> bool:
    """Make `folder` a git repository, where git is installed and it is not inside one already."""
    import shutil
    import subprocess

    program = shutil.which("git")
    if program is None or any((p / ".git").exists() for p in (folder, *folder.resolve().parents)):
        return False
    try:
        subprocess.run([program, "init", "-q", str(folder)], capture_output=True, check=True)
    except (OSError, subprocess.SubprocessError):
        return False  # a plan without a repository still works; git is a convenience
    return True


# --- publishing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    page: Path
    picture: Path


def default_site_folder(loaded: LoadedPlan) -> Path:
    """site/ beside plans/ (as reports/ is)."""
    folder = loaded.path.parent
    return (folder.parent if folder.name == "plans" else folder) / "site"


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
    from cds_tracker import site

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
    if (quarter is None) == (not year):
        raise fail(t("rp.choose_period"))
    if quarter is not None:
        if quarter not in (1, 2, 3, 4):
            raise fail(t("arg.quarter_range", text=quarter))
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
    """--template, else the plan's `report.template` (beside the plan), else the shipped one."""
    if option is not None:
        return option
    if loaded.plan.report.template:
        # A plan written on Windows may say 'mau\\bao-cao.docx'; read it the same everywhere.
        return loaded.path.parent / loaded.plan.report.template.replace("\\", "/")
    return shipped.template("bao-cao-cds.docx")


def init_notes(plan_path: Path, quarter: int | None, year: bool) -> Path:
    """Write the narrative skeleton for a period beside the plan; never over an existing one."""
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
    annex: bool = False,
    charts: bool = False,
) -> Report:
    """Write the period's report; the .docx appears whole or not at all."""
    from cds_tracker.report import content, layout, notes, render

    workspace = open_workspace(plan_path)
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
        from cds_tracker import site

        rows = content.standings_on(loaded.plan, histories, period, issue_date, members)
        chart = site.overview(loaded.plan, rows, content.as_of(period, issue_date))
    context = content.build(
        loaded.plan, histories, period, issue_date, number, written, members, annex, chart
    )
    look = {"title": context["subject"], "author": loaded.plan.school.name, "day": issue_date}
    data = render.render(
        report_template(loaded, template), context, lambda doc: layout.finish(doc, **look)
    )
    render.write(target, data, force)
    notices = []
    if periods.is_overdue(period, issue_date):
        shown = {"period": period, "deadline": period.deadline, "date": issue_date}
        notices.append(Notice("rp.late", shown))
    figures_to = content.as_of(period, issue_date)
    if figures_to < period.end:
        notices.append(Notice("rp.early", {"end": period.end, "date": figures_to}))
    result = Report(target, period, notes_file, written is not None, notices)
    if pdf:
        try:
            made = report_pdf(plan_path, quarter=quarter, year=year, output=target, force=force)
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
    force: bool = False,
) -> Pdf:
    """The PDF of a report already written, edits and all: the .docx is read, never written.

    A principal who corrected the .docx in Word gets its PDF without `--force` overwriting it.
    Where Times New Roman is not installed, LibreOffice puts another font in its place: said.
    """
    from cds_tracker.report import render

    loaded = load_plan(plan_path)
    target = output or default_report_path(loaded, report_period(loaded, quarter, year))
    if not target.is_file():
        raise fail(t("rp.pdf_no_docx", path=target), t("rp.pdf_no_docx.hint"))
    made = render.to_pdf(target, force)
    notices = [] if render.font_installed() else [Notice("rp.font_missing", {})]
    return Pdf(made, notices)
