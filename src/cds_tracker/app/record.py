"""`cds record`: one measurement checked, appended, and the indicator's new standing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from cds_tracker.app.people import read_ids_file
from cds_tracker.app.workspace import Notice, one_line, refuse_the_sample
from cds_tracker.checks.problem import CdsError, Problem, fail
from cds_tracker.domain import attainment
from cds_tracker.domain.attainment import Standing
from cds_tracker.domain.history import History, Measurement, scope_key
from cds_tracker.domain.model import Indicator, Plan
from cds_tracker.domain.parse import parse_date
from cds_tracker.store import csvfile, gitrepo, records
from cds_tracker.store.paths import records_path, roster_path
from cds_tracker.store.planfile import LoadedPlan, load_plan
from cds_tracker.text import fmt
from cds_tracker.text.messages import t

SHOWN_UNKNOWN = 5  # a whole wrong attendance file is one mistake, not 200 lines of it


@dataclass(frozen=True)
class Recorded:
    path: Path  # the records file written
    measurement: Measurement
    line: int
    standing: Standing
    notices: list[Notice]
    not_committed: str | None = None  # why git could not keep it, where cds commits


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
    refuse_the_sample(plan_path)
    loaded = load_plan(plan_path)
    plan = loaded.plan
    _refuse_another_years_day(loaded, day)
    if attendees_file is not None:
        attendees = f"{attendees} {read_ids_file(attendees_file)}"
    measurement, problems = records.build(
        plan,
        date_text=day.isoformat(),
        indicator_id=one_line(indicator_id),
        value_text=one_line(value),
        of_text=one_line(of),
        note=one_line(note),
        evidence=one_line(evidence),
        attendees_text=one_line(attendees),
        scope=one_line(scope),
    )
    if measurement is not None:
        problems += _unknown_people(loaded, measurement.attendees)
    if problems or measurement is None:
        raise CdsError(problems)
    indicator = records.require(plan, measurement.indicator)
    if loaded.roster_problems and _uses_roster(plan, indicator):
        # A bad roster row may be one of today's attendees, or change the head count.
        where = roster_path(loaded.path)
        raise CdsError(
            [*loaded.roster_problems, Problem(None, None, t("rec.roster_errors", file=where))]
        )
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
    figure = measurement.value
    said = t("git.done") if indicator.kind == "milestone" and figure >= 1 else fmt.number(figure)
    shown = {"id": indicator.id, "value": said}
    message = t("git.record", **shown, date=fmt.date_short(measurement.date))
    warning = gitrepo.commit([loaded.records_path], message)
    return Recorded(loaded.records_path, measurement, line, new, notices, warning)


@dataclass(frozen=True)
class Undone:
    path: Path  # the records file rewritten
    removed: csvfile.Removed
    not_committed: str | None = None


def last_record(plan_path: Path) -> tuple[Path, csvfile.Removed]:
    """The records file and its newest record, as `undo` would remove it."""
    refuse_the_sample(plan_path)
    path = records_path(plan_path)
    return path, csvfile.last_row(path, records.COLUMNS)


def undo(plan_path: Path, expected: csvfile.Removed | None = None) -> Undone:
    """Remove the newest record (the records file's last row); `expected`: the row the user
    confirmed, refused if the file changed since."""
    refuse_the_sample(plan_path)
    path = records_path(plan_path)
    removed = csvfile.remove_last_row(path, records.COLUMNS, expected)
    cells = removed.cells
    shown = {"id": cells.get("indicator", "?"), "value": cells.get("value", "?")}
    day = parse_date(cells.get("date", ""))
    message = t("git.undo", **shown, date=fmt.date_short(day) if day else cells.get("date", "?"))
    return Undone(path, removed, gitrepo.commit([path], message))


def _refuse_another_years_day(loaded: LoadedPlan, day: dt.date) -> None:
    """A date of next year's plan (20/12 once the year's window ends on 14/12) belongs there:
    say which plan, rather than that the date is outside this one."""
    from cds_tracker.domain import periods
    from cds_tracker.store.planfile import plan_years

    if periods.contains(loaded.plan, day):
        return
    for year, path in plan_years(loaded.path.parent).items():
        if path != loaded.path and periods.contains(load_plan(path).plan, day):
            shown = {"date": fmt.date_short(day), "year": year, "path": path}
            raise fail(t("rec.other_plan", **shown), t("rec.other_plan.hint", **shown))


def _as_first_written(measurement: Measurement, before: History) -> Measurement:
    """A class typed '3a' where '3A' was recorded before is stored as '3A'."""
    if not measurement.scope:
        return measurement
    key = scope_key(measurement.scope)
    for written in before.scopes:
        if scope_key(written) == key:
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


def _uses_roster(plan: Plan, indicator: Indicator) -> bool:
    return indicator.aggregate == "unique" or str(indicator.of) in plan.drawn


def _unknown_people(loaded: LoadedPlan, ids: tuple[str, ...]) -> list[Problem]:
    """The ids the roster does not know: the first few named, the rest counted."""
    known = loaded.roster.people if loaded.roster is not None else {}
    unknown = [person for person in ids if person not in known]
    where = roster_path(loaded.path)
    problems = [
        Problem(None, None, t("p.unknown", id=person, file=where), t("p.unknown.hint"))
        for person in unknown[:SHOWN_UNKNOWN]
    ]
    if len(unknown) > SHOWN_UNKNOWN:
        more = t("p.unknown_more", count=len(unknown) - SHOWN_UNKNOWN, file=where)
        problems.append(Problem(None, None, more))
    return problems
