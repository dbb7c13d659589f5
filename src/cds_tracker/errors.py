"""One error type that carries file, line and a hint, and one formatter for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem in a user's file: where it is, what is wrong, how to fix it."""

    file: Path | None
    line: int | None  # 1-based
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int]:
        return (str(self.file or ""), self.line or 0)


class CdsError(Exception):
    """Raised with every problem found; the CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def fail(
    message: str, hint: str = "", file: Path | None = None, line: int | None = None
) -> CdsError:
    """Build a one-problem error: `raise fail(...)`."""
    return CdsError([Problem(file, line, message, hint)])


def format_problem(problem: Problem, source: str | None = None) -> str:
    """`FILE:LINE: message. hint`, one line; with the source line, shown under it."""
    where = ""
    if problem.file is not None:
        where = f"{problem.file}:{problem.line}: " if problem.line else f"{problem.file}: "
    text = problem.message
    if problem.hint:
        text = f"{text} {problem.hint}"
    out = printable(where + text)
    if source is not None and problem.line:
        out += f"\n    {problem.line:>4} | {printable(source.rstrip(chr(13) + chr(10)))}"
    return out


def printable(text: str) -> str:
    """User text safe to print: control characters (ESC, BEL, NUL…) shown escaped, as `\\x1b`.

    A note typed into the records file by hand could otherwise clear the screen or retitle the
    terminal when a command prints it.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
