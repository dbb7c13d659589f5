"""The measurement log `<plan>.records.csv`: read fast, checked line by line, appended safely.

The csv module reads over 150,000 rows a second here, against about 800 for ruamel's
round-trip YAML parser, which is why records are CSV and the plan alone is YAML.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cds_tracker.checks.problem import CdsError, Problem
from cds_tracker.domain import parse
from cds_tracker.domain.history import Histories, History, Measurement, Row, as_row
from cds_tracker.domain.model import ID_PATTERN, Indicator, Plan
from cds_tracker.store import csvfile
from cds_tracker.text import fmt
from cds_tracker.text.messages import t

COLUMNS = ("date", "indicator", "value", "of", "note", "evidence", "attendees", "scope")
REQUIRED_COLUMNS = ("date", "indicator", "value")

_Reporter = Callable[..., None]  # problem(message, hint="")


@dataclass
class RecordsFile:
    """What a records file holds: each indicator's history, and the problems found in it."""

    path: Path
    histories: Histories = field(default_factory=Histories)
    problems: list[Problem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(h) for h in self.histories.values())

    @property
    def measurements(self) -> list[Measurement]:
        """Every measurement, in file order (materialised: for checks and tests, not hot paths)."""
        every = [m for history in self.histories.values() for m in history]
        return sorted(every, key=lambda m: m.line)


# --- parsing one field: the one date parser and the one number parser (parse.py) ------------

parse_date = parse.parse_date


MILESTONE_VALUES = {"done": 1.0, "not-done": 0.0}


def parse_ids(text: str) -> tuple[str, ...]:
    """'gv01, gv02;gv03 gv01' -> ('gv01', 'gv02', 'gv03'): any of , ; or spaces, each id once."""
    found: dict[str, None] = {}
    for part in text.replace(",", " ").replace(";", " ").split():
        found.setdefault(part.strip().lower(), None)
    return tuple(found)


format_value = parse.format_number


# --- checking a measurement against the plan --------------------------------------------------


def year_window(plan: Plan) -> tuple[dt.date, dt.date]:
    """The days whose records count for the plan: its year's data window (15/12 to 14/12)."""
    from cds_tracker.domain import periods

    window = periods.year(plan)
    return window.start, window.end


def build(
    plan: Plan,
    *,
    date_text: str,
    indicator_id: str,
    value_text: str,
    of_text: str = "",
    note: str = "",
    evidence: str = "",
    attendees_text: str = "",
    scope: str = "",
    path: Path | None = None,
    line: int = 0,
    window: tuple[dt.date, dt.date] | None = None,
) -> tuple[Measurement | None, list[Problem]]:
    """A measurement from its texts (a CSV row or the command line), or the problems in it."""
    problems: list[Problem] = []

    def problem(message: str, hint: str = "") -> None:
        problems.append(Problem(path, line or None, message, hint))

    day = parse_date(date_text)
    if day is None:
        problem(t("r.bad_date", text=date_text.strip()), t("r.bad_date.hint"))
    else:
        start, end = window or year_window(plan)
        if not start <= day <= end:
            shown = {"start": fmt.date_short(start), "end": fmt.date_short(end)}
            problem(
                t("v.record_outside_year", date=fmt.date_short(day), year=plan.meta.year, **shown),
                t("v.record_outside_year.hint"),
            )
    indicator = plan.indicator(indicator_id.strip())
    if indicator is None:
        problem(*unknown_indicator(plan, indicator_id))
        return None, problems
    attendees = parse_ids(attendees_text)
    not_ids = [n for n, person in enumerate(attendees, 1) if not ID_PATTERN.match(person)]
    if not_ids:
        # Never echoed: what is not an id is most likely a person's name.
        problem(t("p.attendee_not_an_id", position=not_ids[0]), t("p.bad_id.hint"))
        return None, problems
    if indicator.aggregate == "unique":
        if not attendees:
            problem(t("r.attendees_needed", id=indicator.id))
        # The value of a session is how many attended; the standing counts distinct people.
        value_text = value_text if value_text.strip() else str(len(attendees))
    elif attendees:
        problem(t("r.attendees_not_unique", id=indicator.id))
    if indicator.aggregate == "latest-by-scope" and not scope.strip():
        problem(t("r.scope_needed", id=indicator.id))
    value = _value(indicator, value_text, problem)
    own_of = _own_of(indicator, of_text, problem)
    of = own_of if own_of is not None else _plan_of(plan, indicator)
    over = value is not None and of is not None and value > of
    if over and indicator.kind == "ratio" and indicator.aggregate != "unique":
        shown = {"value": fmt.number(value or 0), "of": fmt.number(of or 0)}
        roles = plan.drawn.get(str(indicator.of)) if own_of is None else None
        if roles is not None:
            # The denominator is the roster's head count, which may have shrunk since.
            roster = {"name": indicator.of, "roles": ", ".join(roles)}
            problem(t("r.over_roster", **shown, **roster), t("r.over_roster.hint"))
        else:
            problem(t("r.over_of", **shown), t("r.over_of.hint"))
    if problems or day is None or value is None:
        return None, problems
    measurement = Measurement(
        day,
        indicator.id,
        value,
        own_of,
        csvfile.unescape_cell(note),
        csvfile.unescape_cell(evidence),
        line,
        attendees,
        csvfile.unescape_cell(scope.strip()),
    )
    return measurement, problems


def require(plan: Plan, indicator_id: str) -> Indicator:
    """The plan's indicator `indicator_id`; CdsError with the closest id where there is none."""
    found = plan.indicator(indicator_id.strip())
    if found is None:
        raise CdsError([Problem(None, None, *unknown_indicator(plan, indicator_id))])
    return found


def unknown_indicator(plan: Plan, indicator_id: str) -> tuple[str, str]:
    """The message and hint for an id the plan lacks, with the closest id where there is one."""
    ids = [i.id for i in plan.indicators]
    close = difflib.get_close_matches(indicator_id.strip(), ids, n=1, cutoff=0.6)
    hint = t("r.unknown_indicator.suggest", suggestion=close[0]) if close else ""
    return t("r.unknown_indicator", id=indicator_id), hint or t("r.unknown_indicator.list")


def _number(text: str, problem: _Reporter, **rules: bool) -> float | None:
    """The number in `text` by parse.parse_number's rules, or None with the problem said."""
    try:
        return parse.parse_number(text, **rules)
    except parse.NumberProblem as exc:
        problem(t(f"num.{exc.reason}", text=text.strip()), t(f"num.{exc.reason}.hint"))
        return None


def _value(indicator: Indicator, text: str, problem: _Reporter) -> float | None:
    cleaned = text.strip()
    if indicator.kind == "milestone":
        if cleaned.lower() not in MILESTONE_VALUES:
            problem(t("r.milestone_value", id=indicator.id, text=cleaned))
            return None
        return MILESTONE_VALUES[cleaned.lower()]
    if not cleaned:
        problem(t("r.empty_value"), t("r.bad_value.hint"))
        return None
    value = _number(
        cleaned,
        problem,
        count=indicator.kind in ("ratio", "count"),
        whole=indicator.kind in ("ratio", "level"),
        percent=indicator.kind == "percent",
    )
    if value is None:
        return None
    if value < 0:
        problem(t("r.negative", value=fmt.number(value)))
        return None
    if indicator.kind == "percent" and value > 100:
        problem(t("r.over_100", value=fmt.number(value)))
        return None
    if indicator.kind == "level" and not 1 <= value <= indicator.levels:
        shown = {"value": fmt.number(value), "id": indicator.id, "levels": indicator.levels}
        problem(t("r.level_range", **shown), t("r.level_range.hint"))
        return None
    return value


def _own_of(indicator: Indicator, text: str, problem: _Reporter) -> float | None:
    """The record's own denominator (ratios only), None where the plan's applies."""
    if not text.strip():
        return None
    if indicator.kind != "ratio":
        problem(t("r.of_not_ratio"))
        return None
    of = _number(text, problem, count=True, whole=True)
    if of is not None and of <= 0:
        problem(t("r.bad_of", text=text.strip()))
        return None
    return of


def _plan_of(plan: Plan, indicator: Indicator) -> float | None:
    return plan.denominator(indicator) if indicator.kind == "ratio" else None


# --- reading --------------------------------------------------------------------------------


def read(path: Path, plan: Plan, only: str | None = None) -> RecordsFile:
    """Every measurement in `path` (of indicator `only`, if given); a missing file is empty.

    Rows with problems are left out and listed in `problems`; the good rows around them count.
    Malformed lines (a quote left open) are listed whatever `only` says: such a file is not to
    be appended to.

    Profile (cProfile, 100,000 records): checking each row through `build` took 8 µs a row, most
    of it in building problem callbacks that a good row never uses. A row that is plainly good
    (a known indicator of a simple kind, an ISO date inside the year, a plain whole number within
    its bounds, no extra columns filled) is taken directly; any other row goes through `build`,
    which says what is wrong. tests/test_records.py checks that both paths agree.
    """
    from cds_tracker.store import recordcache

    result = RecordsFile(path)
    data = csvfile.read_bytes(path)
    if data is None:
        return result
    # The fingerprint only where the cache may serve: a province's small files skip it.
    plan_fingerprint = recordcache.fingerprint(plan) if len(data) >= recordcache.MIN_BYTES else ""
    cached = recordcache.load(path, data, plan_fingerprint, only)
    if cached is None:
        try:
            table = csvfile.table_of(data, path, REQUIRED_COLUMNS, COLUMNS, "records")
        except CdsError as exc:
            # A file without its header (re-saved in another encoding, say) is a problem row
            # like any other: `status --json` still prints its JSON, with it.
            result.problems = exc.problems
            return result
    else:
        table = csvfile.tail_of(
            data[cached.size :], path, cached.columns, cached.lines, cached.delimiter
        )
    rows: dict[str, list[Row]] = {}
    with _no_gc_pauses():
        _read_rows(table, plan, only, result, rows)
        earlier = cached.histories if cached is not None else {}
        for indicator in {*earlier, *rows}:
            if only is not None and indicator != only:
                continue
            result.histories[indicator] = History.joined(
                indicator, earlier.get(indicator), rows.get(indicator, [])
            )
    result.problems = sorted([*table.problems, *result.problems], key=Problem.sort_key)
    new_rows = sum(len(found) for found in rows.values())
    worth_keeping = new_rows >= recordcache.MIN_NEW_ROWS and len(data) >= recordcache.MIN_BYTES
    # Only a whole, sound file: a tail that ends mid-line, or problems, would be kept wrong.
    if worth_keeping and only is None and not result.problems and data.endswith(b"\n"):
        columns = {i: h.columns() for i, h in result.histories.items()}
        entry = recordcache.Entry(
            len(data), table.lines_read, table.columns, columns, table.delimiter
        )
        recordcache.save(path, data, plan_fingerprint, entry)
    return result


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold the cyclic garbage collector while rows become objects: 100,000 new objects set it
    off over and over, for nothing, as they hold no cycles (measured: 30 ms of 150)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_rows(
    table: csvfile.Table,
    plan: Plan,
    only: str | None,
    result: RecordsFile,
    rows: dict[str, list[Row]],
) -> None:
    """Each good row, as a tuple, into `rows` by indicator; each bad one's problems into result."""
    path = result.path
    rules = _fast_rules(plan)
    window = start, end = year_window(plan)
    parse_day, words = dt.date.fromisoformat, MILESTONE_VALUES
    width = len(table.columns)
    # Our own files have exactly our columns: unpack them directly (the common, fast case).
    ours = list(table.columns) == list(COLUMNS)
    get, pad = table.getter(COLUMNS), table.pad
    for line, cells in table.rows_at_once() or table.rows():
        if ours and len(cells) == width:
            day_text, indicator_id, value_text, of_text, note, evidence, attendees, scope = cells
        else:
            day_text, indicator_id, value_text, of_text, note, evidence, attendees, scope = get(
                pad(cells)
            )
        if only is not None and indicator_id.strip() != only:
            continue
        rule = rules.get(indicator_id)
        plain = not (of_text or attendees or scope) and note[:1] != "'" and evidence[:1] != "'"
        # Shaped YYYY-MM-DD: fromisoformat alone also takes '20260410' and week dates.
        iso = len(day_text) == 10 and day_text[4] == "-" and day_text[7] == "-"
        if rule is not None and plain and iso:
            kind, bound = rule
            try:
                day = parse_day(day_text)
                if kind == "milestone":
                    value = words[value_text]
                elif value_text.isdigit() and value_text.isascii():
                    value = float(value_text)
                elif kind == "percent" and _plain_decimal(value_text.replace(",", ".", 1)):
                    value = float(value_text.replace(",", ".", 1))  # '78,5' as Excel writes it
                else:
                    value = -1.0  # decimals, commas, signs: build() reads them
            except (ValueError, KeyError):
                pass
            else:
                low = 1.0 if kind == "level" else 0.0
                if low <= value <= bound and start <= day <= end:
                    found = rows.get(indicator_id)
                    if found is None:
                        found = rows[indicator_id] = []
                    found.append((day, value, None, note, evidence, line, (), ""))
                    continue
        measurement, problems = build(
            plan,
            date_text=day_text,
            indicator_id=indicator_id.strip(),
            value_text=value_text,
            of_text=of_text,
            note=note,
            evidence=evidence,
            attendees_text=attendees,
            scope=scope,
            path=path,
            line=line,
            window=window,
        )
        if measurement is not None:
            rows.setdefault(measurement.indicator, []).append(as_row(measurement))
        result.problems.extend(problems)


def _plain_decimal(text: str) -> bool:
    """'78.5': digits, one point, digits, as cds writes a percentage (parse_number agrees; a
    comma in its place is the same number, as a Vietnamese Excel writes it)."""
    return text.replace(".", "", 1).isdigit() and text.isascii() and text[0] != "." != text[-1]


def _fast_rules(plan: Plan) -> dict[str, tuple[str, float]]:
    """Indicators whose good rows need no more than a date and a value: (kind, largest value)."""
    rules: dict[str, tuple[str, float]] = {}
    for indicator in plan.indicators:
        if indicator.aggregate not in ("latest", "sum"):
            continue
        if indicator.kind == "ratio":
            of = plan.denominator(indicator)
            if of is not None:
                rules[indicator.id] = ("ratio", of)
        elif indicator.kind == "percent":
            rules[indicator.id] = ("percent", 100.0)
        elif indicator.kind == "count":
            rules[indicator.id] = ("count", parse.MAX_NUMBER - 1)
        elif indicator.kind == "level":
            rules[indicator.id] = ("level", float(indicator.levels))  # 0 is for build() to refuse
        else:
            rules[indicator.id] = ("milestone", 1.0)
    return rules


# --- appending ------------------------------------------------------------------------------


def append(path: Path, measurement: Measurement, kind: str) -> int:
    """Append one measurement as a line of the records file; return its line number."""
    value = format_value(measurement.value)
    if kind == "milestone":
        value = "done" if measurement.value >= 1 else "not-done"
    fields = {
        "date": measurement.date.isoformat(),
        "indicator": measurement.indicator,
        "value": value,
        "of": format_value(measurement.of) if measurement.of is not None else "",
        "note": measurement.note,
        "evidence": measurement.evidence,
        "attendees": " ".join(measurement.attendees),
        "scope": measurement.scope,
    }
    return csvfile.append_row(path, COLUMNS, fields)
