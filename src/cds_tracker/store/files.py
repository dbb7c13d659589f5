"""Reading users' text files and writing files whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cds_tracker.checks.problem import CdsError, Problem, fail
from cds_tracker.text.messages import t

BOM = "\ufeff"
# An Excel workbook saved under a .csv name: .xlsx is a zip, .xls an OLE2 compound file.
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def current_folder() -> Path:
    """The folder the command runs in; a clear error where it was deleted under the shell."""
    try:
        return Path.cwd()
    except OSError:
        raise fail(t("cwd.gone"), t("cwd.gone.hint")) from None


def read_utf8(path: Path, max_bytes: int | None = None) -> str:
    """The file's text, NFC-normalised, without a byte-order mark; a clear error otherwise."""
    return decode_utf8(read_file(path, max_bytes), path)


def read_file(path: Path, max_bytes: int | None = None) -> bytes:
    """A user's file's bytes (a plan, a document to import); a clear error where there is none,
    it is a folder, a device, too large or unreadable."""
    try:
        size = check_regular(path).st_size
        if max_bytes is not None and size > max_bytes:
            raise fail(t("file.too_big", size=size, limit=max_bytes), file=path, line=1)
        return witness(path, path.read_bytes())
    except FileNotFoundError:
        raise fail(t("file.missing", path=path), t("file.missing.hint")) from None
    except IsADirectoryError:
        raise fail(t("file.unreadable", reason=path.name), file=path) from None
    except OSError as exc:
        raise fail(t("file.unreadable", reason=os_reason(exc)), file=path) from None


_seen: dict[str, bytes] | None = None


@contextmanager
def witnessed() -> Iterator[dict[str, bytes]]:
    """While in force, the bytes of each user's file read (read_file, csvfile.read_bytes), by
    its path as a string: a roll-up names a school by the very bytes its figures came from,
    none read again to check that they did not change meanwhile."""
    global _seen
    before, _seen = _seen, {}
    try:
        yield _seen
    finally:
        _seen = before


def witness(path: Path, data: bytes) -> bytes:
    if _seen is not None:
        _seen[str(path)] = data
    return data


def check_regular(path: Path) -> os.stat_result:
    """The file's status; CdsError for a device or a pipe, which reading could hang on forever."""
    status = path.stat()
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(21, "is a directory", str(path))
    if not stat.S_ISREG(status.st_mode):
        raise fail(t("file.not_regular"), t("file.not_regular.hint"), path)
    return status


def decode_utf8(data: bytes, path: Path) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if data.startswith(_WORKBOOKS):
            raise fail(t("file.workbook"), t("file.workbook.hint"), path, 1) from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise fail(t("file.encoding", pos=exc.start), t("file.encoding.hint"), path, line) from None
    if text.startswith(BOM):
        text = text[1:]
    # Some Vietnamese keyboards type decomposed (NFD) letters; compare and store NFC only.
    return unicodedata.normalize("NFC", text)


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` through a temporary file and a rename: whole or not at all.

    `durable=False` skips the fsync: for caches, which may be lost at any time (a province's
    roll-up writes thousands of entries; fsync cost 0.75 s to 10 s of it, measured).
    """
    target, tmp = _staged(path, data, durable)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _staged(path: Path, data: bytes, durable: bool = True) -> tuple[Path, Path]:
    """`data` written whole to a temporary file beside `path`: (the file to replace, the temp)."""
    import tempfile  # only writers need it

    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    mode = _mode_for(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain save would.
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return path, tmp


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def exists(path: Path) -> CdsError:
    """A file a user may have edited is there already: said for the program that edits it."""
    if path.suffix.lower() == ".xlsx":
        return fail(t("xl.exists", path=path), t("xl.exists.hint"))
    return fail(t("rp.exists", path=path), t("rp.exists.hint"))


def workbook_name(path: Path) -> Path:
    """A workbook's path, refused unless it ends in .xlsx (Excel opens a file by its ending)."""
    if path.suffix.lower() != ".xlsx":
        raise fail(t("xl.not_xlsx", suffix=path.suffix or path.name))
    return path


def write_new(files: list[tuple[Path, bytes]], force: bool) -> None:
    """Files a user opens and may edit (a report, a workbook, a page, a picture): all of them
    whole or none; never over an existing one without `force`; a failed write leaves no
    folder it made.

    Every file is first written whole beside its place; only then are they renamed in, and a
    rename that fails puts back the files already replaced (a page and its picture agree).
    """
    if not force:
        for path, _ in files:
            if path.exists():
                raise exists(path)
    made: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    current = files[0][0] if files else Path()
    try:
        for current, data in files:
            for folder in reversed([current.parent, *current.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            staged.append(_staged(current, data))
        _rename_all(staged)
    except OSError as exc:
        for _, tmp in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        for folder in reversed(made):  # a failed command leaves no trace, not even a folder
            with contextlib.suppress(OSError):
                folder.rmdir()
        where = Path(exc.filename) if isinstance(exc.filename, str) else current
        raise CdsError([write_problem(where, exc)]) from None


def _rename_all(staged: list[tuple[Path, Path]]) -> None:
    """Rename each temp onto its file; on a failure, put back the ones already replaced."""
    before = {target: _old_bytes(target) for target, _ in staged}
    done: list[Path] = []
    try:
        for target, tmp in staged:
            os.replace(tmp, target)
            done.append(target)
    except OSError:
        for target in done:
            old = before[target]
            with contextlib.suppress(OSError):
                if old is None:
                    target.unlink()
                else:
                    atomic_write(target, old)
        raise


_REASONS = {
    errno.EPIPE: "os.broken_pipe",
    errno.EISDIR: "os.is_dir",
    errno.ENOSPC: "os.disk_full",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.EROFS: "os.read_only",
    errno.ENOENT: "os.missing",
    errno.ENOTDIR: "os.not_dir",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the user's language (its own words are English)."""
    key = _REASONS.get(exc.errno or 0)
    own = exc.strerror is not None and exc.strerror != os.strerror(exc.errno or 0)
    if key is None or own:  # our own words (a short write says how many bytes) stay
        return exc.strerror or str(exc)
    return t(key)


def _old_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_problem(path: Path, exc: OSError) -> Problem:
    """A failed write, said plainly, with what to check."""
    reason = os_reason(exc)
    # The message names the file already: no 'FILE:' prefix to say it twice.
    message = t("rec.write_failed", file=path, reason=reason)
    return Problem(None, None, message, t("rec.write_failed.hint"))
