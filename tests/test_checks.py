"""Tests of turbine.checks: what the schema cannot say, each with its code, place and severity."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import turbine
from tests.strategies import documents, json_values, mutated_documents, small_document
from turbine.checks import iter_check_problems
from turbine.report import Severity
from turbine.schema import reference_validator
from turbine.vocabulary import ROLES

ERROR, WARNING = Severity.ERROR, Severity.WARNING

O1 = "$.axes[0].objectives[0]"
M1 = f"{O1}.meta_actions[0]"
A1 = f"{M1}.actions[0]"
O2 = "$.objectives[0]"
M2 = f"{O2}.meta_actions[0]"
A2 = f"{M2}.actions[0]"


def _found(data: Any) -> list[tuple[str, str, Severity]]:
    return [(p.path, p.code, p.severity) for p in iter_check_problems(data)]


def _only(data: Any) -> tuple[str, str, Severity, str]:
    """The one problem the checks find in *data*, with its message."""
    problems = list(iter_check_problems(data))
    assert len(problems) == 1, [str(p) for p in problems]
    [problem] = problems
    return problem.path, problem.code, problem.severity, problem.message


def _meta(document: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = document["axes"][0]["objectives"][0]["meta_actions"][0]
    return meta


def _action(document: dict[str, Any]) -> dict[str, Any]:
    action: dict[str, Any] = _meta(document)["actions"][0]
    return action


def test_the_small_document_has_no_problem() -> None:
    document = small_document()
    assert _found(document) == []
    assert turbine.validate(document) == turbine.ValidationReport()


def test_the_bundled_example_has_no_problem() -> None:
    assert _found(json.loads(turbine.examples.text("artois"))) == []


# -- duplicate ids ----------------------------------------------------------------------------


def test_duplicate_axis_id() -> None:
    document = small_document()
    second = copy.deepcopy(document["axes"][0])
    second["objectives"] = [{"id": "o3", "title": "O3", "meta_actions": [_copy_meta("m3", "a3")]}]
    document["axes"].append(second)
    path, code, severity, message = _only(document)
    assert (path, code, severity) == ("$.axes[1].id", "duplicate-id", ERROR)
    assert message == (
        "the axis id 'ax' is already used at $.axes[0]; each axis needs an id of its own"
    )


def _copy_meta(meta_id: str, action_id: str) -> dict[str, Any]:
    return {
        "id": meta_id,
        "title": meta_id,
        "typologies": ["inhabitants"],
        "level": 1,
        "actions": [{"id": action_id, "title": action_id, "featured": False}],
    }


def test_duplicate_objective_id_across_axes_and_loose_objectives() -> None:
    document = small_document()
    document["objectives"][0]["id"] = "o1"
    path, code, severity, message = _only(document)
    assert (path, code, severity) == ("$.objectives[0].id", "duplicate-id", ERROR)
    assert f"already used at {O1}" in message


def test_duplicate_objective_id_across_two_axes() -> None:
    document = small_document()
    document["axes"].append(
        {
            "id": "ax2",
            "title": "Axe 2",
            "objectives": [
                {"id": "o1", "title": "again", "meta_actions": [_copy_meta("m9", "a9")]}
            ],
        }
    )
    assert _found(document) == [("$.axes[1].objectives[0].id", "duplicate-id", ERROR)]


def test_duplicate_objective_id_among_loose_objectives() -> None:
    document = small_document()
    document["objectives"].append(
        {"id": "o2", "title": "again", "meta_actions": [_copy_meta("m9", "a9")]}
    )
    assert _found(document) == [("$.objectives[1].id", "duplicate-id", ERROR)]


def test_duplicate_meta_action_id_in_another_objective() -> None:
    document = small_document()
    document["objectives"][0]["meta_actions"][0]["id"] = "m1"
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (f"{M2}.id", "duplicate-id", ERROR)
    assert message.startswith(f"the meta-action id 'm1' is already used at {M1};")


def test_duplicate_meta_action_id_in_the_same_objective() -> None:
    document = small_document()
    document["objectives"][0]["meta_actions"].append(_copy_meta("m2", "a9"))
    assert _found(document) == [(f"{O2}.meta_actions[1].id", "duplicate-id", ERROR)]


def test_duplicate_action_id_across_meta_actions() -> None:
    document = small_document()
    document["objectives"][0]["meta_actions"][0]["actions"][0]["id"] = "a1"
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (f"{A2}.id", "duplicate-id", ERROR)
    assert message.startswith(f"the action id 'a1' is already used at {A1};")


def test_duplicate_action_id_in_the_same_meta_action() -> None:
    document = small_document()
    _meta(document)["actions"].append({"id": "a1", "title": "again", "featured": False})
    assert _found(document) == [(f"{M1}.actions[1].id", "duplicate-id", ERROR)]


def test_duplicate_actor_id() -> None:
    document = small_document()
    document["actors"].append({"id": "mairie", "name": "Autre", "typology": "inhabitants"})
    path, code, severity, message = _only(document)
    assert (path, code, severity) == ("$.actors[2].id", "duplicate-id", ERROR)
    assert message.startswith("the actor id 'mairie' is already used at $.actors[0];")


def test_duplicate_typology_id() -> None:
    document = small_document()
    document["typologies"].append({"id": "inhabitants", "label": {"fr": "Encore"}})
    path, code, severity, message = _only(document)
    assert (path, code, severity) == ("$.typologies[3].id", "duplicate-id", ERROR)
    assert "is already used at $.typologies[1]" in message


def test_every_repeat_of_an_id_is_reported_and_points_at_the_first() -> None:
    document = small_document()
    for _ in range(2):
        document["actors"].append({"id": "asso", "name": "Encore", "typology": "inhabitants"})
    problems = list(iter_check_problems(document))
    assert [(p.path, p.code) for p in problems] == [
        ("$.actors[2].id", "duplicate-id"),
        ("$.actors[3].id", "duplicate-id"),
    ]
    assert all("already used at $.actors[1]" in p.message for p in problems)


def test_ids_of_different_kinds_may_be_equal() -> None:
    document = small_document()
    # An actor and an action, a typology and an axis, an objective and a meta-action...
    document["actors"][0]["id"] = "a1"
    _action(document)["actors"][0]["actor"] = "a1"
    document["axes"][0]["id"] = "inhabitants"
    document["objectives"][0]["id"] = "m1"
    document["objectives"][0]["meta_actions"][0]["id"] = "o1"
    document["id"] = "a1"
    assert _found(document) == []


def test_an_entity_without_a_string_id_is_not_declared() -> None:
    document = small_document()
    document["actors"].append({"id": 5, "name": "X", "typology": "inhabitants"})
    document["actors"].append({"id": 5, "name": "Y", "typology": "inhabitants"})
    assert _found(document) == []


# -- service levels ---------------------------------------------------------------------------


def test_duplicate_level_code() -> None:
    document = small_document()
    document["service_levels"].append({"code": 1, "label": {"fr": "Encore"}})
    path, code, severity, message = _only(document)
    assert (path, code, severity) == ("$.service_levels[2].code", "duplicate-level", ERROR)
    assert message == "the service level code 1 is already used at $.service_levels[0]"


def test_unknown_level_of_a_meta_action() -> None:
    document = small_document()
    _meta(document)["level"] = 3
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (f"{M1}.level", "unknown-level", ERROR)
    assert message == (
        "no service level with code 3 is declared in $.service_levels (declared: 1, 2)"
    )


def test_unknown_level_of_an_action() -> None:
    document = small_document()
    _action(document)["level"] = 7
    assert _found(document) == [(f"{A1}.level", "unknown-level", ERROR)]


def test_unknown_level_when_no_level_is_declared() -> None:
    document = small_document()
    document["service_levels"] = [{"code": "x", "label": {"fr": "?"}}]
    problems = list(iter_check_problems(document))
    assert [(p.path, p.code) for p in problems] == [
        (f"{M1}.level", "unknown-level"),
        (f"{A1}.level", "unknown-level"),
        (f"{M2}.level", "unknown-level"),
    ]
    assert problems[0].message.endswith("(declared: none)")


def test_a_boolean_is_not_a_level_code() -> None:
    document = small_document()
    _meta(document)["level"] = True
    document["service_levels"].append({"code": True, "label": {"fr": "?"}})
    # The schema reports the wrong types; the checks do not take true for 1.
    assert _found(document) == []


def test_a_level_written_as_a_whole_float_is_checked() -> None:
    # JSON Schema counts 7.0 as an integer, so the schema lets it through: the reference to a
    # level that does not exist must still be found.
    document = small_document()
    _meta(document)["level"] = 7.0
    assert reference_validator().is_valid(document)
    assert _found(document) == [(f"{M1}.level", "unknown-level", ERROR)]


def test_a_level_code_written_as_a_whole_float_is_a_duplicate() -> None:
    document = small_document()
    document["service_levels"].append({"code": 1.0, "label": {"fr": "Encore"}})
    assert reference_validator().is_valid(document)
    assert _found(document) == [("$.service_levels[2].code", "duplicate-level", ERROR)]


# -- typologies -------------------------------------------------------------------------------


def test_unknown_typology_of_an_actor() -> None:
    document = small_document()
    document["actors"][1]["typology"] = "inhabitant"
    path, code, severity, message = _only(document)
    assert (path, code, severity) == ("$.actors[1].typology", "unknown-typology", ERROR)
    assert message == (
        "no typology 'inhabitant' is declared in $.typologies (did you mean 'inhabitants'?)"
    )


def test_unknown_typology_of_a_meta_action() -> None:
    document = small_document()
    _meta(document)["typologies"] = ["policy-makers", "inhabitants", "nobody-knows"]
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (f"{M1}.typologies[2]", "unknown-typology", ERROR)
    assert message == "no typology 'nobody-knows' is declared in $.typologies"


def test_unknown_typology_of_an_action_is_not_also_outside_its_meta_action() -> None:
    document = small_document()
    _action(document)["typologies"] = ["inhabitants", "policy-maker"]
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (f"{A1}.typologies[1]", "unknown-typology", ERROR)
    assert "(did you mean 'policy-makers'?)" in message


def test_typology_of_an_action_outside_its_meta_action_is_a_warning() -> None:
    document = small_document()
    _action(document)["typologies"] = ["inhabitants", "supporters"]
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (
        f"{A1}.typologies[1]",
        "typology-outside-meta-action",
        WARNING,
    )
    assert "'supporters'" in message


def test_typologies_that_are_not_text_are_left_to_the_schema() -> None:
    document = small_document()
    _meta(document)["typologies"] = [1, None, "inhabitants"]
    _action(document)["typologies"] = "inhabitants"
    assert _found(document) == []


# -- actors and roles -------------------------------------------------------------------------


def test_unknown_actor() -> None:
    document = small_document()
    _action(document)["actors"][1]["actor"] = "assoc"
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (f"{A1}.actors[1].actor", "unknown-actor", ERROR)
    assert message == "no actor 'assoc' is declared in $.actors (did you mean 'asso'?)"


def test_unknown_actor_when_no_actor_is_declared() -> None:
    document = small_document()
    del document["actors"]
    assert _found(document) == [
        (f"{A1}.actors[0].actor", "unknown-actor", ERROR),
        (f"{A1}.actors[1].actor", "unknown-actor", ERROR),
    ]


def test_unknown_role_is_a_warning_with_a_suggestion() -> None:
    document = small_document()
    _action(document)["actors"][0]["role"] = "carier"
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (f"{A1}.actors[0].role", "unknown-role", WARNING)
    assert f"({', '.join(ROLES)})" in message
    assert "(did you mean 'carrier'?)" in message


def test_unknown_role_far_from_any_known_one() -> None:
    document = small_document()
    _action(document)["actors"][0]["role"] = "observer"
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (f"{A1}.actors[0].role", "unknown-role", WARNING)
    assert "did you mean" not in message


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_known_role_is_accepted(role: str) -> None:
    document = small_document()
    _action(document)["actors"][0]["role"] = role
    assert _found(document) == []


def test_duplicate_involvement_is_a_warning() -> None:
    document = small_document()
    _action(document)["actors"].append({"actor": "mairie", "role": "carrier"})
    path, code, severity, message = _only(document)
    assert (path, code, severity) == (f"{A1}.actors[2]", "duplicate-involvement", WARNING)
    assert message == "the actor 'mairie' is already involved in this action as 'carrier'"


def test_an_actor_in_two_roles_is_not_a_duplicate() -> None:
    document = small_document()
    _action(document)["actors"].append({"actor": "mairie", "role": "funder"})
    assert _found(document) == []


def test_the_same_involvement_in_two_actions_is_not_a_duplicate() -> None:
    document = small_document()
    document["objectives"][0]["meta_actions"][0]["actions"][0]["actors"] = [
        {"actor": "mairie", "role": "carrier"}
    ]
    assert _found(document) == []


def test_unknown_actor_role_and_duplicate_together() -> None:
    document = small_document()
    _action(document)["actors"] = [
        {"actor": "ghost", "role": "haunter"},
        {"actor": "ghost", "role": "haunter"},
    ]
    assert _found(document) == [
        (f"{A1}.actors[0].actor", "unknown-actor", ERROR),
        (f"{A1}.actors[0].role", "unknown-role", WARNING),
        (f"{A1}.actors[1].actor", "unknown-actor", ERROR),
        (f"{A1}.actors[1].role", "unknown-role", WARNING),
        (f"{A1}.actors[1]", "duplicate-involvement", WARNING),
    ]


# -- empty containers -------------------------------------------------------------------------


def test_empty_axis_when_objectives_are_absent() -> None:
    document = small_document()
    del document["axes"][0]["objectives"]
    path, code, severity, _ = _only(document)
    assert (path, code, severity) == ("$.axes[0]", "empty-axis", WARNING)


def test_empty_objective_when_meta_actions_are_absent() -> None:
    document = small_document()
    del document["objectives"][0]["meta_actions"]
    path, code, severity, _ = _only(document)
    assert (path, code, severity) == (O2, "empty-objective", WARNING)


def test_empty_meta_action_when_actions_are_absent() -> None:
    document = small_document()
    del _meta(document)["actions"]
    path, code, severity, _ = _only(document)
    assert (path, code, severity) == (M1, "empty-meta-action", WARNING)


def test_empty_lists_are_not_warned_about() -> None:
    # An empty list breaks the schema (empty-list); the checks do not add a warning to it.
    document = small_document()
    document["axes"].append({"id": "ax2", "title": "Axe 2", "objectives": []})
    document["objectives"][0]["meta_actions"] = []
    _meta(document)["actions"] = []
    assert _found(document) == []


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2021", "2021-02", "2021-02-28", "2020-02-29", "1999-12-31"])
def test_valid_dates_full_and_partial(date: str) -> None:
    document = small_document()
    document["provenance"]["date"] = date
    assert _found(document) == []


@pytest.mark.parametrize(
    "date", ["2021-02-30", "2021-02-29", "2021-13", "2021-00", "2021-04-31", "2021-01-00", "0000"]
)
def test_invalid_dates(date: str) -> None:
    document = small_document()
    document["provenance"]["date"] = date
    path, code, severity, message = _only(document)
    assert (path, code, severity) == ("$.provenance.date", "invalid-date", ERROR)
    assert message == f"{date!r} is not a date of the calendar"


def test_a_date_that_is_not_text_is_left_to_the_schema() -> None:
    document = small_document()
    document["provenance"]["date"] = 2021
    assert _found(document) == []
    document["provenance"] = "yesterday"
    assert _found(document) == []


# -- order and combination --------------------------------------------------------------------


def test_problems_come_in_document_order_across_kinds() -> None:
    document = small_document()
    document["typologies"].append({"id": "policy-makers", "label": {"fr": "x"}})
    document["service_levels"].append({"code": 2, "label": {"fr": "x"}})
    document["actors"][0]["typology"] = "nobody"
    document["provenance"]["date"] = "2021-02-31"
    document["axes"][0]["id"] = "ax"
    _action(document)["actors"][0]["actor"] = "ghost"
    del document["objectives"][0]["meta_actions"]
    assert _found(document) == [
        ("$.typologies[3].id", "duplicate-id", ERROR),
        ("$.service_levels[2].code", "duplicate-level", ERROR),
        ("$.actors[0].typology", "unknown-typology", ERROR),
        ("$.provenance.date", "invalid-date", ERROR),
        (f"{A1}.actors[0].actor", "unknown-actor", ERROR),
        (O2, "empty-objective", WARNING),
    ]


def test_checks_tolerate_data_that_breaks_the_schema() -> None:
    document = small_document()
    document["typologies"] = "not a list"
    document["actors"] = [None, 3, {"id": "asso", "name": "Asso", "typology": "x"}]
    document["objectives"] = [None, {"id": "o2", "meta_actions": [None, {"actions": "x"}]}]
    # Whatever is malformed is skipped; every reference that can be read is still checked.
    assert _found(document) == [
        ("$.actors[2].typology", "unknown-typology", ERROR),
        (f"{M1}.typologies[0]", "unknown-typology", ERROR),
        (f"{M1}.typologies[1]", "unknown-typology", ERROR),
        (f"{A1}.typologies[0]", "unknown-typology", ERROR),
        (f"{A1}.actors[0].actor", "unknown-actor", ERROR),
    ]


def test_checks_skip_malformed_containers() -> None:
    document = small_document()
    document["axes"][0]["objectives"][0]["meta_actions"] = {"not": "a list"}
    document["objectives"][0]["meta_actions"][0]["actions"] = "x"
    # The lists are there (malformed, which the schema reports): no "empty" warning either.
    assert _found(document) == []


def test_checks_do_not_change_the_data() -> None:
    document = small_document()
    document["actors"].append({"id": "mairie", "name": "X", "typology": "ghost"})
    before = copy.deepcopy(document)
    list(iter_check_problems(document))
    assert document == before


# -- properties -------------------------------------------------------------------------------

_FIELDS = [
    "id",
    "code",
    "level",
    "typology",
    "typologies",
    "actor",
    "role",
    "actors",
    "actions",
    "meta_actions",
    "objectives",
    "axes",
    "service_levels",
    "provenance",
    "date",
]


def _shaped(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """JSON values shaped like documents: objects whose keys are the fields the checks read."""
    keys = st.sampled_from(_FIELDS) | st.text(max_size=4)
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=5),
        max_leaves=20,
    )


_shaped_values = _shaped(json_values | st.sampled_from(["a", "b", 1, 2, 1.0, True, "2021-02"]))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(_FIELDS) | st.text(max_size=4), _shaped_values))
def test_checks_never_raise_on_arbitrary_json(data: dict[str, Any]) -> None:
    for problem in iter_check_problems(data):
        assert problem.path.startswith("$")
        assert problem.severity in (ERROR, WARNING)


@given(st.dictionaries(st.text(max_size=6), json_values))
def test_checks_never_raise_on_json_values_in_a_dict(data: dict[str, Any]) -> None:
    list(iter_check_problems(data))
    list(iter_check_problems({"axes": [data], "objectives": [data], "actors": [data]}))


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_documents())
def test_checks_never_raise_on_mutated_documents(document: dict[str, Any]) -> None:
    for problem in iter_check_problems(document):
        assert problem.code in _CODES
        assert problem.severity is _CODES[problem.code]


_CODES = {
    "duplicate-id": ERROR,
    "duplicate-level": ERROR,
    "unknown-typology": ERROR,
    "unknown-level": ERROR,
    "unknown-actor": ERROR,
    "invalid-date": ERROR,
    "unknown-role": WARNING,
    "duplicate-involvement": WARNING,
    "typology-outside-meta-action": WARNING,
    "empty-meta-action": WARNING,
    "empty-objective": WARNING,
    "empty-axis": WARNING,
}


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents())
def test_valid_documents_have_no_check_problem(document: dict[str, Any]) -> None:
    assert list(iter_check_problems(document)) == []


def test_integral_float_codes_are_the_same_codes() -> None:
    # JSON Schema counts 2.0 as the integer 2: the reference checks must agree.
    document = json.loads(turbine.examples.text("artois"))
    document["service_levels"][1]["code"] = 1.0
    document["objectives"][0]["meta_actions"][0]["level"] = 7.0
    found = {(p.path, p.code) for p in iter_check_problems(document)}
    assert ("$.service_levels[1].code", "duplicate-level") in found
    assert ("$.objectives[0].meta_actions[0].level", "unknown-level") in found


def test_suggestions_are_made_once_per_name_and_only_for_so_many_names() -> None:
    document = json.loads(turbine.examples.text("artois"))
    involvements = [{"actor": f"ghost-{i}", "role": "partner"} for i in range(150)]
    involvements += [{"actor": "agglomeratio", "role": "partner"}] * 2
    document["objectives"][0]["meta_actions"][0]["actions"][0]["actors"] = involvements
    messages = [p.message for p in iter_check_problems(document) if p.code == "unknown-actor"]
    assert len(messages) == 152
    # The two typos of a known id come after 150 other names: past the budget, no suggestion.
    assert messages[-1] == "no actor 'agglomeratio' is declared in $.actors"
    document["objectives"][0]["meta_actions"][0]["actions"][0]["actors"] = involvements[-2:]
    messages = [p.message for p in iter_check_problems(document) if p.code == "unknown-actor"]
    assert (
        messages
        == ["no actor 'agglomeratio' is declared in $.actors (did you mean 'agglomeration'?)"] * 2
    )


def test_no_suggestion_among_too_many_candidates() -> None:
    document = json.loads(turbine.examples.text("artois"))
    document["actors"] = [
        {"id": f"actor-{i}", "name": "A", "typology": "supporters"} for i in range(1_500)
    ]
    action = document["objectives"][0]["meta_actions"][0]["actions"][0]
    action["actors"] = [{"actor": "actor-1x", "role": "partner"}]
    messages = [p.message for p in iter_check_problems(document) if "actor-1x" in p.message]
    assert messages == ["no actor 'actor-1x' is declared in $.actors"]
