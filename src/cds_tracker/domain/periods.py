"""Reporting periods: quarters and the year, their data windows and deadlines.

Defaults follow Nghị định 09/2019/NĐ-CP: a quarter's figures run from the 15th of the month before
it to the 14th of its last month; a year's from 15/12 of the year before to 14/12. The seed plan
(section V) sets the deadlines: before the 15th of the quarter's last month, and before 05/12.
A plan's `reporting:` section overrides any of these dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from cds_tracker.domain.model import Plan, Window

PeriodKey = Literal["q1", "q2", "q3", "q4", "year"]


@dataclass(frozen=True, slots=True)
class Period:
    key: PeriodKey
    year: int
    start: dt.date  # first day of the data window
    end: dt.date  # last day of the data window ("số liệu tính đến ngày")
    deadline: dt.date  # the report is due before this day

    @property
    def quarter(self) -> int | None:
        return None if self.key == "year" else int(self.key[1])


def default_period(key: PeriodKey, year: int) -> Period:
    if key == "year":
        return Period(
            key, year, dt.date(year - 1, 12, 15), dt.date(year, 12, 14), dt.date(year, 12, 5)
        )
    last_month = 3 * int(key[1])
    first = dt.date(year, last_month - 3, 15) if last_month > 3 else dt.date(year - 1, 12, 15)
    return Period(key, year, first, dt.date(year, last_month, 14), dt.date(year, last_month, 15))


def period(plan: Plan, key: PeriodKey) -> Period:
    """The plan's period `key`, defaults overridden by its `reporting:` section."""
    base = default_period(key, plan.meta.year)
    override: Window | None = getattr(plan.reporting, key)
    if override is None:
        return base
    return Period(
        key,
        base.year,
        override.start or base.start,
        override.end or base.end,
        override.deadline or base.deadline,
    )


def quarter(plan: Plan, number: int) -> Period:
    return period(plan, f"q{number}")  # type: ignore[arg-type]


def year(plan: Plan) -> Period:
    return period(plan, "year")


def all_periods(plan: Plan) -> list[Period]:
    return [period(plan, key) for key in ("q1", "q2", "q3", "q4", "year")]


def next_due(plan: Plan, today: dt.date) -> Period | None:
    """The report due soonest that can still be sent on time.

    A deadline D reads "gửi trước ngày D": D−1 is the last day, and on D the report is overdue.
    """
    ahead = [p for p in all_periods(plan) if not is_overdue(p, today)]
    return min(ahead, key=lambda p: (p.deadline, p.key == "year"), default=None)


def is_overdue(period: Period, day: dt.date) -> bool:
    """True on the deadline and after: 'gửi trước ngày 15' means the 14th is the last day."""
    return day >= period.deadline


def days_left(period: Period, today: dt.date) -> int:
    """Whole days after today still open for sending (0: today is the last day)."""
    return (period.deadline - today).days - 1


def just_overdue(plan: Plan, today: dt.date, within_days: int = 7) -> Period | None:
    """A report whose deadline passed in the last week: worth a word where deadlines are shown."""
    passed = [
        p
        for p in all_periods(plan)
        if is_overdue(p, today) and (today - p.deadline).days < within_days
    ]
    return max(passed, key=lambda p: p.deadline, default=None)


def contains(plan: Plan, day: dt.date) -> bool:
    """True where `day` is inside the plan's year window (records of that day count)."""
    window = year(plan)
    return window.start <= day <= window.end


def plan_start(plan: Plan) -> dt.date:
    """When progress starts to be expected: the plan's date, else 1 January."""
    return plan.meta.date or dt.date(plan.meta.year, 1, 1)
