"""What a commune's consolidated report says: the variables of templates/bao-cao-xa.docx.

Pure, like report/content.py, and written in Vietnamese whatever CDS_LANG says. The same
renderer (report/render.py) and finishing (report/layout.py) make it a document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from cds_tracker.domain.attainment import Standing
from cds_tracker.domain.periods import Period
from cds_tracker.domain.rollup import Coverage, Rollup
from cds_tracker.output.report import draft
from cds_tracker.output.report.content import (
    _notes,
    _number,
    _recipients,
    area_of,
    header_lines,
    signing,
)
from cds_tracker.store.issuer import Issuer
from cds_tracker.store.notes import Notes, clean_text
from cds_tracker.text import fmt, present
from cds_tracker.text.messages import language, t


def build(
    issuer: Issuer,
    rollup: Rollup,
    schools: Sequence[tuple[str, str, list[Standing]]],
    coverage: Coverage,
    period: Period,
    issue_date: dt.date,
    number: str | None,
    notes: Notes | None,
    flawed: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The template's variables for a commune's report on its schools' plans: the same counts
    as every form of the roll-up (coverage), headed and signed as Nghị định 30 writes them."""
    with language("vi"):
        label = present.period_label(period)
        parent_upper, school_upper = header_lines(issuer.name, issuer.parent or None)
        committee = area_of(issuer.name) != issuer.name
        on_behalf = issuer.on_behalf
        if on_behalf is None and committee:
            on_behalf = "Ủy ban nhân dân"  # a People's Committee signs as a collective body
        above, title = signing(issuer.signer_title, on_behalf, issuer.signs_for)
        lagging = _lagging(rollup, schools, coverage, flawed or {})
        drafted = draft.commune(issuer.name, rollup, coverage, sum(1 for r in lagging if r["late"]))
        basis = [clean_text(b).strip().rstrip(";.") for b in issuer.basis]
        return {
            "parent_upper": parent_upper,
            "school_upper": school_upper,
            "number": _number(number, issuer.code),
            "place_date": f"{issuer.place}, {fmt.date_long(issue_date)}",
            "subject": t("cm.subject", period=label),
            "recipient": issuer.to,
            "opening": _opening(issuer, basis, label, coverage),
            "window": t(
                "rp.window",
                start=fmt.date_plain(period.start),
                end=fmt.date_plain(period.end),
            ),
            "notes": _notes(notes, drafted),
            "summary": _summary(rollup, coverage),
            "rows": _rows(rollup),
            "lagging": [{k: v for k, v in row.items() if k != "late"} for row in lagging],
            "next_period": t("period.year", year=period.year + 1)
            if period.quarter in (None, 4)
            else t("cm.next_quarter", roman=fmt.roman((period.quarter or 0) + 1), year=period.year),
            "closing": t("cm.closing", period=label, area=area_of(issuer.name)),
            "recipients": _recipients(tuple(issuer.recipients) or None),
            "signer_above": above,
            "signer_title_upper": title,
            "signer_name": issuer.signer_name,
            "annex_ref": "",
        }


def _opening(issuer: Issuer, basis: list[str], label: str, coverage: Coverage) -> str:
    shown = {"issuer": issuer.name, "period": label, "total": coverage.given}
    if basis:
        return t("cm.opening_basis", basis="; ".join(basis), **shown)
    return t("cm.opening", **shown)


def _summary(rollup: Rollup, coverage: Coverage) -> str:
    shown = {"counted": coverage.counted, "given": coverage.given}
    text = t("cm.summary", **shown, indicators=len(rollup.rows))
    if coverage.left_out:
        text += " " + t("cm.summary_left_out", n=len(coverage.left_out))
    return text


def _rows(rollup: Rollup) -> list[dict[str, Any]]:
    """Per indicator: schools that met it, that recorded it, that have it; the combined figure."""
    return [
        {
            "stt": str(i),
            "name": row.name,
            "met": str(row.met),
            "with_data": str(row.with_data),
            "schools": str(row.schools),
            "combined": present.rollup_figure(row),
        }
        for i, row in enumerate(rollup.rows, start=1)
    ]


def _lagging(
    rollup: Rollup,
    schools: Sequence[tuple[str, str, list[Standing]]],
    coverage: Coverage,
    flawed: dict[str, int],
) -> list[dict[str, Any]]:
    """Schools that have not reported (left out: and why), have no figure at all, are behind
    (with the indicators, by their STT in the table above), or have rows left out."""
    stt = {row.id: i for i, row in enumerate(rollup.rows, start=1)}
    rows: list[dict[str, Any]] = [
        {"school": o.school, "state": t("cm.not_reported", reason=o.message), "late": False}
        for o in coverage.left_out
    ]
    for code, name, standings in schools:
        parts = []
        if all(s.status == "no_data" for s in standings):
            parts.append(t("cm.no_data"))
        for status, key in (("behind", "cm.behind_on"), ("not_met", "cm.not_met_on")):
            late = [str(stt[s.indicator.id]) for s in standings if s.status == status]
            if late:
                parts.append(t(key, n=len(late), which=", ".join(late)))
        if flawed.get(code):
            parts.append(t("cm.bad_rows", n=flawed[code]))
        if parts:
            rows.append({"school": name, "state": "; ".join(parts), "late": True})
    return [{"stt": str(i), **row} for i, row in enumerate(rows, start=1)]
