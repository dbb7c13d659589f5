"""Checks of the plan as plain data (dicts and lists, as YAML gave it), next to the schema's
field-by-field validation, so that a plan with a wrong type and a wrong reference gets both
messages in one run; each skips what the schema reports (a value of the wrong type)."""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeGuard

from cds_tracker.checks.limits import (
    MAX_COUNT,
    MAX_POPULATION,
    MAX_STALE_DAYS,
    MAX_YEAR,
    MIN_YEAR,
)
from cds_tracker.checks.problem import Found, Location
from cds_tracker.domain.model import DEFAULT_LEVELS, KINDS, parse_target
from cds_tracker.text.messages import t

if TYPE_CHECKING:
    from cds_tracker.domain.periods import PeriodKey


class Tree:
    """The plan as YAML gave it, with the parts checks ask for; wrong types read as empty.
    It holds READS alone: what a check finds depends on those sections only (the registry
    remembers plans that passed by their texts)."""

    READS = ("plan", "populations", "groups", "indicators", "reporting")

    def __init__(self, data: dict[str, Any], line_of: Callable[[Location], int]) -> None:
        self.data = {name: data[name] for name in self.READS if name in data}
        self.line_of = line_of  # the line of a location, for messages that cite another line
        self.groups: dict[str, Any] = _of_type(self.data.get("groups"), dict, {})
        self.populations: dict[str, Any] = _of_type(self.data.get("populations"), dict, {})
        self.reporting: dict[str, Any] = _of_type(self.data.get("reporting"), dict, {})

    def indicators(self) -> Iterator[tuple[Location, dict[str, Any]]]:
        """(location, fields) of every indicator written as a mapping."""
        for i, raw in enumerate(_of_type(self.data.get("indicators"), list, [])):
            if isinstance(raw, dict):
                yield ("indicators", i), raw

    def window(self, key: PeriodKey) -> tuple[dt.date, dt.date] | None:
        """(start, end) of reporting window `key`: the default, overridden by `reporting:`;
        None without a plan year. One place for the override rule every check uses."""
        from cds_tracker.domain.periods import default_period

        year = self.year()
        if year is None:
            return None
        base = default_period(key, year)
        window = _of_type(self.reporting.get(key), dict, {})
        start = window.get("start") if isinstance(window.get("start"), dt.date) else base.start
        end = window.get("end") if isinstance(window.get("end"), dt.date) else base.end
        return start, end

    def year(self) -> int | None:
        meta = _of_type(self.data.get("plan"), dict, {})
        year = meta.get("year")
        if not isinstance(year, int) or isinstance(year, bool):
            return None
        # Outside these the schema says so; a window computed from year 0 or 10000 overflows.
        return year if MIN_YEAR <= year <= MAX_YEAR else None


def _of_type(value: Any, kind: type, default: Any) -> Any:
    return value if isinstance(value, kind) else default


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_unique_ids(tree: Tree) -> Iterator[Found]:
    """Each indicator id once: `cds record` must know which indicator is meant."""
    first_line: dict[str, int] = {}
    for here, raw in tree.indicators():
        ident = raw.get("id")
        if not isinstance(ident, str):
            continue
        if ident in first_line:
            yield Found(
                (*here, "id"),
                t("v.id_duplicate", id=ident, first=first_line[ident]),
                t("v.id_duplicate.hint"),
            )
        else:
            first_line[ident] = tree.line_of((*here, "id"))


def check_groups_declared(tree: Tree) -> Iterator[Found]:
    """An indicator's group is a key of `groups` (its heading in reports)."""
    for here, raw in tree.indicators():
        group = raw.get("group")
        if group is not None and str(group) not in tree.groups:
            known = ", ".join(tree.groups) or "-"
            yield Found(
                (*here, "group"),
                t("v.group_unknown", group=group),
                t("v.group_unknown.hint", known=known),
            )


def check_denominators(tree: Tree) -> Iterator[Found]:
    """A ratio has an `of`: a declared population or a positive number; other kinds have none."""
    for here, raw in tree.indicators():
        kind, of = raw.get("kind"), raw.get("of")
        if kind not in KINDS:
            continue
        if kind != "ratio":
            if of is not None:
                yield Found((*here, "of"), t("v.of_not_ratio"), t("v.of_not_ratio.hint"))
        elif of is None:
            yield Found(here, t("v.ratio_no_of"), t("v.ratio_no_of.hint"))
        elif isinstance(of, bool):
            yield Found((*here, "of"), t("v.bool_number", field="of"), t("v.ratio_no_of.hint"))
        elif isinstance(of, str) and of not in tree.populations:
            known = ", ".join(tree.populations) or "-"
            yield Found(
                (*here, "of"), t("v.of_unknown", name=of), t("v.of_unknown.hint", known=known)
            )
        elif _is_number(of) and not 0 < of <= MAX_POPULATION:
            yield Found((*here, "of"), t("v.of_positive", limit=f"{MAX_POPULATION:,}"), "")


def check_population_sizes(tree: Tree) -> Iterator[Found]:
    """A population given as a number is a whole head count, 1 to 10,000,000."""
    for name, size in tree.populations.items():
        if isinstance(size, bool):
            yield Found(("populations", name), t("v.bool_number", field=name), "")
        elif _is_number(size) and size == 0:  # written by `cds init --from`: to be filled in
            yield Found(("populations", name), t("v.population_unset", name=name), "")
        elif _is_number(size) and not 0 < size <= MAX_POPULATION:
            yield Found(
                ("populations", name),
                t("v.population_range", name=name, limit=f"{MAX_POPULATION:,}"),
                "",
            )


def check_targets_present(tree: Tree) -> Iterator[Found]:
    """Every kind but a milestone has a target (or at least a stretch target)."""
    for here, raw in tree.indicators():
        kind = raw.get("kind")
        if kind not in KINDS or kind == "milestone":
            continue
        if raw.get("target") is not None or raw.get("stretch") is not None:
            continue
        # A mistyped 'taget' is reported as an unknown key with its fix; saying the target is
        # missing as well would only repeat it.
        misspelt = any(
            difflib.get_close_matches(str(key), ["target", "stretch"], n=1, cutoff=0.6)
            for key in raw
            if key not in ("target", "stretch")
        )
        if not misspelt:
            yield Found(here, t("v.target_missing", kind=kind), t("v.target_missing.hint"))


def check_target_ranges(tree: Tree) -> Iterator[Found]:
    """Targets are finite; of ratios and percents 0 to 100; of counts and levels not negative."""
    for here, raw in tree.indicators():
        kind = raw.get("kind")
        for name in ("target", "stretch"):
            value = raw.get(name)
            if isinstance(value, bool):
                yield Found((*here, name), t("v.bool_number", field=name), "")
                continue
            parsed = parse_target(value)
            if parsed is None:
                continue  # no target, or one the schema reports as unreadable
            if not math.isfinite(parsed.value):
                yield Found((*here, name), t("v.not_finite", field=name, value=value), "")
            elif kind in ("ratio", "percent") and not 0 <= parsed.value <= 100:
                yield Found((*here, name), t("v.target_range", value=value), "")
            elif kind == "level" and not 1 <= parsed.value <= _levels(raw):
                shown = {"value": value, "levels": _levels(raw)}
                yield Found((*here, name), t("v.level_target", **shown), "")
            elif not 0 <= parsed.value <= MAX_COUNT:
                yield Found((*here, name), t("v.target_negative", value=value), "")


def _levels(raw: dict[str, Any]) -> int:
    levels = raw.get("levels")
    return levels if isinstance(levels, int) and not isinstance(levels, bool) else DEFAULT_LEVELS


def check_stretch_not_weaker(tree: Tree) -> Iterator[Found]:
    """A stretch ("phấn đấu") target asks at least as much as the binding one."""
    for here, raw in tree.indicators():
        target, stretch = parse_target(raw.get("target")), parse_target(raw.get("stretch"))
        if target is None or stretch is None:
            continue
        if not stretch.at_least_as_demanding_as(target):
            yield Found(
                (*here, "stretch"),
                t("v.stretch_weaker", stretch=raw.get("stretch"), target=raw.get("target")),
                t("v.stretch_weaker.hint"),
            )


def check_baselines(tree: Tree) -> Iterator[Found]:
    """A baseline is a finite number, not negative."""
    for here, raw in tree.indicators():
        value = raw.get("baseline")
        if isinstance(value, bool):
            yield Found((*here, "baseline"), t("v.bool_number", field="baseline"), "")
        elif _is_number(value) and not (math.isfinite(value) and 0 <= value <= MAX_COUNT):
            yield Found((*here, "baseline"), t("v.not_finite", field="baseline", value=value), "")


def check_aggregates(tree: Tree) -> Iterator[Found]:
    """An aggregate fits its kind: sum counts, unique counts people of a roster population."""
    allowed = {"sum": ("count",), "unique": ("ratio",), "latest-by-scope": ("ratio", "count")}
    for here, raw in tree.indicators():
        kind, aggregate = raw.get("kind"), raw.get("aggregate", "latest")
        if kind not in KINDS:
            continue
        if aggregate in allowed and kind not in allowed[aggregate]:
            yield Found(
                (*here, "aggregate"), t("v.aggregate_kind", aggregate=aggregate, kind=kind), ""
            )
        elif aggregate == "unique" and not isinstance(
            tree.populations.get(str(raw.get("of"))), dict
        ):
            yield Found((*here, "of"), t("v.unique_population"), "")


def check_stale_days(tree: Tree) -> Iterator[Found]:
    """`stale_days` is a whole number of days from 1 to 3650 (ten years)."""
    value = tree.reporting.get("stale_days")
    if _is_number(value) and not 0 < value <= MAX_STALE_DAYS:
        yield Found(("reporting", "stale_days"), t("v.stale_days", limit=MAX_STALE_DAYS), "")


def check_windows(tree: Tree) -> Iterator[Found]:
    """Each reporting window ends after it starts, and the quarters' windows do not overlap."""
    spans: list[tuple[str, dt.date, dt.date]] = []
    keys: tuple[PeriodKey, ...] = ("q1", "q2", "q3", "q4", "year")
    for key in keys:
        found = tree.window(key)
        if found is None:
            return
        start, end = found
        window = _of_type(tree.reporting.get(key), dict, {})
        if end < start:
            where: Location = ("reporting", key, "end" if "end" in window else "start")
            shown = {"start": _day(start), "end": _day(end), "period": _period(key)}
            yield Found(where, t("v.window_order", **shown), t("v.window_order.hint"))
            continue
        if key != "year":
            spans.append((key, start, end))
    for (key_a, _, end_a), (key_b, start_b, _) in zip(spans, spans[1:], strict=False):
        if start_b <= end_a:
            window = _of_type(tree.reporting.get(key_b), dict, {})
            at: Location = (key_b, "start") if "start" in window else (key_a, "end")
            shown = {"first": _period(key_a), "second": _period(key_b), "end": _day(end_a)}
            yield Found(
                ("reporting", *at), t("v.window_overlap", **shown), t("v.window_overlap.hint")
            )


def check_due_in_year(tree: Tree) -> Iterator[Found]:
    """An indicator's `due` date lies inside the plan's year window (a slip of the year, else)."""
    window = tree.window("year")
    if window is None or window[1] < window[0]:
        return  # no year, or a window check_windows reports
    start, end = window
    for here, raw in tree.indicators():
        due = raw.get("due")
        if isinstance(due, dt.date) and not start <= due <= end:
            shown = {"due": _day(due), "start": _day(start), "end": _day(end)}
            yield Found(
                (*here, "due"), t("v.due_outside_year", **shown), t("v.due_outside_year.hint")
            )


def _day(day: dt.date) -> str:
    from cds_tracker.text import fmt

    return fmt.date_short(day)


def _period(key: str) -> str:
    from cds_tracker.text import fmt

    return (
        t("period.year_short")
        if key == "year"
        else t("period.quarter_short", roman=fmt.roman(int(key[1])))
    )


PlanCheck = Callable[[Tree], Iterator[Found]]
