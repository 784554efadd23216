from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import turbine
from turbine import (
    MetaAction,
    Objective,
    RenderError,
    Strategy,
    TurbineValidationError,
    renderers,
)
from turbine.renderers import Renderer
from turbine.renderers._json import JsonRenderer, to_json

from .strategies import strategies


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


@pytest.fixture(scope="module")
def small() -> Strategy:
    # One axis and one loose objective, as fragments need.
    return turbine.examples.synthetic(n_actions=30, n_objectives=3, objectives_per_axis=2)


def keys_in_order(text: str) -> list[list[str]]:
    """The keys of every object of a JSON text, each object's in the text's order."""
    found: list[list[str]] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found.append([key for key, _ in pairs])
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return found


def test_the_renderer_is_registered_and_satisfies_the_protocol() -> None:
    renderer = renderers.get("json")
    assert isinstance(renderer, JsonRenderer)
    assert isinstance(renderer, Renderer)
    assert renderer.name == "json"
    assert renderer.returns == "text"
    assert renderer.suffixes == (".json",)
    assert renderer.accepts == (turbine.Strategy, turbine.Axis, turbine.Objective)
    assert renderer.description


def test_a_strategy_renders_as_dumps_writes_it(artois: Strategy) -> None:
    assert turbine.render(artois, "json") == turbine.dumps(artois)
    assert to_json(artois) == turbine.dumps(artois)


@pytest.mark.parametrize("indent", [None, 0, 4, 16])
def test_indent(artois: Strategy, indent: int | None) -> None:
    text = turbine.render(artois, "json", indent=indent)
    assert text == turbine.dumps(artois, indent=indent)
    assert text.endswith("\n")
    if indent is None:
        assert text.count("\n") == 1
    elif indent:
        assert f'\n{" " * indent}"format_version"' in text


def test_sort_keys(artois: Strategy) -> None:
    text = turbine.render(artois, "json", sort_keys=True)
    assert json.loads(text) == json.loads(turbine.dumps(artois))
    assert all(keys == sorted(keys) for keys in keys_in_order(text))
    # Without it, the format's order: format_version first, as the document has it.
    plain = keys_in_order(turbine.render(artois, "json"))
    assert plain[-1][0] == "format_version"
    assert any(keys != sorted(keys) for keys in plain)


def test_sort_keys_and_indent_together(artois: Strategy) -> None:
    text = turbine.render(artois, "json", sort_keys=True, indent=None)
    assert text.count("\n") == 1
    assert all(keys == sorted(keys) for keys in keys_in_order(text))


def test_axis_and_objective_fragments_are_their_part_of_the_document(small: Strategy) -> None:
    document = json.loads(turbine.dumps(small))
    assert small.axes
    assert small.objectives
    assert json.loads(turbine.render(small.axes[0], "json")) == document["axes"][0]
    assert json.loads(turbine.render(small.objectives[0], "json")) == document["objectives"][0]
    inner = small.axes[0].objectives[1]
    assert json.loads(turbine.render(inner, "json")) == document["axes"][0]["objectives"][1]


def test_fragments_take_the_options(small: Strategy) -> None:
    text = turbine.render(small.axes[0], "json", indent=None, sort_keys=True)
    assert text.count("\n") == 1
    assert all(keys == sorted(keys) for keys in keys_in_order(text))
    four = turbine.render(small.objectives[0], "json", indent=4)
    assert four.startswith('{\n    "id": ')


def test_an_invalid_strategy_is_refused_unless_validate_is_false(artois: Strategy) -> None:
    objective = artois.objectives[0]
    broken_meta = attrs.evolve(objective.meta_actions[0], typologies=("nobody",))
    broken = attrs.evolve(
        artois,
        objectives=[attrs.evolve(objective, meta_actions=[broken_meta])],
    )
    with pytest.raises(TurbineValidationError, match="nobody"):
        turbine.render(broken, "json")
    text = turbine.render(broken, "json", validate=False)
    assert json.loads(text)["objectives"][0]["meta_actions"][0]["typologies"] == ["nobody"]


def test_a_fragment_that_no_json_can_hold_is_refused() -> None:
    surrogate = Objective(id="o", title="half a pair: \ud800")
    with pytest.raises(TurbineValidationError, match="surrogate") as caught:
        turbine.render(surrogate, "json")
    assert caught.value.path == "$.title"
    assert caught.value.source == "objective 'o'"
    huge = Objective(
        id="o",
        title="o",
        meta_actions=[MetaAction(id="m", title="m", typologies=["x"], level=10**5000)],
    )
    with pytest.raises(TurbineValidationError, match="too large") as caught:
        turbine.render(huge, "json")
    assert caught.value.path == "$.meta_actions[0].level"


@pytest.mark.parametrize("number", [float("nan"), float("inf"), -float("inf")])
def test_a_fragment_with_a_number_json_has_not_is_refused_not_written(number: float) -> None:
    # json.dumps writes NaN and Infinity by default, which no JSON parser reads.
    objective = Objective(
        id="o",
        title="o",
        meta_actions=[MetaAction(id="m", title="m", typologies=["x"], level=number)],  # type: ignore[arg-type]
    )
    with pytest.raises(TurbineValidationError, match="NaN or an infinite number") as caught:
        turbine.render(objective, "json", indent=None)
    assert caught.value.source == "objective 'o'"


@pytest.mark.parametrize(
    "change",
    [
        lambda o: attrs.evolve(o, title=object()),
        lambda o: attrs.evolve(o, title=b"bytes"),
        lambda o: attrs.evolve(o, meta_actions=[{"id": "m"}]),
    ],
)
def test_a_fragment_of_values_json_has_not_is_a_render_error(change: Any) -> None:
    objective = change(Objective(id="o", title="o"))
    with pytest.raises(RenderError, match=r"cannot write objective 'o' as JSON: .*wrong type"):
        turbine.render(objective, "json")


def test_a_strategy_of_values_of_the_wrong_types_is_a_render_error(artois: Strategy) -> None:
    level = copy.deepcopy(artois.service_levels[0])
    object.__setattr__(level, "label", "not a LocalizedText")  # behind the converter's back
    spoiled = attrs.evolve(artois, service_levels=[level, *artois.service_levels[1:]])
    for validate in (True, False):
        with pytest.raises(RenderError, match="wrong type"):
            turbine.render(spoiled, "json", validate=validate)


@pytest.mark.parametrize("indent", [-1, 17, "2", 2.0, True, [2]])
def test_a_bad_indent_is_a_render_error(artois: Strategy, indent: object) -> None:
    with pytest.raises(RenderError, match="indent") as caught:
        turbine.render(artois, "json", indent=indent)
    assert caught.value.option == "indent"
    assert caught.value.renderer == "json"


def test_an_unknown_option_is_a_render_error_listing_the_options(artois: Strategy) -> None:
    with pytest.raises(RenderError) as caught:
        turbine.render(artois, "json", indnet=2)
    assert caught.value.option == "indnet"
    assert "indent, sort_keys, strategy, validate" in str(caught.value)


def test_it_renders_only_strategies_axes_and_objectives(artois: Strategy) -> None:
    with pytest.raises(RenderError, match="not MetaAction"):
        turbine.render(artois.objectives[0].meta_actions[0], "json")  # type: ignore[arg-type]


@pytest.mark.filterwarnings("ignore::turbine.renderers.RendererWarning")  # other plugins
def test_write_by_suffix(artois: Strategy, tmp_path: Path) -> None:
    path = tmp_path / "artois.json"
    renderers.write(artois, path)
    assert path.read_bytes() == turbine.dumps(artois).encode("utf-8")
    assert turbine.load(path) == artois


def test_write_by_name_with_options(small: Strategy, tmp_path: Path) -> None:
    path = tmp_path / "axis.JSON"
    renderers.write(small.axes[0], str(path), "json", indent=None)
    assert path.read_text(encoding="utf-8") == turbine.render(small.axes[0], "json", indent=None)
    with pytest.raises(RenderError, match=r"cannot write '\.html'"):
        renderers.write(small, tmp_path / "x.html", "json")


def test_write_a_fragment_that_no_json_can_hold(tmp_path: Path) -> None:
    path = tmp_path / "o.json"
    with pytest.raises(TurbineValidationError):
        renderers.write(Objective(id="o", title="\udfff"), path, "json")
    assert not path.exists()


@given(
    strategy=strategies(),
    indent=st.none() | st.integers(0, 4),
    sort_keys=st.booleans(),
)
def test_round_trip(strategy: Strategy, indent: int | None, sort_keys: bool) -> None:
    text = turbine.render(strategy, "json", indent=indent, sort_keys=sort_keys)
    assert turbine.loads(text) == strategy
    if not sort_keys:
        assert text == turbine.dumps(strategy, indent=indent)
