"""Small helpers shared by turbine's modules."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeGuard

__all__ = [
    "HUGE_INT_BITS",
    "Location",
    "as_tuple",
    "brief",
    "describe",
    "escape_controls",
    "is_array",
    "is_object",
    "printable",
]

Location = tuple[str | int, ...]
"""Where a value is in a document: the keys and indices from its root."""

HUGE_INT_BITS = 14_000
"""Integers of more bits (about 4,200 digits) cannot be written as text by default in Python.

JSON parsing already refuses them; only Python data can hold them.
"""

# Characters a terminal may act on (controls; formats such as bidi overrides; line and paragraph
# separators) or cannot show (surrogates, private use, unassigned).
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def as_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """A tuple of *items*, refusing a lone text (which would become a tuple of characters).

    It takes ``Iterable[Any]`` because mypy's attrs plugin cannot bind a generic converter's type
    variable.
    """
    if isinstance(items, (str, bytes, bytearray)):
        raise TypeError(f"expected a sequence of values, not the single text {items!r}")
    return tuple(items)


def is_array(value: Any) -> TypeGuard[Sequence[Any]]:
    """Whether *value* is a JSON array: any sequence but a text."""
    # Parsed JSON only has lists: checking for them first skips the slower ABC check.
    return type(value) is list or (
        isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray))
    )


def is_object(value: Any) -> TypeGuard[Mapping[Any, Any]]:
    """Whether *value* is a JSON object: any mapping."""
    return type(value) is dict or isinstance(value, Mapping)


def printable(text: str) -> str:
    r"""*text* with any lone surrogate written as a ``\udxxx`` escape, safe to encode."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def escape_controls(text: str) -> str:
    r"""*text* with the characters a terminal could act on written as ``\uXXXX`` escapes."""
    if text.isprintable():
        return text
    return "".join(
        (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
        if unicodedata.category(c) in UNSAFE_CATEGORIES
        else c
        for c in text
    )


def brief(value: Any, width: int = 60) -> str:
    """A short JSON rendering of *value* for messages, safe to print."""
    if isinstance(value, int) and value.bit_length() > HUGE_INT_BITS:
        return f"a whole number of about {int(value.bit_length() * 0.30103):,} digits"
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        try:
            text = repr(value)
        except (ValueError, RecursionError):
            text = f"<{type(value).__name__}>"
    text = escape_controls(printable(text))
    return text if len(text) <= width else text[: width - 1] + "…"


_KINDS = {
    dict: "an object",
    list: "a list",
    str: "a text",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    type(None): "null",
}


def describe(value: Any) -> str:
    """What *value* is, in words, with a glimpse of it: ``a text ("3")``, ``a list``."""
    kind = _KINDS.get(type(value))
    if kind is None:
        return f"a Python {type(value).__name__}, which is not JSON"
    if isinstance(value, (dict, list)):
        return kind
    return f"{kind} ({brief(value, 40)})"


# -- terminal columns --------------------------------------------------------------------------

# VARIATION SELECTOR-16 asks for the emoji form of the character before it ("♻" + VS16 is
# "♻️"), which terminals draw two columns wide: it counts for the column the character gains.
EMOJI_FORM = "\N{VARIATION SELECTOR-16}"


def char_cells(char: str) -> int:
    """How many columns a terminal gives *char*: none for a combining mark, two if wide.

    An emoji variation selector counts for one: the column its character gains.
    """
    if char == EMOJI_FORM:
        return 1
    if unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def cells(text: str) -> int:
    """How many columns *text* takes on a terminal."""
    return len(text) if text.isascii() else sum(map(char_cells, text))


def fit(word: str, room: int) -> int:
    """How many leading characters of *word* fit in *room* columns (at least one)."""
    used = 0
    for index, char in enumerate(word):
        used += char_cells(char)
        if used > room:
            # An emoji's variation selector goes to the next line with its character.
            return max(index - (char == EMOJI_FORM), 1)
    return len(word)
