"""Tests of turbine.renderers._network: the actor network, checked on what matplotlib drew."""

from __future__ import annotations

import io
import itertools
import pickle
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

import attrs
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

import turbine
from turbine import (
    Action,
    Actor,
    Involvement,
    MetaAction,
    Objective,
    RenderError,
    Strategy,
    UnknownIdError,
)
from turbine.graph import actor_measures, actor_projection
from turbine.renderers import Renderer
from turbine.renderers._matrix import _font
from turbine.renderers._network import (
    _ASPECT,
    NetworkLayout,
    NetworkRenderer,
    layout_network,
    network_figure,
    plot_network,
    write_network,
)

from .strategies import strategies

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matplotlib.axes import Axes
    from matplotlib.legend import Legend

ARTOIS = turbine.examples.load("artois")
(OBJECTIVE,) = ARTOIS.objectives
# A strategy with axes, several objectives, components and isolated actors.
SYNTHETIC = turbine.examples.synthetic(
    n_actions=60, n_actors=40, n_objectives=4, objectives_per_axis=2, seed=3
)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def registered() -> Iterator[None]:
    """The renderer registered under its name, as the entry point declares it."""
    turbine.renderers.register("network", NetworkRenderer())
    yield
    turbine.renderers.unregister("network")


def _layout(obj: Any = ARTOIS, **options: Any) -> NetworkLayout:
    """The layout network_figure draws for these options (a figure of its natural size)."""
    return layout_network(obj, aspect=_ASPECT, **options)


def _collections(fig: Figure | Axes) -> dict[str, PathCollection]:
    return {
        str(c.get_gid()).removeprefix("nodes:"): c
        for c in fig.findobj(PathCollection)
        if str(c.get_gid()).startswith("nodes:")
    }


def _offsets(collection: PathCollection) -> np.ndarray:
    return np.asarray(collection.get_offsets())


def _colours(collection: PathCollection) -> set[str]:
    return {to_hex(tuple(c)) for c in np.asarray(collection.get_facecolor())}


def _drawn_nodes(fig: Figure | Axes, layout: NetworkLayout) -> dict[str, tuple[str, float]]:
    """Each actor drawn: its node, with the typology of its collection and its area."""
    at = {(round(n.x, 9), round(n.y, 9)): n.node for n in layout.nodes}
    drawn: dict[str, tuple[str, float]] = {}
    for typology, collection in _collections(fig).items():
        offsets = _offsets(collection)
        sizes = collection.get_sizes()
        assert len(sizes) == len(offsets)
        for (x, y), size in zip(offsets, sizes, strict=True):
            node = at[round(float(x), 9), round(float(y), 9)]
            assert node not in drawn, f"{node} is drawn twice"
            drawn[node] = (typology, float(size))
    return drawn


def _labels(fig: Figure | Axes) -> dict[str, Annotation]:
    return {
        str(text.get_gid()).removeprefix("label:"): text
        for text in fig.findobj(Annotation)
        if str(text.get_gid()).startswith("label:")
    }


def _by_gid(fig: Figure, gid: str) -> Text:
    (found,) = [t for t in fig.findobj(Text) if t.get_gid() == gid]
    return found


def _drawn(fig: Figure) -> RendererAgg:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    return canvas.get_renderer()  # type: ignore[no-untyped-call, no-any-return]


def _legend_entries(fig: Figure) -> dict[str, Any]:
    (legend,) = [legend for ax in fig.axes if (legend := ax.get_legend()) is not None]
    texts = [" ".join(t.get_text().split()) for t in legend.get_texts()]
    return dict(zip(texts, legend.legend_handles, strict=True))


def _with_actors(actors: list[tuple[str, str]], actions: list[list[str]]) -> Strategy:
    """Artois with only these actors (id, typology) and one objective of these actions."""
    return attrs.evolve(
        ARTOIS,
        actors=[Actor(id=a, name=a.upper(), typology=t) for a, t in actors],
        axes=(),
        objectives=[
            Objective(
                id="o",
                title="O",
                meta_actions=[
                    MetaAction(
                        id="m",
                        title="M",
                        typologies=["policy-makers"],
                        level=1,
                        actions=[
                            Action(
                                id=f"x{i}",
                                title=f"X{i}",
                                actors=[Involvement(actor=a, role="partner") for a in members],
                            )
                            for i, members in enumerate(actions)
                        ],
                    )
                ],
            )
        ],
    )


# -- what is drawn ----------------------------------------------------------------------------


def test_every_actor_is_drawn_once_in_its_typology_colour_and_marker() -> None:
    fig = network_figure(ARTOIS, lang="en")
    layout = _layout(lang="en")
    drawn = _drawn_nodes(fig, layout)
    assert set(drawn) == {f"actor:{actor.id}" for actor in ARTOIS.actors}
    typology_of = {f"actor:{a.id}": a.typology for a in ARTOIS.actors}
    assert {node: t for node, (t, _) in drawn.items()} == typology_of
    # The typologies' own colours (Okabe and Ito's), as the matrix uses them; a marker each.
    colours = {t.id: t.color for t in ARTOIS.typologies}
    markers = set()
    for typology, collection in _collections(fig).items():
        assert _colours(collection) == {colours[typology]}
        markers.add(next(t.marker for t in layout.typologies if t.id == typology))
    assert len(markers) == len(ARTOIS.typologies)


def test_the_legend_shows_each_typology_in_its_colour_and_marker() -> None:
    fig = network_figure(ARTOIS, lang="en")
    entries = _legend_entries(fig)
    layout = _layout(lang="en")
    for typology in ARTOIS.typologies:
        count = sum(actor.typology == typology.id for actor in ARTOIS.actors)
        handle = entries[f"{typology.label['en']} ({count})"]
        assert to_hex(handle.get_markerfacecolor()) == typology.color
        drawn = next(t for t in layout.typologies if t.id == typology.id)
        assert handle.get_marker() == drawn.marker
        # The legend's marker is the one the collection draws.
        collection = _collections(fig)[typology.id]
        assert _colours(collection) == {to_hex(handle.get_markerfacecolor())}
    assert _legend(fig).get_title().get_text() == "The Turbine's actors"
    assert "Les acteurs de la Turbine" in _legend_entries_title(network_figure(ARTOIS))


def _legend(fig: Figure) -> Legend:
    (legend,) = [legend for ax in fig.axes if (legend := ax.get_legend()) is not None]
    return legend


def _legend_texts(fig: Figure) -> list[Text]:
    legend = _legend(fig)
    return [legend.get_title(), *legend.get_texts()]


def _legend_entries_title(fig: Figure) -> str:
    return str(_legend(fig).get_title().get_text())


def test_node_areas_grow_with_the_number_of_ties() -> None:
    fig = network_figure(ARTOIS)
    layout = _layout()
    drawn = _drawn_nodes(fig, layout)
    degree = {node.node: node.degree for node in layout.nodes}
    projection = actor_projection(ARTOIS)
    assert degree == dict(projection.degree())
    for first, second in itertools.combinations(drawn, 2):
        if degree[first] < degree[second]:
            assert drawn[first][1] < drawn[second][1]
        elif degree[first] == degree[second]:
            assert drawn[first][1] == pytest.approx(drawn[second][1])
    # The legend's size keys are the areas of actors with those numbers of ties.
    entries = _legend_entries(fig)
    for node in layout.nodes:
        key = entries.get(f"{node.degree} lien" if node.degree <= 1 else f"{node.degree} liens")
        if key is not None:
            assert key.get_markersize() ** 2 == pytest.approx(drawn[node.node][1])


def test_isolated_actors_are_small_but_visible() -> None:
    strategy = _with_actors(
        [("a", "policy-makers"), ("b", "inhabitants"), ("c", "supporters")], [["a", "b"]]
    )
    fig = network_figure(strategy)
    drawn = _drawn_nodes(fig, _layout(strategy))
    assert 0 < drawn["actor:c"][1] < drawn["actor:a"][1]
    assert drawn["actor:c"][1] >= 3.5**2


@pytest.mark.parametrize("weight", turbine.graph.WEIGHTS)
def test_edges_join_their_actors_and_widen_with_the_weight(weight: Any) -> None:
    fig = network_figure(SYNTHETIC, weight=weight)
    layout = _layout(SYNTHETIC, weight=weight)
    (edges,) = [c for c in fig.findobj(LineCollection) if c.get_gid() == "edges"]
    widths = list(np.atleast_1d(edges.get_linewidth()))
    segments = edges.get_segments()
    assert len(segments) == len(layout.edges) == len(widths)
    expected = actor_projection(SYNTHETIC, weight=weight)
    assert {frozenset((e.source, e.target)) for e in layout.edges} == {
        frozenset(edge) for edge in expected.edges()
    }
    position = {node.node: (node.x, node.y) for node in layout.nodes}
    for edge, segment, width in zip(layout.edges, segments, widths, strict=True):
        assert edge.weight == pytest.approx(expected.edges[edge.source, edge.target]["weight"])
        assert [tuple(point) for point in segment] == [
            position[edge.source],
            position[edge.target],
        ]
        assert width > 0
    pairs = itertools.combinations(zip(layout.edges, widths, strict=True), 2)
    for (first, w1), (second, w2) in pairs:
        if first.weight < second.weight:
            assert w1 < w2
        elif first.weight == second.weight:
            assert w1 == pytest.approx(w2)
    assert 0 < edges.get_alpha() < 1  # type: ignore[operator]


def test_the_most_central_actors_are_named_and_only_they() -> None:
    measures = actor_measures(ARTOIS)
    ranked = sorted(measures, key=lambda m: (-round(m.betweenness, 9), -m.ties, m.id))
    for count in (0, 3, 10, 50):
        fig = network_figure(ARTOIS, labels=count)
        labels = _labels(fig)
        assert set(labels) == {m.id for m in ranked[:count]}
        names = {actor.id: actor.name for actor in ARTOIS.actors}
        for actor, text in labels.items():
            assert " ".join(text.get_text().split()) == names[actor]
            # Readable over ties and actors: a white halo; and drawn as written.
            assert text.get_path_effects()
            assert not text.get_parse_math()
            assert text.get_zorder() > 2


def test_ties_in_centrality_go_to_the_degree_then_the_id() -> None:
    # c brokers between the triangle c, y, z and a; y and z have two ties each, a only one.
    strategy = _with_actors(
        [("z", "policy-makers"), ("y", "policy-makers"), ("c", "supporters"), ("a", "inhabitants")],
        [["z", "y", "c"], ["c", "a"]],
    )
    named = [
        {node.id for node in _layout(strategy, labels=count).nodes if node.label}
        for count in (1, 2, 3, 4)
    ]
    assert named == [{"c"}, {"c", "y"}, {"c", "y", "z"}, {"a", "c", "y", "z"}]


def test_long_names_are_wrapped_and_shortened_and_names_do_not_overlap() -> None:
    long = "Association intercommunale pour le développement durable " * 4
    actors = [
        attrs.evolve(ARTOIS.actors[0], name=long),
        attrs.evolve(ARTOIS.actors[1], name="W" * 200),
        *ARTOIS.actors[2:],
    ]
    fig = network_figure(attrs.evolve(ARTOIS, actors=actors), labels=11)
    labels = _labels(fig)
    font = _font(8)
    for actor in actors[:2]:
        lines = labels[actor.id].get_text().split("\n")
        assert len(lines) == 2
        assert lines[1].endswith("\N{HORIZONTAL ELLIPSIS}")
        assert all(font.width(line) <= 110 for line in lines)
    renderer = _drawn(fig)
    boxes = {name: label.get_window_extent(renderer) for name, label in labels.items()}
    for (first, box1), (second, box2) in itertools.combinations(boxes.items(), 2):
        assert not box1.overlaps(box2), f"{first} overlaps {second}"
    page = fig.bbox
    for name, box in boxes.items():
        assert page.x0 <= box.x0, name
        assert box.x1 <= page.x1, name
        assert page.y0 <= box.y0, name
        assert box.y1 <= page.y1, name


def test_title_subtitle_and_legend_stay_inside_the_figure_and_apart() -> None:
    for fig in (network_figure(ARTOIS), network_figure(SYNTHETIC, lang="en", labels=5)):
        renderer = _drawn(fig)
        texts = [_by_gid(fig, "title"), _by_gid(fig, "subtitle"), *_legend_texts(fig)]
        texts = [text for text in texts if text.get_text()]
        boxes = [(text.get_text()[:20], text.get_window_extent(renderer)) for text in texts]
        for name, box in boxes:
            assert fig.bbox.x0 <= box.x0, name
            assert box.x1 <= fig.bbox.x1, name
            assert fig.bbox.y0 <= box.y0, name
            assert box.y1 <= fig.bbox.y1, name
        for (first, box1), (second, box2) in itertools.combinations(boxes, 2):
            assert not box1.overlaps(box2), f"{first} overlaps {second}"


def test_the_title_is_the_strategys_and_the_subtitle_says_what_is_drawn() -> None:
    fig = network_figure(ARTOIS, lang="en", level=2)
    assert _by_gid(fig, "title").get_text() == ARTOIS.title
    subtitle = " ".join(_by_gid(fig, "subtitle").get_text().split())
    level = ARTOIS.service_level(2).label["en"]
    projection = actor_projection(ARTOIS, level=2)
    ties = projection.number_of_edges()
    assert subtitle == (
        f"Actor network, tied by the actions they share · level 2: {level} · "
        f"{len(projection)} actors, {ties} ties"
    )
    french = _by_gid(network_figure(ARTOIS, weight="jaccard"), "subtitle").get_text()
    assert "poids\u00a0: jaccard" in french  # French spacing, and no line break there
    assert " ".join(french.split()).endswith("11 acteurs, 17 liens")


# -- filters, axes and objectives ---------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [{"level": 1}, {"level": 2}, {"level": 3}, {"objective": "objective-1"}, {}],
)
def test_level_and_objective_filters_change_the_ties_drawn(options: dict[str, Any]) -> None:
    layout = _layout(SYNTHETIC, **options)
    expected = actor_projection(SYNTHETIC, **options)
    assert {frozenset((e.source, e.target)) for e in layout.edges} == {
        frozenset(edge) for edge in expected.edges()
    }
    # Every actor is drawn, tied or not, unless isolates=False.
    assert len(layout.nodes) == len(SYNTHETIC.actors)
    hidden = _layout(SYNTHETIC, isolates=False, **options)
    assert {n.node for n in hidden.nodes} == {n for n in expected if expected.degree(n) > 0}


def test_filters_differ_from_the_whole() -> None:
    whole = _layout(SYNTHETIC)
    level = _layout(SYNTHETIC, level=1)
    assert len(level.edges) < len(whole.edges)


def _pairs_of(objectives: list[Objective]) -> set[frozenset[str]]:
    pairs = set()
    for objective in objectives:
        for meta_action in objective.meta_actions:
            for action in meta_action.actions:
                actors = {f"actor:{i.actor}" for i in action.actors}
                pairs |= {frozenset(pair) for pair in itertools.combinations(sorted(actors), 2)}
    return pairs


def test_an_axis_or_an_objective_draws_its_own_actions_with_the_strategys_actors() -> None:
    axis = SYNTHETIC.axes[1]
    layout = _layout(axis, strategy=SYNTHETIC, lang="en")
    assert {frozenset((e.source, e.target)) for e in layout.edges} == _pairs_of(
        list(axis.objectives)
    )
    assert len(layout.nodes) == len(SYNTHETIC.actors)
    assert f"axis “{axis.title}”" in layout.subtitle
    objective = axis.objectives[0]
    layout = _layout(objective, strategy=SYNTHETIC, lang="en")
    assert {frozenset((e.source, e.target)) for e in layout.edges} == _pairs_of([objective])
    assert f"axis “{axis.title}”" in layout.subtitle
    assert f"objective “{objective.title}”" in layout.subtitle
    # As the objective filter on the whole strategy.
    filtered = _layout(SYNTHETIC, objective=objective.id)
    assert [(e.source, e.target, e.weight) for e in filtered.edges] == [
        (e.source, e.target, e.weight) for e in _layout(objective, strategy=SYNTHETIC).edges
    ]
    # Within an axis, the objective filter names one of its objectives.
    inside = _layout(axis, strategy=SYNTHETIC, objective=objective.id)
    assert len(inside.edges) == len(filtered.edges)
    with pytest.raises(UnknownIdError):
        _layout(axis, strategy=SYNTHETIC, objective=SYNTHETIC.axes[0].objectives[0].id)


def test_an_objective_outside_axes_draws_as_its_strategy_filtered_to_it() -> None:
    layout = _layout(OBJECTIVE, strategy=ARTOIS, lang="en")
    assert layout.edges == _layout(ARTOIS, lang="en").edges  # its only objective
    assert "axis" not in layout.subtitle
    assert f"objective “{OBJECTIVE.title}”" in layout.subtitle


def test_an_objective_without_its_strategy_has_no_actors_to_draw() -> None:
    with pytest.raises(RenderError, match="pass the strategy it belongs to") as caught:
        network_figure(OBJECTIVE)
    assert caught.value.option == "strategy"
    assert caught.value.renderer == "network"


# -- odd networks -----------------------------------------------------------------------------


def _no_involvements(strategy: Strategy) -> Strategy:
    return attrs.evolve(
        strategy,
        objectives=[
            attrs.evolve(
                o,
                meta_actions=[
                    attrs.evolve(m, actions=[attrs.evolve(a, actors=()) for a in m.actions])
                    for m in o.meta_actions
                ],
            )
            for o in strategy.objectives
        ],
    )


def test_a_strategy_without_actors_is_an_empty_figure_with_a_note(tmp_path: Path) -> None:
    empty = attrs.evolve(_no_involvements(ARTOIS), actors=())
    fig = network_figure(empty, lang="en")
    assert _collections(fig) == {}
    assert _by_gid(fig, "note").get_text() == "No actor to draw"
    assert " ".join(_by_gid(fig, "subtitle").get_text().split()).endswith("0 actors, 0 ties")
    write_network(empty, tmp_path / "empty.png", dpi=50)
    assert (tmp_path / "empty.png").read_bytes().startswith(b"\x89PNG")
    ax = plot_network(attrs.evolve(ARTOIS, actors=(), axes=(), objectives=()))
    assert ax.texts


def test_a_strategy_without_ties_draws_its_actors_or_a_note() -> None:
    lonely = _no_involvements(ARTOIS)
    fig = network_figure(lonely)
    drawn = _drawn_nodes(fig, _layout(lonely))
    assert len(drawn) == len(ARTOIS.actors)
    assert not [c for c in fig.findobj(LineCollection) if c.get_gid() == "edges"]
    assert len(_labels(fig)) == 10  # by id, as nobody is more central than another
    fig = network_figure(lonely, isolates=False, lang="en")
    assert _collections(fig) == {}
    assert _by_gid(fig, "note").get_text().startswith("No tie to draw")
    subtitle = " ".join(_by_gid(fig, "subtitle").get_text().split())
    assert subtitle.endswith("(11 actors without ties hidden)")


def test_isolated_actors_can_be_hidden() -> None:
    strategy = _with_actors(
        [("a", "policy-makers"), ("b", "inhabitants"), ("c", "supporters"), ("d", "supporters")],
        [["a", "b"], ["c"]],
    )
    shown = network_figure(strategy)
    assert set(_drawn_nodes(shown, _layout(strategy))) == {f"actor:{x}" for x in "abcd"}
    hidden = network_figure(strategy, isolates=False)
    assert set(_drawn_nodes(hidden, _layout(strategy, isolates=False))) == {"actor:a", "actor:b"}
    subtitle = " ".join(_by_gid(hidden, "subtitle").get_text().split())
    assert subtitle.endswith("2 acteurs, 1 lien (2 acteurs sans lien masqués)")
    # The legend still counts the typologies' drawn actors.
    entries = _legend_entries(hidden)
    assert any(text.endswith("(0)") for text in entries if text)


def test_components_and_isolated_actors_do_not_overlap() -> None:
    strategy = turbine.examples.synthetic(n_actions=60, n_actors=90, seed=5)
    layout = _layout(strategy)
    parent = {node.node: node.node for node in layout.nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            node = parent[node]
        return node

    for edge in layout.edges:
        parent[root(edge.source)] = root(edge.target)
    groups: dict[str, list[tuple[float, float]]] = {}
    for node in layout.nodes:
        groups.setdefault(root(node.node), []).append((node.x, node.y))
    assert len(groups) > 3  # several components, and isolated actors
    boxes = [
        (min(x for x, _ in g), min(y for _, y in g), max(x for x, _ in g), max(y for _, y in g))
        for g in groups.values()
    ]
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]
    # Largest first: the largest component is in the top row.
    largest = max(groups.values(), key=len)
    assert max(y for _, y in largest) == max(node.y for node in layout.nodes)
    assert all(0 <= n.x <= layout.width and -layout.height <= n.y <= 0 for n in layout.nodes)


def test_a_few_hundred_actors_are_drawn() -> None:
    strategy = turbine.examples.synthetic(n_actions=750, n_actors=300, seed=1)
    fig = network_figure(strategy)
    assert sum(len(_offsets(c)) for c in _collections(fig).values()) == 300
    assert len(_labels(fig)) == 10
    fig.savefig(io.BytesIO(), format="png", dpi=40)


# -- reproducibility ----------------------------------------------------------------------------


def test_the_layout_is_the_same_on_every_run_and_changes_with_the_seed() -> None:
    first = _layout(SYNTHETIC)
    assert _layout(SYNTHETIC) == first
    other = _layout(SYNTHETIC, seed=1)
    assert [(n.x, n.y) for n in other.nodes] != [(n.x, n.y) for n in first.nodes]
    assert _layout(SYNTHETIC, seed=-(2**70)) == _layout(SYNTHETIC, seed=-(2**70))


def test_svg_and_pdf_are_byte_identical_from_one_run_to_the_next(tmp_path: Path) -> None:
    for kind in ("svg", "pdf"):
        write_network(SYNTHETIC, tmp_path / f"a.{kind}")
        write_network(SYNTHETIC, tmp_path / f"b.{kind}")
        assert (tmp_path / f"a.{kind}").read_bytes() == (tmp_path / f"b.{kind}").read_bytes()
    svg = (tmp_path / "a.svg").read_bytes()
    assert b"<dc:date>" not in svg
    assert b'id="nodes:policy-makers"' in svg
    assert b'id="edges"' in svg
    assert re.search(rb'id="label:actor-\d+"', svg)


def test_a_figure_saved_again_gives_the_same_bytes() -> None:
    # Constrained layout, run at each draw, moved the Axes by a last bit from one save to the
    # next: the figure keeps the layout its names were placed for.
    fig = network_figure(ARTOIS)
    saved = set()
    with mpl.rc_context({"svg.hashsalt": "turbine"}):
        for _ in range(3):
            buffer = io.BytesIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
            saved.add(buffer.getvalue())
    assert len(saved) == 1
    assert not fig.get_constrained_layout()


def test_svg_is_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    code = (
        "import sys, turbine; from turbine.renderers._network import write_network; "
        "write_network(turbine.examples.synthetic(n_actions=60, n_actors=40, seed=3), sys.argv[1])"
    )
    for seed, name in (("1", "a.svg"), ("2", "b.svg")):
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / name)],
            check=True,
            env={"PYTHONHASHSEED": seed, "MPLBACKEND": "agg", "PATH": ""},
        )
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


# -- the matplotlib way -------------------------------------------------------------------------


def test_plot_network_draws_into_the_given_axes_and_returns_it() -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 6))
    before = plt.get_fignums()
    returned = plot_network(ARTOIS, ax=right, lang="en")
    assert returned is right
    assert plt.get_fignums() == before
    assert not left.collections
    assert _collections(right)
    assert right.get_legend() is not None
    fig.savefig(io.BytesIO(), format="png", dpi=40)


def test_plot_network_makes_a_figure_as_tall_as_the_network_needs() -> None:
    ax = plot_network(ARTOIS)
    fig = ax.figure
    assert isinstance(fig, Figure)
    assert plt.get_fignums() == [fig.number]
    width, height = fig.get_size_inches()
    assert width == 8
    assert 4.8 <= height <= 11.3
    ax = plot_network(ARTOIS, figsize=(5, 5))
    assert tuple(ax.figure.get_size_inches()) == (5, 5)  # type: ignore[union-attr]


def test_plot_network_never_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    def show(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("plt.show() was called")

    monkeypatch.setattr(plt, "show", show)
    plot_network(ARTOIS)
    network_figure(ARTOIS)


def test_figures_for_files_stay_out_of_pyplot() -> None:
    network_figure(SYNTHETIC)
    NetworkRenderer().render(ARTOIS)
    assert plt.get_fignums() == []


def test_plot_network_in_a_subfigure() -> None:
    fig = plt.figure(figsize=(10, 5), layout="constrained")
    subfigures: Any = fig.subfigures(1, 2)
    ax = plot_network(ARTOIS, ax=subfigures[1].add_subplot())
    assert _collections(ax)
    fig.savefig(io.BytesIO(), format="png", dpi=40)


def test_an_axes_of_no_size_draws_without_error() -> None:
    fig = Figure()
    plot_network(ARTOIS, ax=fig.add_axes((0, 0, 0, 0)))
    fig.savefig(io.BytesIO(), format="png", dpi=30)


def test_a_figure_of_the_network_still_pickles(tmp_path: Path) -> None:
    fig = network_figure(ARTOIS)
    again = pickle.loads(pickle.dumps(fig))  # noqa: S301 - our own bytes
    again.savefig(tmp_path / "n.svg")
    assert len(_labels(again)) == 10


# -- options ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"lang": "de"}, "lang"),
        ({"weight": "heavy"}, "weight"),
        ({"level": "2"}, "level"),
        ({"level": True}, "level"),
        ({"objective": 5}, "objective"),
        ({"labels": -1}, "labels"),
        ({"labels": True}, "labels"),
        ({"labels": 2.5}, "labels"),
        ({"seed": "0"}, "seed"),
        ({"isolates": "yes"}, "isolates"),
        ({"strategy": "artois"}, "strategy"),
        ({"figsize": (0, 4)}, "figsize"),
        ({"figsize": "big"}, "figsize"),
        ({"ax": "left"}, "ax"),
    ],
)
def test_bad_option_values_are_refused_by_name(options: dict[str, Any], option: str) -> None:
    before = plt.get_fignums()
    with pytest.raises(RenderError) as caught:
        plot_network(ARTOIS, **options)
    assert caught.value.option == option
    assert caught.value.renderer == "network"
    assert plt.get_fignums() == before  # no empty figure left behind
    if option != "ax":
        with pytest.raises(RenderError) as caught:
            NetworkRenderer().render(ARTOIS, **options)
        assert caught.value.option == option


@pytest.mark.parametrize("options", [{"level": 99}, {"objective": "nope"}])
def test_unknown_ids_are_unknown_id_errors(options: dict[str, Any]) -> None:
    # The command line reports these as usage errors (exit 2), with suggestions.
    with pytest.raises(UnknownIdError):
        network_figure(ARTOIS, **options)
    assert plt.get_fignums() == []


def test_unknown_options_are_refused_with_the_list_of_options() -> None:
    with pytest.raises(RenderError, match="no option 'actions'; its options are figsize, isolates"):
        NetworkRenderer().render(ARTOIS, actions="all")
    with pytest.raises(RenderError, match="no option 'palette'"):
        NetworkRenderer().write(ARTOIS, "x.png", palette="greys")


def test_values_of_the_wrong_type_are_refused_with_their_place() -> None:
    actor = attrs.evolve(ARTOIS.actors[2], name=None)  # type: ignore[arg-type]
    strategy = attrs.evolve(ARTOIS, actors=[*ARTOIS.actors[:2], actor, *ARTOIS.actors[3:]])
    with pytest.raises(RenderError, match=r"\$\.actors\[2\]\.name: a text is expected") as caught:
        network_figure(strategy)
    assert caught.value.renderer == "network"
    many = attrs.evolve(
        ARTOIS,
        actors=[attrs.evolve(a, id=1, name=2) for a in ARTOIS.actors],  # type: ignore[arg-type]
    )
    with pytest.raises(RenderError, match=r"and 12 more"):
        network_figure(many)
    with pytest.raises(RenderError, match=r"\$\.title: a text"):
        network_figure(attrs.evolve(ARTOIS, title=None))  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="not list"):
        network_figure([ARTOIS])  # type: ignore[arg-type]


# -- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")]
)
def test_files_of_each_kind(tmp_path: Path, kind: str, magic: bytes) -> None:
    write_network(ARTOIS, tmp_path / f"n.{kind}", dpi=50)
    assert (tmp_path / f"n.{kind}").read_bytes().startswith(magic)


def test_png_is_the_figure_at_the_asked_resolution(tmp_path: Path) -> None:
    write_network(ARTOIS, tmp_path / "n.png", dpi=50, figsize=(6, 4))
    image = plt.imread(tmp_path / "n.png")
    assert image.shape[:2] == (200, 300)


def test_pdf_is_one_page(tmp_path: Path) -> None:
    write_network(SYNTHETIC, tmp_path / "n.pdf")
    data = (tmp_path / "n.pdf").read_bytes()
    assert len(re.findall(rb"/Type /Page\b(?!s)", data)) == 1


@pytest.mark.parametrize("name", ["n.gif", "n"])
def test_unknown_suffixes_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(RenderError, match=r"writes \.png, \.svg and \.pdf") as caught:
        write_network(ARTOIS, tmp_path / name)
    assert caught.value.path == str(tmp_path / name)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("dpi", [0, 5000, True, "high"])
def test_bad_dpi_is_refused(tmp_path: Path, dpi: Any) -> None:
    with pytest.raises(RenderError, match="dpi") as caught:
        write_network(ARTOIS, tmp_path / "n.png", dpi=dpi)
    assert caught.value.option == "dpi"


def test_a_png_too_large_says_to_write_pdf(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"too large for a PNG image.*\.pdf") as caught:
        write_network(ARTOIS, tmp_path / "n.png", figsize=(40, 40), dpi=1200)
    assert caught.value.option == "dpi"
    assert not (tmp_path / "n.png").exists()


def test_writing_does_not_leave_rc_params_changed(tmp_path: Path) -> None:
    before = dict(mpl.rcParams)
    write_network(ARTOIS, tmp_path / "n.svg")
    assert dict(mpl.rcParams) == before


def test_files_keep_the_figures_size_whatever_savefig_rc_params_say(tmp_path: Path) -> None:
    with mpl.rc_context({"savefig.bbox": "tight", "savefig.pad_inches": 0.5}):
        write_network(ARTOIS, tmp_path / "n.png", dpi=20, figsize=(5, 4))
    assert plt.imread(tmp_path / "n.png").shape[:2] == (80, 100)


# -- hostile text -------------------------------------------------------------------------------

_BAD = "\N{REPLACEMENT CHARACTER}"


def test_dollars_controls_and_invisible_characters_are_drawn_safely(tmp_path: Path) -> None:
    names = ["$5M to $10M", "a\x1bb", "c\x00d\ud800", "e\ufefff", "\\frac{a}{b}", "^{x}_{y}"]
    actors = [
        attrs.evolve(actor, name=name, id=f"{actor.id}\x07")
        for actor, name in zip(ARTOIS.actors, names, strict=False)
    ]
    involved = {a.id: f"{a.id}\x07" for a in ARTOIS.actors[: len(names)]}
    objective = attrs.evolve(
        OBJECTIVE,
        meta_actions=[
            attrs.evolve(
                m,
                actions=[
                    attrs.evolve(
                        a,
                        actors=[
                            attrs.evolve(i, actor=involved.get(i.actor, i.actor)) for i in a.actors
                        ],
                    )
                    for a in m.actions
                ],
            )
            for m in OBJECTIVE.meta_actions
        ],
    )
    strategy = attrs.evolve(
        ARTOIS,
        title="Budget $5M \\alpha\x1b",
        actors=[*actors, *ARTOIS.actors[len(names) :]],
        objectives=[objective],
    )
    fig = network_figure(strategy, labels=11)
    labels = {text.get_text() for text in _labels(fig).values()}
    assert {
        "$5M to $10M",
        f"a{_BAD}b",
        f"c{_BAD}d{_BAD}",
        "ef",
        "\\frac{a}{b}",
        "^{x}_{y}",
    } <= labels
    assert _by_gid(fig, "title").get_text() == f"Budget $5M \\alpha{_BAD}"
    ours = [_by_gid(fig, "title"), _by_gid(fig, "subtitle"), *_legend_texts(fig)]
    assert not any(text.get_parse_math() for text in [*ours, *_labels(fig).values()])
    write_network(strategy, tmp_path / "n.svg")
    svg = ET.fromstring((tmp_path / "n.svg").read_bytes())  # noqa: S314 - our own file
    ids = {element.get("id") for element in svg.iter()}
    assert f"label:{ARTOIS.actors[0].id}{_BAD}" in ids
    write_network(strategy, tmp_path / "n.pdf")
    write_network(strategy, tmp_path / "n.png", dpi=30)


def test_typology_names_are_drawn_as_written_in_the_legend() -> None:
    typologies = [
        attrs.evolve(ARTOIS.typologies[0], label={"fr": "Élus à $1"}),
        *ARTOIS.typologies[1:],
    ]
    fig = network_figure(attrs.evolve(ARTOIS, typologies=typologies))
    assert "Élus à $1 (2)" in _legend_entries(fig)
    fig.savefig(io.BytesIO(), format="png", dpi=30)


def test_typologies_without_a_colour_or_undeclared_get_distinct_colours_and_markers() -> None:
    bare = [attrs.evolve(t, color=None) for t in ARTOIS.typologies]
    ghost = attrs.evolve(ARTOIS.actors[0], typology="ghost")
    strategy = attrs.evolve(ARTOIS, typologies=bare, actors=[ghost, *ARTOIS.actors[1:]])
    layout = _layout(strategy)
    assert [t.id for t in layout.typologies] == [*(t.id for t in bare), "ghost"]
    assert len({t.colour for t in layout.typologies}) == 5
    assert len({t.marker for t in layout.typologies}) == 5
    fig = network_figure(strategy)
    assert "ghost" in _collections(fig)


# -- the renderer -----------------------------------------------------------------------------


def test_the_renderer_object(registered: None, tmp_path: Path) -> None:
    renderer: Renderer = NetworkRenderer()  # mypy checks that it satisfies the protocol
    assert isinstance(renderer, Renderer)
    assert renderer.suffixes == (".png", ".svg", ".pdf")
    assert renderer.returns == "figure"
    assert isinstance(turbine.render(ARTOIS, "network", lang="en"), Figure)
    objective = SYNTHETIC.axes[0].objectives[0]
    assert isinstance(turbine.render(objective, "network", strategy=SYNTHETIC), Figure)
    assert isinstance(turbine.render(SYNTHETIC.axes[0], "network", strategy=SYNTHETIC), Figure)
    turbine.renderers.write(ARTOIS, tmp_path / "n.svg", "network", seed=2)
    assert (tmp_path / "n.svg").read_bytes().startswith(b"<?xml")
    assert plt.get_fignums() == []


def test_the_entry_point_declares_the_renderer() -> None:
    points = metadata.entry_points(group=turbine.renderers.ENTRY_POINT_GROUP)
    if "network" not in points.names:
        pytest.skip("the entry point `network` is not declared in pyproject.toml yet")
    assert isinstance(turbine.renderers.get("network"), NetworkRenderer)


def test_importing_the_module_imports_neither_matplotlib_nor_networkx() -> None:
    code = (
        "import sys, turbine.renderers._network; "
        "heavy = [m for m in ('matplotlib', 'networkx', 'numpy') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "[]"


# -- invariants ---------------------------------------------------------------------------------


@settings(max_examples=15)
@given(
    n_actions=st.integers(0, 80),
    n_actors=st.integers(0, 60),
    seed=st.integers(0, 2**32),
    isolates=st.booleans(),
    labels=st.integers(0, 12),
)
def test_every_actor_of_the_projection_is_drawn_exactly_once(
    n_actions: int, n_actors: int, seed: int, isolates: bool, labels: int
) -> None:
    strategy = turbine.examples.synthetic(n_actions=n_actions, n_actors=n_actors, seed=seed)
    projection = actor_projection(strategy)
    expected = {n for n in projection if isolates or projection.degree(n) > 0}
    fig = Figure(figsize=(6, 5))
    ax = plot_network(strategy, ax=fig.add_subplot(), isolates=isolates, labels=labels, seed=seed)
    counts = [len(_offsets(c)) for c in _collections(ax).values()]
    assert sum(counts) == len(expected)
    offsets = [tuple(p) for c in _collections(ax).values() for p in _offsets(c).tolist()]
    assert np.isfinite(offsets).all()
    assert len(set(offsets)) == len(expected)  # no two in one place
    assert len(_labels(ax)) == min(labels, len(expected))


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning")
@settings(max_examples=20)
@given(strategies())
def test_any_valid_strategy_is_drawn_with_each_actor_once(strategy: Strategy) -> None:
    layout = _layout(strategy)
    assert sorted(n.node for n in layout.nodes) == sorted(f"actor:{a.id}" for a in strategy.actors)
    fig = network_figure(strategy, lang="en")
    assert sum(len(_offsets(c)) for c in _collections(fig).values()) == len(strategy.actors)
    fig.savefig(io.BytesIO(), format="svg")
