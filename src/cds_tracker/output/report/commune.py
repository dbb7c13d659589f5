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
from cds_tracker.domain.rollup import Rollup
from cds_tracker.output.report.content import PLACEHOLDER, _notes, _number, _recipients
from cds_tracker.store.issuer import Issuer
from cds_tracker.store.notes import Notes
from cds_tracker.text import fmt, present
from cds_tracker.text.messages import language, t


def build(
    issuer: Issuer,
    rollup: Rollup,
    schools: Sequence[tuple[str, str, list[Standing]]],
    left_out: Sequence[str],
    period: Period,
    issue_date: dt.date,
    number: str | None,
    notes: Notes | None,
) -> dict[str, Any]:
    """The template's variables for a commune's report on its schools' plans."""
    with language("vi"):
        label = present.period_label(period)
        total = len(schools) + len(left_out)
        return {
            "parent_upper": issuer.parent.upper(),
            "school_upper": issuer.name.upper(),
            "number": _number(number, issuer.code),
            "place_date": f"{issuer.place}, {fmt.date_long(issue_date)}",
            "subject": t("cm.subject", period=label),
            "recipient": issuer.to or PLACEHOLDER,
            "opening": t("cm.opening", issuer=issuer.name, period=label, total=total),
            "window": t(
                "rp.window",
                start=fmt.date_plain(period.start),
                end=fmt.date_plain(period.end),
            ),
            "notes": _notes(notes),
            "summary": _summary(rollup, total, len(left_out)),
            "rows": _rows(rollup),
            "lagging": _lagging(schools, left_out),
            "next_period": t("period.year", year=period.year + 1)
            if period.quarter in (None, 4)
            else t("cm.next_quarter", roman=fmt.roman((period.quarter or 0) + 1), year=period.year),
            "closing": t("cm.closing", period=label, issuer=issuer.name),
            "recipients": _recipients(tuple(issuer.recipients) or None),
            "signer_title_upper": issuer.signer_title.upper(),
            "signer_name": issuer.signer_name,
        }


def _summary(rollup: Rollup, total: int, left_out: int) -> str:
    reported = total - left_out
    text = t("cm.summary", reported=reported, total=total, indicators=len(rollup.rows))
    if left_out:
        text += " " + t("cm.summary_left_out", n=left_out)
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
    schools: Sequence[tuple[str, str, list[Standing]]], left_out: Sequence[str]
) -> list[dict[str, str]]:
    """Schools that have not reported (a broken file, no figure at all) or are behind."""
    rows = [{"school": name, "state": t("cm.not_reported_file")} for name in left_out]
    for _, name, standings in schools:
        if all(s.status == "no_data" for s in standings):
            rows.append({"school": name, "state": t("cm.no_data")})
            continue
        behind = sum(s.status == "behind" for s in standings)
        missed = sum(s.status == "not_met" for s in standings)
        parts = []
        if behind:
            parts.append(t("rp.count.behind", n=behind))
        if missed:
            parts.append(t("rp.count.not_met", n=missed))
        if parts:
            rows.append({"school": name, "state": ", ".join(parts)})
    return [{"stt": str(i), **row} for i, row in enumerate(rows, start=1)]
