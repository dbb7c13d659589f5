"""The registry: every check listed once, a small function each, run together, all problems at once.

Four lists, by what a check reads (one module each):
- TEXT_CHECKS (text.py) read the plan's text before any YAML parser sees it;
- PLAN_CHECKS (plan.py) read the plan as plain data, beside the schema's validation;
- ROSTER_CHECKS (workspace.py) read the roster's populations once the roster is read;
- WORKSPACE_CHECKS (workspace.py) read a plan with its records (the rows stay readable).

Each yields `Found` (a place and the words), which the reader turns into a `Problem` of its
file and line. To add a check: one function with a docstring in its module and one line in
its list here; its message goes in text/messages.py. The plan cache's key holds a digest of
the package's source (store/cache.py), so a plan cached before a check changed is checked
again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cds_tracker.checks.limits import (
    MAX_COUNT,
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_POPULATION,
    MAX_STALE_DAYS,
)
from cds_tracker.checks.plan import (
    PlanCheck,
    Tree,
    check_aggregates,
    check_baselines,
    check_denominators,
    check_due_in_year,
    check_groups_declared,
    check_population_sizes,
    check_stale_days,
    check_stretch_not_weaker,
    check_target_ranges,
    check_targets_present,
    check_unique_ids,
    check_windows,
)
from cds_tracker.checks.problem import CdsError, Found, Location, Problem, fail
from cds_tracker.checks.text import (
    TextCheck,
    check_control_chars,
    check_long_numbers,
    check_nesting,
    check_real_dates,
    check_tabs,
    check_unquoted_comparisons,
)
from cds_tracker.checks.workspace import (
    RosterCheck,
    WorkspaceCheck,
    check_class_totals,
    check_roster_populations,
)

TEXT_CHECKS: list[TextCheck] = [
    check_control_chars,
    check_tabs,
    check_nesting,
    check_long_numbers,
    check_unquoted_comparisons,
    check_real_dates,
]

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
    check_due_in_year,
]

ROSTER_CHECKS: list[RosterCheck] = [check_roster_populations]

WORKSPACE_CHECKS: list[WorkspaceCheck] = [check_class_totals]


# The text checks that find nothing in a text exactly when they find nothing in any of its lines
# (nothing they look for spans a line break): all but check_nesting.
LINE_CHECKS: list[TextCheck] = [c for c in TEXT_CHECKS if c is not check_nesting]


def run_text_checks(text: str) -> list[Found]:
    if _known_clean(text):
        return []
    return [found for check in TEXT_CHECKS for found in check(text)]


_clean_lines: set[str] = set()  # lines in which no line check found anything, this process


def _known_clean(text: str) -> bool:
    """True where no text check can find anything: the brackets too few to nest too deep, and
    every line one the line checks passed before (a province's plans share most lines: each
    is checked once) or passes now, checked together."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        return False  # check_nesting looks closer
    new = [line for line in text.split("\n") if line not in _clean_lines]
    if new:
        joined = "\n".join(new)
        if any(True for check in LINE_CHECKS for _ in check(joined)):
            return False
        if len(_clean_lines) > 200_000:
            _clean_lines.clear()
        _clean_lines.update(new)
    return True


def run_plan_checks(data: dict[str, Any], line_of: Callable[[Location], int]) -> list[Found]:
    tree = Tree(data, line_of)
    return [found for check in PLAN_CHECKS for found in check(tree)]


_passed: set[tuple[str | None, ...]] = set()  # the texts of the parts read, where none found


def plan_checks_pass(data: dict[str, Any], texts: dict[str, str]) -> bool:
    """run_plan_checks finds nothing in `data`, the plain data of the plan's sections whose
    texts are `texts`. Remembered by the texts of the sections the checks read (Tree.READS:
    a Tree is given those alone), so a province's plans that differ only in their `school:`
    are checked once."""
    key = tuple(texts.get(name) for name in Tree.READS)
    if key in _passed:
        return True
    if run_plan_checks(data, lambda loc: 0):
        return False
    if len(_passed) < 5_000:
        _passed.add(key)
    return True


__all__ = [
    "MAX_COUNT",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_POPULATION",
    "MAX_STALE_DAYS",
    "PLAN_CHECKS",
    "ROSTER_CHECKS",
    "TEXT_CHECKS",
    "WORKSPACE_CHECKS",
    "CdsError",
    "Found",
    "Location",
    "Problem",
    "Tree",
    "fail",
    "plan_checks_pass",
    "run_plan_checks",
    "run_text_checks",
]
