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
    fit_rules(document)
    set_language(document, "vi-VN")
    set_properties(document, title=title, author=author, day=day)
    for part in parts_of(document):
        put_in_order(part)


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
        text = "".join(t.text or "" for t in above.iter(W + "t")).strip()
        if not text:
            continue
        room = _room(paragraph, page_width, document)
        width = min(_measure(above, text, document), room)
        share = 1.0 if text == MOTTO else RULE_SHARE
        length = min(room, width * share)
        _set_indent(paragraph, (room - length) / 2)


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


def set_properties(document: Any, *, title: str, author: str, day: dt.date) -> None:
    """Title, author and dates of the document (File > Info in Word); no blank thumbnail."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    props = document.core_properties
    when = dt.datetime(day.year, day.month, day.day, 8, 0)
    props.title, props.author, props.last_modified_by = title, author, author
    props.subject, props.comments, props.keywords, props.category = title, "", "", ""
    props.created, props.modified, props.last_printed = when, when, when
    props.revision = 1
    package = document.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[key]
