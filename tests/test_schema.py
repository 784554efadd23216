"""Tests of turbine.schema: the schema file, its two validators, and problems from its errors."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import turbine
from tests.strategies import documents, edge_values, mutated_documents, small_document
from turbine.report import Severity, format_path
from turbine.schema import (
    SCHEMA_FILE,
    SCHEMA_ID,
    SUPPORTED_FORMAT_VERSIONS,
    _ecma_dollar,
    fast_validator,
    fast_verdict,
    iter_schema_problems,
    load_schema,
    reference_validator,
    schema_text,
)

REPOSITORY = Path(__file__).resolve().parents[1]


A1 = ("axes", 0, "objectives", 0, "meta_actions", 0, "actions", 0)
A1_PATH = "$.axes[0].objectives[0].meta_actions[0].actions[0]"


def _problems(data: Any) -> list[tuple[str, str]]:
    problems = list(iter_schema_problems(data))
    assert all(p.severity is Severity.ERROR for p in problems)
    return [(p.path, p.code) for p in problems]


def _messages(data: Any) -> list[str]:
    return [p.message for p in iter_schema_problems(data)]


def _at(data: Any, location: tuple[str | int, ...]) -> Any:
    for step in location:
        data = data[step]
    return data


def test_the_small_document_is_valid() -> None:
    document = small_document()
    assert reference_validator().is_valid(document)
    assert fast_verdict(document) is True
    assert list(iter_schema_problems(document)) == []
    assert turbine.validate(document) == turbine.ValidationReport()


# -- the schema file --------------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def test_the_schema_id_is_versioned() -> None:
    schema = load_schema()
    assert schema["$id"] == SCHEMA_ID == "urn:turbine:schema:strategy:1.0"
    assert SUPPORTED_FORMAT_VERSIONS == ("1.0",)
    assert SCHEMA_ID.rsplit(":", 1)[1] == SUPPORTED_FORMAT_VERSIONS[-1]
    assert schema["properties"]["format_version"]["const"] == SUPPORTED_FORMAT_VERSIONS[-1]
    assert turbine.FORMAT_VERSION in SUPPORTED_FORMAT_VERSIONS


def _subschemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        yield where, schema
        for key, value in schema.items():
            yield from _subschemas(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _subschemas(value, f"{where}/{i}")


def _properties(schema: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    for where, subschema in _subschemas(schema):
        properties = subschema.get("properties")
        if isinstance(properties, dict) and where.rsplit("/", 1)[-1] != "properties":
            for name, prop in properties.items():
                yield f"{where}/properties/{name}", prop


def test_the_walk_finds_every_property() -> None:
    found = dict(_properties(load_schema()))
    # Sanity of the walk itself: properties at the top, in $defs, and deep ones are found.
    assert "#/properties/format_version" in found
    assert "#/$defs/action/properties/featured" in found
    assert "#/$defs/criteria/properties/political_backing" in found
    assert len(found) > 60


@pytest.mark.parametrize("where", [where for where, _ in _properties(load_schema())])
def test_every_property_has_a_title_and_a_description(where: str) -> None:
    prop = dict(_properties(load_schema()))[where]
    assert isinstance(prop.get("title"), str)
    assert prop["title"].strip()
    assert isinstance(prop.get("description"), str)
    assert prop["description"].strip()


def test_every_object_with_properties_refuses_other_properties() -> None:
    with_properties = [
        (where, sub)
        for where, sub in _subschemas(load_schema())
        if isinstance(sub.get("properties"), dict) and where.rsplit("/", 1)[-1] != "properties"
    ]
    assert len(with_properties) >= 13  # the root and 12 definitions
    for where, subschema in with_properties:
        assert subschema.get("additionalProperties") is False, where


def test_every_definition_is_used() -> None:
    text = schema_text()
    for name in load_schema()["$defs"]:
        assert f'"#/$defs/{name}"' in text, name


def test_schema_text_is_the_file_byte_for_byte() -> None:
    on_disk = (REPOSITORY / "schemas" / SCHEMA_FILE).read_bytes()
    assert schema_text().encode("utf-8") == on_disk
    assert json.loads(on_disk) == load_schema()


def test_load_schema_returns_a_fresh_dict_each_call() -> None:
    first = load_schema()
    second = load_schema()
    assert first == second
    assert first is not second
    first["title"] = "changed"
    first["properties"]["id"]["title"] = "changed too"
    del first["$defs"]["action"]
    third = load_schema()
    assert third["title"] == "turbine strategy"
    assert third["properties"]["id"]["title"] == "Id"
    assert "action" in third["$defs"]
    # The validators are not affected by what a caller does with its copy.
    assert reference_validator().is_valid(small_document())
    assert fast_verdict(small_document()) is True


def test_the_validators_are_built_once() -> None:
    assert reference_validator() is reference_validator()
    assert fast_validator() is fast_validator()


# -- ECMA-262 "$" -----------------------------------------------------------------------------


def test_python_dollar_alone_would_accept_a_final_newline() -> None:
    # Why the reference validator is extended at all.
    assert re.search(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", "abc\n")
    assert not re.search(_ecma_dollar(r"^[A-Za-z0-9][A-Za-z0-9._-]*$"), "abc\n")


@pytest.mark.parametrize(
    ("location", "value"),
    [
        (("id",), "abc\n"),
        (("language",), "fr\n"),
        (("service_levels", 0, "color"), "#f6e8a6\n"),
        (("provenance", "date"), "2021\n"),
        ((*A1, "actors", 0, "role"), "carrier\n"),
        ((*A1, "id"), "a1\n"),
    ],
)
def test_a_final_newline_is_refused_by_both_validators(
    location: tuple[str | int, ...], value: str
) -> None:
    document = small_document()
    _at(document, location[:-1])[location[-1]] = value
    assert fast_verdict(document) is False
    assert not reference_validator().is_valid(document)
    assert _problems(document) == [(format_path(location), "invalid-format")]


def test_a_final_newline_in_a_language_key_is_refused_by_both_validators() -> None:
    document = small_document()
    document["typologies"][0]["label"] = {"fr\n": "Politiques"}
    assert fast_verdict(document) is False
    assert not reference_validator().is_valid(document)
    assert _problems(document) == [("$.typologies[0].label['fr\\n']", "invalid-format")]


@pytest.mark.parametrize(
    ("pattern", "rewritten"),
    [
        (r"^a$", r"^a\Z"),
        (r"$", r"\Z"),
        (r"^a\$b$", r"^a\$b\Z"),
        (r"^[$]$", r"^[$]\Z"),
        (r"^[a$b]+$", r"^[a$b]+\Z"),
        (r"^[\]$]$", r"^[\]$]\Z"),
        (r"^a\\$", r"^a\\\Z"),
        (r"^(a$|b$)", r"^(a\Z|b\Z)"),
        (r"^[0-9]{4}(-[0-9]{2})?$", r"^[0-9]{4}(-[0-9]{2})?\Z"),
        (r"no anchor", r"no anchor"),
    ],
)
def test_ecma_dollar(pattern: str, rewritten: str) -> None:
    assert _ecma_dollar(pattern) == rewritten


def test_ecma_dollar_keeps_the_meaning_of_escaped_and_classed_dollars() -> None:
    assert re.search(_ecma_dollar(r"^a\$b$"), "a$b")
    assert not re.search(_ecma_dollar(r"^a\$b$"), "a$b\n")
    assert re.search(_ecma_dollar(r"^[$]x$"), "$x")
    assert not re.search(_ecma_dollar(r"^[$]x$"), "$x\n")


# -- the two validators agree -----------------------------------------------------------------

_SLOW = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SLOW
@given(mutated_documents())
def test_fast_verdict_agrees_with_the_reference_on_mutated_documents(
    document: dict[str, Any],
) -> None:
    verdict = fast_verdict(document)
    reference = reference_validator().is_valid(document)
    if verdict is not None:
        assert verdict == reference
    problems = list(iter_schema_problems(document))
    assert (problems == []) == reference
    assert all(p.severity is Severity.ERROR for p in problems)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents())
def test_fast_verdict_agrees_with_the_reference_on_valid_documents(
    document: dict[str, Any],
) -> None:
    assert reference_validator().is_valid(document)
    assert fast_verdict(document) is True
    assert list(iter_schema_problems(document)) == []


_PLACES = [
    (),
    ("id",),
    ("title",),
    ("language",),
    ("territory",),
    ("territory", "name"),
    ("territory", "members"),
    ("territory", "members", 0),
    ("provenance", "date"),
    ("service_levels",),
    ("service_levels", 0),
    ("service_levels", 0, "code"),
    ("service_levels", 0, "label"),
    ("service_levels", 0, "label", "fr"),
    ("service_levels", 0, "color"),
    ("typologies", 1, "id"),
    ("actors", 0),
    ("actors", 0, "typology"),
    A1,
    (*A1, "featured"),
    (*A1, "level"),
    (*A1, "typologies"),
    (*A1, "typologies", 0),
    (*A1, "actors", 1, "role"),
    (*A1[:6], "typologies"),
]


@_SLOW
@given(st.sampled_from(_PLACES), edge_values, st.sampled_from(["replace", "add"]))
def test_fast_verdict_agrees_with_the_reference_on_edge_values(
    place: tuple[str | int, ...], value: Any, how: str
) -> None:
    document = small_document()
    if not place:
        document = value
    elif how == "replace":
        _at(document, place[:-1])[place[-1]] = value
    else:
        target = _at(document, place)
        if isinstance(target, dict):
            target["typologies" if "typologies" not in target else "extra"] = value
        elif isinstance(target, list):
            target.append(value)
    verdict = fast_verdict(document)
    reference = reference_validator().is_valid(document)
    if verdict is not None:
        assert verdict == reference
    assert (list(iter_schema_problems(document)) == []) == reference


# -- each keyword, its code and its place -----------------------------------------------------


def test_type_is_wrong_type_at_its_place() -> None:
    document = small_document()
    document["territory"]["name"] = 5
    _at(document, A1)["featured"] = "yes"
    _at(document, A1)["level"] = True
    assert _problems(document) == [
        ("$.territory.name", "wrong-type"),
        (f"{A1_PATH}.featured", "wrong-type"),
        (f"{A1_PATH}.level", "wrong-type"),
    ]
    messages = _messages(document)
    assert messages[0] == "this should be a text (in double quotes), not a whole number (5)"
    assert messages[1] == 'this should be true or false, not a text ("yes")'
    assert messages[2] == "this should be a whole number, not true or false (true)"


@pytest.mark.parametrize(
    ("data", "kind"),
    [([], "a list"), ("text", 'a text ("text")'), (3.5, "a number (3.5)"), (None, "null (null)")],
)
def test_a_document_that_is_not_an_object_is_wrong_type_at_the_root(data: Any, kind: str) -> None:
    problems = list(iter_schema_problems(data))
    assert [(p.path, p.code) for p in problems] == [("$", "wrong-type")]
    assert problems[0].message == f"the document should be an object ({{...}}), not {kind}"


def test_required_is_missing_field_at_the_missing_field() -> None:
    document = small_document()
    del _at(document, A1)["featured"]
    del document["territory"]["name"]
    del document["typologies"][0]["label"]
    assert sorted(_problems(document)) == sorted(
        [
            ("$.territory.name", "missing-field"),
            ("$.typologies[0].label", "missing-field"),
            (f"{A1_PATH}.featured", "missing-field"),
        ]
    )
    assert "the field 'featured' is required here" in _messages(document)


def test_several_missing_fields_of_one_object_are_each_reported() -> None:
    document = small_document()
    for field in ("id", "title", "typologies", "level"):
        del document["axes"][0]["objectives"][0]["meta_actions"][0][field]
    where = "$.axes[0].objectives[0].meta_actions[0]"
    assert sorted(_problems(document)) == sorted(
        (f"{where}.{field}", "missing-field") for field in ("id", "title", "typologies", "level")
    )


def test_additional_properties_is_unknown_field_per_key_with_a_suggestion() -> None:
    document = small_document()
    _at(document, A1)["titel"] = "A1"
    _at(document, A1)["zzz"] = 1
    problems = list(iter_schema_problems(document))
    assert sorted((p.path, p.code) for p in problems) == [
        (f"{A1_PATH}.titel", "unknown-field"),
        (f"{A1_PATH}.zzz", "unknown-field"),
    ]
    messages = {p.path: p.message for p in problems}
    assert "(did you mean 'title'?)" in messages[f"{A1_PATH}.titel"]
    assert "did you mean" not in messages[f"{A1_PATH}.zzz"]
    assert messages[f"{A1_PATH}.zzz"].endswith(
        "the fields allowed here are: actors, description, featured, id, level, title, typologies"
    )


def test_an_unknown_field_at_the_root() -> None:
    document = small_document()
    document["format-version"] = "1.0"
    problems = list(iter_schema_problems(document))
    assert [(p.path, p.code) for p in problems] == [("$['format-version']", "unknown-field")]
    assert "(did you mean 'format_version'?)" in problems[0].message


def test_pattern_is_invalid_format_at_the_value() -> None:
    document = small_document()
    document["id"] = "-demo"
    document["language"] = "French"
    document["service_levels"][0]["color"] = "#12345"
    document["provenance"]["date"] = "15/03/2021"
    _at(document, A1)["actors"][0]["role"] = "Carrier"
    assert sorted(_problems(document)) == sorted(
        [
            ("$.id", "invalid-format"),
            ("$.language", "invalid-format"),
            ("$.service_levels[0].color", "invalid-format"),
            ("$.provenance.date", "invalid-format"),
            (f"{A1_PATH}.actors[0].role", "invalid-format"),
        ]
    )
    messages = _messages(document)
    assert any(m.startswith('"-demo" is not a valid id') for m in messages)
    assert any(m.startswith('"#12345" is not a colour') for m in messages)
    assert any(m.startswith('"15/03/2021" is not a date') for m in messages)


def test_property_names_pattern_points_at_the_bad_key() -> None:
    document = small_document()
    document["service_levels"][1]["label"] = {"fr": "Aider", "EN": "Help", "en gb": "Help"}
    problems = list(iter_schema_problems(document))
    assert sorted((p.path, p.code) for p in problems) == [
        ("$.service_levels[1].label.EN", "invalid-format"),
        ("$.service_levels[1].label['en gb']", "invalid-format"),
    ]
    assert all("is not a valid language tag" in p.message for p in problems)


def test_unique_items_is_duplicate_item_at_the_list() -> None:
    document = small_document()
    document["territory"]["members"] = ["Lens", "Liévin", "Lens"]
    _at(document, A1)["typologies"] = ["inhabitants", "inhabitants"]
    problems = list(iter_schema_problems(document))
    assert [(p.path, p.code) for p in problems] == [
        ("$.territory.members", "duplicate-item"),
        (f"{A1_PATH}.typologies", "duplicate-item"),
    ]
    assert problems[0].message == '"Lens" appears more than once in this list'


@pytest.mark.parametrize(("code", "bound"), [(0, "at least 1"), (100, "at most 99")])
def test_minimum_and_maximum_are_out_of_range(code: int, bound: str) -> None:
    document = small_document()
    document["service_levels"][0]["code"] = code
    _at(document, A1)["level"] = code
    problems = list(iter_schema_problems(document))
    assert [(p.path, p.code) for p in problems] == [
        ("$.service_levels[0].code", "out-of-range"),
        (f"{A1_PATH}.level", "out-of-range"),
    ]
    assert problems[0].message == f"{code} should be {bound}"


def test_const_is_invalid_value() -> None:
    document = small_document()
    document["format_version"] = "2.0"
    problems = list(iter_schema_problems(document))
    assert [(p.path, p.code) for p in problems] == [("$.format_version", "invalid-value")]
    assert problems[0].message == "\"2.0\" should be '1.0'"


def test_min_length_is_empty_text() -> None:
    document = small_document()
    document["title"] = ""
    document["territory"]["members"][1] = ""
    document["service_levels"][0]["label"]["fr"] = ""
    assert _problems(document) == [
        ("$.title", "empty-text"),
        ("$.territory.members[1]", "empty-text"),
        ("$.service_levels[0].label.fr", "empty-text"),
    ]


def test_an_empty_id_is_reported() -> None:
    document = small_document()
    document["actors"][0]["id"] = ""
    found = _problems(document)
    assert ("$.actors[0].id", "empty-text") in found
    assert {path for path, _ in found} == {"$.actors[0].id"}


def test_max_length_is_too_long() -> None:
    document = small_document()
    document["actors"][1]["id"] = "a" * 129
    problems = list(iter_schema_problems(document))
    assert [(p.path, p.code) for p in problems] == [("$.actors[1].id", "too-long")]
    assert problems[0].message == "this text is longer than 128 characters"
    document["actors"][1]["id"] = "a" * 128
    assert list(iter_schema_problems(document)) == []


def test_min_items_is_empty_list() -> None:
    document = small_document()
    document["axes"] = []
    document["service_levels"] = []
    assert sorted(_problems(document)) == [
        ("$.axes", "empty-list"),
        ("$.service_levels", "empty-list"),
    ]


def test_min_properties_is_empty_object() -> None:
    document = small_document()
    document["typologies"][1]["label"] = {}
    assert _problems(document) == [("$.typologies[1].label", "empty-object")]


def test_problems_everywhere_are_reported_together() -> None:
    document = small_document()
    document["title"] = ""
    document["actors"][0]["colour"] = "red"
    del _at(document, A1)["title"]
    assert sorted(_problems(document)) == [
        ("$.actors[0].colour", "unknown-field"),
        (f"{A1_PATH}.title", "missing-field"),
        ("$.title", "empty-text"),
    ]


# -- data that is not JSON --------------------------------------------------------------------


def test_non_string_keys_are_not_for_the_fast_validator() -> None:
    document = small_document()
    document["territory"][1] = "x"
    assert fast_verdict(document) is None
    problems = list(iter_schema_problems(document))
    assert [(p.path, p.code) for p in problems] == [("$.territory", "wrong-type")]
    assert problems[0].message == "the keys of an object are texts, not a whole number (1)"


def test_python_objects_are_not_for_the_fast_validator() -> None:
    document = small_document()
    document["territory"]["name"] = object()
    assert fast_verdict(document) is None
    problems = list(iter_schema_problems(document))
    assert [(p.path, p.code) for p in problems] == [("$.territory.name", "wrong-type")]
    assert problems[0].message.endswith("not a Python object, which is not JSON")


def test_bytes_are_not_text() -> None:
    document = small_document()
    document["title"] = b"Demo"
    assert fast_verdict(document) is None
    assert _problems(document) == [("$.title", "wrong-type")]


def test_python_sequences_and_mappings_are_arrays_and_objects_for_both_validators() -> None:
    document = small_document()
    document["territory"]["members"] = ("Lens", "Liévin")
    document["territory"] = MappingProxyType(document["territory"])
    assert reference_validator().is_valid(document)
    assert fast_verdict(document) in (None, True)
    assert list(iter_schema_problems(document)) == []
    assert list(turbine.validate(MappingProxyType(document))) == []
    document["territory"] = MappingProxyType({**document["territory"], "members": "Lens"})
    assert _problems(document) == [("$.territory.members", "wrong-type")]


@pytest.mark.parametrize(
    "location",
    [
        ("description",),
        ("territory", "members", 0),
        ("typologies", 0, "label", "fr"),
        (*A1, "title"),
    ],
)
def test_a_lone_surrogate_is_reported_by_the_reference_path(
    location: tuple[str | int, ...],
) -> None:
    document = small_document()
    _at(document, location[:-1])[location[-1]] = "x\ud800"
    # jsonschema_rs lets some such texts through (it only encodes what it must check), so
    # turbine.validate looks for them itself.
    problems = [(p.path, p.code) for p in turbine.validate(document)]
    assert problems == [(format_path(location), "invalid-unicode")]


def test_a_lone_surrogate_in_a_key_is_reported_with_a_printable_path() -> None:
    document = small_document()
    document["typologies"][0]["label"] = {"\udc00": "x"}
    problems = list(turbine.validate(document))
    # One problem per place: the surrogate, found first, rather than the key's format too.
    assert {(p.path, p.code) for p in problems} == {
        ("$.typologies[0].label['\\\\udc00']", "invalid-unicode"),
    }
    for problem in problems:
        str(problem).encode("utf-8")


def test_a_huge_integer_is_out_of_range_not_a_crash() -> None:
    document = small_document()
    document["service_levels"][0]["code"] = 2**70
    assert _problems(document) == [("$.service_levels[0].code", "out-of-range")]


def test_iter_schema_problems_does_not_change_the_data() -> None:
    document = small_document()
    document["title"] = ""
    document["extra"] = [1]
    before = copy.deepcopy(document)
    list(iter_schema_problems(document))
    assert document == before


def test_a_repeated_python_object_is_described_without_json() -> None:
    document = small_document()
    thing = object()
    document["territory"]["members"] = [thing, thing]
    assert fast_verdict(document) in (None, False)
    problems = list(iter_schema_problems(document))
    assert [(p.path, p.code) for p in problems] == [
        ("$.territory.members[0]", "wrong-type"),
        ("$.territory.members[1]", "wrong-type"),
        ("$.territory.members", "duplicate-item"),
    ]
    assert problems[2].message == f"{thing!r} appears more than once in this list"
