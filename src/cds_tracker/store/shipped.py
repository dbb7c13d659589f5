"""Files shipped with the tool: the example plan and the report templates."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # src/cds_tracker (store/ is one down)
_REPO = _PACKAGE.parents[1]  # src/cds_tracker -> the checkout, for an editable install

EXAMPLE_PLAN = "2026-xuan-tien.yaml"


def example_plan() -> Path:
    """The shipped plan: inside the wheel, or plans/ of the checkout."""
    return _first(_PACKAGE / "shipped" / EXAMPLE_PLAN, _REPO / "plans" / EXAMPLE_PLAN)


def template(name: str) -> Path:
    return _first(_PACKAGE / "shipped" / "templates" / name, _REPO / "templates" / name)


def _first(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[-1]
