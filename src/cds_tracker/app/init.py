"""`cds init`: a new school's folder and plan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cds_tracker.checks.problem import CdsError, Problem, fail
from cds_tracker.store import gitrepo, shipped
from cds_tracker.store.files import atomic_write, current_folder, read_utf8, write_problem
from cds_tracker.store.paths import slug
from cds_tracker.text.messages import t

GITIGNORE = """# Khóa tạm của cds khi ghi kết quả (không cần lưu vào git).
*.lock
# Nếu kho git này công khai, bỏ dấu # ở dòng dưới để không đưa danh sách người (có họ tên) lên:
# *.people.csv
"""


@dataclass(frozen=True)
class Initialised:
    path: Path  # the plan written
    folder: Path | None  # the school's folder, where --folder made it
    git: bool  # a git repository was made there
    not_committed: str | None = None  # why git could not keep the plan, where cds commits


def init_plan(
    *,
    name: str,
    code: str,
    place: str,
    year: int,
    parent: str | None = None,
    head: str | None = None,
    output: Path | None = None,
    folder: Path | None = None,
    source: Path | None = None,
    cwd: Path | None = None,
) -> Initialised:
    """Write a new school's plan from the shipped one; refuse to overwrite.

    `folder`: the school's own folder, made if need be, with plans/ inside and a git repository
    where git is installed. A plans/ folder never gets a second plan of one year: every command
    after would have to ask which one is meant.
    """
    from cds_tracker.store.yamlplan import new_plan_text
    from cds_tracker.store.yamlplan import validate as validate_text

    output = _target_path(folder or cwd or current_folder(), output, year, code)
    text = new_plan_text(
        read_utf8(source or shipped.example_plan()),
        name=name,
        code=code,
        place=place,
        year=year,
        parent=parent,
        head=head,
    )
    validate_text(text, output)  # what we write must read back as a valid plan: check first
    return _write_plan(text, output, folder, year, name)


def _target_path(base: Path, output: Path | None, year: int, code: str) -> Path:
    """plans/<year>-<code>.yaml in `base`, or `output`; refused where a plan of that year is."""
    from cds_tracker.store.planfile import plan_years

    if output is None:
        output = base / "plans" / f"{year}-{slug(code)}.yaml"
        same_year = plan_years(output.parent).get(year)
        if same_year is not None and not output.exists():
            raise fail(
                t("init.same_year", path=same_year, year=year),
                t("init.same_year.hint", folder=Path(t("init.example_folder", year=year))),
            )
    if output.exists():
        raise fail(t("init.exists", path=output), t("init.exists.hint"))
    return output


def _write_plan(text: str, output: Path, folder: Path | None, year: int, name: str) -> Initialised:
    ignore = output.parent / ".gitignore"
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, text.encode("utf-8"))
        if not ignore.exists():
            # `cds record` leaves a lock file beside the records; it has no place in git.
            atomic_write(ignore, GITIGNORE.encode("utf-8"))
    except OSError as exc:
        raise CdsError([write_problem(output, exc)]) from None
    git = folder is not None and gitrepo.init(folder)
    message = t("git.init", year=year, school=" ".join(name.split()))
    warning = gitrepo.commit([output, ignore], message)
    return Initialised(output, folder, git, warning)


@dataclass(frozen=True)
class Imported:
    """A plan read from the school's own document: where it went, what was read and missed."""

    done: Initialised
    indicators: int
    groups: int
    guesses: int
    missed: list[str]  # what to add by hand, in the document's words or saying what


def init_from(
    source: Path,
    *,
    name: str | None = None,
    code: str | None = None,
    place: str | None = None,
    year: int | None = None,
    parent: str | None = None,
    head: str | None = None,
    output: Path | None = None,
    folder: Path | None = None,
    cwd: Path | None = None,
    today: int | None = None,
) -> Imported:
    """`cds init --from FILE`: the plan read from the school's document (.docx, .txt, .md);
    the options win over what the document says; nothing written for a document with no
    target, or where a plan of that year is already."""
    from cds_tracker.store import plandoc
    from cds_tracker.store.yamlplan import validate as validate_text

    doc = plandoc.read_document(plandoc.read_lines(source))
    if not any(group.targets for group in doc.groups):
        raise fail(t("imp.no_targets"), t("imp.no_targets.hint"), source)
    chosen = {"name": name or doc.name, "code": code or doc.code, "place": place or doc.place}
    options = {"name": "--name", "code": "--code", "place": "--place"}
    lacking = [
        Problem(None, None, t("imp.missing", what=t(f"imp.what.{key}"), option=options[key]))
        for key, value in chosen.items()
        if not value
    ]
    if lacking:
        raise CdsError(lacking)
    the_year = year or doc.year or today or 2026
    target = _target_path(folder or cwd or current_folder(), output, the_year, str(chosen["code"]))
    text = plandoc.plan_text(
        doc, name=str(chosen["name"]), code=str(chosen["code"]), place=str(chosen["place"]),
        year=the_year, parent=parent or doc.parent, head=head or doc.head, source=source,
    )  # fmt: skip
    # What is written must read back as a valid plan once its headcounts are in.
    validate_text(re.sub(r"^(  \w+): 0 ", r"\1: 1 ", text, flags=re.M), target)
    missed = list(doc.missed)
    if not (head or doc.head):
        missed.insert(0, t("imp.missed.head"))
    if not doc.number:
        missed.insert(0, t("imp.missed.number"))
    found = [target for group in doc.groups for target in group.targets]
    done = _write_plan(text, target, folder, the_year, str(chosen["name"]))
    guesses = sum(len(x.guesses) for x in found) + len({x.of for x in found if x.of})
    return Imported(done, len(found), len(doc.groups), guesses, missed)


# --- publishing ---------------------------------------------------------------------------
