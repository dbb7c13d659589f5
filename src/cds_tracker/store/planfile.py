"""Finding and loading a plan, with a cache that spares unchanged plans the YAML and pydantic cost.

Profile (python -X importtime, cProfile; `cds status --json`, 100 records): importing pydantic's
BaseModel took 51 ms, building the plan's models 39 ms, ruamel's round-trip parse 19 ms, against a
71 ms floor for importing typer, pydantic, ruamel.yaml and rich. A plan changes a few times a year
and is read many times a day, so the validated plan is kept in the cache (store/cache.py) under its
text and the tool's own source: a hit rebuilds the dataclasses from JSON in well under a
millisecond and imports neither ruamel nor pydantic. A miss, or any trouble with the cache, takes
the full path; the cache can be deleted at any time.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cds_tracker.checks import registry as checks
from cds_tracker.checks.problem import CdsError, Problem, fail
from cds_tracker.domain.model import Plan, RolePopulation
from cds_tracker.store import cache
from cds_tracker.store.files import current_folder, read_utf8
from cds_tracker.store.paths import records_path, roster_path
from cds_tracker.store.people import Roster
from cds_tracker.store.people import read as read_roster
from cds_tracker.text.messages import t

MAX_PLAN_BYTES = 2_000_000  # a real plan is 10 kB; a commune's largest well under 1 MB


@dataclass(frozen=True)
class LoadedPlan:
    """A validated plan, where it came from, and the roster its populations draw on."""

    plan: Plan
    path: Path
    roster: Roster | None = None
    members: dict[str, frozenset[str]] = field(default_factory=dict)  # population -> person ids
    # The roster's bad rows: problem rows like the records' (the person is not counted), not
    # a reason to refuse the whole plan.
    roster_problems: tuple[Problem, ...] = ()

    @property
    def records_path(self) -> Path:
        return records_path(self.path)


def find_plan(option: Path | None, cwd: Path | None = None, today: dt.date | None = None) -> Path:
    """--plan, else $CDS_PLAN, else the plan in ./plans/ (contract: 'Which plan').

    Where plans/ holds several (last year's and this year's), the one whose year window
    contains today is used, if exactly one does.
    """
    if option is not None:
        return option
    env = os.environ.get("CDS_PLAN")
    if env:
        return Path(env)
    here = cwd or current_folder()
    folder = here / "plans"
    if not folder.is_dir() and here.name.lower() == "plans":
        folder = here  # run from inside plans/: the school's folder is one up, the plans here
    found = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not found:
        raise fail(t("plan.none", folder=folder), t("plan.none.hint"))
    if len(found) == 1:
        return found[0]
    day = today or dt.date.today()
    broken: list[Problem] = []
    current = [path for path in found if _covers(path, day, broken)]
    if len(current) == 1:
        return current[0]
    if broken:  # the plan for today may be the one that does not read: say why
        raise CdsError([*broken, Problem(None, None, t("plan.broken_sibling", folder=folder))])
    names = ", ".join(p.name for p in found)
    raise fail(t("plan.many", folder=folder, found=names), t("plan.many.hint"))


def _covers(path: Path, day: dt.date, broken: list[Problem]) -> bool:
    """True where the plan at `path` reads, and its year window holds `day`; the problems of a
    plan that does not read go to `broken`."""
    from cds_tracker.domain import periods

    try:
        return periods.contains(load_plan(path).plan, day)
    except CdsError as exc:
        broken += exc.problems
        return False


def plan_years(folder: Path) -> dict[int, Path]:
    """The plans in `folder` that read, by their year."""
    years: dict[int, Path] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            years.setdefault(load_plan(path).plan.meta.year, path)
        except CdsError:
            continue
    return years


PLAN_SUFFIXES = (".yaml", ".yml")


def find_plans(options: list[Path] | None, cwd: Path | None = None) -> list[Path]:
    """Several plans (a commune's, a province's): each --plan a file, a folder of *.yaml, a
    pattern ("truong-*/plans"), or @FILE listing such paths one a line; else as find_plan."""
    return [path for path, _ in find_plan_files(options, cwd)]


def find_plan_files(options: list[Path] | None, cwd: Path | None = None) -> list[tuple[Path, bool]]:
    """find_plans, each path with whether it was named directly (a file on the command line or
    a list's line) rather than found (in a folder, by a pattern): a roll-up refuses a plan of
    another year named directly, and passes over one found beside this year's.

    Patterns and folders give plan files only (records, rosters, notes, locks are no plans);
    a school's folder stands for its plans/. Each file once, the first time it is reached
    (through a link or a second pattern too)."""
    if not options:
        return [(find_plan(None, cwd), True)]
    found: dict[object, tuple[Path, bool]] = {}
    expanded = [pair for option in options for pair in _expand(option, cwd)]
    for path, direct in expanded:
        if path.is_dir():
            # One folder alone: its entries are its files, told apart by readdir's inode.
            inside = _plans_in(path, exact=len(expanded) > 1)
            if not inside:
                raise fail(t("plan.none", folder=path), t("plan.none.hint"))
            for entry, identity in inside:
                found.setdefault(identity, (entry, False))
        elif direct or path.suffix.lower() in PLAN_SUFFIXES:
            found.setdefault(_identity(path), (path, direct))
    return list(found.values())


def _plans_in(folder: Path, exact: bool = True) -> list[tuple[Path, object]]:
    """The plan files of a folder, its own or those of its plans/ (a school's folder), in name
    order, each with its identity: one listing (os.scandir: a province's 3,000 plans were 3,000
    Path objects, stats and comparisons, a quarter of a later roll-up). `exact`: identities
    comparable with _identity's (other folders and files are gathered too), else told apart
    within this listing alone (a country's 30,000 stats spared; a link is still followed)."""
    found = _plan_entries(folder)
    if not found and (folder / "plans").is_dir():
        folder = folder / "plans"
        found = _plan_entries(folder)
    found.sort(key=lambda pair: pair[0])  # as Path sorts one folder's files (case on Windows)
    exact = exact or any(entry.is_symlink() for _, entry in found)
    made: list[tuple[Path, object]] = []
    for _, entry in found:
        path = folder / entry.name
        if not exact:
            made.append((path, ("listed", entry.inode())))
            continue
        try:
            status = entry.stat()  # as _identity's os.stat (readdir's inode differs on overlayfs)
        except OSError:
            made.append((path, path))
            continue
        made.append((path, (status.st_dev, status.st_ino) if status.st_ino else path.resolve()))
    return made


def _plan_entries(folder: Path) -> list[tuple[str, os.DirEntry[str]]]:
    """(the name as Path sorts it, the entry) of each plan file in `folder`; none if unlisted."""
    found = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                # (most names of a plans folder are records: the last letter tells them apart)
                plan = name[-1:] in "lL" and os.path.splitext(name)[1].lower() in PLAN_SUFFIXES
                if plan and entry.is_file():
                    found.append((os.path.normcase(name), entry))
    except OSError:
        return []
    return found


def _identity(path: Path) -> object:
    """One name for one file, however reached (a link, '..', a second pattern): its device and
    inode (one stat, where resolving the path stats each of its folders: 3,000 plans' worth)."""
    try:
        status = os.stat(path)
    except OSError:
        return path
    return (status.st_dev, status.st_ino) if status.st_ino else path.resolve()


def _expand(
    option: Path, base: Path | None, lists: tuple[Path, ...] = ()
) -> list[tuple[Path, bool]]:
    """The paths one --plan stands for, each with whether it was named directly: a list
    file's lines, a pattern's matches, or itself.

    `base` is where a relative path starts: None for the current folder (the command line: the
    path stays as typed, and an absolute one needs no current folder at all), the list's
    own folder for the lines of a list (so a list travels with the folders it names). `lists`:
    the lists being read, so that a list naming itself (or two naming each other) is refused.
    """
    import glob

    text = str(option)
    if text.startswith("@"):
        listing = base / text[1:] if base is not None else Path(text[1:])
        found: list[tuple[Path, bool]] = []
        lines = read_utf8(listing).splitlines()
        for number, line in enumerate(lines, start=1):
            # A list written on Windows says 'truong-a\\plans': the same path everywhere.
            entry = line.split("#", 1)[0].strip().replace("\\", "/")
            if not entry:
                continue
            if entry.startswith("@") and _same_list(listing.parent / entry[1:], (*lists, listing)):
                raise fail(t("plan.list_cycle"), t("plan.list_cycle.hint"), listing, number)
            found += _expand(Path(entry), listing.parent, (*lists, listing))
        if not found:
            raise fail(t("plan.list_empty", file=listing), t("plan.none.hint"))
        return found
    full = option if option.is_absolute() or base is None else base / option
    if glob.has_magic(text):
        matches = sorted(glob.glob(str(full)))
        if not matches:
            raise fail(t("plan.no_match", pattern=text), t("plan.none.hint"))
        return [(Path(m), False) for m in matches]
    return [(full, True)]


def _same_list(candidate: Path, reading: tuple[Path, ...]) -> bool:
    try:
        return any(candidate.resolve() == listed.resolve() for listed in reading)
    except OSError:
        return False


def load_plan(path: Path) -> LoadedPlan:
    """Read and validate a plan; raise CdsError listing every problem with its line. A plan
    read anew is cached (a province's next-day roll-up reads 3,000 of them back: 1.7 s against
    4.5 s for 1,000 plans, measured)."""
    text = read_utf8(path, MAX_PLAN_BYTES)
    # The package's source is part of the key: a check added or changed is never hidden.
    key = cache.key("plan", text)
    known = _together.known.get(key) if _together is not None else None
    plan = _from_data(known) if known is not None else None
    if plan is None and _together is None:  # (a roll-up writes no plan's own entry: none read)
        plan = cache.decode("plan", key, _decoded)
    if plan is None:
        from cds_tracker.store import (
            yamlplan,  # ruamel and pydantic: only for a plan not seen before
        )

        data = yamlplan.validate(text, path)
        plan = Plan.from_dict(data)
        if _together is not None:
            _together.read[key] = data
        else:
            cache.write("plan", key, marshal.dumps(data))  # a tenth of json's time, both ways
    return _with_roster(LoadedPlan(plan, path), text)


@dataclass
class Together:
    """A roll-up's plans, kept in one entry (a province's first run spent 2 s creating 3,000
    files, one a plan, measured). `known`: plan key -> validated data, read from that entry;
    `read`: the same of the plans validated while this is in force, for the roll-up to keep."""

    known: dict[str, Any] = field(default_factory=dict)
    read: dict[str, Any] = field(default_factory=dict)


_together: Together | None = None


@contextmanager
def together(known: dict[str, Any] | None = None) -> Iterator[Together]:
    """While in force, load_plan looks up `known` before the cache, and keeps the plans it
    validates in the Together yielded instead of a file each."""
    global _together
    before, _together = _together, Together(known or {})
    try:
        yield _together
    finally:
        _together = before


def load_together(name: str) -> dict[str, tuple[str, Any]]:
    """A roll-up's plans kept under `name`: plan file -> (plan key, validated data); empty
    where there is none or it is not sound."""
    found = cache.decode("plans", name, marshal.loads)
    if not isinstance(found, dict):
        return {}
    return {
        path: kept
        for path, kept in found.items()
        if isinstance(path, str) and isinstance(kept, tuple) and len(kept) == 2
        and isinstance(kept[0], str) and isinstance(kept[1], dict)
    }  # fmt: skip


def save_together(name: str, plans: dict[str, tuple[str, Any]]) -> None:
    # marshal writes an object shared by several plans (a section the same text) once.
    cache.write("plans", name, marshal.dumps(plans))


def _with_roster(loaded: LoadedPlan, text: str) -> LoadedPlan:
    """Read the roster beside the plan, if any, and size the populations drawn from it."""
    drawn = {n: p for n, p in loaded.plan.populations.items() if isinstance(p, RolePopulation)}
    where = roster_path(loaded.path)
    if not drawn and not where.exists():
        return loaded
    roster = read_roster(where)
    problems: list[Problem] = []
    members = {name: roster.with_roles(population.roles) for name, population in drawn.items()}
    found = [f for check in checks.ROSTER_CHECKS for f in check(drawn, members, where)]
    if found:
        from cds_tracker.store.yamlplan import locate  # ruamel: only to say where the problem is

        problems += [f.at(loaded.path, locate(text, f.loc)) for f in found]
    if problems:
        raise CdsError(problems)
    sizes = {**loaded.plan.populations, **{name: len(ids) for name, ids in members.items()}}
    counted = {name: tuple(sorted(drawn[name].roles)) for name in drawn}
    plan = replace(loaded.plan, populations=sizes, drawn=counted)
    bad_rows = tuple(roster.problems)
    return replace(loaded, plan=plan, roster=roster, members=members, roster_problems=bad_rows)


# --- the cache ----------------------------------------------------------------------------------


def _decoded(payload: bytes) -> Plan:
    """A cached plan, checked as validation would have left it (else the entry is a miss)."""
    plan = _from_data(marshal.loads(payload))
    if plan is None:
        raise ValueError("implausible cached plan")
    return plan


def _from_data(data: Any) -> Plan | None:
    """A plan's validated data as a cache kept it (its own entry, or a roll-up's: load_together),
    checked as validation would have left it; None if unsound."""
    if not isinstance(data, dict):
        return None
    try:
        plan = Plan.from_dict(data)
    except Exception:  # a wrong-shaped entry is a miss, whatever it raised
        return None
    return plan if _plausible(plan) else None


def _plausible(plan: Plan) -> bool:
    """The types validation guarantees, checked again on a cached plan (a hand-made entry of
    other types would crash a later command instead of being a miss)."""
    from cds_tracker.domain.model import KINDS, Target

    def number(value: object) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool) and value == value

    def target(value: object) -> bool:
        return value is None or (isinstance(value, Target) and number(value.value))

    if not (isinstance(plan.meta.year, int) and isinstance(plan.reporting.stale_days, int)):
        return False
    sizes = plan.populations.values()
    if not all(isinstance(s, RolePopulation) or (isinstance(s, int) and s > 0) for s in sizes):
        return False
    return all(
        isinstance(i.id, str)
        and isinstance(i.name, str)
        and isinstance(i.group, str)
        and i.kind in KINDS
        and (i.of is None or isinstance(i.of, str) or number(i.of))
        and target(i.target)
        and target(i.stretch)
        and (i.baseline is None or number(i.baseline))
        for i in plan.indicators
    )
