"""A school's plan read from the document it wrote in Word (`cds init --from`): .docx, .txt, .md.

The document is first made a list of lines (a header table's cells, headings, bullets and
paragraphs, in order); the plan is then read from the lines: the school and the plan from the
header, the groups from the "2.1. Về …" headings of "Mục tiêu cụ thể", and one indicator for each
measurable target there. How Vietnamese plans write a target is in RULES and the word lists
below, one line a way of writing it (tests/test_plandoc.py has one test each).

What is guessed is said beside it (`# kiểm tra: …` in the plan written); what could not be read
is returned as `missed`, with the document's words, for the officer to add by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cds_tracker.checks.problem import fail
from cds_tracker.text import fmt
from cds_tracker.text.messages import t

# --- the document as lines ----------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    text: str
    bullet: bool = False  # a list item ("- …", "• …", a Word list paragraph)


MAX_DOCUMENT_BYTES = 50_000_000  # a plan with its pictures is a few MB


def read_lines(path: Path) -> list[Line]:
    """The document's lines, in order; CdsError (what to do) for a file that is no text."""
    from cds_tracker.store.files import read_file

    suffix = path.suffix.lower()
    if suffix not in (".docx", ".txt", ".md", ".text"):
        hint = t("imp.not_a_document.hint")
        raise fail(t("imp.not_a_document", suffix=suffix or path.name), hint)
    data = read_file(path, MAX_DOCUMENT_BYTES)  # missing, a folder, too big: said plainly
    return _docx_lines(data, path) if suffix == ".docx" else _text_lines(data, path)


def _docx_lines(data: bytes, path: Path) -> list[Line]:
    import io
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, PackageNotFoundError):
        raise fail(t("imp.bad_docx"), t("imp.not_a_document.hint"), path) from None
    lines: list[Line] = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag == qn("w:tbl"):
            for cell in block.iter(qn("w:tc")):
                for paragraph in cell.iter(qn("w:p")):
                    lines += _paragraph_lines(paragraph)
        elif block.tag == qn("w:p"):
            lines += _paragraph_lines(block)
    return lines


def _paragraph_lines(paragraph: object) -> list[Line]:
    from docx.oxml.ns import qn

    texts = []
    for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:tab")):  # type: ignore[attr-defined]
        texts.append(
            "\n" if node.tag == qn("w:br") else " " if node.tag == qn("w:tab") else node.text or ""
        )
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")  # type: ignore[attr-defined]
    listed = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None  # type: ignore[attr-defined]
    if style is not None and "list" in str(style.get(qn("w:val"))).lower():
        listed = True
    found = []
    for piece in "".join(texts).split("\n"):
        line = _line(piece)
        if line.text:
            found.append(Line(line.text, line.bullet or listed))
    return found


def _text_lines(data: bytes, path: Path) -> list[Line]:
    from cds_tracker.store.files import decode_utf8

    if data.startswith(b"%PDF"):
        raise fail(t("imp.pdf"), t("imp.not_a_document.hint"), path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": UTF-16
        try:
            text = unicodedata.normalize("NFC", data.decode("utf-16"))
        except UnicodeDecodeError:
            raise fail(t("imp.bad_text"), t("imp.not_a_document.hint"), path) from None
    else:
        text = decode_utf8(data, path)
    return [line for line in map(_line, text.splitlines()) if line.text]


_MARKS = re.compile(r"^\s*(?:[-–—•*+●○▪]\s+)")


def _line(raw: str) -> Line:
    """A line without Markdown's #, ** and >, and with its bullet said, not written."""
    text = unicodedata.normalize("NFC", raw).replace("\u00a0", " ")
    text = re.sub(r"^\s*(?:>\s*)*#{1,6}\s*", "", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)", "", text)
    bullet = bool(_MARKS.match(text))
    if bullet:
        text = _MARKS.sub("", text, count=1)
    return Line(" ".join(text.split()), bullet)


# --- words ---------------------------------------------------------------------------------------


fold = fmt.fold  # 'Phấn đấu' -> 'phan dau': a missing diacritic or two still matches


# Who a share counts, as plans write it: the longest wording first. (folded words, population)
POPULATIONS: list[tuple[str, str]] = [
    ("can bo quan ly va giao vien", "managers_teachers"),
    ("cbql va giao vien", "managers_teachers"),
    ("cbql, gv", "managers_teachers"),
    ("can bo, giao vien, nhan vien", "staff"),
    ("can bo, giao vien", "managers_teachers"),
    ("cb-gv-nv", "staff"),
    ("cb, gv, nv", "staff"),
    ("can bo, vien chuc", "staff"),
    ("can bo quan ly", "managers"),
    ("cbql", "managers"),
    ("doi ngu nha giao", "teachers"),
    ("nha giao", "teachers"),
    ("giao vien", "teachers"),
    ("vien chuc", "staff"),
    ("nhan vien", "staff"),
    ("can bo", "staff"),
    ("hoc sinh", "students"),
    ("tre em", "children"),
    ("tre", "children"),
]
MEANING = {
    "managers": "cán bộ quản lý (CBQL)",
    "teachers": "giáo viên",
    "managers_teachers": "cán bộ quản lý và giáo viên",
    "staff": "toàn bộ cán bộ, viên chức, nhân viên",
    "students": "học sinh",
    "children": "trẻ",
}
COUNT_UNITS = (
    "tin, bai",
    "tin bai",
    "bai viet",
    "bai giang",
    "bai",
    "tin",
    "video",
    "luot",
    "buoi",
    "chuyen de",
    "san pham",
)
STRETCH = re.compile(r"(phan dau|phan dau dat)")  # 'phấn đấu', and the seed's own slip 'phần đầu'
TASK_VERBS = (
    "trien khai",
    "ban hanh",
    "hoan thanh",
    "xay dung",
    "to chuc",
    "thuc hien",
    "duy tri",
    "ket noi",
    "ap dung",
    "cap nhat",
    "lap",
)

# How a comparison is written just before its figure (folded): (pattern, operator).
RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(tren|hon|vuot)\s*$"), ">"),
    (re.compile(r"(toi thieu|it nhat|khong duoi|khong it hon|tu)\s*$"), ">="),
    (re.compile(r"(toi da|khong qua|khong vuot qua|duoi)\s*$"), "<="),
    (re.compile(r"(dat toi|dat|la|bang|len|den)\s*$"), ">="),
]
_FIGURE = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_COUNT = re.compile(r"(\d+)\s+(" + "|".join(re.escape(u) for u in COUNT_UNITS) + r")\b")
_LEVEL = re.compile(r"muc(?: do)?\s+(\d)\b")


@dataclass
class Target:
    name: str
    kind: str
    op: str | None = None
    value: float | None = None
    stretch: float | None = None
    of: str | None = None
    unit: str | None = None
    guesses: list[str] = field(default_factory=list)


def targets_of(text: str) -> list[Target]:
    """The targets one paragraph of "Mục tiêu cụ thể" sets: a task without a figure is one
    milestone; each figure with its own subject is one target (two in "100% nhà giáo và tối
    thiểu 65% học sinh …"); a "phấn đấu" figure after a target is that target's stretch."""
    sentences = [s.strip() for s in re.split(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ0-9])", text) if s.strip()]
    found: list[Target] = []
    for sentence in sentences:
        found += _sentence_targets(sentence)
    if not found:
        name = _clean_name(text)
        folded = fold(name)
        level = _LEVEL.search(folded) if "muc do" in folded or "muc " in folded else None
        if level is not None and "chuyen doi so" in folded:
            return [Target(name, "level", ">=", float(level.group(1)), guesses=["imp.g.level"])]
        guesses = [] if folded.startswith(TASK_VERBS) else ["imp.g.milestone"]
        return [Target(name, "milestone", guesses=guesses)]
    return found


def _sentence_targets(sentence: str) -> list[Target]:
    folded = fold(sentence)
    figures: list[tuple[int, int, float, str | None]] = [
        (m.start(), m.end(), float(m.group(1).replace(",", ".")), None)
        for m in _FIGURE.finditer(folded)
    ]
    figures += [
        (m.start(), m.end(), float(m.group(1)), m.group(2)) for m in _COUNT.finditer(folded)
    ]
    figures.sort()
    if not figures:
        return []
    targets: list[Target] = []
    previous_end = 0
    for index, (start, end, value, unit) in enumerate(figures):
        before = folded[previous_end:start]
        following = folded[end : figures[index + 1][0] if index + 1 < len(figures) else len(folded)]
        stretch = STRETCH.search(before) is not None
        op, guessed = _operator(before)
        subject = _subject_after(following)
        head = fold(sentence[:start]) if not targets else ""
        of = _population(subject) if subject.strip(" ,.:;") else _head_population(head)
        kind = "count" if unit else ("ratio" if of else "percent")
        if stretch and targets and not _has_own_subject(following):
            targets[-1].stretch = value  # "đạt tối thiểu 15%, phấn đấu đạt tới 50%"
            if "phan dau" in before and "phấn đấu" not in sentence.lower():
                targets[-1].guesses.append("imp.g.stretch_slip")
            previous_end = end
            continue
        name = _name(sentence, start, end, subject)
        target = Target(
            name,
            kind,
            None if stretch else op,
            None if stretch else value,
            value if stretch else None,
            of,
            _unit(unit),
        )
        if stretch and "phấn đấu" not in sentence.lower():
            target.guesses.append("imp.g.stretch_slip")
        if guessed and not stretch:
            target.guesses.append("imp.g.op")
        if of:
            target.guesses.append("imp.g.of")
        if kind == "count":
            target.guesses.append("imp.g.count")
        targets.append(target)
        previous_end = end
    return targets


def _operator(before: str) -> tuple[str, bool]:
    """The comparison written before a figure; '>=' (guessed) where none is."""
    tail = before.rstrip(" :,")
    for pattern, op in RULES:
        if pattern.search(tail):
            return op, False
    return ">=", True


_PREDICATE = re.compile(
    r"\b(duoc|co|su dung|ung dung|lam chu|tham gia|dat)\b|\s+va\s+(?=\D*\d)|[.:;]"
)


def _subject_after(following: str) -> str:
    """The words a figure is of, where they follow it ('65% học sinh được …', '50% cán bộ,
    giáo viên ứng dụng …'): up to the predicate, or to 'và' before the next figure."""
    if following[:1] != " ":
        return ""
    stop = _PREDICATE.search(following)
    return following[: stop.start()] if stop else following


def _head_population(head: str) -> str | None:
    """Who a share ending its sentence counts: the people right after "Tỷ lệ" ("Tỷ lệ đội ngũ
    nhà giáo được …"), or leading the sentence; "Tỷ lệ hồ sơ …" counts things: none."""
    words = re.sub(r"^(phan dau|phấn đấu)\s+", "", head.strip())
    after = re.match(r"^ty le\s+(?:cac\s+|so\s+)?(.*)$", words)
    return _population(after.group(1) if after else words)


def _has_own_subject(following: str) -> bool:
    return _population(_subject_after(following)) is not None


def _population(folded: str) -> str | None:
    """The population a subject names where it starts with one ("đội ngũ nhà giáo được …")."""
    words = folded.strip()
    for phrase, name in POPULATIONS:
        if words == phrase or words.startswith((f"{phrase} ", f"{phrase},")):
            return name
    return None


def _unit(found: str | None) -> str | None:
    if found is None:
        return None
    return {
        "tin, bai": "tin, bài",
        "tin bai": "tin bài",
        "bai viet": "bài viết",
        "bai giang": "bài giảng",
        "bai": "bài",
        "tin": "tin",
        "video": "video",
        "luot": "lượt",
        "buoi": "buổi",
        "chuyen de": "chuyên đề",
        "san pham": "sản phẩm",
    }[found]


def _name(sentence: str, start: int, end: int, subject: str) -> str:
    """The target in the document's own words: the sentence without its figure and the words
    that set it ("Tỷ lệ … : Đạt 83%" -> "Tỷ lệ …"; "100% CBQL được …" -> "CBQL được …")."""
    head = sentence[:start]
    tail = sentence[end:]
    if subject.strip():  # the figure leads: its subject and the sentence's predicate follow
        # up to 'và' before the next figure ("100% nhà giáo và tối thiểu 65% học sinh …")
        text = re.split(r"\s+và\s+(?=(?:tối thiểu|ít nhất|trên|không dưới|\d))", tail, maxsplit=1)[
            0
        ]
        # "100% đội ngũ nhà giáo và tối thiểu 65% học sinh được tập huấn …": both are trained.
        if not re.search(r"\b(được|có|sử dụng|ứng dụng|làm chủ|tham gia)\b", text):
            predicate = re.search(
                r"\b(được|có|sử dụng|ứng dụng|làm chủ|tham gia)\b.*", sentence[end:]
            )
            if predicate:
                text = f"{text.strip()} {predicate.group(0)}"
        return _clean_name(text)
    # the figure ends the sentence: what is before it, without the words that set it
    text = re.sub(
        _SETTING_WORDS,
        "",
        head.strip(),
        flags=re.I,
    )
    text = re.sub(r"^(phấn đấu|phần đầu)\s+", "", text, flags=re.I)
    return _clean_name(text)


# The words that set a figure ending its sentence ("…: Đạt tối thiểu 70%"): not the name.
_SETTING_WORDS = (
    r"[:,]?\s*(đạt|là|bằng|trên|tối thiểu|ít nhất|không dưới|phấn đấu|phần đầu)"
    r"(\s+(đạt|tới|tối thiểu))*\s*$"
)


def _clean_name(text: str) -> str:
    name = " ".join(text.split()).strip(" .;:,")
    return name[:1].upper() + name[1:] if name else name


# --- the school and the plan --------------------------------------------------------------------


@dataclass
class Group:
    key: str
    title: str
    targets: list[Target] = field(default_factory=list)


@dataclass
class Document:
    """What the document says, each part None where it does not say it."""

    name: str | None = None
    code: str | None = None
    place: str | None = None
    parent: str | None = None
    head: str | None = None
    number: str | None = None
    date: dt.date | None = None
    title: str | None = None
    year: int | None = None
    basis: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # the document's words not read


_NUMBER = re.compile(r"^Số\s*:\s*(\d+\s*/\s*[\wĐđ]+(?:\s*-\s*[\wĐđ]+)*)", re.I)
_DATE = re.compile(r"^(?:(.+?),\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_GROUP = re.compile(r"^(\d+\.\d+)\.?\s+(.+?)\.?$")
_KINDS = (
    r"Tiểu học|Trung học cơ sở|Trung học phổ thông|Mầm non|Tiểu học và Trung học cơ sở|THCS|THPT"
    r"|TH|MN|Phổ thông"
)
_SCHOOL_IN_TEXT = re.compile(
    rf"(Trường\s+(?:{_KINDS})[^,.;]*?)\s+(?:xây dựng|ban hành|lập|triển khai|thực hiện)", re.I
)
_TYPES = (
    "tiểu học",
    "trung học cơ sở",
    "trung học phổ thông",
    "mầm non",
    "phổ thông",
    "liên cấp",
    "và",
    "dân tộc nội trú",
    "bán trú",
)
_HEADS = ("HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "KT. HIỆU TRƯỞNG", "GIÁM ĐỐC")


def read_document(lines: list[Line]) -> Document:
    """The school, the plan and its targets from the document's lines."""
    doc = Document()
    texts = [line.text for line in lines]
    for i, text in enumerate(texts[:40]):
        number = _NUMBER.match(text)
        if number and doc.number is None:
            doc.number = re.sub(r"\s+", "", number.group(1))
            doc.code = doc.number.rsplit("-", 1)[-1] if "-" in doc.number else None
            for above in reversed(texts[max(0, i - 3) : i]):  # the school's name over its number
                if above.isupper() and not above.startswith(("CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP")):
                    if doc.name is None and "TRƯỜNG" in above:
                        doc.name = _titled(above)
                    elif doc.parent is None and doc.name is not None:
                        doc.parent = _titled(above)
        when = _DATE.match(text)
        if when and doc.date is None:
            with_place, day, month, year = when.groups()
            try:
                doc.date = dt.date(int(year), int(month), int(day))
            except ValueError:
                doc.missed.append(text)
            doc.place = with_place.strip() if with_place else None
        if text.upper().startswith("KẾ HOẠCH") and doc.title is None:
            rest = text[len("KẾ HOẠCH") :].strip(" :")
            if not rest and i + 1 < len(texts):
                rest = texts[i + 1]
            doc.title = _clean_name("Kế hoạch " + rest[:1].lower() + rest[1:]) if rest else None
            year = re.search(r"năm\s+(\d{4})", rest)
            doc.year = int(year.group(1)) if year else None
    _header_parent(texts, doc)
    opening = next((x for x in texts if x.startswith(("Thực hiện", "Căn cứ"))), "")
    if opening:
        school = _SCHOOL_IN_TEXT.search(opening)
        if school:
            doc.name = doc.name or school.group(1).strip()
            opening = opening[: school.start()]
        doc.basis = [
            _clean_name(re.sub(r"^(Thực hiện|Căn cứ)\s+", "", part.strip()))
            for part in re.split(r"(?<=\d{4})\.\s+|;\s+", opening)
            if re.search(r"(Kế hoạch|Quyết định|Công văn|Chỉ thị|Nghị quyết|Thông tư)\s+số", part)
        ]
    doc.head = _head(texts)
    if doc.year is None and doc.date is not None:
        doc.year = doc.date.year
    doc.groups = _groups(lines, doc.missed)
    return doc


def _header_parent(texts: list[str], doc: Document) -> None:
    """'UBND XÃ XUÂN TRƯỜNG' over 'TRƯỜNG TIỂU HỌC XUÂN TIẾN' in the header table."""
    for i, text in enumerate(texts[:12]):
        if text.isupper() and "TRƯỜNG" in text and i > 0 and texts[i - 1].isupper():
            above = texts[i - 1]
            if not above.startswith(("CỘNG HÒA", "CỘNG HOÀ")) and doc.parent is None:
                doc.parent = _titled(above)
            if doc.name is None:
                doc.name = _titled(text)


def _titled(upper: str) -> str:
    """'TRƯỜNG TIỂU HỌC XUÂN TIẾN' -> 'Trường Tiểu học Xuân Tiến'; 'UBND XÃ XUÂN TRƯỜNG' ->
    'UBND xã Xuân Trường' (a name's words capitalised, a school's kind and 'xã' not)."""
    words = [w.capitalize() for w in upper.split()]
    text = " ".join(words)
    for kind in sorted(_TYPES, key=len, reverse=True):
        text = re.sub(rf"(?<=\s){kind.title()}(?=\s|$)", kind, text)
    text = re.sub(
        r"^(Trường) (tiểu|trung|mầm|phổ|liên)",
        lambda m: f"{m.group(1)} {m.group(2).capitalize()}",
        text,
    )
    text = re.sub(r"^Ubnd\b", "UBND", text)
    text = re.sub(r"\b(Thcs|Thpt|Ptdtbt|Ptdtnt|Mn|Th)\b", lambda m: m.group(1).upper(), text)
    text = re.sub(
        r"\b(Xã|Phường|Thị Trấn|Huyện|Tỉnh|Thành Phố)\b", lambda m: m.group(1).lower(), text
    )
    return text


def _head(texts: list[str]) -> str | None:
    """The name under the signer's title at the document's end."""
    for i in range(len(texts) - 1, max(-1, len(texts) - 15), -1):
        if texts[i].strip().upper() in _HEADS and i + 1 < len(texts):
            name = texts[i + 1].strip()
            if name and not name.startswith(("(", "Nơi nhận")) and len(name.split()) <= 6:
                return name
    return None


def _groups(lines: list[Line], missed: list[str]) -> list[Group]:
    """The "2.1. Về …" groups of "Mục tiêu cụ thể" and the targets of each."""
    start = next((i for i, line in enumerate(lines) if "muc tieu cu the" in fold(line.text)), None)
    if start is None:
        return []
    groups: list[Group] = []
    for line in lines[start + 1 :]:
        text = line.text
        if re.match(r"^(II|III|IV|V|VI)\s*\.", text) or fold(text).startswith(
            ("nhiem vu", "to chuc thuc hien")
        ):
            break  # the next section: what the plan does, not what it aims at
        heading = _GROUP.match(text) if not line.bullet else None
        if heading and len(text) < 120 and fold(heading.group(2)).startswith("ve "):
            groups.append(Group(heading.group(1), _clean_name(heading.group(2))))
            continue
        if not groups:
            continue
        found = targets_of(text)
        if not found:
            missed.append(text)
        groups[-1].targets += found
    return groups


# --- the plan written ----------------------------------------------------------------------------

_STOP = {
    "cac",
    "duoc",
    "va",
    "cua",
    "trong",
    "cho",
    "ve",
    "tai",
    "theo",
    "voi",
    "tren",
    "mot",
    "nhung",
    "ty",
    "le",
    "doi",
    "ngu",
}


def slug_of(name: str, taken: set[str]) -> str:
    """A short id from a target's words ('CBQL được cấp … chữ ký số' -> 'cbql-cap-su-dung-…')."""
    words = [w for w in re.findall(r"[a-z0-9]+", fold(name)) if w not in _STOP]
    base = "-".join(words[:5]) or "chi-tieu"
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    taken.add(found)
    return found


def _q(text: str) -> str:
    """A YAML scalar in double quotes (JSON's escapes are YAML's)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _target_value(op: str | None, value: float | None) -> str:
    number = f"{value:g}" if value is not None else ""
    return number if op in (None, ">=") else _q(f"{op} {number}")


def plan_text(
    doc: Document,
    *,
    name: str,
    code: str,
    place: str,
    year: int,
    parent: str | None,
    head: str | None,
    source: Path,
) -> str:
    """The plan file for what the document says, each guess commented (`# kiểm tra: …`) and
    each population left at 0 for `cds validate` to ask for its real headcount."""
    out = [
        t("imp.y.header", file=source.name),
        "school:",
        f"  name: {_q(name)}",
        f"  code: {_q(code)}",
        f"  place: {_q(place)}",
    ]
    if parent:
        out.append(f"  parent: {_q(parent)}")
    if head:
        out.append(f"  head: {{title: {_q('Hiệu trưởng')}, name: {_q(head)}}}")
    out += ["plan:", f"  year: {year}"]
    if doc.number:
        out.append(f"  number: {_q(doc.number)}")
    if doc.date:
        out.append(f"  date: {doc.date.isoformat()}")
    out.append(f"  title: {_q(doc.title or t('plan.default_title', year=year))}")
    if doc.basis:
        out.append("  basis:")
        out += [f"    - {_q(b)}" for b in doc.basis]
    used = sorted({target.of for g in doc.groups for target in g.targets if target.of})
    out += ["", t("imp.y.populations")]
    out.append("populations:" if used else "populations: {}")
    out += [f"  {p}: 0   # {t('imp.y.headcount', meaning=MEANING[p])}" for p in used]
    out += ["", "groups:"]
    out += [f"  {_q(g.key)}: {_q(g.title)}" for g in doc.groups]
    out += ["", "indicators:"]
    taken: set[str] = set()
    for group in doc.groups:
        for target in group.targets:
            out += _indicator_lines(group.key, target, taken)
    return "\n".join(out) + "\n"


def _indicator_lines(group: str, target: Target, taken: set[str]) -> list[str]:
    lines = [f"  - id: {slug_of(target.name, taken)}"]
    guesses = [
        t(g, of=target.of or "", meaning=MEANING.get(target.of or "", ""), unit=target.unit or "")
        for g in target.guesses
    ]
    if guesses:
        lines.append(f"    # kiểm tra: {'; '.join(guesses)}")
    lines += [f"    group: {_q(group)}", f"    name: {_q(target.name)}", f"    kind: {target.kind}"]
    if target.of:
        lines.append(f"    of: {target.of}")
    if target.kind == "count":
        lines.append("    aggregate: sum")
        if target.unit:
            lines.append(f"    unit: {_q(target.unit)}")
    if target.value is not None:
        lines.append(f"    target: {_target_value(target.op, target.value)}")
    if target.stretch is not None:
        lines.append(f"    stretch: {target.stretch:g}")
    return lines
