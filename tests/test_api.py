"""The library as a Python caller uses it: everything the CLI does, without the CLI."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from cds_tracker import api
from tests.test_people import PLAN as ROSTER_PLAN
from tests.test_people import ROSTER

Cds = Callable[..., Result]
TODAY = dt.date(2026, 6, 1)


def test_validate_returns_the_sound_plans_and_the_problems(shipped: Path) -> None:
    shipped.with_name("2026-xuan-tien.records.csv").write_text(
        "date,indicator,value\n2026-05-01,khong-co,1\n", encoding="utf-8"
    )
    result = api.validate([shipped])
    assert (result.sound, [(p.line, p.message) for p in result.problems]) == (
        [],
        [(2, "Không có chỉ tiêu 'khong-co' trong kế hoạch.")],
    )


def test_status_of_gives_standings_as_data(shipped: Path) -> None:
    api.record(shipped, "tin-bai-cds", "3", day=dt.date(2026, 5, 2), today=TODAY)
    result = api.status([shipped], quarter=2, today=TODAY, indicator="tin-bai-cds")
    [one] = result.plans
    assert (one.as_of, [(r.indicator.id, r.value, r.status) for r in one.rows]) == (
        dt.date(2026, 6, 14),
        [("tin-bai-cds", 3.0, "on_track")],
    )
    assert (result.problems, result.several) == ([], False)


def test_record_returns_its_notices_as_data(shipped: Path) -> None:
    api.record(shipped, "ky-nang-so-co-ban", "27", day=dt.date(2026, 5, 1), today=TODAY)
    done = api.record(shipped, "ky-nang-so-co-ban", "9", day=dt.date(2026, 5, 2), today=TODAY)
    assert [n.key for n in done.notices] == ["rec.drop"]


def test_report_returns_its_notices_as_data(shipped: Path) -> None:
    done = api.report(shipped, quarter=2, year=False, issue_date=dt.date(2026, 6, 20))
    assert [(n.key, n.values["deadline"]) for n in done.notices] == [
        ("rp.late", dt.date(2026, 6, 15))
    ]


def test_missing_honours_json(cds: Cds, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(ROSTER_PLAN, encoding="utf-8")
    plan.with_name("plan.people.csv").write_text(ROSTER, encoding="utf-8")
    cds("record", "gv-tap-huan", "--attendees", "gv01,gv02,gv03", "--plan", str(plan))
    result = cds("status", "gv-tap-huan", "--missing", "--json", "--plan", str(plan))
    body = json.loads(result.stdout)
    assert [(p["id"], p["role"]) for p in body["missing"]] == [("gv04", "gv")]
