"""Shared fixtures: a scratch copy of the shipped plan, small plans written inline, the CLI."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cds_tracker.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_PLAN = ROOT / "plans" / "2026-xuan-tien.yaml"

MINIMAL = """\
school:
  name: Trường Tiểu học Thử
  code: THT
  place: Xuân Trường
plan:
  year: 2026
  date: 2026-05-29
populations:
  staff: 31
  teachers: 24
groups:
  "2.3": Về phát triển nguồn lực số
indicators:
  - id: ky-nang-so
    group: "2.3"
    name: Cán bộ, viên chức được bồi dưỡng kỹ năng số cơ bản
    kind: ratio
    of: staff
    target: 100
"""


def calls_of(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[tuple[object, ...]]:
    """The arguments of every call of `owner.name` from now on, each call still made: counted
    work (cells made, rows drawn, bytes decoded) instead of timings."""
    calls: list[tuple[object, ...]] = []
    real = getattr(owner, name)

    def recorded(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test its own plan cache: nothing written to the user's folders, no test sees another's."""
    monkeypatch.setenv("CDS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def school(tmp_path: Path) -> Path:
    """A folder with plans/2026-xuan-tien.yaml, as a school's repository has it."""
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / SHIPPED_PLAN.name)
    return tmp_path


@pytest.fixture
def shipped(school: Path) -> Path:
    return school / "plans" / SHIPPED_PLAN.name


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[[str], Path]:
    """Write a plan from (dedented) text and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "plan.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def cds() -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args), catch_exceptions=False, prog_name="cds")

    return invoke


def calc_installed() -> bool:
    """LibreOffice with its Calc component: Writer alone (libreoffice-writer-nogui) has the
    same `soffice` but cannot open a spreadsheet."""

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    if shutil.which("localc"):
        return True
    program = Path(soffice).resolve().parent
    return any((program / name).exists() for name in ("libsclo.so", "sclo.dll", "libsclo.dylib"))
