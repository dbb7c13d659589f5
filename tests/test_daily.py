"""cds every day: help that teaches, a status that fits the screen, completion, progress."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

from cds_tracker import __version__
from cds_tracker.cli import SCHOOL_YEAR

Cds = Callable[..., Result]
COMMANDS = [*SCHOOL_YEAR, "people add"]


def test_version(cds: Cds) -> None:
    result = cds("--version")
    assert (result.exit_code, result.stdout) == (0, f"cds {__version__}\n")


def test_commands_are_listed_in_the_order_of_a_school_year(cds: Cds) -> None:
    listed = cds("--help").stdout.split("Lệnh:\n", 1)[1].split()
    assert [word for word in listed if word in SCHOOL_YEAR] == list(SCHOOL_YEAR)


def test_the_main_help_says_which_plan_is_used_and_how_to_switch_language(cds: Cds) -> None:
    text = " ".join(cds("--help").stdout.split())
    assert "kế hoạch trong plans/ có kỳ số liệu chứa ngày hôm nay" in text
    assert "CDS_LANG=en" in text


def test_summaries_are_never_cut(cds: Cds) -> None:
    commands = cds("--help").stdout.split("Lệnh:\n", 1)[1]
    assert "..." not in commands


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_ends_with_real_examples(cds: Cds, command: str) -> None:
    text = cds(*command.split(), "--help").stdout
    examples = text.split("Ví dụ:", 1)[1].strip().splitlines()
    assert 2 <= len(examples) <= 4
    assert all(line.strip().startswith("cds ") for line in examples)
