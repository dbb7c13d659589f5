"""Loading a plan: every problem reported with its line, in plain words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cds_tracker.checks.problem import CdsError, Problem
from cds_tracker.domain.model import Target
from cds_tracker.store import cache
from cds_tracker.store.planfile import load_plan
from cds_tracker.store.yamlplan import locate
from tests.conftest import MINIMAL, SHIPPED_PLAN

WritePlan = Callable[[str], Path]


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(CdsError) as caught:
        load_plan(path)
    return caught.value.problems


def only_problem(path: Path) -> Problem:
    found = problems_of(path)
    assert len(found) == 1, found
    return found[0]


def test_shipped_plan_loads_every_target_of_the_seed() -> None:
    loaded = load_plan(SHIPPED_PLAN)
    assert len(loaded.plan.indicators) == 21
    assert loaded.plan.school.code == "THXT"
    assert loaded.plan.meta.number == "153/KH-THXT"


def test_shipped_plan_reads_tren_90_as_strictly_greater() -> None:
    indicator = load_plan(SHIPPED_PLAN).plan.indicator("lam-chu-ky-nang-so")
    assert indicator is not None
    assert indicator.target == Target(">", 90.0)


def test_shipped_plan_keeps_stretch_targets() -> None:
    indicator = load_plan(SHIPPED_PLAN).plan.indicator("hoc-lieu-so")
    assert indicator is not None
    assert (indicator.target, indicator.stretch) == (Target(">=", 15.0), Target(">=", 50.0))


def test_locate_finds_the_line_of_a_part() -> None:
    assert (locate(MINIMAL, ("indicators", 0)), locate(MINIMAL, ("populations", "teachers"))) == (
        14,
        10,
    )


def test_malformed_yaml_names_the_line(write_plan: WritePlan) -> None:
    path = write_plan(MINIMAL.replace("  staff: 31", "  staff: [31"))
    problem = only_problem(path)
    assert problem.line == 10
    assert problem.message.startswith("Lỗi cú pháp YAML")


def test_tab_indentation_names_every_tabbed_line(write_plan: WritePlan) -> None:
    path = write_plan(
        MINIMAL.replace("  staff: 31", "\tstaff: 31").replace("  teachers", "\tteachers")
    )
    found = problems_of(path)
    assert [(p.line, p.message) for p in found] == [
        (9, "Dòng này thụt lề bằng phím Tab."),
        (10, "Dòng này thụt lề bằng phím Tab."),
    ]


def test_missing_required_field_points_at_its_parent(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("  code: THT\n", "")))
    assert (problem.line, problem.message) == (1, "Thiếu mục bắt buộc 'code'.")
    assert problem.hint == "Thêm dòng 'code: ...'."


def test_missing_indicator_name_points_at_the_indicator(write_plan: WritePlan) -> None:
    text = MINIMAL.replace("    name: Cán bộ, viên chức được bồi dưỡng kỹ năng số cơ bản\n", "")
    problem = only_problem(write_plan(text))
    assert (problem.line, problem.message) == (14, "Thiếu mục bắt buộc 'name'.")


def test_wrong_type_names_the_field(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("year: 2026", "year: hai nghìn")))
    assert (problem.line, problem.message) == (6, "'year' phải là một số nguyên.")


def test_unknown_kind_lists_the_kinds(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("kind: ratio", "kind: ratioo")))
    assert problem.line == 17
    assert problem.message == (
        "'kind' phải là một trong: ratio, percent, count, milestone, level (đang là 'ratioo')."
    )


def test_duplicate_id_names_both_lines(write_plan: WritePlan) -> None:
    second = """\
  - id: ky-nang-so
    group: "2.3"
    name: Lần hai
    kind: percent
    target: 50
"""
    problem = only_problem(write_plan(MINIMAL + second))
    assert (problem.line, problem.message) == (
        20,
        "Mã chỉ tiêu 'ky-nang-so' bị trùng (đã dùng ở dòng 14).",
    )


def test_id_with_other_characters_is_refused_with_an_example(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("id: ky-nang-so", "id: Kỹ_năng số")))
    assert problem.line == 14
    assert problem.message.startswith(
        "Mã chỉ tiêu 'Kỹ_năng số' chỉ được gồm chữ thường không dấu, chữ số và dấu '-'."
    )


def test_undeclared_group_lists_the_declared_ones(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace('group: "2.3"', 'group: "2.9"')))
    assert (problem.line, problem.message) == (
        15,
        "Nhóm '2.9' chưa được khai báo trong mục groups.",
    )
    assert problem.hint.startswith("Các nhóm đã khai báo: 2.3.")


def test_unquoted_numeric_group_keys_are_accepted(write_plan: WritePlan) -> None:
    text = MINIMAL.replace('"2.3": Về', "2.3: Về").replace('group: "2.3"', "group: 2.3")
    assert load_plan(write_plan(text)).plan.indicators[0].group == "2.3"


def test_ratio_without_of_is_refused(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("    of: staff\n", "")))
    assert (problem.line, problem.message) == (14, "Chỉ tiêu tỷ lệ (ratio) cần mục 'of' (mẫu số).")


def test_of_naming_an_unknown_population_is_refused(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("of: staff", "of: stafff")))
    assert (problem.line, problem.message) == (
        18,
        "'of: stafff' không phải tên nhóm nào trong populations.",
    )
    assert problem.hint == "Các nhóm đã khai báo: staff, teachers."


def test_ratio_target_over_100_is_refused(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("target: 100", "target: 120")))
    assert (problem.line, problem.message) == (
        19,
        "Chỉ tiêu tỷ lệ phải nằm trong khoảng 0 đến 100 (đang là 120).",
    )


def test_stretch_weaker_than_target_is_refused(write_plan: WritePlan) -> None:
    text = MINIMAL.replace("target: 100", 'target: ">= 65"\n    stretch: 50')
    problem = only_problem(write_plan(text))
    assert (problem.line, problem.message) == (
        20,
        "Mức phấn đấu (stretch 50) thấp hơn chỉ tiêu bắt buộc (target >= 65).",
    )


def test_unknown_key_suggests_the_close_one(write_plan: WritePlan) -> None:
    found = problems_of(write_plan(MINIMAL.replace("target: 100", "taget: 100")))
    assert [(p.line, p.message, p.hint) for p in found] == [
        (19, "Mục 'taget' không được biết đến.", "Có phải ý bạn là 'target'?"),
    ]


def test_a_missing_target_is_named_when_nothing_looks_like_one(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("    target: 100\n", "")))
    assert (problem.line, problem.message) == (
        14,
        "Chỉ tiêu loại ratio cần mục 'target' (hoặc 'stretch').",
    )


def test_unreadable_target_shows_the_forms_that_work(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("target: 100", 'target: "trên 90"')))
    assert problem.line == 19
    assert problem.message.startswith("Chỉ tiêu 'trên 90' không hiểu được.")


def test_object_tags_are_refused_not_constructed(write_plan: WritePlan, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = MINIMAL.replace(
        "  place: Xuân Trường",
        f'  place: !!python/object/apply:os.system ["touch {marker}"]',
    )
    problem = only_problem(write_plan(text))
    assert problem.line == 4
    assert problem.message.startswith("Thẻ YAML 'tag:yaml.org,2002:python/object/apply:os.system'")
    assert not marker.exists()


def test_alias_bomb_is_refused(write_plan: WritePlan) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    problem = only_problem(write_plan("\n".join(lines) + "\n"))
    assert problem.message == "Tệp dùng bí danh YAML (&, *) tạo ra quá nhiều dữ liệu."


def test_deep_nesting_is_refused(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("school: " + "[" * 200 + "]" * 200 + "\n"))
    assert problem.message == "Cấu trúc lồng nhau quá sâu."


def test_duplicate_key_names_the_second_line(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MINIMAL.replace("  teachers: 24", "  staff: 24")))
    assert (problem.line, problem.message) == (10, "Khóa 'staff' xuất hiện hai lần.")


def test_every_problem_is_reported_at_once(write_plan: WritePlan) -> None:
    text = MINIMAL.replace("year: 2026", "year: x").replace("of: staff", "of: nobody")
    assert [p.line for p in problems_of(write_plan(text))] == [6, 18]


def test_legacy_encoding_is_refused_with_how_to_save_utf8(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(MINIMAL.encode("cp1258", errors="replace"))
    problem = only_problem(path)
    assert problem.hint.startswith("Trong Excel chọn Lưu thành")


def test_a_plan_that_is_not_a_mapping_is_refused(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("- a\n- b\n"))
    assert problem.message.startswith("Tệp kế hoạch phải bắt đầu bằng")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(min_value=0, max_value=len(MINIMAL)),
    junk=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12),
)
def test_mutated_plans_give_only_located_errors(write_plan: WritePlan, cut: int, junk: str) -> None:
    path = write_plan(MINIMAL[:cut] + junk + MINIMAL[cut:])
    try:
        load_plan(path)
    except CdsError as exc:
        assert all(p.line is not None and p.line >= 1 for p in exc.problems if p.file == path)


def test_unique_needs_a_roster_population(write_plan: WritePlan) -> None:
    problem = only_problem(
        write_plan(MINIMAL.replace("    target: 100", "    aggregate: unique\n    target: 100"))
    )
    assert (problem.line, problem.message) == (
        18,
        "Chỉ tiêu tính theo người tham dự (aggregate: unique) cần 'of' là một nhóm lấy từ danh sách người, ví dụ teachers: {role: gv}.",
    )


def test_roster_population_roles_are_checked(write_plan: WritePlan) -> None:
    problem = only_problem(
        write_plan(MINIMAL.replace("teachers: 24", "teachers: {role: giaovien}"))
    )
    assert problem.line == 10
    assert problem.message.startswith("'role' phải là một trong: cbql, gv, nv")


# --- the plan cache -----------------------------------------------------------------------------


def test_a_cached_plan_loads_the_same(write_plan: WritePlan) -> None:
    path = write_plan(MINIMAL)
    first, second = load_plan(path), load_plan(path)
    assert first == second
    assert len(cache.entries("plan")) == 1


def test_a_changed_plan_is_validated_again(write_plan: WritePlan) -> None:
    path = write_plan(MINIMAL)
    load_plan(path)
    path.write_text(MINIMAL.replace("target: 100", "target: 120"), encoding="utf-8")
    assert problems_of(path)[0].message.startswith("Chỉ tiêu tỷ lệ phải nằm trong khoảng 0 đến 100")


def test_a_damaged_cache_entry_is_ignored(write_plan: WritePlan) -> None:
    path = write_plan(MINIMAL)
    expected = load_plan(path)
    for entry in cache.entries("plan"):
        entry.write_text("{not a plan", encoding="utf-8")
    assert load_plan(path) == expected


def test_a_cache_entry_of_the_wrong_shape_is_ignored(write_plan: WritePlan) -> None:
    import marshal

    path = write_plan(MINIMAL)
    expected = load_plan(path)
    for entry in cache.entries("plan"):
        cache.write("plan", entry.name, marshal.dumps({"school": {}}))
    assert load_plan(path) == expected


def test_a_cache_entry_of_the_wrong_types_is_ignored(write_plan: WritePlan) -> None:
    import marshal

    path = write_plan(MINIMAL)
    expected = load_plan(path)
    for entry in cache.entries("plan"):
        data = marshal.loads(cache.read("plan", entry.name) or b"")
        data["populations"]["staff"] = "ba mươi mốt"
        cache.write("plan", entry.name, marshal.dumps(data))
    assert load_plan(path) == expected


def test_an_unwritable_cache_only_costs_time(
    write_plan: WritePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CDS_CACHE_DIR", str(blocker / "cache"))
    assert load_plan(write_plan(MINIMAL)).plan.school.code == "THT"


def test_a_cache_hit_imports_neither_ruamel_nor_pydantic(write_plan: WritePlan) -> None:
    import os
    import subprocess
    import sys

    path = write_plan(MINIMAL)
    load_plan(path)
    probe = (
        "import sys; from pathlib import Path; from cds_tracker.store.planfile import load_plan; "
        f"load_plan(Path({str(path)!r})); "
        "print(sorted(m for m in ('ruamel.yaml', 'pydantic.main') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=True
    )
    assert out.stdout.strip() == "[]"


def test_cached_plans_are_checked_again_when_the_tool_changes(
    write_plan: WritePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.store import cache, yamlplan

    path = write_plan(MINIMAL)
    load_plan(path)  # cached now
    seen: list[Path] = []
    real = yamlplan.validate
    monkeypatch.setattr(
        yamlplan, "validate", lambda text, where: seen.append(where) or real(text, where)
    )
    load_plan(path)
    assert seen == []  # served by the cache
    monkeypatch.setattr(cache, "source_digest", lambda: "another version of the checks")
    load_plan(path)
    assert seen == [path]


def test_a_problem_with_a_column_shows_a_caret_under_it(write_plan: WritePlan) -> None:
    from cds_tracker.checks.problem import format_problem

    text = MINIMAL.replace("target: 100", "target: >= 100")
    path = write_plan(text)
    with pytest.raises(CdsError) as raised:
        load_plan(path)
    [problem] = raised.value.problems
    line = next(ln for ln in text.splitlines() if "target: >=" in ln)
    shown = format_problem(problem, line).splitlines()
    assert problem.column == line.index(">=") + 1
    assert shown[2].index("^") == shown[1].index(">=")


def _whole(text: str) -> object:
    """The shipped reading of a whole plan: the line reader, then the schema on all of it."""
    from cds_tracker.store import blockyaml, yamlplan
    from cds_tracker.store.schema import Plan

    return yamlplan._dump(Plan.model_validate(yamlplan._keys_as_text(blockyaml.load(text))))


def test_a_plan_read_section_by_section_is_the_plan_read_whole() -> None:
    from cds_tracker.store import yamlplan

    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    assert yamlplan._sectioned(text) == _whole(text)


def test_a_plan_saved_with_windows_line_ends_is_read_section_by_section() -> None:
    from cds_tracker.store import yamlplan

    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    assert yamlplan._sectioned(text.replace("\n", "\r\n")) == _whole(text)


def test_a_plan_without_a_section_it_must_have_is_read_whole(write_plan: WritePlan) -> None:
    from cds_tracker.store import yamlplan

    text = MINIMAL.split("indicators:")[0]
    assert yamlplan._sectioned(text) is None
    assert only_problem(write_plan(text)).message == "Thiếu mục bắt buộc 'indicators'."


def test_sections_that_passed_the_checks_are_checked_again_beside_other_populations(
    write_plan: WritePlan,
) -> None:
    load_plan(write_plan(MINIMAL))  # its indicators: passed the checks beside `staff`
    problem = only_problem(write_plan(MINIMAL.replace("  staff: 31\n", "")))
    assert (problem.line, problem.message) == (
        17,
        "'of: staff' không phải tên nhóm nào trong populations.",
    )


def test_a_section_that_failed_the_schema_is_said_again_in_another_plan(
    write_plan: WritePlan,
) -> None:
    wrong = MINIMAL.replace("target: 100", "target: nhiều")
    first = only_problem(write_plan(wrong))
    again = only_problem(write_plan(wrong.replace("code: THT", "code: THU")))
    assert (again.line, again.message) == (first.line, first.message)
