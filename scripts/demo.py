"""`make demo`: the shipped plan in a scratch folder, a year's first half recorded with `cds`,
the status, who is still missing from the training, and the quarter's report.

Runs the real `cds` command, as an officer would, so the demo shows what a user sees.
The roster (scripts/demo-people.csv) is made up: invented names, no real person's data.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
PLAN = DEMO / "plans" / "2026-xuan-tien.yaml"

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


def cds(*args: str) -> None:
    command = [sys.executable, "-m", "cds_tracker", *args, "--plan", str(PLAN)]
    print("\n$ cds " + " ".join(args), flush=True)
    subprocess.run(command, check=True, cwd=DEMO)


def prepare() -> None:
    shutil.rmtree(DEMO, ignore_errors=True)
    PLAN.parent.mkdir(parents=True)
    text = (ROOT / "plans" / PLAN.name).read_text(encoding="utf-8")
    for old, new in ROSTER_POPULATIONS.items():
        assert old in text, old
        text = text.replace(old, new)
    for indicator in BY_ATTENDANCE:
        text = text.replace(
            f"  - id: {indicator}\n", f"  - id: {indicator}\n    aggregate: unique\n"
        )
    # Học bạ số is counted class by class (khối), the newest figure of each counting.
    text = text.replace(
        "  - id: hoc-ba-so\n", "  - id: hoc-ba-so\n    aggregate: latest-by-scope\n"
    )
    PLAN.write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "scripts" / "demo-people.csv", PLAN.with_name("2026-xuan-tien.people.csv"))
    # The officer's narrative for the quarter, as `cds report --init-notes` lets one write it.
    shutil.copy(ROOT / "scripts" / "demo-notes-q2.md", PLAN.with_name("2026-xuan-tien.notes-q2.md"))


def main() -> None:
    prepare()
    for step in STEPS:
        cds(*step)
    print(f"\nDemo folder: {DEMO}")
    print(f"Report: {DEMO / 'reports' / 'bao-cao-cds-thxt-2026-quy-2.docx'}")


if __name__ == "__main__":
    main()
