r"""The packaged JSON Schema, and the two validators that apply it.

Valid documents are the common case, and the reference validator (:mod:`jsonschema`) is about 60
times slower than parsing the JSON: it would dominate loading. So a document is first given to
:mod:`jsonschema_rs`, which only says yes or no; a "no" (or data it cannot take) sends the document
to :mod:`jsonschema`, whose detailed errors become the report. Both read the same schema file, and
the test suite checks that they accept and reject the same documents.

The schema's ``pattern`` keywords follow ECMA-262, as JSON Schema says; the reference validator is
extended so that ``$`` means "end of text" there too (Python's ``re`` also lets it match before a
final newline, which would let ``"id\n"`` through).
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from turbine._util import Location, brief, describe, is_array, is_object, printable
from turbine.report import Problem, Severity

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from jsonschema.exceptions import ValidationError

__all__ = [
    "SCHEMA_FILE",
    "SCHEMA_ID",
    "SUPPORTED_FORMAT_VERSIONS",
    "iter_schema_problems",
    "load_schema",
    "schema_text",
]

SCHEMA_FILE = "strategy.schema.json"
"""The schema's file name, in ``schemas/`` of the repository and ``turbine/schemas/`` installed."""

SUPPORTED_FORMAT_VERSIONS: tuple[str, ...] = ("1.0",)
"""The document format versions this turbine reads."""

SCHEMA_ID = "urn:turbine:schema:strategy:1.0"
"""The ``$id`` of the schema of the current format version."""


@functools.cache
def schema_text() -> str:
    """The JSON Schema of the document format, as the text of its file."""
    packaged = resources.files("turbine").joinpath("schemas", SCHEMA_FILE)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # A source checkout (editable install): the schema's one copy is at the repository's top.
    return (Path(__file__).parents[2] / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the document format, as a new dict (yours to change)."""
    schema: dict[str, Any] = json.loads(schema_text())
    return schema


# -- the two validators ----------------------------------------------------------------------


def _ecma_dollar(pattern: str) -> str:
    r"""Rewrite every ``$`` anchor (outside classes and escapes) as ``\Z``."""
    out = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(_ecma_dollar(pattern))


def _ecma_pattern(
    validator: Any,
    pattern: str,
    instance: Any,
    schema: Mapping[str, Any],  # noqa: ARG001 - jsonschema's keyword signature
) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError  # noqa: PLC0415 - loaded by now

    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def json_key(value: Any) -> Any:
    """A hashable key equal for equal JSON values: ``1`` and ``1.0`` alike, ``true`` apart."""
    if isinstance(value, bool) or value is None:
        return (type(value).__name__, value)
    if isinstance(value, (int, float)):
        return ("number", value)  # Python's 1 == 1.0 and hash(1) == hash(1.0): as JSON says
    if isinstance(value, str):
        return ("string", value)
    if is_object(value):
        return ("object", frozenset((key, json_key(item)) for key, item in value.items()))
    if is_array(value):
        return ("array", tuple(json_key(item) for item in value))
    return ("other", id(value))


def first_repeated(items: Any) -> tuple[bool, Any]:
    """Whether *items* repeat a JSON value, and the first value seen twice."""
    seen: set[Any] = set()
    for item in items:
        key = json_key(item)
        if key in seen:
            return True, item
        seen.add(key)
    return False, None


def _unique_items(
    validator: Any,  # noqa: ARG001 - jsonschema's keyword signature
    unique: bool,
    instance: Any,
    schema: Mapping[str, Any],  # noqa: ARG001
) -> Iterator[ValidationError]:
    # jsonschema's own check falls back to comparing every pair: minutes for a hostile list.
    from jsonschema.exceptions import ValidationError  # noqa: PLC0415 - loaded by now

    if unique and is_array(instance) and first_repeated(instance)[0]:
        yield ValidationError(f"{brief(instance)} has non-unique elements")


def _is_object(checker: Any, instance: Any) -> bool:  # noqa: ARG001 - jsonschema's signature
    return is_object(instance)


def _is_array(checker: Any, instance: Any) -> bool:  # noqa: ARG001
    return is_array(instance)


@functools.cache
def reference_validator() -> Any:
    """The :mod:`jsonschema` validator: slow, and the source of every detailed report.

    :mod:`jsonschema` is imported here, on first use: valid documents never need it.
    """
    import jsonschema  # noqa: PLC0415
    import jsonschema.validators  # noqa: PLC0415

    # Python data, not only parsed JSON, is validated: any mapping is an object and any
    # sequence but a text is an array, as they are for jsonschema_rs and for json.dumps.
    checker = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine_many(
        {"object": _is_object, "array": _is_array}
    )
    cls = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator,
        validators={"pattern": _ecma_pattern, "uniqueItems": _unique_items},
        type_checker=checker,
    )
    schema = load_schema()
    cls.check_schema(schema)
    return cls(schema)


@functools.cache
def fast_validator() -> Any:
    """The :mod:`jsonschema_rs` validator: fast, and only trusted to say yes or no."""
    return jsonschema_rs.validator_for(load_schema())


def fast_verdict(data: Any) -> bool | None:
    """Whether :mod:`jsonschema_rs` finds *data* valid, or ``None`` if it cannot take it.

    It cannot take Python values that are not JSON (non-string keys, objects) nor some texts with
    lone surrogates; the reference validator then gives the verdict. (It lets other lone
    surrogates through: :func:`turbine.validate` looks for them itself.)
    """
    try:
        return bool(fast_validator().is_valid(data))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None


def iter_schema_problems(data: Any) -> Iterator[Problem]:
    """Yield a problem for every place where *data* breaks the schema."""
    verdict = fast_verdict(data)
    if verdict:
        return
    found = False
    for error in reference_validator().iter_errors(data):
        for problem in _problems_from(error):
            found = True
            yield problem
    if verdict is False and not found:  # pragma: no cover - the validators agree (tested)
        yield Problem(
            location=(),
            code="schema-violation",
            severity=Severity.ERROR,
            message="the document does not follow the schema (the two validators disagree on "
            "why: please report this as a bug)",
        )


# -- from jsonschema errors to problems -------------------------------------------------------

_EXPECTED = {
    "object": "an object ({...})",
    "array": "a list ([...])",
    "string": "a text (in double quotes)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}

_PATTERN_HINTS = {
    "^[A-Za-z0-9][A-Za-z0-9._-]*$": (
        "is not a valid id: use letters, digits, '.', '_' or '-', starting with a letter or digit"
    ),
    "^[a-z]{2,3}(-[a-z0-9]{1,8})*$": (
        "is not a valid language tag: use a lower-case code such as 'fr', 'en' or 'fr-be'"
    ),
    "^#[0-9A-Fa-f]{6}$": "is not a colour: write it as '#rrggbb', e.g. '#3e9e8f'",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "is not a date: write it as YYYY, YYYY-MM or YYYY-MM-DD",
    "^[a-z][a-z0-9_-]*$": (
        "is not a valid role: use lower-case letters, digits, '_' or '-', e.g. 'carrier'"
    ),
    "^[a-z][a-z0-9_.-]*$": (
        "is not a valid register name: use lower-case letters, digits, '.', '_' or '-', "
        "e.g. 'siren'"
    ),
}


def _problem(location: tuple[str | int, ...], code: str, message: str) -> Problem:
    return Problem(location=location, code=code, severity=Severity.ERROR, message=message)


def _on_type(error: Any, location: Location) -> Iterator[Problem]:
    value = error.validator_value
    expected = " or ".join(_EXPECTED[t] for t in ([value] if isinstance(value, str) else value))
    what = "this" if location else "the document"
    yield _problem(
        location, "wrong-type", f"{what} should be {expected}, not {describe(error.instance)}"
    )


def _on_required(error: Any, location: Location) -> Iterator[Problem]:
    # jsonschema reports each missing field as its own error: we yield the one it names.
    missing = [name for name in error.validator_value if name not in error.instance]
    named = [name for name in missing if f"{name!r} is a required" in error.message]
    for name in named or missing:
        yield _problem((*location, name), "missing-field", f"the field {name!r} is required here")


def _on_additional(error: Any, location: Location) -> Iterator[Problem]:
    allowed = sorted(error.schema.get("properties", {}))
    for key in error.instance:
        if key in allowed:
            continue
        if not isinstance(key, str):  # only Python data can get here
            yield _problem(
                location,
                "wrong-type",
                f"the keys of an object are texts, not {describe(key)}",
            )
            continue
        name = printable(key)
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        yield _problem(
            (*location, name),
            "unknown-field",
            f"unknown field {name!r}{hint}; the fields allowed here are: {', '.join(allowed)}",
        )


def _on_pattern(error: Any, location: Location) -> Iterator[Problem]:
    hint = _PATTERN_HINTS.get(
        error.validator_value, f"does not have the form {error.validator_value}"
    )
    if "propertyNames" in error.schema_path:
        # The key itself is wrong: point at it, not at its object.
        location = (*location, printable(error.instance))
    yield _problem(location, "invalid-format", f"{brief(error.instance)} {hint}")


def _on_unique(error: Any, location: Location) -> Iterator[Problem]:
    _, repeated = first_repeated(error.instance)
    yield _problem(
        location, "duplicate-item", f"{brief(repeated)} appears more than once in this list"
    )


def _on_bound(error: Any, location: Location) -> Iterator[Problem]:
    bound = "at least" if error.validator == "minimum" else "at most"
    yield _problem(
        location,
        "out-of-range",
        f"{brief(error.instance)} should be {bound} {error.validator_value}",
    )


def _fixed(code: str, message: str) -> Any:
    def handler(error: Any, location: Location) -> Iterator[Problem]:
        yield _problem(
            location,
            code,
            message.format(value=error.validator_value, instance=brief(error.instance)),
        )

    return handler


_HANDLERS = {
    "type": _on_type,
    "required": _on_required,
    "additionalProperties": _on_additional,
    "pattern": _on_pattern,
    "uniqueItems": _on_unique,
    "minimum": _on_bound,
    "maximum": _on_bound,
    "const": _fixed("invalid-value", "{instance} should be {value!r}"),
    "minLength": _fixed("empty-text", "this text must not be empty"),
    "maxLength": _fixed("too-long", "this text is longer than {value} characters"),
    "minItems": _fixed(
        "empty-list",
        "this list must not be empty (an optional list is left out rather than written empty)",
    ),
    "minProperties": _fixed("empty-object", "this object must have at least one entry"),
}


def _problems_from(error: ValidationError) -> Iterator[Problem]:
    location = tuple(printable(p) if isinstance(p, str) else p for p in error.absolute_path)
    handler = _HANDLERS.get(str(error.validator))
    if handler is None:  # pragma: no cover - every keyword the schema uses has a handler
        yield _problem(location, "schema-violation", error.message)
        return
    yield from handler(error, location)
