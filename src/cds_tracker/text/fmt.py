"""The one number and date formatter for everything a user reads."""

from __future__ import annotations

import datetime as dt

from cds_tracker.text.messages import lang

__all__ = [
    "date_long",
    "date_plain",
    "date_short",
    "capitalized",
    "number",
    "percent",
    "printable",
    "roman",
]

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def number(value: float, decimals: int = 1) -> str:
    """93.333 -> '93,3' in Vietnamese ('93.3' in English); whole numbers lose the decimals.

    Thousands are grouped with '.' in Vietnamese ('1.250'), ',' in English.
    """
    rounded = round(value, decimals)
    if rounded == int(rounded):
        text = f"{int(rounded):,}"
    else:
        text = f"{rounded:,.{decimals}f}".rstrip("0").rstrip(".")
    if lang() == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(value: float) -> str:
    return number(value) + "%"


def capitalized(text: str) -> str:
    """The first letter upper case, the rest as written ('mức 2' -> 'Mức 2', 'CSDL' kept)."""
    return text[:1].upper() + text[1:]


def roman(quarter: int) -> str:
    return _ROMAN[quarter]


def date_short(day: dt.date) -> str:
    """dd/mm/yyyy, the form used in Vietnamese tables and sentences."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def date_plain(day: dt.date) -> str:
    """d/m/yyyy, as dates are cited in running text: 'Kế hoạch số 153/KH-THXT ngày 29/5/2026'."""
    return f"{day.day}/{day.month}/{day.year}"


def date_long(day: dt.date) -> str:
    """'ngày 05 tháng 6 năm 2026' (Nghị định 30/2020: days below 10 and months 1-2 get a zero)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    if lang() == "vi":
        return f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return day.strftime("%d %B %Y")


def fold(text: str) -> str:
    """Lower case without diacritics, as a user may type it: 'Phấn đấu' -> 'phan dau'."""
    import unicodedata

    plain = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def printable(text: str, lines: bool = False) -> str:
    """User text safe to print: control characters (ESC, BEL, NUL…) shown escaped, as `\\x1b`;
    `lines` keeps line breaks (a message of several lines).

    A note typed into the records file by hand could otherwise clear the screen or retitle the
    terminal when a command prints it.
    """
    if text.isprintable():
        return text
    kept = "\n" if lines else ""
    return "".join(c if c.isprintable() or c == " " or c in kept else repr(c)[1:-1] for c in text)
