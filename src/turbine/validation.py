"""Validation: every problem of a document, in one report.

Two layers run in turn, and their problems are reported together: the JSON Schema
(:mod:`turbine.schema`), then the checks it cannot express (:mod:`turbine.checks`). A place gets
one problem: where the schema already found an error, the checks say nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from turbine._decode import find_lone_surrogates, find_too_deep, has_lone_surrogates
from turbine._util import describe, is_object
from turbine.checks import iter_check_problems
from turbine.model import Strategy
from turbine.report import Problem, Severity, ValidationReport
from turbine.schema import SUPPORTED_FORMAT_VERSIONS, iter_schema_problems

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

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
    report = validate_json(data)
    if has_lone_surrogates(data):
        report = ValidationReport([*report, *find_lone_surrogates(data)])
    return report


def validate_json(data: Any, decoded: Iterable[Problem] = ()) -> ValidationReport:
    """Like :func:`validate`, for data whose texts are known to be valid Unicode.

    :func:`~turbine._decode.parse_json_problems` guarantees that for what it parses (loading
    then skips a pass over every text), and its own problems come in as *decoded*: they are
    reported first, and the layers below add nothing at their places.
    """
    problems = list(decoded)
    if not is_object(data):
        problems.append(_problem((), "wrong-type", _not_an_object(data)))
        return ValidationReport(problems)
    version = data.get("format_version")
    if version not in SUPPORTED_FORMAT_VERSIONS:
        problems.append(_unsupported(version, "format_version" in data))
        return ValidationReport(problems)
    try:
        schema_problems = list(iter_schema_problems(data))
    except RecursionError:
        # Only hostile data gets here: no valid document is more than a dozen levels deep.
        schema_problems = list(find_too_deep(data))
    taken = {p.location for p in problems}
    problems += [p for p in schema_problems if p.location not in taken]
    taken |= {p.location for p in schema_problems}
    problems += [p for p in iter_check_problems(data) if p.location not in taken]
    return ValidationReport(problems)


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
