"""A commune's or a province's view: many schools' standings gathered per indicator (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cds_tracker.domain.attainment import Standing
from cds_tracker.domain.model import Kind


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


def rollup(per_plan: list[list[Standing]]) -> Rollup:
    """Every indicator id found in the plans, in the order first met, with its combined figure."""
    by_id: dict[str, list[Standing]] = {}
    for standings in per_plan:
        for row in standings:
            by_id.setdefault(row.indicator.id, []).append(row)
    dates = {row.as_of for standings in per_plan for row in standings}
    rows = [_combine(rows) for rows in by_id.values()]
    return Rollup(len(per_plan), dates.pop() if len(dates) == 1 else None, rows)


def _combine(rows: list[Standing]) -> RollupRow:
    first = rows[0].indicator
    measured = [r for r in rows if r.value is not None]
    count = of = value = None
    levels: tuple[tuple[int, int], ...] = ()
    if first.kind == "ratio":
        counted = [r for r in measured if r.count is not None and r.of]
        if counted:
            count = sum(r.count or 0.0 for r in counted)
            of = sum(r.of or 0.0 for r in counted)
            value = 100.0 * count / of
    elif measured and first.kind == "percent":
        value = sum(r.value or 0.0 for r in measured) / len(measured)
    elif measured and first.kind == "level":
        at: dict[int, int] = {}
        for r in measured:
            at[int(r.value or 0)] = at.get(int(r.value or 0), 0) + 1
        levels = tuple(sorted(at.items(), reverse=True))
    elif measured and first.kind == "count":
        value = sum(r.value or 0.0 for r in measured)
    elif measured and first.kind == "milestone":
        value = float(sum(1 for r in measured if (r.value or 0) >= 1))
    return RollupRow(
        first.id,
        first.group,
        first.name,
        first.kind,
        schools=len(rows),
        with_data=len(measured),
        met=sum(1 for r in rows if r.status == "met"),
        count=count,
        of=of,
        value=value,
        levels=levels,
        unit=first.unit,
    )
