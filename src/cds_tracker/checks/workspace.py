"""Checks of a loaded plan with its roster and records: `cds validate` and `cds status` report
what they find, and the rows stay readable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from cds_tracker.checks.problem import Found
from cds_tracker.domain.history import Histories
from cds_tracker.domain.model import Plan, RolePopulation
from cds_tracker.text.messages import t


def check_class_totals(plan: Plan, histories: Histories) -> Iterator[Found]:
    """Per-class ratios whose classes add up to more than their population (a class recorded
    under two spellings, or a count typed into the wrong class); `loc` is the records line."""
    from cds_tracker.domain import attainment
    from cds_tracker.text import fmt

    for indicator in plan.indicators:
        history = histories[indicator.id]
        for line, total, of in attainment.scope_overflows(plan, indicator, history):
            shown = {"total": fmt.number(total), "of": fmt.number(of), "id": indicator.id}
            yield Found(line, t("r.scopes_over", **shown), t("r.scopes_over.hint"))


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


WorkspaceCheck = Callable[[Plan, Histories], Iterator[Found]]
WORKSPACE_CHECKS: list[WorkspaceCheck] = [check_class_totals]
