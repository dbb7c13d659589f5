"""The one date parser and the one number parser, for dates and numbers as schools write them.

Vietnamese writes dates day first (14/06/2026, 14/6/2026, 14-06-2026, 14.06.2026) and a decimal
comma (78,5); Excel in a Vietnamese locale writes both into CSV files. `cds` itself writes ISO
dates and decimal points. Problems come back as short keys the caller words (`NumberProblem`).
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})")
_NUMBER = re.compile(r"([+-]?)(\d+)(?:[.,](\d+))?")
# '1.234.567', '1,234.5': digit groups of three, as one writes thousands.
_GROUPED = re.compile(r"\d{1,3}(?:[., ]\d{3})+(?:[.,]\d+)?")
MAX_DIGITS = 12  # a school's figure is never near a trillion; longer input is a slip
MAX_NUMBER = 10.0**MAX_DIGITS


def parse_date(text: str) -> dt.date | None:
    """ISO `YYYY-MM-DD`, or day first `D/M/YYYY` with `/`, `-` or `.`; None for anything else."""
    cleaned = text.strip()
    match = _ISO.fullmatch(cleaned)
    if match:
        year, month, day = match.group(1), match.group(2), match.group(3)
    else:
        match = _DAY_FIRST.fullmatch(cleaned)
        if match is None:
            return None
        day, month, year = match.group(1), match.group(3), match.group(4)
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:  # 30/02, month 13
        return None


class NumberProblem(ValueError):
    """Why a text is not an acceptable number: one of the keys below."""

    NOT_A_NUMBER = "not_a_number"
    AMBIGUOUS = "ambiguous"  # '1.234': one thousand two hundred and thirty-four, or 1.234?
    NOT_WHOLE = "not_whole"
    TOO_BIG = "too_big"
    PERCENT_SIGN = "percent_sign"  # '65%' where a head count is meant

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_number(
    text: str, *, count: bool = False, whole: bool = False, percent: bool = False
) -> float:
    """The number a Vietnamese reader means by `text`, or NumberProblem.

    `count`: a count or head count, where '1.234' and '1,234' are ambiguous (Vietnamese groups
    thousands with '.', English with ','). `whole`: '12,5' is refused. `percent`: a trailing '%'
    is allowed.
    """
    cleaned = text.strip()
    if cleaned.endswith("%"):
        if not percent:
            raise NumberProblem(NumberProblem.PERCENT_SIGN)
        cleaned = cleaned[:-1].rstrip()
    match = _NUMBER.fullmatch(cleaned)
    if match is None:
        grouped = _GROUPED.fullmatch(cleaned.lstrip("+-"))
        raise NumberProblem(NumberProblem.AMBIGUOUS if grouped else NumberProblem.NOT_A_NUMBER)
    sign, digits, fraction = match.groups()
    if count and fraction is not None and len(fraction) == 3:
        raise NumberProblem(NumberProblem.AMBIGUOUS)
    if len(digits.lstrip("0")) > MAX_DIGITS:
        raise NumberProblem(NumberProblem.TOO_BIG)
    if whole and fraction is not None and fraction.strip("0"):
        raise NumberProblem(NumberProblem.NOT_WHOLE)
    value = float(f"{digits}.{fraction}" if fraction else digits)
    return -value if sign == "-" else value


def format_number(value: float) -> str:
    """How a number is stored in a file: '42', '93.5' (a point, never an exponent)."""
    if value == int(value):
        return str(int(value))
    text = repr(value)
    if "e" in text:
        from decimal import Decimal  # the shortest digits, written out without an exponent

        text = format(Decimal(text), "f")
    return text


_ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}


def parse_quarter(text: str) -> int | None:
    """'2' or 'II' (quarters take Roman numerals in Vietnamese writing) -> 2; None otherwise."""
    cleaned = text.strip().upper()
    if cleaned in ("1", "2", "3", "4"):
        return int(cleaned)
    return _ROMAN_QUARTERS.get(cleaned)
