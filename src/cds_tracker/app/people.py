"""`cds people`: the roster beside the plan, and attendance files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cds_tracker.checks.problem import CdsError
from cds_tracker.store import people
from cds_tracker.store.files import read_utf8
from cds_tracker.store.paths import roster_path
from cds_tracker.store.people import Roster

# Imported where used, each for a reason: yamlplan brings ruamel.yaml and pydantic (a plan not
# seen before, `cds init`), report/ brings docxtpl and Jinja, rollup only serves `cds rollup`.
if TYPE_CHECKING:
    pass


from cds_tracker.app.workspace import one_line


def roster(plan_path: Path) -> Roster:
    """The roster beside the plan, checked; CdsError listing its problems."""
    found = people.read(roster_path(plan_path))
    if found.problems:
        raise CdsError(found.problems)
    return found


def add_person(plan_path: Path, person_id: str, name: str, role: str) -> tuple[Path, int]:
    """Add one person to the roster beside the plan; (the roster's path, the line written)."""
    where = roster_path(plan_path)
    return where, people.add(where, person_id.strip(), one_line(name), role)


def read_ids_file(path: Path) -> str:
    """The ids in an attendance file, one a line (blank lines and '#' comments skipped)."""
    lines = (line.split("#", 1)[0].strip() for line in read_utf8(path).splitlines())
    return " ".join(line for line in lines if line)
