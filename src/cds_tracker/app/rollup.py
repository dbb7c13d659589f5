"""`cds rollup`: many schools gathered, each unchanged one from what the cache kept of it."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import signal
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cds_tracker.app.workspace import Step, as_of_date, check
from cds_tracker.checks.problem import Problem, fail
from cds_tracker.domain.attainment import Standing
from cds_tracker.domain.rollup import Coverage, LeftOut
from cds_tracker.store import files, paths, planfile
from cds_tracker.store.files import workbook_name, write_new
from cds_tracker.text.messages import t

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from cds_tracker.domain.rollup import Counted, Rollup
    from cds_tracker.store.standingscache import Kept


School = tuple[str, str, list[Standing]]  # (code, name, standings)
SchoolResult = tuple["School | None", list[Problem]]


@dataclass(frozen=True)
class Commune:
    """A roll-up and each school's own standings (code, name, rows), for the commune's sheets,
    with what every form says the same: plans given, counted, left out, and the problem rows.

    From the cache, the schools' standings are read only when asked for (the sheets, the
    report): a plain roll-up needs the combined figures alone.
    """

    rollup: Rollup
    cached: tuple[str, ...] = ()  # the cache's names of the schools (their files), in order
    sources: tuple[Path, ...] = ()  # their plans, to compute a school whose entry is unsound
    # The name of the schools' entry (_schools_key of every plan of the year, the left out's
    # too: not of `sources`), where the others are kept.
    batch: str = ""
    known: tuple[School | None, ...] = ()  # the schools computed by this run, the others None
    asked: tuple[Any, ...] = ()  # (as_of, quarter, year, today)
    plans: int = 0  # the plans given (each file once, of the year)
    year: int = 0  # the plan year rolled up
    left_out: tuple[LeftOut, ...] = ()
    problems: tuple[Problem, ...] = ()  # the counted schools' problem rows, then the left out's
    flawed: tuple[tuple[str, int], ...] = ()  # (school code, its problem rows), counted schools
    # The kept schools (by name) this run held already: the sheets of a first run read them
    # here, not back from the entry just written (a province's 9 MB).
    entries: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def coverage(self) -> Coverage:
        rows = sum(count for _, count in self.flawed)  # the counted schools' problem rows
        return Coverage(self.year, self.plans, self.left_out, rows)

    @property
    def sound(self) -> bool:
        """Nothing left out, no problem row: the exit code 0 of every form."""
        return not self.left_out and not self.problems

    @functools.cached_property
    def schools(self) -> list[School]:
        from cds_tracker.store import standingscache

        found = []
        as_of, quarter, year, today = self.asked
        kept: dict[str, Any] = {}
        if None in self.known or not self.known:
            kept = self.entries or standingscache.load_schools(self.batch)
        known = self.known or (None,) * len(self.cached)
        for name, path, school in zip(self.cached, self.sources, known, strict=True):
            entry = kept.get(name) if school is None else None
            if entry is not None:
                school = _decoded(entry, as_of, quarter, year, today)
            if school is None:  # deleted or damaged since: computed again, never a hole
                school = _school(path, as_of, quarter, year, today, name)[0]
            if school is not None:
                found.append(school)
        return found


def default_year(today: dt.date) -> int:
    """The plan year whose default window (15/12 of the year before to 14/12) holds today."""
    return today.year + 1 if (today.month, today.day) >= (12, 15) else today.year


# `plan: {year: 2026, …}` or `plan:` then an indented `year: 2026` among its lines.
_YEAR = re.compile(
    rb"^plan:[ \t]*(?:\{[^}\n]*?\byear:[ \t]*(\d{4})"
    rb"|(?:#[^\n]*)?\r?\n(?:[ \t]+[^\n]*\n)*?[ \t]+year:[ \t]*(\d{4}))",
    re.M,
)


def sniff_year(data: bytes) -> int | None:
    """A plan's year from its text, without parsing it (a province's 3,000 plans); None where
    it is not written plainly (the full read then says what is wrong)."""
    found = _YEAR.search(data)
    if found is None:
        return None
    return int(found.group(1) or found.group(2))


def gather(
    options: list[Path] | None,
    *,
    plan_year: int | None,
    as_of: dt.date | None,
    quarter: int | None,
    year: bool,
    today: dt.date,
    step: Step | None = None,
) -> Commune:
    """`cds rollup`: the plans `options` name, of one plan year, each file once, rolled up
    (contract: "Roll-ups count every school once"); plans_of_year, then commune_of."""
    chosen = plans_of_year(options, plan_year, today)
    return chosen.gathered(as_of=as_of, quarter=quarter, year=year, today=today, step=step)


@dataclass(frozen=True)
class Chosen:
    """The plans of one year a roll-up counts, and those given but refused before reading."""

    year: int
    paths: list[Path]
    left_out: list[LeftOut]
    named: dict[Path, str] = field(default_factory=dict)  # each school's name in the cache
    # The name of the files given, and whether they were never rolled up together (then no
    # school is named yet: each is, as it is read).
    given: str = ""
    first: bool = False

    def gathered(
        self,
        *,
        as_of: dt.date | None,
        quarter: int | None,
        year: bool,
        today: dt.date,
        step: Step | None = None,
    ) -> Commune:
        """These plans rolled up (commune_of), with those refused before reading (joined)."""
        commune = commune_of(
            self.paths,
            as_of=as_of,
            quarter=quarter,
            year=year,
            today=today,
            step=step,
            named=self.named,
            first=self.first,
        )
        if self.first and self.given:
            from cds_tracker.store import cache

            cache.write("rolled", self.given, b"")  # the next roll-up of them names each school
        return self.joined(commune)

    def joined(self, commune: Commune) -> Commune:
        extra = [Problem(o.file, o.line, o.message) for o in self.left_out]
        return replace(
            commune,
            plans=commune.plans + len(self.left_out),
            year=self.year,
            left_out=(*commune.left_out, *self.left_out),
            problems=(*commune.problems, *extra),
        )


def plans_of_year(options: list[Path] | None, plan_year: int | None, today: dt.date) -> Chosen:
    """The plan files `options` name (find_plan_files) of the year asked for (--plan-year, else
    the one whose window holds today). A plan found beside this year's (next year's, in the same
    plans/) is passed over; one of another year named directly is left out and named."""
    from cds_tracker.store.planfile import find_plan_files

    wanted = plan_year or default_year(today)
    paths: list[Path] = []
    left_out: list[LeftOut] = []
    given = find_plan_files(options)
    # Files never rolled up together (a province's first run): every school is read whole, and
    # named then by the bytes read, so the records are not read here too.
    listed = _schools_key([path for path, _ in given])
    first = not _rolled_up_before(listed)
    names: dict[Path, str] = {}
    for (path, direct), (found, name) in zip(given, _years_and_names(given, first), strict=True):
        if found is None or found == wanted:
            paths.append(path)
            if name is not None:
                names[path] = name
        elif direct:
            said = t("rollup.other_year", year=found, wanted=wanted)
            left_out.append(LeftOut(path.stem, path, None, said))
    if not paths and not left_out:
        raise fail(t("rollup.no_plan_of_year", year=wanted), t("rollup.no_plan_of_year.hint"))
    return Chosen(wanted, paths, left_out, names, listed, first)


def _rolled_up_before(listed: str) -> bool:
    from cds_tracker.store import cache

    return os.path.exists(cache.where("rolled", listed))


def _years_and_names(
    given: list[tuple[Path, bool]], years_only: bool = False
) -> list[tuple[int | None, str | None]]:
    """Each plan's year and its school's name in the cache (the hash of its plan, records and
    roster), every file read once; a folder listed once, to open no roster that is not there.
    A province's run hashes 6,000 files, a country's 60,000 (1 s): half of them in a second
    process where it can be forked (_in_two). `years_only`: the plans read alone, no name."""
    listed: dict[str, set[str] | None] = {}
    for path, _ in given:
        folder = os.path.dirname(str(path)) or "."
        if folder not in listed:
            try:
                listed[folder] = {name.casefold() for name in os.listdir(folder)}
            except OSError:
                listed[folder] = None  # each file is tried, and the full read says why
    jobs = [(str(path), listed[os.path.dirname(str(path)) or "."]) for path, _ in given]
    return _in_two(_year_only if years_only else _year_and_name, jobs)


def _year_only(job: tuple[str, set[str] | None]) -> tuple[int | None, None]:
    data = _regular_bytes(job[0])
    return (_year_in(data) if data is not None else None), None


def _year_and_name(job: tuple[str, set[str] | None]) -> tuple[int | None, str]:
    """The year a plan file says (None where it cannot be read: the full read names what is
    wrong with it) and its school's name in the cache, as _names makes it."""
    from cds_tracker.store import cache

    path, present = job
    data = _regular_bytes(path)
    found = _year_in(data) if data is not None else None
    digest = cache.key_start("school")
    for part in (data or b"", *_school_files(path, present, without_plan=True)):
        cache.key_add(digest, part)
    return found, cache.key_end(digest)


def _year_in(data: bytes) -> int | None:
    found = sniff_year(data[:4096])  # near the top: `plan:` follows `school:`
    if found is None:  # a long comment first, say: the whole plan
        found = sniff_year(data[:200_000])
    return found


def _names(paths: list[Path], named: dict[Path, str] | None = None) -> list[str]:
    """Each school's name in the cache (the hash of its files); `named`: those plans_of_year
    made already."""
    named = named or {}
    return [named[path] if path in named else _school_key(path) for path in paths]


def _school_key(path: Path) -> str:
    from cds_tracker.store import standingscache

    return standingscache.school_key(_school_files(path))


FORK_FROM = 1_000  # items; below this a second process costs more than it saves (measured)


def _in_two(work: Callable[[Any], Any], jobs: list[Any]) -> list[Any]:
    """[work(job) for job in jobs], the second half in a forked process (results sent back as
    marshal) where the system forks, has two cores and runs no other thread; else, or if the
    child fails, here. For reading and hashing files: no lock held across the fork."""
    if (
        len(jobs) < FORK_FROM
        or not hasattr(os, "fork")
        or (os.cpu_count() or 1) < 2
        or threading.active_count() > 1  # (a thread's lock could be held in the child)
    ):
        return list(map(work, jobs))
    import marshal

    half = len(jobs) // 2
    reading, writing = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return list(map(work, jobs))
    if child == 0:  # the child: its half, and gone (nothing of the parent's cleaned up)
        status = 1
        try:
            os.close(reading)
            with os.fdopen(writing, "wb") as out:
                out.write(marshal.dumps(list(map(work, jobs[half:]))))
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    payload = b""
    try:
        mine = list(map(work, jobs[:half]))
        with os.fdopen(reading, "rb") as pipe:
            payload = pipe.read()
    except BaseException:
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGKILL)
        raise
    finally:
        _, status = os.waitpid(child, 0)
    try:
        theirs = marshal.loads(payload) if status == 0 else None
    except (EOFError, ValueError, TypeError):
        theirs = None
    if not isinstance(theirs, list) or len(theirs) != len(jobs) - half:
        theirs = list(map(work, jobs[half:]))  # the child failed: its half here
    return mine + theirs


def commune_of(
    paths: list[Path],
    *,
    as_of: dt.date | None,
    quarter: int | None,
    year: bool,
    today: dt.date,
    step: Step | None = None,
    named: dict[Path, str] | None = None,
    first: bool = False,
) -> Commune:
    """The plans at `paths` gathered: the sound ones and those with problem rows counted, the
    unreadable ones and those sharing a school code left out, with every problem. `named`:
    Chosen.named, each school's name made as plans_of_year read its plan; `first`: these
    files were never rolled up together, and no school is named yet (each is as it is read).

    A school whose plan, records and roster are byte for byte as at an earlier run is counted
    from what the cache kept of it (standingscache.py) on the day asked for, its plan and
    records not read again.
    """
    import gc

    from cds_tracker.domain.rollup import combined as combine
    from cds_tracker.store import standingscache

    if sum((as_of is not None, quarter is not None, year)) > 1:
        raise fail(t("arg.choose_one"))
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise fail(t("arg.quarter_range", text=quarter))
    asked = _asked(as_of, quarter, year, today)
    was_enabled = gc.isenabled()
    gc.disable()  # as in open_many: many small objects, no cycles
    batch = _schools_key(paths)
    # A roll-up of these files never kept (a province's first run): every school is to be
    # read, so the workers start now and import what they need meanwhile.
    first = first or not _kept_before(batch)
    early = _pool() if len(paths) >= WORKERS_FROM and first else None
    try:
        # Each school named as it is read where none was kept (its name: None until then).
        names: list[Any] = [None] * len(paths) if first else _names(paths, named)
        # Every school as at a run that had no problem: its combined figures, kept whole.
        whole = "" if first else standingscache.rollup_key(names, asked)
        combined_before = standingscache.load_rollup(whole) if whole else None
        # A school entry deleted or damaged since is computed again when the sheets or the
        # report ask for it (Commune.schools): the whole run's figures stand.
        if combined_before is not None:
            if step is not None:
                for _ in paths:
                    step()
            again = (as_of, quarter, year, today)
            return Commune(
                combined_before,
                cached=tuple(names),
                sources=tuple(paths),
                batch=batch,
                asked=again,
                plans=len(paths),
            )
        # The schools the last roll-up of these files kept, in one entry (named after the
        # files): what each counts on the day asked for is computed from it (no standings: the
        # sheets ask for those).
        # What the schools counted on this day at an earlier run (one school changed since,
        # say): the others are counted from it, none decoded or computed again.
        that_day = standingscache.counted_key(batch, asked)
        counted_then = {} if first else standingscache.load_counted(that_day)
        # Each school's day (what it counts on the day asked for) as save_counted keeps it:
        # those counted before, the cache serving them, then those computed here.
        days: dict[int, standingscache.DayRecord] = {}
        for i, name in enumerate(names):
            entry = counted_then.get(name)
            if entry is not None and standingscache.sound_day(entry):
                days[i] = entry
        missing = not first and len(days) < len(names)
        before = standingscache.load_schools(batch) if missing else {}
        kept: dict[str, Any] = {}  # name -> encoded school, for the next run
        pending: list[tuple[int, Any]] = [
            (i, before[name]) for i, name in enumerate(names) if i not in days and name in before
        ]
        figures = functools.partial(_figures, as_of=as_of, quarter=quarter, year=year, today=today)
        # Half of them counted in a second process where there are many (a province's day).
        for (i, entry), found_here in zip(
            pending, _in_two(figures, [entry for _, entry in pending]), strict=True
        ):
            if found_here is not None:
                code, school_name, day, *columns = found_here
                days[i] = (code, school_name, day, entry[0], *columns)
        cached = frozenset(days)  # the schools the cache served
        for i, name in enumerate(names):
            entry = before.get(name)
            if i in cached and entry is not None:
                kept[name] = entry
            if i in cached and step is not None:
                step()
        todo = [
            (path, as_of, quarter, year, today, names[i])
            for i, path in enumerate(paths)
            if i not in cached
        ]
        # The plans this roll-up kept together, for a school to compute again (its records
        # changed, say): its plan read back without pydantic, as from a plan's own entry.
        plans_before = planfile.load_together(batch) if todo else {}
        known = {key: data for key, data in plans_before.values()}
        computed = iter(_compute_schools(todo, step, known, early))
        early = None  # shut down there
        plans: dict[str, tuple[str, Any]] = {}
        found: list[SchoolResult] = []
        tallies: list[Tally] = []
        lazy = set(cached)  # the schools whose standings the sheets will read from the cache
        for i, name in enumerate(names):
            here = str(paths[i])
            if i in cached:
                code, school_name, day, tally = standingscache.day_counted(days[i])
                found.append(((code, school_name, []), []))
                tallies.append(({day}, tally))
                if here in plans_before:
                    plans[here] = plans_before[here]
                continue
            (school, listed, entry), counts, plan, as_kept, named_now = next(computed)
            if name is None:
                name = names[i] = named_now if named_now is not None else _school_key(paths[i])
            if as_kept is not None:
                days[i] = as_kept
            if plan is not None:
                plans[here] = plan
            elif here in plans_before:
                plans[here] = plans_before[here]
            found.append((school, listed))
            tallies.append(counts or (set(), []))
            if entry is not None:
                kept[name] = entry
                if school is not None and not school[2]:
                    lazy.add(i)
        if kept.keys() != before.keys():
            standingscache.save_schools(batch, kept)
            planfile.save_together(batch, plans)
        # What each school kept counts on this day, for a run of the same day after a change.
        days_counted = {}
        for i, name in enumerate(names):
            school = found[i][0]
            if name in kept and school is not None and tallies[i][0]:
                days_counted[name] = days.get(i) or standingscache.day_record(
                    school[0], school[1], min(tallies[i][0]), tallies[i][1]
                )
        if days_counted.keys() != counted_then.keys():
            standingscache.save_counted(that_day, days_counted)
        # (still without the collector: 3,000 schools' objects made it run for 0.1 s)
        left_out, problems = [], []
        for path, (school, listed) in zip(paths, found, strict=True):
            problems += listed
            if school is None:  # the plan cannot be read: its problems say why
                said = listed[0] if listed else None
                message = said.message if said else t("rollup.unreadable")
                left_out.append(LeftOut(path.stem, path, said.line if said else None, message))
        counted = _one_school_per_code(paths, found, left_out, problems)
        doubled = {o.file for o in left_out}
        dates = {day for i in counted for day in tallies[i][0]}
        combined = combine([tallies[i][1] for i in counted], dates)
        commune = Commune(
            combined,
            cached=tuple(names[i] for i in counted),
            sources=tuple(paths[i] for i in counted),
            batch=batch,
            known=tuple(None if i in lazy else found[i][0] for i in counted),
            asked=(as_of, quarter, year, today),
            plans=len(paths),
            left_out=tuple(left_out),
            problems=tuple(problems),
            flawed=tuple(
                (school[0], len(listed))
                for i, (school, listed) in enumerate(found)
                if school is not None and listed and paths[i] not in doubled
            ),
            entries=kept,
        )
        if commune.sound:
            standingscache.save_rollup(whole or standingscache.rollup_key(names, asked), combined)
        return commune
    finally:
        if early is not None:
            early.shutdown()
        if was_enabled:
            gc.enable()


def _one_school_per_code(
    paths: list[Path],
    found: list[SchoolResult],
    left_out: list[LeftOut],
    problems: list[Problem],
) -> list[int]:
    """The schools to count, by index: two plans of one school code are both left out, each
    naming the other (a copy, or a plan of the same year twice, must not count one school
    twice)."""
    by_code: dict[str, list[int]] = {}
    for i, (school, _) in enumerate(found):
        if school is not None:
            by_code.setdefault(school[0].casefold(), []).append(i)
    doubled = {i for same in by_code.values() if len(same) > 1 for i in same}
    for same in by_code.values():
        if len(same) < 2:
            continue
        for i in same:
            others = ", ".join(str(paths[j]) for j in same if j != i)
            school = found[i][0]
            assert school is not None
            said = t("rollup.same_code", code=school[0], others=others)
            left_out.append(LeftOut(school[1], paths[i], None, said))
            problems.append(Problem(paths[i], None, said, t("rollup.same_code.hint")))
    return [i for i, (school, _) in enumerate(found) if school is not None and i not in doubled]


def _asked(as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date) -> object:
    """What a school's standings depend on besides its files: the day asked for."""
    return (as_of, quarter, year, today if as_of is None and quarter is None and not year else None)


def _schools_key(paths: tuple[Path, ...] | list[Path]) -> str:
    from cds_tracker.store import standingscache

    return standingscache.schools_key([str(path) for path in paths])


def _figures(
    entry: Any, *, as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date
) -> tuple[Any, ...] | None:
    """(code, name, the day's ordinal, then what each indicator counts as columns: value,
    count, of, met) of a school the cache kept, as plain data (_in_two may send it from a
    second process); None if unsound."""
    from cds_tracker.store import standingscache

    try:
        kept = standingscache.decode(entry)
        day = kept.day(as_of, quarter, year, today)
        rows = kept.counted(day)
        _, *columns = zip(*rows, strict=True) if rows else ((),) * 5
        return (kept.code, kept.name, day.toordinal(), *map(list, columns))
    except Exception:  # a wrong-shaped entry is a miss, whatever it raised
        return None


def _decoded(
    entry: Any, as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date
) -> School | None:
    from cds_tracker.store import standingscache

    try:
        kept = standingscache.decode(entry)
    except Exception:  # a wrong-shaped entry is a miss, whatever it raised
        return None
    return kept.code, kept.name, kept.standings(kept.day(as_of, quarter, year, today))


WORKERS_FROM = 300  # plans; below this a second process costs more than it saves (measured)


Computed = tuple["School | None", list[Problem], Any]  # ..., the school's entry where kept


Tally = tuple[set[dt.date], list["Counted"]]  # a school's day(s) and what it counts on them


PlanKept = tuple[str, Any]  # a plan validated anew: its key, its validated data (planfile)


# A school computed: it, what it counts, its plan where validated anew, its day as
# save_counted keeps it (where a worker sent it so), and its name.
Done = tuple[Computed, "Tally | None", "PlanKept | None", "tuple[Any, ...] | None", "str | None"]


def _pool() -> ProcessPoolExecutor | None:
    """Two worker processes, each importing what reading a school needs (pydantic's models:
    0.2 s) as soon as it starts; None on one core."""
    if (os.cpu_count() or 1) < 2:
        return None
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=2)
    for _ in range(2):
        pool.submit(_ready)
    return pool


def _ready() -> None:
    from cds_tracker.store import records, standingscache, yamlplan  # noqa: F401


def _kept_before(batch: str) -> bool:
    from cds_tracker.store import cache

    return os.path.exists(cache.where("schools", batch))


def _compute_schools(
    todo: list[tuple[Any, ...]],
    step: Step | None,
    known: dict[str, Any],
    early: ProcessPoolExecutor | None = None,
) -> list[Done]:
    """Each school's standings (or None where the cache keeps it: the sheets read it from
    there), what it counts, and its plan where validated anew, in the order given: in two
    worker processes for a province's first run (the work is per school and the machine has
    two cores), else here. `known`: plans kept together (planfile.together); `early`: the
    workers, started already (shut down here)."""
    from cds_tracker.domain.rollup import counted_of

    pool = early if early is not None else _pool() if len(todo) >= WORKERS_FROM else None
    if pool is not None and len(todo) < WORKERS_FROM:
        pool.shutdown()  # started for a first run, and the cache served most schools after all
        pool = None
    if pool is None:
        results: list[Done] = []
        for job in todo:
            with planfile.together(known) as read:
                kept, day, problems, entry, name = _read_school(*job)
            plan = next(iter(read.read.items()), None)
            if kept is None:
                results.append(((None, problems, None), None, plan, None, name))
            elif entry is not None:  # its standings: from the cache, when the sheets ask
                computed: Computed = ((kept.code, kept.name, []), problems, entry)
                results.append((computed, ({day}, kept.counted(day)), plan, None, name))
            else:
                rows = kept.standings(day)
                computed = ((kept.code, kept.name, rows), problems, None)
                tally = ({day}, list(map(counted_of, rows)))
                results.append((computed, tally, plan, None, name))
            if step is not None:
                step()
        return results
    done: list[Done] = []
    try:
        _in_workers(pool, todo, step, done)
    finally:
        pool.shutdown(cancel_futures=True)
    return done


def _in_workers(
    pool: ProcessPoolExecutor,
    todo: list[tuple[Any, ...]],
    step: Step | None,
    done: list[Done],
) -> None:
    from cds_tracker.store import standingscache

    for school, problems, entry, tally, plan, name in pool.map(_school_rows, todo, chunksize=64):
        if school is None:
            done.append(((None, problems, None), None, plan, None, name))
        else:
            day, shapes, *figures = tally
            # One indicators tuple for the schools whose shapes came as one object (a chunk's
            # schools sharing their indicators' section), the figures zipped onto it.
            counted = list(zip(standingscache.indicators_of(shapes), *figures, strict=True))
            rows = [standingscache.from_row(row) for row in school[2] or []]
            tallied = ({standingscache.day_of(day)}, counted)
            as_kept = (school[0], school[1], day, shapes, *figures) if entry is not None else None
            computed = ((school[0], school[1], rows), problems, entry)
            done.append((computed, tallied, plan, as_kept, name))
        if step is not None:
            step()


def _school(
    path: Path, as_of: dt.date | None, quarter: int | None, year: bool, today: dt.date, name: str
) -> Computed:
    """One school's standings, or its problems; and what the cache keeps of it (under `name`)
    where it is sound."""
    kept, day, found, entry, _ = _read_school(path, as_of, quarter, year, today, name)
    if kept is None or day is None:
        return None, found, None
    return (kept.code, kept.name, kept.standings(day)), found, entry


def _read_school(
    path: Path,
    as_of: dt.date | None,
    quarter: int | None,
    year: bool,
    today: dt.date,
    name: str | None,
) -> tuple[Kept | None, Any, list[Problem], Any, str | None]:
    """(the school as the cache keeps it, the day asked for, its problems, its entry where
    kept under `name`, and its name); the school None where its plan cannot be read. `name`
    None: named by the bytes read."""
    from cds_tracker.store import standingscache

    with files.witnessed() as read:
        workspace, found = check(path)
    if workspace is None:
        return None, None, found, None, name
    loaded = workspace.loaded
    day = as_of_date(loaded, as_of, quarter, year, today)
    kept = standingscache.Kept.of(loaded.plan, workspace.records.histories, loaded.members)
    # Kept only if the bytes read are those the name was made from: a record appended since
    # the files were named would otherwise be hidden under the old bytes' name for good. A
    # school with problem rows is not kept: its rows must be said every run.
    as_read = standingscache.school_key([read.get(f, b"") for f in paths.siblings_of(str(path))])
    if found or as_read != (name or as_read):
        return kept, day, found, None, name or as_read
    return kept, day, found, standingscache.encode(kept), as_read


def _school_rows(job: tuple[Any, ...]) -> tuple[Any, ...]:
    """_school in a worker process, as plain data (a Standing holds plan objects): what the
    school counts, its standings only where the cache does not keep it (the main process
    would rebuild 63,000 of them for a province, and compete with the workers for the cores),
    and its plan where validated anew (the sections the plans share are sent once a chunk)."""
    from cds_tracker.domain.rollup import counted_of
    from cds_tracker.store import standingscache

    with planfile.together() as read:
        kept, day, problems, entry, name = _read_school(*job)
    plan = next(iter(read.read.items()), None)
    if kept is None:
        return None, problems, None, None, plan, name
    if entry is not None:  # the standings: from the cache, when the sheets ask
        rows, counted = None, kept.counted(day)
    else:
        standings = kept.standings(day)
        rows = [standingscache.as_row(s) for s in standings]
        counted = list(map(counted_of, standings))
    # As columns: what each indicator counts, and the indicators' shapes as one object, the
    # same for the schools sharing their indicators (sent once a chunk, made once back there).
    _, *figures = zip(*counted, strict=True) if kept.rows else ((),) * 5
    shapes = standingscache.shapes_of([row[0] for row in kept.rows])
    tally = (day.toordinal(), shapes, *figures)
    return (kept.code, kept.name, rows), problems, entry, tally, plan, name


def _school_files(
    path: Path | str, present: set[str] | None = None, without_plan: bool = False
) -> list[bytes]:
    """The bytes of a school's plan, records and roster, for its name in the cache; empty
    where a file is missing or unreadable (then the full read says what is wrong). `present`:
    the names in the plan's folder, casefolded, where known (a file not among them, in any
    case, is not opened). `without_plan`: the records' and roster's alone.

    Built from strings, not pathlib: a province's later run spent a tenth of its time there."""
    found = []
    for name in paths.siblings_of(str(path))[1 if without_plan else 0 :]:
        if present is not None and os.path.basename(name).casefold() not in present:
            found.append(b"")  # most schools have no roster: 3,000 opens that fail, spared
            continue
        found.append(_regular_bytes(name) or b"")
    return found


_READING = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def _regular_bytes(name: str) -> bytes | None:
    """A regular file's bytes; None for one missing, unreadable, or not a regular file (a pipe
    named like a plan would hang the roll-up: opened without waiting, then looked at). Read
    with os.read, no file object: a province's later run reads 6,000 files (a third faster)."""
    try:
        fd = os.open(name, _READING)
    except (OSError, ValueError):
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None  # the full read says what it is (files.check_regular)
        data = os.read(fd, status.st_size + 1)
        if len(data) <= status.st_size:
            return data  # the whole file (a read of a regular file stops only at its end)
        pieces = [data]  # grown since it was looked at: read to its end
        while piece := os.read(fd, 1 << 20):
            pieces.append(piece)
        return b"".join(pieces)
    except OSError:
        return None
    finally:
        os.close(fd)


def rollup_workbook(result: Commune, output: Path, force: bool) -> Path:
    """`cds rollup --xlsx`: the commune's workbook."""
    from cds_tracker.output import workbook

    book = workbook.rollup_book(result.rollup, result.schools, result.coverage)
    write_new([(workbook_name(output), book)], force)
    return output
