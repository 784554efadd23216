"""Tests of turbine.renderers: the registry, the protocol, render() and write()."""

from __future__ import annotations

import warnings
from importlib import metadata
from typing import TYPE_CHECKING, Any

import pytest

import turbine
from turbine import Objective, RendererNotFoundError, RenderError, Strategy
from turbine.renderers import Renderer, RendererRegistry, RendererWarning
from turbine.renderers._registry import call_with_options, default_for_suffix, suffix_of

if TYPE_CHECKING:
    import os
    from pathlib import Path

ARTOIS = turbine.examples.load("artois")
OURS = ("html", "json", "markdown", "matrix", "summary", "text")


class Shout:
    """A renderer of our own: the strategy's title in capitals."""

    name = "shout"
    description = "the title, loudly"
    accepts: tuple[type, ...] = (Strategy,)
    returns = "text"
    suffixes = (".shout",)

    def render(self, obj: Any, /, **options: Any) -> str:
        return str(call_with_options(self.name, self._shout, obj, **options))

    def write(self, obj: Any, path: str | os.PathLike[str], /, **options: Any) -> None:
        turbine.io.write_atomic(path, self.render(obj, **options).encode())

    @staticmethod
    def _shout(obj: Strategy, /, *, times: int = 1) -> str:
        return (obj.title.upper() + "!") * times


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> RendererRegistry:
    """A fresh module-level registry, so that registrations do not leak between tests."""
    fresh = RendererRegistry()
    monkeypatch.setattr(turbine.renderers, "registry", fresh)
    return fresh


def test_our_renderers_come_through_the_entry_point_group() -> None:
    declared = {point.name for point in metadata.entry_points(group="turbine.renderers")}
    assert set(OURS) <= declared
    assert set(OURS) <= set(turbine.renderers.available())


@pytest.mark.parametrize("name", OURS)
def test_our_renderers_satisfy_the_protocol(name: str) -> None:
    renderer = turbine.renderers.get(name)
    assert isinstance(renderer, Renderer)
    assert renderer.name == name
    assert renderer.description
    assert renderer.accepts
    assert all(suffix.startswith(".") for suffix in renderer.suffixes)
    assert renderer.returns in {"text", "figure"}


def test_a_registry_of_an_empty_group_has_nothing() -> None:
    empty = RendererRegistry(group="turbine.tests.nothing-here")
    assert empty.names() == ()
    assert list(empty) == []
    assert "matrix" not in empty
    with pytest.raises(RendererNotFoundError, match="available: none"):
        empty.get("matrix")


def test_register_a_class_or_an_instance_and_render_through_the_api(
    registry: RendererRegistry,
) -> None:
    registered = turbine.renderers.register("shout", Shout)
    assert isinstance(registered, Shout)
    assert "shout" in turbine.renderers.available()
    assert turbine.render(ARTOIS, "shout", times=2) == "LA TURBINE DE L'ÉCO-TRANSITION!" * 2
    again = Shout()
    assert turbine.renderers.register("shout", again) is again
    assert turbine.renderers.get("shout") is again
    turbine.renderers.unregister("shout")
    assert "shout" not in turbine.renderers.available()


def test_a_registered_renderer_hides_an_entry_point_of_the_same_name(
    registry: RendererRegistry,
) -> None:
    turbine.renderers.register("json", Shout())
    assert turbine.render(ARTOIS, "json") == "LA TURBINE DE L'ÉCO-TRANSITION!"
    turbine.renderers.unregister("json")
    assert turbine.render(ARTOIS, "json") == turbine.dumps(ARTOIS)


@pytest.mark.parametrize("bad", [object(), "matrix", 3])
def test_register_refuses_what_is_not_a_renderer(registry: RendererRegistry, bad: Any) -> None:
    with pytest.raises(TypeError, match="is not a turbine renderer: it has no name"):
        turbine.renderers.register("bad", bad)


@pytest.mark.parametrize("name", ["", 3, None])
def test_register_needs_a_name(registry: RendererRegistry, name: Any) -> None:
    with pytest.raises(TypeError, match="non-empty str"):
        registry.register(name, Shout())


def test_unregister_only_forgets_what_was_registered(registry: RendererRegistry) -> None:
    with pytest.raises(RendererNotFoundError):
        turbine.renderers.unregister("matrix")
    assert "matrix" in turbine.renderers.available()


@pytest.mark.parametrize("name", ["matrx", "", 42, None])
def test_unknown_names_raise_with_the_names_that_exist(name: Any) -> None:
    with pytest.raises(RendererNotFoundError) as caught:
        turbine.render(ARTOIS, name)
    assert set(OURS) <= set(caught.value.available)
    assert isinstance(caught.value, LookupError)
    if name == "matrx":
        assert "did you mean 'matrix'?" in str(caught.value)


def test_render_refuses_what_the_renderer_does_not_accept(registry: RendererRegistry) -> None:
    turbine.renderers.register("shout", Shout())
    (objective,) = ARTOIS.objectives
    with pytest.raises(RenderError, match="renders Strategy, not Objective") as caught:
        turbine.render(objective, "shout")
    assert caught.value.renderer == "shout"
    with pytest.raises(RenderError, match="not str"):
        turbine.render("artois", "matrix")  # type: ignore[arg-type]


def test_unknown_options_name_the_renderer_and_its_options() -> None:
    with pytest.raises(RenderError) as caught:
        turbine.render(ARTOIS, "json", indnet=4)
    assert str(caught.value) == (
        "renderer 'json': no option 'indnet'; its options are indent, sort_keys, strategy, validate"
    )
    assert caught.value.option == "indnet"


def test_call_with_options_passes_what_the_function_takes() -> None:
    def function(obj: str, /, *, upper: bool = False) -> str:
        return obj.upper() if upper else obj

    assert call_with_options("r", function, "a", upper=True) == "A"

    def anything(obj: str, /, **options: Any) -> int:
        return len(options)

    assert call_with_options("r", anything, "a", x=1, y=2) == 2
    with pytest.raises(RenderError, match="no option 'obj'"):
        call_with_options("r", function, "a", obj="b")


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("m.png", "matrix"),
        ("M.SVG", "matrix"),
        ("dir.d/m.pdf", "matrix"),
        ("x.txt", "text"),
        ("x.md", "markdown"),
        ("x.json", "json"),
        ("x.html", "html"),
        ("x.htm", "html"),
    ],
)
def test_a_suffix_means_turbines_own_renderer(path: str, name: str) -> None:
    assert default_for_suffix(turbine.renderers.registry, path).name == name


def test_other_suffixes_go_to_the_one_renderer_that_writes_them(
    registry: RendererRegistry, tmp_path: Path
) -> None:
    with pytest.raises(RenderError, match=r"no renderer writes '\.shout' files"):
        default_for_suffix(registry, "a.shout")
    registry.register("shout", Shout())
    assert default_for_suffix(registry, "a.shout").name == "shout"
    turbine.renderers.write(ARTOIS, tmp_path / "a.shout")
    assert (tmp_path / "a.shout").read_text() == "LA TURBINE DE L'ÉCO-TRANSITION!"
    registry.register("shout-again", Shout())
    with pytest.raises(RenderError, match=r"several renderers write '\.shout' files"):
        default_for_suffix(registry, "a.shout")
    with pytest.raises(RenderError, match="suffix-less"):
        default_for_suffix(registry, "noext")


def test_write_refuses_a_suffix_the_named_renderer_cannot_write(tmp_path: Path) -> None:
    with pytest.raises(
        RenderError, match=r"cannot write '\.png' files; it writes \.json"
    ) as caught:
        turbine.renderers.write(ARTOIS, tmp_path / "a.png", "json")
    assert caught.value.path == str(tmp_path / "a.png")
    assert not (tmp_path / "a.png").exists()


def test_write_with_the_default_renderers(tmp_path: Path) -> None:
    turbine.renderers.write(ARTOIS, tmp_path / "a.json", indent=None)
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == turbine.dumps(ARTOIS, indent=None)
    turbine.renderers.write(ARTOIS, tmp_path / "a.svg")
    assert (tmp_path / "a.svg").read_bytes().startswith(b"<?xml")


def test_suffix_of() -> None:
    assert suffix_of("a/b.PNG") == ".png"
    assert suffix_of("a.tar.gz") == ".gz"
    assert suffix_of("noext") == ""


def test_looking_up_one_renderer_imports_only_that_one() -> None:
    fresh = RendererRegistry()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RendererWarning)
        fresh.get("json")
    assert set(fresh._loaded) == {"json"}


def test_turbine_render_is_the_registry_function() -> None:
    assert turbine.render is turbine.renderers.render
    (objective,) = ARTOIS.objectives
    assert isinstance(objective, Objective)
