"""`cds status` and `cds history`: where each indicator stands, who is missing, its records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cds_tracker.app.workspace import Workspace, as_of_date, open_many, open_partial, standings
from cds_tracker.checks.problem import Problem, fail
from cds_tracker.domain import attainment
from cds_tracker.domain.attainment import Standing
from cds_tracker.domain.history import History
from cds_tracker.domain.model import Indicator
from cds_tracker.store import records
from cds_tracker.store.people import Person
from cds_tracker.store.planfile import find_plans
from cds_tracker.text import fmt
from cds_tracker.text.messages import every_language, t


def _statuses(only: list[str] | None) -> set[str]:
    """The statuses of --only (comma-separated or repeated): a code (`behind`) or the words
    the table shows, whole or their start, with or without diacritics (`chậm`, `cham`)."""
    words = [n.strip() for text in only or [] for n in text.split(",") if n.strip()]
    return {_status_of(word) for word in words}


def _status_of(word: str) -> str:
    key = _fold(word)
    names = {s: {_fold(s), *map(_fold, every_language(f"st.{s}"))} for s in attainment.STATUSES}
    exact = [s for s, said in names.items() if key in said]
    starts = [s for s, said in names.items() if any(n.startswith(key) for n in said)]
    found = exact or starts
    if len(found) != 1:
        shown = ", ".join(f"{s} ({t(f'st.{s}')})" for s in attainment.STATUSES)
        raise fail(t("arg.status_unknown", status=word, choices=shown))
    return found[0]


def _fold(text: str) -> str:
    """'Chậm tiến độ', 'on_track' -> 'cham tien do', 'on track': what a user types."""
    return " ".join(fmt.fold(text).replace("_", " ").split())


@dataclass(frozen=True)
class PlanStatus:
    """One plan's standings on its as-of date, and the problem rows left out of them."""

    workspace: Workspace
    as_of: dt.date
    rows: list[Standing]

    @property
    def problems(self) -> list[Problem]:
        return self.workspace.records.problems


@dataclass(frozen=True)
class StatusResult:
    """`cds status` over one or several plans; `problems` of every plan, readable or not."""

    plans: list[PlanStatus]
    problems: list[Problem]
    several: bool  # several plans were asked for: JSON is {"plans": [...]}
    today: dt.date | None = None  # the real date: the next deadline counts from it


def status(
    paths: list[Path] | None,
    *,
    as_of: dt.date | None = None,
    quarter: int | None = None,
    year: bool = False,
    today: dt.date,
    indicator: str | None = None,
    groups: list[str] | None = None,
    only: list[str] | None = None,
    owner: str | None = None,
) -> StatusResult:
    """Where every indicator stands in each plan, from the good rows.

    `indicator`, `groups` (such as '2.3'), `only` (statuses: met, on_track, behind, not_met,
    no_data, or their words) and `owner` (as the plan writes it, any case) keep the rows asked for.
    """
    wanted_statuses = _statuses(only)
    found = find_plans(paths)
    workspaces, problems = open_many(found, partial=True)
    plans = []
    for workspace in workspaces:
        plan = workspace.loaded.plan
        day = as_of_date(workspace.loaded, as_of, quarter, year, today)
        rows = standings(workspace, day)
        if indicator is not None:
            wanted = records.require(plan, indicator)
            rows = [r for r in rows if r.indicator.id == wanted.id]
        if groups:
            unknown = [g for g in groups if g not in plan.groups]
            if unknown:
                known = ", ".join(plan.groups)
                raise fail(t("arg.group_unknown", group=unknown[0], known=known))
            rows = [r for r in rows if r.indicator.group in groups]
        if wanted_statuses:
            rows = [r for r in rows if r.status in wanted_statuses]
        if owner is not None:
            rows = [r for r in rows if _fold(r.indicator.owner or "") == _fold(owner)]
        plans.append(PlanStatus(workspace, day, rows))
    return StatusResult(plans, problems, several=len(found) > 1, today=today)


def missing_of(
    paths: list[Path] | None,
    indicator_id: str | None,
    *,
    as_of: dt.date | None = None,
    quarter: int | None = None,
    year: bool = False,
    today: dt.date,
) -> tuple[str, dt.date, list[Person], list[Problem]]:
    """`cds status ID --missing`: (the indicator's id, the day, the people not yet counted from
    the good rows, the problem rows), as `status` counts them."""
    found = find_plans(paths)
    if indicator_id is None or len(found) > 1:
        raise fail(t("missing.needs_id"))
    workspace, problems = open_partial(found[0])
    day = as_of_date(workspace.loaded, as_of, quarter, year, today)
    indicator = records.require(workspace.loaded.plan, indicator_id)
    return indicator.id, day, missing(workspace, indicator.id, day), problems


def missing(workspace: Workspace, indicator_id: str, as_of: dt.date) -> list[Person]:
    """The people of an attendance indicator's population not yet counted on `as_of`."""
    indicator = records.require(workspace.loaded.plan, indicator_id)
    if indicator.aggregate != "unique" or workspace.loaded.roster is None:
        raise fail(t("missing.not_unique", id=indicator_id))
    history = workspace.records.histories[indicator_id]
    counted = {person for group in history.upto(as_of).attendees for person in group}
    people = workspace.loaded.members.get(str(indicator.of), frozenset())
    roster = workspace.loaded.roster.people
    return sorted((roster[p] for p in people - counted), key=lambda p: (p.role, p.id))


def history(workspace: Workspace, indicator_id: str) -> tuple[Indicator, History]:
    """An indicator and its records, oldest first; CdsError with a suggestion for an unknown id."""
    indicator = records.require(workspace.loaded.plan, indicator_id)
    return indicator, workspace.records.histories[indicator.id]
