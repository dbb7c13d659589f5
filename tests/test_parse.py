"""The one date parser and the one number parser: dates and numbers as Vietnamese writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cds_tracker.domain.parse import NumberProblem, format_number, parse_date, parse_number

# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2026-04-10",
        "10/4/2026",
        "10/04/2026",
        "10-04-2026",
        "10.04.2026",
        "10.4.2026",
        " 10/4/2026 ",
    ],
)
def test_a_date_reads_iso_or_day_first(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 4, 10)


def test_day_first_is_never_read_month_first() -> None:
    assert parse_date("04/10/2026") == dt.date(2026, 10, 4)


@pytest.mark.parametrize(
    "text",
    [
        "30/02/2026",
        "2026-02-30",
        "13/13/2026",
        "10/4/26",
        "10/4-2026",
        "20260410",
        "2026-W15-1",
        "",
        "hôm qua",
    ],
)
def test_impossible_or_unnamed_forms_are_refused(text: str) -> None:
    assert parse_date(text) is None


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["/", "-", "."]), st.booleans())
def test_any_date_written_either_way_reads_back_to_itself(
    day: dt.date, separator: str, padded: bool
) -> None:
    assert parse_date(day.isoformat()) == day
    dd, mm = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    assert parse_date(separator.join([dd, mm, f"{day.year:04d}"])) == day


@given(st.text(max_size=20))
def test_parse_date_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or isinstance(result, dt.date)


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("42", 42.0),
        ("78,5", 78.5),
        ("78.5", 78.5),
        ("78,5%", 78.5),
        ("78.5 %", 78.5),
        ("+3", 3.0),
        ("-2", -2.0),
    ],
)
def test_a_percentage_takes_a_decimal_comma_or_point_and_a_percent_sign(
    text: str, value: float
) -> None:
    assert parse_number(text, percent=True) == value


@pytest.mark.parametrize("text", ["1.234", "1,234", "1.234.567", "12.345,5"])
def test_a_count_with_a_three_digit_group_is_ambiguous(text: str) -> None:
    with pytest.raises(NumberProblem) as raised:
        parse_number(text, count=True, whole=True)
    assert raised.value.reason == "ambiguous"


def test_a_percentage_may_have_three_decimals() -> None:
    assert parse_number("12,345", percent=True) == 12.345


def test_a_head_count_is_whole() -> None:
    with pytest.raises(NumberProblem) as raised:
        parse_number("12,5", count=True, whole=True)
    assert raised.value.reason == "not_whole"


def test_a_whole_number_may_be_written_with_zero_decimals() -> None:
    assert parse_number("12,0", count=True, whole=True) == 12.0


def test_a_percent_sign_on_a_head_count_is_refused() -> None:
    with pytest.raises(NumberProblem) as raised:
        parse_number("65%", count=True, whole=True)
    assert raised.value.reason == "percent_sign"


@pytest.mark.parametrize(
    "text", ["1e308", "nan", "inf", "-inf", "1_000", "0x10", "", "12 người", "½"]
)
def test_exponents_specials_and_words_are_not_numbers(text: str) -> None:
    with pytest.raises(NumberProblem) as raised:
        parse_number(text, percent=True)
    assert raised.value.reason == "not_a_number"


def test_a_number_of_more_than_twelve_digits_is_too_big() -> None:
    with pytest.raises(NumberProblem) as raised:
        parse_number("9" * 400)
    assert raised.value.reason == "too_big"


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_any_whole_count_reads_as_written(number: int) -> None:
    assert parse_number(str(number), count=True, whole=True) == number


@given(
    st.integers(min_value=0, max_value=100),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([",", "."]),
    st.booleans(),
)
def test_any_percentage_reads_as_a_vietnamese_reader_means_it(
    whole: int, hundredths: int, separator: str, sign: bool
) -> None:
    text = f"{whole}{separator}{hundredths:02d}" + ("%" if sign else "")
    assert parse_number(text, percent=True) == float(f"{whole}.{hundredths:02d}")


@given(st.text(max_size=20))
def test_an_accepted_number_is_finite_and_within_bounds(text: str) -> None:
    try:
        value = parse_number(text, percent=True)
    except NumberProblem:
        return
    assert abs(value) < 10**12


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_parse_number_reads_what_format_number_writes(value: float) -> None:
    assert parse_number(format_number(value)) == value
