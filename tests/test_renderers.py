"""Tests of turbine.renderers: the registry, the protocol, render() and write()."""

from __future__ import annotations

import contextlib
import copy
import re
import sys
import tempfile
import warnings
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import turbine
from turbine import Objective, RendererNotFoundError, RenderError, Strategy
from turbine.renderers import Renderer, RendererRegistry, RendererWarning
from turbine.renderers._registry import call_with_options, default_for_suffix, suffix_of

from .strategies import strategies

if TYPE_CHECKING:
    import os

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
    with pytest.raises(RendererNotFoundError):
        turbine.renderers.unregister(["matrix"])  # type: ignore[arg-type]
    assert "matrix" in turbine.renderers.available()


@pytest.mark.parametrize("name", ["matrx", "", 42, None, ["matrix"], {"matrix": 1}])
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


# -- models built in Python, with values of the wrong types -----------------------------------

_ODD_VALUES: st.SearchStrategy[object] = st.sampled_from(
    [None, 5, -1, 10**5000, 1.5, float("nan"), True, "", "x", b"x", [], ("a", 1), {"a": 1}]
)


@st.composite
def _spoiled_strategies(draw: st.DrawFn) -> tuple[Strategy, str]:
    """A valid strategy with one field of one of its values set to a value of another type.

    The field is set behind attrs' back (converters and all), as hostile code could.
    """
    strategy = copy.deepcopy(draw(strategies(max_actions=4)))
    entities: list[Any] = [strategy, strategy.territory, *strategy.typologies]
    entities += [*strategy.service_levels, *strategy.axes]
    for objective, _ in strategy.iter_objectives():
        entities.append(objective)
        for meta_action in objective.meta_actions:
            entities += [meta_action, *meta_action.actions]
    target = draw(st.sampled_from(entities))
    name = draw(st.sampled_from([f.name for f in attrs.fields(type(target))]))
    object.__setattr__(target, name, draw(_ODD_VALUES))
    return strategy, f"{type(target).__name__}.{name}"


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_spoiled_strategies(), st.sampled_from(["text", "markdown", "html", "json", "summary"]))
def test_a_value_of_the_wrong_type_is_a_turbine_error_never_a_crash(
    spoiled: tuple[Strategy, str], name: str
) -> None:
    strategy, _ = spoiled
    with contextlib.suppress(turbine.TurbineError):
        turbine.render(strategy, name)


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_spoiled_strategies())
def test_a_value_of_the_wrong_type_is_a_turbine_error_never_a_crash_in_a_figure(
    spoiled: tuple[Strategy, str],
) -> None:
    strategy, _ = spoiled
    with tempfile.TemporaryDirectory() as directory, contextlib.suppress(turbine.TurbineError):
        turbine.renderers.write(strategy, Path(directory) / "m.pdf")


# -- plugins that are not quite renderers, and where their warnings point ----------------------

_PLUGINS = """
from turbine import Strategy


class Base:
    name = "base"
    description = "a plugin of the tests"
    accepts = (Strategy,)
    returns = "text"
    suffixes = (".base",)

    def render(self, obj, /, **options):
        return "base"

    def write(self, obj, path, /, **options):
        raise NotImplementedError


class RaisingName(Base):
    @property
    def name(self):
        raise RuntimeError("no name today")


class TextSuffixes(Base):
    suffixes = ".csv"


class ListAccepts(Base):
    accepts = [Strategy]
"""


def _install(site: Path, monkeypatch: pytest.MonkeyPatch, entry_points: str) -> Path:
    """Install a distribution declaring *entry_points*, with the module of _PLUGINS."""
    info = site / "turbine_odd_plugins-1.0.dist-info"
    info.mkdir(parents=True)
    (site / "turbine_odd_plugins.py").write_text(_PLUGINS, encoding="utf-8")
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: turbine-odd-plugins\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[turbine.renderers]\n{entry_points}", encoding="utf-8")
    monkeypatch.syspath_prepend(site)
    monkeypatch.delitem(sys.modules, "turbine_odd_plugins", raising=False)
    return site


@pytest.fixture
def odd_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed distribution declaring three odd renderers."""
    return _install(
        tmp_path / "site",
        monkeypatch,
        "raising-name = turbine_odd_plugins:RaisingName\n"
        "text-suffixes = turbine_odd_plugins:TextSuffixes\n"
        "list-accepts = turbine_odd_plugins:ListAccepts\n",
    )


@pytest.fixture
def missing_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed distribution declaring a renderer whose module does not exist."""
    return _install(tmp_path / "site", monkeypatch, "missing = turbine_no_such_module:R\n")


def test_plugins_whose_members_are_wrong_are_reported_and_the_others_work(
    odd_plugins: Path,
) -> None:
    # A property that raises escaped the registry (every lookup failed); a text for suffixes
    # or a list for accepts made later calls fail (isinstance, ", ".join) far from the cause.
    registry = RendererRegistry()
    with pytest.warns(RendererWarning) as caught:
        names = registry.names()
    assert set(OURS) <= set(names)
    assert not {"raising-name", "text-suffixes", "list-accepts"} & set(names)
    warned = {
        w.message.name: str(w.message) for w in caught if isinstance(w.message, RendererWarning)
    }
    assert "failed to load: RuntimeError: no name today" in warned["raising-name"]
    assert (
        "its suffixes are not a tuple of suffixes such as ('.csv',): '.csv'"
        in (warned["text-suffixes"])
    )
    assert "its accepts is not a tuple of classes" in warned["list-accepts"]
    assert registry.get("json").render(ARTOIS) == turbine.dumps(ARTOIS)


def _warned_at(caught: pytest.WarningsRecorder) -> set[tuple[str, int]]:
    return {(Path(w.filename).name, w.lineno) for w in caught}


def test_a_plugin_that_fails_is_reported_at_the_line_that_looked_it_up(
    missing_plugin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fixed stacklevel named the caller's caller for a registry used directly, and a line
    # inside turbine for write() and default_for_suffix().
    here = Path(__file__).name

    def fresh() -> RendererRegistry:
        registry = RendererRegistry()
        monkeypatch.setattr(turbine.renderers, "registry", registry)
        return registry

    registry = fresh()
    with pytest.warns(RendererWarning) as caught, contextlib.suppress(RendererNotFoundError):
        registry.get("missing")
    assert _warned_at(caught) == {(here, sys._getframe().f_lineno - 1)}
    registry = fresh()
    with pytest.warns(RendererWarning) as caught:
        registry.names()
    assert _warned_at(caught) == {(here, sys._getframe().f_lineno - 1)}
    registry = fresh()
    with pytest.warns(RendererWarning) as caught:
        list(registry)
    assert _warned_at(caught) == {(here, sys._getframe().f_lineno - 1)}
    registry = fresh()
    default_for_suffix(registry, "a.json")  # turbine's own: no other plugin is loaded
    with pytest.warns(RendererWarning) as caught, contextlib.suppress(RenderError):
        default_for_suffix(registry, "a.base")  # looked for among all of them
    assert _warned_at(caught) == {(here, sys._getframe().f_lineno - 1)}
    fresh()
    with pytest.warns(RendererWarning) as caught, contextlib.suppress(RenderError):
        turbine.renderers.write(ARTOIS, "a.nothing-writes-this")
    assert _warned_at(caught) == {(here, sys._getframe().f_lineno - 1)}
    fresh()
    with pytest.warns(RendererWarning) as caught:
        turbine.renderers.available()
    assert _warned_at(caught) == {(here, sys._getframe().f_lineno - 1)}


@pytest.mark.parametrize(
    ("member", "value", "message"),
    [
        ("suffixes", ".shout", "its suffixes are not a tuple of suffixes"),
        ("suffixes", ("shout",), "its suffixes are not a tuple of suffixes"),
        ("accepts", Strategy, "its accepts is not a tuple of classes"),
        ("name", None, "its name is not a text"),
        ("render", "render", "its render is not callable"),
    ],
)
def test_register_refuses_members_of_the_wrong_types(
    registry: RendererRegistry, member: str, value: Any, message: str
) -> None:
    renderer = Shout()
    setattr(renderer, member, value)
    with pytest.raises(TypeError, match=re.escape(message)):
        turbine.renderers.register("odd", renderer)
    assert "odd" not in turbine.renderers.available()


def test_a_renderer_registered_under_another_name_is_found_by_that_name(
    registry: RendererRegistry, tmp_path: Path
) -> None:
    turbine.renderers.register("loud", Shout())
    assert turbine.render(ARTOIS, "loud") == "LA TURBINE DE L'ÉCO-TRANSITION!"
    turbine.renderers.register("louder", Shout())
    # The names given are the ones to name: "shout" is the renderers' own, registered nowhere.
    with pytest.raises(
        RenderError, match=r"several renderers write '\.shout' files \(loud, louder\)"
    ):
        turbine.renderers.write(ARTOIS, tmp_path / "a.shout")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: attrs.evolve(
                s, service_levels=[attrs.evolve(s.service_levels[0], code=10**5000)]
            ),
            (
                "$.service_levels[0].code: a whole number of at most 4,000 digits is expected, "
                "not a whole number of about 5,000 digits"
            ),
        ),
        (
            lambda s: attrs.evolve(s, provenance={"source": "S"}),
            "$.provenance: a Provenance is expected, not an object",
        ),
        (
            lambda s: attrs.evolve(s, territory=turbine.Territory(name=5)),  # type: ignore[arg-type]
            "$.territory.name: a text is expected, not a whole number (5)",
        ),
    ],
)
def test_the_strategys_own_fields_are_checked_too(change: Any, message: str) -> None:
    spoiled = change(ARTOIS)
    for name in ("text", "markdown", "html", "summary", "matrix"):
        with pytest.raises(RenderError, match=re.escape(message)):
            turbine.render(spoiled, name)
    # Given as the strategy of an objective, it is checked as well: its legend is drawn.
    with pytest.raises(RenderError, match=re.escape("strategy " + message)):
        turbine.render(ARTOIS.objectives[0], "text", strategy=spoiled)


def test_a_container_that_is_not_a_tuple_is_named() -> None:
    (objective,) = ARTOIS.objectives
    meta_action = copy.deepcopy(objective.meta_actions[0])
    object.__setattr__(meta_action, "typologies", "policy-makers")  # behind attrs' back
    spoiled = attrs.evolve(objective, meta_actions=[meta_action])
    with pytest.raises(RenderError, match=r"\$\.meta_actions\[0\]\.typologies: a tuple is"):
        turbine.render(spoiled, "text")


def test_a_package_declaring_one_of_turbines_names_is_reported_and_turbines_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ahead of turbine on sys.path, another package declares "json": turbine's stays.
    _install(tmp_path / "one", monkeypatch, "json = turbine_odd_plugins:Base\n")
    with pytest.warns(RendererWarning, match="two packages declare a renderer named 'json'") as w:
        renderer = RendererRegistry().get("json")
    assert {Path(warning.filename).name for warning in w} == {Path(__file__).name}
    assert "using turbine.renderers._json:JsonRenderer in turbine " in str(w[0].message)
    assert renderer.render(ARTOIS) == turbine.dumps(ARTOIS)


def test_matrix_table_refuses_an_unknown_choice_of_actions() -> None:
    (objective,) = ARTOIS.objectives
    with pytest.raises(RenderError, match="actions must be one of") as caught:
        turbine.renderers.matrix_table(objective, actions="some")  # type: ignore[arg-type]
    assert caught.value.option == "actions"
