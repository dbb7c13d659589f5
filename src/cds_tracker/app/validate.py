"""`cds validate`: every plan checked with its roster and records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cds_tracker.checks.problem import Problem
from cds_tracker.store.planfile import find_plans

# Imported where used, each for a reason: yamlplan brings ruamel.yaml and pydantic (a plan not
# seen before, `cds init`), report/ brings docxtpl and Jinja, rollup only serves `cds rollup`.
if TYPE_CHECKING:
    pass


from cds_tracker.app.workspace import Workspace, check


@dataclass(frozen=True)
class Validation:
    """What `cds validate` found: the sound plans and every problem of the others."""

    sound: list[Workspace]
    problems: list[Problem]


def validate(paths: list[Path] | None = None) -> Validation:
    """Check each plan with its roster and records (`paths` as --plan gives them: files, folders,
    or nothing for the plan of ./plans/)."""
    sound: list[Workspace] = []
    found: list[Problem] = []
    for path in find_plans(paths):
        workspace, problems = check(path)
        found += problems
        if workspace is not None and not problems:
            sound.append(workspace)
    return Validation(sound, sorted(found, key=Problem.sort_key))
