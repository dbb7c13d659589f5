"""One kind of problem: where it is, what is wrong (a stable code and the words), how to fix it.

Problems are data: checks and readers return them, the command line words and prints them.
The `code` is the message's key made kebab-case (`r.unknown_indicator` -> `unknown-indicator`,
`iss.missing` -> `issuer-missing`),
so a test or a script matches the code, never the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cds_tracker.text.fmt import printable

Location = tuple[Any, ...]  # a path of keys and indexes in the plan
Severity = Literal["error", "warning"]


# A message key's family -> its codes' prefix: plan checks ("v.") and record rows ("r.") read
# plainly (`unknown-indicator`); the others say what they are about (`issuer-missing`).
_PREFIXES = {
    "v": "",
    "r": "",
    "num": "number-",
    "rec": "record-",
    "p": "roster-",
    "iss": "issuer-",
    "arg": "option-",
    "rp": "report-",
    "cm": "commune-",
    "xl": "workbook-",
    "pub": "publish-",
    "col": "column-",
}


# Where two families would give one code to two messages.
_OVERRIDES = {"r.of_not_ratio": "record-of-not-ratio"}


def code_of(message: str) -> str:
    """The stable code of a message made by `messages.t` ('' for other text)."""
    key = getattr(message, "key", "")
    if not key:
        return ""
    if key in _OVERRIDES:
        return _OVERRIDES[key]
    head, _, rest = key.partition(".")
    prefix = _PREFIXES.get(head, f"{head}-") if rest else ""
    return prefix + (rest or head).replace("_", "-").replace(".", "-")


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem in a user's file: where it is, what is wrong, how to fix it."""

    file: Path | None
    line: int | None  # 1-based
    message: str
    hint: str = ""
    code: str = ""  # kebab-case, stable; derived from the message's key when not given
    column: int | None = None  # 1-based, where the line has a place to point at
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", code_of(self.message) or "problem")

    def sort_key(self) -> tuple[str, int]:
        return (str(self.file or ""), self.line or 0)


@dataclass(frozen=True, slots=True)
class Found:
    """A problem of a plan at `loc` (a path of keys and indexes; or a line, for text checks and
    records), before the file it is in is known; `column` where the text shows the place."""

    loc: Any  # a Location; a line number for text checks and workspace checks
    message: str
    hint: str = ""
    column: int | None = None

    def at(self, file: Path | None, line: int | None) -> Problem:
        return Problem(file, line, self.message, self.hint, column=self.column)


class CdsError(Exception):
    """Raised with every problem found; the CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def fail(
    message: str,
    hint: str = "",
    file: Path | None = None,
    line: int | None = None,
    column: int | None = None,
) -> CdsError:
    """Build a one-problem error: `raise fail(...)`."""
    return CdsError([Problem(file, line, message, hint, column=column)])


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
        shown = printable(source.rstrip(chr(13) + chr(10)))
        out += f"\n    {problem.line:>4} | {shown}"
        if problem.column and problem.column <= len(shown) + 1:
            # A caret under the place, as hledger shows it (after the 11-character margin).
            out += "\n" + " " * (10 + problem.column) + "^"
    return out
