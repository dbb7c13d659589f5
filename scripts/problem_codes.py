"""Rewrite docs/json.md's "Problem codes" table from the source (run after adding a problem message).

tests/test_codes.py fails when the table and the source disagree; this script makes them agree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from cds_tracker.checks.problem import code_of  # noqa: E402
from cds_tracker.text import messages  # noqa: E402
from tests.test_codes import _blank, problem_keys  # noqa: E402


def main() -> None:
    rows: dict[str, str] = {}
    with messages.language("en"):
        for key in problem_keys():
            code = code_of(messages.t(key, **_blank(key)))
            english = messages._TEXTS[key][1].replace("|", "\\|").replace("\n", " ")
            rows[code] = english
    table = "| code | message |\n|---|---|\n" + "".join(
        f"| `{code}` | {rows[code]} |\n" for code in sorted(rows)
    )
    doc = ROOT / "docs" / "json.md"
    text = doc.read_text(encoding="utf-8")
    head, tail = text.split("## Problem codes", 1)
    tail = re.sub(r"\| code \| message \|\n\|---\|---\|\n(\|[^\n]*\n)*", table, tail, count=1)
    doc.write_text(head + "## Problem codes" + tail, encoding="utf-8", newline="\n")
    print(f"{len(rows)} codes in {doc}")


if __name__ == "__main__":
    main()
