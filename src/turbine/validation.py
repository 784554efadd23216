"""Validation: every problem of a document, in one report.

Two layers run in turn, and their problems are reported together: the JSON Schema
(:mod:`turbine.schema`), then the checks it cannot express (:mod:`turbine.checks`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from turbine._decode import find_lone_surrogates, find_too_deep, has_lone_surrogates
from turbine.checks import iter_check_problems
from turbine.model import Strategy
from turbine.report import Problem, Severity, ValidationReport
from turbine.schema import SUPPORTED_FORMAT_VERSIONS, _brief, iter_schema_problems

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
    """
    if isinstance(data, Strategy):
        from turbine._converter import unstructure  # noqa: PLC0415 - keeps import light

        data = unstructure(data)
    report = validate_json(data)
    if has_lone_surrogates(data):
        report = ValidationReport([*report, *find_lone_surrogates(data)])
    return report


def validate_json(data: Any) -> ValidationReport:
    """Like :func:`validate`, for data whose texts are known to be valid Unicode.

    :func:`~turbine._decode.parse_json` guarantees that for what it parses, so loading skips a
    pass over every text.
    """
    if not isinstance(data, Mapping):
        return ValidationReport([_version_problem((), "wrong-type", _not_an_object(data))])
    version = data.get("format_version")
    if version not in SUPPORTED_FORMAT_VERSIONS:
        return ValidationReport([_unsupported(version, "format_version" in data)])
    try:
        problems = list(iter_schema_problems(data))
    except RecursionError:
        # Only hostile data gets here: no valid document is more than a dozen levels deep.
        problems = list(find_too_deep(data))
    problems.extend(iter_check_problems(data))
    return ValidationReport(problems)


def _not_an_object(data: Any) -> str:
    kind = {
        list: "a list",
        str: "a text",
        bool: "true or false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(data), f"a {type(data).__name__}")
    return f"a turbine document is a JSON object ({{...}}), not {kind}"


def _version_problem(location: tuple[str | int, ...], code: str, message: str) -> Problem:
    return Problem(location=location, code=code, severity=Severity.ERROR, message=message)


def _unsupported(version: Any, present: bool) -> Problem:
    supported = ", ".join(repr(v) for v in SUPPORTED_FORMAT_VERSIONS)
    if present and not isinstance(version, str):
        return _version_problem(
            ("format_version",),
            "wrong-type",
            f"the format version is written as a text, in double quotes ({supported}), not "
            f"{_brief(version)}",
        )
    if not present:
        return _version_problem(
            ("format_version",),
            "missing-field",
            f"the field 'format_version' is required: it says which version of the format the "
            f"document follows (this turbine reads {supported})",
        )
    return _version_problem(
        ("format_version",),
        "unsupported-format-version",
        f"this document follows format version {version!r}, which this turbine cannot read "
        f"(it reads {supported}); a newer turbine may",
    )
