"""Plain data from a plan written as plans are: block mappings and lists, one scalar a line.

Profile (3,000 plans, a province's first run): ruamel's C parser alone took 0.64 ms a plan and
building the tree from its events (fastyaml.py) as much again: a third of the run. A plan is a
few hundred lines of `key: value`, `- key: value`, comments, a short `{a: b, c: d}` or `[a, b]`,
and quoted texts; this reads exactly that, a line at a time, in a fifth of the time. Anything
else (a scalar over two lines, a block scalar `|`, a tab, an anchor, a tag, a directive, a
second document, a duplicate key, a flow inside a flow, a text that YAML would read in another
way) returns None, and the caller reads the plan with fastyaml, then ruamel. Plain scalars are
resolved by fastyaml's rules (ruamel's YAML 1.2 safe loader). tests/test_guards.py checks that
this reader and ruamel agree wherever this one answers.
"""

from __future__ import annotations

import re
from typing import Any

from cds_tracker.store.fastyaml import Unusual, plain_scalar

# A line's content: a list item, or a key (plain, or a simple quoted one) and what follows it.
_ITEM = re.compile(r"-(?: +|$)")
_KEY = re.compile(
    r"""(?:"([^"\\]*)"|'([^']*)'"""  # "2.1": or 'a':, without escapes
    r"""|([^\s#'"{}\[\],&*!|>%@`?:-][^#:]*?|-[^\s#:][^#:]*?))"""  # a plain key
    r"""[ ]*:(?: +|$)"""
)
# What a plain scalar may not hold, in a block (YAML: ': ' and ' #' change its meaning) ...
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
# ... and in a flow ({a: b}, [a, b]), where , [ ] { } are the flow's own.
_FLOW_BREAKS = re.compile(r"[,\[\]{}]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_ODD = "\t\x85\u2028\u2029\ufeff"  # YAML reads these otherwise than str does


def _odd(text: str) -> bool:
    # `in` for each: a regex's character class took 33 µs over a plan, these 1 µs together.
    return any(char in text for char in _ODD)


_Line = tuple[int, str, str, Any]  # indent, kind, content (after the key), the key


def load(text: str) -> Any | None:
    """The document's plain data, or None where another reader must read it."""
    if _odd(text):
        return None
    try:
        lines = _lines(text)
        if not lines:
            return None
        value, end = _block(lines, 0, lines[0][0])
        if end != len(lines):
            return None  # a line less indented than the first, or a stray one
        return value
    except (Unusual, IndexError):
        return None


def sections(text: str) -> list[str] | None:
    """The document's top-level entries, each as the text of a document of its own (its key's
    line and every line under it, comments kept), or None where the document is not a
    mapping written from the first column (then load() and the other readers decide).

    A plan's sections are read, validated and checked one by one, each distinct text once a
    process (yamlplan.py): a province's plans differ mostly in their `school:` section. An
    entry of a block mapping at the first column is read the same alone as in its document,
    its lines being those up to the next key at the first column; tests/test_guards.py checks
    that the entries read alone and the document read whole agree.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # as Notepad saves it
        if "\r" in text:
            return None
    if _odd(text):
        return None
    starts = [m.end() for m in _SECTION.finditer(text)]
    if _SECTION.match("\n" + text[:2]):
        starts.insert(0, 0)
    if not starts:
        return None
    for line in text[: starts[0]].split("\n"):
        if line.strip(" ") and line.lstrip(" ")[0] != "#":
            return None  # something before the first key: not a mapping from the first column
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


# A line that opens an entry: at the first column, neither blank, a comment nor a list item.
_SECTION = re.compile(r"\n(?=[^ #\n-]|-[^ \n])")


def _lines(text: str) -> list[_Line]:
    """(indent, kind, content, key) of each line that holds something: kind '-' for a list
    item (what follows its dash is a line of its own, at its column), ':' for a key (content:
    what follows the key's colon; the key read), '=' for anything else (a scalar alone)."""
    found: list[_Line] = []
    for raw in _LINE_BREAKS.split(text):
        tokens = _read.get(raw)
        if tokens is None:
            tokens = _tokens(raw)
            if len(_read) > 200_000:
                _read.clear()
            _read[raw] = tokens
        found += tokens
    return found


# A province's plans share most of their lines: each line is read once a process.
_read: dict[str, tuple[_Line, ...]] = {}


def _tokens(raw: str) -> tuple[_Line, ...]:
    content = raw.lstrip(" ")
    if not content or content[0] == "#":
        return ()
    indent = len(raw) - len(content)
    if content.startswith(("---", "...", "%")) and indent == 0:
        raise Unusual
    found: list[_Line] = []
    while True:  # '- - x', '- key: v': each dash opens an item, then the rest is a line
        dash = _ITEM.match(content)
        if dash is None:
            break
        found.append((indent, "-", "", None))
        rest = content[dash.end() :]
        if not rest or rest[0] == "#":
            return tuple(found)
        indent += dash.end()
        content = rest
    key = _KEY.match(content)
    if key is None:
        found.append((indent, "=", content, None))
        return tuple(found)
    double, single, plain = key.groups()
    name: Any = double if double is not None else single
    if plain is not None:
        name = _plain(plain.rstrip(" "))
    found.append((indent, ":", content[key.end() :], name))
    return tuple(found)


def _block(lines: list[_Line], i: int, indent: int) -> tuple[Any, int]:
    """The mapping or list whose lines start at `indent` from line i; (value, next line)."""
    kind = lines[i][1]
    if kind == "-":
        return _sequence(lines, i, indent)
    if kind == ":":
        return _mapping(lines, i, indent)
    raise Unusual  # a bare scalar where a block was expected (a value over two lines)


def _sequence(lines: list[_Line], i: int, indent: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    while i < len(lines) and lines[i][0] == indent and lines[i][1] == "-":
        i += 1
        if i < len(lines) and lines[i][0] > indent:
            if lines[i][1] == "=":  # '- value' on its line: the item is that scalar
                items.append(_scalar(lines[i][2]))
                i += 1
                if i < len(lines) and lines[i][0] > indent:
                    raise Unusual  # the scalar goes on over the next lines
            else:
                value, i = _block(lines, i, lines[i][0])
                items.append(value)
        else:
            items.append(None)  # '-' alone: an empty item
    if i < len(lines) and lines[i][0] > indent:
        raise Unusual
    return items, i


def _mapping(lines: list[_Line], i: int, indent: int) -> tuple[dict[Any, Any], int]:
    mapping: dict[Any, Any] = {}
    while i < len(lines) and lines[i][0] == indent and lines[i][1] == ":":
        _, _, rest, key = lines[i]
        if isinstance(key, dict | list) or key in mapping or key == "<<":
            raise Unusual
        i += 1
        if rest and rest[0] != "#":
            mapping[key] = _scalar(rest)
            if i < len(lines) and lines[i][0] > indent:
                raise Unusual  # a value over two lines, or a key after a value
        elif i < len(lines) and (
            lines[i][0] > indent or (lines[i][0] == indent and lines[i][1] == "-")
        ):
            # The block below; a list may stand at the key's own indent ('key:' then '- x').
            if lines[i][1] == "=":
                raise Unusual
            mapping[key], i = _block(lines, i, lines[i][0])
        else:
            mapping[key] = None
    if i < len(lines) and lines[i][0] > indent:
        raise Unusual
    return mapping, i


def _scalar(text: str) -> Any:
    """A value written on the rest of a line: quoted, a one-line flow, or plain."""
    first = text[0]
    if first != "{" and first != "[":  # an immutable value: remembered, as the lines are
        found = _values.get(text, _MISSING)
        if found is _MISSING:
            if len(_values) > 200_000:
                _values.clear()
            found = _values[text] = _scalar_of(text)
        return found
    return _scalar_of(text)


_values: dict[str, Any] = {}
_MISSING = object()


def _scalar_of(text: str) -> Any:
    first = text[0]
    if first == '"' or first == "'":
        value, rest = _quoted(text)
        _only_comment(rest)
        return value
    if first == "{" or first == "[":
        close = "}" if first == "{" else "]"
        end = text.find(close)
        if end == -1:
            raise Unusual
        _only_comment(text[end + 1 :])
        return _flow(text[1:end], first == "{")
    return _plain(_uncommented(text))


def _quoted(text: str) -> tuple[str, str]:
    """(the text of a quoted scalar at the start of `text`, what follows it)."""
    quote = text[0]
    if quote == '"':
        end = text.find('"', 1)
        if end == -1 or "\\" in text[1:end]:
            raise Unusual  # escapes, or a text going on to the next line
        return text[1:end], text[end + 1 :]
    pieces, at = [], 1
    while True:
        end = text.find("'", at)
        if end == -1:
            raise Unusual
        pieces.append(text[at:end])
        if text.startswith("''", end):
            pieces.append("'")
            at = end + 2
            continue
        return "".join(pieces), text[end + 1 :]


def _only_comment(rest: str) -> None:
    stripped = rest.lstrip(" ")
    if stripped and (stripped[0] != "#" or stripped == rest):
        raise Unusual  # something after a closing quote or bracket


def _uncommented(text: str) -> str:
    """A plain value without its comment (' #' starts one; '#' inside a word does not)."""
    cut = text.find(" #")
    return (text[:cut] if cut != -1 else text).rstrip(" ")


def _plain(text: str) -> Any:
    if not text or text[0] in _NOT_PLAIN_START and not (text[0] == "-" and text[1:2].strip()):
        raise Unusual
    if ": " in text or text.endswith(":") or " #" in text:
        raise Unusual
    return plain_scalar(text)


def _flow(inside: str, mapping: bool) -> Any:
    """The items of a one-line flow of plain or quoted scalars: '{a: b, c: d}', '[a, b]'."""
    if "{" in inside or "[" in inside or '"' in inside or "'" in inside or "#" in inside:
        raise Unusual  # a flow inside a flow, quotes or comments: the other readers
    if not inside.strip(" "):
        return {} if mapping else []
    parts = [part.strip(" ") for part in inside.split(",")]
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()  # '[a, b,]': a trailing comma is allowed
    if "" in parts:
        raise Unusual  # '[a,,b]', '[,]
    if not mapping:
        return [_flow_plain(part) for part in parts]
    found: dict[Any, Any] = {}
    for part in parts:
        key, colon, value = part.partition(":")
        if not colon or (value and value[0] != " ") or not key or key != key.strip(" "):
            raise Unusual
        name = _flow_plain(key)
        if isinstance(name, dict | list) or name in found or name == "<<":
            raise Unusual
        value = value.strip(" ")
        found[name] = _flow_plain(value) if value else None
    return found


def _flow_plain(text: str) -> Any:
    if not text or _FLOW_BREAKS.search(text) or ":" in text:
        raise Unusual
    return _plain(text)
