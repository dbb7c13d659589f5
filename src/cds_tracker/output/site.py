"""`cds publish`: the school's progress as one self-contained web page and one picture.

The page holds everything it shows (styles inline, charts as inline SVG, the overview picture as a
file beside it): it works offline, on any CMS, behind any firewall, and prints on one column. It
names no person and no roster id: only indicators, figures and dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from typing import Any

from cds_tracker.domain import attainment, periods
from cds_tracker.domain.attainment import STATUSES, Members, Standing
from cds_tracker.domain.history import Histories
from cds_tracker.domain.model import Plan
from cds_tracker.output import charts
from cds_tracker.text import fmt, present
from cds_tracker.text.messages import language, t

PAGE = "index.html"
PICTURE = "tien-do.png"

# Status colours, each with white text at a contrast of at least 4.5:1 (WCAG AA; checked by
# tests/test_publish.py), so the word is readable and the colour only repeats it.
COLOURS = {
    "met": "#1b5e20",
    "on_track": "#0d47a1",
    "behind": "#8d4a00",
    "not_met": "#b71c1c",
    "no_data": "#5f5f5f",
}


@dataclass(frozen=True)
class Site:
    page: str  # the HTML
    picture: bytes  # the overview, PNG


def build(plan: Plan, histories: Histories, as_of: dt.date, members: Members | None = None) -> Site:
    """The page and the picture for `plan` on `as_of`, in Vietnamese (like the report)."""
    members = members or {}
    with language("vi"):
        rows = attainment.standings(plan, histories, as_of, members)
        title = t("pub.title", school=plan.school.name)
        picture = overview(plan, rows, as_of)
        drawer = charts.HistoryCharts()
        try:
            groups = [
                {
                    "heading": f"{key}. {name}",
                    "items": [
                        _item(plan, histories, members, row, as_of, drawer)
                        for row in rows
                        if row.indicator.group == key
                    ],
                }
                for key, name in plan.groups.items()
                if any(row.indicator.group == key for row in rows)
            ]
        finally:
            drawer.close()
        counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
        context = {
            "title": title,
            "plan_line": _plan_line(plan),
            "as_of": t("pub.as_of", date=fmt.date_short(as_of)),
            "summary": [
                {"word": present.status_text(s), "count": counts[s], "colour": COLOURS[s]}
                for s in STATUSES
            ],
            "picture": PICTURE,
            "picture_alt": t("pub.picture_alt", figures="; ".join(_spoken(r) for r in rows)),
            "groups": groups,
            "colours": COLOURS,
            "made": t("pub.made", date=fmt.date_short(as_of)),
            "labels": {
                key: t(f"pub.label.{key}")
                for key in ("summary", "figure", "target", "state", "progress")
            },
        }
        return Site(_render(context), picture)


def overview(plan: Plan, rows: list[Standing], as_of: dt.date, serif: bool = False) -> bytes:
    """The overview picture (PNG): every indicator's bar, for the page and the report's annex
    (`serif`: in the report's face). It names the school: it is sent alone, over Zalo."""
    with language("vi"):
        subtitle = t(
            "pub.picture_title",
            school=plan.school.name,
            plan=present.plan_title(plan.meta),
            date=fmt.date_short(as_of),
        )
        bars = [_bar(number, row) for number, row in enumerate(rows, start=1)]
        return charts.overview_png(subtitle, bars, serif=serif)


def _plan_line(plan: Plan) -> str:
    meta = plan.meta
    if meta.number and meta.date:
        return t(
            "pub.plan",
            title=present.plan_title(meta),
            number=meta.number,
            date=fmt.date_plain(meta.date),
        )
    return present.plan_title(meta)


def _bar(number: int, row: Standing) -> charts.Bar:
    """The indicator as the report's table numbers it; its figure and target on its own axis."""
    figure, target = present.on_axis(row)
    return charts.Bar(
        f"{number}. {row.indicator.name}",
        figure,
        present.value_text(row),
        present.status_word(row),
        COLOURS[row.status],
        target,
    )


def _spoken(row: Standing) -> str:
    """One indicator in words, for the picture's text alternative."""
    return t(
        "pub.spoken",
        name=row.indicator.name,
        figure=present.value_text(row),
        target=present.target_text(row.indicator, words=True),
        word=present.status_word(row),
    )


def _item(
    plan: Plan,
    histories: Histories,
    members: Members,
    row: Standing,
    as_of: dt.date,
    drawer: charts.HistoryCharts,
) -> dict[str, Any]:
    share = present.progress_share(row)
    series = _series(plan, histories, members, row, as_of)
    chart = None
    if series is not None:
        from markupsafe import escape

        target = present.target_text(row.indicator, words=True)
        caption = t(
            "pub.chart_caption",
            points="; ".join(
                f"{fmt.date_short(d)}: {fmt.number(v)}{series.unit}"
                for d, v in zip(series.days, series.values, strict=True)
            ),
            target=target,
        )
        svg = drawer.svg(series, t("pub.chart_target", target=target))
        # A screen reader reads the chart as the figures it shows.
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(caption)}" ', 1)
        chart = {"svg": svg, "caption": caption}
    return {
        "id": row.indicator.id,
        "name": row.indicator.name,
        "figure": present.value_text(row),
        "target": present.target_text(row.indicator, words=True),
        "word": present.status_word(row),
        "colour": COLOURS[row.status],
        "percent": None if share is None else round(100 * share),
        "chart": chart,
    }


def _series(
    plan: Plan, histories: Histories, members: Members, row: Standing, as_of: dt.date
) -> charts.Series | None:
    """The figure after each day something was recorded, within the year, up to `as_of`:
    drawn only where there is more than one such day."""
    indicator = row.indicator
    if indicator.kind == "milestone":
        return None
    window = periods.year(plan)
    history = histories[indicator.id].since(window.start).upto(as_of)
    days = sorted(set(history.dates))
    if len(days) < 2:
        return None
    values = []
    for day in days:
        found = attainment.figure(plan, indicator, history, window.start, day, members)
        values.append(found.value if found.value is not None else 0.0)
    goal = indicator.goal
    unit = "%" if indicator.kind in ("ratio", "percent") else ""
    return charts.Series(days, values, goal.value if goal else None, unit)


def _render(context: dict[str, Any]) -> str:
    from jinja2 import Environment, StrictUndefined

    source = (
        resources.files("cds_tracker.output").joinpath("site.html.j2").read_text(encoding="utf-8")
    )
    env = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["safe_svg"] = _trusted
    return env.from_string(source).render(context)


def _trusted(svg: str) -> Any:
    """matplotlib's SVG, marked safe for the page: it is drawn here from figures, and every
    text in it is escaped by matplotlib itself."""
    from markupsafe import Markup

    return Markup(svg)
