"""`cds report`: the Word document a principal signs, checked by reopening it."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from typer.testing import Result

from cds_tracker import api
from cds_tracker.checks.problem import CdsError
from cds_tracker.output.report import render
from cds_tracker.store import notes as notes_module
from tests.conftest import ROOT

Cds = Callable[..., Result]
TEMPLATE = ROOT / "templates" / "bao-cao-cds.docx"

RECORDS = """\
date,indicator,value,of,note,evidence
2026-03-02,cbql-chu-ky-so,3,,,
2026-03-10,ky-nang-so-co-ban,12,,"Tập huấn kỹ năng số, đợt 1",
2026-05-20,ky-nang-so-co-ban,27,,"Tập huấn kỹ năng số, đợt 2",QĐ 21/QĐ-THXT
2026-05-29,ban-hanh-ke-hoach,done,,,KH số 153/KH-THXT
2026-04-30,tin-bai-cds,4,,Tin bài tháng 4,
2026-05-31,tin-bai-cds,3,,Tin bài tháng 5,
2026-06-10,muc-do-cds,2,,,
"""


@pytest.fixture
def recorded(shipped: Path) -> Path:
    shipped.with_name("2026-xuan-tien.records.csv").write_text(RECORDS, encoding="utf-8")
    return shipped


def make(
    plan: Path, quarter: int | None = 2, issue: dt.date = dt.date(2026, 6, 12), **kw: object
) -> Path:
    result = api.report(plan, quarter=quarter, year=quarter is None, issue_date=issue, **kw)  # type: ignore[arg-type]
    return result.path


def texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def table_rows(path: Path, index: int) -> list[list[str]]:
    table = Document(str(path)).tables[index]
    rows = []
    for row in table.rows:
        cells, seen = [], []
        for cell in row.cells:  # a merged cell is listed once per grid column; keep it once
            if not any(cell._tc is other for other in seen):
                seen.append(cell._tc)
                cells.append(cell.text)
        rows.append(cells)
    return rows


def row_of(path: Path, name_start: str) -> list[str]:
    return next(r for r in table_rows(path, 1) if len(r) > 1 and r[1].startswith(name_start))


# --- layout -----------------------------------------------------------------------------------


def test_page_is_a4_with_the_decrees_margins(recorded: Path) -> None:
    section = Document(str(make(recorded))).sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    sizes += [section.left_margin, section.right_margin]
    assert [round(s.mm) for s in sizes] == [210, 297, 20, 20, 30, 15]


def test_body_font_is_times_new_roman_14(recorded: Path) -> None:
    doc = Document(str(make(recorded)))
    assert (doc.styles["Normal"].font.name, doc.styles["Normal"].font.size) == (
        "Times New Roman",
        Pt(14),
    )
    assert doc.styles["CDS Thân bài"].font.size == Pt(14)


def test_header_holds_parent_school_number_motto_and_date(recorded: Path) -> None:
    header = Document(str(make(recorded))).tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND XÃ XUÂN TRƯỜNG",
        "TRƯỜNG TIỂU HỌC XUÂN TIẾN",
        "Số:      /BC-THXT",
    ]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Xuân Trường, ngày 12 tháng 6 năm 2026",
    ]


def test_header_fonts_follow_the_decree(recorded: Path) -> None:
    left, right = Document(str(make(recorded))).tables[0].rows[0].cells
    school = left.paragraphs[1].runs[0]
    motto = right.paragraphs[1].runs[0]
    date = right.paragraphs[3].runs[0]
    assert (school.font.size, school.font.bold) == (Pt(12), True)
    assert (motto.font.size, motto.font.bold) == (Pt(13), True)
    assert (date.font.size, date.font.italic) == (Pt(13), True)


def test_title_subject_and_addressee(recorded: Path) -> None:
    found = texts(make(recorded))
    assert found[:4] == [
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch chuyển đổi số quý II năm 2026",
        "",
        "Kính gửi: UBND xã Xuân Trường.",
    ]


def test_opening_cites_the_plan(recorded: Path) -> None:
    assert texts(make(recorded))[4] == (
        "Thực hiện Kế hoạch số 153/KH-THXT ngày 29/5/2026 của Trường Tiểu học Xuân Tiến về chuyển đổi số "
        "năm 2026, nhà trường báo cáo kết quả thực hiện quý II năm 2026 như sau:"
    )


def test_page_numbers_from_page_two(recorded: Path) -> None:
    section = Document(str(make(recorded))).sections[0]
    assert section.different_first_page_header_footer is True
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert section.first_page_header.paragraphs[0].text == ""


def test_signature_block_and_recipients(recorded: Path) -> None:
    left, right = Document(str(make(recorded))).tables[2].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert [p.text for p in right.paragraphs if p.text.strip()] == ["HIỆU TRƯỞNG", "Nguyễn Thị Nhị"]


def test_recipients_from_the_plan(recorded: Path) -> None:
    text = recorded.read_text(encoding="utf-8").replace(
        "groups:",
        "report:\n  recipients: [UBND xã Xuân Trường (để báo cáo), CB-GV-NV nhà trường, Lưu VT]\ngroups:",
        1,
    )
    recorded.write_text(text, encoding="utf-8")
    left = Document(str(make(recorded))).tables[2].rows[0].cells[0]
    assert [p.text for p in left.paragraphs][1:] == [
        "- UBND xã Xuân Trường (để báo cáo);",
        "- CB-GV-NV nhà trường;",
        "- Lưu VT.",
    ]


def test_body_ends_with_the_closing_formula(recorded: Path) -> None:
    closing = [t for t in texts(make(recorded)) if t.startswith("Trên đây")]
    assert closing == [
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch chuyển đổi số quý II năm 2026 của Trường Tiểu học Xuân Tiến./."
    ]


# --- the results table ------------------------------------------------------------------------


def test_results_table_header(recorded: Path) -> None:
    assert table_rows(make(recorded), 1)[0] == [
        "STT",
        "Chỉ tiêu",
        "Kế hoạch",
        "Kết quả trong kỳ",
        "Kết quả lũy kế",
        "Tỷ lệ đạt",
        "Đánh giá",
        "Ghi chú (minh chứng)",
    ]


def test_results_table_groups_rows_under_headings(recorded: Path) -> None:
    rows = table_rows(make(recorded), 1)
    groups = [r[:2] for r in rows if len(r) == 2]
    assert groups == [
        ["2.1", "Về công tác lãnh đạo, chỉ đạo điều hành, truyền thông"],
        ["2.2", "Về hạ tầng số"],
        ["2.3", "Về phát triển nguồn lực số"],
        ["2.4", "Về phát triển dữ liệu số"],
        ["2.5", "Về chính quyền số, kinh tế số, xã hội số"],
        ["2.6", "Về an toàn thông tin mạng"],
        ["II.1", "Mức độ chuyển đổi số của nhà trường"],
    ]
    assert len(rows) == 1 + 7 + 21


def test_ratio_row_shows_gain_in_period_and_cumulative(recorded: Path) -> None:
    assert row_of(make(recorded), "Cán bộ, viên chức được bồi dưỡng") == [
        "6",
        "Cán bộ, viên chức được bồi dưỡng kỹ năng số cơ bản",
        "100%",
        "+15",
        "27/31 (87,1%)",
        "87,1%",
        "Đang thực hiện",
        "Tập huấn kỹ năng số, đợt 2 (QĐ 21/QĐ-THXT)",
    ]


def test_flow_row_sums_the_period(recorded: Path) -> None:
    assert row_of(make(recorded), "Tin, bài")[2:7] == [
        "12 bài",
        "7 bài",
        "7 bài",
        "58,3%",
        "Đang thực hiện",
    ]


def test_milestone_row_says_when_it_was_done(recorded: Path) -> None:
    assert row_of(make(recorded), "Ban hành kế hoạch")[2:8] == [
        "Hoàn thành",
        "Hoàn thành 29/5",
        "Đã hoàn thành",
        "100%",
        "Đạt",
        "KH số 153/KH-THXT",
    ]


def test_a_stock_met_before_the_period_shows_no_gain(recorded: Path) -> None:
    assert row_of(make(recorded), "CBQL được cấp")[2:7] == [
        "100%",
        "—",
        "3/3 (100%)",
        "100%",
        "Đạt",
    ]


def test_strict_target_reads_tren_90(recorded: Path) -> None:
    assert row_of(make(recorded), "Viên chức trong trường làm chủ")[2] == "Trên 90%"


def test_stretch_target_is_shown_beside_the_binding_one(recorded: Path) -> None:
    assert row_of(make(recorded), "Tỷ lệ học liệu")[2] == "15% (phấn đấu 50%)"


def test_self_assessed_level_is_stated(recorded: Path) -> None:
    assert (
        "Mức độ chuyển đổi số nhà trường tự đánh giá theo Bộ chỉ số của Bộ GDĐT: mức 2 (kế hoạch: mức 2)."
        in texts(make(recorded))
    )


def test_without_records_every_row_says_it_has_no_data(shipped: Path) -> None:
    rows = [r for r in table_rows(make(shipped), 1)[1:] if len(r) > 2]
    assert {tuple(r[3:7]) for r in rows} == {("—", "—", "—", "Chưa có số liệu")}


# --- the year's report ------------------------------------------------------------------------


def test_year_report_subject_and_outlook(recorded: Path) -> None:
    found = texts(make(recorded, quarter=None, issue=dt.date(2026, 12, 1)))
    assert found[1] == "Kết quả thực hiện Kế hoạch chuyển đổi số năm 2026"
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027" in found


def test_year_report_before_the_cut_off_says_how_far_figures_run(recorded: Path) -> None:
    found = texts(make(recorded, quarter=None, issue=dt.date(2026, 12, 1)))
    assert (
        found[5]
        == "Số liệu tính đến ngày 1/12/2026 (kỳ số liệu từ ngày 15/12/2025 đến ngày 14/12/2026)."
    )


def test_year_report_has_no_in_progress_verdict(recorded: Path) -> None:
    rows = [
        r
        for r in table_rows(make(recorded, quarter=None, issue=dt.date(2026, 12, 1)), 1)[1:]
        if len(r) > 2
    ]
    assert {r[6] for r in rows} == {"Đạt", "Chưa đạt", "Chưa có số liệu"}


def test_year_report_sums_flows_over_the_year(recorded: Path) -> None:
    path = make(recorded, quarter=None, issue=dt.date(2026, 12, 1))
    assert row_of(path, "Tin, bài")[3:5] == ["7 bài", "7 bài"]


# --- notes ------------------------------------------------------------------------------------

NOTES = """\
<!-- hướng dẫn: không đưa vào báo cáo -->
# I. Công tác lãnh đạo
Ban hành Kế hoạch số 153/KH-THXT
ngày 29/5/2026.

- Tuyên truyền trên trang thông tin.
- Hưởng ứng Ngày CĐS quốc gia.

# II. Kết quả
# III. Đánh giá chung
## 1. Ưu điểm
Đội ngũ nhiệt tình.
## 2. Tồn tại, hạn chế
Thiết bị còn thiếu.
## 3. Nguyên nhân
Kinh phí hạn chế.
# IV. Phương hướng
Tập huấn đợt 3.
# V. Đề xuất
Đề nghị cấp thêm máy tính.
"""


def test_notes_fill_the_sections(recorded: Path) -> None:
    recorded.with_name("2026-xuan-tien.notes-q2.md").write_text(NOTES, encoding="utf-8")
    found = texts(make(recorded))
    start = found.index("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO,\nTHÔNG TIN TUYÊN TRUYỀN")
    assert found[start + 1 : start + 4] == [
        "Ban hành Kế hoạch số 153/KH-THXT ngày 29/5/2026.",
        "- Tuyên truyền trên trang thông tin.",
        "- Hưởng ứng Ngày CĐS quốc gia.",
    ]
    for text in (
        "Đội ngũ nhiệt tình.",
        "Thiết bị còn thiếu.",
        "Kinh phí hạn chế.",
        "Tập huấn đợt 3.",
        "Đề nghị cấp thêm máy tính.",
    ):
        assert text in found
    assert "…" not in found
    assert not any("hướng dẫn" in t for t in found)


def test_without_notes_no_section_holds_a_placeholder(recorded: Path) -> None:
    found = texts(make(recorded))
    assert [t for t in found if t.strip() in ("…", "...")] == []
    assert "Không có đề xuất, kiến nghị." in found


def test_without_notes_section_i_says_what_group_2_1_recorded(recorded: Path) -> None:
    found = texts(make(recorded))
    start = found.index("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO,\nTHÔNG TIN TUYÊN TRUYỀN")
    end = found.index("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    assert found[start + 1 : end] != []
    assert all(t.startswith("Ngày ") for t in found[start + 1 : end])


def test_user_text_with_markup_characters_and_nfd_is_shown_as_typed(recorded: Path) -> None:
    nasty = (
        'Mua 2 máy & 3 màn hình <loại "tốt"> '
        + unicodedata.normalize("NFD", "Tập huấn")
        + "\x07\x1b."
    )
    recorded.with_name("2026-xuan-tien.notes-q2.md").write_text(
        f"# I. Lãnh đạo\n{nasty}\n", encoding="utf-8"
    )
    records = recorded.with_name("2026-xuan-tien.records.csv")
    records.write_text(
        RECORDS + '2026-06-01,hoc-ba-so,400,,"A & B <c> ""d""\x01",\n', encoding="utf-8"
    )
    path = make(recorded)
    assert 'Mua 2 máy & 3 màn hình <loại "tốt"> Tập huấn.' in texts(path)
    assert row_of(path, "Học sinh được cấp phát")[7] == 'A & B <c> "d"'


def test_notes_with_an_unknown_heading_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(CdsError) as caught:
        notes_module.parse("# I. Lãnh đạo\nx\n# Kết luận\n", tmp_path / "n.md")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (3, "Tiêu đề '# Kết luận' không ứng với mục nào của báo cáo.")
    ]


def test_notes_text_outside_any_section_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CdsError) as caught:
        notes_module.parse("Lời mở đầu\n# I. Lãnh đạo\n", tmp_path / "n.md")
    assert caught.value.problems[0].line == 1


def test_init_notes_writes_a_skeleton_that_parses_empty(cds: Cds, shipped: Path) -> None:
    result = cds("report", "--quarter", "2", "--init-notes", "--plan", str(shipped))
    assert result.exit_code == 0, result.output
    path = shipped.with_name("2026-xuan-tien.notes-q2.md")
    parsed = notes_module.parse(path.read_text(encoding="utf-8"), path)
    assert all(v == [] for v in parsed.sections.values())
    assert "# IV. Phương hướng, nhiệm vụ quý III năm 2026" in path.read_text(encoding="utf-8")


def test_init_notes_never_overwrites(cds: Cds, shipped: Path) -> None:
    shipped.with_name("2026-xuan-tien.notes-q2.md").write_text(
        "# I. x\nviết rồi\n", encoding="utf-8"
    )
    result = cds("report", "--quarter", "2", "--init-notes", "--plan", str(shipped))
    assert result.exit_code == 1
    assert (
        shipped.with_name("2026-xuan-tien.notes-q2.md").read_text(encoding="utf-8")
        == "# I. x\nviết rồi\n"
    )


# --- the command ------------------------------------------------------------------------------


def test_default_output_is_reports_beside_plans(cds: Cds, recorded: Path, school: Path) -> None:
    result = cds("report", "--quarter", "2", "--date", "2026-06-12", "--plan", str(recorded))
    assert result.exit_code == 0, result.output
    assert (school / "reports" / "bao-cao-cds-thxt-2026-quy-2.docx").is_file()
    assert "Chưa có tệp nội dung thuyết minh" in result.stderr


def test_says_which_notes_file_it_read(cds: Cds, recorded: Path) -> None:
    notes = recorded.with_name("2026-xuan-tien.notes-q2.md")
    notes.write_text(NOTES, encoding="utf-8")
    result = cds("report", "--quarter", "2", "--date", "2026-06-12", "--plan", str(recorded))
    assert f"Nội dung thuyết minh lấy từ {notes}." in result.stdout


def test_existing_report_is_never_overwritten_without_force(
    cds: Cds, recorded: Path, school: Path
) -> None:
    target = school / "reports" / "bao-cao-cds-thxt-2026-quy-2.docx"
    target.parent.mkdir()
    target.write_bytes(b"edited in Word")
    refused = cds("report", "--quarter", "2", "--plan", str(recorded))
    assert refused.exit_code == 1
    assert target.read_bytes() == b"edited in Word"
    forced = cds("report", "--quarter", "2", "--force", "--plan", str(recorded))
    assert forced.exit_code == 0
    assert target.read_bytes() != b"edited in Word"


def test_number_option_fills_the_number(recorded: Path) -> None:
    header = Document(str(make(recorded, number="05"))).tables[0]
    assert header.rows[0].cells[0].paragraphs[3].text == "Số: 05/BC-THXT"


def test_late_report_is_warned(cds: Cds, recorded: Path) -> None:
    result = cds("report", "--quarter", "2", "--date", "2026-06-20", "--plan", str(recorded))
    assert (
        "Lưu ý: báo cáo quý II năm 2026 phải gửi trước ngày 15/06/2026; ngày báo cáo 20/06/2026 đã quá hạn."
        in result.stderr
    )


def test_report_needs_a_period(cds: Cds, recorded: Path) -> None:
    result = cds("report", "--plan", str(recorded))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        "Chọn kỳ báo cáo: --quarter N hoặc --year.",
    )


def test_template_naming_an_unknown_variable_fails_naming_it(
    recorded: Path, tmp_path: Path
) -> None:
    template = tmp_path / "mau.docx"
    doc = Document()
    doc.add_paragraph("{{ school_upper }} {{ ten_hieu_pho }}")
    doc.save(str(template))
    with pytest.raises(CdsError) as caught:
        make(recorded, template=template)
    assert (
        caught.value.problems[0].message
        == f"Mẫu báo cáo {template} dùng biến 'ten_hieu_pho' không có."
    )
    assert not (recorded.parent.parent / "reports").exists()


def test_template_cannot_reach_python_internals(recorded: Path, tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    doc = Document()
    doc.add_paragraph("{{ school.__class__.__mro__ }}")
    doc.save(str(template))
    with pytest.raises(CdsError) as caught:
        make(recorded, template=template)
    assert caught.value.problems[0].message.startswith(
        f"Mẫu báo cáo {template} dùng thao tác không được phép"
    )


def test_a_file_that_is_not_docx_is_refused_as_template(recorded: Path, tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    template.write_text("not a zip", encoding="utf-8")
    with pytest.raises(CdsError) as caught:
        make(recorded, template=template)
    assert (
        caught.value.problems[0].message
        == f"Không mở được mẫu báo cáo {template}: không phải tệp Word .docx hợp lệ."
    )


def test_a_missing_template_is_named(recorded: Path, tmp_path: Path) -> None:
    with pytest.raises(CdsError) as caught:
        make(recorded, template=tmp_path / "khong-co.docx")
    assert caught.value.problems[0].message == f"Không tìm thấy tệp {tmp_path / 'khong-co.docx'}."


def test_pdf_without_libreoffice_says_how_to_get_one(
    recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "libreoffice", lambda: None)
    result = api.report(recorded, quarter=2, year=False, issue_date=dt.date(2026, 6, 12), pdf=True)
    assert result.pdf is None
    assert "Cài LibreOffice" in result.pdf_problems[0].message
    assert result.path.is_file()


@pytest.mark.skipif(render.libreoffice() is None, reason="LibreOffice is not installed")
def test_pdf_is_written_beside_the_docx(recorded: Path) -> None:
    result = api.report(recorded, quarter=2, year=False, issue_date=dt.date(2026, 6, 12), pdf=True)
    assert result.pdf == result.path.with_suffix(".pdf")
    assert result.pdf.read_bytes().startswith(b"%PDF")


def test_the_remarks_of_many_distinct_notes_are_bounded_and_linear() -> None:
    """50,000 distinct notes: the old `text not in list` took 1.25 billion comparisons (minutes);
    a set takes one pass. The table's note is a summary: the newest, and how many more (three
    of a benchmark's notes made a 100,000-record report 14 pages; one, 7)."""
    import datetime as dt

    from cds_tracker.domain.history import History, Measurement
    from cds_tracker.output.report.content import _remarks

    day = dt.date(2026, 5, 1)
    history = History("tin-bai-cds")
    for i in range(50_000):
        history = history.plus(
            Measurement(day, "tin-bai-cds", 1.0, None, f"ghi chú {i}", "", i + 2)
        )
    said = _remarks(history, dt.date(2026, 3, 15), dt.date(2026, 6, 14), "Phó Hiệu trưởng")
    assert said == (
        "ghi chú 49999. Và 49.999 ghi chú khác (xem Phụ lục). Phụ trách: Phó Hiệu trưởng"
    )


def test_the_leadership_section_names_the_newest_records_and_counts_the_rest() -> None:
    """A million records said 36,000 leadership records in section I (a 3,800-page report)."""
    import datetime as dt

    from cds_tracker.domain.history import History, Measurement
    from cds_tracker.domain.periods import quarter
    from cds_tracker.output.report.draft import _leadership
    from cds_tracker.store.planfile import load_plan
    from tests.conftest import SHIPPED_PLAN

    plan = load_plan(SHIPPED_PLAN).plan
    history = History("tin-bai-cds")
    for i in range(20):
        day = dt.date(2026, 4, 1 + i)
        history = history.plus(Measurement(day, "tin-bai-cds", 1.0, None, f"bài {i}", "", i + 2))
    histories = {i.id: History(i.id) for i in plan.indicators} | {"tin-bai-cds": history}
    said = _leadership(plan, histories, quarter(plan, 2), dt.date(2026, 6, 14))
    name = plan.indicator("tin-bai-cds").name  # type: ignore[union-attr]
    assert said[0] == f"Ngày 13/4/2026: {name}: bài 12."
    assert (len(said), said[-1]) == (
        9,
        "Và 12 kết quả khác đã ghi trong kỳ (xem Phụ lục).",
    )
