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
import hashlib
import marshal
from pathlib import Path
from typing import Any

from cds_tracker import __version__, checks
from cds_tracker.attainment import Standing
from cds_tracker.files import cache_dir, write_cache
from cds_tracker.model import Indicator, Target
from cds_tracker.rollup import Rollup, RollupRow

_FORMAT = 1


def key(files: list[bytes], asked: object) -> str:
    """The entry's name: the tool, its checks, the files' bytes and what was asked for."""
    digest = hashlib.sha256(repr((_FORMAT, __version__, checks.FINGERPRINT, asked)).encode())
    for data in files:
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:40]


def _where(name: str) -> Path:
    return cache_dir() / "standings" / name[:2] / f"{name}.marshal"


def load(name: str) -> tuple[str, str, list[Standing]] | None:
    """(school code, school name, standings) kept under `name`, or None."""
    try:
        found = marshal.loads(_where(name).read_bytes())
        code, school, rows = found["code"], found["name"], found["rows"]
        return str(code), str(school), [_standing(row) for row in rows]
    except Exception:  # a cache is advice: a missing or odd entry means computing again
        return None


def save(name: str, code: str, school: str, rows: list[Standing]) -> None:
    """Best effort: a cache that cannot be written only costs the next run some time."""
    _keep(name, {"code": code, "name": school, "rows": [_row(s) for s in rows]})


def _keep(name: str, entry: Any) -> None:
    write_cache(_where(name), marshal.dumps(entry))


def _target(target: Target | None) -> tuple[str, float] | None:
    return None if target is None else (target.op, target.value)


def _row(s: Standing) -> tuple[Any, ...]:
    ind = s.indicator
    return (
        ind.id,
        ind.group,
        ind.name,
        ind.kind,
        _target(ind.target),
        _target(ind.stretch),
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
    (ident, group, name, kind, target, stretch, day, value, count, of, met, stretch_met,
     status, last, expected) = row  # fmt: skip
    shape = row[:6]
    indicator = _indicators.get(shape)
    if indicator is None:
        indicator = _indicators[shape] = Indicator(
            ident,
            group,
            name,
            kind,
            target=Target(*target) if target else None,
            stretch=Target(*stretch) if stretch else None,
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
    try:
        plans, day, rows = marshal.loads(_where(name).read_bytes())
        as_of = dt.date.fromordinal(day) if day is not None else None
        return Rollup(int(plans), as_of, [RollupRow(*row) for row in rows])
    except Exception:  # a cache is advice
        return None


def save_rollup(name: str, rollup: Rollup) -> None:
    """Keep a whole run's combined figures (only a run without problems: they must be said)."""
    from dataclasses import astuple

    day = rollup.as_of.toordinal() if rollup.as_of else None
    _keep(name, (rollup.plans, day, [astuple(row) for row in rollup.rows]))
