"""The issuer of a commune's consolidated report: a small YAML file the commune keeps.

    name: UBND xã Xuân Trường            # required: the body that issues the report
    code: UBND                           # required: the "ký hiệu" in "Số: 05/BC-UBND"
    place: Xuân Trường                   # required: the place in the date line
    parent: UBND tỉnh Ninh Bình          # optional: the line above the name in the header
    to: Sở Giáo dục và Đào tạo tỉnh Ninh Bình   # optional: "Kính gửi"
    signer: {title: Chủ tịch, name: Nguyễn Văn A}   # required
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
KNOWN = (*REQUIRED, "parent", "to", "signer", "recipients")


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


def read(path: Path) -> Issuer:
    """The issuer file, checked; CdsError naming the file and line of every problem."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    text = read_utf8(path, 200_000)
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise CdsError([Problem(path, line, t("iss.syntax"), t("iss.hint"))]) from None
    if not isinstance(data, dict):
        raise CdsError([Problem(path, 1, t("iss.not_mapping"), t("iss.hint"))])
    problems: list[Problem] = []

    def line_of(key: str) -> int:
        try:
            return int(data.lc.key(key)[0]) + 1  # type: ignore[attr-defined]
        except (AttributeError, KeyError, TypeError):
            return 1

    for key in data:
        if key not in KNOWN:
            problems.append(Problem(path, line_of(key), t("iss.unknown", key=key), t("iss.hint")))
    for key in REQUIRED:
        if not isinstance(data.get(key), str) or not data.get(key, "").strip():
            problems.append(Problem(path, line_of(key), t("iss.missing", key=key), t("iss.hint")))
    signer: Any = data.get("signer")
    if not isinstance(signer, dict) or not str(signer.get("name", "")).strip():
        problems.append(Problem(path, line_of("signer"), t("iss.signer"), t("iss.hint")))
    recipients: Any = data.get("recipients", [])
    if not isinstance(recipients, list):
        problems.append(Problem(path, line_of("recipients"), t("iss.recipients"), t("iss.hint")))
    if problems:
        raise CdsError(problems)
    return Issuer(
        name=str(data["name"]).strip(),
        code=str(data["code"]).strip(),
        place=str(data["place"]).strip(),
        signer_title=str(signer.get("title", t("iss.default_title"))).strip(),
        signer_name=str(signer["name"]).strip(),
        parent=str(data.get("parent") or "").strip(),
        to=str(data.get("to") or "").strip(),
        recipients=[_line(r) for r in recipients],
    )


def _line(item: Any) -> str:
    """A recipient as written: `[Như trên, Lưu: VT]` makes YAML read 'Lưu: VT' as a pair."""
    if isinstance(item, dict) and len(item) == 1:
        ((key, value),) = item.items()
        return f"{key}: {value}"
    return str(item)
