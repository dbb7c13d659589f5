"""Plain data straight from ruamel's C parser, for the plans a province reads by the thousand.

Profile (3,000 plans, first run): ruamel's Python constructor and its version-aware resolver took
most of the time while its C parser alone took a tenth of it. A plan is a tree of mappings,
lists and plain scalars; this module builds that tree from the parser's events and resolves plain
scalars as ruamel's safe loader does (YAML 1.2: null, true/false, whole and decimal numbers,
dates). Anything unusual (a tag, an anchor or alias, a merge key, a directive, a duplicate key,
an octal-looking or exponent number, a timestamp with a time) returns None, and the caller reads
the plan with ruamel's own loader. tests/test_guards.py checks both agree wherever this one
answers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?[0-9]+\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_doubtful: dict[str, list[Any]] | None = None  # ruamel's patterns (compiled lazily)


def _resolvable(value: str) -> bool:
    """True where ruamel's YAML 1.2 resolver would read a plain scalar as something other than
    text (its own patterns, looked up by first character as it does: numbers of every form,
    timestamps, merge keys, ...)."""
    global _doubtful
    if _doubtful is None:
        from ruamel.yaml.resolver import implicit_resolvers

        _doubtful = {}
        for versions, tag, regexp, first in implicit_resolvers:
            if (1, 2) in versions and tag != "tag:yaml.org,2002:str":
                for char in first:
                    _doubtful.setdefault(char, []).append(regexp)
    return any(regexp.match(value) for regexp in _doubtful.get(value[:1], ()))


class Unusual(Exception):
    """The text uses something this module leaves to ruamel."""


def load(text: str) -> Any | None:
    """The document's plain data, or None where ruamel's loader must read it."""
    try:
        from ruamel.yaml import events
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # no C extension (PyPy): the caller reads with ruamel
        return None
    try:
        parser = CParser(text)
        try:
            return _document(parser, events)
        finally:
            parser.dispose()
    except Unusual:
        return None
    except Exception:  # a syntax error: ruamel's loader says where, in its own words
        return None


def _document(parser: Any, events: Any) -> Any:
    if not isinstance(parser.get_event(), events.StreamStartEvent):
        raise Unusual
    start = parser.get_event()
    if isinstance(start, events.StreamEndEvent):
        return None
    if getattr(start, "version", None) or getattr(start, "tags", None):
        raise Unusual  # %YAML or %TAG directives
    value = _node(parser, parser.get_event(), events)
    if not isinstance(parser.get_event(), events.DocumentEndEvent):
        raise Unusual
    if not isinstance(parser.get_event(), events.StreamEndEvent):
        raise Unusual  # a second document
    return value


def _node(parser: Any, event: Any, events: Any) -> Any:
    if getattr(event, "anchor", None) or isinstance(event, events.AliasEvent):
        raise Unusual
    if isinstance(event, events.ScalarEvent):
        return _scalar(event)
    if event.tag is not None and not event.implicit:
        raise Unusual
    if isinstance(event, events.SequenceStartEvent):
        items: list[Any] = []
        while True:
            child = parser.get_event()
            if isinstance(child, events.SequenceEndEvent):
                return items
            items.append(_node(parser, child, events))
    if isinstance(event, events.MappingStartEvent):
        mapping: dict[Any, Any] = {}
        while True:
            child = parser.get_event()
            if isinstance(child, events.MappingEndEvent):
                return mapping
            key = _node(parser, child, events)
            if isinstance(key, dict | list) or key in mapping or key == "<<":
                raise Unusual
            mapping[key] = _node(parser, parser.get_event(), events)
    raise Unusual


def _scalar(event: Any) -> Any:
    if event.tag is not None and not event.implicit[0] and not event.implicit[1]:
        raise Unusual  # an explicit tag: !!str, !custom
    value = event.value
    if event.style:  # quoted or a block: text as written
        return value
    return plain_scalar(value)


def plain_scalar(value: str) -> Any:
    """A plain (unquoted) scalar as ruamel's YAML 1.2 safe loader reads it; Unusual for one
    whose reading this module leaves to ruamel.

    Remembered: a province's plans repeat their keys and most of their values (every result is
    immutable: text, a number, a date, true, false or null)."""
    found = _seen.get(value, _MISSING)
    if found is _MISSING:
        found = _resolved(value)
        if len(_seen) > 100_000:
            _seen.clear()
        _seen[value] = found
    return found


_seen: dict[str, Any] = {}
_MISSING = object()


def _resolved(value: str) -> Any:
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if _DECIMAL.fullmatch(value):
        return float(value)
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise Unusual from None
    if _resolvable(value):
        raise Unusual  # 012, 1e3, 0x1f, .5, 1_000, 2026-05-29 10:00, .inf, ...
    return value
