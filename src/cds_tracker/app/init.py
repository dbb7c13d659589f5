"""`cds init`: a new school's folder and plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cds_tracker.checks.problem import CdsError, fail
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
    from cds_tracker.store.planfile import plan_years
    from cds_tracker.store.yamlplan import new_plan_text
    from cds_tracker.store.yamlplan import validate as validate_text

    base = folder or cwd or current_folder()
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


# --- publishing ---------------------------------------------------------------------------
