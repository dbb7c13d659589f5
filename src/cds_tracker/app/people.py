"""`cds people`: the roster beside the plan, and attendance files."""

from __future__ import annotations

import re
from pathlib import Path

from cds_tracker.app.workspace import one_line, refuse_the_sample
from cds_tracker.checks.problem import CdsError, Problem
from cds_tracker.domain.model import ID_PATTERN
from cds_tracker.store import people
from cds_tracker.store.files import read_utf8
from cds_tracker.store.paths import roster_path
from cds_tracker.store.people import Roster
from cds_tracker.text.messages import t


def roster(plan_path: Path) -> Roster:
    """The roster beside the plan, checked; CdsError listing its problems."""
    found = people.read(roster_path(plan_path))
    if found.problems:
        raise CdsError(found.problems)
    return found


def add_person(
    plan_path: Path, person_id: str, name: str, role: str
) -> tuple[Path, int, str | None]:
    """Add one person to the roster beside the plan; (the roster's path, the line written, why
    git could not keep it where cds commits)."""
    from cds_tracker.store import gitrepo

    refuse_the_sample(plan_path)
    where = roster_path(plan_path)
    line = people.add(where, person_id.strip(), one_line(name), role)
    # The id and role only: a commit message is no place for a person's name.
    message = t("git.people_add", id=person_id.strip(), role=role.strip().lower())
    return where, line, gitrepo.commit([where], message)


def read_ids_file(path: Path) -> str:
    """The ids in an attendance file, one a line (blank lines and '#' comments skipped).

    A cell that is not an id (a name column exported with the ids) is refused at its line and
    column, never echoed: it may be a person's name.
    """
    ids: list[str] = []
    problems: list[Problem] = []
    for number, line in enumerate(read_utf8(path).splitlines(), 1):
        cells = [c.strip() for c in re.split(r"[,;\t]", line.split("#", 1)[0])]
        for column, cell in enumerate(cells, 1):
            if not cell and len(cells) > 1:
                continue
            if cell and ID_PATTERN.match(cell.lower()):
                ids.append(cell)
            elif cell:
                message = t("p.not_an_id", column=column)
                problems.append(Problem(path, number, message, t("p.not_an_id.hint")))
                break
    if problems:
        raise CdsError(problems)
    return " ".join(ids)
