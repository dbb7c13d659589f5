"""Build templates/bao-cao-cds.docx, the shipped report template (`make template`).

The template is an ordinary Word document with Jinja tags (docxtpl), laid out as Nghị định
30/2020/NĐ-CP, Phụ lục I asks: A4, margins 20/20/30/15 mm, Times New Roman, the two-column header,
BÁO CÁO, the subject line, Kính gửi, a justified body, Nơi nhận and the signature block, page
numbers from page two. Schools may open it in Word, restyle it and keep using it; this script is
how the shipped one is made, so that it can be reviewed and rebuilt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from cds_tracker.output.report import layout

OUT = Path(__file__).resolve().parents[1] / "templates" / "bao-cao-cds.docx"
FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15
CENTER, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)

# The results table: STT | Chỉ tiêu | Kế hoạch | trong kỳ | lũy kế | Tỷ lệ đạt | Đánh giá | Ghi chú
COLUMNS_MM = [10, 43, 17, 16, 20, 15, 19, 25]
assert sum(COLUMNS_MM) == TEXT_WIDTH_MM


def set_fonts(element_rpr: OxmlElement) -> None:
    """Times New Roman for every script, so Vietnamese letters never fall back to another font."""
    fonts = element_rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element_rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def make_styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    set_fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def para_style(name: str, size: float, align: object, **kw: object) -> None:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = bool(kw.get("bold"))
        style.font.italic = bool(kw.get("italic"))
        pf = style.paragraph_format
        pf.alignment = align
        pf.space_before = Pt(kw.get("before", 0))  # type: ignore[arg-type]
        pf.space_after = Pt(kw.get("after", 0))  # type: ignore[arg-type]
        if kw.get("indent"):
            pf.first_line_indent = Cm(1.27)
        if kw.get("spacing"):
            pf.line_spacing = kw["spacing"]
        pf.keep_with_next = bool(kw.get("keep"))

    para_style("CDS Thân bài", 14, JUSTIFY, after=6, indent=True, spacing=1.15)
    para_style("CDS Mục", 14, LEFT, bold=True, before=6, after=6, indent=True, keep=True)
    para_style("CDS Tiểu mục", 14, LEFT, bold=True, italic=True, after=6, indent=True, keep=True)
    para_style("CDS Bảng", 11, LEFT, spacing=1.0)
    para_style("CDS Bảng giữa", 11, CENTER, spacing=1.0)
    para_style("CDS Nơi nhận", 11, LEFT)


def paragraph(
    container: Document | _Cell,
    text: str = "",
    style: str | None = None,
    *,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    align: object = None,
    before: float | None = None,
    after: float | None = None,
) -> Paragraph:
    para = container.add_paragraph(style=style)
    if text:
        run = para.add_run(text)
        if size is not None:
            run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
    if align is not None:
        para.alignment = align
    if before is not None:
        para.paragraph_format.space_before = Pt(before)
    if after is not None:
        para.paragraph_format.space_after = Pt(after)
    return para


def rule(container: Document | _Cell, width_mm: float, length_mm: float) -> None:
    """A short centred line: an empty paragraph's bottom border, narrowed by its indents."""
    para = paragraph(container, size=2)
    para.paragraph_format.left_indent = Mm((width_mm - length_mm) / 2)
    para.paragraph_format.right_indent = Mm((width_mm - length_mm) / 2)
    para.paragraph_format.space_after = Pt(6)
    run = para.add_run()
    run.font.size = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    para._p.get_or_add_pPr().append(borders)


def no_borders(table: Table) -> None:
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    props.append(borders)


def fixed_widths(table: Table, widths_mm: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm, strict=False):
        col.width = Mm(width)


def narrow_cell_margins(table: Table, mm: float, left_mm: float | None = None) -> None:
    """Less padding than Word's default, so eight columns fit a portrait page (`left_mm`: the
    left one, 0 where a column's text must sit on the page margin, as "Nơi nhận" does)."""
    margins = OxmlElement("w:tblCellMar")
    for side, size in (("left", mm if left_mm is None else left_mm), ("right", mm)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(size * 56.7)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def first_cell_paragraph(cell: _Cell) -> Paragraph:
    """A new cell holds one empty paragraph; reuse it rather than leave a blank line."""
    return cell.paragraphs[0]


def cell_text(cell: _Cell, text: str, style: str, *, bold: bool = False) -> None:
    para = first_cell_paragraph(cell)
    para.style = style
    run = para.add_run(text)
    run.font.bold = bold or None


def page_number_header(doc: Document) -> None:
    """Page numbers centred in the top margin, from page two (Nghị định 30/2020)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    para._p.append(field)


def header_block(doc: Document) -> None:
    left_w, right_w = 72, TEXT_WIDTH_MM - 72
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    # 1 mm a side: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (88 mm at 12 pt bold) on one line.
    narrow_cell_margins(table, 1.0)
    fixed_widths(table, [left_w, right_w])
    left, right = table.rows[0].cells

    top = first_cell_paragraph(left)
    top.alignment = CENTER
    top.add_run("{{ parent_upper }}").font.size = Pt(12)
    paragraph(left, "{{ school_upper }}", size=12, bold=True, align=CENTER)
    rule(left, left_w, 25)
    paragraph(left, "Số: {{ number }}", size=13, align=CENTER)

    top = first_cell_paragraph(right)
    top.alignment = CENTER
    run = top.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    run.font.size, run.font.bold = Pt(12), True
    paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER)
    rule(right, right_w, 60)
    paragraph(right, "{{ place_date }}", size=13, italic=True, align=CENTER)


def title_block(doc: Document) -> None:
    paragraph(doc, "BÁO CÁO", size=14, bold=True, align=CENTER, before=18)
    paragraph(doc, "{{ subject }}", size=14, bold=True, align=CENTER)
    rule(doc, TEXT_WIDTH_MM, 35)
    paragraph(doc, "{%p if recipient %}", "CDS Thân bài")
    paragraph(doc, "Kính gửi: {{ recipient }}.", align=CENTER, before=6, after=12)
    paragraph(doc, "{%p endif %}", "CDS Thân bài")


def loop(doc: Document, items: str, style: str = "CDS Thân bài") -> None:
    """One paragraph repeated for each item of `items` (docxtpl's {%p %} tags)."""
    paragraph(doc, f"{{%p for text in {items} %}}", style)
    paragraph(doc, "{{ text }}", style)
    paragraph(doc, "{%p endfor %}", style)


def grouped_table(
    doc: Document, headers: list[str], widths: list[float], items: str, fields: list[str]
) -> None:
    """A table of `items` whose rows are group headings (`row.is_group`: its `stt` and `name`
    across the row) or data rows (`fields`: a name ending in '<' is text, set left; an empty
    name leaves the cell blank), the header repeated on every page, no row split in two."""
    table = doc.add_table(rows=6, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    narrow_cell_margins(table, 1.2)
    fixed_widths(table, widths)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell_text(cell, text, "CDS Bảng giữa", bold=True)
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    cell_text(table.rows[1].cells[0], f"{{%tr for row in {items} %}}", "CDS Bảng")
    cell_text(table.rows[2].cells[0], "{%tr if row.is_group %}", "CDS Bảng")
    group = table.rows[3]
    cell_text(group.cells[0], "{{ row.stt }}", "CDS Bảng giữa", bold=True)
    merged = group.cells[1].merge(group.cells[len(headers) - 1])
    cell_text(merged, "{{ row.name }}", "CDS Bảng", bold=True)
    cell_text(table.rows[4].cells[0], "{%tr else %}", "CDS Bảng")
    data = table.add_row()
    for cell, field in zip(data.cells, fields, strict=True):
        if field:
            style = "CDS Bảng" if field.endswith("<") else "CDS Bảng giữa"
            cell_text(cell, f"{{{{ row.{field.rstrip('<')} }}}}", style)
    cell_text(table.rows[5].cells[0], "{%tr endif %}", "CDS Bảng")
    end = table.add_row()
    cell_text(end.cells[0], "{%tr endfor %}", "CDS Bảng")
    for cell in (group.cells[0], merged):  # a group heading never ends a page alone
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    for row in (group, data):  # a row is never split across two pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    # Move the data row between 'else' and 'endif', where the loop needs it.
    table.rows[5]._tr.addprevious(data._tr)


def results_table(doc: Document) -> None:
    headers = ["STT", "Chỉ tiêu", "Kế hoạch", "Kết quả trong kỳ", "Kết quả lũy kế", "Tỷ lệ đạt"]
    headers += ["Đánh giá", "Ghi chú (minh chứng)"]
    fields = ["stt", "name<", "plan", "in_period", "cumulative", "rate", "assessment", "note<"]
    grouped_table(doc, headers, COLUMNS_MM, "rows", fields)


def assessment_and_closing(doc: Document) -> None:
    """Sections III-V from the notes and the closing sentence: the same in both reports."""
    paragraph(doc, "III. ĐÁNH GIÁ CHUNG", "CDS Mục", before=12)
    paragraph(doc, "1. Ưu điểm", "CDS Tiểu mục")
    loop(doc, "notes.strengths")
    paragraph(doc, "2. Tồn tại, hạn chế", "CDS Tiểu mục")
    loop(doc, "notes.weaknesses")
    paragraph(doc, "3. Nguyên nhân", "CDS Tiểu mục")
    loop(doc, "notes.causes")
    paragraph(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {{ next_period|upper }}", "CDS Mục")
    loop(doc, "notes.next_steps")
    paragraph(doc, "V. ĐỀ XUẤT, KIẾN NGHỊ", "CDS Mục")
    loop(doc, "notes.proposals")
    closing = paragraph(doc, "{{ closing }}", "CDS Thân bài")
    closing.paragraph_format.keep_with_next = True  # the closing line goes with the signature


def body(doc: Document) -> None:
    opening_sections(
        doc,
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, THÔNG TIN TUYÊN TRUYỀN",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
    )
    paragraph(doc, "{%p if level_sentence %}", "CDS Thân bài")
    paragraph(doc, "{{ level_sentence }}", "CDS Thân bài")
    paragraph(doc, "{%p endif %}", "CDS Thân bài")
    paragraph(doc, "Kết quả cụ thể theo từng chỉ tiêu:", "CDS Thân bài")
    results_table(doc)
    paragraph(doc, "{%p if annex_ref %}", "CDS Thân bài")
    paragraph(doc, "{{ annex_ref }}", "CDS Thân bài", before=6)
    paragraph(doc, "{%p endif %}", "CDS Thân bài")
    assessment_and_closing(doc)


def signature_block(doc: Document) -> None:
    left_w, right_w = 85, TEXT_WIDTH_MM - 85
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    narrow_cell_margins(table, 1.9, left_mm=0)  # "Nơi nhận" starts on the page's left margin
    fixed_widths(table, [left_w, right_w])
    # The signature is never split over two pages ("HIỆU TRƯỞNG" alone at a page's foot).
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    top = first_cell_paragraph(left)
    top.paragraph_format.space_before = Pt(12)
    run = top.add_run("Nơi nhận:")
    run.font.size, run.font.bold, run.font.italic = Pt(12), True, True
    paragraph(left, "{%p for line in recipients %}", "CDS Nơi nhận")
    paragraph(left, "{{ line }}", "CDS Nơi nhận")
    paragraph(left, "{%p endfor %}", "CDS Nơi nhận")

    top = first_cell_paragraph(right)
    top.add_run("{%p if signer_above %}")
    # 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH': the lines above the title (Nghị định 30).
    paragraph(right, "{{ signer_above }}", size=14, bold=True, align=CENTER, before=12)
    paragraph(right, "{{ signer_title_upper }}", size=14, bold=True, align=CENTER)
    paragraph(right, "{%p else %}", align=CENTER)
    paragraph(right, "{{ signer_title_upper }}", size=14, bold=True, align=CENTER, before=12)
    paragraph(right, "{%p endif %}", align=CENTER)
    for _ in range(4):  # room for the signature and the seal
        paragraph(right, " ", align=CENTER)
    paragraph(right, "{{ signer_name }}", size=14, bold=True, align=CENTER)


ANNEX_COLUMNS_MM = [10, 22, 25, 68, 40]
assert sum(ANNEX_COLUMNS_MM) == TEXT_WIDTH_MM


def annex(doc: Document) -> None:
    """The Phụ lục on a page of its own: every record of the period, per indicator."""
    paragraph(doc, "{%p if annex %}", "CDS Thân bài")
    title = paragraph(doc, "Phụ lục", size=14, bold=True, align=CENTER)
    title.paragraph_format.page_break_before = True
    paragraph(doc, "{{ annex.title }}", size=14, bold=True, align=CENTER)
    paragraph(doc, "{{ annex.caption }}", size=13, italic=True, align=CENTER, after=12)
    paragraph(doc, "{%p if chart %}", "CDS Thân bài")
    paragraph(doc, "{{ chart }}", align=CENTER, after=12)
    paragraph(doc, "{%p endif %}", "CDS Thân bài")
    headers = ["STT", "Ngày", "Kết quả", "Ghi chú", "Minh chứng"]
    fields = ["", "date", "value", "note<", "evidence<"]
    grouped_table(doc, headers, ANNEX_COLUMNS_MM, "annex.rows", fields)
    paragraph(doc, "{%p endif %}", "CDS Thân bài")


COMMUNE_OUT = OUT.with_name("bao-cao-xa.docx")
COMMUNE_COLUMNS_MM = [10, 70, 18, 20, 17, 30]
LAGGING_COLUMNS_MM = [10, 75, 80]
assert sum(COMMUNE_COLUMNS_MM) == sum(LAGGING_COLUMNS_MM) == TEXT_WIDTH_MM


def simple_table(
    doc: Document, headers: list[str], widths: list[float], items: str, fields: list[str]
) -> None:
    """A header row and one row repeated for each element of `items` ({%tr for %})."""
    table = doc.add_table(rows=3, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    narrow_cell_margins(table, 1.2)
    fixed_widths(table, widths)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell_text(cell, text, "CDS Bảng giữa", bold=True)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    cell_text(table.rows[1].cells[0], f"{{%tr for row in {items} %}}", "CDS Bảng")
    data = table.add_row()
    for i, (cell, name) in enumerate(zip(data.cells, fields, strict=True)):
        cell_text(cell, f"{{{{ row.{name} }}}}", "CDS Bảng" if i == 1 else "CDS Bảng giữa")
    data._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cell_text(table.rows[2].cells[0], "{%tr endfor %}", "CDS Bảng")
    table.rows[2]._tr.addprevious(data._tr)


def opening_sections(doc: Document, first: str, second: str) -> None:
    """The opening, the window, sections I and II's prose and the summary: both reports."""
    paragraph(doc, "{{ opening }}", "CDS Thân bài")
    paragraph(doc, "{{ window }}", "CDS Thân bài")
    paragraph(doc, first, "CDS Mục")
    loop(doc, "notes.leadership")
    paragraph(doc, second, "CDS Mục")
    loop(doc, "notes.results")
    paragraph(doc, "{{ summary }}", "CDS Thân bài")


def commune_body(doc: Document) -> None:
    opening_sections(
        doc,
        "I. CÔNG TÁC CHỈ ĐẠO, HƯỚNG DẪN CÁC TRƯỜNG",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA CÁC TRƯỜNG",
    )
    paragraph(doc, "1. Kết quả theo từng chỉ tiêu", "CDS Tiểu mục")
    headers = ["STT", "Chỉ tiêu", "Số trường đạt", "Số trường có số liệu", "Số trường tổng hợp"]
    simple_table(
        doc,
        [*headers, "Kết quả chung"],
        COMMUNE_COLUMNS_MM,
        "rows",
        ["stt", "name", "met", "with_data", "schools", "combined"],
    )
    paragraph(doc, "2. Các trường chưa báo cáo hoặc chậm tiến độ", "CDS Tiểu mục", before=12)
    paragraph(doc, "{%p if lagging %}", "CDS Thân bài")
    simple_table(
        doc,
        ["STT", "Trường", "Tình hình"],
        LAGGING_COLUMNS_MM,
        "lagging",
        ["stt", "school", "state"],
    )
    paragraph(doc, "{%p else %}", "CDS Thân bài")
    paragraph(doc, "Không có trường nào chưa báo cáo hoặc chậm tiến độ.", "CDS Thân bài")
    paragraph(doc, "{%p endif %}", "CDS Thân bài")
    assessment_and_closing(doc)


def build(path: Path = OUT, commune: bool = False) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    make_styles(doc)
    page_number_header(doc)
    # A new document starts with one empty paragraph; the header table goes before it.
    header_block(doc)
    title_block(doc)
    if commune:  # the commune's consolidated report: same header, title and signature
        commune_body(doc)
        signature_block(doc)
    else:
        body(doc)
        signature_block(doc)
        annex(doc)
    first = doc.paragraphs[0]
    if not first.text and first._p.getprevious() is None:
        first._p.getparent().remove(first._p)
    # Vietnamese, properties in the schema's order, no "python-docx" in File > Info: the same
    # finishing a generated report gets (rules are fitted there, to the real text).
    layout.set_language(doc, "vi-VN")
    layout.set_properties(
        doc,
        title="Mẫu báo cáo tổng hợp của xã"
        if commune
        else "Mẫu báo cáo kết quả thực hiện Kế hoạch chuyển đổi số",
        author="cds-tracker",
        day=dt.date(2026, 1, 1),  # fixed: the template is rebuilt byte for byte
    )
    for part in layout.parts_of(doc):
        layout.put_in_order(part)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
    print(build(COMMUNE_OUT, commune=True))
