"""Checks of a plan's text, before any YAML parser sees it: a bracket bomb or a 5,000-digit
number is refused in microseconds, and a slip like an unquoted `> 90` gets a plain message."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from cds_tracker.checks.limits import MAX_DEPTH, MAX_DIGITS
from cds_tracker.checks.problem import Found
from cds_tracker.text.messages import t


def check_tabs(text: str) -> Iterator[Found]:
    """Indentation by tabs: YAML allows only spaces."""
    if "\t" not in text:
        return  # the common case; a province reads thousands of plans
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            yield Found(number, t("yaml.tab"), t("yaml.tab.hint"))


# C0 and C1 controls but tab, LF and CR; and the marks that reorder text on screen (a name
# shown backwards, or hiding what follows).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def check_control_chars(text: str) -> Iterator[Found]:
    """Control characters (ESC, BEL, NUL…): printed, they clear the screen or retitle it."""
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        code = f"U+{ord(match.group()):04X}"
        yield Found(line, t("yaml.control", code=code, column=column), t("yaml.control.hint"))
        return  # one is enough to refuse the file; the rest are the same slip


def check_nesting(text: str) -> Iterator[Found]:
    """Brackets nested deeper than any plan needs (a parser could crash or hang on them)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return  # cannot be too deep: the common case costs two counts
    depth, line = 0, 1
    for char in text:
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                yield Found(line, t("yaml.deep"), t("yaml.deep.hint"))
                return
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "\n":
            line += 1


_LONG_NUMBER = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")


def check_long_numbers(text: str) -> Iterator[Found]:
    """Numbers of more digits than any figure of a plan: a slip, and slow for a parser."""
    for match in _LONG_NUMBER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield Found(line, t("v.number_too_long"), t("v.number_too_long.hint"))


_UNQUOTED_COMPARISON = re.compile(
    r"^(\s*-?\s*(target|stretch)\s*:\s*)(>=|<=|>|<|=|≥|≤)\s*([^#\s][^#]*?)\s*(#.*)?$"
)


def check_unquoted_comparisons(text: str) -> Iterator[Found]:
    """`target: > 90` without quotes: YAML reads `>` as the start of a block of text."""
    if _COMPARISON_NEAR.search(text) is None:
        return  # no candidate anywhere: the common case costs one search
    for number, line in enumerate(text.splitlines(), start=1):
        match = _UNQUOTED_COMPARISON.match(line)
        if match:
            quoted = f'{match.group(2)}: "{match.group(3)} {match.group(4)}"'
            written = f"{match.group(2)}: {match.group(3)} {match.group(4)}"
            yield Found(
                number,
                t("v.unquoted_target", text=written),
                t("v.unquoted_target.hint", quoted=quoted),
                column=match.start(3) + 1,  # under the comparison YAML misreads
            )


_COMPARISON_NEAR = re.compile(r"(target|stretch)[ \t]*:[ \t]*[<>=≥≤]")
_DATE_ANYWHERE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_VALUE = re.compile(r"^\s*-?\s*[\w-]+\s*:\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*(#.*)?$")


def check_real_dates(text: str) -> Iterator[Found]:
    """Dates that do not exist (30 February): YAML's own reader fails on them without a line."""
    if all(_real(*m.group(1, 2, 3)) for m in _DATE_ANYWHERE.finditer(text)):
        return  # every date-like text is a real date: the common case, one pass
    for number, line in enumerate(text.splitlines(), start=1):
        match = _DATE_VALUE.match(line)
        if match is None:
            continue
        year, month, day = (int(part) for part in match.group(1, 2, 3))
        try:
            dt.date(year, month, day)
        except ValueError:
            shown = f"{match.group(1)}-{match.group(2)}-{match.group(3)}"
            yield Found(number, t("v.date_impossible", text=shown), t("v.date_impossible.hint"))


def _real(year: str, month: str, day: str) -> bool:
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


TextCheck = Callable[[str], Iterator[Found]]
