"""Views of computed standings: the terminal tables and the JSON of `cds status --json`."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, assert_never

from cds_tracker.checks.problem import Problem
from cds_tracker.domain import periods
from cds_tracker.domain.attainment import STATUSES, Standing
from cds_tracker.domain.model import Indicator, Plan
from cds_tracker.store.people import Person
from cds_tracker.text import fmt, present
from cds_tracker.text.messages import t

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

    from cds_tracker.api import StatusResult
    from cds_tracker.domain.rollup import Coverage, Rollup

# rich is imported inside the functions that draw: `status --json` never needs it (12 ms).
from cds_tracker.domain.history import History, Measurement


def _number(value: float | None, decimals: int = 2) -> float | int | None:
    if value is None:
        return None
    rounded = round(value, decimals)
    return int(rounded) if rounded == int(rounded) else rounded


def status_json(plan: Plan, as_of: dt.date, rows: Iterable[Standing]) -> dict[str, Any]:
    """The object of `cds status --json`, key for key as the contract fixes it."""
    indicators = []
    for row in rows:
        ind = row.indicator
        goal = ind.goal
        item: dict[str, Any] = {
            "id": ind.id,
            "group": ind.group,
            "name": ind.name,
            "kind": ind.kind,
            "op": goal.op if goal else None,
            "target": _number(
                1.0 if ind.kind == "milestone" else ind.target.value if ind.target else None
            ),
            "stretch": _number(ind.stretch.value if ind.stretch else None),
            "value": _number(row.value),
        }
        if ind.kind == "ratio":
            item["count"] = _number(row.count)
            item["of"] = _number(row.of if row.of is not None else plan.denominator(ind))
        item.update(
            met=row.met,
            stretch_met=row.stretch_met,
            status=row.status,
            last_date=row.last_date.isoformat() if row.last_date else None,
            owner=ind.owner,
        )
        indicators.append(item)
    return {
        "plan": present.plan_title(plan.meta),
        "as_of": as_of.isoformat(),
        "indicators": indicators,
    }


# Each command its own formats: a format added to one command cannot send another one to its
# table branch (mypy checks each view's branches are exhaustive, with assert_never).
StatusFormat = Literal["table", "json", "csv"]
MissingFormat = Literal["table", "json"]
HistoryFormat = Literal["table", "json"]
RollupFormat = Literal["table", "json"]

CSV_COLUMNS = (
    "id", "group", "name", "kind", "op", "target", "stretch", "value", "count", "of", "status",
    "last_date",
)  # fmt: skip


def status_csv(result: StatusResult) -> str:
    """`cds status --csv`: a row per indicator with the JSON's keys and values (several plans:
    a first `school` column); "\n" line ends, as the console's text mode writes them."""
    from cds_tracker.store.csvfile import excel_text

    several = result.several
    rows = [(["school"] if several else []) + list(CSV_COLUMNS)]
    for one in result.plans:
        plan = one.workspace.loaded.plan
        first = [plan.school.code] if several else []
        for item in status_json(plan, one.as_of, one.rows)["indicators"]:
            rows.append(first + [_csv_cell(item.get(column)) for column in CSV_COLUMNS])
    return excel_text(rows)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def status_output(result: StatusResult, form: StatusFormat) -> RenderableType | str:
    """`cds status` in the format asked for: one JSON object (a line of text), CSV, or tables."""
    if form == "csv":
        return status_csv(result) if result.plans else ""
    if form == "json":
        payloads = []
        for one in result.plans:
            payload = status_json(one.workspace.loaded.plan, one.as_of, one.rows)
            payload["problems"] = problems_json(one.problems)
            payloads.append(payload)
        if not payloads:
            return ""
        # One plan: the contract's object. Several: {"plans": [one object per plan]}.
        body = {"plans": payloads} if result.several else payloads[0]
        return json.dumps(body, ensure_ascii=False) + "\n"
    from rich.console import Group
    from rich.text import Text

    out = console()
    width, marks = out.width, Marks.for_encoding(out.encoding)
    if form != "table":
        assert_never(form)
    parts: list[RenderableType] = []
    for one in result.plans:
        loaded = one.workspace.loaded
        if result.several:
            heading = f"\n{loaded.plan.school.name} ({loaded.path})"
            parts.append(Text(heading, style="bold", no_wrap=True, overflow="ignore"))
        parts.append(status_table(loaded.plan, one.as_of, one.rows, width, marks, result.today))
    return Group(*parts)


def missing_output(
    indicator: str, people: list[Person], as_of: dt.date, form: MissingFormat
) -> RenderableType | str:
    """`cds status ID --missing`: the people not yet counted, where the user asked for names."""
    if form == "json":
        body = {
            "id": indicator,
            "as_of": as_of.isoformat(),
            "missing": [{"id": p.id, "name": p.name, "role": p.role} for p in people],
        }
        return json.dumps(body, ensure_ascii=False) + "\n"
    if form != "table":
        assert_never(form)
    from rich.console import Group
    from rich.text import Text

    if not people:
        return t("missing.none", id=indicator) + "\n"
    title = t("missing.title", id=indicator, count=len(people), date=fmt.date_short(as_of))
    return Group(Text(title), people_table(people))


def history_output(
    indicator: Indicator,
    rows: History,
    form: HistoryFormat = "table",
    saved: dict[int, tuple[str, dt.datetime]] | None = None,
) -> RenderableType | str:
    """`cds history ID`: the records of one indicator, oldest first (a table, or JSON).
    `saved`: when git kept each line (line -> short hash, time), where cds commits."""
    if form == "json":
        return json.dumps(history_json(indicator, rows), ensure_ascii=False) + "\n"
    if form != "table":
        assert_never(form)
    if not rows:
        return t("history.empty", id=indicator.id) + "\n"
    if len(rows) > TABLE_ROWS:
        return history_lines(indicator.name, rows, indicator.kind, saved or {})
    return history_table(indicator.name, rows, indicator.kind, saved or {})


def _recorded(m: Measurement, kind: str) -> str:
    """One record's value as `history` shows it: 'Đã hoàn thành', '27', '21/130'."""
    if kind == "milestone":
        return t("status.done") if m.value >= 1 else t("status.not_done")
    return fmt.number(m.value) + (f"/{fmt.number(m.of)}" if m.of is not None else "")


TABLE_ROWS = 1000  # past this a rich table costs seconds (0.4 ms a row): plain aligned lines


def history_lines(
    name: str,
    rows: Sequence[Measurement],
    kind: str,
    saved: dict[int, tuple[str, dt.datetime]],
) -> str:
    """The history as plain lines, one a record, columns aligned: the table's content, linear
    and fast for a large file (50,000 rows in a fraction of a second)."""
    scoped = any(m.scope for m in rows)
    header = [t("col.date"), *([t("col.scope")] if scoped else []), t("col.value"), t("col.line")]
    cells = []
    for m in rows:
        value = _recorded(m, kind)
        row = [fmt.date_short(m.date), *([fmt.printable(m.scope)] if scoped else []), value]
        row.append(str(m.line))
        said = " — ".join(x for x in (fmt.printable(m.note), fmt.printable(m.evidence)) if x)
        kept = saved.get(m.line)
        if kept:
            said += f" [{kept[1].strftime('%d/%m/%Y %H:%M')}]"
        cells.append((row, said))
    widths = [max(len(h), *(len(r[i]) for r, _ in cells)) for i, h in enumerate(header)]
    lines = [
        t("history.title", name=name),
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "  " + t("col.note"),
    ]
    for row, said in cells:
        lines.append(
            ("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + "  " + said).rstrip()
        )
    return "\n".join(lines) + "\n"


def history_json(indicator: Indicator, rows: History) -> dict[str, Any]:
    """`cds history ID --json`: each record with its line; attendees counted, never named."""
    return {
        "id": indicator.id,
        "records": [
            {
                "line": m.line,
                "date": m.date.isoformat(),
                "value": _number(m.value),
                "of": _number(m.of),
                "note": m.note,
                "evidence": m.evidence,
                "scope": m.scope,
                "attendees": len(m.attendees),
            }
            for m in rows
        ],
    }


def notice_value(value: object) -> object:
    """A value of a notice as a user reads it: a period named, a date dd/mm/yyyy."""
    return _shown(value)


def notice(key: str, values: dict[str, object]) -> str:
    """A notice the library returned (`api.Notice`), worded: periods named, dates dd/mm/yyyy."""
    shown = {name: _shown(value) for name, value in values.items()}
    return t(key, **shown)


def _shown(value: object) -> object:
    if isinstance(value, periods.Period):
        return present.period_label(value)
    if isinstance(value, dt.date):
        return fmt.date_short(value)
    return value


def problems_json(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    """Problem rows as `status --json` lists them: file, line, message (and the fix, as hint)."""
    return [
        {
            "file": str(p.file) if p.file is not None else None,
            "line": p.line,
            "code": p.code,
            "message": p.message,
            "hint": p.hint,
        }
        for p in problems
    ]


WIDE = 100  # from this many columns the roll-up's combined figure gets more room
BAR = 10  # the progress bar's width, in characters
MIN_NAME = 24  # an indicator's name shares its line only where this much of it fits


def status_table(
    plan: Plan,
    as_of: dt.date,
    rows: list[Standing],
    width: int,
    marks: Marks | None = None,
    today: dt.date | None = None,
) -> RenderableType:
    """Every indicator under its group heading, one line each where the width allows.

    A line holds the id, the figure, the target, the status word and a bar; the name follows on
    the same line where at least MIN_NAME characters of it fit, else on a line of its own.
    (hledger's budget report is the model: a line per account that fits 80 columns.)
    """
    from rich.console import Group
    from rich.text import Text

    marks = marks or Marks.for_encoding("utf-8")
    stale_after = dt.timedelta(days=plan.reporting.stale_days)
    cells = [_cells(row, as_of - stale_after, marks) for row in rows]
    widths = [max((len(c[i]) for c in cells), default=0) for i in range(4)]
    core = 2 + sum(widths) + 2 * 3 + 2 + BAR
    name_inline = width - core - 2 >= MIN_NAME
    title = t("status.title", plan=present.plan_title(plan.meta), date=fmt.date_short(as_of))
    parts: list[RenderableType] = [Text(title, style="bold")]
    for group, heading in _groups(plan, rows):
        parts.append(Text(f"{group}. {heading}", style="bold underline"))
        for row, (ident, figure, target, status) in zip(rows, cells, strict=True):
            if row.indicator.group != group:
                continue
            style = present.STATUS_STYLES[row.status]
            line = Text(
                "  " + ident.ljust(widths[0]), style="bold", no_wrap=True, overflow="ellipsis"
            )
            name = row.indicator.name
            if name_inline:
                room = width - core - 2
                shown = name if len(name) <= room else name[: room - 1] + "…"
                line.append("  " + shown.ljust(room), style="dim")
            line.append("  " + figure.rjust(widths[1]))
            line.append("  " + target.ljust(widths[2]))
            line.append("  " + status.ljust(widths[3]), style=style)
            drawn = marks.bar(present.progress_share(row), BAR)
            if name_inline:
                line.append("  " + drawn, style=style)
            line.rstrip()
            parts.append(line)
            if not name_inline:
                # Too narrow for the name beside the figures: the bar and the name go below.
                second = Text("    ", no_wrap=True, overflow="ellipsis")
                if drawn:
                    second.append(drawn + " ", style=style)
                room = max(8, width - len(second.plain))
                second.append(name if len(name) <= room else name[: room - 1] + "…", style="dim")
                parts.append(second)
    counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
    parts.append(Text(_fitted(t("status.summary", **counts), width)))
    stale = sum(marks.warn in c[3] for c in cells)
    if stale:
        days = plan.reporting.stale_days
        said = t("status.stale", count=stale, days=days, mark=marks.warn)
        parts.append(Text(_fitted(said, width), style="yellow"))
    # The next deadline counts from the real date, whatever day the figures are for.
    parts.append(Text(_fitted(_deadline_line(plan, today or as_of), width)))
    return Group(*parts)


def _fitted(text: str, width: int) -> str:
    """A sentence in lines of at most `width` characters, broken between words, no line
    ending in a space (rich's own wrapping leaves one where it breaks)."""
    import textwrap

    return "\n".join(textwrap.fill(line, max(width, 20)) for line in text.splitlines())


def _cells(row: Standing, stale_before: dt.date, marks: Marks) -> tuple[str, str, str, str]:
    """(id, figure, target, status word with the stale mark) of one indicator's line."""
    status = present.status_word(row)
    done = row.indicator.kind == "milestone" and (row.value or 0) >= 1  # done is done
    if row.last_date is not None and row.last_date < stale_before and not done:
        status += " " + marks.warn
    figure = present.value_text(row)
    return row.indicator.id, figure, present.target_text(row.indicator), status


@dataclass(frozen=True)
class Marks:
    """The symbols the tables draw, or plain ASCII where the console cannot show them (an old
    Windows console in code page 437 or 1258)."""

    warn: str
    full: str
    empty: str

    @classmethod
    def for_encoding(cls, encoding: str) -> Marks:
        try:
            "⚠█░".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            return cls("!", "#", "-")
        return cls("⚠", "█", "░")

    def bar(self, share: float | None, width: int) -> str:
        if share is None:
            return ""
        full = round(share * width)
        return self.full * full + self.empty * (width - full)


def _groups(plan: Plan, rows: list[Standing]) -> list[tuple[str, str]]:
    used = {r.indicator.group for r in rows}
    return [(key, heading) for key, heading in plan.groups.items() if key in used]


def _deadline_line(plan: Plan, as_of: dt.date) -> str:
    lines = []
    late = periods.just_overdue(plan, as_of)
    if late is not None:
        lines.append(
            t(
                "status.overdue",
                period=present.period_label(late),
                deadline=fmt.date_short(late.deadline),
            )
        )
    due = periods.next_due(plan, as_of)
    if due is None:
        lines.append(t("status.no_next", year=plan.meta.year))
        return "\n".join(lines)
    days = periods.days_left(due, as_of)
    if days == 0:
        lines.append(
            t(
                "status.deadline_today",
                period=present.period_label(due),
                deadline=fmt.date_short(due.deadline),
            )
        )
    else:
        lines.append(
            t(
                "status.deadline",
                period=present.period_label(due),
                end=fmt.date_short(due.end),
                deadline=fmt.date_short(due.deadline),
                days=days,
            )
        )
    return "\n".join(lines)


def standing_line(row: Standing) -> str:
    """One line for `cds record`: 'ky-nang-so: 28/31 = 90,3% — Đang thực hiện (kế hoạch 100%)'."""
    return (
        f"{row.indicator.id}: {present.value_text(row)} — {present.status_word(row)} "
        f"({t('col.target').lower()} {present.target_text(row.indicator)})"
    )


def history_table(
    name: str,
    rows: Sequence[Measurement],
    kind: str,
    saved: dict[int, tuple[str, dt.datetime]] | None = None,
) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    saved = saved or {}
    scoped = any(m.scope for m in rows)  # counted class by class: which class each row is
    table = Table(title=t("history.title", name=name), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(t("col.date"), no_wrap=True)
    if scoped:
        table.add_column(t("col.scope"), no_wrap=True)
    table.add_column(t("col.value"), justify="right")
    table.add_column(t("col.note"), ratio=2)
    table.add_column(t("col.evidence"), ratio=1)
    table.add_column(t("col.line"), justify="right", style="dim")
    if saved:
        table.add_column(t("col.saved"), no_wrap=True, style="dim")
    for m in rows:
        value = _recorded(m, kind)
        # Text, not str: a note holding '[/]' is not rich markup, and control characters show.
        note, evidence = Text(fmt.printable(m.note)), Text(fmt.printable(m.evidence))
        cells: list[Any] = [fmt.date_short(m.date)]
        if scoped:
            cells.append(Text(fmt.printable(m.scope)))
        cells += [value, note, evidence, str(m.line)]
        if saved:
            kept = saved.get(m.line)
            cells.append(kept[1].strftime("%d/%m/%Y %H:%M") if kept else t("history.unsaved"))
        table.add_row(*cells)
    return table


def rollup_json(
    rollup: Rollup, coverage: Coverage, problems: Iterable[Problem] = ()
) -> dict[str, Any]:
    """`cds rollup --json`: per indicator, schools, how many met it, and the combined figure;
    the plans given, counted and left out (each with why), and every problem row."""
    return {
        "plans": rollup.plans,
        "as_of": rollup.as_of.isoformat() if rollup.as_of else None,
        "schools": coverage.given,
        "counted": coverage.counted,
        "left_out": [
            {"school": o.school, "file": str(o.file), "line": o.line, "message": o.message}
            for o in coverage.left_out
        ],
        "indicators": [
            {
                "id": row.id,
                "group": row.group,
                "name": row.name,
                "kind": row.kind,
                "schools": row.schools,
                "with_data": row.with_data,
                "met": row.met,
                "count": _number(row.count),
                "of": _number(row.of),
                "value": _number(row.value),
                **({"levels": {str(k): n for k, n in row.levels}} if row.kind == "level" else {}),
            }
            for row in rollup.rows
        ],
        "problems": problems_json(problems),
    }


rollup_figure = present.rollup_figure


def rollup_output(
    result: Rollup, coverage: Coverage, problems: Iterable[Problem], form: RollupFormat
) -> RenderableType | str:
    """`cds rollup` in the format asked for: one JSON object, or the table."""
    if form == "json":
        return json.dumps(rollup_json(result, coverage, problems), ensure_ascii=False) + "\n"
    if form != "table":
        assert_never(form)
    return rollup_table(result, coverage, console().width)


def rollup_table(result: Rollup, coverage: Coverage, width: int) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    when = fmt.date_short(result.as_of) if result.as_of else "…"
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column(t("col.indicator"), ratio=1, min_width=18)
    table.add_column(t("rollup.schools"), justify="right", width=9)
    table.add_column(t("rollup.met"), justify="right", width=6)
    table.add_column(t("rollup.combined"), width=24 if width >= WIDE else 16)
    for row in result.rows:
        name = Text(row.id, style="bold")
        if width >= WIDE:
            name.append("\n" + row.name, style="dim")
        figure = Text(rollup_figure(row))
        if row.with_data < row.schools:
            figure.append(
                "\n" + t("rollup.no_data", count=row.schools - row.with_data), style="dim"
            )
        table.add_row(name, str(row.schools), str(row.met), figure)
    counts = {"counted": coverage.counted, "given": coverage.given, "date": when}
    title = Text(t("rollup.title", **counts), style="bold")
    return Group(title, table)


def people_table(people: list[Person]) -> Table:
    """Ids, names and roles: shown only where the user asked for names (Nghị định 13/2023)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD)
    table.add_column(t("col.id"), no_wrap=True)
    table.add_column(t("col.name"))
    table.add_column(t("col.role"))
    for person in sorted(people, key=lambda p: (p.role, p.id)):
        table.add_row(person.id, Text(fmt.printable(person.name)), t(f"p.role.{person.role}"))
    return table


@contextmanager
def busy(message: str, delay: float = 0.5) -> Iterator[None]:
    """A spinner on stderr while slow work runs, shown only on a terminal and only once the work
    has taken `delay` seconds (a quick command never flickers)."""
    if not sys.stderr.isatty():  # checked before rich is imported: `status --json` never needs it
        yield
        return
    import threading

    err = console(stderr=True)
    status = err.status(message)
    timer = threading.Timer(delay, status.start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        status.stop()


@contextmanager
def progress(message: str, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr (on a terminal only); yields the function that advances it."""
    if not sys.stderr.isatty():  # a pipe or a file: no bar, and no rich to import for it
        yield lambda: None
        return
    err = console(stderr=True)
    if not err.is_terminal:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn(message), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(message, total=total)
        yield lambda: bar.advance(task)


def removed_row(cells: dict[str, str]) -> str:
    """A record as `undo` shows it: date, indicator, value and what else it holds; attendees
    counted (ids are enough to identify people, and a line of 30 ids says nothing)."""
    parts = [cells.get("date", ""), cells.get("indicator", ""), cells.get("value", "")]
    for key in ("of", "scope", "note", "evidence"):
        if cells.get(key, "").strip():
            parts.append(f"{key}: {cells[key].strip()}")
    attendees = [a for a in cells.get("attendees", "").replace(",", " ").split() if a]
    if attendees:
        parts.append(t("undo.attendees", count=len(attendees)))
    return fmt.printable(", ".join(p for p in parts if p))


def console(stderr: bool = False) -> Console:
    """The one printer of every command: every string it prints (a message, a table's cell)
    has its control characters escaped, wherever the text came from (plan, records, roster)."""
    # highlight=False: rich would otherwise colour numbers in our Vietnamese sentences at random.
    return _safe_console()(stderr=stderr, highlight=False, soft_wrap=True)


@functools.cache
def _safe_console() -> type[Console]:
    """rich's Console, every string it renders escaped first (made once: rich is imported
    only where something is drawn)."""
    from rich.console import Console
    from rich.text import Text

    class SafeConsole(Console):
        def render_str(self, text: str, **options: Any) -> Text:
            return super().render_str(fmt.printable(text, lines=True), **options)

    return SafeConsole
