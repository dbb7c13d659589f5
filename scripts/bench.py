"""`make bench`: whole-process timings of `cds`, each paired with the import floor, with budgets.

Data: the shipped plan's 21 indicators, values a school would record (shares within their
denominators, counts of a few, milestones, levels 1-3) and every note distinct; schools of 100,
10,000 and 100,000 records; a commune of 500 plans and a province of 3,000, 200 records each.

Each case runs paired with the floor (`python -c "import typer, pydantic, ruamel.yaml, rich"`),
A B A B, so a noisy machine slows both alike; the ratio is the case's median over its floor's.
A first run (a cold cache) is repeated on fresh caches, and a roll-up's memory is the sum over
the command and its worker processes (sampled from /proc on Linux). Exits 1 over a budget.
`--big` adds the country (30,000 plans) and a million records: minutes, and gigabytes of data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plans" / "2026-xuan-tien.yaml"
FLOOR = [sys.executable, "-c", "import typer, pydantic, ruamel.yaml, rich"]
CDS = [sys.executable, "-m", "cds_tracker"]


def _makers() -> dict[str, Callable[[random.Random], str]]:
    """A plausible value for each of the shipped plan's indicators, by its kind."""
    sys.path.insert(0, str(ROOT / "src"))
    from cds_tracker.store.planfile import load_plan

    plan = load_plan(PLAN).plan
    makers: dict[str, Callable[[random.Random], str]] = {}
    for indicator in plan.indicators:
        if indicator.kind == "ratio":
            top = int(plan.denominator(indicator) or 10)
            makers[indicator.id] = lambda r, top=top: str(r.randint(0, top))  # type: ignore[misc]
        elif indicator.kind == "percent":
            makers[indicator.id] = lambda r: f"{r.uniform(40, 100):.1f}".replace(".", ",")
        elif indicator.kind == "count":
            makers[indicator.id] = lambda r: str(r.randint(1, 4))
        elif indicator.kind == "milestone":
            makers[indicator.id] = lambda r: r.choice(["done", "not-done"])
        else:
            makers[indicator.id] = lambda r: str(r.randint(1, 3))
    return makers


MAKERS = _makers()


def write_records(path: Path, count: int, seed: int = 1, only: str | None = None) -> None:
    rng = random.Random(seed)
    start = dt.date(2025, 12, 15)
    ids = [only] if only else list(MAKERS)
    lines = ["date,indicator,value,of,note,evidence,attendees,scope"]
    for i in range(count):
        day = start + dt.timedelta(days=rng.randint(0, 360))
        ind = ids[i % len(ids)]
        note = f"Ghi chú {seed}-{i}: tập huấn, tuyên truyền đợt {i % 12 + 1}"
        evidence = f"QĐ {i % 97}/QĐ-THXT" if i % 5 == 0 else ""
        lines.append(f'{day.isoformat()},{ind},"{MAKERS[ind](rng)}",,"{note}",{evidence},,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def school(folder: Path, records: int, seed: int = 1, only: str | None = None) -> Path:
    plan = folder / "plans" / PLAN.name
    plan.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(PLAN, plan)
    write_records(plan.with_name(plan.stem + ".records.csv"), records, seed, only)
    _settled()
    return plan


def commune(folder: Path, schools: int, records: int) -> Path:
    """`schools` plans of the same shape (each its own code), as a commune gathers them."""
    folder.mkdir(parents=True, exist_ok=True)
    text = PLAN.read_text(encoding="utf-8")
    for n in range(schools):
        plan = folder / f"2026-truong-{n:05d}.yaml"
        plan.write_text(text.replace("code: THXT", f"code: T{n:05d}"), encoding="utf-8")
        write_records(plan.with_name(plan.stem + ".records.csv"), records, seed=n)
    _settled()
    return folder


def _settled() -> None:
    """The data just written on disk before anything is timed: a school's files are not being
    written while it is read (a country's 800 MB, still being flushed, slowed its first run)."""
    if hasattr(os, "sync"):
        os.sync()


def once(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: the command said something (a stale record…)
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr.decode(errors='replace')}")
    return seconds


def paired(command: Sequence[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """(the command's median, the floor's median), run A B A B in one stretch."""
    mine, floor = [], []
    for _ in range(runs):
        floor.append(once(FLOOR, env))
        mine.append(once(command, env))
    return statistics.median(mine), statistics.median(floor)


def peak_mib(command: Sequence[str], env: dict[str, str]) -> float | None:
    """The most memory the command and its worker processes held at once, MiB (Linux)."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.02)
    return peak / 1024 if sys.platform.startswith("linux") else None


def _tree_rss(root: int) -> float:
    """KiB resident in `root` and every process below it (Linux /proc). Only the tree's own
    entries are read (a scan of all of /proc, 50 times a second, took 7% of a core from the
    command it measured)."""
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            below = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue  # ended meanwhile
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += float(line.split()[1])
        todo += map(int, below)
    return total


class Report:
    def __init__(self) -> None:
        self.over: list[str] = []
        print(f"{'case':<52} {'seconds':>8} {'floor':>7} {'ratio':>7} {'budget':>9}")

    def ratio(self, name: str, seconds: float, floor: float, budget: float | None) -> None:
        ratio = seconds / floor
        verdict = "" if budget is None else ("ok" if ratio <= budget else "OVER")
        shown = "" if budget is None else f"{budget:.2f}x"
        print(f"{name:<52} {seconds:>8.3f} {floor:>7.3f} {ratio:>6.2f}x {shown:>9} {verdict}")
        if verdict == "OVER":
            self.over.append(name)

    def seconds(self, name: str, seconds: float, budget: float | None) -> None:
        verdict = "" if budget is None else ("ok" if seconds <= budget else "OVER")
        shown = "" if budget is None else f"{budget:.1f} s"
        print(f"{name:<52} {seconds:>8.3f} {'':>7} {'':>7} {shown:>9} {verdict}")
        if verdict == "OVER":
            self.over.append(name)

    def memory(self, name: str, mib: float | None, budget: float) -> None:
        if mib is None:
            return
        verdict = "ok" if mib <= budget else "OVER"
        print(f"{name:<52} {mib:>7.0f}M {'':>7} {'':>7} {budget:>7.0f}M {verdict}")
        if verdict == "OVER":
            self.over.append(name)


def province_cases(report: Report, scratch: Path, env: dict[str, str], plans: int, label: str, budgets: dict[str, float], repeat: int) -> None:  # fmt: skip
    """A province's roll-ups: first run (fresh caches, repeated), later run, the next day, one
    school changed, and the workbook."""
    folder = commune(scratch / f"tinh-{plans}", plans, 200)
    rollup = [*CDS, "rollup", "--plan", str(folder)]
    firsts = [
        once(rollup, {**env, "CDS_CACHE_DIR": str(scratch / f"cache-{plans}-{n}")})
        for n in range(repeat)
    ]
    report.seconds(
        f"rollup, {label}, first run (median of {repeat})",
        statistics.median(firsts),
        budgets["first"],
    )
    # Its memory in a run of its own: the sampling is not timed with the command.
    peak = peak_mib(rollup, {**env, "CDS_CACHE_DIR": str(scratch / f"cache-{plans}-memory")})
    report.memory(f"rollup, {label}, first run, memory of all processes", peak, 1024)
    warm = {**env, "CDS_CACHE_DIR": str(scratch / f"cache-{plans}-0")}
    report.seconds(
        f"rollup, {label}, later run",
        statistics.median(once(rollup, warm) for _ in range(3)),
        budgets["later"],
    )
    report.seconds(
        f"rollup, {label}, the next day",
        once([*rollup, "--as-of", "2026-06-02"], warm),
        budgets.get("next_day"),
    )
    one = next(folder.glob("*.records.csv"))
    with one.open("a", encoding="utf-8") as handle:
        handle.write("2026-05-05,tin-bai-cds,1,,một bài mới,,,\n")
    report.seconds(
        f"rollup, {label}, one school changed", once(rollup, warm), budgets.get("one_changed")
    )
    if "xlsx" in budgets:
        book = scratch / f"tinh-{plans}.xlsx"
        report.seconds(
            f"rollup --xlsx, {label}",
            once([*rollup, "--xlsx", str(book), "--force"], warm),
            budgets["xlsx"],
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", action="store_true", help="add 30,000 plans and 1,000,000 records")
    args = parser.parse_args()
    # Time everything as an installation leaves it, with bytecode compiled: the tool and the
    # libraries alike, so the floor and the commands are measured the same way.
    import cds_tracker

    for folder in {sysconfig.get_paths()["purelib"], str(Path(cds_tracker.__file__).parent)}:
        subprocess.run([sys.executable, "-m", "compileall", "-q", folder], check=False)
    scratch = Path(tempfile.mkdtemp(prefix="cds-bench-"))
    env = {**os.environ, "CDS_CACHE_DIR": str(scratch / "cache"), "NO_COLOR": "1", "COLUMNS": "100"}
    python = f"{platform.python_implementation()} {platform.python_version()}"
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    print(
        f"cds-tracker benchmark, {dt.date.today()}, {python}, {machine}, medians of {args.runs} paired runs"
    )
    report = Report()
    try:
        small = school(scratch / "s100", 100)
        medium = school(scratch / "s10k", 10_000)
        large = school(scratch / "s100k", 100_000)
        many = commune(scratch / "xa", 500, 200)
        for plan in (small, medium, large):  # a school's second command of the day
            subprocess.run([*CDS, "validate", "--plan", str(plan)], env=env, capture_output=True)
        completing = {**env, "_CDS_COMPLETE": "complete_bash"}
        cases: list[tuple[str, list[str], float | None, dict[str, str]]] = [
            ("cds --help", [*CDS, "--help"], 1.5, env),
            ("completion (cds st<TAB>)", [*CDS], 1.5, {**completing, "COMP_WORDS": "cds st", "COMP_CWORD": "1"}),
            ("completion of ids (cds record ky<TAB>)", [*CDS], 1.5, {**completing, "COMP_WORDS": "cds record ky", "COMP_CWORD": "2", "CDS_PLAN": str(small)}),
            ("cds status --json, 100 records", [*CDS, "status", "--json", "--plan", str(small)], 1.1, env),
            ("cds status (table), 100 records", [*CDS, "status", "--plan", str(small)], None, env),
            ("cds status --json, 10,000 records", [*CDS, "status", "--json", "--plan", str(medium)], None, env),
            ("cds status --json, 100,000 records", [*CDS, "status", "--json", "--plan", str(large)], 3.0, env),
            ("cds record, 100,000 records", [*CDS, "record", "tin-bai-cds", "1", "--plan", str(large)], 3.0, env),
            ("cds report --quarter 2, 100 records", [*CDS, "report", "--quarter", "2", "--force", "--output", str(scratch / "r.docx"), "--plan", str(small)], 6.0, env),
            ("cds publish, 100 records", [*CDS, "publish", "--output", str(scratch / "site"), "--plan", str(small)], 10.0, env),
            ("cds rollup, 500 plans x 200 records", [*CDS, "rollup", "--plan", str(many)], None, env),
        ]  # fmt: skip
        once([*CDS, "rollup", "--plan", str(many)], env)  # the commune's standings, cached once
        for name, command, budget, case_env in cases:
            seconds, floor = paired(command, args.runs, case_env)
            report.ratio(name, seconds, floor, budget)
        # Budgets in seconds (issue #23): the workbooks, the report, history.
        report.seconds("cds export --xlsx, 10,000 records", once([*CDS, "export", "--xlsx", str(scratch / "e.xlsx"), "--force", "--plan", str(medium)], env), 2.0)  # fmt: skip
        report.seconds("cds export --xlsx, 100,000 records", once([*CDS, "export", "--xlsx", str(scratch / "e.xlsx"), "--force", "--plan", str(large)], env), 15.0)  # fmt: skip
        report.seconds("cds report --quarter 2, 100,000 records", statistics.median(once([*CDS, "report", "--quarter", "2", "--force", "--output", str(scratch / "r.docx"), "--plan", str(large)], env) for _ in range(3)), 1.0)  # fmt: skip
        history = school(scratch / "h50k", 50_000, only="tin-bai-cds")  # one indicator's 50,000
        report.seconds("cds history, 50,000 rows", statistics.median(once([*CDS, "history", "tin-bai-cds", "--plan", str(history)], env) for _ in range(3)), 2.0)  # fmt: skip
        firsts = []
        for n in range(3):  # a large file's first read, with no cache to help it
            fresh = {**env, "CDS_CACHE_DIR": str(scratch / f"cache-cold-{n}")}
            firsts.append(once([*CDS, "status", "--json", "--plan", str(large)], fresh))
        report.seconds(
            "status --json, 100,000 records, first read", statistics.median(firsts), None
        )
        province_cases(report, scratch, env, 3000, "3,000 plans", {"first": 2.5, "later": 0.3, "next_day": 0.6, "one_changed": 0.5, "xlsx": 10.0}, 3)  # fmt: skip
        if args.big:
            province_cases(
                report, scratch, env, 30_000, "30,000 plans", {"first": 20.0, "later": 1.5}, 3
            )
            huge = school(scratch / "s1m", 1_000_000)
            making = [*CDS, "report", "--quarter", "2", "--force", "--output", str(scratch / "r.docx"), "--plan", str(huge)]  # fmt: skip
            report.seconds("cds report --quarter 2, 1,000,000 records, first read", once(making, env), None)  # fmt: skip
            # As the 100,000 records' case: the file read before (a school's status, record).
            report.seconds("cds report --quarter 2, 1,000,000 records", statistics.median(once(making, env) for _ in range(3)), 5.0)  # fmt: skip
        return 1 if report.over else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
