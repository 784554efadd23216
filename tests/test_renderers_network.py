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
import networkx as nx  # type: ignore[import-untyped]
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex, to_rgb, to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend as Legend_
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Rectangle
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
from turbine.renderers import Renderer, _network
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
    from matplotlib.backend_bases import RendererBase
    from matplotlib.legend import Legend
    from matplotlib.path import Path as Path_
    from matplotlib.transforms import Bbox

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


def _path_area(path: Path_) -> float:
    """The area a closed path encloses (its curves as polygons), by the shoelace formula."""
    total = 0.0
    for polygon in path.to_polygons(closed_only=False):
        x, y = np.asarray(polygon).T
        total += abs(float(x @ np.roll(y, -1) - y @ np.roll(x, -1))) / 2
    return total


def _marker_area(marker: str) -> float:
    """The ink area of *marker* at a size of 1 (a scatter's s, a Line2D's markersize squared)."""
    style = MarkerStyle(marker)
    return _path_area(style.get_path().transformed(style.get_transform()))


def _ink(collection: PathCollection) -> np.ndarray:
    """The ink area of each marker of a scatter, in points²: its path's area times its size."""
    (path,) = collection.get_paths()
    return _path_area(path) * np.asarray(collection.get_sizes())


def _drawn_nodes(fig: Figure | Axes, layout: NetworkLayout) -> dict[str, tuple[str, float]]:
    """Each actor drawn: its node, with the typology of its collection and its ink area."""
    at = {(round(n.x, 9), round(n.y, 9)): n.node for n in layout.nodes}
    drawn: dict[str, tuple[str, float]] = {}
    for typology, collection in _collections(fig).items():
        offsets = _offsets(collection)
        inks = _ink(collection)
        assert len(inks) == len(offsets)
        for (x, y), ink in zip(offsets, inks, strict=True):
            node = at[round(float(x), 9), round(float(y), 9)]
            assert node not in drawn, f"{node} is drawn twice"
            drawn[node] = (typology, float(ink))
    return drawn


def _labels(fig: Figure | Axes) -> dict[str, Annotation]:
    """The names of the actors chosen to be named (drawn or left out)."""
    return {
        str(text.get_gid()).removeprefix("label:"): text
        for text in fig.findobj(Annotation)
        if str(text.get_gid()).startswith("label:")
    }


def _shown(fig: Figure | Axes) -> dict[str, Annotation]:
    """The names drawn, once the figure is drawn: those that cover no other are shown."""
    return {actor: text for actor, text in _labels(fig).items() if text.get_visible()}


def _extents(texts: dict[str, Annotation], renderer: RendererBase) -> dict[str, Bbox]:
    """The boxes of the names' texts (without their leader lines), in pixels."""
    return {name: Text.get_window_extent(text, renderer) for name, text in texts.items()}


def _overlapping(boxes: dict[str, Bbox]) -> list[tuple[str, str]]:
    return [
        (first, second)
        for (first, box1), (second, box2) in itertools.combinations(boxes.items(), 2)
        if box1.overlaps(box2)
    ]


def _by_gid(fig: Figure, gid: str) -> Text:
    (found,) = [t for t in fig.findobj(Text) if t.get_gid() == gid]
    return found


def _drawn(fig: Figure) -> RendererAgg:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    return canvas.get_renderer()  # type: ignore[no-untyped-call, no-any-return]


def _legends(fig: Figure | Axes) -> list[Legend]:
    """The legends: the typologies' (the Axes' legend), then the sizes' beside it."""
    found = fig.findobj(Legend_)
    assert [legend.get_gid() for legend in found] in (
        ["legend", "legend:sizes"],
        ["legend:sizes", "legend"],
    )
    return sorted(found, key=lambda legend: legend.get_gid() != "legend")


def _legend_entries(fig: Figure | Axes) -> dict[str, Any]:
    """The entries of both legends, each text with its marker."""
    entries: dict[str, Any] = {}
    for legend in _legends(fig):
        texts = [" ".join(t.get_text().split()) for t in legend.get_texts()]
        entries |= dict(zip(texts, legend.legend_handles, strict=True))
    return entries


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
    return [text for legend in _legends(fig) for text in (legend.get_title(), *legend.get_texts())]


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
    # The legend's size keys have the ink of actors with those numbers of ties.
    entries = _legend_entries(fig)
    keys = 0
    for node in layout.nodes:
        key = entries.get(f"{node.degree} lien" if node.degree <= 1 else f"{node.degree} liens")
        if key is not None:
            keys += 1
            ink = _marker_area(key.get_marker()) * key.get_markersize() ** 2
            assert ink == pytest.approx(drawn[node.node][1])
    assert keys


def test_node_ink_depends_on_ties_only_whatever_the_marker() -> None:
    # Four actors of four typologies (circle, square, triangle, diamond), all tied to each other:
    # a scatter's s is the square of a marker's size, and a triangle inks half a square's area.
    strategy = _with_actors(
        [
            ("a", "policy-makers"),
            ("b", "project-makers"),
            ("c", "supporters"),
            ("d", "inhabitants"),
        ],
        [["a", "b", "c", "d"]],
    )
    layout = _layout(strategy)
    assert len({t.marker for t in layout.typologies}) == 4
    fig = network_figure(strategy)
    _drawn(fig)
    inks = {node: ink for node, (_, ink) in _drawn_nodes(fig, layout).items()}
    assert len(inks) == 4
    assert max(inks.values()) == pytest.approx(min(inks.values()))
    sizes = {float(c.get_sizes()[0]) for c in _collections(fig).values()}
    assert len(sizes) > 1  # the sizes differ, for the ink to be the same
    # The legend's typologies too have one ink, whatever their marker.
    entries = _legend_entries(fig)
    legend_inks = [
        _marker_area(entries[label].get_marker()) * entries[label].get_markersize() ** 2
        for label in entries
        if label and "lien" not in label
    ]
    assert len(legend_inks) == 4
    assert max(legend_inks) == pytest.approx(min(legend_inks))


def test_isolated_actors_are_small_but_visible() -> None:
    strategy = _with_actors(
        [("a", "policy-makers"), ("b", "inhabitants"), ("c", "supporters")], [["a", "b"]]
    )
    fig = network_figure(strategy)
    drawn = _drawn_nodes(fig, _layout(strategy))
    assert 0 < drawn["actor:c"][1] < drawn["actor:a"][1]
    assert drawn["actor:c"][1] >= _marker_area("o") * 3.5**2  # a circle 3.5 points wide


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
    assert _shown(fig) == labels  # every name found a place
    boxes = _extents(labels, renderer)
    assert _overlapping(boxes) == []
    page = fig.bbox
    for name, box in boxes.items():
        assert page.x0 <= box.x0, name
        assert box.x1 <= page.x1, name
        assert page.y0 <= box.y0, name
        assert box.y1 <= page.y1, name


def test_a_blank_name_is_named_by_the_actors_id() -> None:
    actors = [attrs.evolve(ARTOIS.actors[0], name="   "), *ARTOIS.actors[1:]]
    fig = network_figure(attrs.evolve(ARTOIS, actors=actors), labels=11)
    assert _labels(fig)[actors[0].id].get_text() == actors[0].id


def test_names_follow_the_layout_engine_of_a_figure_of_ones_own() -> None:
    # The names, marker sizes and title wraps were measured for the Axes before constrained
    # layout resized them for the titles and legends: 7 pairs of names overlapped.
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 6), layout="constrained")
    plot_network(ARTOIS, ax=left, lang="en")
    plot_network(ARTOIS, ax=right, level=3, weight="jaccard")
    fig.savefig(io.BytesIO(), format="png", dpi="figure")  # measured as saved: at its dpi
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes: dict[str, Bbox] = {}
    for side, ax in (("left", left), ("right", right)):
        shown = _shown(ax)
        assert len(shown) == 10
        boxes |= {f"{side}:{name}": box for name, box in _extents(shown, renderer).items()}
        # The title is wrapped to the Axes as they were drawn.
        (title,) = [t for t in ax.findobj(Text) if t.get_gid() == "title"]
        assert title.get_window_extent(renderer).width <= ax.bbox.width + 1
        # The legend's largest key has the ink of the most tied actor, as drawn.
        inks = np.concatenate([_ink(c) for c in _collections(ax).values()])
        keys = [
            handle
            for text, handle in _legend_entries(ax).items()
            if re.fullmatch(r"\d+ (ties?|liens?)", text)
        ]
        largest = max(key.get_markersize() for key in keys if isinstance(key, Line2D))
        assert _marker_area("o") * largest**2 == pytest.approx(inks.max())
    assert _overlapping(boxes) == []
    for box in boxes.values():
        assert fig.bbox.contains(box.x0, box.y0)
        assert fig.bbox.contains(box.x1, box.y1)


def test_names_follow_the_figure_when_it_is_resized() -> None:
    fig = Figure(figsize=(8, 6))
    ax = plot_network(SYNTHETIC, ax=fig.add_subplot(), labels=15)
    _drawn(fig)
    before = {name: text.xyann for name, text in _shown(ax).items()}
    fig.set_size_inches(4, 3)
    renderer = _drawn(fig)
    assert _overlapping(_extents(_shown(ax), renderer)) == []
    assert {name: text.xyann for name, text in _shown(ax).items()} != before


def test_the_artist_that_fits_the_drawing_can_be_removed() -> None:
    fig = Figure(figsize=(8, 6))
    ax = plot_network(ARTOIS, ax=fig.add_subplot())
    (sizer,) = [artist for artist in ax.artists if not isinstance(artist, Legend_)]
    sizer.remove()
    renderer = _drawn(fig)
    sizer.draw(renderer)  # drawn by hand, out of its Axes: it fits nothing
    assert {text.xyann for text in _labels(ax).values()} == {(0.0, 0.0)}  # never placed


def test_a_name_that_would_cover_another_is_left_out() -> None:
    # 53 pairs of names overlapped.
    strategy = turbine.examples.synthetic(n_actions=750, n_actors=300, seed=1)
    fig = network_figure(strategy, labels=50)
    renderer = _drawn(fig)
    named, shown = _labels(fig), _shown(fig)
    assert len(named) == 50
    assert 10 <= len(shown) < 50
    assert _overlapping(_extents(shown, renderer)) == []
    # Names are placed most central first: the most central is always shown.
    layout = _layout(strategy, labels=50)
    first = min(layout.nodes, key=lambda n: (-round(n.betweenness, 9), -n.degree, n.id))
    assert first.id in shown
    # A name left out is not in the file.
    buffer = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg")
    ids = re.findall(rb'id="label:([^"]+)"', buffer.getvalue())
    assert sorted(i.decode() for i in ids) == sorted(_shown(fig))


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


def test_an_objective_or_an_axis_of_another_strategy_is_named() -> None:
    # It said "no actor with id ...", of an actor of the other strategy.
    for obj in (SYNTHETIC.axes[0].objectives[0], SYNTHETIC.axes[0]):
        with pytest.raises(
            RenderError,
            match=f"the {type(obj).__name__.lower()} {obj.id!r} is not one of the strategy's",
        ) as caught:
            network_figure(obj, strategy=ARTOIS)
        assert caught.value.option == "strategy"
    # An equal objective, loaded again, is one of them.
    again = turbine.loads(turbine.dumps(ARTOIS))
    assert _layout(again.objectives[0], strategy=ARTOIS).edges == _layout(ARTOIS).edges


def test_a_strategy_with_another_strategy_as_strategy_is_refused() -> None:
    with pytest.raises(RenderError, match="another strategy") as caught:
        network_figure(ARTOIS, strategy=SYNTHETIC)
    assert caught.value.option == "strategy"
    # The same strategy is no contradiction.
    assert _layout(ARTOIS, strategy=ARTOIS) == _layout(ARTOIS)


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


def _components(layout: NetworkLayout) -> list[list[tuple[float, float]]]:
    """The positions of the actors of each connected component."""
    graph = nx.Graph()
    graph.add_nodes_from(node.node for node in layout.nodes)
    graph.add_edges_from((edge.source, edge.target) for edge in layout.edges)
    where = {node.node: (node.x, node.y) for node in layout.nodes}
    return [[where[node] for node in group] for group in nx.connected_components(graph)]


def test_components_and_isolated_actors_do_not_overlap() -> None:
    strategy = turbine.examples.synthetic(n_actions=60, n_actors=90, seed=5)
    layout = _layout(strategy)
    groups = dict(enumerate(_components(layout)))
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


def test_isolated_actors_take_compact_rows() -> None:
    # Each took a cell as large as the room of an actor of the largest component: 40% of the
    # plot.
    strategy = turbine.examples.synthetic(n_actions=60, n_actors=90, seed=5)
    layout = _layout(strategy)
    isolated = [node for node in layout.nodes if node.degree == 0]
    assert len(isolated) > 40
    top = max(node.y for node in isolated) + 0.5
    assert (top - min(node.y for node in isolated) + 0.5) / layout.height < 0.25
    assert len({node.y for node in isolated}) <= 3  # in rows as wide as the network
    tied = [node.y for node in layout.nodes if node.degree > 0]
    assert top <= min(tied)  # below the network


def test_the_betweenness_of_many_actors_is_estimated_as_actor_measures_does() -> None:
    # Exact betweenness took 5 to 7 seconds at 2,000 actors: above 400, it is estimated from
    # 400 source actors drawn with the seed.
    strategy = turbine.examples.synthetic(n_actions=1000, n_actors=450, seed=2)
    layout = layout_network(strategy, labels=10, seed=7)
    measures = actor_measures(strategy, sample=400, seed=7)
    ranked = sorted(measures, key=lambda m: (-round(m.betweenness, 9), -m.ties, m.id))
    assert {node.id for node in layout.nodes if node.label} == {m.id for m in ranked[:10]}
    exact = actor_measures(strategy)
    by_id = {node.id: node.betweenness for node in layout.nodes}
    assert by_id == pytest.approx({m.id: m.betweenness for m in measures})
    assert by_id != pytest.approx({m.id: m.betweenness for m in exact})
    # Up to 400 actors, it is exact.
    small = turbine.examples.synthetic(n_actions=600, n_actors=400, seed=2)
    assert {n.id: n.betweenness for n in _layout(small).nodes} == pytest.approx(
        {m.id: m.betweenness for m in actor_measures(small)}
    )


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


def test_small_networks_make_small_figures() -> None:
    # One actor gave 8 x 9.3 inches, eleven actors without ties 8 x 10.
    lonely = _no_involvements(ARTOIS)
    one = attrs.evolve(lonely, actors=ARTOIS.actors[:1])
    assert network_figure(one).get_size_inches()[1] <= 4.5
    fig = network_figure(lonely)
    assert fig.get_size_inches()[1] <= 5.5
    layout = _layout(lonely)
    assert len({node.y for node in layout.nodes}) <= 2  # in wide rows
    # Furniture measured, not guessed: the Axes are as tall as the network needs.
    width, height = fig.get_size_inches()
    box = fig.axes[0].get_position()
    assert box.height * height == pytest.approx(
        min(width * box.width / (layout.width + 1), 1.0) * (layout.height + 1), rel=0.02
    )


def test_a_natural_figure_has_room_for_a_long_legend() -> None:
    # Constrained layout finds no room for a legend of 40 typologies in the first guess.
    typologies = [
        turbine.ActorTypology(id=f"t{i}", label={"fr": f"Typologie {i} au nom assez long " * 2})
        for i in range(40)
    ]
    base = turbine.examples.synthetic(n_actions=30, n_actors=40, seed=1)
    actors = [attrs.evolve(a, typology=f"t{i}") for i, a in enumerate(base.actors)]
    fig = network_figure(attrs.evolve(base, typologies=typologies, actors=actors), labels=0)
    renderer = _drawn(fig)
    for legend in _legends(fig):
        box = legend.get_window_extent(renderer)
        assert fig.bbox.y0 <= box.y0
    assert fig.axes[0].get_position().height * fig.get_size_inches()[1] >= 2.0


def test_a_natural_size_that_does_not_settle_is_left_after_a_few_tries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    heights = itertools.count(3.0)
    monkeypatch.setattr(_network, "_plot_height", lambda *_: next(heights))
    fig = network_figure(ARTOIS)
    assert fig.get_size_inches()[1] > 3 + _network._ATTEMPTS - 1
    fig.savefig(io.BytesIO(), format="png", dpi=20)


def test_warnings_while_laying_out_are_shown_as_they_would_be() -> None:
    # Only constrained layout's, that the figure is too small, is kept quiet.
    strategy = attrs.evolve(
        ARTOIS, title="Turbine \u2603\U0001f33b"
    )  # no glyph in DejaVu for the flower
    with pytest.warns(UserWarning, match="Glyph 127803"):
        network_figure(strategy)


def test_a_long_title_is_shortened_to_two_lines() -> None:
    # A 400-character title wrapped to 11 lines and squeezed the network.
    long = attrs.evolve(ARTOIS, title=("Une stratégie au titre bien trop long " * 12)[:400])
    fig = network_figure(long)
    title = _by_gid(fig, "title").get_text()
    assert title.count("\n") == 1
    assert title.endswith("\N{HORIZONTAL ELLIPSIS}")
    assert fig.get_size_inches()[1] < network_figure(ARTOIS).get_size_inches()[1] + 0.5
    # A subtitle of many filters is three lines at most.
    objective = attrs.evolve(OBJECTIVE, title="Un objectif au titre bien trop long " * 12)
    many = attrs.evolve(ARTOIS, objectives=[objective])
    subtitle = _by_gid(
        network_figure(many, level=2, weight="newman", objective=objective.id), "subtitle"
    )
    assert subtitle.get_text().count("\n") == 2
    assert subtitle.get_text().endswith("\N{HORIZONTAL ELLIPSIS}")


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
        ({"figsize": (1, 1)}, "figsize"),
        ({"figsize": (200, 8)}, "figsize"),
        ({"figsize": {8: 6}}, "figsize"),
        ({"figsize": np.array([8.0, 6.0, 1.0])}, "figsize"),
        ({"figsize": np.array(8.0)}, "figsize"),
        ({"strategy": SYNTHETIC}, "strategy"),
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


def test_numpy_numbers_are_taken_as_numbers() -> None:
    expected = _layout(SYNTHETIC, labels=3, seed=2, level=2)
    assert _layout(SYNTHETIC, labels=np.int64(3), seed=np.int32(2), level=np.int16(2)) == expected
    fig = network_figure(ARTOIS, figsize=np.array([6, 5]))  # type: ignore[arg-type]
    assert tuple(fig.get_size_inches()) == (6, 5)
    fig = network_figure(ARTOIS, figsize=(np.float32(6.5), 5))  # type: ignore[arg-type]
    assert tuple(fig.get_size_inches()) == (6.5, 5)


@pytest.mark.parametrize("kind", ["twinx", "twiny", "polar"])
def test_axes_that_cannot_keep_an_equal_aspect_are_refused(kind: str) -> None:
    # A twinned Axes raised matplotlib's RuntimeError, a polar one drew nonsense.
    if kind == "polar":
        ax = plt.figure().add_subplot(projection="polar")
    else:
        ax = getattr(plt.subplots()[1], kind)()
    with pytest.raises(RenderError, match="ax must") as caught:
        plot_network(ARTOIS, ax=ax)
    assert caught.value.option == "ax"
    assert not ax.collections
    with pytest.raises(RenderError) as caught:
        turbine.plot_matrix(ARTOIS, ax=ax)  # the same check
    assert caught.value.option == "ax"
    assert caught.value.renderer == "matrix"


def test_a_small_figure_draws_without_layout_warnings() -> None:
    # figsize=(1, 1) warned that constrained layout could not fit the Axes; it is refused now,
    # and a figure too small for a legend of many typologies is drawn as it can be, silently.
    typologies = [
        turbine.ActorTypology(id=f"t{i}", label={"fr": f"Typologie {i}"}) for i in range(12)
    ]
    actors = [Actor(id=f"a{i}", name=f"A{i}", typology=f"t{i}") for i in range(12)]
    crowded = attrs.evolve(_no_involvements(ARTOIS), typologies=typologies, actors=actors)
    network_figure(crowded, figsize=(2, 2)).savefig(io.BytesIO(), format="png", dpi=30)
    plot_network(ARTOIS, figsize=(2, 2))
    plt.gcf().savefig(io.BytesIO(), format="png", dpi=30)


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


def test_a_huge_vector_figure_is_laid_out_in_a_small_raster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Layout passes drew into a raster of the figure's size at its dpi, whatever the format:
    # a 150-inch PDF took 2.7 GB, a 999-inch figure raised MemoryError.
    sizes: list[tuple[float, float]] = []

    class Recording(RendererAgg):
        def __init__(self, width: float, height: float, dpi: float) -> None:
            sizes.append((width, height))
            super().__init__(width, height, dpi)  # type: ignore[no-untyped-call]

    monkeypatch.setattr(backend_agg, "RendererAgg", Recording)
    write_network(ARTOIS, tmp_path / "n.pdf", figsize=(150, 150))
    assert sizes
    assert max(width * height for width, height in sizes) <= 2**23 * 1.01
    assert (tmp_path / "n.pdf").read_bytes().startswith(b"%PDF")
    fig = network_figure(ARTOIS, figsize=(150, 150))
    assert tuple(fig.get_size_inches()) == (150, 150)
    assert fig.dpi == mpl.rcParams["figure.dpi"]  # restored
    with pytest.raises(RenderError, match="below 200") as caught:
        network_figure(ARTOIS, figsize=(999, 999))
    assert caught.value.option == "figsize"


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


def _is_grey(colour: str) -> bool:
    red, green, blue = to_rgb(colour)
    return max(red, green, blue) - min(red, green, blue) < 0.05


def test_typologies_without_a_colour_get_no_grey_and_no_colour_twice() -> None:
    # Black and grey were fallbacks (they read as ties and size keys), and from the sixth
    # typology on the colours came round again.
    typologies = [turbine.ActorTypology(id=f"t{i}", label={"fr": f"T{i}"}) for i in range(12)]
    actors = [Actor(id=f"a{i}", name=f"A{i}", typology=f"t{i}") for i in range(12)]
    strategy = attrs.evolve(_no_involvements(ARTOIS), typologies=typologies, actors=actors)
    colours = [t.colour for t in _layout(strategy).typologies]
    assert len(set(colours)) == 12
    assert not any(_is_grey(colour) for colour in colours)
    # A fallback is never a colour another typology has; the Turbine's four first are kept.
    mixed = attrs.evolve(ARTOIS, typologies=[*ARTOIS.typologies, *typologies[:4]])
    colours = [t.colour for t in _layout(mixed).typologies]
    assert colours[:4] == [t.color for t in ARTOIS.typologies]
    assert len(set(colours)) == 8


def test_a_transparent_typology_colour_is_replaced() -> None:
    typologies = [attrs.evolve(ARTOIS.typologies[0], color="none"), *ARTOIS.typologies[1:]]
    typologies[1] = attrs.evolve(typologies[1], color="#ff000000")
    layout = _layout(attrs.evolve(ARTOIS, typologies=typologies))
    for typology in layout.typologies[:2]:
        assert to_rgba(typology.colour)[3] == 1
        assert typology.colour not in {t.color for t in ARTOIS.typologies[2:]}


def test_the_matrix_and_the_network_colour_an_undeclared_typology_alike() -> None:
    # Each gave a typology the colour of its column: "ghost" was the matrix's fifth column (a
    # meta-action names it) but the network's sixth ("spook", an actor's, came first).
    bare = [attrs.evolve(t, color=None) for t in ARTOIS.typologies]
    meta_action = attrs.evolve(OBJECTIVE.meta_actions[0], typologies=["ghost", "policy-makers"])
    objective = attrs.evolve(OBJECTIVE, meta_actions=[meta_action, *OBJECTIVE.meta_actions[1:]])
    spook = attrs.evolve(ARTOIS.actors[0], typology="spook")
    ghost = attrs.evolve(ARTOIS.actors[1], typology="ghost")
    strategy = attrs.evolve(
        ARTOIS, typologies=bare, actors=[spook, ghost, *ARTOIS.actors[2:]], objectives=[objective]
    )
    network = {t.id: t.colour for t in _layout(strategy).typologies}
    assert len(set(network.values())) == 6
    (matrix,) = turbine.renderers.matrix_figures(strategy)
    keys = {
        str(patch.get_gid()).removeprefix("typology-key:"): to_hex(patch.get_facecolor())
        for patch in matrix.findobj(Rectangle)
        if str(patch.get_gid()).startswith("typology-key:")
    }
    assert set(keys) == {*(t.id for t in bare), "ghost"}
    assert keys == {id_: network[id_] for id_ in keys}


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
    assert "network" in points.names
    assert points["network"].value == "turbine.renderers._network:NetworkRenderer"
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
