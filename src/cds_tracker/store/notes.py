"""The officer's narrative for a report: a Markdown file per period, beside the plan.

    # I. Công tác lãnh đạo, chỉ đạo, thông tin tuyên truyền
    Đoạn văn ... (paragraphs are separated by a blank line; '- ' starts a list item)
    # II. Kết quả thực hiện các chỉ tiêu
    # III. Đánh giá chung
    ## 1. Ưu điểm
    ## 2. Tồn tại, hạn chế
    ## 3. Nguyên nhân
    # IV. Phương hướng, nhiệm vụ
    # V. Đề xuất, kiến nghị

Sections are known by their Roman numeral (and, under III, by 1-3), so a heading may be
reworded freely. `<!-- ... -->` comments are guidance and never reach the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cds_tracker.checks.problem import CdsError, Problem
from cds_tracker.domain.periods import Period
from cds_tracker.store import paths
from cds_tracker.store.files import read_utf8
from cds_tracker.text import present
from cds_tracker.text.messages import t

SECTIONS = ("leadership", "results", "strengths", "weaknesses", "causes", "next_steps", "proposals")
_TOP = {
    "I": "leadership",
    "II": "results",
    "III": "assessment",
    "IV": "next_steps",
    "V": "proposals",
}
_UNDER_III = {"1": "strengths", "2": "weaknesses", "3": "causes"}
_HEADING = re.compile(r"^(#{1,2})\s+(.*?)\s*$")
_NUMBERED = re.compile(r"^([IVX]+|[0-9]+)\s*[.):]")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Notes:
    """The paragraphs of each section; a section nobody wrote is an empty list."""

    path: Path | None = None
    sections: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in SECTIONS})

    def __getitem__(self, section: str) -> list[str]:
        return self.sections[section]


def notes_path(plan_path: Path, period: Period) -> Path:
    return paths.notes_path(plan_path, period.key)


def clean_text(text: str) -> str:
    """User text as it may enter a document: control characters dropped (XML forbids them)."""
    return _CONTROL.sub("", text)


def all_clean(texts: list[str]) -> bool:
    """True where clean_text would change none of `texts` (one search over them all)."""
    return _CONTROL.search("\n".join(texts)) is None


def parse(text: str, path: Path) -> Notes:
    """The sections of a notes file; headings that name no section are errors with their line."""
    notes = Notes(path)
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    problems: list[Problem] = []
    section: str | None = None
    paragraph: list[str] = []

    def close() -> None:
        if paragraph and section in notes.sections:
            notes.sections[section].append(clean_text(" ".join(paragraph)))
        paragraph.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        heading = _HEADING.match(line)
        if heading:
            close()
            found = _section_of(len(heading.group(1)), heading.group(2), section)
            if found is None:
                problems.append(
                    Problem(path, number, t("notes.heading", text=line), t("notes.heading.hint"))
                )
            section = found or section
            continue
        if not line:
            close()
            continue
        if section is None or section == "assessment":
            problems.append(Problem(path, number, t("notes.orphan"), t("notes.heading.hint")))
            continue
        if line[:2] in ("- ", "* ", "+ "):
            close()
            line = "- " + line[2:].strip()
        paragraph.append(line)
    close()
    if problems:
        raise CdsError(problems)
    return notes


def _section_of(level: int, title: str, current: str | None) -> str | None:
    numbered = _NUMBERED.match(title)
    if numbered is None:
        return None
    key = numbered.group(1)
    if level == 1:
        return _TOP.get(key)
    if current in ("assessment", *_UNDER_III.values()):
        return _UNDER_III.get(key)
    return None


def load(path: Path) -> Notes | None:
    """The notes at `path`, or None where the officer has not written any."""
    if not path.exists():
        return None
    return parse(read_utf8(path), path)


def skeleton(period: Period, next_label: str) -> str:
    """The file `cds report --init-notes` writes: every heading, with what to write under it."""
    return t("notes.skeleton", period=present.period_label(period), next=next_label)
