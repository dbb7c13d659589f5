"""The CSV files users keep beside a plan (records, people): read by column name, appended safely.

Files come as people and spreadsheets write them: `,`, `;` (Excel in a Vietnamese locale) or a
tab between fields (sniffed from the header), with or without a byte-order mark, LF, CRLF or CR
line ends. Columns may come in any order, extra columns are kept, blank lines (and Excel's
`,,,,` rows) are skipped, and every row knows its line. A quote left open by a hand edit is
reported at its line, and the lines after it are still read.
"""

from __future__ import annotations

import csv
import io
import operator
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cds_tracker.checks.limits import MAX_CELL
from cds_tracker.checks.problem import CdsError, Problem, fail
from cds_tracker.store.files import BOM, atomic_write, decode_utf8, write_problem
from cds_tracker.text import fmt
from cds_tracker.text.messages import t

LOCK_TIMEOUT_S = 15.0
DELIMITERS = (",", ";", "\t")
# A line that starts like a record (a date, then a separator): a quote that swallowed it was
# left open by mistake, not a note written over two lines.
RECORD_START = re.compile(
    r'\s*"?(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})"?\s*[,;\t]'
)
# Cells a spreadsheet would run as a formula (OWASP, "CSV injection"); written behind a quote.
_FORMULA_START = ("=", "+", "@", "\t", "\r")
# What UTF-8 looks like once read as Windows-1252 and saved again: the byte-order mark as 'ï»¿',
# a Vietnamese letter as 'Ã' or 'á»' followed by another Latin-1 sign.
_MOJIBAKE = re.compile("ï»¿|Ã[\u0080-\u00bf]|á»|Ä[\u0080-\u00bf]")
_PLAIN_NEGATIVE = re.compile(r"-\d+(?:[.,]\d+)?%?")
csv.field_size_limit(1_000_000)  # a cell over this is a mistake, reported at its line


def is_formula(cell: str) -> bool:
    """True for a cell a spreadsheet would evaluate: '=…', '+…', '@…', '-2+3+cmd', tab, CR."""
    if not cell:
        return False
    if cell.startswith(_FORMULA_START):
        return True
    return cell.startswith("-") and _PLAIN_NEGATIVE.fullmatch(cell) is None


def escape_cell(cell: str) -> str:
    """The cell as it is stored: a formula-looking text behind a `'`, which Excel shows as text."""
    return "'" + cell if is_formula(cell) else cell


def unescape_cell(cell: str) -> str:
    """The text as it was typed: the `'` that escape_cell added removed."""
    return cell[1:] if cell.startswith("'") and is_formula(cell[1:]) else cell


def newline_of(text: str) -> str:
    """The file's own line ending: CRLF, LF, or CR alone (Excel's 'CSV (Macintosh)')."""
    end = text.find("\n")
    cr = text.find("\r")
    if cr != -1 and (end == -1 or cr < end):
        return "\r\n" if text.startswith("\r\n", cr) else "\r"
    return "\n"


def count_lines(text: str) -> int:
    """How many lines `text` holds, whatever its line ends (a last line without one counts)."""
    if not text:
        return 0
    newline = newline_of(text)
    return text.count(newline) + (0 if text.endswith(newline) else 1)


def sniff(first_line: str, known: Sequence[str]) -> str:
    """The separator of a header line: the one that splits it into the most known column names."""
    best, best_score = ",", -1
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        score = len({cell.strip().lower() for cell in cells} & set(known))
        if score > best_score:
            best, best_score = delimiter, score
    return best


class Table:
    """A CSV file's header (column name -> position) and its data rows with their lines."""

    def __init__(
        self,
        columns: dict[str, int],
        text: str,
        delimiter: str,
        lines_before: int = 0,
        *,
        multiline_notes: bool = True,
    ) -> None:
        self.columns = columns
        self.delimiter = delimiter
        self.lines_before = lines_before  # lines of the file before `text`'s first
        self.lines_read = lines_before  # the last line read so far
        self.problems: list[Problem] = []  # malformed lines, found while reading rows
        self.path: Path | None = None
        self._text = text
        self._physical: list[str] | None = None
        self._multiline_notes = multiline_notes  # records may have them; the roster may not

    def _reader(self, text: str) -> Iterator[list[str]]:
        return csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(first line, cells) of every data row; blank rows skipped, malformed ones reported."""
        reader = self._reader(self._text)
        before = self.lines_before
        nul = "\x00" in self._text
        last = before
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                line = last + 1
                self._problem(line, t("csv.malformed", detail=str(exc)))
                reader, before, last = self._restart_after(line), line, line
                continue
            line, last = last + 1, before + reader.line_num  # type: ignore[attr-defined]
            self.lines_read = last
            if last > line and self._runs_away(line, last):
                self._problem(line, t("csv.open_quote"), t("csv.open_quote.hint"))
                reader, before, last = self._restart_after(line), line, line
                self.lines_read = last
                continue
            if nul and any("\x00" in cell for cell in cells):
                # NUL bytes are what a disk leaves where a write never finished: not data.
                self._problem(line, t("csv.nul"), t("csv.nul.hint"))
                continue
            first = cells[0] if cells else ""
            # The common row starts with a date; Excel's blank rows are ',,,,' or spaces.
            if (first and not first.isspace()) or "".join(cells).strip():
                yield line, cells

    def rows_at_once(self) -> list[tuple[int, list[str]]] | None:
        """rows(), read in one go where every row is one line (no note over two lines, no
        quote left open, no NUL): the same rows with the same lines, without rows()'s per-row
        bookkeeping (a province's first run reads 600,000). None where rows() must look."""
        text = self._text
        if "\x00" in text or ("\r" in text and newline_of(text) != "\r\n"):
            return None
        try:
            found = list(self._reader(text))
        except csv.Error:
            return None
        if len(found) != count_lines(text):
            return None  # a row over several lines
        self.lines_read = self.lines_before + len(found)
        first = self.lines_before + 1
        if all(found) and all(map(str.strip, map(operator.itemgetter(0), found))):
            # Every row starts with something (the common file): numbered at C speed.
            return list(zip(range(first, first + len(found)), found, strict=True))
        return [
            (first + k, cells)
            for k, cells in enumerate(found)
            if cells and ((cells[0] and not cells[0].isspace()) or "".join(cells).strip())
        ]

    def _problem(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, message, hint))

    def _lines(self) -> list[str]:
        if self._physical is None:
            self._physical = self._text.splitlines(keepends=True)
        return self._physical

    def _runs_away(self, first: int, last: int) -> bool:
        """A row over several lines: a quote left open, unless it is a note with a line break."""
        if not self._multiline_notes:
            return True
        lines = self._lines()[first - self.lines_before - 1 : last - self.lines_before]
        if sum(line.count('"') for line in lines) % 2:
            return True  # the quote never closes: it ran to the end of the file
        return any(RECORD_START.match(line) for line in lines[1:])

    def _restart_after(self, line: int) -> Iterator[list[str]]:
        """A reader from the line after `line`: one malformed line hides nothing after it."""
        rest = "".join(self._lines()[line - self.lines_before :])
        return self._reader(rest)

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
    from cds_tracker.store.files import check_regular, os_reason, witness

    try:
        check_regular(path)
        return witness(path, path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise fail(t("file.unreadable", reason=os_reason(exc)), file=path) from None


def open_table(
    path: Path, required: Sequence[str], known: Sequence[str], what: str, **options: bool
) -> Table | None:
    """The table in `path`; None for a missing file; CdsError for a file without its header."""
    data = read_bytes(path)
    return None if data is None else table_of(data, path, required, known, what, **options)


def table_of(
    data: bytes,
    path: Path,
    required: Sequence[str],
    known: Sequence[str],
    what: str,
    **options: bool,
) -> Table:
    """The table in a file's bytes: its header checked, its rows still to read.

    `what` names the file in messages: "records" or "people".
    """
    if data.startswith(b"PK\x03\x04"):  # a workbook whose bytes happen to decode
        raise fail(t("file.workbook"), t("file.workbook.hint"), path, 1)
    text = decode_utf8(data, path)
    newline = newline_of(text)
    first_line, _, rest = text.partition(newline)
    if not first_line.strip():
        raise fail(t(f"csv.no_header.{what}", columns=",".join(known)), file=path, line=1)
    delimiter = sniff(first_line, known)
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    columns = {name.strip().lower(): i for i, name in enumerate(header)}
    if _MOJIBAKE.search(first_line):
        # 'ï»¿date', 'TÃªn': UTF-8 read as Windows-1252 and saved again (Excel's "CSV" format).
        raise fail(t("csv.wrong_encoding"), t("csv.wrong_encoding.hint"), path, 1)
    for name in required:
        if name not in columns:
            hint = t("csv.missing_column.hint", header=",".join(known))
            raise fail(t(f"csv.missing_column.{what}", column=name), hint, path, 1)
    table = Table(columns, rest, delimiter, 1, **options)
    table.path = path
    return table


def tail_of(
    data: bytes, path: Path, columns: dict[str, int], lines_before: int, delimiter: str
) -> Table:
    """The rows of a file after its first lines, read before, whose header was `columns`.

    `data` starts at the beginning of a line; its rows are numbered from `lines_before` + 1.
    """
    table = Table(columns, decode_utf8(data, path), delimiter, lines_before)
    table.path = path
    return table


def cells_by_name(table: Table, names: Sequence[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Each row's cells for `names`, in that order ('' where a column or a cell is missing)."""
    get = table.getter(names)
    for line, cells in table.rows():
        yield line, get(table.pad(cells))


Check = Callable[[], None]


def append_row(
    path: Path, columns: Sequence[str], fields: dict[str, str], check: Check | None = None
) -> int:
    """Append one row under a lock; return its line number. Earlier lines are never rewritten.

    `check` runs under the same lock, before anything is written, and refuses by raising
    CdsError: what it read cannot change before the row lands (two `people add gv01` at once).
    The line goes out in one write() on an O_APPEND descriptor, so a process killed mid-way
    leaves the file as it was or with the whole line, and concurrent writers never interleave.
    Only a file lacking a column the row needs is rewritten, whole, through a temporary file.
    """
    from filelock import FileLock, Timeout  # only writers need it; keep `status` light

    for name, value in fields.items():
        # What is written must read back everywhere, Excel included (32,767 characters a cell).
        if len(escape_cell(value)) > MAX_CELL:
            length, limit = fmt.number(len(value)), fmt.number(MAX_CELL)
            shown = {"column": name, "length": length, "limit": limit, "file": path}
            raise fail(t("rec.cell_too_long", **shown), t("rec.cell_too_long.hint"))
    lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)
    try:
        with lock:
            if check is not None:
                check()
            return _append_locked(path, columns, fields)
    except Timeout:
        raise fail(t("rec.locked", file=path)) from None
    except OSError as exc:
        raise CdsError([write_problem(path, exc)]) from None


@dataclass(frozen=True)
class Removed:
    """The row `remove_last_row` took out: its first line, and its cells by column name."""

    line: int
    cells: dict[str, str]


def remove_last_row(path: Path, columns: Sequence[str], expected: Removed | None = None) -> Removed:
    """Remove the file's last row (the newest record) under the lock `append_row` takes, and
    rewrite the file through a temporary file and a rename; the rows before it stay byte for
    byte. `expected`: the row the user was shown (last_row); refused if another command
    appended since, so what is removed is what was confirmed.

    CdsError for a missing file or one with no row below its header.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)
    try:
        with lock:
            found, kept = _split_last(path, columns)
            if expected is not None and found != expected:
                raise fail(t("undo.changed", file=path))
            atomic_write(path, kept)
            return found
    except Timeout:
        raise fail(t("rec.locked", file=path)) from None
    except OSError as exc:
        raise CdsError([write_problem(path, exc)]) from None


def last_row(path: Path, columns: Sequence[str]) -> Removed:
    """The row remove_last_row would remove, to show before asking."""
    return _split_last(path, columns)[0]


def _split_last(path: Path, columns: Sequence[str]) -> tuple[Removed, bytes]:
    """(the last row, the file's bytes without it).

    The last row is found from the end (a note over two lines is one row; a stray quote on the
    last line does not stop an undo)."""
    data = read_bytes(path)
    if data is None:
        raise fail(t("undo.empty", file=path))
    text = data.decode("utf-8", errors="surrogateescape")  # bytes kept exactly as they were
    bom = text.startswith(BOM)
    body = text[1:] if bom else text
    newline = newline_of(body)
    lines = body.split(newline)
    # Blank lines (and Excel's ',,,,') at the end are not rows.
    end = len(lines)
    while end > 1 and not lines[end - 1].replace(",", "").replace(";", "").strip():
        end -= 1
    if end <= 1:
        raise fail(t("undo.empty", file=path))
    delimiter = sniff(lines[0], columns)
    header = next(csv.reader([lines[0]], delimiter=delimiter), [])
    start = _last_row_start(lines[:end])
    row_text = newline.join(lines[start:end])
    try:
        cells = next(csv.reader(io.StringIO(row_text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        cells = row_text.split(delimiter)
    names = [name.strip().lower() for name in header]
    found = Removed(start + 1, {n: unescape_cell(c) for n, c in zip(names, cells, strict=False)})
    kept = (BOM if bom else "") + newline.join(lines[:start]) + newline
    return found, kept.encode("utf-8", errors="surrogateescape")


def _last_row_start(lines: list[str]) -> int:
    """The index of the line the last row starts on (lines[0] is the header).

    A row spans lines only inside quotes (a note of two lines): going up from the last line
    while its quotes are unbalanced finds the row's first line; a line that starts like a
    record (a date, then a separator) always starts one, so a stray quote takes nothing more.
    """
    start = len(lines) - 1
    quotes = lines[start].count('"')
    while quotes % 2 and start > 1 and not RECORD_START.match(lines[start]):
        start -= 1
        quotes += lines[start].count('"')
    return start if quotes % 2 == 0 or RECORD_START.match(lines[start]) else len(lines) - 1


def _append_locked(path: Path, columns: Sequence[str], fields: dict[str, str]) -> int:
    fields = {name: escape_cell(value) for name, value in fields.items()}
    data = read_bytes(path)
    if data is None:
        # A byte-order mark makes Excel open the file as UTF-8 and show the diacritics.
        return _create(path, columns, fields)
    # Only the header is decoded and normalised; the rest is checked to be UTF-8 and its lines
    # counted on the bytes (decoding and normalising a million lines to number one took 0.55 s).
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        decode_utf8(data, path)  # raises, saying where
    start = 3 if data.startswith(BOM.encode("utf-8")) else 0
    # Blank but for a byte-order mark? Looked at from its start: no copy of a large file.
    if len(data) == start or (data[start : start + 4096].isspace() and data[start:].isspace()):
        return _create(path, columns, fields)
    end = min((i for i in (data.find(b"\n"), data.find(b"\r")) if i != -1), default=len(data))
    newline = newline_of(data[: end + 2].decode("utf-8", errors="ignore"))
    first = decode_utf8(data[:end], path)
    delimiter = sniff(first, columns)
    header = next(csv.reader([first], delimiter=delimiter), [])
    names = [name.strip().lower() for name in header]
    missing = [c for c in columns if c not in names and fields.get(c)]
    if missing:
        text = decode_utf8(data, path)
        return _rewrite_with_columns(path, data, text, header, missing, fields, newline, delimiter)
    line = _line([fields.get(name, "") for name in names], newline, delimiter)
    ending = newline.encode()
    if not data.endswith(ending):
        line = newline + line  # a hand-edited file may lack its last newline
    lines_before = data.count(ending) + (0 if data.endswith(ending) else 1)
    append_bytes(path, line.encode("utf-8"))
    return lines_before + 1


def _create(path: Path, columns: Sequence[str], fields: dict[str, str]) -> int:
    # A byte-order mark makes Excel open the file as UTF-8 and show the diacritics.
    row = [fields.get(c, "") for c in columns]
    text = BOM + _line(columns, "\r\n", ",") + _line(row, "\r\n", ",")
    atomic_write(path, text.encode("utf-8"))
    return 2


def append_bytes(path: Path, data: bytes) -> None:
    """Append `data` whole, or leave the file as it was and raise OSError.

    A full disk or a file-size limit can make write() take only part of the data; that part is
    cut off again, so no half line is ever left behind for the next reader.
    """
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        try:
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(28, t("rec.short_write", written=written, size=len(data)))
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)


def _rewrite_with_columns(
    path: Path,
    data: bytes,
    text: str,
    header: list[str],
    missing: list[str],
    fields: dict[str, str],
    newline: str,
    delimiter: str,
) -> int:
    """An older file lacks a column the new row needs: add it, through a temporary file."""
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    width = len(header)
    # The new columns go right after the header's; a surplus cell of a hand-edited row (past
    # the header) moves after them, so it never lands in a named column.
    widened = [header + missing] + [
        (row[:width] + [""] * (width - len(row)) + [""] * len(missing) + row[width:])
        if row
        else row
        for row in rows[1:]
    ]
    names = [name.strip().lower() for name in header] + missing
    widened.append([fields.get(name, "") for name in names])
    body = "".join(_line(row, newline, delimiter) for row in widened)
    bom = BOM if data.startswith(BOM.encode("utf-8")) else ""
    atomic_write(path, (bom + body).encode("utf-8"))
    return count_lines(body)


def _line(row: Iterable[str], newline: str, delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline, delimiter=delimiter).writerow(list(row))
    return out.getvalue()


def excel_text(rows: Iterable[Sequence[str]], newline: str = "\n") -> str:
    """Rows as a CSV Excel opens as is (a byte-order mark, `,`), each formula-looking cell
    written safely, as the records file writes them."""
    return BOM + "".join(_line(map(escape_cell, row), newline, ",") for row in rows)
