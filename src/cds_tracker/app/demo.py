"""`cds demo`: the shipped plan in a scratch school folder, a year's first half recorded with
`cds`, the status, who is still missing from the training, and the quarter's report.

Runs the real `cds` command as an officer would (a process each, the same Python), so the demo
shows what a user sees, on Windows as elsewhere. The roster (demo/people.csv) is made up:
invented names, no real person's data.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from cds_tracker.checks.problem import CdsError, fail
from cds_tracker.store import shipped
from cds_tracker.store.files import atomic_write, read_utf8, write_problem
from cds_tracker.text.messages import t

DATA = Path(__file__).resolve().parents[1] / "demo"
MARK = ".cds-demo"  # a folder cds made for a demo, which a later demo may replace
PLAN_NAME = "2026-xuan-tien.yaml"
REPORT_NAME = "bao-cao-cds-thxt-2026-quy-2.docx"

# What a school that keeps a roster changes in the shipped plan: headcounts follow the roster,
# and trainings count distinct people who attended.
ROSTER_POPULATIONS = {
    "  managers: 3 ": "  managers: {role: cbql} ",
    "  teachers: 24 ": "  teachers: {role: gv} ",
    "  managers_teachers: 27 ": "  managers_teachers: {role: [cbql, gv]} ",
    "  staff: 31 ": "  staff: {role: [cbql, gv, nv]} ",
}
BY_ATTENDANCE = ("ky-nang-so-co-ban", "gv-tap-huan-nen-tang-so")

SESSION_1 = ",".join([f"cbql{i:02d}" for i in range(1, 4)] + [f"gv{i:02d}" for i in range(1, 10)])
SESSION_2 = ",".join([f"gv{i:02d}" for i in range(5, 25)] + ["nv01", "nv02"])

STEPS: list[list[str]] = [
    ["validate"],
    [
        "record",
        "ban-hanh-ke-hoach",
        "done",
        "--date",
        "2026-05-29",
        "--evidence",
        "KH số 153/KH-THXT",
    ],
    [
        "record",
        "ky-nang-so-co-ban",
        "--attendees",
        SESSION_1,
        "--date",
        "2026-04-10",
        "--note",
        "Tập huấn kỹ năng số, đợt 1",
    ],
    [
        "record",
        "ky-nang-so-co-ban",
        "--attendees",
        SESSION_2,
        "--date",
        "2026-05-20",
        "--note",
        "Tập huấn kỹ năng số, đợt 2",
        "--evidence",
        "QĐ 21/QĐ-THXT",
    ],
    [
        "record",
        "gv-tap-huan-nen-tang-so",
        "--attendees",
        SESSION_2,
        "--date",
        "2026-05-20",
        "--note",
        "Tập huấn dạy học trên nền tảng số",
    ],
    ["record", "cbql-chu-ky-so", "3", "--date", "2026-03-02"],
    ["record", "hoc-ba-so", "98", "--scope", "khối 1", "--date", "2026-05-30"],
    ["record", "hoc-ba-so", "95", "--scope", "khối 2", "--date", "2026-05-30"],
    ["record", "tin-bai-cds", "4", "--date", "2026-04-30", "--note", "Tin bài tháng 4"],
    ["record", "tin-bai-cds", "3", "--date", "2026-05-31", "--note", "Tin bài tháng 5"],
    ["record", "thanh-toan-truc-tuyen", "78,5", "--date", "2026-06-05"],
    [
        "record",
        "hoc-lieu-so",
        "21",
        "--date",
        "2026-06-01",
        "--note",
        "Bài giảng e-learning khối 4, 5",
    ],
    ["record", "muc-do-cds", "2", "--date", "2026-06-10", "--note", "Tự đánh giá theo QĐ 4725"],
    ["status", "--quarter", "2"],
    ["status", "ky-nang-so-co-ban", "--missing", "--quarter", "2"],
    ["report", "--quarter", "2", "--date", "2026-06-12", "--number", "05"],
]


def shown(args: list[str]) -> str:
    """A command as it can be copied into PowerShell, cmd or a shell: quoted where it has spaces."""
    return " ".join(f'"{a}"' if (" " in a or not a) else a for a in ["cds", *args])


def prepare(folder: Path) -> Path:
    """The scratch school: plans/ with the shipped plan made to count by roster, the roster and
    the quarter's notes. Refuses a folder that holds anything but an earlier demo."""
    if folder.exists() and any(folder.iterdir()) and not (folder / MARK).exists():
        raise fail(t("demo.not_empty", folder=folder), t("demo.not_empty.hint"))
    shutil.rmtree(folder, ignore_errors=True)
    plan = folder / "plans" / PLAN_NAME
    plan.parent.mkdir(parents=True)
    atomic_write(folder / MARK, b"")
    text = read_utf8(shipped.example_plan())
    for old, new in ROSTER_POPULATIONS.items():
        text = text.replace(old, new)
    for indicator in BY_ATTENDANCE:
        text = text.replace(
            f"  - id: {indicator}\n", f"  - id: {indicator}\n    aggregate: unique\n"
        )
    # Học bạ số is counted class by class (khối), the newest figure of each counting.
    text = text.replace(
        "  - id: hoc-ba-so\n", "  - id: hoc-ba-so\n    aggregate: latest-by-scope\n"
    )
    atomic_write(plan, text.encode("utf-8"))
    shutil.copy(DATA / "people.csv", plan.with_name("2026-xuan-tien.people.csv"))
    # The officer's narrative for the quarter, as `cds report --init-notes` lets one write it.
    shutil.copy(DATA / "notes-q2.md", plan.with_name("2026-xuan-tien.notes-q2.md"))
    return plan


def run(folder: Path, say: Callable[[str], None] = print) -> Path:
    """Make the demo school in `folder` and run each step; the report's path."""
    try:
        prepare(folder)
    except OSError as exc:  # a folder that cannot be made or written: said, not a traceback
        raise CdsError([write_problem(folder, exc)]) from None
    for step in STEPS:
        say("\n$ " + shown(step))
        sys.stdout.flush()
        done = subprocess.run([sys.executable, "-m", "cds_tracker", *step], cwd=folder)
        if done.returncode != 0:
            raise fail(t("demo.step_failed", command=shown(step), code=done.returncode))
    return folder / "reports" / REPORT_NAME
