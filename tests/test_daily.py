"""cds every day: help that teaches, a status that fits the screen, completion, progress."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from cds_tracker import __version__
from cds_tracker.cli import SCHOOL_YEAR
from cds_tracker.output.views import Marks
from tests.conftest import SHIPPED_PLAN

Cds = Callable[..., Result]


def registered_commands() -> list[str]:
    """Every command the app has, sub-commands as 'people add': a new one is never missed."""
    from typer.main import get_command

    from cds_tracker.cli import app

    group = get_command(app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        inner = getattr(command, "commands", None)
        found += [f"{name} {sub}" for sub in inner] if inner else [name]
    return sorted(found)


COMMANDS = registered_commands()


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


# --- a status that fits the screen -----------------------------------------------------------


def filled(cds: Cds, plan: Path) -> None:
    for args in (
        ("ky-nang-so-co-ban", "27", "--date", "20/5/2026"),
        ("hoc-lieu-so", "21", "--of", "130", "--date", "2/6/2026"),
        ("thanh-toan-truc-tuyen", "78,5", "--date", "1/6/2026"),
        ("tin-bai-cds", "4", "--date", "1/3/2026"),
    ):
        cds("record", *args, "--plan", str(plan))


def screen_lines(text: str, columns: int) -> int:
    """How many lines a terminal of `columns` shows for `text` (long lines wrap)."""
    return sum(max(1, -(-len(line) // columns)) for line in text.splitlines())


@pytest.mark.parametrize(("columns", "budget"), [(80, 60), (120, 35)])
def test_the_shipped_plan_fits_the_screen(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch, columns: int, budget: int
) -> None:
    filled(cds, shipped)
    monkeypatch.setenv("COLUMNS", str(columns))
    out = cds("status", "--as-of", "14/6/2026", "--plan", str(shipped)).stdout
    assert screen_lines(out, columns) <= budget
    assert max(len(line) for line in out.splitlines() if line.startswith("  ")) <= columns


def test_at_120_columns_each_indicator_takes_one_line(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled(cds, shipped)
    monkeypatch.setenv("COLUMNS", "120")
    out = cds("status", "--as-of", "14/6/2026", "--plan", str(shipped)).stdout
    [line] = [line for line in out.splitlines() if "ky-nang-so-co-ban" in line]
    assert "Cán bộ, viên chức được bồi" in line and "27/31 = 87,1%" in line
    assert "Đang thực hiện" in line or "Chậm tiến độ" in line
    assert "█" in line


def test_a_status_table_has_no_trailing_spaces(
    cds: Cds, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled(cds, shipped)
    for columns in ("60", "80", "120", "200"):
        monkeypatch.setenv("COLUMNS", columns)
        out = cds("status", "--as-of", "14/6/2026", "--plan", str(shipped)).stdout
        assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_status_filters_by_group_and_state_on_the_table(cds: Cds, shipped: Path) -> None:
    filled(cds, shipped)
    out = cds(
        "status", "--group", "2.3", "--only", "on_track", "--only", "behind",
        "--as-of", "14/6/2026", "--plan", str(shipped),
    ).stdout  # fmt: skip
    ids = [line.split()[0] for line in out.splitlines() if line[:3] == "  " + line[2:3].strip()]
    assert [i for i in ids if i[0].isalpha()] == ["ky-nang-so-co-ban"]
    assert "2.3. Về phát triển nguồn lực số" in out and "2.2." not in out


def test_status_filters_apply_to_json_too(cds: Cds, shipped: Path) -> None:
    filled(cds, shipped)
    out = cds(
        "status", "--json", "--only", "met,no_data", "--group", "2.4",
        "--as-of", "14/6/2026", "--plan", str(shipped),
    ).stdout  # fmt: skip
    rows = json.loads(out)["indicators"]
    assert [(r["id"], r["status"]) for r in rows] == [
        ("csdl-nganh", "no_data"),
        ("hoc-lieu-so", "met"),
        ("hoc-ba-so", "no_data"),
    ]


def test_an_unknown_state_lists_the_states(cds: Cds, shipped: Path) -> None:
    result = cds("status", "--only", "slow", "--plan", str(shipped))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "Tình trạng 'slow' không có; chọn một trong: met (Đạt), on_track (Đang thực hiện), "
        "behind (Chậm tiến độ), not_met (Chưa đạt), no_data (Chưa có số liệu).",
    )


def test_an_old_console_gets_plain_marks() -> None:
    assert Marks.for_encoding("cp437") == Marks("!", "#", "-")
    assert Marks.for_encoding("utf-8").bar(0.5, 4) == "██░░"


def test_english_agrees_in_number(monkeypatch: pytest.MonkeyPatch) -> None:
    from cds_tracker.text import messages

    with messages.language("en"):
        assert messages.t("validate.count", count=1).startswith("1 problem.")
        assert messages.t("validate.count", count=2).startswith("2 problems.")
        one = messages.t("status.stale", count=1, days=60, mark="!")
        assert one == "! 1 indicator has data older than 60 days (marked !): update it."


# --- completion of ids, in a real bash ----------------------------------------------------------

CDS = shutil.which("cds", path=str(Path(sys.executable).parent))
BASH = shutil.which("bash")


def complete(folder: Path, line: str) -> list[str]:
    """What bash offers for `line` + Tab, through the completion script cds installs."""
    assert CDS is not None and BASH is not None
    script = subprocess.run(
        [CDS, "--show-completion", "bash"], capture_output=True, text=True, check=True
    ).stdout
    words = line.split(" ")
    driver = (
        f"{script}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
        # By name, from PATH, as a user's shell runs it: a checkout's path may hold spaces.
        "_cds_completion cds\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "CDS_PLAN"}
    env["PATH"] = os.pathsep.join([str(Path(CDS).parent), env.get("PATH", "")])
    done = subprocess.run(
        [BASH, "--norc", "-c", driver], capture_output=True, text=True, cwd=folder, env=env
    )
    return [line for line in done.stdout.splitlines() if line]


needs_bash = pytest.mark.skipif(
    CDS is None or BASH is None, reason="the cds script (make install) and bash are needed"
)


@needs_bash
def test_tab_completes_indicator_ids_of_the_plan_in_use(school: Path) -> None:
    assert complete(school, "cds record ky") == ["ky-nang-so-co-ban"]
    assert "tin-bai-cds" in complete(school, "cds history ")
    assert complete(school, "cds status gv-") == ["gv-chung-thu-so", "gv-tap-huan-nen-tang-so"]


@needs_bash
def test_tab_completes_quarters(school: Path) -> None:
    assert complete(school, "cds report --quarter ") == ["1", "2", "3", "4"]


@needs_bash
def test_tab_offers_nothing_where_there_is_no_plan(tmp_path: Path) -> None:
    assert complete(tmp_path, "cds record ky") == []


# --- progress on slow work; the PDF of an edited report ------------------------------------------

POSIX = os.name == "posix"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def run_cds(args: list[str], cwd: Path, tty: bool) -> tuple[int, str]:
    """Run cds with stderr on a pseudo-terminal (as in a console) or a pipe; (code, stderr)."""
    command = [sys.executable, "-m", "cds_tracker", *args]
    env = {**os.environ, "COLUMNS": "100"}
    if not tty:
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=cwd, env=env, timeout=300
        )
        return done.returncode, done.stderr
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    code = proc.wait(300)
    return code, b"".join(chunks).decode("utf-8", "replace")


def commune(tmp_path: Path, schools: int) -> Path:
    folder = tmp_path / "xa"
    folder.mkdir()
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    for i in range(schools):  # one code a school: two of one code would both be left out
        (folder / f"2026-truong-{i}.yaml").write_text(
            text.replace("code: THXT", f"code: T{i}"), encoding="utf-8"
        )
    return folder


@pytest.mark.skipif(not POSIX, reason="pseudo-terminals are POSIX")
def test_rollup_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    folder = commune(tmp_path, 3)
    code, err = run_cds(["rollup", "--plan", str(folder)], tmp_path, tty=True)
    assert code == 0 and "Đang đọc các kế hoạch" in err


def test_rollup_shows_no_progress_in_a_pipe(tmp_path: Path) -> None:
    folder = commune(tmp_path, 3)
    code, err = run_cds(["rollup", "--plan", str(folder)], tmp_path, tty=False)
    assert (code, err) == (0, "")


@pytest.mark.skipif(not POSIX or SOFFICE is None, reason="needs a pseudo-terminal and LibreOffice")
def test_pdf_conversion_shows_a_spinner_on_a_terminal(shipped: Path, school: Path) -> None:
    args = ["report", "--quarter", "2", "--date", "12/6/2026", "--pdf", "--plan", str(shipped)]
    code, err = run_cds(args, school, tty=True)
    assert code == 0 and "Đang chuyển sang PDF bằng LibreOffice" in err


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_pdf_only_keeps_a_hand_edited_docx_byte_identical(
    cds: Cds, shipped: Path, school: Path
) -> None:
    from docx import Document

    assert cds("report", "--quarter", "2", "--plan", str(shipped)).exit_code == 0
    docx = school / "reports" / "bao-cao-cds-thxt-2026-quy-2.docx"
    edited = Document(str(docx))
    edited.add_paragraph("Hiệu trưởng đã sửa đoạn này trong Word.")
    edited.save(str(docx))
    before = docx.read_bytes()
    result = cds("report", "--quarter", "2", "--pdf-only", "--plan", str(shipped))
    assert result.exit_code == 0, result.stderr
    assert docx.read_bytes() == before
    assert docx.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def test_pdf_only_without_a_report_says_to_write_it_first(cds: Cds, shipped: Path) -> None:
    result = cds("report", "--quarter", "2", "--pdf-only", "--plan", str(shipped))
    assert result.exit_code == 1
    assert "Lập báo cáo trước (bỏ --pdf-only)" in result.stderr


# --- the README ----------------------------------------------------------------------------------

README = (SHIPPED_PLAN.parents[1] / "README.md").read_text(encoding="utf-8")


def test_the_readme_links_nothing_outside_the_repository() -> None:
    import re

    targets = re.findall(r"\]\(([^)]+)\)", README)
    assert [t for t in targets if t.startswith(("http", "/", "..")) or "://" in t] == []
    for target in targets:
        assert (SHIPPED_PLAN.parents[1] / target.split("#")[0]).exists(), target


def test_the_readmes_pre_commit_snippet_runs_cds_validate_as_written() -> None:
    from ruamel.yaml import YAML

    block = README.split("```yaml\nrepos:", 1)[1].split("```", 1)[0]
    config = YAML(typ="safe").load("repos:" + block)
    [hook] = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local"
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "cds validate",
        "system",
        False,
    )


def test_the_readmes_command_lines_need_no_continuation() -> None:
    """A backslash at a line's end continues a command in a shell only: PowerShell rejects it."""
    blocks = [
        b.split("```", 1)[0] for b in README.split("```sh")[1:] + README.split("```powershell")[1:]
    ]
    assert [line for b in blocks for line in b.splitlines() if line.rstrip().endswith("\\")] == []
    assert [line for b in blocks for line in b.splitlines() if " && " in line] == []


def test_the_readme_has_an_every_day_section_with_five_commands() -> None:
    section = README.split("## Mỗi ngày", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[1] for line in section.strip().splitlines()] == [
        "record",
        "status",
        "history",
        "validate",
        "report",
    ]
