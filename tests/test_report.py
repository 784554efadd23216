"""Tests of turbine.report: JSON paths, problems and validation reports."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from turbine.errors import TurbineValidationError
from turbine.report import Problem, Severity, ValidationReport, format_path

# -- format_path ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ((), "$"),
        (["id"], "$.id"),
        (
            ["objectives", 0, "meta_actions", 2, "typologies", 1],
            "$.objectives[0].meta_actions[2].typologies[1]",
        ),
        (["_private", "A9_b"], "$._private.A9_b"),
        ([0], "$[0]"),
        ([12, 3], "$[12][3]"),
        (["odd key", 1], "$['odd key'][1]"),
        (["fr-be"], "$['fr-be']"),
        (["a.b"], "$['a.b']"),
        (["9lives"], "$['9lives']"),
        (["0"], "$['0']"),
        ([""], "$['']"),
        (["it's"], "$['it\\'s']"),
        (["back\\slash"], "$['back\\\\slash']"),
        (["\\'"], "$['\\\\\\'']"),
        (["line\n"], "$['line\\n']"),
        (["été"], "$['été']"),
        (["a", "b c", 4, "d"], "$.a['b c'][4].d"),
    ],
)
def test_format_path(location: Sequence[str | int], expected: str) -> None:
    assert format_path(location) == expected


def test_format_path_takes_any_iterable() -> None:
    listed: list[str | int] = ["axes", 1]
    assert format_path(iter(listed)) == "$.axes[1]"
    steps: tuple[str | int, ...] = ("objectives", 0)
    assert format_path(step for step in steps) == "$.objectives[0]"


def test_a_name_with_a_trailing_newline_is_quoted_and_escaped() -> None:
    # "$" in Python's re would let "a\n" pass as a plain name: it must not.
    assert format_path(["a\n"]) == "$['a\\n']"


def test_control_characters_cannot_forge_output_lines() -> None:
    key = "\nother.json: valid (0 error(s), 0 warning(s))\x00\x1b[2J\u2028"
    path = format_path([key])
    assert path == "$['\\nother.json: valid (0 error(s), 0 warning(s))\\u0000\\u001b[2J\\u2028']"
    assert "\n" not in path


def test_keys_that_are_not_texts_show_their_repr() -> None:
    steps: list[Any] = [None, True, (1, 2)]
    assert format_path(steps) == "$['None']['True']['(1, 2)']"


_STEP = re.compile(
    r"\.(?P<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?P<index>-?[0-9]+)\]|\['(?P<key>(?:[^'\\]|\\.)*)'\]",
    re.DOTALL,
)


_UNESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "'": "'", "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    escape = match[1]
    return chr(int(escape[1:], 16)) if len(escape) == 5 else _UNESCAPES[escape]


def _parse_path(path: str) -> list[str | int]:
    """Read a JSON path back into its location (the inverse of format_path)."""
    assert path.startswith("$")
    location: list[str | int] = []
    position = 1
    while position < len(path):
        match = _STEP.match(path, position)
        assert match is not None, f"cannot read {path!r} at {position}"
        if match["name"] is not None:
            location.append(match["name"])
        elif match["index"] is not None:
            location.append(int(match["index"]))
        else:
            key = re.sub(r"\\(u[0-9a-f]{4}|.)", _unescape, match["key"], flags=re.DOTALL)
            # \u escapes of a surrogate pair stand for one character: join them.
            location.append(key.encode("utf-16", "surrogatepass").decode("utf-16"))
        position = match.end()
    return location


steps = st.integers(min_value=0, max_value=10**6) | st.text(max_size=8)
# A small alphabet of steps that look alike, so that collisions would be likely if any existed.
tricky_steps = st.sampled_from(
    ["a", "b", "a.b", "a b", "0", "'", "\\", "\\'", "']", "['a']", ".a", "[0]", "", 0, 1, 10]
)


@given(st.lists(steps | tricky_steps, max_size=6))
def test_format_path_starts_at_the_root_and_reads_back(location: list[str | int]) -> None:
    path = format_path(location)
    assert path.startswith("$")
    assert _parse_path(path) == location
    assert not any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in path)


@given(st.lists(tricky_steps, max_size=4), st.lists(tricky_steps, max_size=4))
def test_distinct_locations_have_distinct_paths(
    first: list[str | int], second: list[str | int]
) -> None:
    if first != second:
        assert format_path(first) != format_path(second)
    else:
        assert format_path(first) == format_path(second)


@given(st.lists(steps, max_size=5), st.lists(steps, max_size=5))
def test_distinct_arbitrary_locations_have_distinct_paths(
    first: list[str | int], second: list[str | int]
) -> None:
    assert (format_path(first) == format_path(second)) == (first == second)


# -- Severity and Problem ---------------------------------------------------------------------


def test_severity_values_and_str() -> None:
    assert Severity.ERROR.value == "error"
    assert Severity.WARNING.value == "warning"
    assert str(Severity.ERROR) == "error"
    assert str(Severity.WARNING) == "warning"
    assert Severity("warning") is Severity.WARNING


def _problem(
    location: Sequence[str | int] = ("objectives", 0, "title"),
    code: str = "missing-field",
    severity: Severity = Severity.ERROR,
    message: str = "the field 'title' is required here",
) -> Problem:
    return Problem(location=tuple(location), code=code, severity=severity, message=message)


def test_problem_path_and_str() -> None:
    problem = _problem()
    assert problem.path == "$.objectives[0].title"
    assert str(problem) == (
        "$.objectives[0].title: error missing-field: the field 'title' is required here"
    )


def test_problem_str_of_a_warning_at_the_root() -> None:
    problem = _problem((), "empty-axis", Severity.WARNING, "nothing here")
    assert problem.path == "$"
    assert str(problem) == "$: warning empty-axis: nothing here"


def test_problem_location_is_converted_to_a_tuple() -> None:
    problem = Problem(
        location=["axes", 1, "objectives"],
        code="x",
        severity=Severity.ERROR,
        message="m",
    )
    assert problem.location == ("axes", 1, "objectives")
    assert isinstance(problem.location, tuple)


def test_problem_is_frozen_hashable_and_compared_by_value() -> None:
    problem = _problem()
    assert problem == _problem()
    assert hash(problem) == hash(_problem())
    assert problem != _problem(code="other")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        problem.code = "other"  # type: ignore[misc]


def test_problem_fields_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        Problem((), "x", Severity.ERROR, "m")  # type: ignore[call-arg]


def test_problem_to_dict_is_json_ready() -> None:
    problem = _problem(("odd key", 3), "unknown-field", Severity.WARNING, "what is this")
    data = problem.to_dict()
    assert data == {
        "path": "$['odd key'][3]",
        "location": ["odd key", 3],
        "severity": "warning",
        "code": "unknown-field",
        "message": "what is this",
    }
    assert json.loads(json.dumps(data)) == data


# -- ValidationReport -------------------------------------------------------------------------

W1 = _problem(("actors", 0, "role"), "unknown-role", Severity.WARNING, "odd role")
E1 = _problem(("id",), "invalid-format", Severity.ERROR, "bad id")
W2 = _problem(("axes", 0), "empty-axis", Severity.WARNING, "no objectives")
E2 = _problem(("title",), "missing-field", Severity.ERROR, "no title")


@pytest.fixture
def mixed() -> ValidationReport:
    return ValidationReport([W1, E1, W2, E2])


def test_report_is_a_sequence(mixed: ValidationReport) -> None:
    assert isinstance(mixed, Sequence)
    assert len(mixed) == 4
    assert list(mixed) == [W1, E1, W2, E2]
    assert mixed[0] is W1
    assert mixed[-1] is E2
    assert mixed[1:3] == (E1, W2)
    assert mixed[::2] == (W1, W2)
    assert E1 in mixed
    assert _problem(("nowhere",)) not in mixed
    assert mixed.index(W2) == 2
    assert mixed.count(E2) == 1
    assert list(reversed(mixed)) == [E2, W2, E1, W1]
    with pytest.raises(IndexError):
        mixed[4]


def test_report_converts_problems_to_a_tuple() -> None:
    report = ValidationReport(iter([E1, W1]))
    assert report.problems == (E1, W1)


def test_report_keeps_the_order_of_problems(mixed: ValidationReport) -> None:
    assert mixed.errors == (E1, E2)
    assert mixed.warnings == (W1, W2)


def test_empty_report() -> None:
    report = ValidationReport()
    assert len(report) == 0
    assert report.ok
    assert report.errors == ()
    assert report.warnings == ()
    report.raise_for_errors()
    assert report.to_dict() == {"valid": True, "errors": 0, "warnings": 0, "problems": []}


def test_report_with_warnings_only_is_ok() -> None:
    report = ValidationReport([W1, W2])
    assert report.ok
    assert len(report) == 2  # it is not empty, only valid
    report.raise_for_errors(source="w.json")


def test_report_with_an_error_is_not_ok(mixed: ValidationReport) -> None:
    assert not mixed.ok
    assert not ValidationReport([E1]).ok


def test_raise_for_errors_raises_with_the_whole_report(mixed: ValidationReport) -> None:
    with pytest.raises(TurbineValidationError) as caught:
        mixed.raise_for_errors(source="doc.json")
    assert caught.value.report is mixed
    assert caught.value.source == "doc.json"
    assert caught.value.path == "$.id"
    assert caught.value.problems == (W1, E1, W2, E2)
    assert str(caught.value).startswith("doc.json is not a valid turbine strategy: 2 errors")


def test_raise_for_errors_default_source(mixed: ValidationReport) -> None:
    with pytest.raises(TurbineValidationError) as caught:
        mixed.raise_for_errors()
    assert caught.value.source == "<string>"


def test_report_to_dict(mixed: ValidationReport) -> None:
    data = mixed.to_dict()
    assert data == {
        "valid": False,
        "errors": 2,
        "warnings": 2,
        "problems": [W1.to_dict(), E1.to_dict(), W2.to_dict(), E2.to_dict()],
    }
    assert json.loads(json.dumps(data)) == data


def test_reports_compare_by_value() -> None:
    assert ValidationReport([E1, W1]) == ValidationReport((E1, W1))
    assert ValidationReport([E1, W1]) != ValidationReport([W1, E1])


def test_a_report_has_no_truth_value() -> None:
    # "if report:" would read as "if valid" to some and "if problems" to others.
    with pytest.raises(TypeError, match=r"use report\.ok"):
        bool(ValidationReport())
