"""Each check of checks.py on a small inline plan: what it finds, and that a sound plan passes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cds_tracker.checks import registry as checks
from cds_tracker.checks.problem import CdsError
from cds_tracker.checks.registry import Found, Tree
from cds_tracker.domain.model import RolePopulation
from tests.conftest import ROOT, SHIPPED_PLAN

WritePlan = Callable[[str], Path]


def indicator(**fields: Any) -> dict[str, Any]:
    base = {"id": "ky-nang-so", "group": "2.3", "name": "Kỹ năng số", "kind": "ratio"}
    base.update(of="staff", target=100)
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def tree(*indicators: dict[str, Any], **sections: Any) -> Tree:
    data: dict[str, Any] = {
        "plan": {"year": 2026},
        "populations": {"staff": 31},
        "groups": {"2.3": "Nguồn lực số"},
        "indicators": list(indicators) or [indicator()],
    }
    data.update(sections)
    return Tree(data, lambda loc: 7)


def messages(found: list[Found]) -> list[tuple[Any, str]]:
    return [(f.loc, f.message) for f in found]


def test_every_check_passes_a_sound_plan() -> None:
    sound = tree()
    assert [(c.__name__, list(c(sound))) for c in checks.PLAN_CHECKS if list(c(sound))] == []


def test_every_check_has_a_docstring() -> None:
    every = [
        *checks.TEXT_CHECKS,
        *checks.PLAN_CHECKS,
        *checks.ROSTER_CHECKS,
        *checks.WORKSPACE_CHECKS,
    ]
    assert [c.__name__ for c in every if not (c.__doc__ or "").strip()] == []


def test_check_unique_ids() -> None:
    found = list(checks.check_unique_ids(tree(indicator(), indicator())))
    assert messages(found) == [
        (("indicators", 1, "id"), "Mã chỉ tiêu 'ky-nang-so' bị trùng (đã dùng ở dòng 7).")
    ]


def test_check_groups_declared() -> None:
    found = list(checks.check_groups_declared(tree(indicator(group="2.9"))))
    assert messages(found) == [
        (("indicators", 0, "group"), "Nhóm '2.9' chưa được khai báo trong mục groups.")
    ]


@pytest.mark.parametrize(
    ("of", "message"),
    [
        (None, "Chỉ tiêu tỷ lệ (ratio) cần mục 'of' (mẫu số)."),
        ("teachers", "'of: teachers' không phải tên nhóm nào trong populations."),
        (True, "'of' phải là một số, không phải true/false."),
        (0, "'of' phải là số dương, không quá 10,000,000."),
        (20_000_000, "'of' phải là số dương, không quá 10,000,000."),
    ],
)
def test_check_denominators(of: object, message: str) -> None:
    found = list(
        checks.check_denominators(
            tree(indicator(of=of) if of is not None else {**indicator(), "of": None})
        )
    )
    assert [f.message for f in found] == [message]


def test_check_denominators_refuses_of_on_other_kinds() -> None:
    found = list(checks.check_denominators(tree(indicator(kind="percent"))))
    assert [f.message for f in found] == ["Mục 'of' chỉ dùng cho chỉ tiêu loại ratio."]


@pytest.mark.parametrize("size", [0, 10_000_001, True])
def test_check_population_sizes(size: object) -> None:
    found = list(checks.check_population_sizes(tree(populations={"staff": size})))
    assert [f.loc for f in found] == [("populations", "staff")]


def test_check_targets_present() -> None:
    found = list(checks.check_targets_present(tree({**indicator(), "target": None})))
    assert [f.loc for f in found] == [("indicators", 0)]


def test_check_targets_present_leaves_a_misspelt_target_to_the_schema() -> None:
    raw = {**indicator(), "target": None, "taget": 100}
    assert list(checks.check_targets_present(tree(raw))) == []


@pytest.mark.parametrize(
    ("kind", "target", "message"),
    [
        ("ratio", 120, "Chỉ tiêu tỷ lệ phải nằm trong khoảng 0 đến 100 (đang là 120)."),
        ("count", -12, "Chỉ tiêu không được âm hoặc quá lớn (đang là -12)."),
        ("count", float("nan"), "'target' phải là một số bình thường (đang là nan)."),
        ("count", True, "'target' phải là một số, không phải true/false."),
    ],
)
def test_check_target_ranges(kind: str, target: object, message: str) -> None:
    raw = indicator(kind=kind, target=target, of=None if kind != "ratio" else "staff")
    found = list(checks.check_target_ranges(tree(raw)))
    assert [f.message for f in found] == [message]


def test_check_stretch_not_weaker() -> None:
    found = list(checks.check_stretch_not_weaker(tree(indicator(target=100, stretch=90))))
    assert [f.loc for f in found] == [("indicators", 0, "stretch")]


def test_check_baselines() -> None:
    found = list(checks.check_baselines(tree(indicator(baseline=float("inf")))))
    assert [f.loc for f in found] == [("indicators", 0, "baseline")]


def test_check_aggregates() -> None:
    found = list(checks.check_aggregates(tree(indicator(aggregate="sum"))))
    assert [f.message for f in found] == [
        "Cách cộng dồn 'sum' không dùng được cho chỉ tiêu loại ratio."
    ]


def test_check_aggregates_wants_a_roster_population_for_unique() -> None:
    found = list(checks.check_aggregates(tree(indicator(aggregate="unique"))))
    assert [f.loc for f in found] == [("indicators", 0, "of")]


def test_check_stale_days() -> None:
    found = list(checks.check_stale_days(tree(reporting={"stale_days": 4000})))
    assert messages(found) == [(("reporting", "stale_days"), "stale_days phải từ 1 đến 3650 ngày.")]


def test_check_windows_order() -> None:
    window = {"start": dt.date(2026, 6, 30), "end": dt.date(2026, 3, 1)}
    found = list(checks.check_windows(tree(reporting={"q2": window})))
    assert messages(found) == [
        (
            ("reporting", "q2", "end"),
            "Kỳ số liệu quý II: ngày bắt đầu 30/06/2026 sau ngày kết thúc 01/03/2026.",
        )
    ]


def test_check_windows_overlap() -> None:
    found = list(checks.check_windows(tree(reporting={"q3": {"start": dt.date(2026, 6, 1)}})))
    assert messages(found) == [
        (
            ("reporting", "q3", "start"),
            "Kỳ số liệu quý III bắt đầu trước khi kỳ quý II kết thúc (14/06/2026).",
        )
    ]


def test_check_roster_populations(tmp_path: Path) -> None:
    drawn = {
        "teachers": RolePopulation(frozenset({"gv"})),
        "staff": RolePopulation(frozenset({"nv"})),
    }
    members = {"teachers": frozenset({"gv01"}), "staff": frozenset()}
    found = list(checks.check_roster_populations(drawn, members, tmp_path / "p.people.csv"))
    assert [f.loc for f in found] == [("populations", "staff")]


# --- the text checks ----------------------------------------------------------------------


def test_check_tabs() -> None:
    assert [f.loc for f in checks.check_tabs("a:\n\tb: 1\n")] == [2]


def test_check_nesting() -> None:
    assert [f.loc for f in checks.check_nesting("a:\n  b: " + "[" * 100 + "]" * 100)] == [2]


def test_check_nesting_passes_brackets_in_a_real_plan() -> None:
    assert list(checks.check_nesting("roles: [cbql, gv]\n" * 80)) == []


def test_check_long_numbers() -> None:
    assert [f.loc for f in checks.check_long_numbers("a: 1\nb: " + "9" * 16 + "\n")] == [2]


def test_check_unquoted_comparisons() -> None:
    found = list(checks.check_unquoted_comparisons("    target: >= 65   # tối thiểu\n"))
    assert [(f.loc, f.hint) for f in found] == [(1, 'Viết: target: ">= 65"')]


def test_check_unquoted_comparisons_passes_quoted_ones() -> None:
    assert list(checks.check_unquoted_comparisons('    target: ">= 65"\n')) == []


def test_check_real_dates() -> None:
    found = list(checks.check_real_dates("plan:\n  date: 2026-02-30\n"))
    assert messages(found) == [(2, "Ngày 2026-02-30 không có thật.")]


def test_a_changed_literal_in_a_check_changes_the_cache_key(tmp_path: Path) -> None:
    import shutil

    from cds_tracker.store import cache

    package = tmp_path / "cds_tracker"
    shutil.copytree(ROOT / "src" / "cds_tracker", package)
    before = cache.digest_of(package)
    rules = package / "checks" / "plan.py"
    text = rules.read_text(encoding="utf-8")
    assert '"sum": ("count",)' in text
    rules.write_text(
        text.replace('"sum": ("count",)', '"sum": ("count", "ratio")'), encoding="utf-8"
    )
    assert cache.digest_of(package) != before


def test_check_due_in_year_finds_a_due_date_of_another_year() -> None:
    found = list(checks.check_due_in_year(tree(indicator(due=dt.date(2027, 3, 1)))))
    assert messages(found) == [
        (
            ("indicators", 0, "due"),
            "hạn hoàn thành (due) 01/03/2027 nằm ngoài năm của kế hoạch (15/12/2025 đến 14/12/2026)",
        )
    ]


def test_check_due_in_year_follows_a_year_window_the_plan_moves() -> None:
    window = {"year": {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)}}
    inside = tree(indicator(due=dt.date(2026, 12, 20)), reporting=window)
    outside = tree(indicator(due=dt.date(2025, 12, 20)), reporting=window)
    assert list(checks.check_due_in_year(inside)) == []
    assert [f.loc for f in checks.check_due_in_year(outside)] == [("indicators", 0, "due")]


def test_a_due_date_outside_the_year_is_located_at_its_line(write_plan: WritePlan) -> None:
    from cds_tracker.store.planfile import load_plan

    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace("due: 2026-10-10", "due: 2027-10-10")
    path = write_plan(text)
    with pytest.raises(CdsError) as raised:
        load_plan(path)
    [problem] = raised.value.problems
    line = text.splitlines().index("    due: 2027-10-10") + 1
    assert (problem.line, problem.code) == (line, "due-outside-year")


def test_a_key_made_in_parts_is_the_key_made_whole() -> None:
    from cds_tracker.store import cache

    digest = cache.key_start("school")
    for part in (b"plan: {}", b"", "chữ", 5):
        cache.key_add(digest, part)
    assert cache.key_end(digest) == cache.key("school", b"plan: {}", b"", "chữ", 5)
    assert cache.key_end(digest) != cache.key("school", b"plan: {}", "chữ", 5)


def test_the_line_checks_pass_a_text_exactly_when_no_line_fails() -> None:
    from cds_tracker.checks import registry

    clean = "plan:\n  year: 2026\n"
    assert registry.run_text_checks(clean) == []
    seen = clean + "  date: 2026-02-30\n"  # the clean lines remembered, the new one checked
    assert [f.loc for f in registry.run_text_checks(seen)] == [3]
