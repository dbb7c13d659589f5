"""`cds validate`: every plan checked with its roster and records."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from cds_tracker.app.workspace import Notice, Workspace, check
from cds_tracker.checks.problem import Problem
from cds_tracker.store.files import current_folder
from cds_tracker.store.planfile import find_plans


@dataclass(frozen=True)
class Validation:
    """What `cds validate` found: the sound plans and every problem of the others."""

    sound: list[Workspace]
    problems: list[Problem]
    notices: list[Notice] = field(default_factory=list)  # worth a word, not an error


def _every_plan() -> list[Path]:
    """Every plan in ./plans/, not only this year's: a broken plan for next year must not pass
    the pre-commit hook because today's plan is sound."""
    folder = current_folder() / "plans"
    found = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    return found or find_plans(None)  # none: find_plans says so, as every command does


def validate(paths: list[Path] | None = None) -> Validation:
    """Check each plan with its roster and records (`paths` as --plan gives them: files, folders,
    or nothing for the plan of ./plans/)."""
    sound: list[Workspace] = []
    found: list[Problem] = []
    for path in find_plans(paths) if paths or os.environ.get("CDS_PLAN") else _every_plan():
        workspace, problems = check(path)
        found += problems
        if workspace is not None and not problems:
            sound.append(workspace)
    notices = [
        Notice("v.uncited", {"plan": w.loaded.path})
        for w in sound
        if not (w.loaded.plan.meta.number and w.loaded.plan.meta.date)
    ]
    return Validation(sound, sorted(found, key=Problem.sort_key), notices)
