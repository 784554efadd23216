r"""From bytes to JSON data, refusing what :mod:`json` would silently accept or alter.

The standard library keeps the last of two equal keys (the first value is lost) and reads
``NaN``, ``Infinity``, ``-Infinity`` and ``1e400`` (as infinity), which are not JSON numbers; it
also accepts unpaired UTF-16 surrogates (``"\ud800"``), which no UTF-8 file can hold. Checking
for duplicate keys costs a Python call per object, so the common case runs a cheap detector; only a
document that trips it is parsed a second time to find every offending place with its JSON path.
"""

from __future__ import annotations

import json
import math
import re
from typing import TYPE_CHECKING, Any

from turbine._util import HUGE_INT_BITS, Location, brief, is_array, is_object, printable
from turbine.errors import TurbineDecodeError, TurbineValidationError
from turbine.report import Problem, Severity, ValidationReport

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "MAX_DEPTH",
    "decode_text",
    "find_lone_surrogates",
    "find_too_deep",
    "find_unwritable",
    "lone_surrogate_in",
    "parse_json",
    "parse_json_problems",
]

MAX_DEPTH = 64
"""Deeper than this, data is reported as ``too-deep``; a valid document is about 12 deep."""

_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Suspect(Exception):  # noqa: N818 - internal signal, never escapes this module
    """The fast parse met a duplicate key or a non-finite number."""


def _strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Suspect
    return obj


def _refuse_constant(token: str) -> Any:  # noqa: ARG001 - json's parse_constant signature
    raise _Suspect


def _strict_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):  # 1e400 reads as infinity
        raise _Suspect
    return value


def _marking_float(token: str) -> Any:
    value = float(token)
    return value if math.isfinite(value) else _NonFinite(token)


class _Marked(dict[str, Any]):
    """An object that had duplicate keys: it remembers them."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, Any]], duplicates: list[str]) -> None:
        super().__init__(pairs)
        self.duplicates = duplicates


class _NonFinite:
    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token


def _marking_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    duplicates = []
    for key, _ in pairs:
        if key in seen:
            duplicates.append(key)
        seen.add(key)
    return _Marked(pairs, duplicates) if duplicates else dict(pairs)


def decode_text(data: bytes | bytearray | memoryview, source: str) -> str:
    """Decode UTF-8, naming the first bad byte by line and column (in characters)."""
    raw = bytes(data)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        before = raw[line_start : exc.start].decode("utf-8", "replace")
        if line_start == 0:
            before = before.removeprefix("\ufeff")  # editors do not show a byte order mark
        raise TurbineDecodeError(
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} "
            "cannot start or continue a character (save the file as UTF-8)",
            code="invalid-utf8",
            source=source,
            line=raw.count(b"\n", 0, exc.start) + 1,
            column=len(before) + 1,
        ) from None


def parse_json(text: str, source: str, *, from_utf8: bool = False) -> Any:
    """Parse JSON text strictly; one initial byte order mark is allowed.

    *from_utf8* says that *text* was decoded from UTF-8 bytes, so it cannot hold a surrogate
    character (only escapes of one).

    Raises:
        TurbineDecodeError: The text is not JSON, or is nested too deeply to read.
        TurbineValidationError: The JSON has duplicate keys, non-finite numbers or lone
            surrogates; every one of them is in the report.
    """
    data, problems = parse_json_problems(text, source, from_utf8=from_utf8)
    if problems:
        raise TurbineValidationError(ValidationReport(problems), source=source)
    return data


def parse_json_problems(
    text: str, source: str, *, from_utf8: bool = False
) -> tuple[Any, list[Problem]]:
    """Parse JSON text; return the data and the problems JSON's grammar lets through.

    Those problems (``duplicate-key``, ``non-finite-number``, ``invalid-unicode``) do not stop the
    parse, so that they can be reported with every other problem of the document. Of two equal
    keys, the data keeps the last value, as :mod:`json` does.

    Raises:
        TurbineDecodeError: The text is not JSON, or is nested too deeply to read.
    """
    text = text.removeprefix("\ufeff")
    try:
        data = _loads(text, source, _strict_object, _refuse_constant, _strict_float)
        problems = []
    except _Suspect:
        data = _loads(text, source, _marking_object, _NonFinite, _marking_float)
        problems = list(_find_marks(data))
    if _may_hold_lone_surrogates(text, from_utf8=from_utf8):
        problems.extend(find_lone_surrogates(data))
    return data, problems


def _loads(
    text: str,
    source: str,
    object_pairs_hook: Callable[[list[tuple[str, Any]]], Any],
    parse_constant: Callable[[str], Any],
    parse_float: Callable[[str], Any],
) -> Any:
    try:
        return json.loads(
            text,
            object_pairs_hook=object_pairs_hook,
            parse_constant=parse_constant,
            parse_float=parse_float,
        )
    except json.JSONDecodeError as exc:
        raise TurbineDecodeError(
            f"not valid JSON: {exc.msg}",
            code="invalid-json",
            source=source,
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except RecursionError:
        raise TurbineDecodeError(
            "the document is nested too deeply to be read", code="too-deep", source=source
        ) from None
    except ValueError as exc:
        # The standard library refuses integers of more than 4300 digits this way.
        raise TurbineDecodeError(
            f"not valid JSON: {exc}", code="invalid-json", source=source
        ) from None


def _may_hold_lone_surrogates(text: str, *, from_utf8: bool) -> bool:
    """A cheap test (substring searches run at C speed, unlike a regular expression here)."""
    if "\\ud" in text or "\\uD" in text:
        return True
    return not from_utf8 and lone_surrogate_in(text)


def _walk(data: Any, limit: int = MAX_DEPTH) -> Iterator[tuple[Location, Any]]:
    """Yield ``(location, value)`` for every value, depth first, without recursion.

    It goes down to *limit* + 1 levels and no further, so that cyclic or absurdly deep Python
    data cannot make it run for ever. Keys in locations are made printable.
    """
    stack: list[tuple[Location, Any]] = [((), data)]
    while stack:
        location, value = stack.pop()
        yield location, value
        if len(location) > limit:
            continue
        if is_object(value):
            children = [
                ((*location, printable(k) if isinstance(k, str) else k), v)
                for k, v in value.items()
            ]
        elif is_array(value):
            children = [((*location, i), child) for i, child in enumerate(value)]
        else:
            continue
        stack.extend(reversed(children))


def _find_marks(data: Any) -> Iterator[Problem]:
    for location, value in _walk(data):
        if isinstance(value, _Marked):
            for key in dict.fromkeys(value.duplicates):
                yield Problem(
                    location=(*location, printable(key)),
                    code="duplicate-key",
                    severity=Severity.ERROR,
                    message=(
                        f"the key {printable(key)!r} appears more than once in this object; only "
                        "one value can be kept, so the document is ambiguous"
                    ),
                )
        elif isinstance(value, _NonFinite):
            yield Problem(
                location=location,
                code="non-finite-number",
                severity=Severity.ERROR,
                message=(
                    f"{value.token} is not a number JSON allows"
                    if value.token in ("NaN", "Infinity", "-Infinity")
                    else f"{value.token} is too large to be a number"
                ),
            )


def find_unwritable(data: Any) -> list[Problem]:
    """Problems that no JSON text can hold: lone surrogates, integers too large to write.

    Only Python data can have them (parsing reports the first and refuses the second). Fast for
    JSON-like data that has none (one encoding at C speed); otherwise the data is walked.
    """
    try:
        text = json.dumps(data, ensure_ascii=False, check_circular=False)
    except (TypeError, ValueError, RecursionError):
        pass  # not plain JSON data, or too large a number: walk it
    else:
        if not lone_surrogate_in(text):
            return []
    problems = list(find_lone_surrogates(data))
    problems += [
        Problem(
            location=location,
            code="number-too-large",
            severity=Severity.ERROR,
            message=f"this is {brief(value)}: too large to be written as text",
        )
        for location, value in _walk(data)
        if isinstance(value, int) and value.bit_length() > HUGE_INT_BITS
    ]
    return problems


def lone_surrogate_in(text: str) -> bool:
    """Whether *text* holds a lone surrogate character."""
    try:
        text.encode("utf-8")  # several times faster than searching with a regular expression
    except UnicodeEncodeError:
        return True
    return False


def find_lone_surrogates(data: Any) -> Iterator[Problem]:
    """Yield a problem for every text (key or value) holding half of a surrogate pair."""
    for location, value in _walk(data):
        if is_object(value):
            for key in value:
                if isinstance(key, str) and _SURROGATE.search(key):
                    yield _surrogate_problem((*location, printable(key)), "key")
        elif isinstance(value, str) and _SURROGATE.search(value):
            yield _surrogate_problem(location, "text")


def _surrogate_problem(location: Location, what: str) -> Problem:
    return Problem(
        location=location,
        code="invalid-unicode",
        severity=Severity.ERROR,
        message=(
            f"this {what} holds an unpaired UTF-16 surrogate (a \\ud800-\\udfff escape without "
            "its other half), which is not a character and cannot be written as UTF-8"
        ),
    )


def find_too_deep(data: Any, limit: int = MAX_DEPTH) -> Iterator[Problem]:
    """Yield a ``too-deep`` problem where nesting first goes past *limit*, on each branch."""
    for location, _ in _walk(data, limit):
        if len(location) == limit + 1:
            yield Problem(
                location=location,
                code="too-deep",
                severity=Severity.ERROR,
                message=f"values are nested more than {limit} levels deep here",
            )
