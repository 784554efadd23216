"""Validation: every problem of a document, in one report.

Two layers run in turn, and their problems are reported together: the JSON Schema
(:mod:`turbine.schema`), then the checks it cannot express (:mod:`turbine.checks`). A place gets
one problem: where the schema already found an error, the checks say nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from turbine._decode import find_too_deep, find_unwritable
from turbine._util import describe, is_object
from turbine.checks import iter_check_problems
from turbine.model import Strategy
from turbine.report import Problem, Severity, ValidationReport
from turbine.schema import SUPPORTED_FORMAT_VERSIONS, iter_schema_problems

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = ["validate", "validate_json"]


def validate(data: Mapping[str, Any] | Strategy) -> ValidationReport:
    """Check a document (JSON data, or a :class:`~turbine.Strategy`) and report every problem.

    Nothing is raised for an invalid document: the report says what is wrong, where, and how
    serious it is. Call :meth:`~turbine.ValidationReport.raise_for_errors` to raise.

    >>> report = validate({"format_version": "1.0", "id": "x"})
    >>> report.ok
    False
    >>> print(report[0])
    $.title: error missing-field: the field 'title' is required here

    Raises:
        TypeError: *data* is a :class:`~turbine.Strategy` whose fields hold values of the wrong
            Python types (a programming error, not a problem of a document).
    """
    if isinstance(data, Strategy):
        from turbine._converter import unstructure_strategy  # noqa: PLC0415 - keeps import light

        data = unstructure_strategy(data)
    return validate_json(data, find_unwritable(data))


def validate_json(data: Any, decoded: Iterable[Problem] = ()) -> ValidationReport:
    """Like :func:`validate`, for data whose texts and numbers JSON can hold.

    :func:`~turbine._decode.parse_json_problems` guarantees that for what it parses (loading
    then skips a pass over every value), and reports what it found as *decoded*.

    A place gets one problem, the first found: decoding's, then the schema's, then the
    checks'.
    """
    problems = _first_per_place(decoded, _layers(data))
    return ValidationReport(problems)


def _layers(data: Any) -> Iterator[Problem]:
    if not is_object(data):
        yield _problem((), "wrong-type", _not_an_object(data))
        return
    version = data.get("format_version")
    if version not in SUPPORTED_FORMAT_VERSIONS:
        yield _unsupported(version, "format_version" in data)
        return
    try:
        schema_problems = list(iter_schema_problems(data))
    except RecursionError:
        # Only hostile Python data gets here: no valid document is more than a dozen levels deep.
        schema_problems = list(find_too_deep(data))
    except ValueError:
        # jsonschema writes its messages with repr(), which refuses integers of more than 4,300
        # digits: Python data only, whose numbers validate() has reported already.
        schema_problems = []
    yield from schema_problems
    yield from iter_check_problems(data)


def _first_per_place(*groups: Iterable[Problem]) -> list[Problem]:
    taken: set[tuple[str | int, ...]] = set()
    kept = []
    for group in groups:
        for problem in group:
            if problem.location not in taken:
                taken.add(problem.location)
                kept.append(problem)
    return kept


def _not_an_object(data: Any) -> str:
    return f"a turbine document is a JSON object ({{...}}), not {describe(data)}"


def _problem(location: tuple[str | int, ...], code: str, message: str) -> Problem:
    return Problem(location=location, code=code, severity=Severity.ERROR, message=message)


def _unsupported(version: Any, present: bool) -> Problem:
    supported = ", ".join(repr(v) for v in SUPPORTED_FORMAT_VERSIONS)
    if present and not isinstance(version, str):
        return _problem(
            ("format_version",),
            "wrong-type",
            f"the format version is written as a text, in double quotes ({supported}), not "
            f"{describe(version)}",
        )
    if not present:
        return _problem(
            ("format_version",),
            "missing-field",
            f"the field 'format_version' is required: it says which version of the format the "
            f"document follows (this turbine reads {supported})",
        )
    return _problem(
        ("format_version",),
        "unsupported-format-version",
        f"this document follows format version {version!r}, which this turbine cannot read "
        f"(it reads {supported}); a newer turbine may",
    )
