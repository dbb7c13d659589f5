"""Measurements as the records file holds them: one indicator's history, kept as columns."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, overload


@dataclass(frozen=True, slots=True)
class Measurement:
    """One recorded measurement; `line` is its first line in the records file.

    Built only where a caller looks at single records (history, report notes): histories keep
    their rows as columns (see History), so freezing costs nothing on the hot paths.
    """

    date: dt.date
    indicator: str
    value: float  # a milestone's done/not-done is 1/0
    of: float | None = None
    note: str = ""
    evidence: str = ""
    line: int = 0
    attendees: tuple[str, ...] = ()  # person ids, for `aggregate: unique`
    scope: str = ""  # a class such as 3A, for `aggregate: latest-by-scope`


Row = tuple[dt.date, float, "float | None", str, str, int, tuple[str, ...], str]
_DAY = itemgetter(0)
_FIELDS = ("dates", "values", "ofs", "notes", "evidence", "lines", "attendees", "scopes")


class History(Sequence[Measurement]):
    """One indicator's measurements, oldest first (of one day, in file order), kept as columns.

    Profile (100,000 records): a Measurement object for every row cost more than parsing the
    row, and `cds status` needs only the newest figure or a sum per indicator. Columns let it
    bisect the dates and sum a slice of values; a Measurement is made only for the records a
    caller actually looks at (history, report notes, attendance).
    """

    __slots__ = ("indicator", *_FIELDS)

    dates: list[dt.date]
    values: list[float]
    ofs: list[float | None]
    notes: list[str]
    evidence: list[str]
    lines: list[int]
    attendees: list[tuple[str, ...]]
    scopes: list[str]

    def __init__(self, indicator: str, columns: list[list[Any]] | None = None) -> None:
        """From columns already in date order (see from_rows); empty without them."""
        self.indicator = indicator
        # One unpacking, not a setattr a column: a province's roll-up makes 63,000 of these.
        (self.dates, self.values, self.ofs, self.notes, self.evidence, self.lines,
         self.attendees, self.scopes) = columns or ([], [], [], [], [], [], [], [])  # fmt: skip

    @classmethod
    def from_rows(cls, indicator: str, rows: list[Row]) -> History:
        """From rows in file order: sorted by date, file order kept within a day."""
        ordered = sorted(rows, key=_DAY)
        return cls(indicator, [list(c) for c in zip(*ordered, strict=True)] if ordered else None)

    @classmethod
    def of(cls, indicator: str, measurements: Iterable[Measurement]) -> History:
        """From measurements in file order (tests, and a record just made)."""
        return cls.from_rows(indicator, [as_row(m) for m in measurements])

    @classmethod
    def joined(cls, indicator: str, columns: list[list[Any]] | None, rows: list[Row]) -> History:
        """Columns read before (from the cache) followed by rows read now (the file's tail)."""
        if columns is None:
            return cls.from_rows(indicator, rows)
        made = cls(indicator, columns)
        if rows and made.dates and min(rows, key=_DAY)[0] < made.dates[-1]:
            # A back-dated record: merge by date, keeping file order within a day.
            return cls.from_rows(indicator, [*zip(*columns, strict=True), *rows])
        for row in rows:
            for column, cell in zip(columns, row, strict=True):
                column.append(cell)
        return made

    def plus(self, measurement: Measurement) -> History:
        """This history with one more measurement, in date order (no Measurement per row made)."""
        return History.joined(
            self.indicator, [list(c) for c in self.columns()], [as_row(measurement)]
        )

    def columns(self) -> list[list[Any]]:
        return [getattr(self, name) for name in _FIELDS]

    def __len__(self) -> int:
        return len(self.dates)

    @overload
    def __getitem__(self, index: int) -> Measurement: ...

    @overload
    def __getitem__(self, index: slice) -> History: ...

    def __getitem__(self, index: int | slice) -> Measurement | History:
        if isinstance(index, slice):
            return History(self.indicator, [c[index] for c in self.columns()])
        return Measurement(
            self.dates[index],
            self.indicator,
            self.values[index],
            self.ofs[index],
            self.notes[index],
            self.evidence[index],
            self.lines[index],
            self.attendees[index],
            self.scopes[index],
        )

    def upto(self, day: dt.date) -> History:
        """The records dated on or before `day`."""
        return self[: bisect_right(self.dates, day)]

    def since(self, day: dt.date) -> History:
        """The records dated on or after `day`."""
        return self[bisect_left(self.dates, day) :]


def as_row(m: Measurement) -> Row:
    return (m.date, m.value, m.of, m.note, m.evidence, m.line, m.attendees, m.scope)


class Histories(dict[str, History]):
    """Histories by indicator id; an indicator never recorded has an empty one."""

    def __missing__(self, indicator_id: str) -> History:
        return History(indicator_id)


def scope_key(scope: str) -> str:
    """The class a scope names, however typed: '3A', '3a' and '3 A' are one class."""
    import unicodedata

    return "".join(unicodedata.normalize("NFC", scope).casefold().split())
