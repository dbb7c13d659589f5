"""What a report says: the variables a template is rendered with, computed from plan and records.

Pure: no files, no python-docx. Every text is written in Vietnamese whatever CDS_LANG says,
since the report is an official document for the People's Committee.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any

from cds_tracker.domain import attainment, periods
from cds_tracker.domain.attainment import Members, Standing
from cds_tracker.domain.history import Histories, History
from cds_tracker.domain.model import DEFAULT_HEAD_TITLE, Indicator, Plan
from cds_tracker.domain.periods import Period
from cds_tracker.output.report import draft
from cds_tracker.store.notes import SECTIONS, Notes, all_clean, clean_text
from cds_tracker.text import fmt, present
from cds_tracker.text.messages import language, t

# A People's Committee, as its name is written: headed "ỦY BAN NHÂN DÂN" over its place.
_PEOPLES_COMMITTEE = re.compile(r"^\s*(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(.+)$", re.I)


def header_lines(name: str, parent: str | None) -> tuple[str, str]:
    """(the parent line, the issuing body's lines), upper case, as Nghị định 30 heads them. A
    People's Committee without a parent is "ỦY BAN NHÂN DÂN" over "XÃ XUÂN TRƯỜNG", both bold."""
    committee = _PEOPLES_COMMITTEE.match(name)
    if committee and not parent:
        return "", "ỦY BAN NHÂN DÂN\n" + committee.group(1).strip().upper()
    return (parent or "").upper(), name.upper()


def area_of(name: str) -> str:
    """'UBND xã Xuân Trường' -> 'xã Xuân Trường' (the area a People's Committee governs)."""
    committee = _PEOPLES_COMMITTEE.match(name)
    return committee.group(1).strip() if committee else name


def signing(
    title: str, on_behalf: str | None = None, signs_for: str | None = None
) -> tuple[str, str]:
    """(the lines above the signer's title, the title), upper case, as Nghị định 30 writes them:
    'TM. ỦY BAN NHÂN DÂN' for a collective body, 'KT. CHỦ TỊCH' where a deputy signs for the
    head. A title 'Phó …' signs for '…' unless told otherwise."""
    if signs_for is None and title.strip().lower().startswith("phó "):
        signs_for = title.strip()[4:]
    above = []
    if on_behalf:
        above.append(f"TM. {on_behalf.strip().upper()}")
    if signs_for:
        above.append(f"KT. {signs_for.strip().upper()}")
    return "\n".join(above), title.strip().upper()


def next_period_label(plan: Plan, period: Period) -> str:
    """What section IV looks ahead to: the next quarter, or the next year."""
    if period.quarter is None or period.quarter == 4:
        return t("period.year", year=period.year + 1)
    return present.period_label(periods.quarter(plan, period.quarter + 1))


def standings_on(
    plan: Plan, by_indicator: Histories, period: Period, issue_date: dt.date, members: Members
) -> list[Standing]:
    """Every indicator on the report's day (for the overview chart)."""
    return attainment.standings(plan, by_indicator, as_of(period, issue_date), members)


def as_of(period: Period, issue_date: dt.date) -> dt.date:
    """The figures run to the period's cut-off, or to the issue date if that comes first."""
    return min(period.end, issue_date)


def build(
    plan: Plan,
    by_indicator: Histories,
    period: Period,
    issue_date: dt.date,
    number: str | None,
    notes: Notes | None,
    members: Members | None = None,
    annex: bool = False,
    chart: bytes | None = None,
) -> dict[str, Any]:
    """The template's variables (templates/README.md lists them), always in Vietnamese.

    `annex`: add the Phụ lục, every record of the period per indicator (the annual report
    always has it).
    """
    members = members or {}
    with language("vi"):
        school, meta = plan.school, plan.meta
        day = as_of(period, issue_date)
        standings = attainment.standings(plan, by_indicator, day, members)
        rows, verdicts = _rows(plan, by_indicator, standings, period, day, members)
        head_title = school.head.title if school.head else DEFAULT_HEAD_TITLE
        above, title = signing(head_title, None, school.head.signs_for if school.head else None)
        parent_upper, school_upper = header_lines(school.name, school.parent)
        drafted = draft.school(plan, by_indicator, standings, period, day)
        with_annex = annex or chart is not None or period.quarter is None
        return {
            "school": {
                "name": school.name,
                "code": school.code,
                "place": school.place,
                "parent": school.parent or "",
            },
            "parent_upper": parent_upper,
            "school_upper": school_upper,
            "number": _number(number, school.code),
            "place_date": f"{school.place}, {fmt.date_long(issue_date)}",
            "subject": t("rp.subject", period=present.period_label(period)),
            "period_label": present.period_label(period),
            "next_period": next_period_label(plan, period),
            "recipient": plan.report.to or school.parent or "",
            "opening": _opening(plan, period),
            "window": _window(period, day),
            "figures_to": t("rp.figures_to", date=fmt.date_plain(day)) if day < period.end else "",
            "notes": _notes(notes, drafted),
            "summary": _summary(len(plan.indicators), verdicts, day),
            "level_sentence": _level_sentence(standings),
            "rows": rows,
            "closing": t("rp.closing", period=present.period_label(period), school=school.name),
            "recipients": _recipients(plan.report.recipients),
            "signer_above": above,
            "signer_title_upper": title,
            "signer_name": school.head.name if school.head else "",
            "plan_number": meta.number or "",
            "plan_date": fmt.date_plain(meta.date) if meta.date else "",
            "plan_title": present.plan_title(meta),
            "issue_date": fmt.date_plain(issue_date),
            "as_of": fmt.date_plain(day),
            "annex": _annex(plan, by_indicator, period, day, issue_date, number, members)
            if with_annex
            else None,
            "annex_ref": t("rp.annex_ref") if with_annex else "",
            "chart": chart or "",
        }


def _window(period: Period, day: dt.date) -> str:
    start, end = fmt.date_plain(period.start), fmt.date_plain(period.end)
    if day < period.end:  # made before the cut-off: say how far the figures run
        return t("rp.window_early", date=fmt.date_plain(day), start=start, end=end)
    return t("rp.window", start=start, end=end)


def _number(number: str | None, code: str) -> str:
    """'5' -> '05/BC-THXT' (Nghị định 30: numbers below 10 take a leading zero); blank for the
    clerk to fill in by hand when not given."""
    if not number:
        return t("rp.number_blank", code=code)
    first, slash, rest = number.strip().partition("/")
    if first.isdigit():
        first = first.zfill(2)
    return f"{first}{slash}{rest}" if slash else f"{first}/BC-{code}"


def _opening(plan: Plan, period: Period) -> str:
    """'Thực hiện <basis>; Kế hoạch số … của <school> về chuyển đổi số năm …, nhà trường báo
    cáo …': what the report answers, the school named once."""
    meta, school = plan.meta, plan.school
    if meta.number and meta.date:
        own = t(
            "rp.opening_plan",
            number=meta.number,
            date=fmt.date_plain(meta.date),
            school=school.name,
            year=meta.year,
        )
    else:
        own = t("rp.opening_title", title=present.plan_title(meta), school=school.name)
    cited = "; ".join([*(clean_text(b).strip().rstrip(";.") for b in meta.basis), own])
    return t("rp.opening", cited=cited, period=present.period_label(period))


def _notes(notes: Notes | None, drafted: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each section's paragraphs: the notes file's where it has them, else drafted from the
    records and figures (draft.py): never a placeholder."""
    result: dict[str, list[str]] = {}
    for section in SECTIONS:
        written = notes[section] if notes is not None else []
        result[section] = written or drafted.get(section, [])
    return result


def _recipients(configured: tuple[str, ...] | None) -> list[str]:
    """'Nơi nhận' lines: '- Như trên;' ... '- Lưu: VT.'."""
    names = [clean_text(n).strip().rstrip(";.").strip() for n in configured or []]
    names = [n for n in names if n] or [t("rp.as_above"), t("rp.archive")]
    return [f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names)]


# --- the results table ------------------------------------------------------------------------


def _rows(
    plan: Plan,
    by_indicator: Histories,
    standings: list[Standing],
    period: Period,
    day: dt.date,
    members: Members,
) -> tuple[list[dict[str, Any]], list[str]]:
    rows: list[dict[str, Any]] = []
    verdicts: list[str] = []
    number = 0
    for group, heading in plan.groups.items():
        in_group = [s for s in standings if s.indicator.group == group]
        if not in_group:
            continue
        rows.append({"is_group": True, "stt": group, "name": heading})
        for row in in_group:
            number += 1
            history = by_indicator[row.indicator.id]
            verdict = _verdict(row, period)
            verdicts.append(verdict)
            rows.append(
                {
                    "is_group": False,
                    "stt": str(number),
                    "id": row.indicator.id,
                    "name": row.indicator.name,
                    "plan": present.target_text(row.indicator, words=True),
                    "in_period": _in_period(plan, row, history, period.start, members),
                    "cumulative": _cumulative(row),
                    "rate": _rate(row),
                    "assessment": t(verdict),
                    "note": _remarks(history, period.start, day, row.indicator.owner),
                }
            )
    return rows, verdicts


def _verdict(row: Standing, period: Period) -> str:
    """The status word of `cds status` (present.status_word): Vượt, Đạt, Đang thực hiện, Chậm
    tiến độ, Chưa đạt, Chưa có số liệu; a year's report has nothing left in progress."""
    if row.status == "met":
        return "st.exceeded" if row.exceeded else "st.met"
    if row.status in ("on_track", "behind") and period.quarter is None:
        return "st.not_met"
    return present.STATUS_KEYS[row.status]


def _in_period(
    plan: Plan, row: Standing, history: History, start: dt.date, members: Members
) -> str:
    """What happened within the window: the sum of a flow, the gain of a ratio, the latest
    figure measured in it, or the day a milestone was done; '—' when nothing was recorded."""
    indicator, day = row.indicator, row.as_of
    inside = history.since(start).upto(day)  # columns: no Measurement a record (a million)
    if not inside:
        return "—"
    if indicator.aggregate == "sum":
        return fmt.number(sum(inside.values)) + present.unit(indicator)
    newest = inside.values[-1]
    if indicator.kind == "milestone":
        done = next((d for d, v in zip(inside.dates, inside.values, strict=True) if v >= 1), None)
        return t("rp.done_on", date=f"{done.day}/{done.month}") if done else "—"
    if indicator.kind == "ratio" or indicator.aggregate == "latest-by-scope":
        eve = start - dt.timedelta(days=1)
        before = attainment.figure(plan, indicator, history, start, eve, members)
        ratio = indicator.kind == "ratio"
        now = (row.count if ratio else row.value) or 0.0
        gained = now - ((before.count if ratio else before.value) or 0.0)
        return ("+" if gained > 0 else "") + fmt.number(gained)
    if indicator.kind == "level":
        return fmt.capitalized(t("fmt.level", n=fmt.number(newest)))
    return fmt.number(newest) + present.unit(indicator)


def _cumulative(row: Standing) -> str:
    if row.value is None:
        return "—"
    if row.indicator.kind == "ratio" and row.count is not None and row.of is not None:
        return f"{fmt.number(row.count)}/{fmt.number(row.of)} ({fmt.percent(row.value)})"
    return fmt.capitalized(present.value_text(row))


def _rate(row: Standing) -> str:
    """Tỷ lệ đạt: the figure as a share of the goal where more is better; where less is better
    (`<= 5`) a share means nothing, so it says whether the goal is met."""
    goal = row.indicator.goal
    if row.value is None or goal is None:
        return "—"
    if not goal.higher_is_better or goal.value <= 0:
        return t("st.met") if goal.is_met_by(row.value) else t("st.not_met")
    return fmt.percent(100.0 * row.value / goal.value)


# A results table's note is a summary (every record is in the annex): the newest alone, as the
# PDF of a 100,000-record report took 14 pages with three, 11 with two and 7 with one.
REMARKS_SHOWN = 1


def _remarks(history: History, start: dt.date, day: dt.date, owner: str | None = None) -> str:
    """Ghi chú: the newest REMARKS_SHOWN distinct notes (with their evidence) of the window's
    records, oldest of them first, how many more there are, and who answers for the indicator.

    One pass over the window's columns and a dict, whatever the number of records (a list's
    `in` made it quadratic; a Measurement and two regex passes a record took 1.4 s of a
    million-record report): each distinct note and evidence is cleaned once."""
    low = bisect_left(history.dates, start)
    high = bisect_right(history.dates, day, low)
    pairs: dict[tuple[str, str], None] = {}  # insertion-ordered: the newest use last
    for pair in zip(history.notes[low:high], history.evidence[low:high], strict=True):
        pairs.pop(pair, None)
        pairs[pair] = None
    texts: dict[str, None] = {}
    clean: Callable[[str], str] = clean_text
    if all_clean([part for pair in pairs for part in pair]):
        clean = str  # nothing to drop: a million records' notes spared two regex passes each
    for raw_note, raw_evidence in pairs:
        note, evidence = clean(raw_note).strip(), clean(raw_evidence).strip()
        text = f"{note} ({evidence})" if note and evidence else note or evidence
        if text:
            texts.pop(text, None)  # seen again: it counts as of its newest use
            texts[text] = None
    distinct = list(texts)
    shown = distinct[-REMARKS_SHOWN:]
    parts = ["; ".join(shown)] if shown else []
    if len(distinct) > len(shown):
        parts.append(t("rp.remarks_more", n=fmt.number(len(distinct) - len(shown), 0)))
    if owner:
        parts.append(t("rp.owner", owner=owner))
    return ". ".join(part.rstrip(".") for part in parts)


def _annex(
    plan: Plan,
    by_indicator: Histories,
    period: Period,
    day: dt.date,
    issue_date: dt.date,
    number: str | None,
    members: Members,
) -> dict[str, Any]:
    """The Phụ lục: per indicator, every record of the period (date, value, note, evidence), so
    the commune sees what each figure rests on; attendees as a count, never names."""
    caption = t(
        "rp.annex.caption",
        number=_number(number, plan.school.code),
        date=fmt.date_long(issue_date),
        school=plan.school.name,
    )
    rows: list[dict[str, Any]] = []
    for i, indicator in enumerate(plan.indicators, start=1):
        rows.append({"is_group": True, "stt": str(i), "name": indicator.name})
        history = by_indicator[indicator.id]
        inside = list(history.since(period.start).upto(day))
        if not inside:
            rows.append(_annex_row("—", "—", t("rp.annex.none"), ""))
        # The table counts distinct people of the population: say how many each record adds.
        population = members.get(str(indicator.of)) if indicator.aggregate == "unique" else None
        counted: set[str] = set()
        if population is not None:
            for m in history.upto(period.start - dt.timedelta(days=1)):
                counted.update(p for p in m.attendees if p in population)
        for m in inside:
            note = clean_text(m.note).strip()
            if m.scope:
                scope = clean_text(m.scope)
                note = f"{scope}: {note}" if note else scope
            if m.attendees:
                attended = t("rp.annex.attendees", n=len(m.attendees))
                if population is not None:
                    new = {p for p in m.attendees if p in population} - counted
                    counted |= new
                    attended = t("rp.annex.attendees_new", n=len(m.attendees), new=len(new))
                note = f"{note} ({attended})" if note else fmt.capitalized(attended)
            value = _record_value(indicator, m.value, m.of)
            rows.append(_annex_row(fmt.date_short(m.date), value, note, clean_text(m.evidence)))
    return {"title": t("rp.annex.title"), "caption": caption, "rows": rows}


def _annex_row(date: str, value: str, note: str, evidence: str) -> dict[str, Any]:
    return {"is_group": False, "date": date, "value": value, "note": note, "evidence": evidence}


def _record_value(indicator: Indicator, value: float, of: float | None) -> str:
    """One record's value as the annex shows it: '12', '12/130', '78,5%', 'Hoàn thành'."""
    if indicator.kind == "milestone":
        return t("status.done") if value >= 1 else t("status.not_done")
    if indicator.kind == "percent":
        return fmt.percent(value)
    if indicator.kind == "level":
        return fmt.capitalized(t("fmt.level", n=fmt.number(value)))
    shown = fmt.number(value)
    if of is not None:
        shown += f"/{fmt.number(of)}"
    return shown + (present.unit(indicator) if indicator.kind == "count" else "")


def _summary(total: int, verdicts: list[str], day: dt.date) -> str:
    count = {key: verdicts.count(key) for key in set(verdicts)}
    met = count.get("st.met", 0) + count.get("st.exceeded", 0)
    parts = []
    if met:
        exceeded = count.get("st.exceeded", 0)
        parts.append(
            t("rp.count.exceeded", n=met, m=exceeded) if exceeded else t("rp.count.met", n=met)
        )
    for key, text in (
        ("st.on_track", "rp.count.on_track"),
        ("st.behind", "rp.count.behind"),
        ("st.not_met", "rp.count.not_met"),
        ("st.no_data", "rp.count.no_data"),
    ):
        if count.get(key):
            parts.append(t(text, n=count[key]))
    return t("rp.summary", total=total, date=fmt.date_plain(day), parts=", ".join(parts) or "—")


def _level_sentence(standings: list[Standing]) -> str:
    level = next((s for s in standings if s.indicator.kind == "level"), None)
    if level is None:
        return ""
    target = present.target_text(level.indicator, words=True).lower()
    if level.value is None:
        return t("rp.level_none", target=target)
    return t("rp.level", value=present.value_text(level), target=target)
