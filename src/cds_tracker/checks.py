"""Every check of a plan, listed once: a small function each, run together, all problems at once.

Four lists, by what a check reads:
- TEXT_CHECKS read the plan's text before any YAML parser sees it (so a bracket bomb or a
  5,000-digit number is refused in microseconds, and a slip like an unquoted `> 90` gets a
  plain message instead of the parser's);
- PLAN_CHECKS read the plan as plain data (dicts and lists, as YAML gave it), next to the
  schema's field-by-field validation, so that a plan with a wrong type and a wrong reference
  gets both messages in one run; they skip what the schema reports (a value of the wrong type);
- ROSTER_CHECKS read the plan's roster populations once the roster is read (they block loading);
- WORKSPACE_CHECKS read a loaded plan with its roster and records; `cds validate` and `cds
  status` report what they find, and the rows stay readable.

Every plan check blocks loading the plan. To add a check: write one function with a docstring
and add it to its list. The lists' code is part of the plan cache's key (`FINGERPRINT`), so a
plan cached before the check was written is checked again.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from cds_tracker.messages import t
from cds_tracker.model import KINDS, RolePopulation, parse_target

if TYPE_CHECKING:
    from cds_tracker.planfile import LoadedPlan
    from cds_tracker.records import RecordsFile

Location = tuple[Any, ...]

MAX_DEPTH = 64  # a real plan nests five levels; a bracket bomb nests thousands
MAX_DIGITS = 15  # no figure of a school's plan has more digits
MAX_POPULATION = 10_000_000  # a province's pupils, at most
MAX_STALE_DAYS = 3650
MAX_COUNT = 1e12


@dataclass(frozen=True, slots=True)
class Found:
    """A problem of a plan at `loc` (a path of keys and indexes; or a line, for text checks)."""

    loc: Any  # a Location; a line number for text checks
    message: str
    hint: str = ""


# --- the plan's text ------------------------------------------------------------------------


def check_tabs(text: str) -> Iterator[Found]:
    """Indentation by tabs: YAML allows only spaces."""
    if "\t" not in text:
        return  # the common case; a province reads thousands of plans
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            yield Found(number, t("yaml.tab"), t("yaml.tab.hint"))


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
TEXT_CHECKS: list[TextCheck] = [
    check_tabs,
    check_nesting,
    check_long_numbers,
    check_unquoted_comparisons,
    check_real_dates,
]


# --- the plan as plain data -------------------------------------------------------------------


class Tree:
    """The plan as YAML gave it, with the parts checks ask for; wrong types read as empty."""

    def __init__(self, data: dict[str, Any], line_of: Callable[[Location], int]) -> None:
        self.data = data
        self.line_of = line_of  # the line of a location, for messages that cite another line
        self.groups: dict[str, Any] = _of_type(data.get("groups"), dict, {})
        self.populations: dict[str, Any] = _of_type(data.get("populations"), dict, {})
        self.reporting: dict[str, Any] = _of_type(data.get("reporting"), dict, {})

    def indicators(self) -> Iterator[tuple[Location, dict[str, Any]]]:
        """(location, fields) of every indicator written as a mapping."""
        for i, raw in enumerate(_of_type(self.data.get("indicators"), list, [])):
            if isinstance(raw, dict):
                yield ("indicators", i), raw

    def year(self) -> int | None:
        meta = _of_type(self.data.get("plan"), dict, {})
        year = meta.get("year")
        return year if isinstance(year, int) and not isinstance(year, bool) else None


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
            elif not 0 <= parsed.value <= MAX_COUNT:
                yield Found((*here, name), t("v.target_negative", value=value), "")


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
    from cds_tracker.periods import PeriodKey, default_period

    year = tree.year()
    if year is None:
        return
    spans: list[tuple[str, dt.date, dt.date]] = []
    keys: tuple[PeriodKey, ...] = ("q1", "q2", "q3", "q4", "year")
    for key in keys:
        base = default_period(key, year)
        window = _of_type(tree.reporting.get(key), dict, {})
        start = window.get("start") if isinstance(window.get("start"), dt.date) else base.start
        end = window.get("end") if isinstance(window.get("end"), dt.date) else base.end
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


def _day(day: dt.date) -> str:
    from cds_tracker import fmt

    return fmt.date_short(day)


def _period(key: str) -> str:
    from cds_tracker import fmt

    return (
        t("period.year_short")
        if key == "year"
        else t("period.quarter_short", roman=fmt.roman(int(key[1])))
    )


PlanCheck = Callable[[Tree], Iterator[Found]]
PLAN_CHECKS: list[PlanCheck] = [
    check_unique_ids,
    check_groups_declared,
    check_denominators,
    check_population_sizes,
    check_targets_present,
    check_target_ranges,
    check_stretch_not_weaker,
    check_baselines,
    check_aggregates,
    check_stale_days,
    check_windows,
]


def run_text_checks(text: str) -> list[Found]:
    return [found for check in TEXT_CHECKS for found in check(text)]


def run_plan_checks(data: dict[str, Any], line_of: Callable[[Location], int]) -> list[Found]:
    tree = Tree(data, line_of)
    return [found for check in PLAN_CHECKS for found in check(tree)]


# --- a loaded plan with its roster and records ------------------------------------------------


def check_class_totals(loaded: LoadedPlan, found: RecordsFile) -> Iterator[tuple[int, str, str]]:
    """Per-class ratios whose classes add up to more than their population (a class recorded
    under two spellings, or a count typed into the wrong class)."""
    from cds_tracker import attainment, fmt

    for indicator in loaded.plan.indicators:
        history = found.histories[indicator.id]
        for line, total, of in attainment.scope_overflows(loaded.plan, indicator, history):
            shown = {"total": fmt.number(total), "of": fmt.number(of), "id": indicator.id}
            yield line, t("r.scopes_over", **shown), t("r.scopes_over.hint")


def check_roster_populations(
    drawn: dict[str, RolePopulation], members: dict[str, frozenset[str]], roster: Path
) -> Iterator[Found]:
    """A population drawn from the roster has somebody in it (a ratio over nobody means nothing)."""
    for name, ids in members.items():
        if not ids:
            roles = ", ".join(sorted(drawn[name].roles))
            yield Found(
                ("populations", name),
                t("v.empty_population", name=name, file=roster, roles=roles),
                t("v.empty_population.hint"),
            )


RosterCheck = Callable[
    [dict[str, RolePopulation], dict[str, frozenset[str]], Path], Iterator[Found]
]
ROSTER_CHECKS: list[RosterCheck] = [check_roster_populations]


WorkspaceCheck = Callable[["LoadedPlan", "RecordsFile"], Iterator[tuple[int, str, str]]]
WORKSPACE_CHECKS: list[WorkspaceCheck] = [check_class_totals]


def _fingerprint() -> str:
    """The checks' code: a plan cached before a check was added or changed is checked again."""
    every = [*TEXT_CHECKS, *PLAN_CHECKS]
    code = b"".join(check.__name__.encode() + check.__code__.co_code for check in every)
    return hashlib.sha256(code).hexdigest()[:16]


FINGERPRINT = _fingerprint()
