"""The CSV files users keep beside a plan (records, people): read by column name, appended safely.

Excel's "CSV UTF-8" (byte-order mark, CRLF) reads the same as a plain file; columns may come in
any order, extra columns are kept, blank lines are skipped, and every row knows its line.
"""

from __future__ import annotations

import csv
import io
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cds_tracker.errors import CdsError, fail
from cds_tracker.files import BOM, atomic_write, decode_utf8, write_problem
from cds_tracker.messages import t

LOCK_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Table:
    """A CSV file's header (column name -> position) and its data rows with their lines."""

    columns: dict[str, int]
    reader: Any  # a csv reader; its line_num is the last line read (a quoted newline adds one)
    lines_before: int = 0  # lines of the file before the reader's first

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(first line, cells) of every data row; blank lines skipped."""
        reader, before = self.reader, self.lines_before
        last = before + reader.line_num
        for cells in reader:
            line, last = last + 1, before + reader.line_num
            if cells and (len(cells) > 1 or cells[0].strip()):
                yield line, cells

    def getter(self, names: Sequence[str]) -> Callable[[list[str]], tuple[str, ...]]:
        """A function from a row, padded by `pad`, to its cells for `names` in that order."""
        width = len(self.columns)
        # A column the file lacks reads the pad cell, which is always ''.
        return operator.itemgetter(*[self.columns.get(name, width) for name in names])

    def pad(self, cells: list[str]) -> list[str]:
        """The row cut or filled to the header's width, plus the empty pad cell."""
        width = len(self.columns)
        if len(cells) == width:
            cells.append("")
            return cells
        return (cells + [""] * (width + 1))[:width] + [""]


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes; None for a missing file; CdsError for one that cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise fail(t("file.unreadable", reason=exc.strerror or exc), file=path) from None


def open_table(path: Path, required: Sequence[str], known: Sequence[str]) -> Table | None:
    """The table in `path`; None for a missing file; CdsError for a file without its header."""
    data = read_bytes(path)
    return None if data is None else table_of(data, path, required, known)


def table_of(data: bytes, path: Path, required: Sequence[str], known: Sequence[str]) -> Table:
    """The table in a file's bytes: its header checked, its rows still to read."""
    reader = csv.reader(io.StringIO(decode_utf8(data, path), newline=""))
    first = next(reader, None)
    if not first:
        raise fail(t("r.no_header", columns=",".join(known)), file=path, line=1)
    columns = {name.strip().lower(): i for i, name in enumerate(first)}
    for name in required:
        if name not in columns:
            hint = t("r.missing_column.hint", header=",".join(known))
            raise fail(t("r.missing_column", column=name), hint, path, 1)
    return Table(columns, reader)


def tail_of(data: bytes, path: Path, columns: dict[str, int], lines_before: int) -> Table:
    """The rows of a file after its first lines, read before, whose header was `columns`.

    `data` starts at the beginning of a line; its rows are numbered from `lines_before` + 1.
    """
    reader = csv.reader(io.StringIO(decode_utf8(data, path), newline=""))
    return Table(columns, reader, lines_before)


def cells_by_name(table: Table, names: Sequence[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Each row's cells for `names`, in that order ('' where a column or a cell is missing)."""
    get = table.getter(names)
    for line, cells in table.rows():
        yield line, get(table.pad(cells))


def append_row(path: Path, columns: Sequence[str], fields: dict[str, str]) -> int:
    """Append one row under a lock; return its line number. Earlier lines are never rewritten.

    The line goes out in one write() on an O_APPEND descriptor, so a process killed mid-way
    leaves the file as it was or with the whole line, and concurrent writers never interleave.
    Only a file lacking a column the row needs is rewritten, whole, through a temporary file.
    """
    from filelock import FileLock, Timeout  # only writers need it; keep `status` light

    lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)
    try:
        with lock:
            return _append_locked(path, columns, fields)
    except Timeout:
        raise fail(t("rec.locked", file=path)) from None
    except OSError as exc:
        raise CdsError([write_problem(path, exc)]) from None


def _append_locked(path: Path, columns: Sequence[str], fields: dict[str, str]) -> int:
    if not path.exists():
        # A byte-order mark makes Excel open the file as UTF-8 and show the diacritics.
        text = BOM + _line(columns, "\r\n") + _line([fields.get(c, "") for c in columns], "\r\n")
        atomic_write(path, text.encode("utf-8"))
        return 2
    data = path.read_bytes()
    text = decode_utf8(data, path)
    first = text.split("\n", 1)[0]
    newline = "\r\n" if first.endswith("\r") else "\n"
    header = next(csv.reader([first.rstrip("\r")]), [])
    names = [name.strip().lower() for name in header]
    missing = [c for c in columns if c not in names and fields.get(c)]
    if missing:
        return _rewrite_with_columns(path, text, header, missing, fields, newline)
    line = _line([fields.get(name, "") for name in names], newline)
    if data and not data.endswith(b"\n"):
        line = newline + line  # a hand-edited file may lack its last newline
    lines_before = data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return lines_before + 1


def _rewrite_with_columns(
    path: Path,
    text: str,
    header: list[str],
    missing: list[str],
    fields: dict[str, str],
    newline: str,
) -> int:
    """An older file lacks a column the new row needs: add it, through a temporary file."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    pad = len(header) + len(missing)
    widened = [header + missing] + [
        row + [""] * (pad - len(row)) if row else row for row in rows[1:]
    ]
    names = [name.strip().lower() for name in header] + missing
    widened.append([fields.get(name, "") for name in names])
    body = "".join(_line(row, newline) for row in widened)
    atomic_write(path, (BOM + body).encode("utf-8"))
    return body.count("\n")


def _line(row: Iterable[str], newline: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerow(list(row))
    return out.getvalue()
