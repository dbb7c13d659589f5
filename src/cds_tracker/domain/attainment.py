"""Pure functions: (plan, histories, as-of date) -> where each indicator stands."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

from cds_tracker.domain import periods
from cds_tracker.domain.history import Histories, History, scope_key
from cds_tracker.domain.model import Indicator, Plan, Target

Status = Literal["met", "on_track", "behind", "not_met", "no_data"]
STATUSES: tuple[Status, ...] = ("met", "on_track", "behind", "not_met", "no_data")


@dataclass(frozen=True, slots=True, kw_only=True)
class Standing:
    """An indicator's figure as of a date, compared with its targets."""

    indicator: Indicator
    as_of: dt.date
    value: float | None  # the figure compared with the target (a percentage for ratios)
    count: float | None  # ratios only: how many
    of: float | None  # ratios only: out of how many
    met: bool | None  # None: no record, or no binding target
    stretch_met: bool | None
    status: Status
    last_date: dt.date | None
    expected: float | None  # the linear expectation on as_of, where progress is judged

    @property
    def exceeded(self) -> bool:
        """'Vượt': beyond a binding target: its stretch met, or a '>=' count passed."""
        target = self.indicator.target
        if self.stretch_met and target is not None:
            return True
        return (
            self.value is not None
            and self.indicator.stretch is None
            and target is not None
            and target.op == ">="
            and self.indicator.kind not in ("ratio", "percent", "milestone")
            and self.value > target.value
        )


Members = Mapping[str, frozenset[str]]  # population name -> the ids of its people now


class Figure(NamedTuple):
    """An indicator's figure from its records up to a day. (A tuple: made 63,000 times for a
    province's day, a frozen dataclass's __init__ cost a third of it, measured.)"""

    value: float | None  # compared with the target: a percentage for ratios
    # ratios: how many (also the sum of classes for a per-class count); the field hides
    # tuple.count, which nothing here calls
    count: float | None  # type: ignore[assignment]
    of: float | None  # ratios: out of how many
    last_date: dt.date | None  # the newest record counted


def figure(
    plan: Plan,
    indicator: Indicator,
    history: History,
    since: dt.date,
    as_of: dt.date,
    members: Members | None = None,
) -> Figure:
    """The figure from `history` up to `as_of`.

    Stocks take the newest measurement on or before as_of; flows (`aggregate: sum`) add up the
    measurements from `since` (the start of the window) to as_of; `unique` counts the distinct
    people of the population named in any record; `latest-by-scope` adds up the newest record
    of each scope (class).
    """
    people = None
    if indicator.aggregate == "unique":
        people = (members or {}).get(str(indicator.of), frozenset())
    return figure_of(indicator, history, since, as_of, plan.denominator(indicator), people)


def figure_of(
    indicator: Indicator,
    history: History,
    since: dt.date,
    as_of: dt.date,
    denominator: float | None,
    people: frozenset[str] | None,
    low: int = 0,
    high: int | None = None,
) -> Figure:
    """figure() once the plan has given the indicator's denominator and, for `unique`, the
    people of its population: what a roll-up keeps of a school to judge it on any day. The
    indicator's records are history's rows low to high (all of them by default: a roll-up's
    school keeps all its indicators' rows in one History).

    Works on the columns between two bisections: a province's next day computes 63,000 of
    these, and slicing every column of a History cost most of it (measured)."""
    dates = history.dates
    end = bisect_right(dates, as_of, low, len(dates) if high is None else high)
    start = bisect_left(dates, since, low, end) if indicator.aggregate == "sum" else low
    if start >= end:
        return _NOTHING
    last = dates[end - 1]
    if indicator.aggregate == "sum":
        return Figure(sum(history.values[start:end]), None, None, last)
    of: float | None
    if indicator.aggregate == "unique":
        people = people or frozenset()
        attended = {person for group in history.attendees[start:end] for person in group}
        count, of = float(len(attended & people)), float(len(people))
    elif indicator.aggregate == "latest-by-scope":
        # Oldest first, so the newest record of a scope is the one left in the dict.
        # '3A', '3a' and '3 A' are one class: the newest record of any of them counts.
        figures = zip(history.values[start:end], history.ofs[start:end], strict=True)
        newest = dict(zip(map(scope_key, history.scopes[start:end]), figures, strict=True))
        count, of = _scope_total(denominator, newest)
        if indicator.kind != "ratio":
            return Figure(count, None, None, last)
    else:
        if indicator.kind != "ratio":
            return Figure(history.values[end - 1], None, None, last)
        count = history.values[end - 1]
        own_of = history.ofs[end - 1]
        of = own_of if own_of is not None else denominator
    if not of:
        return Figure(None, count, of, last)
    return Figure(100.0 * count / of, count, of, last)


_NOTHING = Figure(None, None, None, None)


def _scope_total(
    denominator: float | None, newest: dict[str, tuple[float, float | None]]
) -> tuple[float, float | None]:
    """(count, of) over each scope's newest record."""
    count = sum(value for value, _ in newest.values())
    own = [class_size for _, class_size in newest.values()]
    # Classes that all give their size add up to the denominator; else the plan's counts.
    of = sum(o for o in own if o is not None) if None not in own else None
    return count, of or denominator


def scope_overflows(
    plan: Plan, indicator: Indicator, history: History
) -> list[tuple[int, float, float]]:
    """(line, total, population) of each record of a per-class ratio whose classes' newest
    counts add up to more than the population: a class recorded twice under two spellings, or a
    count typed into the wrong class."""
    if indicator.aggregate != "latest-by-scope" or indicator.kind != "ratio":
        return []
    newest: dict[str, tuple[float, float | None]] = {}
    found = []
    rows = zip(history.scopes, history.values, history.ofs, history.lines, strict=True)
    for scope, value, own_of, line in rows:
        newest[scope_key(scope)] = (value, own_of)
        count, of = _scope_total(plan.denominator(indicator), newest)
        if of is not None and count > of:
            found.append((line, count, of))
    return found


@dataclass(frozen=True, slots=True)
class Calendar:
    """What judging a figure needs of its plan: when progress starts, when the year ends."""

    start: dt.date  # the plan's date, else 1 January (periods.plan_start)
    year_end: dt.date  # the default due date of every target


def calendar(plan: Plan) -> Calendar:
    return Calendar(periods.plan_start(plan), periods.year(plan).end)


def standing(
    plan: Plan,
    indicator: Indicator,
    history: History,
    as_of: dt.date,
    members: Members | None = None,
) -> Standing:
    """Where `indicator` stands on `as_of`, given its measurements oldest first."""
    found = figure(plan, indicator, history, periods.year(plan).start, as_of, members)
    return judged(indicator, found, as_of, calendar(plan))


def judged(indicator: Indicator, found: Figure, as_of: dt.date, when: Calendar) -> Standing:
    """The standing of a figure on `as_of`: met, and on track against the linear expectation.

    Apart from figure() so that a figure kept from an earlier day is judged on another day the
    same way (the roll-up's school cache)."""
    goal = indicator.goal
    expected = _expected(indicator, goal, as_of, when)
    value = found.value if goal is not None else None
    if value is None or goal is None:
        met: bool | None = None
        stretch_met: bool | None = None
        status: Status = "no_data"
    else:
        met = indicator.target.is_met_by(value) if indicator.target else None
        if indicator.kind == "milestone":
            met = value >= 1
        stretch_met = indicator.stretch.is_met_by(value) if indicator.stretch else None
        status = _status(indicator, goal, value, expected, as_of, indicator.due or when.year_end)
    return Standing(
        indicator=indicator,
        as_of=as_of,
        value=value,
        count=found.count,
        of=found.of,
        met=met,
        stretch_met=stretch_met,
        status=status,
        last_date=found.last_date,
        expected=expected,
    )


def counted(
    indicator: Indicator, found: Figure
) -> tuple[float | None, float | None, float | None, bool]:
    """What a roll-up counts of a figure: (value, count, of) as judged() gives them, and
    whether its status is "met" (_status's first test, the one that needs no day). A province's
    roll-up needs no more of its 63,000 standings (tests/test_one_truth.py checks both agree)."""
    goal = indicator.goal
    value = found.value if goal is not None else None
    met = value is not None and goal is not None and goal.is_met_by(value)
    return value, found.count, found.of, met


def standings(
    plan: Plan,
    histories: Histories,
    as_of: dt.date,
    members: Members | None = None,
) -> list[Standing]:
    """Every indicator of the plan, in the plan's order."""
    when, since = calendar(plan), periods.year(plan).start
    return [
        judged(ind, figure(plan, ind, histories[ind.id], since, as_of, members), as_of, when)
        for ind in plan.indicators
    ]


def _status(
    indicator: Indicator,
    goal: Target,
    value: float,
    expected: float | None,
    as_of: dt.date,
    due: dt.date,
) -> Status:
    if goal.is_met_by(value):
        return "met"
    if as_of > due:
        return "not_met"
    if expected is None:
        return "on_track"  # a milestone is on track until its due date
    ahead = value >= expected - 1e-9 if _rising(indicator, goal) else value <= expected + 1e-9
    return "on_track" if ahead else "behind"


def _rising(indicator: Indicator, goal: Target) -> bool:
    if goal.op == "=":
        return _baseline(indicator, goal) <= goal.value
    return goal.higher_is_better


def _baseline(indicator: Indicator, goal: Target) -> float:
    if indicator.baseline is not None:
        return indicator.baseline
    if indicator.kind == "level":
        return 1.0  # the lowest level of the MOET index
    # Without a baseline, a lower-is-better target is expected to hold from the start.
    return 0.0 if goal.higher_is_better else goal.value


def _expected(
    indicator: Indicator, goal: Target | None, as_of: dt.date, when: Calendar
) -> float | None:
    """Linear progress from the baseline at the plan's start to the goal on the due date."""
    if goal is None or indicator.kind == "milestone":
        return None
    start, due = when.start, indicator.due or when.year_end
    baseline = _baseline(indicator, goal)
    if as_of <= start or due <= start:
        return baseline if as_of < due else goal.value
    share = min(1.0, (as_of - start).days / (due - start).days)
    return baseline + (goal.value - baseline) * share
