"""A province's roll-up, run again and again: each school kept between runs and days.

Profile (3,000 plans x 200 records): reading every plan and records file again, and computing
standings, was most of a run, and none of it changes unless a file does. Three layers, each
keyed on what its value depends on (store/cache.py's recipe):

- "schools": what each sound school's standings on any day are computed from (its indicators,
  the dates, values and denominators of its records, its plan's calendar), by the school's
  name: the hash of its plan, records and roster bytes, not the day. One entry for the plan
  files of one roll-up: the next day, or a past quarter, computes each unchanged school's
  standings from it (attainment.figure_of and judged, as every view does) without reading its
  plan or records again; a changed school is read again and replaces its old self.
- "counted": what each of those schools counted on the day asked for (value, count, of, met of
  each indicator), under the plan files and the day: after one school changed, the others are
  counted from it, none decoded again.
- "rollup": a whole run's combined figures, under every school's name and the day asked for.

Only schools without problems are kept (their rows must be said every run); any difference in
a file means computing again; the cache can be deleted any time.
"""

from __future__ import annotations

import datetime as dt
import marshal
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from cds_tracker.domain import periods
from cds_tracker.domain.attainment import (
    Calendar,
    Members,
    Standing,
    calendar,
    counted,
    figure_of,
    judged,
)
from cds_tracker.domain.history import Histories, History
from cds_tracker.domain.model import Indicator, Plan, Target
from cds_tracker.domain.rollup import Counted, Rollup, RollupRow
from cds_tracker.store import cache

# (indicator, a history holding its records as rows low to high, the plan's denominator, the
# people of a `unique` population)
Row = tuple[Indicator, History, int, int, "float | None", "frozenset[str] | None"]


def school_key(files: list[bytes]) -> str:
    """A school's name: its files' bytes (and the tool's source), not the day."""
    return cache.key("school", *files)


def rollup_key(schools: list[str], asked: object) -> str:
    """The name of a whole run's combined figures: every school's name and the day."""
    return cache.key("rollup", *schools, asked)


@dataclass(frozen=True)
class Kept:
    """A school as a roll-up needs it on any day: its standings are computed from this."""

    code: str
    name: str
    when: Calendar
    since: dt.date  # the start of the year's data window (flows add up from it)
    ends: tuple[dt.date, ...]  # the last day of q1, q2, q3, q4 and the year's window
    rows: list[Row]

    @classmethod
    def of(cls, plan: Plan, histories: Histories, members: Members | None) -> Kept:
        rows: list[Row] = []
        for ind in plan.indicators:
            people = None
            if ind.aggregate == "unique":
                people = (members or {}).get(str(ind.of), frozenset())
            history = histories[ind.id]
            rows.append((ind, history, 0, len(history), plan.denominator(ind), people))
        ends = (*(periods.quarter(plan, n).end for n in (1, 2, 3, 4)), periods.year(plan).end)
        school = plan.school
        return cls(school.code, school.name, calendar(plan), periods.year(plan).start, ends, rows)

    def day(
        self, as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date
    ) -> dt.date:
        """The day asked for, as workspace.as_of_date finds it in the plan."""
        if quarter is not None:
            return self.ends[quarter - 1]
        return self.ends[4] if year else as_of or today

    def standings(self, as_of: dt.date) -> list[Standing]:
        since, when = self.since, self.when
        return [
            judged(ind, figure_of(ind, history, since, as_of, of, people, low, high), as_of, when)
            for ind, history, low, high, of, people in self.rows
        ]

    def counted(self, as_of: dt.date) -> list[Counted]:
        """What the roll-up counts of each indicator on `as_of` (its standings' value, count,
        of, and met), without the standings: a province's next day needs no more."""
        since = self.since
        return [
            (ind, *counted(ind, figure_of(ind, history, since, as_of, of, people, low, high)))
            for ind, history, low, high, of, people in self.rows
        ]


def encode(school: Kept) -> tuple[Any, ...]:
    """The school as plain data: (its indicators' shapes, the rest packed), its records' columns
    laid end to end (one check each on load)."""
    shapes = shapes_of([row[0] for row in school.rows])  # one object for schools sharing them
    denominators, peoples, bounds = [], [], [0]
    dates: list[int] = []
    values: list[float] = []
    ofs: list[float | None] = []
    attendees: list[tuple[str, ...]] = []
    scopes: list[str] = []
    for _, history, low, high, denominator, people in school.rows:
        denominators.append(denominator)
        peoples.append(sorted(people) if people is not None else None)
        dates += map(dt.date.toordinal, history.dates[low:high])
        values += history.values[low:high]
        ofs += history.ofs[low:high]
        attendees += history.attendees[low:high]
        scopes += history.scopes[low:high]
        bounds.append(len(dates))
    days = (school.when.start, school.when.year_end, school.since, *school.ends)
    # Packed apart from its indicators' shapes: a country's 30,000 schools held as Python lists
    # (to be written in one entry) took most of a gigabyte; packed, a few kilobytes each.
    packed = marshal.dumps(
        (
            school.code,
            school.name,
            [day.toordinal() for day in days],
            denominators,
            peoples,
            bounds,
            dates,
            values,
            ofs if ofs.count(None) != len(ofs) else None,  # (a province's: all None)
            list(map(list, attendees)) if any(attendees) else None,
            scopes if any(scopes) else None,
        )
    )
    return (shapes, packed)


def schools_key(paths: list[str]) -> str:
    """The name of the schools a roll-up of these plan files kept (not the day)."""
    return cache.key("schools", *paths)


def load_schools(name: str) -> dict[str, Any]:
    """The schools (each as encode() made it, by its name) a roll-up of the same files kept, in
    one entry: one file read, not one a school (a province's 3,000). Each is used only where
    that school's files still have the bytes its name was made from."""
    found = cache.decode("schools", name, marshal.loads)
    return found if isinstance(found, dict) else {}


def save_schools(name: str, schools: dict[str, Any]) -> None:
    """Each shape, and each school's list of them, shared by many schools written once: read
    back, the schools of one indicators' section share one list (decode makes its indicators
    once)."""
    shapes: dict[Any, Any] = {}
    known: dict[int, Any] = {}  # shapes read back together are one object already: no hashing
    lists: dict[tuple[int, ...], list[Any]] = {}
    seen: dict[int, tuple[Any, list[Any]]] = {}  # a list or tuple of shapes met already
    for school, (listed, packed) in list(schools.items()):
        found = seen.get(id(listed))
        if found is None or found[0] is not listed:
            made = []
            for shape in listed:
                one = known.get(id(shape))
                if one is None:
                    one = known[id(shape)] = shapes.setdefault(shape, shape)
                made.append(one)
            found = seen[id(listed)] = (listed, lists.setdefault(tuple(map(id, made)), made))
        schools[school] = (found[1], packed)
    cache.write("schools", name, marshal.dumps(schools))


_NUMBERS = frozenset({int, float})


def decode(entry: Any) -> Kept:
    """encode()'s school back, every column's type and length checked (a hand-made entry is a
    miss, never a crash later; its digest already tells a damaged one), at C speed where it can
    be (map, set): a province holds 600,000 records."""
    shapes, packed = entry
    code, school, days, dens, peoples, bounds, dates, values, ofs, attendees, scopes = (
        marshal.loads(packed)
    )
    size = len(dates)
    if not (isinstance(code, str) and isinstance(school, str) and len(days) == 8):
        raise ValueError("not a school")
    if len(values) != size or not set(map(type, values)) <= _NUMBERS:
        raise ValueError("not a history")
    sized = [d for d in dens if d is not None]
    if not set(map(type, sized)) <= _NUMBERS or not all(map(_BOUND.__gt__, map(abs, sized))):
        raise ValueError("not a denominator")
    if not all(map(_BOUND.__gt__, map(abs, values))):
        raise ValueError("not a figure")
    if len(bounds) != len(shapes) + 1 or bounds[0] != 0 or bounds[-1] != size:
        raise ValueError("not a school's indicators")
    if len(dens) != len(shapes) or len(peoples) != len(shapes):
        raise ValueError("not a school's indicators")
    start, year_end, since, *ends = map(day_of, days)
    when = list(map(_DAYS.__getitem__, dates))
    blank = [""] * size
    ofs = _checked(ofs, size, _finite) if ofs is not None else [None] * size
    attended = (
        [tuple(_checked(group, len(group), _text)) for group in _checked(attendees, size, _list)]
        if attendees is not None
        else [()] * size
    )
    scopes = _checked(scopes, size, _text) if scopes is not None else blank
    # One History for the school, each indicator its rows low to high (no column sliced).
    history = History("", [when, values, ofs, blank, blank, [0] * size, attended, scopes])
    if set(map(type, bounds)) != {int} or not all(map(int.__le__, bounds, bounds[1:])):
        raise ValueError("not a school's indicators")
    groups: list[frozenset[str] | None] = [None] * len(peoples)
    if peoples.count(None) != len(peoples):  # a `unique` indicator's people
        groups = [
            frozenset(_checked(people, len(people), _text)) if people is not None else None
            for people in peoples
        ]
    indicators = indicators_of(shapes)  # one tuple for the schools sharing the list
    high = bounds[1:]
    made = list(zip(indicators, repeat(history), bounds, high, dens, groups))  # noqa: B905
    return Kept(code, school, Calendar(start, year_end), since, tuple(ends), made)


def _checked(column: Any, size: int, sound: Any) -> list[Any]:
    if not isinstance(column, list) or len(column) != size or not all(map(sound, column)):
        raise ValueError("not a column")
    return column


def _list(value: object) -> bool:
    return isinstance(value, list)


def _text(value: object) -> bool:
    return isinstance(value, str)


def _target(target: Target | None) -> tuple[str, float] | None:
    return None if target is None else (target.op, target.value)


def shape_of(ind: Indicator) -> tuple[Any, ...]:
    """An indicator as plain data (indicator_of makes it again, once a process)."""
    return (
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
    )


def shapes_of(indicators: list[Indicator]) -> tuple[Any, ...]:
    """A school's indicators' shapes as one tuple: the same object for the schools whose
    indicators are the same objects (their plans' sections the same text: model.py builds
    them once), so that a worker's chunk of them pickles it once."""
    key = tuple(map(id, indicators))
    found = _shapes.get(key)
    if found is not None and all(map(operator.is_, found[0], indicators)):
        return found[1]
    shapes = tuple(map(shape_of, indicators))
    if len(_shapes) < 1_000:
        _shapes[key] = (tuple(indicators), shapes)  # the indicators kept: their ids stay theirs
    return shapes


_shapes: dict[tuple[int, ...], tuple[tuple[Indicator, ...], tuple[Any, ...]]] = {}


def indicators_of(shapes: Sequence[Any]) -> tuple[Indicator, ...]:
    """The indicators of a list or tuple of shapes (shapes_of's, save_schools'), made once for
    each such object: the schools sharing one share its indicators too."""
    found = _of_shapes.get(id(shapes))
    if found is not None and found[0] is shapes:
        return found[1]
    made = tuple(map(indicator_of, shapes))
    if len(_of_shapes) < 10_000:
        _of_shapes[id(shapes)] = (shapes, made)
    return made


_of_shapes: dict[int, tuple[Sequence[Any], tuple[Indicator, ...]]] = {}


def as_row(s: Standing) -> tuple[Any, ...]:
    """A standing as plain data, for a worker process to send back (a Standing holds plan
    objects, which pickle slowly)."""
    return (
        shape_of(s.indicator),
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


def from_row(row: tuple[Any, ...]) -> Standing:
    """as_row's standing back."""
    (shape, day, value, count, of, met, stretch_met, status, last, expected) = row  # fmt: skip
    # The frozen dataclass's __init__ cost a third of a later run (63,000 standings for a
    # province, measured): the slots are filled through their descriptors, as __init__ would.
    standing = object.__new__(Standing)
    values = (
        indicator_of(shape),
        day_of(day),
        value,
        count,
        of,
        met,
        stretch_met,
        status,
        day_of(last) if last is not None else None,
        expected,
    )
    for slot, content in zip(_SLOTS, values, strict=True):
        slot.__set__(standing, content)
    return standing


_SLOTS = [
    getattr(Standing, name)
    for name in (
        "indicator", "as_of", "value", "count", "of", "met", "stretch_met", "status",
        "last_date", "expected",
    )
]  # fmt: skip


_indicators: dict[tuple[Any, ...], Indicator] = {}  # a province's schools share most indicators
_by_object: dict[int, tuple[tuple[Any, ...], Indicator]] = {}


def indicator_of(shape: tuple[Any, ...]) -> Indicator:
    """The indicator of a kept shape, made once a process (a province's schools share most).
    A shape read back with a roll-up's schools is one object for all that share it
    (save_schools): found by that object first, before hashing its 14 fields."""
    seen = _by_object.get(id(shape))
    if seen is not None and seen[0] is shape:
        return seen[1]
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
            due=day_of(due) if due is not None else None,
            unit=unit,
            description=text,
            owner=owner,
            levels=levels,
        )
    if len(_by_object) > 100_000:
        _by_object.clear()
    _by_object[id(shape)] = (shape, indicator)  # the shape kept alive: its id stays its own
    return indicator


def _finite(value: object) -> bool:
    if value is None:
        return True
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e13


class _Days(dict[int, dt.date]):
    """Dates by ordinal, each made once a process: a province's records share a year's days."""

    def __missing__(self, ordinal: int) -> dt.date:
        if not isinstance(ordinal, int):
            raise ValueError("not a day")
        made = self[ordinal] = dt.date.fromordinal(ordinal)
        return made


_DAYS = _Days()
day_of = _DAYS.__getitem__
_BOUND = 1e13  # a figure beyond what a record may hold (parse.MAX_NUMBER): not ours


def counted_key(schools: str, asked: object) -> str:
    """The name of what the schools of a roll-up (schools_key) counted on the day asked for."""
    return cache.key("counted", schools, asked)


Day = tuple[str, str, dt.date, list[Counted]]  # a school's code, name, day, what it counts
# A school's day as save_counted keeps it (day_record's): code, name, the day's ordinal, its
# indicators' shapes, then what each counts as columns (value, count, of, met).
DayRecord = tuple[Any, ...]


def load_counted(name: str) -> dict[str, Any]:
    """What each school (by its name) counted on one day, as save_counted kept it: each
    school to be looked at alone (sound_day: a wrong-shaped one is a miss)."""
    found = cache.decode("counted", name, marshal.loads)
    return found if isinstance(found, dict) else {}


def sound_day(entry: Any) -> bool:
    """Whether load_counted's school is a DayRecord, every figure a plain number: then
    day_counted reads it."""
    try:
        code, school, day, shapes, *figures = entry
        values, counts, ofs, mets = figures
        sized = [v for column in (values, counts, ofs) for v in column if v is not None]
        return (
            isinstance(code, str)
            and isinstance(school, str)
            and isinstance(day_of(day), dt.date)
            and len(indicators_of(shapes)) == len(values) == len(counts) == len(ofs) == len(mets)
            and set(map(type, sized)) <= _NUMBERS
            and set(map(type, mets)) <= {bool}
            and all(map(_BOUND.__gt__, map(abs, sized)))
        )
    except Exception:  # a wrong-shaped entry is a miss, whatever it raised
        return False


def day_counted(record: DayRecord) -> Day:
    """A sound DayRecord as the roll-up combines it: (code, name, day, what it counts)."""
    code, school, day, shapes, *figures = record
    return code, school, day_of(day), list(zip(indicators_of(shapes), *figures, strict=True))


def day_record(code: str, title: str, day: dt.date, rows: list[Counted]) -> DayRecord:
    """A school's day as save_counted keeps it."""
    shapes = shapes_of([row[0] for row in rows])
    _, *figures = zip(*rows, strict=True) if rows else ((),) * 5
    return (code, title, day.toordinal(), shapes, *map(list, figures))


def save_counted(name: str, schools: dict[str, DayRecord]) -> None:
    """Keep what each sound school counted on one day (day_record's): a roll-up of the same
    day after one school changed counts the others from this (none decoded, no figure made
    again). Shapes of the same value written once."""
    same: dict[Any, Any] = {}
    by_object: dict[int, Any] = {}
    kept = {}
    for school, (code, title, day, shapes, *figures) in schools.items():
        one = by_object.get(id(shapes))
        if one is None:
            one = by_object[id(shapes)] = same.setdefault(tuple(shapes), tuple(shapes))
        kept[school] = (code, title, day, one, *figures)
    cache.write("counted", name, marshal.dumps(kept))


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
