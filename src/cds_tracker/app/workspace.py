"""A plan with its records, opened once for every command; the day a view is for."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cds_tracker.checks import registry as checks
from cds_tracker.checks.problem import CdsError, Problem, fail
from cds_tracker.domain import attainment, periods
from cds_tracker.domain.attainment import Standing
from cds_tracker.store import paths, records
from cds_tracker.store.files import read_utf8
from cds_tracker.store.planfile import LoadedPlan, load_plan
from cds_tracker.store.records import RecordsFile
from cds_tracker.text.messages import t


@dataclass(frozen=True)
class Workspace:
    """A validated plan and its validated records."""

    loaded: LoadedPlan
    records: RecordsFile


def check(plan_path: Path) -> tuple[Workspace | None, list[Problem]]:
    """Every problem of the plan and of its records (those only once the plan is sound).

    The workspace comes back whenever the plan itself is sound: its records are the good rows,
    and the problem rows are in the list (a bad row never hides the others).
    """
    try:
        loaded = load_plan(plan_path)
        found = records.read(loaded.records_path, loaded.plan)
    except CdsError as exc:
        return None, exc.problems
    found.problems[:0] = loaded.roster_problems
    found.problems += [
        each.at(found.path, each.loc)
        for check_ in checks.WORKSPACE_CHECKS
        for each in check_(loaded.plan, found.histories)
    ]
    return Workspace(loaded, found), found.problems


def open_workspace(plan_path: Path) -> Workspace:
    """The plan and its records, or CdsError with every problem in them."""
    workspace, problems = check(plan_path)
    if problems or workspace is None:
        raise CdsError(problems)
    return workspace


def open_partial(plan_path: Path) -> tuple[Workspace, list[Problem]]:
    """The plan and the good rows of its records, with the problem rows; CdsError for a plan
    that cannot be read at all."""
    workspace, problems = check(plan_path)
    if workspace is None:
        raise CdsError(problems)
    return workspace, problems


Step = Callable[[], None]  # called once a unit of slow work is done (a progress bar advances)


def open_many(
    paths: list[Path], partial: bool = False, step: Step | None = None
) -> tuple[list[Workspace], list[Problem]]:
    """The plans that are sound, and every problem of those that are not (a commune's folder).

    `partial`: keep a plan whose records have problem rows (status shows the good ones).
    `step`: called after each plan, for a progress bar.
    """
    import gc

    workspaces: list[Workspace] = []
    problems: list[Problem] = []
    # The plans become many small objects that hold no cycles: the cyclic collector would run
    # over them again and again for nothing (measured: a second of a province's roll-up).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for path in paths:
            workspace, found = check(path)
            if step is not None:
                step()
            if workspace is not None and (partial or not found):
                workspaces.append(workspace)
            problems += found
    finally:
        if was_enabled:
            gc.enable()
    return workspaces, problems


def standings(workspace: Workspace, as_of: dt.date) -> list[Standing]:
    """Every indicator of one plan on `as_of`, from its good rows."""
    loaded = workspace.loaded
    return attainment.standings(loaded.plan, workspace.records.histories, as_of, loaded.members)


def as_of_date(
    loaded: LoadedPlan, as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date
) -> dt.date:
    """The day a view is computed for: --as-of, the end of --quarter's or --year's window, today."""
    if sum((as_of is not None, quarter is not None, year)) > 1:
        raise fail(t("arg.choose_one"))
    if quarter is not None:
        if quarter not in (1, 2, 3, 4):
            raise fail(t("arg.quarter_range", text=quarter))
        return periods.quarter(loaded.plan, quarter).end
    if year:
        return periods.year(loaded.plan).end
    return as_of or today


@dataclass(frozen=True)
class Notice:
    """Something worth a word that does not stop a command: a message key and its values."""

    key: str
    values: dict[str, object]


def source_line(problem: Problem) -> str | None:
    """The line a problem points at, to show under its message; never a roster line, which
    holds a name (personal data)."""
    if problem.file is None or not problem.line or problem.file.name.endswith(paths.PEOPLE):
        return None
    lines = _source_lines(problem.file)
    return lines[problem.line - 1] if problem.line <= len(lines) else None


@functools.lru_cache(maxsize=16)
def _source_lines(path: Path) -> list[str]:
    try:
        return read_utf8(path).splitlines()
    except CdsError:
        return []


def one_line(text: str) -> str:
    """Text typed on the command line as it is stored: NFC (some Vietnamese keyboards type
    decomposed letters), one line, no control characters (they would break the CSV in Excel)."""
    printable = "".join(c if c.isprintable() else " " for c in unicodedata.normalize("NFC", text))
    return " ".join(printable.split())


def refuse_the_sample(plan_path: Path) -> None:
    """The example plan shipped with cds is not a school's: writing beside it (run from the
    source folder) would change the sample every new user starts from."""
    from cds_tracker.store import shipped

    try:
        same = plan_path.resolve() == shipped.example_plan().resolve()
    except OSError:
        same = False
    if same:
        raise fail(t("rec.sample", path=plan_path), t("rec.sample.hint"))
