"""The roster `<plan>.people.csv`: who the school's managers, teachers and staff are.

It holds personal data (Nghị định 13/2023/NĐ-CP): names leave this module only for
`cds people` and `cds status ID --missing`, where the user asked for them; everywhere else
(status, JSON, reports, error messages) people appear as ids and counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cds_tracker.checks.problem import CdsError, Problem
from cds_tracker.domain.model import ID_PATTERN, ROLES
from cds_tracker.store import csvfile
from cds_tracker.text.messages import t

COLUMNS = ("id", "name", "role")


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    role: str
    line: int = 0


@dataclass
class Roster:
    path: Path
    people: dict[str, Person] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def with_roles(self, roles: frozenset[str]) -> frozenset[str]:
        return frozenset(p.id for p in self.people.values() if p.role in roles)


def check(
    person_id: str, name: str, role: str, path: Path | None, line: int | None
) -> list[Problem]:
    """What is wrong with one person's row (ids only in messages: names are personal data)."""
    problems = []
    if not ID_PATTERN.match(person_id):
        # Not echoed: a name typed in the id column would be personal data in a message.
        problems.append(Problem(path, line, t("p.bad_id"), t("p.bad_id.hint")))
        person_id = "?"
    if not name.strip():
        problems.append(Problem(path, line, t("p.no_name", id=person_id)))
    if role not in ROLES:
        problems.append(
            Problem(path, line, t("p.bad_role", id=person_id, role=role), t("p.bad_role.hint"))
        )
    return problems


def read(path: Path) -> Roster:
    """Everyone in the roster; a missing file is an empty roster."""
    roster = Roster(path)
    table = csvfile.open_table(path, COLUMNS, COLUMNS, "people", multiline_notes=False)
    if table is None:
        return roster
    for line, (person_id, name, role) in csvfile.cells_by_name(table, COLUMNS):
        name = csvfile.unescape_cell(name.strip())
        person = Person(person_id.strip(), name, role.strip().lower(), line)
        problems = check(person.id, person.name, person.role, path, line)
        if person.id in roster.people:
            first = roster.people[person.id].line
            problems.append(Problem(path, line, t("p.duplicate", id=person.id, first=first)))
        if problems:
            roster.problems.extend(problems)
            continue
        roster.people[person.id] = person
    roster.problems = sorted([*table.problems, *roster.problems], key=Problem.sort_key)
    return roster


def add(path: Path, person_id: str, name: str, role: str) -> int:
    """Append one person; refuse a bad row, an id already used, or a roster with problems.

    The roster is read and checked under the lock the append takes, so two `people add` of one
    id at the same moment write it once.
    """
    role = role.strip().lower()
    problems = check(person_id, name, role, None, None)
    if problems:
        raise CdsError(problems)

    def still_free() -> None:
        roster = read(path)
        if roster.problems:
            raise CdsError([*roster.problems, Problem(None, None, t("p.fix_first", file=path))])
        if person_id in roster.people:
            first = roster.people[person_id].line
            raise CdsError([Problem(path, first, t("p.exists", id=person_id))])

    fields = {"id": person_id, "name": name.strip(), "role": role}
    return csvfile.append_row(path, COLUMNS, fields, check=still_free)
