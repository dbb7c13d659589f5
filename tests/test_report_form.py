"""The report as Nghị định 30/2020/NĐ-CP (Phụ lục I) lays it out, read back from the file.

Each rule of the decree that can be read from a .docx is checked here on the shipped plan and on
a school whose name is twice as long: paper, margins, fonts and sizes, bold and italic, alignment,
the rules under the name and the subject, page numbers from page two, the number, "./.", the
language. The element order of the template and of a report is checked against ECMA-376.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from lxml import etree

from cds_tracker import api
from cds_tracker.output.report import layout, render
from tests.conftest import ROOT, SHIPPED_PLAN
from tests.test_report import RECORDS

TEMPLATE = ROOT / "templates" / "bao-cao-cds.docx"
W = layout.W
LONG_NAME = "Trường Tiểu học và Trung học cơ sở Xuân Tiến - Xuân Trường"  # twice as long


def school_plan(folder: Path, name: str | None) -> Path:
    (folder / "plans").mkdir()
    plan = folder / "plans" / SHIPPED_PLAN.name
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    if name:
        text = text.replace("name: Trường Tiểu học Xuân Tiến", f"name: {name}", 1)
    plan.write_text(text, encoding="utf-8")
    plan.with_name("2026-xuan-tien.records.csv").write_text(RECORDS, encoding="utf-8")
    return plan


@pytest.fixture(params=[None, LONG_NAME], ids=["shipped", "long-name"])
def report(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    plan = school_plan(tmp_path, request.param)
    return api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5), number="5").path


def paragraphs_of(cell: object) -> list[object]:
    return [p for p in cell.paragraphs if p.text.strip()]  # type: ignore[attr-defined]


def size(paragraph: object, document: object) -> float:
    """A paragraph's font size in points: its first run's, else its style's."""
    run = paragraph.runs[0]  # type: ignore[attr-defined]
    if run.font.size is not None:
        return float(run.font.size.pt)
    return float(paragraph.style.font.size.pt)  # type: ignore[attr-defined]


def bold(paragraph: object) -> bool:
    run = paragraph.runs[0]  # type: ignore[attr-defined]
    return bool(run.font.bold if run.font.bold is not None else paragraph.style.font.bold)  # type: ignore[attr-defined]


def italic(paragraph: object) -> bool:
    run = paragraph.runs[0]  # type: ignore[attr-defined]
    return bool(run.font.italic if run.font.italic is not None else paragraph.style.font.italic)  # type: ignore[attr-defined]


def test_a4_portrait_with_the_decrees_margins(report: Path) -> None:
    section = Document(str(report)).sections[0]
    in_mm = [
        round(length.mm)  # Word keeps twips: 210 mm is 11906 twips, a hair over
        for length in (section.page_width, section.page_height, section.top_margin)
        + (section.bottom_margin, section.left_margin, section.right_margin)
    ]
    assert in_mm == [210, 297, 20, 20, 30, 15]


def test_times_new_roman_everywhere(report: Path) -> None:
    document = Document(str(report))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "Times New Roman"
    }
    every_run_font = {
        run.font.name for p in document.paragraphs for run in p.runs if run.font.name is not None
    }
    assert every_run_font <= {"Times New Roman"}


def test_the_header_block(report: Path) -> None:
    document = Document(str(report))
    left, right = document.tables[0].rows[0].cells
    parent, school, number = paragraphs_of(left)
    assert parent.text == parent.text.upper() and size(parent, document) in (12, 13)
    assert not bold(parent)
    assert (
        school.text == school.text.upper() and bold(school) and size(school, document) in (12, 13)
    )
    assert re.fullmatch(r"Số: 0\d/BC-THXT", number.text) and size(number, document) == 13
    nation, motto, place = paragraphs_of(right)
    assert nation.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and bold(nation)
    assert size(nation, document) in (12, 13)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and bold(motto) and not italic(motto)
    assert size(motto, document) in (13, 14)
    assert place.text == "Xuân Trường, ngày 05 tháng 6 năm 2026" and italic(place)
    assert size(place, document) in (13, 14)
    for p in (parent, school, number, nation, motto, place):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_title_subject_and_recipient(report: Path) -> None:
    document = Document(str(report))
    found = [p for p in document.paragraphs if p.text.strip()]
    title, subject, to = found[0], found[1], found[2]
    assert title.text == "BÁO CÁO" and bold(title) and size(title, document) in (13, 14)
    assert subject.text == "Kết quả thực hiện Kế hoạch chuyển đổi số quý II năm 2026"
    assert bold(subject)
    assert to.text == "Kính gửi: UBND xã Xuân Trường."
    for p in (title, subject, to):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_body_is_justified_indented_and_spaced(report: Path) -> None:
    document = Document(str(report))
    body = document.styles["CDS Thân bài"]
    assert body.font.size == Pt(14)
    fmt = body.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= fmt.first_line_indent <= Mm(12.7)
    assert fmt.space_after >= Pt(6)
    assert 1.0 <= fmt.line_spacing <= 1.5


def test_it_ends_with_the_closing_mark(report: Path) -> None:
    body = [p.text for p in Document(str(report)).paragraphs if p.text.strip()]
    closing = next(t for t in body if t.startswith("Trên đây là báo cáo"))
    assert closing.endswith("./.")


def test_recipients_and_signer(report: Path) -> None:
    document = Document(str(report))
    left, right = document.tables[-1].rows[0].cells
    heading, *lines = paragraphs_of(left)
    assert heading.text == "Nơi nhận:" and bold(heading) and italic(heading)
    assert size(heading, document) == 12
    assert [size(p, document) for p in lines] == [11] * len(lines)
    assert lines[-1].text == "- Lưu: VT."
    title, name = paragraphs_of(right)
    assert title.text == "HIỆU TRƯỞNG" and bold(title)
    assert name.text == "Nguyễn Thị Nhị" and bold(name)


def test_recipients_sit_on_the_left_margin(report: Path) -> None:
    table = Document(str(report)).tables[-1]._tbl
    left = table.find(f"{W}tblPr/{W}tblCellMar/{W}left")
    assert left is not None and left.get(f"{W}w") == "0"


def test_page_numbers_from_page_two(report: Path) -> None:
    section = Document(str(report)).sections[0]
    assert section.different_first_page_header_footer
    header = etree.tostring(section.header._element).decode()
    assert 'w:instr="PAGE"' in header
    assert "PAGE" not in "".join(p.text for p in section.first_page_header.paragraphs)


def test_the_language_is_vietnamese(report: Path) -> None:
    styles = Document(str(report)).styles.element
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "vi-VN"


def test_properties_name_the_report_not_the_tool(report: Path) -> None:
    props = Document(str(report)).core_properties
    assert props.title == "Kết quả thực hiện Kế hoạch chuyển đổi số quý II năm 2026"
    assert props.author in ("Trường Tiểu học Xuân Tiến", LONG_NAME)
    assert (props.created.date(), props.modified.date()) == (dt.date(2026, 6, 5),) * 2
    with zipfile.ZipFile(report) as package:
        names = package.namelist()
        everything = b"".join(package.read(n) for n in names if n.endswith(".xml"))
    assert b"python-docx" not in everything
    assert not any("thumbnail" in n for n in names)


def rule_ratios(report: Path) -> dict[str, float]:
    """The length of each rule over the width of the text above it, from the file."""
    document = Document(str(report))
    ratios = {}
    for p in document.element.body.iter(f"{W}p"):
        if not layout._is_rule(p):
            continue
        above = p.getprevious()
        text = max(layout._lines_of(above), key=lambda x: layout._measure(above, x, document))
        room = layout._room(p, layout._twips(Mm(165)), document)
        indent = p.find(f"{W}pPr/{W}ind")
        length = room - 2 * float(indent.get(f"{W}left"))
        width = min(layout._measure(above, text, document), room)
        ratios[text[:12]] = length / width
    return ratios


def test_rules_are_a_third_to_a_half_of_the_line_above(report: Path) -> None:
    ratios = rule_ratios(report)
    motto = ratios.pop("Độc lập - Tự")
    assert motto == pytest.approx(1.0, abs=0.02)
    assert len(ratios) == 2  # under the school's name and under the subject
    assert all(1 / 3 <= r <= 1 / 2 for r in ratios.values()), ratios


def test_no_paragraph_is_a_placeholder(report: Path) -> None:
    document = Document(str(report))
    cells = [p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    texts = [p.text.strip() for p in [*document.paragraphs, *cells]]
    assert [t for t in texts if t in ("…", "...", "…/…")] == []


def test_the_opening_cites_what_it_implements(report: Path) -> None:
    opening = next(
        p.text for p in Document(str(report)).paragraphs if p.text.startswith("Thực hiện ")
    )
    assert "Kế hoạch số " in opening


def test_the_files_say_what_the_document_is(report: Path) -> None:
    with zipfile.ZipFile(report) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
        settings = package.read("word/settings.xml").decode("utf-8")
    assert "<Application>cds-tracker " in app and "Microsoft" not in app
    assert "<Pages>" not in app and re.search(r"<Words>[1-9]\d*</Words>", app)
    assert "<dc:language>vi-VN</dc:language>" in core
    assert re.search(r'<w:themeFontLang w:val="vi-VN" w:eastAsia="vi-VN"/>', settings)
    assert "en-US" not in settings and "ja-JP" not in settings


def test_each_rule_sits_right_under_its_line(report: Path) -> None:
    rules = [p for p in Document(str(report)).element.body.iter(f"{W}p") if layout._is_rule(p)]
    assert len(rules) == 3
    for rule in rules:
        spacing = rule.find(f"{W}pPr/{W}spacing")
        assert (
            spacing.get(f"{W}before"),
            spacing.get(f"{W}line"),
            spacing.get(f"{W}lineRule"),
        ) == ("0", "40", "exact")
        above = rule.getprevious().find(f"{W}pPr/{W}spacing")
        assert above is not None and above.get(f"{W}after") == "0"


def test_a_deputy_signs_for_the_head(tmp_path: Path) -> None:
    plan = school_plan(tmp_path, None)
    text = plan.read_text(encoding="utf-8")
    shipped = "  head: {title: Hiệu trưởng, name: Nguyễn Thị Nhị}\n"
    deputy = "  head: {title: Phó Hiệu trưởng, name: Trần Văn An}\n"
    plan.write_text(text.replace(shipped, deputy), encoding="utf-8")
    path = api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5)).path
    right = Document(str(path)).tables[-1].rows[0].cells[1]
    assert [p.text for p in paragraphs_of(right)] == [
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Trần Văn An",
    ]


def test_the_opening_cites_the_plans_basis(tmp_path: Path) -> None:
    plan = school_plan(tmp_path, None)
    basis = "Kế hoạch số 12/KH-UBND ngày 10/3/2026 của UBND xã Xuân Trường"
    text = plan.read_text(encoding="utf-8").replace(
        "  year: 2026\n", f"  year: 2026\n  basis: [{basis}]\n", 1
    )
    plan.write_text(text, encoding="utf-8")
    path = api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5)).path
    opening = next(
        p.text for p in Document(str(path)).paragraphs if p.text.startswith("Thực hiện ")
    )
    assert opening.startswith(
        f"Thực hiện {basis}; Kế hoạch số 153/KH-THXT ngày 29/5/2026 của Trường Tiểu học Xuân Tiến"
    )
    assert opening.count("Trường Tiểu học Xuân Tiến") == 1


def test_a_measured_width_matches_times_new_roman() -> None:
    # "BÁO CÁO" in 14 pt bold is 65.4 pt wide in Times New Roman (widths B 1366, Á 1479 …).
    assert layout.text_width_pt("BÁO CÁO", 14, True) == pytest.approx(65.4, abs=0.5)


def test_numbers_below_ten_take_a_leading_zero(tmp_path: Path) -> None:
    plan = school_plan(tmp_path, None)
    for given, shown in (
        ("5", "Số: 05/BC-THXT"),
        ("12", "Số: 12/BC-THXT"),
        ("7/BC-UBND", "Số: 07/BC-UBND"),
    ):
        path = api.report(
            plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5), number=given, force=True
        ).path
        assert Document(str(path)).tables[0].rows[0].cells[0].paragraphs[-1].text == shown


# --- schema order ---------------------------------------------------------------------------------


def xml_parts(path: Path) -> list[tuple[str, object]]:
    with zipfile.ZipFile(path) as package:
        return [
            (name, etree.fromstring(package.read(name)))
            for name in package.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        ]


@pytest.mark.parametrize("which", ["template", "report"])
def test_properties_are_in_the_schemas_order(which: str, tmp_path: Path) -> None:
    path = TEMPLATE
    if which == "report":
        plan = school_plan(tmp_path, None)
        path = api.report(plan, year=True, quarter=None, issue_date=dt.date(2026, 12, 1)).path
    problems = {name: layout.order_problems(root) for name, root in xml_parts(path)}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_order_check_sees_a_property_out_of_order() -> None:
    root = etree.fromstring(
        f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:spacing/><w:pBdr/></w:pPr></w:p>'.encode()
    )
    assert layout.order_problems(root) == ["pPr: spacing before pBdr"]
    layout.put_in_order(root)
    assert layout.order_problems(root) == []


# --- the annex -------------------------------------------------------------------------------------


def test_the_annual_report_ends_with_the_annex_on_a_new_page(tmp_path: Path) -> None:
    plan = school_plan(tmp_path, None)
    path = api.report(plan, quarter=None, year=True, issue_date=dt.date(2026, 12, 1)).path
    document = Document(str(path))
    heading = next(p for p in document.paragraphs if p.text == "Phụ lục")
    assert heading.paragraph_format.page_break_before
    rows = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert rows[0] == ["STT", "Ngày", "Kết quả", "Ghi chú", "Minh chứng"]
    assert ["", "20/05/2026", "27", "Tập huấn kỹ năng số, đợt 2", "QĐ 21/QĐ-THXT"] in rows


def test_a_quarterly_report_has_the_annex_only_when_asked(tmp_path: Path) -> None:
    plan = school_plan(tmp_path, None)
    plain = api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5)).path
    assert "Phụ lục" not in [p.text for p in Document(str(plain)).paragraphs]
    annexed = api.report(
        plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5), annex=True, force=True
    ).path
    assert "Phụ lục" in [p.text for p in Document(str(annexed)).paragraphs]


def test_the_annex_counts_attendees_and_names_nobody(tmp_path: Path) -> None:
    from tests.test_people import PLAN, ROSTER

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    plan.with_name("plan.people.csv").write_text(ROSTER, encoding="utf-8")
    api.record(
        plan, "gv-tap-huan", "", attendees="gv01,gv02", note="Đợt 1",
        day=dt.date(2026, 5, 2), today=dt.date(2026, 6, 1),
    )  # fmt: skip
    path = api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5), annex=True).path
    cells = [c.text for row in Document(str(path)).tables[-1].rows for c in row.cells]
    assert "Đợt 1 (2 người tham dự, 2 người lần đầu được tính)" in cells
    assert not any("Trần Văn Nam" in c or "gv01" in c for c in cells)


def test_the_annex_says_how_many_each_session_adds(tmp_path: Path) -> None:
    from tests.test_people import PLAN, ROSTER

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    plan.with_name("plan.people.csv").write_text(ROSTER, encoding="utf-8")
    for day, who in ((2, "gv01,gv02,gv03"), (9, "gv02,gv03,gv04,nv01")):
        api.record(
            plan, "gv-tap-huan", "", attendees=who, note=f"Ngày {day}",
            day=dt.date(2026, 5, day), today=dt.date(2026, 6, 1),
        )  # fmt: skip
    path = api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5), annex=True).path
    cells = [c.text for row in Document(str(path)).tables[-1].rows for c in row.cells]
    # nv01 is no teacher: attended, never counted; gv02, gv03 were counted on the 2nd.
    assert "Ngày 9 (4 người tham dự, 1 người lần đầu được tính)" in cells


# --- words a clerk would use ----------------------------------------------------------------------


def test_the_rate_of_a_lower_is_better_target_says_met_or_not() -> None:
    from cds_tracker.domain.attainment import Standing
    from cds_tracker.domain.model import Indicator, Target
    from cds_tracker.output.report.content import _rate

    indicator = Indicator("loi", "2.5", "Tỷ lệ lỗi", "percent", target=Target("<=", 5.0))
    standing = Standing(
        indicator=indicator, as_of=dt.date(2026, 6, 1), value=3.0, count=None, of=None,
        met=True, stretch_met=None, status="met", last_date=None, expected=None,
    )  # fmt: skip
    assert _rate(standing) == "Đạt"


# --- broken templates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ subject }", "đoạn thứ 2 («{{ subject }»): thẻ {{ … }} thiếu một dấu '}' đóng."),
        (
            "{%p for x in rows %}",
            "đoạn thứ 2 («{%p for x in rows %}»): thẻ mở ở đoạn này không có thẻ đóng {%p endfor %}.",
        ),
        (
            "{%p endfor %}",
            "đoạn thứ 2 («{%p endfor %}»): thẻ {%p endfor %} ở đoạn này không có thẻ mở tương ứng.",
        ),
    ],
)
def test_a_broken_template_is_named_by_paragraph_and_tag(
    tmp_path: Path, text: str, message: str
) -> None:
    from cds_tracker.checks.problem import CdsError

    template = tmp_path / "mau.docx"
    document = Document()
    for line in ("Đoạn một", text, "Đoạn ba"):
        document.add_paragraph(line)
    document.save(str(template))
    with pytest.raises(CdsError) as caught:
        render.render(template, {"subject": "x", "rows": []})
    assert caught.value.problems[0].message == (
        f"Mẫu báo cáo {template}, {message} Mở mẫu bằng Word và sửa đoạn đó."
    )


# --- the PDF's font ---------------------------------------------------------------------------------


def test_times_new_roman_is_found_by_its_file_name(tmp_path: Path) -> None:
    (tmp_path / "truetype").mkdir()
    (tmp_path / "truetype" / "Times_New_Roman.ttf").write_bytes(b"")
    assert render.pdf_font([tmp_path]) == "times"


def test_liberation_serif_alone_is_a_font_of_the_same_widths(tmp_path: Path) -> None:
    (tmp_path / "liberation").mkdir()
    (tmp_path / "liberation" / "LiberationSerif-Regular.ttf").write_bytes(b"")
    assert render.pdf_font([tmp_path]) == "same widths"


def test_dejavu_alone_is_a_wider_font(tmp_path: Path) -> None:
    (tmp_path / "dejavu").mkdir()
    (tmp_path / "dejavu" / "DejaVuSerif.ttf").write_bytes(b"")
    assert render.pdf_font([tmp_path]) == "wider"


@pytest.mark.parametrize(
    ("font", "said"),
    [("times", []), ("same widths", ["rp.font_missing"]), ("wider", ["rp.font_wider"])],
)
def test_a_pdf_says_which_font_stood_in_for_times_new_roman(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, font: str, said: list[str]
) -> None:
    plan = school_plan(tmp_path, None)
    api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5))
    monkeypatch.setattr(render, "to_pdf", lambda docx: docx.with_suffix(".pdf"))
    monkeypatch.setattr(render, "pdf_font", lambda folders=None: font)
    made = api.report_pdf(plan, quarter=2, year=False)
    assert [n.key for n in made.notices] == said


def test_a_plan_without_number_and_date_is_said_by_validate_and_report(
    cds: object, tmp_path: Path
) -> None:
    plan = school_plan(tmp_path, None)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("  number: 153/KH-THXT\n", "").replace("  date: 2026-05-29\n", "", 1), "utf-8"
    )
    validated = api.validate([plan])
    assert [n.key for n in validated.notices] == ["v.uncited"]
    made = api.report(plan, quarter=2, year=False, issue_date=dt.date(2026, 6, 5))
    assert "rp.uncited" in [n.key for n in made.notices]


def test_a_report_dated_before_its_plan_is_said(tmp_path: Path) -> None:
    plan = school_plan(tmp_path, None)
    made = api.report(plan, quarter=1, year=False, issue_date=dt.date(2026, 2, 3))
    assert "rp.before_plan" in [n.key for n in made.notices]


def test_the_overview_draws_nothing_at_its_left_edge(tmp_path: Path) -> None:
    """Labels used to run off the left edge ("n hành kế hoạch…"): the first columns of the
    picture must be background only."""
    import io

    from matplotlib import image

    from cds_tracker.output import site
    from cds_tracker.store.planfile import load_plan

    plan = school_plan(tmp_path, LONG_NAME)
    loaded = load_plan(plan)
    workspace = api.open_workspace(plan)
    rows = api.standings(workspace, dt.date(2026, 6, 5))
    for serif in (False, True):
        pixels = image.imread(
            io.BytesIO(site.overview(loaded.plan, rows, dt.date(2026, 6, 5), serif))
        )
        assert pixels[:, :6, :3].min() > 0.98  # white: nothing drawn there


def test_the_overviews_bars_show_the_figure_on_its_axis() -> None:
    from cds_tracker.domain.attainment import Standing
    from cds_tracker.domain.model import Indicator, Target
    from cds_tracker.text import present

    share = Indicator("hoc-lieu", "2.3", "Học liệu số", "percent", target=Target(">=", 70.0))
    count = Indicator("tin-bai", "2.1", "Tin bài", "count", target=Target(">=", 24.0))
    day = dt.date(2026, 6, 5)

    def at(indicator: Indicator, value: float) -> tuple[float | None, float | None]:
        standing = Standing(
            indicator=indicator, as_of=day, value=value, count=None, of=None, met=False,
            stretch_met=None, status="behind", last_date=day, expected=None,
        )  # fmt: skip
        return present.on_axis(standing)

    assert at(share, 16.2) == (pytest.approx(0.162), pytest.approx(0.70))  # not 16,2/70 of a bar
    assert at(count, 8) == (pytest.approx(8 / 24), 1.0)


def test_the_overview_names_the_school_and_numbers_the_bars(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cds_tracker.output import charts, site
    from cds_tracker.store.planfile import load_plan

    seen: dict[str, object] = {}

    def drawn(title: str, bars: list[charts.Bar], dpi: int = 100, serif: bool = False) -> bytes:
        seen.update(title=title, labels=[b.label for b in bars])
        return b""

    monkeypatch.setattr(charts, "overview_png", drawn)
    plan = school_plan(tmp_path, None)
    rows = api.standings(api.open_workspace(plan), dt.date(2026, 6, 5))
    site.overview(load_plan(plan).plan, rows, dt.date(2026, 6, 5))
    assert str(seen["title"]).startswith(
        "Trường Tiểu học Xuân Tiến — Kế hoạch chuyển đổi số năm 2026"
    )
    labels = seen["labels"]
    assert (
        isinstance(labels, list)
        and labels[0].startswith("1. Ban hành kế hoạch")
        and labels[20].startswith("21. ")
    )
