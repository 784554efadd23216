"""Tests of turbine.validation: every problem of a document, in one report."""

from __future__ import annotations

import json
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import turbine
from tests.strategies import documents, strategies
from turbine import Severity, Strategy, ValidationReport, validate

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _artois() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(turbine.examples.text("artois"))
    return data


def _found(report: ValidationReport) -> list[tuple[str, str, Severity]]:
    return [(p.path, p.code, p.severity) for p in report]


def _any(value: Any) -> Any:
    """*value*, typed as anything: validate() is meant to be called with wrong data too."""
    return value


def test_the_bundled_example_is_valid_without_warnings() -> None:
    report = validate(_artois())
    assert report == ValidationReport()
    assert report.ok


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ([], "a list"),
        ([{"format_version": "1.0"}], "a list"),
        ("{}", 'a text ("{}")'),
        ("", 'a text ("")'),
        (0, "a whole number (0)"),
        (1.5, "a number (1.5)"),
        (True, "true or false (true)"),
        (None, "null (null)"),
        ((), "a Python tuple, which is not JSON"),
    ],
)
def test_a_document_that_is_not_an_object(data: Any, kind: str) -> None:
    report = validate(_any(data))
    assert len(report) == 1
    [problem] = report
    assert (problem.path, problem.code, problem.severity) == ("$", "wrong-type", ERROR)
    assert problem.location == ()
    assert problem.message == f"a turbine document is a JSON object ({{...}}), not {kind}"
    assert not report.ok


def test_missing_format_version_is_the_only_problem_reported() -> None:
    document = _artois()
    del document["format_version"]
    document["title"] = 5  # not reported: without a version, nothing else can be judged
    report = validate(document)
    assert _found(report) == [("$.format_version", "missing-field", ERROR)]
    assert "'1.0'" in report[0].message


def test_an_empty_object_lacks_its_format_version() -> None:
    assert _found(validate({})) == [("$.format_version", "missing-field", ERROR)]


@pytest.mark.parametrize("version", ["2.0", "1", "1.0.0", "", " 1.0", "1.0\n"])
def test_an_unsupported_format_version_is_the_only_problem_reported(version: Any) -> None:
    document = _artois()
    document["format_version"] = version
    document["actors"][0]["typology"] = "ghost"  # not reported either
    report = validate(document)
    assert _found(report) == [("$.format_version", "unsupported-format-version", ERROR)]
    assert repr(version) in report[0].message
    assert "it reads '1.0'" in report[0].message


@pytest.mark.parametrize("version", [1.0, 1, None, True, ["1.0"], {"major": 1}])
def test_a_format_version_that_is_not_text_is_the_only_problem_reported(version: Any) -> None:
    document = _artois()
    document["format_version"] = version
    document["title"] = ""  # not reported either
    report = validate(document)
    assert _found(report) == [("$.format_version", "wrong-type", ERROR)]
    assert "'1.0'" in report[0].message


def test_validate_accepts_a_strategy() -> None:
    strategy = turbine.examples.load("artois")
    assert isinstance(strategy, Strategy)
    assert validate(strategy) == ValidationReport()


def test_validate_finds_problems_in_a_strategy() -> None:
    strategy = turbine.examples.load("artois")
    objective = strategy.objectives[0]
    meta_action = objective.meta_actions[0]
    action = meta_action.actions[0]
    ghost = turbine.Involvement(actor="ghost", role="carrier")
    action = attrs.evolve(action, actors=(ghost,))
    meta_action = attrs.evolve(meta_action, actions=(action, *meta_action.actions[1:]))
    objective = attrs.evolve(objective, meta_actions=(meta_action, *objective.meta_actions[1:]))
    broken = attrs.evolve(strategy, objectives=(objective,))
    assert _found(validate(broken)) == [
        ("$.objectives[0].meta_actions[0].actions[0].actors[0].actor", "unknown-actor", ERROR)
    ]


def test_schema_and_check_problems_are_reported_together() -> None:
    document = _artois()
    document["territory"]["name"] = 5
    action = document["objectives"][0]["meta_actions"][0]["actions"][0]
    action["actors"][0]["actor"] = "nobody"
    action["actors"][0]["role"] = "helper"
    report = validate(document)
    assert _found(report) == [
        ("$.territory.name", "wrong-type", ERROR),
        ("$.objectives[0].meta_actions[0].actions[0].actors[0].actor", "unknown-actor", ERROR),
        ("$.objectives[0].meta_actions[0].actions[0].actors[0].role", "unknown-role", WARNING),
    ]
    assert not report.ok
    assert len(report.errors) == 2
    assert len(report.warnings) == 1


def test_a_place_gets_one_problem_the_schemas_first() -> None:
    document = _artois()
    document["provenance"]["date"] = "21-02-2021"
    assert _found(validate(document)) == [("$.provenance.date", "invalid-format", ERROR)]
    document["objectives"][0]["meta_actions"][0]["level"] = 10**30  # out of range, and unknown
    document["objectives"][0]["meta_actions"][0]["typologies"][0] = "bad id"  # malformed, unknown
    assert sorted(_found(validate(document)), key=str) == [
        ("$.objectives[0].meta_actions[0].level", "out-of-range", ERROR),
        ("$.objectives[0].meta_actions[0].typologies[0]", "invalid-format", ERROR),
        ("$.provenance.date", "invalid-format", ERROR),
    ]


def test_a_document_with_only_warnings_is_ok() -> None:
    document = _artois()
    document["objectives"][0]["meta_actions"][0]["actions"][0]["actors"][0]["role"] = "helper"
    report = validate(document)
    assert report.ok
    assert [(p.code, p.severity) for p in report] == [("unknown-role", WARNING)]


def test_a_level_written_as_a_whole_float_must_still_name_a_declared_level() -> None:
    document = _artois()
    document["objectives"][0]["meta_actions"][0]["level"] = 7.0
    report = validate(document)
    assert not report.ok
    assert _found(report) == [("$.objectives[0].meta_actions[0].level", "unknown-level", ERROR)]


def test_a_lone_surrogate_in_text_is_not_valid() -> None:
    # It cannot be written as UTF-8, so dump() could not write the document.
    document = _artois()
    document["description"] = "Artois \ud800"
    assert _found(validate(document)) == [("$.description", "invalid-unicode", ERROR)]


def test_validate_accepts_any_mapping() -> None:
    # The signature takes a Mapping: a read-only view of a valid document is valid.
    assert validate(MappingProxyType(_artois())) == ValidationReport()


def test_validate_does_not_change_the_data() -> None:
    document = _artois()
    document["territory"]["name"] = 5
    before = json.dumps(document, sort_keys=True)
    validate(document)
    assert json.dumps(document, sort_keys=True) == before


def test_doctest_example() -> None:
    report = validate({"format_version": "1.0", "id": "x"})
    assert not report.ok
    assert {p.path for p in report if p.code == "missing-field"} == {
        "$.title",
        "$.language",
        "$.territory",
        "$.service_levels",
        "$.typologies",
    }


_SLOW = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SLOW
@given(documents())
def test_valid_documents_give_an_empty_report(document: dict[str, Any]) -> None:
    assert validate(document) == ValidationReport()


@_SLOW
@given(strategies())
def test_valid_strategies_give_an_empty_report(strategy: Strategy) -> None:
    assert validate(strategy) == ValidationReport()


def _nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "location",
    [("description",), ("territory", "members"), ("actors",), ("service_levels", 0, "code")],
)
def test_hostile_nesting_in_python_data_is_too_deep_not_a_crash(
    location: tuple[str | int, ...],
) -> None:
    document = _artois()
    target: Any = document
    for step in location[:-1]:
        target = target[step]
    target[location[-1]] = _nested(20_000)
    action = document["objectives"][0]["meta_actions"][0]["actions"][0]
    action["actors"][0]["actor"] = "nobody"
    report = validate(document)
    assert not report.ok
    deep = [p for p in report if p.code == "too-deep"]
    assert deep
    assert all(p.location[: len(location)] == location for p in deep)
    # The checks still run over the rest of the document.
    assert ("$.objectives[0].meta_actions[0].actions[0].actors[0].actor", "unknown-actor") in [
        (p.path, p.code) for p in report
    ]


def test_decoding_problems_do_not_hide_the_others() -> None:
    text = turbine.examples.text("artois").replace('"id": "artois-turbine"', '"id": 1, "id": 2', 1)
    text = text.replace('"level": 3', '"level": "3"', 1)
    with pytest.raises(turbine.TurbineValidationError) as caught:
        turbine.loads(text)
    assert [(p.path, p.code) for p in caught.value.report] == [
        ("$.id", "duplicate-key"),
        ("$.objectives[0].meta_actions[0].level", "wrong-type"),
    ]


def test_cyclic_python_data_is_reported_not_looped_on() -> None:
    document = _artois()
    cyclic: list[Any] = []
    document["actors"][0]["tags"] = cyclic
    cyclic.append(cyclic)
    report = validate(document)
    assert not report.ok
    assert {p.code for p in report} <= {"too-deep", "wrong-type"}


def test_a_date_too_large_for_the_calendar_is_a_format_problem() -> None:
    document = _artois()
    document["provenance"]["date"] = "99999999999999999999"
    assert _found(validate(document)) == [("$.provenance.date", "invalid-format", ERROR)]


def test_a_strategy_of_the_wrong_python_types_is_a_type_error() -> None:
    strategy = turbine.examples.load("artois")
    broken = attrs.evolve(strategy, objectives=[{"id": "x"}])
    with pytest.raises(TypeError, match="holds a value of the wrong type"):
        validate(broken)
    with pytest.raises(TypeError, match=r"expected a turbine\.Strategy, not NoneType"):
        turbine.dumps(None)  # type: ignore[arg-type]


def test_malformed_meta_action_typologies_do_not_flag_every_action() -> None:
    document = _artois()
    document["objectives"][0]["meta_actions"][1]["typologies"] = "policy-makers"
    found = _found(validate(document))
    assert found == [("$.objectives[0].meta_actions[1].typologies", "wrong-type", ERROR)]


def test_integers_too_large_to_write_are_reported_not_raised() -> None:
    document = _artois()
    document["title"] = 10**5000
    document["objectives"][0]["meta_actions"][0]["level"] = 10**5000
    found = _found(validate(document))
    assert found == [
        ("$.title", "number-too-large", ERROR),
        ("$.objectives[0].meta_actions[0].level", "number-too-large", ERROR),
    ]
    assert _found(validate({"format_version": 10**5000})) == [
        ("$.format_version", "number-too-large", ERROR)
    ]


def test_uniqueness_follows_json_equality() -> None:
    document = _artois()
    for members, repeated in (
        (["a", "b", "a"], '"a"'),
        ([1, 1.0], "1.0"),
        ([{"x": 1, "y": 2}, {"y": 2, "x": 1.0}], '{"y": 2, "x": 1.0}'),
    ):
        document["territory"]["members"] = members
        problems = [p for p in validate(document) if p.code == "duplicate-item"]
        assert [p.message for p in problems] == [f"{repeated} appears more than once in this list"]
    document["territory"]["members"] = [True, 1]
    assert not [p for p in validate(document) if p.code == "duplicate-item"]


def test_a_long_hostile_list_is_checked_in_linear_time() -> None:
    # jsonschema's own uniqueItems compares every pair of a mixed list: ours hashes.
    document = _artois()
    document["territory"]["members"] = [str(i) for i in range(50_000)] + [1, "7"]
    found = [p for p in validate(document) if p.path == "$.territory.members"]
    assert [p.message for p in found] == ['"7" appears more than once in this list']


def test_messages_escape_what_a_terminal_would_act_on() -> None:
    document = _artois()
    document["language"] = "fr\u009b2J\u202e"
    (problem,) = validate(document)
    assert "\\u009b2J\\u202e" in problem.message
    assert problem.message.isprintable()
