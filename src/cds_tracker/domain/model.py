"""The plan as the rest of the code sees it: plain frozen dataclasses, built from validated data.

`schema.py` validates a plan with pydantic; this module holds what validation yields. Keeping them
apart lets a command whose plan is unchanged since its last run skip pydantic and ruamel.yaml
altogether (planfile's cache): importing pydantic's BaseModel alone costs more here than the
whole budget of `cds status` (measured: 51 ms against a 71 ms import floor).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["ratio", "percent", "count", "milestone", "level"]
Aggregate = Literal["latest", "sum", "unique", "latest-by-scope"]
Op = Literal[">=", ">", "<=", "<", "="]

KINDS: tuple[str, ...] = ("ratio", "percent", "count", "milestone", "level")
ROLES: tuple[str, ...] = ("cbql", "gv", "nv")
DEFAULT_LEVELS = 3  # Quyết định 4725/QĐ-BGDĐT: mức 1, 2, 3
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TARGET_PATTERN = re.compile(r"^\s*(>=|<=|>|<|=|≥|≤)?\s*([0-9]+(?:[.,][0-9]+)?)\s*%?\s*$")
_UNICODE_OPS = {"≥": ">=", "≤": "<="}


@dataclass(frozen=True, slots=True)
class Target:
    """A comparison such as '> 90': `op` and `value`."""

    op: Op
    value: float

    def is_met_by(self, value: float) -> bool:
        eps = 1e-9
        if self.op == ">=":
            return value >= self.value - eps
        if self.op == ">":
            return value > self.value + eps
        if self.op == "<=":
            return value <= self.value + eps
        if self.op == "<":
            return value < self.value - eps
        return abs(value - self.value) <= eps

    @property
    def higher_is_better(self) -> bool:
        return self.op in (">=", ">", "=")

    def at_least_as_demanding_as(self, other: Target) -> bool:
        """True where meeting self implies meeting other (a stretch target must be so)."""
        if self.higher_is_better != other.higher_is_better:
            return False
        if self.higher_is_better:
            return self.value >= other.value
        return self.value <= other.value

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Target | None:
        return None if data is None else cls(data["op"], float(data["value"]))


def parse_target(raw: object) -> Target | None:
    """A number means '>= number'; a string may carry an operator: '> 90', '<= 5', '= 100'."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return Target(">=", float(raw))
    if isinstance(raw, str):
        match = _TARGET_PATTERN.match(raw)
        if match:
            op = _UNICODE_OPS.get(match.group(1) or ">=", match.group(1) or ">=")
            return Target(op, float(match.group(2).replace(",", ".")))  # type: ignore[arg-type]
    return None


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


# The signer of a school's reports unless the plan names another ('Phó Hiệu trưởng', …).
DEFAULT_HEAD_TITLE = "Hiệu trưởng"


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    title: str = DEFAULT_HEAD_TITLE
    signs_for: str | None = None  # the head's title a deputy signs for: "KT. HIỆU TRƯỞNG"


@dataclass(frozen=True, slots=True)
class School:
    name: str
    code: str
    place: str
    parent: str | None = None
    head: Signer | None = None


@dataclass(frozen=True, slots=True)
class PlanMeta:
    year: int
    number: str | None = None
    date: dt.date | None = None
    title: str | None = None  # see present.plan_title for the title shown where none is given
    basis: tuple[str, ...] = ()  # the documents the plan implements, cited by its reports


@dataclass(frozen=True, slots=True)
class RolePopulation:
    """A population drawn from the roster: `{role: gv}` or `{role: [cbql, gv, nv]}`."""

    roles: frozenset[str]


@dataclass(frozen=True, slots=True)
class Window:
    """A reporting period's data window and deadline; unset fields take the defaults."""

    start: dt.date | None = None
    end: dt.date | None = None
    deadline: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Reporting:
    q1: Window | None = None
    q2: Window | None = None
    q3: Window | None = None
    q4: Window | None = None
    year: Window | None = None
    stale_days: int = 60


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """How the school's reports are addressed, and which template draws them."""

    to: str | None = None  # "Kính gửi"; default: the school's parent body
    recipients: tuple[str, ...] | None = None  # "Nơi nhận"; default: Như trên, Lưu: VT
    template: str | None = None  # a .docx of the school's own, relative to the plan file


DONE = Target("=", 1.0)  # a milestone's goal (one object: a province asks 63,000 times)


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    group: str
    name: str
    kind: Kind
    of: str | float | None = None
    target: Target | None = None
    stretch: Target | None = None
    aggregate: Aggregate = "latest"
    baseline: float | None = None
    due: dt.date | None = None
    unit: str | None = None
    description: str | None = None
    owner: str | None = None  # who answers for it, as the plan's "phân công" names a role or group
    levels: int = DEFAULT_LEVELS  # a `level` indicator's scale runs from 1 to this

    @property
    def goal(self) -> Target | None:
        """The target progress is measured against: the binding one, else the stretch."""
        if self.kind == "milestone":
            return DONE
        return self.target or self.stretch


@dataclass(frozen=True, slots=True)
class Plan:
    school: School
    meta: PlanMeta  # the `plan:` section: year, number, date, title
    indicators: tuple[Indicator, ...]
    populations: dict[str, int | RolePopulation] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    reporting: Reporting = Reporting()
    report: ReportSettings = ReportSettings()
    # Populations counted from the roster, with the roles counted (set once the roster is read).
    drawn: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def indicator(self, indicator_id: str) -> Indicator | None:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        return None

    def denominator(self, indicator: Indicator) -> float | None:
        """The plan's denominator of a ratio: a population's size, or the number given."""
        if isinstance(indicator.of, str):
            size = self.populations.get(indicator.of)
            # A roster population counts only once the roster has been read (planfile resolves it).
            return float(size) if isinstance(size, int) else None
        return indicator.of

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        """The plan from schema.Plan's JSON dump (validated already: no checks here)."""
        school, meta = data["school"], data["plan"]
        head = school.get("head")
        reporting = data.get("reporting") or {}
        report = data.get("report") or {}
        return cls(
            school=School(
                school["name"],
                school["code"],
                school["place"],
                school.get("parent"),
                Signer(head["name"], head["title"], head.get("signs_for")) if head else None,
            ),
            meta=PlanMeta(
                meta["year"],
                meta.get("number"),
                _date(meta.get("date")),
                meta.get("title"),
                tuple(meta.get("basis") or ()),
            ),
            indicators=_indicators(data["indicators"]),
            populations={k: _population(v) for k, v in (data.get("populations") or {}).items()},
            groups=dict(data.get("groups") or {}),
            reporting=Reporting(
                **{k: _window(reporting.get(k)) for k in ("q1", "q2", "q3", "q4", "year")},
                stale_days=reporting.get("stale_days", 60),
            ),
            report=ReportSettings(
                report.get("to"),
                tuple(report["recipients"]) if report.get("recipients") is not None else None,
                report.get("template"),
            ),
        )


def _indicators(raw: list[dict[str, Any]]) -> tuple[Indicator, ...]:
    """The indicators of a validated `indicators:` section. The plans read section by
    section share one such list where their sections are the same text (yamlplan.py): built
    once for them all (frozen, so shared safely)."""
    found = _built.get(id(raw))
    if found is not None and found[0] is raw:
        return found[1]
    indicators = tuple(_indicator(item) for item in raw)
    if len(_built) < 1_000:
        _built[id(raw)] = (raw, indicators)  # the list kept: its id is not another's while here
    return indicators


_built: dict[int, tuple[list[dict[str, Any]], tuple[Indicator, ...]]] = {}


def _indicator(raw: dict[str, Any]) -> Indicator:
    return Indicator(
        id=raw["id"],
        group=raw["group"],
        name=raw["name"],
        kind=raw["kind"],
        of=raw.get("of"),
        target=Target.from_dict(raw.get("target")),
        stretch=Target.from_dict(raw.get("stretch")),
        aggregate=raw.get("aggregate", "latest"),
        baseline=raw.get("baseline"),
        due=_date(raw.get("due")),
        unit=raw.get("unit"),
        description=raw.get("description"),
        owner=raw.get("owner"),
        levels=raw.get("levels") or DEFAULT_LEVELS,
    )


def _population(raw: int | dict[str, Any]) -> int | RolePopulation:
    if isinstance(raw, dict):
        role = raw["role"]
        return RolePopulation(frozenset([role] if isinstance(role, str) else role))
    return raw


def _window(raw: dict[str, Any] | None) -> Window | None:
    if raw is None:
        return None
    return Window(_date(raw.get("start")), _date(raw.get("end")), _date(raw.get("deadline")))
