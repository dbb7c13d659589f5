"""A cache of a large records file's parsed rows, so that only what was appended since is read.

Profile (`cds status --json`, 100,000 records, 6 MB): reading and checking every row took about
two thirds of the command (csv 45 ms, dates and numbers 20 ms, checks and tuples 60 ms), and a
records file only grows: `cds record` appends and never rewrites. So, once a file is large, its
checked rows are kept as columns (marshal: 20 ms to load) with the length and SHA-256 of the bytes
they came from, and the plan's fingerprint (what decides whether a row is good). A later read
whose file still starts with those bytes reads only the tail. Any difference (an edited line, a
changed plan or roster, a new version of the tool) means a full read; the cache is only ever
written from a file with no problems, and can be deleted at any time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cds_tracker.domain.model import Plan
from cds_tracker.store import cache

MIN_BYTES = 256 * 1024  # below this a file is read whole faster than a cache is checked
MIN_NEW_ROWS = 2_000  # rewrite the cache only once this many rows were read from the CSV
_FORMAT = 3  # 3: each indicator's columns marshalled apart


@dataclass(frozen=True)
class Entry:
    size: int  # how many bytes of the file the rows came from
    lines: int  # how many lines those bytes hold
    columns: dict[str, int]  # the file's header
    histories: dict[str, list[list[Any]]]  # indicator -> History columns
    delimiter: str = ","  # the file's separator, sniffed from its header


def fingerprint(plan: Plan) -> str:
    """What decides whether a row is good: the whole plan (indicators, kinds, aggregates, its
    year window, levels…) and each indicator's denominator as the roster sizes it."""
    shape = (_FORMAT, plan, [plan.denominator(i) for i in plan.indicators])
    return cache.key("records-rows", shape)


def _name(path: Path) -> str:
    return cache.key("records", str(path.resolve()))


def load(path: Path, data: bytes, plan_fingerprint: str, only: str | None = None) -> Entry | None:
    """The cached rows of `path`, if its bytes still start with the ones they came from; of
    indicator `only` alone where given (`cds record` needs one: each indicator's columns are
    kept apart, and the others are never decoded)."""
    if len(data) < MIN_BYTES:
        return None
    payload = cache.read("records", _name(path))
    if payload is None:
        return None
    try:
        found = marshal.loads(payload)
        if found["fingerprint"] != plan_fingerprint or len(data) < found["size"]:
            return None
        if hashlib.sha256(data[: found["size"]]).hexdigest() != found["sha256"]:
            return None
        histories = {}
        for indicator, kept in found["histories"].items():
            if only is not None and indicator != only:
                continue
            columns = marshal.loads(kept)
            if not _sound(columns):
                return None  # not what save() writes: read the file instead
            columns[0] = list(map(dt.date.fromordinal, columns[0]))
            columns[6] = [tuple(group) for group in columns[6]]
            histories[indicator] = columns
        entry = Entry(
            found["size"], found["lines"], found["columns"], histories, found["delimiter"]
        )
        if not isinstance(entry.lines, int) or entry.delimiter not in (",", ";", "\t"):
            return None
        return entry
    except Exception:  # a cache is advice: any trouble with it means reading the file
        return None


# The cell types of each column save() writes (dates as ordinals), checked at C speed.
_NONE = type(None)
_TYPES: tuple[frozenset[type], ...] = (
    frozenset({int}),
    frozenset({float}),
    frozenset({float, _NONE}),
    frozenset({str}),
    frozenset({str}),
    frozenset({int}),
    frozenset({list, tuple}),
    frozenset({str}),
)


def _sound(columns: Any) -> bool:
    """Columns of the shape save() writes: eight lists of one length, each of its cell type.

    A hand-made or damaged entry of other types would crash a later sum; it is a miss instead.
    """
    if not isinstance(columns, list) or len(columns) != len(_TYPES):
        return False
    if not all(isinstance(column, list) for column in columns):
        return False
    if len({len(column) for column in columns}) != 1:
        return False
    return all(
        set(map(type, column)) <= kinds for column, kinds in zip(columns, _TYPES, strict=True)
    )


def save(path: Path, data: bytes, plan_fingerprint: str, entry: Entry) -> None:
    """Best effort: a cache that cannot be written only costs the next read some time."""
    histories = {}
    for indicator, columns in entry.histories.items():
        stored = list(columns)
        stored[0] = list(map(dt.date.toordinal, columns[0]))
        # Version 2, without references: every cell is also held by the rows just read, and
        # marshal's later versions remember each such object (1.8 s for a million records).
        histories[indicator] = marshal.dumps(stored, 2)
    record = {
        "fingerprint": plan_fingerprint,
        "size": entry.size,
        "sha256": hashlib.sha256(data[: entry.size]).hexdigest(),
        "lines": entry.lines,
        "columns": entry.columns,
        "histories": histories,
        "delimiter": entry.delimiter,
    }
    cache.write("records", _name(path), marshal.dumps(record))
