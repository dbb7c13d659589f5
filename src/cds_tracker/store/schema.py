"""The plan file's schema: pydantic models that validate it and say what is wrong, field by field.

What validation yields is turned into model.py's dataclasses (`model.Plan.from_dict`), which the
rest of the code uses; only loading and `cds validate` import pydantic.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    create_model,
)
from pydantic_core import PydanticCustomError

from cds_tracker.checks.limits import MAX_YEAR, MIN_YEAR
from cds_tracker.domain.model import (
    DEFAULT_HEAD_TITLE,
    ID_PATTERN,
    Aggregate,
    Kind,
    Target,
    parse_target,
)
from cds_tracker.text.messages import t

Role = Literal["cbql", "gv", "nv"]


def _target(raw: object) -> Target | None:
    if raw is None or isinstance(raw, Target):
        return raw
    parsed = parse_target(raw)
    if parsed is None:
        raise PydanticCustomError(
            "cds", t("v.target_form", text=raw) + " " + t("v.target_form.hint")
        )
    return parsed


def _indicator_id(raw: object) -> object:
    if isinstance(raw, str) and not ID_PATTERN.match(raw):
        example = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-") or "ky-nang-so"
        raise PydanticCustomError(
            "cds", t("v.id_pattern", id=raw) + " " + t("v.id_pattern.hint", example=example)
        )
    return raw


TargetField = Annotated[Target | None, BeforeValidator(_target)]


class _Strict(BaseModel):
    # Unknown keys are refused so that a typo ('taget') is reported rather than ignored.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Signer(_Strict):
    title: str = DEFAULT_HEAD_TITLE
    name: str
    signs_for: str | None = None  # a deputy signs "KT. HIỆU TRƯỞNG" for the head ("Hiệu trưởng")


class School(_Strict):
    name: str
    code: str
    place: str
    parent: str | None = None
    head: Signer | None = None


class PlanMeta(_Strict):
    year: Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
    number: str | None = None
    date: dt.date | None = None
    title: str | None = None
    basis: list[Annotated[str, Field(min_length=1)]] = []  # what the plan implements, cited


class RolePopulation(_Strict):
    """A population drawn from the roster: `{role: gv}` or `{role: [cbql, gv, nv]}`."""

    role: Annotated[
        Annotated[Role, Tag("one")] | Annotated[list[Role], Tag("many")],
        Discriminator(lambda v: "many" if isinstance(v, list) else "one"),
    ]


class Window(_Strict):
    """A reporting period's data window and deadline; unset fields take the defaults."""

    start: dt.date | None = None
    end: dt.date | None = None
    deadline: dt.date | None = None


class Reporting(_Strict):
    q1: Window | None = None
    q2: Window | None = None
    q3: Window | None = None
    q4: Window | None = None
    year: Window | None = None
    stale_days: Annotated[int, Field(gt=0)] = 60


class ReportSettings(_Strict):
    """How the school's reports are addressed, and which template draws them."""

    to: str | None = None  # "Kính gửi"; default: the school's parent body
    recipients: list[str] | None = None  # "Nơi nhận"; default: Như trên, Lưu: VT
    template: str | None = None  # a .docx of the school's own, relative to the plan file


class Indicator(_Strict):
    id: Annotated[str, BeforeValidator(_indicator_id)]
    group: str
    name: str
    kind: Kind
    of: str | float | None = None
    target: TargetField = None
    stretch: TargetField = None
    aggregate: Aggregate = "latest"
    baseline: float | None = None
    due: dt.date | None = None
    unit: str | None = None
    description: str | None = None
    owner: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    levels: Annotated[int, Field(ge=2, le=10)] | None = None  # a level's scale: 1 to this


class Plan(_Strict):
    school: School
    plan: PlanMeta
    # Discriminated, so a mistake is reported against the form the user chose, not both forms.
    populations: dict[
        str,
        Annotated[
            Annotated[Annotated[int, Field(gt=0)], Tag("size")]
            | Annotated[RolePopulation, Tag("roles")],
            Discriminator(lambda v: "roles" if isinstance(v, dict) else "size"),
        ],
    ] = {}
    groups: dict[str, str] = {}
    indicators: list[Indicator]
    reporting: Reporting = Reporting()
    report: ReportSettings = ReportSettings()


_PARTS: dict[str, type[BaseModel]] = {}


def part(name: str) -> type[BaseModel] | None:
    """A model of Plan's field `name` alone (its annotation, default and config): Plan's
    fields are validated each on its own (no validator reads two), so a plan read section by
    section validates as it would whole. None for a name that is not a field."""
    found = _PARTS.get(name)
    if found is None:
        field = Plan.model_fields.get(name)
        if field is None:
            return None
        fields: Any = {name: (field.annotation, field)}
        found = _PARTS[name] = create_model(f"Plan_{name}", __config__=Plan.model_config, **fields)
    return found


def model_at(parent: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model whose fields live at `parent`, a pydantic location (for key suggestions)."""
    current: type[BaseModel] = Plan
    for step in parent:
        if isinstance(step, int):
            continue
        field = current.model_fields.get(str(step))
        nested = _model_of(field.annotation) if field is not None else None
        if nested is None:
            return None
        current = nested
    return current


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found is not None:
            return found
    return None
