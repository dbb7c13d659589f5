"""The last touches a rendered report needs to be signed with no edit (Nghị định 30/2020).

- rules (the short lines under the school's name and the subject) as long as the decree asks,
  measured from the text above them: 1/3 to 1/2 of it; the one under "Độc lập - Tự do - Hạnh
  phúc" as long as that line;
- the document's language Vietnamese, so Word does not underline every word as misspelt;
- its properties: the report's subject, the school, the report's date (not "python-docx", 2013);
- the properties of paragraphs, runs, tables and sections in the order ECMA-376 fixes, so Word
  never offers to "repair" the file.

Works on the python-docx document of any template (a school's own too); `scripts/make_template.py`
uses the same ordering for the shipped template.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Advance widths of Times New Roman's ASCII letters (32-126), in 1/2048 em, as Liberation Serif
# (metric-compatible with it) gives them. A Vietnamese letter is as wide as its base letter.
_REGULAR = (
    "512 682 836 1024 1024 1706 1593 369 682 682 1024 1155 512 682 512 569 1024 1024 1024 1024 "
    "1024 1024 1024 1024 1024 1024 569 569 1155 1155 1155 909 1886 1479 1366 1366 1479 1251 1139 "
    "1479 1479 682 797 1479 1251 1821 1479 1479 1139 1479 1366 1139 1251 1479 1479 1933 1479 1479 "
    "1251 682 569 682 961 1024 682 909 1024 909 1024 909 682 1024 1024 569 569 1024 569 1593 1024 "
    "1024 1024 1024 682 797 569 1024 1024 1479 1024 1024 909 983 410 983 1108"
)
_BOLD = (
    "512 682 1137 1024 1024 2048 1706 569 682 682 1024 1167 512 682 512 569 1024 1024 1024 1024 "
    "1024 1024 1024 1024 1024 1024 682 682 1167 1167 1167 1024 1905 1479 1366 1479 1479 1366 1251 "
    "1593 1593 797 1024 1593 1366 1933 1479 1593 1251 1593 1479 1139 1366 1479 1479 2048 1479 1479 "
    "1366 682 569 682 1190 1024 682 1024 1139 909 1139 909 682 1024 1139 569 682 1139 569 1706 "
    "1139 1024 1139 1139 909 797 682 1139 1024 1479 1024 1024 909 807 451 807 1065"
)
WIDTHS = {False: [int(w) for w in _names(_REGULAR)], True: [int(w) for w in _names(_BOLD)]}
RULE_SHARE = 0.42  # of the text above: inside the decree's 1/3-1/2 with room for rounding
MOTTO = "Độc lập - Tự do - Hạnh phúc"


# Child order of the property elements (ECMA-376 Part 1, CT_PPr, CT_RPr, CT_TblPr, CT_SectPr).
SEQUENCES: dict[str, tuple[str, ...]] = {
    "pPr": _names(
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
        "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
        "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
        "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
        "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ),
    "rPr": _names(
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
        "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
        "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath "
        "ins del moveFrom moveTo rPrChange"
    ),
    "tblPr": _names(
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
        "tblDescription tblPrChange"
    ),
    "sectPr": _names(
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
        "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
        "docGrid printerSettings sectPrChange"
    ),
}
REPEATABLE = {"headerReference", "footerReference", "ins", "del", "moveFrom", "moveTo"}


def finish(document: Any, *, title: str, author: str, day: dt.date) -> None:
    """Everything this module does, on a rendered python-docx document."""
    drop_empty_header_line(document)
    balance_long_lines(document)
    line_breaks(document)
    fit_rules(document)
    set_language(document, "vi-VN")
    set_properties(document, title=title, author=author, day=day)
    set_app_properties(document)
    for part in parts_of(document):
        put_in_order(part)


# --- lines -------------------------------------------------------------------------------------


def line_breaks(document: Any) -> None:
    """A value holding a line end ('ỦY BAN NHÂN DÂN\\nXÃ XUÂN TRƯỜNG', 'TM. …\\nKT. …') gets
    a line break there (w:br), as Word writes one, not a character Word would not show."""
    from docx.oxml import OxmlElement

    for text in list(document.element.iter(W + "t")):
        value = text.text or ""
        if "\n" not in value:
            continue
        first, *rest = value.split("\n")
        text.text = first
        anchor = text
        for part in rest:
            brk = OxmlElement("w:br")
            anchor.addnext(brk)
            piece = OxmlElement("w:t")
            piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            piece.text = part
            brk.addnext(piece)
            anchor = piece


def drop_empty_header_line(document: Any) -> None:
    """The issuing body's cell starts with its parent's line; where there is no parent that
    line is empty, and the body's name must start the cell, level with the national name."""
    table = document.element.body.find(W + "tbl")
    cell = table.find(f"{W}tr/{W}tc") if table is not None else None
    if cell is None:
        return
    paragraphs = cell.findall(W + "p")
    first = paragraphs[0] if paragraphs else None
    if first is None or len(paragraphs) < 2 or _is_rule(first):
        return
    if not "".join(t.text or "" for t in first.iter(W + "t")).strip():
        cell.remove(first)


def balance_long_lines(document: Any) -> None:
    """A heading or the subject too long for one line breaks where the words allow, in two lines
    of like length (after a comma where one is near the middle), never leaving one word alone."""
    section = document.sections[0]
    page_width = _twips(section.page_width - section.left_margin - section.right_margin)
    paragraphs = list(document.element.body.iter(W + "p"))
    for i, paragraph in enumerate(paragraphs):
        texts = list(paragraph.iter(W + "t"))
        if len(texts) != 1 or not (texts[0].text or "").strip():
            continue
        subject = i > 0 and _text_of(paragraphs[i - 1]).strip() == "BÁO CÁO"
        if not (subject or _style_of(paragraph) == "CDSMục"):
            continue
        text = texts[0].text or ""
        room = _room(paragraph, page_width, document) - _first_indent(paragraph, document)
        if _measure(paragraph, text, document) <= room:
            continue
        texts[0].text = _balanced(text, functools.partial(_measure, paragraph, document=document))


def _balanced(text: str, width: Any) -> str:
    """`text` in two lines: the break among its spaces that makes the longer line shortest,
    a break after a comma preferred when it costs little."""
    words = text.split(" ")
    best, best_cost = text, float("inf")
    for k in range(2, len(words) - 1):  # at least two words on each line
        first, second = " ".join(words[:k]), " ".join(words[k:])
        cost = max(width(first), width(second)) * (0.9 if first.endswith(",") else 1.0)
        if cost < best_cost:
            best, best_cost = f"{first}\n{second}", cost
    return best


def _text_of(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(W + "t"))


def _style_of(paragraph: Any) -> str:
    found = paragraph.find(f"{W}pPr/{W}pStyle")
    return str(found.get(W + "val")) if found is not None else ""


def _first_indent(paragraph: Any, document: Any) -> float:
    """The first line's indent, in twips, from the paragraph or its style."""
    for props in (paragraph.find(W + "pPr"), _style_props(paragraph, document)):
        indent = props.find(W + "ind") if props is not None else None
        if indent is not None and indent.get(W + "firstLine"):
            return float(indent.get(W + "firstLine"))
    return 0.0


def _style_props(paragraph: Any, document: Any) -> Any:
    style_id = _style_of(paragraph)
    if not style_id:
        return None
    style = document.styles.element.find(f"{W}style[@{W}styleId='{style_id}']")
    return style.find(W + "pPr") if style is not None else None


def parts_of(document: Any) -> list[Any]:
    """The XML roots that hold properties: the body, the styles, the headers and footers."""
    roots = [document.element, document.styles.element]
    for section in document.sections:
        for item in (section.header, section.first_page_header, section.footer):
            if not item.is_linked_to_previous:
                roots.append(item._element)
    return roots


# --- schema order ----------------------------------------------------------------------------


def put_in_order(root: Any) -> None:
    """Every pPr, rPr, tblPr, sectPr under `root` with its children in the schema's order;
    a child that may appear once and appears twice (tblLayout) is kept once, the first."""
    for name, sequence in SEQUENCES.items():
        rank = {child: i for i, child in enumerate(sequence)}
        for element in root.iter(W + name):
            children = list(element)
            seen: set[str] = set()
            kept = []
            for child in children:
                local = _local(child.tag)
                if local in seen and local not in REPEATABLE:
                    continue
                seen.add(local)
                kept.append(child)
            kept.sort(key=lambda c: rank.get(_local(c.tag), len(sequence)))
            for child in children:
                element.remove(child)
            for child in kept:
                element.append(child)


def order_problems(root: Any) -> list[str]:
    """Where `root` breaks the schema's order (for the tests): 'pPr: spacing before pBdr'."""
    found = []
    for name, sequence in SEQUENCES.items():
        rank = {child: i for i, child in enumerate(sequence)}
        for element in root.iter(W + name):
            locals_ = [_local(c.tag) for c in element]
            for local in locals_:
                if local not in rank:
                    found.append(f"{name}: unknown {local}")
            for first, second in zip(locals_, locals_[1:], strict=False):
                if rank.get(first, 0) > rank.get(second, 0):
                    found.append(f"{name}: {first} before {second}")
                if first == second and first not in REPEATABLE:
                    found.append(f"{name}: {first} twice")
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# --- rules ---------------------------------------------------------------------------------------


def text_width_pt(text: str, size_pt: float, bold: bool) -> float:
    """How wide `text` is in Times New Roman of `size_pt` points."""
    widths = WIDTHS[bold]
    total = 0
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[0]
        code = ord(base)
        total += widths[code - 32] if 32 <= code <= 126 else widths[ord("n") - 32]
    return total / 2048 * size_pt


def fit_rules(document: Any) -> None:
    """Set each rule's length from the line above it (a rule: an empty paragraph that has a
    bottom border)."""
    section = document.sections[0]
    page_width = _twips(section.page_width - section.left_margin - section.right_margin)
    for paragraph in document.element.iter(W + "p"):
        if not _is_rule(paragraph):
            continue
        above = paragraph.getprevious()
        if above is None or above.tag != W + "p":
            continue
        lines = _lines_of(above)
        # A line of two (a subject broken where the words allow): the longer one measures it.
        text = max(lines, key=lambda line: _measure(above, line, document)) if lines else ""
        if not text:
            continue
        room = _room(paragraph, page_width, document)
        width = min(_measure(above, text, document), room)
        share = 1.0 if text == MOTTO else RULE_SHARE
        length = min(room, width * share)
        _set_indent(paragraph, (room - length) / 2)
        _hug(above, paragraph)


def _hug(above: Any, rule: Any) -> None:
    """The rule right under its line: no space between them, and the rule's own line (an
    empty paragraph, as tall as its font) 2 pt high, so its border sits under the text."""
    from docx.oxml import OxmlElement

    for element, keep_after in ((above, False), (rule, True)):
        props = element.find(W + "pPr")
        if props is None:
            props = OxmlElement("w:pPr")
            element.insert(0, props)
        spacing = props.find(W + "spacing")
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            props.append(spacing)
        if element is rule:
            spacing.set(W + "before", "0")
            spacing.set(W + "line", "40")
            spacing.set(W + "lineRule", "exact")
        elif not keep_after:
            spacing.set(W + "after", "0")


def _lines_of(paragraph: Any) -> list[str]:
    """The paragraph's lines of text, split where it has a line break (w:br)."""
    lines: list[str] = []
    current: list[str] = []
    for node in paragraph.iter(W + "t", W + "br"):
        if node.tag == W + "br":
            lines.append("".join(current))
            current = []
        else:
            current.append(node.text or "")
    lines.append("".join(current))
    return [line.strip() for line in lines if line.strip()]


def _is_rule(paragraph: Any) -> bool:
    props = paragraph.find(W + "pPr")
    if props is None or props.find(f"{W}pBdr/{W}bottom") is None:
        return False
    return not "".join(t.text or "" for t in paragraph.iter(W + "t")).strip()


def _twips(length: Any) -> float:
    return float(length) / 635  # python-docx lengths are EMU; 635 EMU to a twip


def _room(paragraph: Any, page_width: float, document: Any) -> float:
    """The width, in twips, a paragraph has: its table cell's less the cell's padding, or the
    page's text width."""
    cell = next((a for a in paragraph.iterancestors() if a.tag == W + "tc"), None)
    if cell is None:
        return page_width
    width = cell.find(f"{W}tcPr/{W}tcW")
    inner = float(width.get(W + "w")) if width is not None else page_width
    table = next(a for a in cell.iterancestors() if a.tag == W + "tbl")
    padding = 0.0
    for side in ("left", "right"):
        found = table.find(f"{W}tblPr/{W}tblCellMar/{W}{side}")
        padding += float(found.get(W + "w")) if found is not None else 108.0  # Word's default
    return inner - padding


def _measure(paragraph: Any, text: str, document: Any) -> float:
    """The text's width in twips, from its first run's size and weight (or its style's)."""
    size, bold = _run_look(paragraph, document)
    return text_width_pt(text, size, bold) * 20


def _run_look(paragraph: Any, document: Any) -> tuple[float, bool]:
    size, bold = 14.0, False
    style_id = paragraph.find(f"{W}pPr/{W}pStyle")
    if style_id is not None:
        style = document.styles.element.find(f"{W}style[@{W}styleId='{style_id.get(W + 'val')}']")
        if style is not None:
            size, bold = _look(style.find(W + "rPr"), size, bold)
    run = paragraph.find(W + "r")
    if run is not None:
        size, bold = _look(run.find(W + "rPr"), size, bold)
    return size, bold


def _look(props: Any, size: float, bold: bool) -> tuple[float, bool]:
    if props is None:
        return size, bold
    found = props.find(W + "sz")
    if found is not None:
        size = int(found.get(W + "val")) / 2
    weight = props.find(W + "b")
    if weight is not None:
        bold = weight.get(W + "val") not in ("0", "false")
    return size, bold


def _set_indent(paragraph: Any, twips: float) -> None:
    from docx.oxml import OxmlElement

    props = paragraph.find(W + "pPr")
    for old in props.findall(W + "ind"):
        props.remove(old)
    indent = OxmlElement("w:ind")
    indent.set(W + "left", str(round(twips)))
    indent.set(W + "right", str(round(twips)))
    props.append(indent)


# --- language and properties ---------------------------------------------------------------------


def set_language(document: Any, tag: str) -> None:
    """The language of the document's default run properties (and of Normal): `tag`."""
    from docx.oxml import OxmlElement

    styles = document.styles.element
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    targets = [defaults] if defaults is not None else []
    normal = document.styles["Normal"].element.get_or_add_rPr()
    targets.append(normal)
    for props in targets:
        lang = props.find(W + "lang")
        if lang is None:
            lang = OxmlElement("w:lang")
            props.append(lang)
        lang.set(W + "val", tag)
        lang.set(W + "eastAsia", tag)


_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"


def set_app_properties(document: Any) -> None:
    """docProps/app.xml says what made the document and what it holds, not the template's
    "Microsoft Macintosh Word", version 14, one page and no words; the settings' theme
    languages are Vietnamese."""
    from xml.sax.saxutils import escape

    from cds_tracker import __version__

    words = sum(len(t.text.split()) for t in document.element.body.iter(W + "t") if t.text)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_OFFICE}/extended-properties" xmlns:vt="{_OFFICE}/docPropsVTypes">'
        f"<Application>{escape('cds-tracker ' + __version__)}</Application>"
        f"<Words>{words}</Words><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode()
    for part in document.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            part._blob = xml
    settings = document.settings.element
    theme = settings.find(W + "themeFontLang")
    if theme is not None:
        for key in list(theme.attrib):
            del theme.attrib[key]
        theme.set(W + "val", "vi-VN")
        theme.set(W + "eastAsia", "vi-VN")


def set_properties(document: Any, *, title: str, author: str, day: dt.date) -> None:
    """Title, author and dates of the document (File > Info in Word); no blank thumbnail."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    props = document.core_properties
    when = dt.datetime(day.year, day.month, day.day, 8, 0)
    props.title, props.author, props.last_modified_by = title, author, author
    props.language = "vi-VN"
    props.subject, props.comments, props.keywords, props.category = title, "", "", ""
    props.created, props.modified, props.last_printed = when, when, when
    props.revision = 1
    package = document.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[key]
