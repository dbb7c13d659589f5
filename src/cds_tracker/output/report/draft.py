"""The narrative a report says where the officer's notes are silent: drafted from the records and
the standings, so that no document ever holds a placeholder (contract: "no document holds a
placeholder").

Pure, in Vietnamese (the caller sets the language). Each function gives the paragraphs of one
section; a section with nothing to say from the figures says so in a plain sentence. The notes
file, where it has a section, always wins (content.py chooses).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from cds_tracker.domain import periods
from cds_tracker.domain.attainment import Standing
from cds_tracker.domain.history import Histories
from cds_tracker.domain.model import Plan
from cds_tracker.domain.periods import Period
from cds_tracker.domain.rollup import Coverage, Rollup, RollupRow
from cds_tracker.store.notes import all_clean, clean_text
from cds_tracker.text import fmt, present
from cds_tracker.text.messages import t

LISTED = 4  # indicators named in one sentence; the table has the rest


def school(
    plan: Plan, histories: Histories, standings: Sequence[Standing], period: Period, day: dt.date
) -> dict[str, list[str]]:
    """Sections I and III-V of a school's report from its records and standings."""
    year_end = periods.year(plan).end
    annual = period.quarter is None
    if annual:  # the year is over: what is not met is not met (the table says "Chưa đạt")
        standings = [_as_of_year_end(s) for s in standings]
    return {
        "leadership": _leadership(plan, histories, period, day),
        "results": [],  # the table carries the results
        "strengths": _strengths(standings),
        "weaknesses": _weaknesses(standings),
        "causes": _causes(plan, standings, day),
        "next_steps": _next_steps(standings, year_end, day, annual),
        "proposals": [t("dr.no_proposals")],
    }


def _as_of_year_end(row: Standing) -> Standing:
    from dataclasses import replace

    return replace(row, status="not_met") if row.status in ("on_track", "behind") else row


LEADERSHIP_SHOWN = 8  # records section I names; the annex and `cds history` have every one


def _leadership(plan: Plan, histories: Histories, period: Period, day: dt.date) -> list[str]:
    """What the records of the plan's first group (leadership, communication) say was done:
    the newest LEADERSHIP_SHOWN, as the records run (by indicator, then date), and how many
    more. (A school of a million records said 36,000 of them: a report of 3,800 pages.) Read
    from the window's columns, each note cleaned only where some note needs it."""
    first = next(iter(plan.groups), None)
    found: list[tuple[dt.date, int, str, str]] = []  # (date, as the records run, name, said)
    for indicator in plan.indicators:
        if indicator.group != first:
            continue
        history = histories[indicator.id]
        low = bisect_left(history.dates, period.start)
        high = bisect_right(history.dates, day, low)
        notes, evidence = history.notes[low:high], history.evidence[low:high]
        clean = str if all_clean(notes + evidence) else clean_text
        done = indicator.kind == "milestone"
        for k, (note, proof) in enumerate(zip(notes, evidence, strict=True), start=low):
            said = clean(note).strip() or clean(proof).strip()
            if not said and done and history.values[k] >= 1:
                said = t("dr.done")
            if said:
                found.append((history.dates[k], len(found), indicator.name, said))
    if not found:
        return [t("dr.no_leadership")]
    shown = sorted(
        sorted(found, key=lambda f: (f[0], f[1]))[-LEADERSHIP_SHOWN:], key=lambda f: f[1]
    )
    lines = [
        t("dr.record", date=fmt.date_plain(date), name=name, note=note)
        for date, _, name, note in shown
    ]
    if len(found) > len(shown):
        lines.append(t("dr.record_more", n=fmt.number(len(found) - len(shown), 0)))
    return lines


def _names(rows: Sequence[Standing]) -> str:
    return _listed([row.indicator.name for row in rows])


def _listed(names: Sequence[str]) -> str:
    """The first LISTED names in quotes, and how many more: '“A”; “B” và 3 chỉ tiêu khác'."""
    shown = [f"“{name}”" for name in names[:LISTED]]
    more = len(names) - len(shown)
    return "; ".join(shown) + (t("dr.and_more", n=more) if more > 0 else "")


def _strengths(standings: Sequence[Standing]) -> list[str]:
    met = [s for s in standings if s.status == "met"]
    on_track = [s for s in standings if s.status == "on_track"]
    said = []
    if met:
        said.append(t("dr.met", n=len(met), total=len(standings), names=_names(met)))
    if on_track:
        said.append(t("dr.on_track", n=len(on_track), names=_names(on_track)))
    return said or [t("dr.none_met")]


def _weaknesses(standings: Sequence[Standing]) -> list[str]:
    late = [s for s in standings if s.status in ("behind", "not_met")]
    empty = [s for s in standings if s.status == "no_data"]
    said = []
    if late:
        said.append(t("dr.behind", n=len(late), names=_names(late)))
    if empty:
        said.append(t("dr.no_data", n=len(empty), names=_names(empty)))
    return said or [t("dr.no_weakness")]


def _causes(plan: Plan, standings: Sequence[Standing], day: dt.date) -> list[str]:
    late = [s for s in standings if s.status in ("behind", "not_met")]
    stale = [
        s
        for s in late
        if s.last_date is not None and (day - s.last_date).days > plan.reporting.stale_days
    ]
    empty = [s for s in standings if s.status == "no_data"]
    said = []
    if stale:
        said.append(t("dr.stale", n=len(stale), days=plan.reporting.stale_days))
    if empty:
        said.append(t("dr.unrecorded", n=len(empty)))
    if late and not stale:
        said.append(t("dr.slower", n=len(late)))
    return said or [t("dr.no_cause")]


def _next_steps(
    standings: Sequence[Standing], year_end: dt.date, day: dt.date, annual: bool
) -> list[str]:
    """What is still to do: the first few targets behind or without data, each with where it
    stands and its days left (to its own due date, else to the end of the plan's year; after
    the year, carried into the next), and how many more there are."""
    todo = [row for row in standings if row.status in ("behind", "no_data", "not_met")]
    said = []
    for row in todo[: LISTED + 1 if len(todo) == LISTED + 1 else LISTED]:
        indicator = row.indicator
        goal = present.target_text(indicator, words=True)
        key = "dr.carry" if annual else "dr.todo"
        text = t(key, name=indicator.name, goal=goal)
        if row.value is not None and indicator.goal is not None and indicator.kind != "milestone":
            text += t("dr.now", value=present.value_text(row))
        due = indicator.due or year_end
        if not annual and due >= day:
            text += t("dr.due", date=fmt.date_plain(due), days=(due - day).days)
        said.append(text + ".")
    if len(todo) > len(said):
        said.append(t("dr.todo_more", n=len(todo) - len(said)))
    return said or [t("dr.keep_up")]


# --- a commune's report ------------------------------------------------------------------------


def commune(issuer: str, rollup: Rollup, coverage: Coverage, lagging: int) -> dict[str, list[str]]:
    """Sections I and III-V of a commune's report from its schools' figures."""
    rows = rollup.rows
    everyone = [r for r in rows if r.schools and r.met == r.schools]
    none_yet = [r for r in rows if r.with_data == 0]
    strengths = (
        [t("cm.dr.all_met", n=len(everyone), names=_row_names(everyone))]
        if everyone
        else [t("cm.dr.none_all_met")]
    )
    weaknesses = []
    if coverage.left_out:
        weaknesses.append(t("cm.dr.left_out", n=len(coverage.left_out)))
    if lagging:
        weaknesses.append(t("cm.dr.lagging", n=lagging))
    if none_yet:
        weaknesses.append(t("cm.dr.no_data", n=len(none_yet), names=_row_names(none_yet)))
    causes = []
    if coverage.left_out:
        causes.append(t("cm.dr.cause_files"))
    if none_yet or lagging:
        causes.append(t("cm.dr.cause_updates"))
    steps = [t("cm.dr.step_files")] if coverage.left_out else []
    if lagging or none_yet:
        steps.append(t("cm.dr.step_lagging"))
    return {
        "leadership": [
            t("cm.dr.leadership", issuer=issuer, counted=coverage.counted, given=coverage.given)
        ],
        "results": [],
        "strengths": strengths,
        "weaknesses": weaknesses or [t("dr.no_weakness")],
        "causes": causes or [t("dr.no_cause")],
        "next_steps": steps or [t("cm.dr.keep_up")],
        "proposals": [t("dr.no_proposals")],
    }


def _row_names(rows: Sequence[RollupRow]) -> str:
    return _listed([r.name for r in rows])
