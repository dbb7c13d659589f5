"""The school's history in git, kept for an officer who never types a git command.

A folder made by `cds init --folder` is a repository with `cds.commit` set to true in its own
config; there `record`, `undo`, `people add` and `init` commit the files they changed
(`git config cds.commit false` turns it off). Anywhere else cds never commits. A commit that
fails is a warning, never a failed command: the file is what counts.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 30.0
# Who the commit is by where the machine has no git identity (a school's shared computer).
FALLBACK_NAME, FALLBACK_EMAIL = "cds-tracker", "cds-tracker@localhost"


class GitFailed(Exception):
    """A git command that did not succeed; str() is git's own first line of error."""


def _git(root: Path, *args: str, program: str | None = None) -> str:
    program = program or shutil.which("git")
    if program is None:
        raise GitFailed("git")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            [program, "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_S,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitFailed(type(exc).__name__) from None
    if done.returncode != 0:
        first = (done.stderr or done.stdout).strip().splitlines()
        raise GitFailed(first[0] if first else f"git {args[0]}: {done.returncode}")
    return done.stdout


def init(folder: Path) -> bool:
    """Make `folder` a repository cds commits in, where git is installed and `folder` is not
    inside a repository already (that one is the user's own: cds leaves it alone)."""
    if shutil.which("git") is None:
        return False
    if any((p / ".git").exists() for p in (folder, *folder.resolve().parents)):
        return False
    try:
        _git(folder, "init", "-q")
        _git(folder, "config", "cds.commit", "true")
    except GitFailed:
        return False  # a plan without a repository still works; git is a convenience
    return True


def repository_of(path: Path) -> Path | None:
    """The repository cds commits in for `path`: one whose config says `cds.commit = true`."""
    if shutil.which("git") is None:
        return None
    folder = path.parent.resolve()
    root = next((p for p in (folder, *folder.parents) if (p / ".git").exists()), None)
    if root is None:
        return None
    try:
        said = _git(root, "config", "--bool", "--get", "cds.commit").strip()
    except GitFailed:
        return None  # not set: a repository the user made, not cds
    return root if said == "true" else None


def commit(paths: list[Path], message: str) -> str | None:
    """Commit `paths` (added if new) with `message` where cds commits; None when committed or
    when cds does not commit here, else why it could not (for a warning)."""
    if not paths:
        return None
    root = repository_of(paths[0])
    if root is None:
        return None
    names = [str(p.resolve().relative_to(root)) for p in paths if p.exists()]
    identity: list[str] = []
    try:
        if not _configured(root, "user.name") or not _configured(root, "user.email"):
            identity = ["-c", f"user.name={FALLBACK_NAME}", "-c", f"user.email={FALLBACK_EMAIL}"]
        _git(root, "add", "--", *names)
        if not _git(root, "status", "--porcelain", "--", *names).strip():
            return None  # nothing changed (a plan written byte for byte as it was)
        _git(root, *identity, "commit", "-q", "--no-verify", "-m", message, "--", *names)
    except GitFailed as exc:
        return str(exc)
    except ValueError:  # a file outside the repository: not cds's to commit
        return None
    return None


def _configured(root: Path, key: str) -> bool:
    try:
        return bool(_git(root, "config", "--get", key).strip())
    except GitFailed:
        return False


@dataclass(frozen=True)
class Saved:
    """When a line of a file was committed."""

    commit: str  # the short hash
    when: dt.datetime


def saved_lines(path: Path) -> dict[int, Saved]:
    """For each line of `path` (1-based), the commit that last wrote it; empty outside a
    repository cds commits in, or where git cannot say."""
    root = repository_of(path)
    if root is None:
        return {}
    try:
        name = str(path.resolve().relative_to(root))
        out = _git(root, "blame", "--line-porcelain", "--", name)
    except (GitFailed, ValueError):
        return {}
    found: dict[int, Saved] = {}
    current: list[str] = []
    line = 0
    for row in out.splitlines():
        if row.startswith("\t"):
            continue
        head = row.split(" ")
        if len(head) >= 3 and len(head[0]) == 40 and head[1].isdigit():
            current, line = head, int(head[2])
        elif row.startswith("committer-time ") and current:
            when = dt.datetime.fromtimestamp(int(row.split(" ", 1)[1]))
            if set(current[0]) != {"0"}:  # all zeros: not committed yet
                found[line] = Saved(current[0][:7], when)
    return found
