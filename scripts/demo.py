"""`make demo`: the shipped plan in a scratch folder, a few records made with `cds`, the status.

Runs the real `cds` command, as an officer would, so the demo shows what a user sees.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
PLAN = DEMO / "plans" / "2026-xuan-tien.yaml"

STEPS: list[list[str]] = [
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
        "12",
        "--date",
        "2026-04-10",
        "--note",
        "Tập huấn kỹ năng số, đợt 1",
    ],
    [
        "record",
        "ky-nang-so-co-ban",
        "27",
        "--date",
        "2026-05-20",
        "--note",
        "Tập huấn kỹ năng số, đợt 2",
        "--evidence",
        "QĐ 21/QĐ-THXT",
    ],
    ["record", "cbql-chu-ky-so", "3", "--date", "2026-03-02"],
    ["record", "hoc-ba-so", "486", "--date", "2026-05-30", "--note", "Học bạ số cả 5 khối"],
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
    ["report", "--quarter", "2", "--date", "2026-06-12", "--number", "05"],
]


def cds(*args: str) -> None:
    command = [sys.executable, "-m", "cds_tracker", *args, "--plan", str(PLAN)]
    print("$ cds " + " ".join(args), flush=True)
    subprocess.run(command, check=True, cwd=DEMO)


def main() -> None:
    shutil.rmtree(DEMO, ignore_errors=True)
    PLAN.parent.mkdir(parents=True)
    shutil.copy(ROOT / "plans" / PLAN.name, PLAN)
    # The officer's narrative for the quarter, as `cds report --init-notes` lets one write it.
    shutil.copy(ROOT / "scripts" / "demo-notes-q2.md", PLAN.with_name("2026-xuan-tien.notes-q2.md"))
    for step in STEPS:
        cds(*step)
    print(f"\nDemo folder: {DEMO}")
    print(f"Report: {DEMO / 'reports' / 'bao-cao-cds-thxt-2026-quy-2.docx'}")


if __name__ == "__main__":
    main()
