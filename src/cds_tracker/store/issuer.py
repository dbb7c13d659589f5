"""The issuer of a commune's consolidated report: a small YAML file the commune keeps.

    name: UBND xã Xuân Trường            # required: the body that issues the report
    code: UBND                           # required: the "ký hiệu" in "Số: 05/BC-UBND"
    place: Xuân Trường                   # required: the place in the date line
    parent: UBND tỉnh Ninh Bình          # optional: the line above the name in the header
    to: Sở Giáo dục và Đào tạo tỉnh Ninh Bình   # optional: "Kính gửi"
    signer: {title: Chủ tịch, name: Nguyễn Văn A}   # required; may add on_behalf, signs_for
    basis: [Kế hoạch số 92/KH-UBND …]   # optional: what the report answers, cited in its opening
    recipients: [Như trên, Lưu: VT]      # optional: "Nơi nhận"

docs/issuer.md says the same for a commune's officer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cds_tracker.checks.problem import CdsError, Problem
from cds_tracker.store.files import read_utf8
from cds_tracker.text.messages import t

REQUIRED = ("name", "code", "place")
TEXTS = (*REQUIRED, "parent", "to")
KNOWN = (*TEXTS, "signer", "recipients", "basis")
SIGNER = ("title", "name", "on_behalf", "signs_for")
MAX_ISSUER_BYTES = 200_000


@dataclass(frozen=True)
class Issuer:
    name: str
    code: str
    place: str
    signer_title: str
    signer_name: str
    parent: str = ""
    to: str = ""
    recipients: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)  # what the report answers, cited in its opening
    on_behalf: str | None = None  # "Ủy ban nhân dân": signed "TM. ỦY BAN NHÂN DÂN"; None: unsaid
    signs_for: str | None = None  # "Chủ tịch": a deputy signs "KT. CHỦ TỊCH"; None: unsaid


def read(path: Path) -> Issuer:
    """The issuer file, checked; CdsError naming the file and line of every problem.

    Read through the plan's guarded loader (nesting, long numbers, alias bombs, tags, control
    characters are refused before anything is built from the file).
    """
    from cds_tracker.store.yamlplan import load_guarded

    text = read_utf8(path, MAX_ISSUER_BYTES)
    root, data = load_guarded(text, path)
    if not isinstance(data, dict):
        raise CdsError([Problem(path, 1, t("iss.not_mapping"), t("iss.hint"))])
    problems: list[Problem] = []

    def line_of(*keys: str) -> int:
        node, line = root, 1
        for key in keys:
            try:
                line = int(node.lc.key(key)[0]) + 1
                node = node[key]
            except (AttributeError, KeyError, TypeError):
                break
        return line

    def problem(message: str, *key: str) -> None:
        problems.append(Problem(path, line_of(*key), message, t("iss.hint")))

    for key in data:
        if key not in KNOWN:
            problem(t("iss.unknown", key=key), str(key))
    for key in REQUIRED:
        if not _text(data.get(key)):
            problem(t("iss.missing", key=key), key)
    for key in TEXTS:
        if data.get(key) is not None and not isinstance(data[key], str | int):
            problem(t("iss.not_text", key=key), key)
    signer: Any = data.get("signer")
    if not isinstance(signer, dict):
        signer = {}
    if signer.get("name") is None or signer.get("name") == "":
        problem(t("iss.signer"), "signer")
    for key in signer:
        if key not in SIGNER:
            problem(t("iss.unknown", key=f"signer.{key}"), "signer", str(key))
        elif signer[key] is not None and not _text(signer[key]):
            problem(t("iss.not_text", key=f"signer.{key}"), "signer", str(key))
    lists = {key: data.get(key, []) or [] for key in ("recipients", "basis")}
    for key, items in lists.items():
        if not isinstance(items, list) or not all(_is_line(item) for item in items):
            problem(t("iss.not_list", key=key), key)
    if problems:
        raise CdsError(problems)
    return Issuer(
        name=_text(data["name"]),
        code=_text(data["code"]),
        place=_text(data["place"]),
        signer_title=_text(signer.get("title")) or t("iss.default_title"),
        signer_name=_text(signer["name"]),
        parent=_text(data.get("parent")),
        to=_text(data.get("to")),
        recipients=[_line(r) for r in lists["recipients"]],
        basis=[_line(r) for r in lists["basis"]],
        on_behalf=_text(signer["on_behalf"]) if "on_behalf" in signer else None,
        signs_for=_text(signer["signs_for"]) if "signs_for" in signer else None,
    )


def _text(value: Any) -> str:
    """A one-line text entry (a number like `code: 123` is its text); '' for anything else."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return " ".join(str(value).split())


def _is_line(item: Any) -> bool:
    if isinstance(item, dict):
        return len(item) == 1 and all(_text(k) and _text(v) for k, v in item.items())
    return bool(_text(item))


def _line(item: Any) -> str:
    """A recipient as written: `[Như trên, Lưu: VT]` makes YAML read 'Lưu: VT' as a pair."""
    if isinstance(item, dict):
        ((key, value),) = item.items()
        return f"{_text(key)}: {_text(value)}"
    return _text(item)
