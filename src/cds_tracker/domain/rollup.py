"""A commune's or a province's view: many schools' standings gathered per indicator (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cds_tracker.domain.attainment import Standing
from cds_tracker.domain.model import Indicator, Kind


@dataclass(frozen=True, slots=True)
class RollupRow:
    """One indicator across the schools whose plans have it."""

    id: str
    group: str
    name: str
    kind: Kind
    schools: int  # plans that have this indicator
    with_data: int  # of those, how many recorded anything
    met: int
    count: float | None  # ratios: the schools' counts added up
    of: float | None  # ratios: their denominators added up
    value: float | None  # ratio: 100*count/of; percent: the mean; count: the sum; milestone:
    # how many schools are done; None where no school has data, and for a level (not averaged)
    levels: tuple[tuple[int, int], ...] = ()  # level: (level, schools at it), highest first
    unit: str | None = None  # count: its unit ('bài')


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A plan given to a roll-up and not counted, and why (`rollup --json`'s `left_out`)."""

    school: str  # the school's name, or the file's where the plan cannot be read
    file: Path
    line: int | None
    message: str


@dataclass(frozen=True, slots=True)
class Coverage:
    """What every form of a roll-up says the same: the plans given, counted, left out."""

    year: int  # the plan year rolled up
    given: int  # the plans given (each file once, of the year)
    left_out: tuple[LeftOut, ...] = ()
    problem_rows: int = 0  # the counted schools' rows left out of their figures

    @property
    def counted(self) -> int:
        return self.given - len(self.left_out)


@dataclass(frozen=True, slots=True)
class Rollup:
    plans: int
    as_of: dt.date | None  # None when the plans were taken at different dates
    rows: list[RollupRow]


# What a roll-up counts of one indicator of one school (attainment.counted): the indicator,
# value, count, of, and whether it is met.
Counted = tuple[Indicator, "float | None", "float | None", "float | None", bool]


def rollup(per_plan: list[list[Standing]]) -> Rollup:
    """Every indicator id found in the plans, in the order first met, with its combined figure."""
    days = {row.as_of for standings in per_plan for row in standings}
    return combined([list(map(counted_of, standings)) for standings in per_plan], days)


def counted_of(standing: Standing) -> Counted:
    """What a roll-up counts of a standing (attainment.counted gives the same from a figure)."""
    s = standing
    return s.indicator, s.value, s.count, s.of, s.status == "met"


def combined(per_plan: list[list[Counted]], days: set[dt.date]) -> Rollup:
    """rollup() of what each school counts (its indicators' Counted) on `days` (one day, or
    the days of plans whose windows differ)."""
    by_id: dict[str, list[Counted]] = {}
    for school in per_plan:
        for row in school:
            by_id.setdefault(row[0].id, []).append(row)
    rows = [_combine(rows) for rows in by_id.values()]
    return Rollup(len(per_plan), next(iter(days)) if len(days) == 1 else None, rows)


def _combine(rows: list[Counted]) -> RollupRow:
    first = rows[0][0]
    measured = [r for r in rows if r[1] is not None]
    count = of = value = None
    levels: tuple[tuple[int, int], ...] = ()
    if first.kind == "ratio":
        counted = [r for r in measured if r[2] is not None and r[3]]
        if counted:
            count = sum(r[2] or 0.0 for r in counted)
            of = sum(r[3] or 0.0 for r in counted)
            value = 100.0 * count / of
    elif measured and first.kind == "percent":
        value = sum(r[1] or 0.0 for r in measured) / len(measured)
    elif measured and first.kind == "level":
        at: dict[int, int] = {}
        for r in measured:
            at[int(r[1] or 0)] = at.get(int(r[1] or 0), 0) + 1
        levels = tuple(sorted(at.items(), reverse=True))
    elif measured and first.kind == "count":
        value = sum(r[1] or 0.0 for r in measured)
    elif measured and first.kind == "milestone":
        value = float(sum(1 for r in measured if (r[1] or 0) >= 1))
    return RollupRow(
        first.id,
        first.group,
        first.name,
        first.kind,
        schools=len(rows),
        with_data=len(measured),
        met=sum(1 for r in rows if r[4]),
        count=count,
        of=of,
        value=value,
        levels=levels,
        unit=first.unit,
    )
