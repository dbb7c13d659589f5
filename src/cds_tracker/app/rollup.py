"""`cds rollup`: many schools gathered, each from the standings cache where nothing changed."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cds_tracker.checks.problem import Problem, fail
from cds_tracker.domain.attainment import Standing
from cds_tracker.store.files import write_new
from cds_tracker.text.messages import t

# Imported where used, each for a reason: yamlplan brings ruamel.yaml and pydantic (a plan not
# seen before, `cds init`), report/ brings docxtpl and Jinja, rollup only serves `cds rollup`.
if TYPE_CHECKING:
    from cds_tracker.domain.rollup import Rollup


from cds_tracker.app.workspace import Step, as_of_date, check, standings
from cds_tracker.store import paths


@dataclass(frozen=True)
class Commune:
    """A roll-up and each school's own standings (code, name, rows), for the commune's sheets.

    From the cache, the schools' standings are read only when asked for (the sheets, the
    report): a plain roll-up needs the combined figures alone.
    """

    rollup: Rollup
    given: list[tuple[str, str, list[Standing]]] | None = None
    cached: tuple[str, ...] = ()  # the standings cache's names of the schools, in order
    sources: tuple[Path, ...] = ()  # their plans, to compute a school whose entry is unsound
    asked: tuple[Any, ...] = ()  # (as_of, quarter, year, today)

    @functools.cached_property
    def schools(self) -> list[tuple[str, str, list[Standing]]]:
        if self.given is not None:
            return self.given
        from cds_tracker.store import standingscache

        found = []
        for name, path in zip(self.cached, self.sources, strict=True):
            school = standingscache.load(name)
            if school is None:  # deleted or damaged since: computed again, never a hole
                as_of, quarter, year, today = self.asked
                school = _school(path, as_of, quarter, year, today, name)[0]
            if school is not None:
                found.append(school)
        return found


def commune_of(
    paths: list[Path],
    *,
    as_of: dt.date | None,
    quarter: int | None,
    year: bool,
    today: dt.date,
    step: Step | None = None,
) -> tuple[Commune, list[Problem]]:
    """`cds rollup`: the plans at `paths` gathered, with every problem of those left out.

    A school whose plan, records and roster are byte for byte as at an earlier run, asked for
    the same day, is read from the standings cache (standingscache.py) instead of computed.
    """
    import gc

    from cds_tracker.domain.rollup import rollup as gather
    from cds_tracker.store import standingscache

    if sum((as_of is not None, quarter is not None, year)) > 1:
        raise fail(t("arg.choose_one"))
    asked = _asked(as_of, quarter, year, today)
    School = tuple[str, str, list[Standing]]
    cached: dict[int, School] = {}
    was_enabled = gc.isenabled()
    gc.disable()  # as in open_many: many small objects, no cycles
    try:
        names = [standingscache.key(_school_files(path), asked) for path in paths]
        # Every school as at a run that had no problem: its combined figures, kept whole.
        whole = standingscache.key([name.encode() for name in names], asked)
        kept = standingscache.load_rollup(whole)
        # A school entry deleted or damaged since is computed again when the sheets or the
        # report ask for it (Commune.schools): the whole run's figures stand.
        if kept is not None:
            if step is not None:
                for _ in paths:
                    step()
            again = (as_of, quarter, year, today)
            return Commune(kept, cached=tuple(names), sources=tuple(paths), asked=again), []
        for i, name in enumerate(names):
            school = standingscache.load(name)
            if school is not None:
                cached[i] = school
                if step is not None:
                    step()
        todo = [
            (path, as_of, quarter, year, today, names[i])
            for i, path in enumerate(paths)
            if i not in cached
        ]
        computed = iter(_compute_schools(todo, step))
        found = [(cached[i], []) if i in cached else next(computed) for i in range(len(paths))]
    finally:
        if was_enabled:
            gc.enable()
    schools = [school for school, _ in found if school is not None]
    problems = [problem for _, listed in found for problem in listed]
    combined = gather([rows for _, _, rows in schools])
    if not problems:
        standingscache.save_rollup(whole, combined)
    return Commune(combined, given=schools), problems


def _asked(as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date) -> object:
    """What a school's standings depend on besides its files: the day asked for."""
    return (as_of, quarter, year, today if as_of is None and quarter is None and not year else None)


WORKERS_FROM = 300  # plans; below this a second process costs more than it saves (measured)
SchoolResult = tuple["tuple[str, str, list[Standing]] | None", list[Problem]]


def _compute_schools(todo: list[tuple[Any, ...]], step: Step | None) -> list[SchoolResult]:
    """Each school's standings, in the order given: in two worker processes for a province's
    first run (the work is per school and the machine has two cores), else here."""
    import os

    if len(todo) < WORKERS_FROM or (os.cpu_count() or 1) < 2:
        results = []
        for job in todo:
            results.append(_school(*job))
            if step is not None:
                step()
        return results
    from concurrent.futures import ProcessPoolExecutor

    from cds_tracker.store import standingscache

    done: list[SchoolResult] = []
    with ProcessPoolExecutor(max_workers=2) as pool:
        for school, problems in pool.map(_school_rows, todo, chunksize=64):
            if school is None:
                done.append((None, problems))
            else:
                rows = [standingscache._standing(row) for row in school[2]]
                done.append(((school[0], school[1], rows), problems))
            if step is not None:
                step()
    return done


def _school(
    path: Path, as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date, name: str
) -> SchoolResult:
    """One school's standings (kept in the standings cache under `name` when sound), or its
    problems."""
    from cds_tracker.store import standingscache

    workspace, found = check(path, remember=False)  # the standings cache serves later runs
    if workspace is None or found:
        return None, found
    day = as_of_date(workspace.loaded, as_of, quarter, year, today)
    meta = workspace.loaded.plan.school
    school = (meta.code, meta.name, standings(workspace, day))
    # Kept only if the files are still the bytes the name was made from: a record appended
    # while this ran would otherwise be hidden under the old bytes' name for good.
    if standingscache.key(_school_files(path), _asked(as_of, quarter, year, today)) == name:
        standingscache.save(name, *school)
    return school, []


def _school_rows(job: tuple[Any, ...]) -> tuple[Any, list[Problem]]:
    """_school in a worker process: plain tuples cross back (a Standing holds plan objects)."""
    from cds_tracker.store import standingscache

    school, problems = _school(*job)
    if school is None:
        return None, problems
    return (school[0], school[1], [standingscache._row(s) for s in school[2]]), problems


def _school_files(path: Path) -> list[bytes]:
    """The bytes of a school's plan, records and roster, for its standings cache key; empty
    where a file is missing or unreadable (then the full read says what is wrong).

    Built from strings, not pathlib: a province's later run spent a tenth of its time there."""
    found = []
    for name in paths.siblings_of(str(path)):
        try:
            with open(name, "rb") as handle:
                found.append(handle.read())
        except OSError:
            found.append(b"")
    return found


def rollup_workbook(result: Commune, output: Path, force: bool) -> Path:
    """`cds rollup --xlsx`: the commune's workbook."""
    from cds_tracker.output import workbook

    write_new([(output, workbook.rollup_book(result.rollup, result.schools))], force)
    return output
