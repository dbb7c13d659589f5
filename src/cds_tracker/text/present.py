"""How targets, figures and statuses read in Vietnamese: shared by the terminal and the report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cds_tracker.domain.attainment import Standing, Status
from cds_tracker.domain.model import Indicator, PlanMeta, Target
from cds_tracker.domain.periods import Period
from cds_tracker.text import fmt
from cds_tracker.text.messages import t

if TYPE_CHECKING:  # a school's commands never import the roll-up's dataclasses (4 ms)
    from cds_tracker.domain.rollup import RollupRow

STATUS_KEYS: dict[Status, str] = {
    "met": "st.met",
    "on_track": "st.on_track",
    "behind": "st.behind",
    "not_met": "st.not_met",
    "no_data": "st.no_data",
}
STATUS_STYLES: dict[Status, str] = {
    "met": "green",
    "on_track": "cyan",
    "behind": "yellow",
    "not_met": "red",
    "no_data": "dim",
}


def status_text(status: Status) -> str:
    return t(STATUS_KEYS[status])


def status_word(row: Standing) -> str:
    """The one word for where an indicator stands, the same in the terminal, the report and
    the published page: Vượt (beyond its target), Đạt, Đang thực hiện, Chậm tiến độ, Chưa đạt,
    Chưa có số liệu."""
    if row.status == "met" and row.exceeded:
        return t("st.exceeded")
    return status_text(row.status)


def unit(indicator: Indicator) -> str:
    """The unit shown after a figure: '%' for shares, the plan's `unit` for counts."""
    if indicator.kind in ("ratio", "percent"):
        return "%"
    return f" {indicator.unit}" if indicator.unit else ""


_SYMBOLS = {">=": "", ">": "> ", "<=": "≤ ", "<": "< ", "=": "= "}
_WORDS = {">=": "", ">": "op.gt", "<=": "op.le", "<": "op.lt", "=": ""}


def target_value(indicator: Indicator, target: Target, words: bool = False) -> str:
    """'100%', '> 90%' ('trên 90%' in words), '≤ 5 bài', 'mức 2'."""
    shown = fmt.number(target.value) + unit(indicator)
    if indicator.kind == "level":
        shown = t("fmt.level", n=fmt.number(target.value))
    if words:
        key = _WORDS[target.op]
        return f"{t(key)} {shown}" if key else shown
    return _SYMBOLS[target.op] + shown


def target_text(indicator: Indicator, words: bool = False) -> str:
    """The binding target and the stretch one: '15% (phấn đấu 50%)'."""
    if indicator.kind == "milestone":
        return t("status.milestone_target")
    parts = []
    if indicator.target is not None:
        parts.append(target_value(indicator, indicator.target, words))
    if indicator.stretch is not None:
        stretch = t("status.stretch", target=target_value(indicator, indicator.stretch, words))
        parts.append(f"({stretch})" if parts else stretch)
    text = " ".join(parts)
    return fmt.capitalized(text) if words else text


def value_text(standing: Standing) -> str:
    """'28/31 = 90,3%', '85%', '14 bài', 'Đã hoàn thành', 'mức 2'; '—' without data."""
    indicator, value = standing.indicator, standing.value
    if value is None:
        if standing.count is not None:
            return fmt.number(standing.count)
        return "—"
    if indicator.kind == "milestone":
        return t("status.done") if value >= 1 else t("status.not_done")
    if indicator.kind == "ratio" and standing.count is not None and standing.of is not None:
        return f"{fmt.number(standing.count)}/{fmt.number(standing.of)} = {fmt.percent(value)}"
    if indicator.kind == "level":
        return t("fmt.level", n=fmt.number(value))
    return fmt.number(value) + unit(indicator)


def progress_share(standing: Standing) -> float | None:
    """How far along the goal is, 0..1, for a bar; None where a bar means nothing."""
    goal = standing.indicator.goal
    if standing.value is None or goal is None or not goal.higher_is_better or goal.value <= 0:
        return None
    return max(0.0, min(1.0, standing.value / goal.value))


def on_axis(standing: Standing) -> tuple[float | None, float | None]:
    """(the figure, the target) on the indicator's own axis, 0..1, for a chart: a share (ratio,
    percent) on 0-100%, a level on 0 to the scale's top, a count on 0 to the larger of figure
    and target, a milestone done or not; the figure None where there is none."""
    indicator, value = standing.indicator, standing.value
    goal = indicator.goal
    if indicator.kind in ("ratio", "percent"):
        top = 100.0
    elif indicator.kind == "milestone":
        top = 1.0
    elif indicator.kind == "level":
        top = float(indicator.levels)
    else:
        top = max(value or 0.0, goal.value if goal else 0.0) or 1.0
    figure = None if value is None else max(0.0, min(1.0, value / top))
    target = None if goal is None else max(0.0, min(1.0, goal.value / top))
    return figure, target


def period_label(period: Period) -> str:
    """'quý II năm 2026' or 'năm 2026'."""
    if period.quarter is None:
        return t("period.year", year=period.year)
    return t("period.quarter", roman=fmt.roman(period.quarter), year=period.year)


def plan_title(meta: PlanMeta) -> str:
    """The plan's title, or 'Kế hoạch chuyển đổi số năm 2026' where it has none."""
    return meta.title or t("plan.default_title", year=meta.year)


def rollup_figure(row: RollupRow) -> str:
    """'1.234/1.500 = 82,3%', 'trung bình 78,5%', '9/12 trường hoàn thành', 'mức 2: 3 trường;
    mức 1: 1 trường', '45 bài', '—' where no school has data."""
    if row.kind == "level" and row.levels:
        return "; ".join(
            t("rollup.at_level", level=t("fmt.level", n=level), n=n) for level, n in row.levels
        )
    if row.value is None:
        return "—"
    if row.kind == "ratio" and row.count is not None and row.of is not None:
        return f"{fmt.number(row.count)}/{fmt.number(row.of)} = {fmt.percent(row.value)}"
    if row.kind == "milestone":
        return t("rollup.done", done=fmt.number(row.value), schools=row.schools)
    if row.kind == "percent":
        return t("rollup.mean", value=fmt.percent(row.value))
    return fmt.number(row.value) + (f" {row.unit}" if row.unit else "")
