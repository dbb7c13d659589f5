"""Every user-facing text exists in Vietnamese and English with the same placeholders."""

from __future__ import annotations

import string

import pytest

from cds_tracker.text import messages


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(messages._TEXTS))
def test_both_languages_take_the_same_placeholders(key: str) -> None:
    vietnamese, english = messages._TEXTS[key]
    assert fields(vietnamese) == fields(english)


@pytest.mark.parametrize("key", sorted(messages._TEXTS))
def test_every_text_formats(key: str) -> None:
    vietnamese, _ = messages._TEXTS[key]
    values = dict.fromkeys(fields(vietnamese), "x")
    assert messages.t(key, **values)


def test_language_switches_inside_a_block() -> None:
    with messages.language("en"):
        assert messages.t("st.met") == "Met"
    with messages.language("vi"):
        assert messages.t("st.met") == "Đạt"


def test_every_key_the_code_asks_for_exists() -> None:
    import re
    from pathlib import Path

    source = Path(messages.__file__).parents[1]
    asked = {
        key
        for path in source.rglob("*.py")
        for key in re.findall(r'\bt\(\s*"([a-z_.]+)"', path.read_text(encoding="utf-8"))
    }
    assert asked, "the pattern found no calls"
    assert sorted(asked - set(messages._TEXTS)) == []


def test_every_key_is_used_by_the_code() -> None:
    import re
    from pathlib import Path

    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in Path(messages.__file__).parents[1].rglob("*.py")
        if path.name != "messages.py"
    )
    # Keys built from a family name, as t(f"num.{reason}"): every key of the family counts.
    families = re.findall(r'\bt\(\s*f"([a-z_.]+)\{', source)
    assert families, "the pattern found no families"
    unused = [
        key
        for key in messages._TEXTS
        if f'"{key}"' not in source
        and f"'{key}'" not in source
        and not any(key.startswith(family) for family in families)
    ]
    assert unused == []


@pytest.mark.parametrize(
    "reason", ["not_a_number", "ambiguous", "not_whole", "too_big", "percent_sign"]
)
def test_every_number_problem_has_a_message_and_a_hint(reason: str) -> None:
    from cds_tracker.domain.parse import NumberProblem

    assert getattr(NumberProblem, reason.upper()) == reason
    assert messages.t(f"num.{reason}", text="x") and messages.t(f"num.{reason}.hint", text="x")
