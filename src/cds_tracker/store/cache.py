"""The one cache: plans, records, standings and charts are all kept, checked and pruned here.

- One key recipe: the kind, this module's format, the version, a digest of the package's own
  source files (a changed check, a changed constant: every entry made before is a miss) and the
  inputs the value depends on, whole.
- One place: `cache_dir()/KIND/ab/NAME` (two hex digits a folder, so no folder grows huge).
- One writer: a temporary file in the entry's folder and a rename, never through a link (a link
  planted in the cache folder is replaced, never followed), no fsync (a lost entry is a miss).
- One check on read: each entry starts with the SHA-256 of its payload; a missing, short,
  damaged or linked entry is a miss, never a figure or a crash. Callers still check the shape
  of what they decode (`decode` below).
- One pruning rule: once a run, a kind holding more than its `LIMITS` entries loses its oldest.

A cache is advice: every failure here only costs the next run some time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from cds_tracker import __version__

FORMAT = 3  # the layout of an entry (digest + payload)
_DIGEST = 32

# The most entries a kind keeps: a country's plans (30,000), a version or two each; a few
# roll-ups' `schools` (one entry a set of plan files, ~3 kB a school).
LIMITS = {
    "plan": 70_000,
    "records": 500,
    "schools": 20,
    "rolled": 200,  # a mark: these plan files were rolled up together (empty)
    "plans": 20,  # a roll-up's plans together, as its schools
    "rollup": 200,
    "counted": 200,  # a roll-up's schools' figures, a day each
    "chart": 5_000,
}
_pruned: set[str] = set()

T = TypeVar("T")


def cache_dir() -> Path:
    """$CDS_CACHE_DIR, else the user's cache folder (%LOCALAPPDATA% on Windows, ~/.cache)."""
    configured = os.environ.get("CDS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "cds-tracker"


@functools.cache
def source_digest() -> str:
    """SHA-256 of the package's own source files (names and bytes), once a process.

    Bytecode alone (`co_code`) misses a changed constant in a check; the source does not."""
    return digest_of(Path(__file__).resolve().parents[1])


def digest_of(package: Path) -> str:
    """SHA-256 of the .py and .j2 files under `package`, names and bytes (os.walk: a third of
    pathlib's rglob time, which every command pays once)."""
    digest = hashlib.sha256()
    found = []
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found += [os.path.join(folder, f) for f in files if f.endswith((".py", ".j2"))]
    for name in sorted(found):
        digest.update(os.path.relpath(name, package).replace(os.sep, "/").encode())
        with contextlib.suppress(OSError), open(name, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def key(kind: str, *inputs: bytes | str | object) -> str:
    """The entry's name: what it is and everything its value depends on."""
    digest = key_start(kind)
    for part in inputs:
        key_add(digest, part)
    return key_end(digest)


def key_start(kind: str) -> Any:
    """key() in parts, for inputs read at different times (a province's plans, then their
    records): key_start, key_add each input in order, key_end gives key()'s name."""
    return hashlib.sha256(f"{kind}\0{FORMAT}\0{__version__}\0{source_digest()}".encode())


def key_add(digest: Any, part: bytes | str | object) -> None:
    data = (
        part
        if isinstance(part, bytes)
        else part.encode("utf-8", "surrogatepass")
        if isinstance(part, str)
        else repr(part).encode("utf-8", "surrogatepass")
    )
    digest.update(len(data).to_bytes(8, "little"))
    digest.update(data)


def key_end(digest: Any) -> str:
    return str(digest.hexdigest()[:40])


def where(kind: str, name: str) -> Path:
    return cache_dir() / kind / name[:2] / name


def read(kind: str, name: str) -> bytes | None:
    """The payload kept under `name`, or None where there is none or it is not sound."""
    path = where(kind, name)
    try:
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags)
    except (OSError, ValueError):  # ValueError: a NUL in $CDS_CACHE_DIR
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read()
    except OSError:
        return None
    if len(data) < _DIGEST:
        return None
    payload = data[_DIGEST:]
    if hashlib.sha256(payload).digest() != data[:_DIGEST]:
        return None  # damaged, truncated or hand-made: a miss
    return payload


def entries(kind: str) -> list[Path]:
    """Every entry of a kind on disk (for tests and for pruning)."""
    return [p for p in (cache_dir() / kind).glob("*/*") if not p.name.startswith(".")]


def decode(kind: str, name: str, parse: Callable[[bytes], T]) -> T | None:
    """`parse(payload)` of a sound entry; None where it is missing or `parse` fails on it."""
    payload = read(kind, name)
    if payload is None:
        return None
    try:
        return parse(payload)
    except Exception:  # a wrong-shaped entry is a miss, whatever parse raised
        return None


def write(kind: str, name: str, payload: bytes) -> None:
    """Keep `payload` under `name`: a temporary file and a rename, never following a link."""
    path = where(kind, name)
    folder = str(path.parent)
    # A temporary name of this process's own (O_EXCL: never an existing file, nor a link).
    tmp = os.path.join(folder, f".{os.getpid()}-{next(_serial)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        if folder not in _folders:  # a province's first run writes thousands of entries
            os.makedirs(folder, exist_ok=True)
            _folders.add(folder)
        fd = os.open(tmp, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(hashlib.sha256(payload).digest())
                handle.write(payload)
            # os.replace renames over the name itself: a link there is replaced, not followed.
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, ValueError):
        _folders.discard(folder)  # deleted while this ran, say: made again next time
        return
    _prune(kind)


_folders: set[str] = set()
_serial = itertools.count()


def _prune(kind: str) -> None:
    """Once a run and kind: past its limit, the oldest entries go."""
    if kind in _pruned:
        return
    _pruned.add(kind)
    limit = LIMITS.get(kind, 1_000)
    try:
        found = entries(kind)
        if len(found) <= limit:
            return
        found.sort(key=lambda p: p.lstat().st_mtime)
        for old in found[: len(found) - limit]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
