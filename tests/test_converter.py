from __future__ import annotations

import json
from typing import Any

import attrs
from hypothesis import given, settings

import turbine
from turbine import Action, Strategy
from turbine._converter import converter, make_converter, structure, unstructure

from .strategies import documents, strategies


@given(strategies())
@settings(max_examples=200)
def test_round_trip_through_text_is_lossless(strategy: Strategy) -> None:
    assert turbine.loads(turbine.dumps(strategy), strict=True) == strategy


@given(documents())
@settings(max_examples=200)
def test_a_valid_document_dumped_back_equals_the_input(document: dict[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=False)
    dumped = turbine.dumps(turbine.loads(text))
    assert json.loads(dumped) == document


@given(documents())
def test_unstructure_is_the_inverse_of_structure(document: dict[str, Any]) -> None:
    assert unstructure(structure(document, Strategy)) == document


def test_fields_are_written_in_model_order() -> None:
    action = Action(id="a", title="t", featured=True, description="d", level=2)
    assert list(unstructure(action)) == ["id", "title", "featured", "description", "level"]
    strategy = turbine.examples.load("artois")
    assert list(unstructure(strategy))[:5] == [
        "format_version",
        "id",
        "title",
        "language",
        "territory",
    ]


def test_absent_optional_fields_are_omitted_but_featured_is_always_written() -> None:
    data = unstructure(Action(id="a", title="t"))
    assert data == {"id": "a", "title": "t", "featured": False}


def test_tuples_become_lists_and_localized_text_dicts() -> None:
    typology = turbine.vocabulary.SUPPORTERS
    data = unstructure(typology)
    assert isinstance(data["examples"], list)
    assert type(data["label"]) is dict
    assert structure(data, type(typology)) == typology


def test_one_converter_is_shared_and_new_ones_are_independent() -> None:
    assert converter() is converter()
    fresh = make_converter()
    assert fresh is not converter()
    action = Action(id="a", title="t", typologies=("x",))
    assert fresh.unstructure(action) == unstructure(action)
    assert attrs.has(Action)
