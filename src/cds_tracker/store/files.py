"""Reading users' text files and writing files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
import unicodedata
from pathlib import Path

from cds_tracker.checks.problem import CdsError, Problem, fail
from cds_tracker.text.messages import t

BOM = "\ufeff"


def read_utf8(path: Path, max_bytes: int | None = None) -> str:
    """The file's text, NFC-normalised, without a byte-order mark; a clear error otherwise."""
    try:
        size = check_regular(path).st_size
        if max_bytes is not None and size > max_bytes:
            raise fail(t("file.too_big", size=size, limit=max_bytes), file=path, line=1)
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail(t("file.missing", path=path), t("file.missing.hint")) from None
    except IsADirectoryError:
        raise fail(t("file.unreadable", reason=path.name), file=path) from None
    except OSError as exc:
        raise fail(t("file.unreadable", reason=exc.strerror or exc), file=path) from None
    return decode_utf8(data, path)


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
    import tempfile  # only writers need it

    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
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
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_new(files: list[tuple[Path, bytes]], force: bool) -> None:
    """Files a user opens and may edit (a report, a workbook, a page), each whole or not at all;
    never over an existing one without `force`; a failed write leaves no folder it made."""
    import contextlib

    if not force:
        for path, _ in files:
            if path.exists():
                raise fail(t("rp.exists", path=path), t("rp.exists.hint"))
    for path, data in files:
        made = not path.parent.exists()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data)
        except OSError as exc:
            if made:  # a failed command leaves no trace: not even the empty folder it made
                with contextlib.suppress(OSError):
                    path.parent.rmdir()
            raise CdsError([write_problem(path, exc)]) from None


def write_problem(path: Path, exc: OSError) -> Problem:
    """A failed write, said plainly, with what to check."""
    reason = exc.strerror or str(exc)
    # The message names the file already: no 'FILE:' prefix to say it twice.
    message = t("rec.write_failed", file=path, reason=reason)
    return Problem(None, None, message, t("rec.write_failed.hint"))
