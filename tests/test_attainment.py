"""Attainment as pure functions: figures, comparisons, statuses, reporting windows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cds_tracker.domain import attainment, periods
from cds_tracker.domain.attainment import Standing
from cds_tracker.domain.model import Indicator, Plan, Target
from cds_tracker.store.planfile import load_plan
from cds_tracker.store.records import History, Measurement
from cds_tracker.text import present
from tests.conftest import SHIPPED_PLAN

D = dt.date


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SHIPPED_PLAN).plan


def ind(plan: Plan, indicator_id: str) -> Indicator:
    found = plan.indicator(indicator_id)
    assert found is not None
    return found


def standing(
    plan: Plan, indicator: Indicator, history: list[Measurement], as_of: dt.date
) -> Standing:
    """attainment.standing on measurements listed in file order."""
    return attainment.standing(plan, indicator, History.of(indicator.id, history), as_of)


def m(
    day: dt.date, indicator: str, value: float, line: int = 0, of: float | None = None
) -> Measurement:
    return Measurement(day, indicator, value, of, "", "", line)


# --- figures --------------------------------------------------------------------------------


def test_stock_takes_the_newest_record_up_to_as_of(plan: Plan) -> None:
    history = [m(D(2026, 4, 1), "ky-nang-so-co-ban", 10), m(D(2026, 6, 1), "ky-nang-so-co-ban", 20)]
    row = standing(plan, ind(plan, "ky-nang-so-co-ban"), history, D(2026, 5, 31))
    assert (row.count, row.of, round(row.value or 0, 2), row.last_date) == (
        10,
        31,
        32.26,
        D(2026, 4, 1),
    )


def test_of_one_day_the_later_line_is_newer(plan: Plan) -> None:
    history = [
        m(D(2026, 6, 1), "ky-nang-so-co-ban", 12, line=2),
        m(D(2026, 5, 1), "ky-nang-so-co-ban", 5, line=3),
        m(D(2026, 6, 1), "ky-nang-so-co-ban", 20, line=4),
    ]
    row = standing(plan, ind(plan, "ky-nang-so-co-ban"), history, D(2026, 6, 1))
    assert row.count == 20


def test_a_history_is_sorted_by_date_keeping_file_order_within_a_day() -> None:
    history = History.of(
        "x",
        [
            m(D(2026, 6, 1), "x", 1, line=2),
            m(D(2026, 5, 1), "x", 2, line=3),
            m(D(2026, 6, 1), "x", 3, line=4),
        ],
    )
    assert [(h.date, h.line) for h in history] == [
        (D(2026, 5, 1), 3),
        (D(2026, 6, 1), 2),
        (D(2026, 6, 1), 4),
    ]
    assert [h.line for h in history.upto(D(2026, 5, 31))] == [3]
    assert [h.line for h in history.since(D(2026, 6, 1))] == [2, 4]


def test_a_records_own_of_replaces_the_population(plan: Plan) -> None:
    history = [m(D(2026, 6, 1), "hoc-lieu-so", 30, of=150)]
    row = standing(plan, ind(plan, "hoc-lieu-so"), history, D(2026, 6, 1))
    assert (row.count, row.of, row.value) == (30, 150, 20.0)


def test_flow_sums_the_records_of_the_year_window(plan: Plan) -> None:
    history = [
        m(D(2025, 12, 14), "tin-bai-cds", 5),  # last year's window
        m(D(2025, 12, 15), "tin-bai-cds", 2),
        m(D(2026, 4, 30), "tin-bai-cds", 4),
        m(D(2026, 7, 1), "tin-bai-cds", 9),  # after as_of
    ]
    row = standing(plan, ind(plan, "tin-bai-cds"), history, D(2026, 6, 14))
    assert (row.value, row.last_date) == (6, D(2026, 4, 30))


def test_no_record_means_no_data(plan: Plan) -> None:
    row = standing(plan, ind(plan, "hoc-ba-so"), [], D(2026, 6, 14))
    assert (row.value, row.met, row.status) == (None, None, "no_data")


def test_a_record_after_as_of_is_not_seen(plan: Plan) -> None:
    row = standing(
        plan, ind(plan, "hoc-ba-so"), [m(D(2026, 7, 1), "hoc-ba-so", 486)], D(2026, 6, 14)
    )
    assert row.status == "no_data"


# --- comparisons ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "value", "met"),
    [
        (">=", 90.0, True),
        (">=", 89.99, False),
        (">", 90.0, False),
        (">", 90.01, True),
        ("<=", 5.0, True),
        ("<=", 5.01, False),
        ("<", 5.0, False),
        ("<", 4.99, True),
        ("=", 100.0, True),
        ("=", 99.0, False),
    ],
)
def test_target_operators(op: str, value: float, met: bool) -> None:
    target = Target(op, 90.0 if op.startswith(">") else 5.0 if op.startswith("<") else 100.0)  # type: ignore[arg-type]
    assert target.is_met_by(value) is met


def test_tren_90_is_not_met_by_exactly_90_percent(plan: Plan) -> None:
    history = [m(D(2026, 6, 1), "lam-chu-ky-nang-so", 27, of=30)]
    row = standing(plan, ind(plan, "lam-chu-ky-nang-so"), history, D(2026, 6, 1))
    assert (row.value, row.met) == (90.0, False)


def test_stretch_is_reported_beside_the_binding_target(plan: Plan) -> None:
    history = [m(D(2026, 6, 1), "hoc-lieu-so", 24)]
    row = standing(plan, ind(plan, "hoc-lieu-so"), history, D(2026, 6, 1))
    assert (row.value, row.met, row.stretch_met, row.status, row.exceeded) == (
        20.0,
        True,
        False,
        "met",
        False,
    )


def test_meeting_the_stretch_counts_as_exceeded(plan: Plan) -> None:
    history = [m(D(2026, 6, 1), "hoc-lieu-so", 60)]
    row = standing(plan, ind(plan, "hoc-lieu-so"), history, D(2026, 6, 1))
    assert (row.stretch_met, row.exceeded) == (True, True)


def test_a_stretch_only_target_has_no_binding_verdict(plan: Plan) -> None:
    history = [m(D(2026, 6, 1), "ai-day-hoc", 27)]
    row = standing(plan, ind(plan, "ai-day-hoc"), history, D(2026, 6, 1))
    assert (row.met, row.stretch_met, row.status) == (None, True, "met")


# --- statuses -------------------------------------------------------------------------------
# The shipped plan starts on 2026-05-29 and its year window ends on 2026-12-14: 199 days.
# On 2026-09-04, 98 days in, a 100% target expects 100 * 98 / 199 = 49.25%.


def test_ahead_of_linear_progress_is_on_track(plan: Plan) -> None:
    history = [m(D(2026, 9, 1), "ky-nang-so-co-ban", 16)]  # 51.6%
    row = standing(plan, ind(plan, "ky-nang-so-co-ban"), history, D(2026, 9, 4))
    assert (row.status, round(row.expected or 0, 2)) == ("on_track", 49.25)


def test_behind_linear_progress_is_behind(plan: Plan) -> None:
    history = [m(D(2026, 9, 1), "ky-nang-so-co-ban", 15)]  # 48.4%
    row = standing(plan, ind(plan, "ky-nang-so-co-ban"), history, D(2026, 9, 4))
    assert row.status == "behind"


def test_missed_after_the_year_is_not_met(plan: Plan) -> None:
    history = [m(D(2026, 9, 1), "ky-nang-so-co-ban", 30)]
    row = standing(plan, ind(plan, "ky-nang-so-co-ban"), history, D(2026, 12, 15))
    assert row.status == "not_met"


def test_met_stays_met_after_the_year(plan: Plan) -> None:
    history = [m(D(2026, 9, 1), "ky-nang-so-co-ban", 31)]
    row = standing(plan, ind(plan, "ky-nang-so-co-ban"), history, D(2026, 12, 31))
    assert row.status == "met"


def test_milestone_not_done_is_on_track_until_its_due_date(plan: Plan) -> None:
    history = [m(D(2026, 6, 1), "ban-hanh-ke-hoach", 0)]
    indicator = ind(plan, "ban-hanh-ke-hoach")  # due 2026-10-10
    assert standing(plan, indicator, history, D(2026, 10, 10)).status == "on_track"
    assert standing(plan, indicator, history, D(2026, 10, 11)).status == "not_met"


def test_milestone_done_is_met_with_value_1(plan: Plan) -> None:
    row = standing(
        plan, ind(plan, "csdl-nganh"), [m(D(2026, 6, 1), "csdl-nganh", 1)], D(2026, 6, 2)
    )
    assert (row.value, row.met, row.status) == (1, True, "met")


def test_level_progress_starts_from_level_1(plan: Plan) -> None:
    # Halfway through (2026-09-05 is day 99 of 199), level 2 expects 1.5: level 1 is behind.
    row = standing(
        plan, ind(plan, "muc-do-cds"), [m(D(2026, 6, 1), "muc-do-cds", 1)], D(2026, 9, 5)
    )
    assert row.status == "behind"


def test_baseline_moves_the_expected_line(plan: Plan) -> None:
    indicator = replace(ind(plan, "ky-nang-so-co-ban"), baseline=40.0)
    history = [m(D(2026, 9, 1), "ky-nang-so-co-ban", 16)]  # 51.6% < 40 + 60 * 98/199 = 69.5
    assert standing(plan, indicator, history, D(2026, 9, 4)).status == "behind"


def test_lower_is_better_without_baseline_must_hold_from_the_start(plan: Plan) -> None:
    indicator = replace(ind(plan, "tin-bai-cds"), target=Target("<=", 5.0))
    history = [m(D(2026, 6, 1), "tin-bai-cds", 7)]
    assert standing(plan, indicator, history, D(2026, 6, 2)).status == "behind"


def test_own_due_date_ends_the_indicator_early(plan: Plan) -> None:
    indicator = replace(ind(plan, "hoc-ba-so"), due=D(2026, 9, 30))
    history = [m(D(2026, 9, 1), "hoc-ba-so", 400)]
    assert standing(plan, indicator, history, D(2026, 10, 1)).status == "not_met"


@given(st.integers(min_value=0, max_value=31), st.dates(D(2026, 1, 1), D(2026, 12, 31)))
def test_met_exactly_when_all_staff_are_counted(count: int, as_of: dt.date) -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    row = standing(
        plan, ind(plan, "ky-nang-so-co-ban"), [m(D(2026, 1, 1), "ky-nang-so-co-ban", count)], as_of
    )
    assert row.met is (count == 31)


# --- reporting windows ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "start", "end", "deadline"),
    [
        ("q1", D(2025, 12, 15), D(2026, 3, 14), D(2026, 3, 15)),
        ("q2", D(2026, 3, 15), D(2026, 6, 14), D(2026, 6, 15)),
        ("q3", D(2026, 6, 15), D(2026, 9, 14), D(2026, 9, 15)),
        ("q4", D(2026, 9, 15), D(2026, 12, 14), D(2026, 12, 15)),
        ("year", D(2025, 12, 15), D(2026, 12, 14), D(2026, 12, 5)),
    ],
)
def test_default_windows_follow_decree_09_2019(
    key: str, start: dt.date, end: dt.date, deadline: dt.date
) -> None:
    period = periods.default_period(key, 2026)  # type: ignore[arg-type]
    assert (period.start, period.end, period.deadline) == (start, end, deadline)


def test_the_plan_can_override_a_window(tmp_path: Path) -> None:
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "groups:", "reporting:\n  q2: {end: 2026-06-10, deadline: 2026-06-12}\ngroups:", 1
    )
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    q2 = periods.quarter(load_plan(path).plan, 2)
    assert (q2.start, q2.end, q2.deadline) == (D(2026, 3, 15), D(2026, 6, 10), D(2026, 6, 12))


def test_period_labels_use_roman_quarters(plan: Plan) -> None:
    assert [present.period_label(p) for p in periods.all_periods(plan)] == [
        "quý I năm 2026",
        "quý II năm 2026",
        "quý III năm 2026",
        "quý IV năm 2026",
        "năm 2026",
    ]


def test_next_due_is_the_nearest_deadline_still_open(plan: Plan) -> None:
    # "Gửi trước ngày 15/06": the 14th is the last day; on the 15th quarter II is overdue.
    assert periods.next_due(plan, D(2026, 6, 14)).key == "q2"  # type: ignore[union-attr]
    assert periods.next_due(plan, D(2026, 6, 15)).key == "q3"  # type: ignore[union-attr]
    assert periods.next_due(plan, D(2026, 11, 29)).key == "year"  # type: ignore[union-attr]
    assert periods.next_due(plan, D(2026, 12, 5)).key == "q4"  # type: ignore[union-attr]
    assert periods.next_due(plan, D(2026, 12, 16)) is None
