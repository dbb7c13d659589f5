"""A cache of each school's computed standings, for a province's roll-up run again and again.

Profile (3,000 plans x 200 records, a later run): reading every records file again took half the
time, computing standings a quarter, rebuilding every plan from its cache most of the rest; none of
it changes between two runs unless a file does. So a sound school's standings are kept under the
SHA-256 of its plan, records and roster bytes and of the day asked for (`--as-of`, `--quarter`,
`--year`, or today): a later run reads three small files and one entry per school. Any difference
means computing again; only schools without problems are kept; the cache can be deleted any time.
"""

from __future__ import annotations

import datetime as dt
import marshal
from typing import Any

from cds_tracker.domain.attainment import STATUSES, Standing
from cds_tracker.domain.model import Indicator, Target
from cds_tracker.domain.rollup import Rollup, RollupRow
from cds_tracker.store import cache


def key(files: list[bytes], asked: object) -> str:
    """The entry's name: the files' bytes and what was asked for (and the tool's source)."""
    return cache.key("standings", *files, asked)


def load(name: str) -> tuple[str, str, list[Standing]] | None:
    """(school code, school name, standings) kept under `name`, or None."""
    return cache.decode("standings", name, _school)


def _school(payload: bytes) -> tuple[str, str, list[Standing]]:
    found = marshal.loads(payload)
    code, school, rows = found["code"], found["name"], found["rows"]
    if not (isinstance(code, str) and isinstance(school, str) and isinstance(rows, list)):
        raise ValueError("not a school's standings")
    return code, school, [_standing(row) for row in rows]


def save(name: str, code: str, school: str, rows: list[Standing]) -> None:
    """Best effort: a cache that cannot be written only costs the next run some time."""
    entry = {"code": code, "name": school, "rows": [_row(s) for s in rows]}
    cache.write("standings", name, marshal.dumps(entry))


def _target(target: Target | None) -> tuple[str, float] | None:
    return None if target is None else (target.op, target.value)


def _row(s: Standing) -> tuple[Any, ...]:
    ind = s.indicator
    return (
        (
            ind.id,
            ind.group,
            ind.name,
            ind.kind,
            _target(ind.target),
            _target(ind.stretch),
            ind.of,
            ind.aggregate,
            ind.baseline,
            ind.due.toordinal() if ind.due else None,
            ind.unit,
            ind.description,
            ind.owner,
            ind.levels,
        ),
        s.as_of.toordinal(),
        s.value,
        s.count,
        s.of,
        s.met,
        s.stretch_met,
        s.status,
        s.last_date.toordinal() if s.last_date else None,
        s.expected,
    )


_indicators: dict[tuple[Any, ...], Indicator] = {}  # a province's schools share most indicators


def _standing(row: tuple[Any, ...]) -> Standing:
    (shape, day, value, count, of, met, stretch_met, status, last, expected) = row  # fmt: skip
    if status not in STATUSES or not all(map(_finite, (value, count, of, expected))):
        raise ValueError("not a standing")  # what the live path never makes: a miss
    indicator = _indicators.get(shape)
    if indicator is None:
        (ident, group, name, kind, target, stretch, per, aggregate, base, due, unit, text,
         owner, levels) = shape  # fmt: skip
        indicator = _indicators[shape] = Indicator(
            ident,
            group,
            name,
            kind,
            of=per,
            target=Target(*target) if target else None,
            stretch=Target(*stretch) if stretch else None,
            aggregate=aggregate,
            baseline=base,
            due=_day(due) if due is not None else None,
            unit=unit,
            description=text,
            owner=owner,
            levels=levels,
        )
    # The frozen dataclass's __init__ cost a third of a later run (63,000 standings for a
    # province, measured): the slots are filled through their descriptors, as __init__ would.
    standing = object.__new__(Standing)
    values = (
        indicator,
        _day(day),
        value,
        count,
        of,
        met,
        stretch_met,
        status,
        _day(last) if last is not None else None,
        expected,
    )
    for slot, content in zip(_SLOTS, values, strict=True):
        slot.__set__(standing, content)
    return standing


def _finite(value: object) -> bool:
    if value is None:
        return True
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e13


_SLOTS = [
    getattr(Standing, name)
    for name in (
        "indicator", "as_of", "value", "count", "of", "met", "stretch_met", "status",
        "last_date", "expected",
    )
]  # fmt: skip


_days: dict[int, dt.date] = {}


def _day(ordinal: int) -> dt.date:
    found = _days.get(ordinal)
    if found is None:
        found = _days[ordinal] = dt.date.fromordinal(ordinal)
    return found


def load_rollup(name: str) -> Rollup | None:
    """The combined figures of a whole run kept under `name`, or None."""
    return cache.decode("rollup", name, _rollup)


def _rollup(payload: bytes) -> Rollup:
    plans, day, rows = marshal.loads(payload)
    as_of = dt.date.fromordinal(day) if day is not None else None
    return Rollup(int(plans), as_of, [RollupRow(*row) for row in rows])


def save_rollup(name: str, rollup: Rollup) -> None:
    """Keep a whole run's combined figures (only a run without problems: they must be said)."""
    from dataclasses import astuple

    day = rollup.as_of.toordinal() if rollup.as_of else None
    entry = (rollup.plans, day, [astuple(row) for row in rollup.rows])
    cache.write("rollup", name, marshal.dumps(entry))
