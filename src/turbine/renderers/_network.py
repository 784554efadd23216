"""The ``network`` renderer: the actor network, drawn with matplotlib.

The actors are the nodes of :func:`turbine.graph.actor_projection`, tied by the actions they
share. A node's colour and shape say its typology (two cues, for colour-blind readers and
greyscale prints), its area its number of ties; an edge's width says its weight. The most central
actors (by betweenness) are named. The layout is a seeded spring layout of each connected
component, the components packed largest first and the isolated actors in rows below: the same
strategy and seed give the same picture, run after run.

What depends on the size of the Axes (the limits, the markers' sizes, the title's wrap, where
the names go) is fitted again each time the figure is drawn, by an invisible artist drawn first
in the Axes: the picture follows a layout engine, a resized window or ``set_size_inches``.

matplotlib, networkx and numpy are imported only when something is drawn.
"""

from __future__ import annotations

import functools
import io
import math
import operator
import os
from typing import TYPE_CHECKING, Any, cast

import attrs
from attrs import frozen

from turbine.errors import GraphError, RenderError
from turbine.graph import Weight, actor_projection
from turbine.io import write_atomic
from turbine.model import Axis, Objective, Strategy
from turbine.renderers._common import (
    Legend,
    check_lang,
    check_strategy,
    objectives_of,
)
from turbine.renderers._matrix import (
    _FORMATS,
    _INK,
    _MUTED,
    _drawable,
    _Font,
    _font,
    _properties,
    _save,
    _wrap,
    _xml_id,
)
from turbine.renderers._mpl import (
    check_dpi,
    check_figure_options,
    check_pixels,
    layout_pass,
    typology_colours,
)
from turbine.renderers._registry import Renderable, call_with_options, suffix_of

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import numpy as np
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend as Key
    from matplotlib.text import Annotation, Text

# The data classes and layout_network are documented, but turbine.renderers does not re-export
# them: they may change without notice.
__all__ = ["NetworkRenderer", "network_figure", "plot_network", "write_network"]

_NAME = "network"

_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "network": "Réseau des acteurs, liés par les actions qu'ils partagent",
        "axis": "axe «\u00a0{title}\u00a0»",
        "objective": "objectif «\u00a0{title}\u00a0»",
        "level": "niveau {code}\u00a0: {label}",
        "weight": "poids\u00a0: {weight}",
        "legend": "Les acteurs de la Turbine",
        "no-actor": "Aucun acteur à représenter",
        "no-tie": "Aucun lien à représenter\u00a0: aucune action ne réunit deux acteurs",
    },
    "en": {
        "network": "Actor network, tied by the actions they share",
        "axis": "axis \u201c{title}\u201d",
        "objective": "objective \u201c{title}\u201d",
        "level": "level {code}: {label}",
        "weight": "weight: {weight}",
        "legend": "The Turbine's actors",
        "no-actor": "No actor to draw",
        "no-tie": "No tie to draw: no action brings two actors together",
    },
}

# Singular and plural. French counts 0 and 1 in the singular; English only 1.
_COUNTS: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "actors": ("{count} acteur", "{count} acteurs"),
        "ties": ("{count} lien", "{count} liens"),
        "hidden": ("{count} acteur sans lien masqué", "{count} acteurs sans lien masqués"),
    },
    "en": {
        "actors": ("{count} actor", "{count} actors"),
        "ties": ("{count} tie", "{count} ties"),
        "hidden": ("{count} actor without ties hidden", "{count} actors without ties hidden"),
    },
}

# A second cue beside the colour: one marker shape per typology, in the legend's order. A marker
# of any shape inks the area its actor's ties give it (see _marker_shape).
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "p", "h", "<", ">", "*")
_EDGE_COLOUR = "#6b6b6b"
_EDGE_ALPHA = 0.45  # the most opaque ties, when they are few
_EDGE_WIDTHS = (0.4, 3.2)  # points: the lightest tie's floor, the heaviest tie's width
_NODE_EDGE = "white"
_SIZE_KEY = "#bdbdbd"  # the grey of the legend's size keys
_LABEL_SIZE = 8.0
_LABEL_WIDTH = 110.0  # points: a label wraps to this width, on two lines at most
_LABEL_LINES = 2
_TITLE_SIZE = 12.0
_TITLE_LINES = 2
_SUBTITLE_SIZE = 8.5
_SUBTITLE_LINES = 3
_LEGEND_SIZE = 8.0
_LEGEND_MARKER = 8.0  # points: the diameter of a circle in the legend's typologies
_LEGEND_WIDTH = 190.0  # points: a typology's name in the legend wraps to this width
_LINESPACING = 1.2
_ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
# A new figure is 8 inches wide, and as tall as the network needs: its plot within bounds, at
# most an inch per layout unit (a small network is not blown up), plus what the title and the
# legend take, measured once laid out (first guessed). Its components are packed for Axes this
# much wider than tall.
_WIDTH = 8.0
_HEIGHTS = (2.0, 9.0)
_UNIT = 1.0
_FURNITURE = 2.3
_ASPECT = 1.4
_ATTEMPTS = 8  # to find that height; each 1.5 times the last while the legend finds no room
# Below this, in inches, a figure has no room for a title, a legend and a network; from the
# largest (5 metres), laying it out would take too much memory.
_SMALLEST = 2.0
_LARGEST = 200.0
# Constrained layout's room around the Axes, title and legend, in inches: a margin, as on paper.
_PADS = {"w_pad": 0.25, "h_pad": 0.2}
_ITERATIONS = 100
# Repulsion is computed over blocks of rows: memory stays linear in the number of actors.
_BLOCK = 256
# Betweenness is exact up to this many actors; above, it is estimated from this many source
# actors drawn with the seed, as turbine.graph.actor_measures(sample=_SAMPLE, seed=seed) does.
_SAMPLE = 400


# -- the layout, as data -------------------------------------------------------------------------


@frozen(kw_only=True)
class NetworkNode:
    """An actor as drawn: where, how big, and whether it is named.

    Attributes:
        node: Its node in turbine's graphs (``"actor:ID"``).
        id: The actor's id in the document.
        name: Its name, as in the document.
        typology: Its typology's id.
        degree: Its number of ties (its degree in the actor projection).
        betweenness: Its normalised betweenness on the unweighted projection, as
            :func:`turbine.graph.actor_measures` computes it: exact up to 400 actors, above
            estimated from 400 source actors drawn with the seed (``sample=400``). 0.0 when
            ``labels=0``.
        x: Its position, in layout units (about one per actor's room).
        y: Its position; up is positive.
        label: The text drawn beside it (its name, or its id if the name is blank, wrapped and
            shortened), or ``None``.
    """

    node: str
    id: str
    name: str
    typology: str
    degree: int
    betweenness: float
    x: float
    y: float
    label: str | None = None


@frozen(kw_only=True)
class NetworkEdge:
    """A tie as drawn: its two actors' nodes and its weight."""

    source: str
    target: str
    weight: float


@frozen(kw_only=True)
class NetworkTypology:
    """A typology in the legend: its colour, its marker and how many of its actors are drawn."""

    id: str
    label: str
    colour: str
    marker: str
    count: int


@frozen(kw_only=True)
class NetworkLayout:
    """An actor network laid out, before anything is drawn: what :func:`turbine.plot_network` draws.

    Attributes:
        title: The strategy's title.
        subtitle: What is drawn: the filters, the numbers of actors and ties.
        nodes: The actors drawn, in document order.
        edges: The ties drawn, lightest first (the order they are drawn in).
        typologies: The legend's typologies, in the strategy's order.
        width: The width of the layout, in layout units.
        height: Its height.
        note: What is said instead of a network when there is nothing to draw, else ``None``.
        lang: The language of turbine's words in the legend.
    """

    title: str
    subtitle: str
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]
    typologies: tuple[NetworkTypology, ...]
    width: float
    height: float
    note: str | None = None
    lang: str = "fr"


def layout_network(
    obj: Renderable,
    /,
    *,
    strategy: Strategy | None = None,
    lang: str = "fr",
    weight: Weight = "count",
    level: int | None = None,
    objective: str | None = None,
    labels: int = 10,
    seed: int = 0,
    isolates: bool = True,
    aspect: float = 1.0,
) -> NetworkLayout:
    """Lay out the actor network of *obj* without drawing it.

    The arguments are those of :func:`turbine.plot_network`; *aspect* is the width over the
    height of the space to fill, which the packing of components and isolated actors follows.

    Raises:
        RenderError: As for :func:`turbine.plot_network`.
        UnknownIdError: As for :func:`turbine.plot_network`.
    """
    import networkx as nx  # type: ignore[import-untyped]  # noqa: PLC0415

    check_lang(_NAME, lang)
    labels = _whole("labels", labels, low=0)
    seed = _whole("seed", seed)
    level = _index(level)
    if not isinstance(isolates, bool):
        raise RenderError(
            f"isolates must be True or False, not {isolates!r}", renderer=_NAME, option="isolates"
        )
    scope, whole, pairs = _scope(obj, strategy)
    try:
        projection = actor_projection(scope, weight=weight, level=level, objective=objective)
    except GraphError as error:
        raise RenderError(str(error), renderer=_NAME, option=error.option) from error
    words = _WORDS[lang]
    # Plain lists in document order, never subgraph views: those iterate over sets, in an order
    # that changes with the hash seed, and the layout would change with it.
    degree = dict(projection.degree())
    drawn = [node for node in projection if isolates or degree[node] > 0]
    ties = [(u, v, float(w)) for u, v, w in projection.edges(data="weight")]
    betweenness: Mapping[str, float] = {}
    if labels and ties:
        # Exact betweenness costs actors x ties: seconds past a thousand actors.
        sample = _SAMPLE if len(projection) > _SAMPLE else None
        betweenness = nx.betweenness_centrality(projection, k=sample, seed=seed)

    def rank(node: str) -> tuple[float, int, str]:
        return _rank(betweenness.get(node, 0.0), degree[node], projection.nodes[node]["id"])

    named = set(sorted(drawn, key=rank)[:labels])
    positions, width, height = _positions(drawn, ties, seed, aspect)
    nodes = tuple(
        NetworkNode(
            node=node,
            id=data["id"],
            name=data["label"],
            typology=data["typology"],
            degree=degree[node],
            betweenness=betweenness.get(node, 0.0),
            x=positions[node][0],
            y=positions[node][1],
            label=_label(data["label"], data["id"]) if node in named else None,
        )
        for node, data in projection.nodes(data=True)
        if node in positions
    )
    # Lightest first: heavy ties are drawn over light ones.
    edges = sorted(
        (NetworkEdge(source=u, target=v, weight=w) for u, v, w in ties), key=lambda e: e.weight
    )
    note = None
    if not nodes:
        note = words["no-actor"] if len(projection) == 0 else words["no-tie"]
    return NetworkLayout(
        title=whole.title,
        subtitle=_subtitle(
            words,
            lang,
            whole=whole,
            scope=scope,
            pairs=pairs,
            obj=obj,
            weight=weight,
            level=level,
            objective=objective,
            counts=(len(nodes), len(edges), len(projection) - len(nodes)),
        ),
        nodes=nodes,
        edges=tuple(edges),
        typologies=_typologies(whole, nodes, lang),
        width=width,
        height=height,
        note=note,
        lang=lang,
    )


def _whole(option: str, value: object, *, low: int | None = None) -> int:
    """*value* as an int (a numpy integer too, never a bool), else a RenderError naming *option*."""
    number = _index(value)
    if (
        isinstance(number, bool)
        or not isinstance(number, int)
        or (low is not None and number < low)
    ):
        wanted = "a whole number" if low is None else f"a whole number of at least {low}"
        raise RenderError(
            f"{option} must be {wanted}, not {value!r}", renderer=_NAME, option=option
        )
    return number


def _index(value: Any) -> Any:
    """*value* as an int if it is an integer of another type (numpy's), else as it is."""
    if isinstance(value, int):  # a bool too: the checks that follow refuse it
        return value
    try:
        return operator.index(value)
    except TypeError:
        return value


def _scope(
    obj: object, strategy: object
) -> tuple[Strategy, Strategy, tuple[tuple[Objective, Axis | None], ...]]:
    """The strategy to project (*obj*'s actions only), the whole strategy, *obj*'s objectives.

    Actors live on the strategy: an axis or an objective is drawn with the strategy it belongs
    to, restricted to its own objectives.
    """
    strategy = check_strategy(_NAME, strategy)
    if isinstance(obj, Strategy):
        if strategy is not None and strategy is not obj and strategy != obj:
            raise RenderError(
                f"strategy= names another strategy ({strategy.id!r}) than the one drawn "
                f"({obj.id!r}): leave it out, it is for an axis or an objective",
                renderer=_NAME,
                option="strategy",
            )
        strategy = obj
    pairs = objectives_of(_NAME, obj, strategy)  # checks obj, and the values' types
    if strategy is None:
        raise RenderError(
            f"an {type(obj).__name__} holds no actors: pass the strategy it belongs to as "
            "strategy=",
            renderer=_NAME,
            option="strategy",
        )
    _check_actors(strategy)
    if obj is strategy:
        return strategy, strategy, pairs
    assert isinstance(obj, Axis | Objective)  # noqa: S101 - objectives_of checked it
    own = strategy.axes if isinstance(obj, Axis) else [o for o, _ in strategy.iter_objectives()]
    if not any(item is obj for item in own) and obj not in own:
        kind = type(obj).__name__.lower()
        raise RenderError(
            f"the {kind} {obj.id!r} is not one of the strategy's {kind}s: pass the strategy it "
            "belongs to as strategy=",
            renderer=_NAME,
            option="strategy",
        )
    scope = attrs.evolve(strategy, axes=(), objectives=tuple(o for o, _ in pairs))
    return scope, strategy, pairs


def _check_actors(strategy: Strategy) -> None:
    # The other renderers never draw actors: check_model leaves them out.
    problems = [
        f"$.actors[{index}].{name}: a text is expected, not {type(getattr(actor, name)).__name__}"
        for index, actor in enumerate(strategy.actors)
        for name in ("id", "name", "typology")
        if not isinstance(getattr(actor, name, None), str)
    ]
    if problems:
        shown = problems[:10] + (
            [f"... and {len(problems) - 10} more"] if len(problems) > 10 else []
        )
        raise RenderError(
            "cannot draw these actors: values have the wrong type (the model was built in "
            "Python; turbine.load() never gives these)\n  " + "\n  ".join(shown),
            renderer=_NAME,
        )


def _rank(betweenness: float, degree: int, id: str) -> tuple[float, int, str]:  # noqa: A002
    """The sort key of the most central actors first: betweenness, then ties, then id."""
    # Rounded: betweenness sums fractions, and actors in the same place may differ in the last
    # bit; the tie must then go to the degree, not to the order of the sums.
    return (-round(betweenness, 9), -degree, id)


def _label(name: str, id: str) -> str:  # noqa: A002 - the document's word
    """*name* (or *id*, if nothing of the name can be seen) on two lines at most."""
    shown = name if " ".join(_drawable(name).split()) else id
    return "\n".join(_shortened(shown, _LABEL_WIDTH, _font(_LABEL_SIZE), _LABEL_LINES))


def _shortened(text: str, width: float, font: _Font, lines: int) -> list[str]:
    """*text* wrapped to *width*, on *lines* lines at most: the last ends with an ellipsis."""
    wrapped = _wrap(text, width, font)
    if len(wrapped) <= lines:
        return wrapped
    last = wrapped[lines - 1]
    while last and font.width(last + _ELLIPSIS) > width:
        last = last[:-1]
    return [*wrapped[: lines - 1], last.rstrip() + _ELLIPSIS]


def _count(lang: str, what: str, count: int) -> str:
    """*count* things, in the singular or the plural as *lang* says."""
    singular = count <= 1 if lang == "fr" else count == 1
    return _COUNTS[lang][what][0 if singular else 1].format(count=count)


def _subtitle(
    words: Mapping[str, str],
    lang: str,
    *,
    whole: Strategy,
    scope: Strategy,
    pairs: Sequence[tuple[Objective, Axis | None]],
    obj: object,
    weight: str,
    level: int | None,
    objective: str | None,
    counts: tuple[int, int, int],
) -> str:
    parts = [words["network"]]
    if isinstance(obj, Axis):
        parts.append(words["axis"].format(title=obj.title))
    elif isinstance(obj, Objective):
        axis = pairs[0][1]
        if axis is not None:
            parts.append(words["axis"].format(title=axis.title))
    if isinstance(obj, Objective) or objective is not None:
        title = obj.title if isinstance(obj, Objective) else scope.objective(str(objective)).title
        parts.append(words["objective"].format(title=title))
    if level is not None:
        label = whole.service_level(level).label.text(lang)
        parts.append(words["level"].format(code=level, label=label))
    if weight != "count":
        parts.append(words["weight"].format(weight=weight))
    actors, ties, hidden = counts
    tally = f"{_count(lang, 'actors', actors)}, {_count(lang, 'ties', ties)}"
    if hidden:
        tally += f" ({_count(lang, 'hidden', hidden)})"
    parts.append(tally)
    return " · ".join(parts)


def _typologies(
    strategy: Strategy, nodes: Sequence[NetworkNode], lang: str
) -> tuple[NetworkTypology, ...]:
    """The strategy's typologies, then any other the actors name, with their colour and marker.

    A typology's colour is the one the matrix gives it (see
    :func:`turbine.renderers._mpl.typology_colours`); its marker is its place in the legend's.
    """
    legend = Legend.of(strategy)
    colours = typology_colours(legend, strategy)
    known = {typology.id for typology in legend.typologies}
    extra = [a.typology for a in strategy.actors if a.typology not in known]
    columns = [*legend.typologies, *(legend.typology(t) for t in dict.fromkeys(extra))]
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node.typology] = counts.get(node.typology, 0) + 1
    return tuple(
        NetworkTypology(
            id=typology.id,
            label=typology.label.text(lang),
            colour=colours[typology.id],
            marker=_MARKERS[index % len(_MARKERS)],
            count=counts.get(typology.id, 0),
        )
        for index, typology in enumerate(columns)
    )


# -- positions -----------------------------------------------------------------------------------


def _positions(
    nodes: Sequence[str], ties: Sequence[tuple[str, str, float]], seed: int, aspect: float
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Each node's position, and the layout's width and height, in layout units.

    Each connected component is laid out on its own, an actor about a unit from its nearest
    neighbour; the components are then packed in rows, largest first, isolated actors last.
    """
    import networkx as nx  # noqa: PLC0415 - only when drawing
    import numpy as np  # noqa: PLC0415

    order = {node: index for index, node in enumerate(nodes)}
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((u, v) for u, v, _ in ties)
    # Members in document order, components largest first, then by their first member: never
    # in the order of networkx's sets, which changes with the hash seed.
    components = sorted(
        (sorted(members, key=order.__getitem__) for members in nx.connected_components(graph)),
        key=lambda members: (-len(members), order[members[0]]),
    )
    place_of = {node: place for place, members in enumerate(components) for node in members}
    links: list[list[tuple[str, str, float]]] = [[] for _ in components]
    for tie in ties:
        links[place_of[tie[0]]].append(tie)
    boxes = []
    for place, members in enumerate(components):
        local = {node: index for index, node in enumerate(members)}
        edges = [(local[u], local[v], w) for u, v, w in links[place]]
        # One generator per component, seeded by the seed and its place: a component's layout
        # does not depend on how the others were drawn.
        generator = np.random.default_rng([seed % 2**63, place])
        boxes.append((members, _spring(len(members), edges, generator)))
    return _pack(boxes, aspect)


def _spring(count: int, edges: Sequence[tuple[int, int, float]], generator: Any) -> np.ndarray:
    """A Fruchterman-Reingold layout of one connected component, in layout units.

    The algorithm of :func:`networkx.spring_layout` (which needs scipy from 500 nodes on), with
    weights scaled to a mean of one, so that the weight measure changes how tight ties are, not
    how the whole picture is spread.
    """
    import numpy as np  # noqa: PLC0415 - only when drawing

    if count == 1:
        return np.zeros((1, 2))
    sources = np.array([u for u, _, _ in edges])
    targets = np.array([v for _, v, _ in edges])
    weights = np.array([float(w) for _, _, w in edges])
    weights = weights / weights.mean() if weights.mean() > 0 else np.ones_like(weights)
    position = generator.random((count, 2))
    k = math.sqrt(1.0 / count)
    temperature = 0.1
    cooling = temperature / (_ITERATIONS + 1)
    displacement = np.empty_like(position)
    for _ in range(_ITERATIONS):
        # Repulsion between every pair, k²/d along the pair, a block of rows at a time.
        for start in range(0, count, _BLOCK):
            rows = position[start : start + _BLOCK]
            dx = rows[:, :1] - position[:, 0]
            dy = rows[:, 1:] - position[:, 1]
            force = k * k / np.maximum(dx * dx + dy * dy, 1e-4)
            displacement[start : start + _BLOCK, 0] = (dx * force).sum(axis=1)
            displacement[start : start + _BLOCK, 1] = (dy * force).sum(axis=1)
        # Attraction along the ties, weight * d²/k.
        delta = position[sources] - position[targets]
        distance = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
        pull = delta * (weights * distance / k)[:, None]
        np.subtract.at(displacement, sources, pull)
        np.add.at(displacement, targets, pull)
        length = np.hypot(displacement[:, 0], displacement[:, 1])
        length = np.where(length < 0.01, 0.1, length)
        position += displacement * (temperature / length)[:, None]
        temperature -= cooling
    return _normalised(position)


def _normalised(position: np.ndarray) -> np.ndarray:
    """*position* turned so that its longest extent is horizontal, and scaled to layout units.

    A component's principal axis lies along x (the Axes are wider than tall, and names are
    wider than tall), and the median distance from an actor to its nearest neighbour is one
    unit: every component is drawn at the same density, whatever its shape.
    """
    import numpy as np  # noqa: PLC0415 - only when drawing

    centred = position - position.mean(axis=0)
    _, vectors = np.linalg.eigh(centred.T @ centred)  # eigenvalues ascending: minor axis first
    turned = centred @ vectors[:, ::-1]
    # Each axis's sign, so that the actor farthest along it is on its positive side: the
    # eigenvectors' signs are arbitrary.
    farthest = np.abs(turned).argmax(axis=0)
    turned *= np.where(turned[farthest, [0, 1]] < 0, -1.0, 1.0)
    nearest = np.empty(len(turned))
    for start in range(0, len(turned), _BLOCK):
        rows = turned[start : start + _BLOCK]
        squared = ((rows[:, None, :] - turned[None, :, :]) ** 2).sum(axis=-1)
        squared[np.arange(len(rows)), np.arange(start, start + len(rows))] = np.inf
        nearest[start : start + _BLOCK] = squared.min(axis=1)
    median = math.sqrt(float(np.median(nearest)))
    turned = turned / median if median > 1e-9 else turned
    # Centred on its bounding box, which packing places.
    result: np.ndarray = turned - (turned.max(axis=0) + turned.min(axis=0)) / 2
    return result


def _pack(
    boxes: Sequence[tuple[list[str], np.ndarray]], aspect: float
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Shelf-pack the components' boxes in rows, centred, top to bottom; isolated actors below.

    *boxes* come largest first, isolated actors (components of one) last. These take a unit
    each, in rows as wide as the components' (a compact grid under the network).
    """
    import numpy as np  # noqa: PLC0415 - only when drawing

    groups = [(members, points) for members, points in boxes if len(members) > 1]
    isolated = [members[0] for members, _ in boxes if len(members) == 1]
    # The room an actor has in the largest component: the other components are scaled up to
    # it, and it is the room around each component. A tangle of hundreds of actors is wide in
    # units (its centre is dense); pairs are not, and would shrink to specks beside it.
    largest = groups[0][1] if groups else np.zeros((1, 2))
    room = max(1.0, math.sqrt(float(np.ptp(largest[:, 0]) * np.ptp(largest[:, 1])) / len(largest)))
    groups = [
        (members, points if index == 0 else points * room)
        for index, (members, points) in enumerate(groups)
    ]
    sizes = [
        (float(np.ptp(points[:, 0])) + room, float(np.ptp(points[:, 1])) + room)
        for _, points in groups
    ]
    area = sum(w * h for w, h in sizes) + len(isolated)
    row_width = max([math.sqrt(area * aspect), *(w for w, _ in sizes)], default=0.0)
    rows: list[list[int]] = []
    used = math.inf
    for index, (width, _) in enumerate(sizes):
        if used + width > row_width + 1e-9:
            rows.append([])
            used = 0.0
        rows[-1].append(index)
        used += width
    positions: dict[str, tuple[float, float]] = {}
    top = 0.0
    for row in rows:
        height = max(sizes[i][1] for i in row)
        x = (row_width - sum(sizes[i][0] for i in row)) / 2
        for index in row:
            members, points = groups[index]
            width, _ = sizes[index]
            centre_x, centre_y = x + width / 2, top - height / 2
            for node, (px, py) in zip(members, points.tolist(), strict=True):
                positions[node] = (centre_x + px, centre_y + py)
            x += width
        top -= height
    if isolated:
        # Without components, rows wider than the space's shape: they hold no structure, and a
        # short block under the title reads better than a tall one. A row is at least a unit.
        row_width = max(row_width, math.sqrt(len(isolated) * aspect * 3) if not groups else 1.0)
        columns = max(1, int(row_width + 1e-9))
        for start in range(0, len(isolated), columns):
            line = isolated[start : start + columns]
            x = (row_width - len(line)) / 2
            for offset, node in enumerate(line):
                positions[node] = (x + offset + 0.5, top - 0.5)
            top -= 1.0
    return positions, row_width, -top


# -- drawing -------------------------------------------------------------------------------------


def plot_network(
    obj: Renderable,
    /,
    *,
    ax: Axes | None = None,
    strategy: Strategy | None = None,
    lang: str = "fr",
    weight: Weight = "count",
    level: int | None = None,
    objective: str | None = None,
    labels: int = 10,
    seed: int = 0,
    isolates: bool = True,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw the actor network of a strategy, an axis or an objective, in the matplotlib way.

    >>> import turbine
    >>> ax = plot_network(turbine.examples.load("artois"), lang="en")
    >>> ax.figure.savefig(io.BytesIO(), format="png")

    Args:
        obj: A strategy; or an axis or an objective, with *strategy*: their actions only.
        ax: The Axes to draw into (rectilinear, not twinned); the legend goes below it.
            ``None`` makes a new figure.
        strategy: The strategy *obj* belongs to, when it is an axis or an objective: it holds
            the actors. For a strategy, leave it out (or pass the same strategy).
        lang: The language of turbine's words: subtitle, legend (``"fr"`` or ``"en"``).
        weight: The tie weight, one of :data:`turbine.graph.WEIGHTS`: edges are as wide as
            their weight, and heavier ties pull their actors closer.
        level: Only the actions of this service level (its code).
        objective: Only the actions of this objective (its id).
        labels: How many actors to name: the most central, by betweenness (estimated from 400
            source actors above 400 actors), then number of ties, then id. A name that would
            cover another is left out.
        seed: The seed of the layout (and of the betweenness estimate): the same seed gives the
            same picture.
        isolates: Draw the actors without ties (in rows below the network).
        figsize: The size of a new figure, in inches (each side at least 2).

    Returns:
        The Axes it drew into. The nodes of each typology are one collection with the id
        ``nodes:TYPOLOGY``, the ties one with the id ``edges``, and each name a text with the
        id ``label:ACTOR``, which SVG output keeps as element ids.

    Raises:
        RenderError: An option has a value it does not take (a weight, a level that is not a
            code, *ax* not an Axes of its own, *strategy* another strategy...), *obj* is an
            axis or an objective without its strategy or not of it, or holds values of the
            wrong Python types.
        UnknownIdError: *level* or *objective* names none of the strategy's, or an action
            involves an actor the strategy lacks.
    """
    figsize = check_figure_options(_NAME, ax, figsize, smallest=_SMALLEST, largest=_LARGEST)
    options: dict[str, Any] = {
        "strategy": strategy,
        "lang": lang,
        "weight": weight,
        "level": level,
        "objective": objective,
        "labels": labels,
        "seed": seed,
        "isolates": isolates,
    }
    if ax is None:
        # Laid out before the figure is made: a bad option leaves no empty figure behind.
        layout = layout_network(obj, aspect=_aspect(figsize), **options)
        import matplotlib.pyplot as plt  # noqa: PLC0415 - the matplotlib way, in notebooks

        fig = plt.figure(figsize=figsize or (_WIDTH, _guess_height(layout)))
        return _fill(fig, layout, natural=figsize is None)
    # With a layout engine, the Axes is where the engine puts it: measured once laid out, and
    # fitted again once the title and the legend are there (and at each draw after).
    root = ax.figure.canvas.figure
    engine = root.get_layout_engine() is not None
    if engine:
        layout_pass(root)
    width, height = _size_in_points(ax)
    aspect = width / height if width > 0 and height > 0 else _ASPECT
    network = _draw(layout_network(obj, aspect=aspect, **options), ax)
    if engine:
        _settle(root, ax, network)
    return ax


def network_figure(
    obj: Renderable,
    /,
    *,
    strategy: Strategy | None = None,
    lang: str = "fr",
    weight: Weight = "count",
    level: int | None = None,
    objective: str | None = None,
    labels: int = 10,
    seed: int = 0,
    isolates: bool = True,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """The actor network of *obj* as a new figure, outside pyplot's state.

    The options are those of :func:`turbine.plot_network`.

    Raises:
        RenderError: As for :func:`turbine.plot_network`.
        UnknownIdError: As for :func:`turbine.plot_network`.
    """
    from matplotlib.figure import Figure  # noqa: PLC0415 - only when drawing

    figsize = check_figure_options(_NAME, None, figsize, smallest=_SMALLEST, largest=_LARGEST)
    layout = layout_network(
        obj,
        strategy=strategy,
        lang=lang,
        weight=weight,
        level=level,
        objective=objective,
        labels=labels,
        seed=seed,
        isolates=isolates,
        aspect=_aspect(figsize),
    )
    fig = Figure(figsize=figsize or (_WIDTH, _guess_height(layout)))
    _fill(fig, layout, natural=figsize is None)
    return fig


def _fill(fig: Figure, layout: NetworkLayout, *, natural: bool) -> Axes:
    """Draw *layout* into a new figure of ours, lay it out, and keep that layout.

    Constrained layout makes room for the title above the Axes and the legend below. A figure
    of its *natural* size is made as tall as its network needs plus what the title and the
    legend take, as laid out (taller when constrained layout found no room for them). The
    layout is then kept: constrained layout, run again at each draw, moves the Axes by a last
    bit now and then, which an SVG would show.
    """
    from matplotlib.backend_bases import FigureCanvasBase  # noqa: PLC0415 - only when drawing
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415

    fig.set_layout_engine("constrained", **_PADS)
    ax = fig.add_subplot()
    network = _draw(layout, ax)
    canvas = fig.canvas
    if type(canvas) is FigureCanvasBase:
        # One renderer for every pass, which measures each text once: a figure outside pyplot
        # would have a new one, and measure them all again, at each pass.
        FigureCanvasAgg(fig)
    try:
        laid_out = _settle(fig, ax, network)
        for _ in range(_ATTEMPTS if natural else 0):
            width, height = fig.get_size_inches()
            wanted = height * 1.5
            if laid_out:
                box = ax.get_position(original=True)
                wanted = _plot_height(layout, width * box.width) + height * (1 - box.height)
            if abs(wanted - height) < 0.01:
                break
            fig.set_size_inches(width, wanted)
            laid_out = _settle(fig, ax, network)
    finally:
        fig.set_canvas(canvas)
    fig.set_layout_engine("none")
    return ax


def _settle(fig: Figure, ax: Axes, network: _Network) -> bool:
    """Lay *fig* out until *ax* stays in place; ``False`` if constrained layout found no room.

    The layout engine measures the legend where the Axes were drawn last, with the limits of
    their last place: once the Axes move, another pass measures it where it will be drawn.
    """
    laid_out = True
    for _ in range(4):
        place = ax.get_position(original=True).bounds
        laid_out = layout_pass(fig)
        network.legend(ax)
        if all(
            math.isclose(a, b, abs_tol=1e-6)
            for a, b in zip(place, ax.get_position(original=True).bounds, strict=True)
        ):
            break
    return laid_out


def _aspect(figsize: tuple[float, float] | None) -> float:
    """About the width over the height of the Axes of a new figure of *figsize*."""
    if figsize is None:
        return _ASPECT
    width, height = figsize
    return width / max(height - _FURNITURE, height / 3)


def _plot_height(layout: NetworkLayout, width: float) -> float:
    """The height, in inches, of the Axes for *layout* in Axes *width* inches wide."""
    if layout.note is not None:
        return _HEIGHTS[0]
    unit = min(width / (layout.width + 1), _UNIT)
    low, high = _HEIGHTS
    return min(max(unit * (layout.height + 1), low), high)


def _guess_height(layout: NetworkLayout) -> float:
    """A first guess of a new figure's natural height, before its title and legend are measured."""
    return _plot_height(layout, _WIDTH - 0.5) + _FURNITURE


def _size_in_points(ax: Axes) -> tuple[float, float]:
    """The width and height of the place of *ax* in points (in a subfigure too)."""
    fig = ax.figure
    box = ax.get_position(original=True).transformed(fig.transSubfigure)
    scale = 72.0 / fig.dpi
    return box.width * scale, box.height * scale


def _draw(layout: NetworkLayout, ax: Axes) -> _Network:
    """Draw *layout* into *ax*: title, ties, actors, names and legend, fitted to *ax* as it is.

    Its invisible artist, drawn first in *ax*, fits them again at each draw (see _Network).
    """
    from matplotlib.collections import LineCollection  # noqa: PLC0415 - only when drawing
    from matplotlib.transforms import IdentityTransform  # noqa: PLC0415

    network = _Network(layout)
    ax.set_axis_off()
    network.subtitle = ax.annotate(
        "",
        xy=(0, 1),
        xycoords="axes fraction",
        xytext=(0, 4),
        textcoords="offset points",
        ha="left",
        va="bottom",
        color=_MUTED,
        fontproperties=_properties(_SUBTITLE_SIZE, "normal"),
        linespacing=_LINESPACING,
        parse_math=False,
        usetex=False,
        annotation_clip=False,
        gid="subtitle",
    )
    if layout.note is not None:
        ax.text(
            0.5,
            0.5,
            layout.note,
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=_MUTED,
            fontproperties=_properties(_SUBTITLE_SIZE + 1, "normal"),
            parse_math=False,
            usetex=False,
            gid="note",
        )
    else:
        ax.set_aspect("equal", adjustable="box")
        _ties(layout, ax)
        network.collections = _actors(layout, ax)
        # Leader lines from names placed away from their actor, in pixels: placed at each draw.
        leaders = LineCollection(
            [],
            colors=_MUTED,
            linewidths=0.6,
            transform=IdentityTransform(),
            clip_on=False,
            zorder=2.5,
            gid="leaders",
        )
        leaders.set_in_layout(False)
        ax.add_collection(leaders, autolim=False)
        network.leaders = leaders
        network.names = _annotations(layout, ax)
    ax.add_artist(network.sizer())
    network.fit(ax)
    network.legend(ax)
    return network


def _ties(layout: NetworkLayout, ax: Axes) -> None:
    """The ties, as wide as their weight, in one collection."""
    from matplotlib.collections import LineCollection  # noqa: PLC0415 - only when drawing

    if not layout.edges:
        return
    position = {node.node: (node.x, node.y) for node in layout.nodes}
    heaviest = max(edge.weight for edge in layout.edges)
    low, high = _EDGE_WIDTHS
    # Lighter as they are more: a few ties stay visible, thousands do not blacken the picture.
    alpha = min(_EDGE_ALPHA, max(0.08, 6 / math.sqrt(len(layout.edges))))
    ax.add_collection(
        LineCollection(
            [(position[edge.source], position[edge.target]) for edge in layout.edges],
            linewidths=[low + (high - low) * edge.weight / heaviest for edge in layout.edges],
            colors=_EDGE_COLOUR,
            alpha=alpha,
            capstyle="round",
            zorder=1,
            gid="edges",
        ),
        autolim=False,
    )


def _actors(layout: NetworkLayout, ax: Axes) -> list[tuple[PathCollection, str, list[int]]]:
    """The actors, one collection per typology: each with its marker and its actors' places.

    Their sizes are set by :meth:`_Network.fit`.
    """
    drawn = []
    for typology in layout.typologies:
        # Larger first, so that small actors stay visible over large ones.
        members = sorted(
            (i for i, node in enumerate(layout.nodes) if node.typology == typology.id),
            key=lambda i: -layout.nodes[i].degree,
        )
        if members:
            collection = ax.scatter(
                [layout.nodes[i].x for i in members],
                [layout.nodes[i].y for i in members],
                s=[1.0] * len(members),
                c=[typology.colour] * len(members),
                marker=typology.marker,
                edgecolors=_NODE_EDGE,
                linewidths=0.6,
                zorder=2,
                gid=_xml_id(f"nodes:{typology.id}"),
            )
            drawn.append((collection, typology.marker, members))
    return drawn


def _annotations(layout: NetworkLayout, ax: Axes) -> list[tuple[int, Annotation]]:
    """The names, most central first, each with its actor's place: placed at each draw."""
    from matplotlib.patheffects import AbstractPathEffect, withStroke  # noqa: PLC0415

    # A white halo keeps a name readable over ties and other actors.
    halo: list[AbstractPathEffect] = [withStroke(linewidth=2.5, foreground="white")]
    named = sorted(
        (i for i, node in enumerate(layout.nodes) if node.label is not None),
        key=lambda i: _rank(
            layout.nodes[i].betweenness, layout.nodes[i].degree, layout.nodes[i].id
        ),
    )
    names = []
    for i in named:
        node = layout.nodes[i]
        annotation = ax.annotate(
            node.label or "",
            xy=(node.x, node.y),
            xytext=(0.0, 0.0),
            textcoords="offset points",
            ha="center",
            va="center",
            multialignment="center",
            color=_INK,
            fontproperties=_properties(_LABEL_SIZE, "normal"),
            linespacing=_LINESPACING,
            parse_math=False,
            usetex=False,
            zorder=3,
            annotation_clip=False,
            gid=_xml_id(f"label:{node.id}"),
        )
        annotation.set_path_effects(halo)
        # Placed at each draw, in the Axes as they are: the layout engine must not move them.
        annotation.set_in_layout(False)
        names.append((i, annotation))
    return names


@functools.cache
def _marker_shape(marker: str) -> tuple[float, float, float]:
    """The ink area, half width and half height of *marker* drawn at a scatter size of 1.

    A scatter's size is the square of the marker's nominal size, not its area: a triangle
    inks half a square of the same size, a star a quarter. Sizes are divided by these areas.
    """
    import numpy as np  # noqa: PLC0415 - only when drawing
    from matplotlib.markers import MarkerStyle  # noqa: PLC0415

    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    area = 0.0
    for polygon in path.to_polygons(closed_only=False):  # curves as polygons: a circle's 0.785
        x, y = np.asarray(polygon)[:, 0], np.asarray(polygon)[:, 1]
        area += abs(float(x @ np.roll(y, -1) - y @ np.roll(x, -1))) / 2
    half_width, half_height = np.abs(path.vertices).max(axis=0).tolist()
    return area, half_width, half_height


def _ink(degree: int, most: int, unit: float) -> float:
    """The ink area, in points², of an actor of *degree* ties: linear in its number of ties.

    The largest marker is as large as a circle of 0.7 of the room an actor has (a layout unit,
    *unit* points), within bounds that keep every marker visible and none huge.
    """
    largest = min(max(0.7 * unit, 6.0), 24.0)  # diameter, in points
    smallest = max(largest * 0.3, 3.5)
    return math.pi / 4 * (smallest**2 + (largest**2 - smallest**2) * degree / (most or 1))


Box = tuple[float, float, float, float]  # x0, y0, x1, y1, in points


class _Network:
    """A network drawn in an Axes, fitted to the Axes as they are each time they are drawn.

    An invisible artist, drawn first in the Axes, calls :meth:`fit`: it sets the limits to
    the Axes' shape, the markers' sizes (and the legend's size keys) to the room an actor has,
    wraps the title and the subtitle to the Axes' width, and places the names.
    """

    def __init__(self, layout: NetworkLayout) -> None:
        self.layout = layout
        self.most = max((node.degree for node in layout.nodes), default=0)
        self.unit = 0.0
        self.subtitle: Text | None = None
        self.collections: list[tuple[PathCollection, str, list[int]]] = []
        self.leaders: LineCollection | None = None
        self.names: list[tuple[int, Annotation]] = []
        self.sizes: Key | None = None  # the legend of the markers' sizes
        self.keys: list[tuple[int, int]] = []  # its keys: handle index, degree
        self.title_key: tuple[str, int] | None = None

    def sizer(self) -> Artist:
        """The invisible artist that fits the drawing, drawn before everything else."""
        from matplotlib.artist import Artist  # noqa: PLC0415 - only when drawing

        sizer = Artist()
        sizer.set_zorder(-1)
        sizer.set_in_layout(False)
        # An attribute, not a subclass: the figure still pickles (a module-level function does).
        sizer.draw = functools.partial(_fit_when_drawn, self, sizer)  # type: ignore[method-assign]
        return sizer

    def fit(self, ax: Axes, renderer: RendererBase | None = None) -> None:
        """Fit to *ax*; place the names too when drawing (with a *renderer*, which sizes them)."""
        import numpy as np  # noqa: PLC0415 - only when drawing
        from matplotlib.lines import Line2D  # noqa: PLC0415

        layout = self.layout
        if layout.note is None:
            _fit_limits(layout, ax)
            ax.apply_aspect()
        scale = 72.0 / ax.figure.dpi
        width, height = ax.bbox.width * scale, ax.bbox.height * scale
        self.title(ax, width)
        if layout.note is not None:
            return
        self.unit = min(width / (layout.width + 1), height / (layout.height + 1))
        areas = np.array([_ink(node.degree, self.most, self.unit) for node in layout.nodes])
        for collection, marker, members in self.collections:
            sizes = areas[members] / _marker_shape(marker)[0]
            if not np.array_equal(collection.get_sizes(), sizes):
                collection.set_sizes(sizes)
        if self.sizes is not None:
            for index, degree in self.keys:
                handle = self.sizes.legend_handles[index]
                size = self.key_size(degree)
                if isinstance(handle, Line2D) and handle.get_markersize() != size:
                    handle.set_markersize(size)
        if renderer is not None:
            self.place_names(ax, renderer, areas)

    def title(self, ax: Axes, width: float) -> None:
        """The strategy's title, and under it what is drawn, both wrapped to *width* points."""
        width = max(width, 60.0)
        font = _font(_SUBTITLE_SIZE)
        subtitle = "\n".join(_shortened(self.layout.subtitle, width, font, _SUBTITLE_LINES))
        if self.subtitle is not None and self.subtitle.get_text() != subtitle:
            self.subtitle.set_text(subtitle)
        font = _font(_TITLE_SIZE, "bold")
        key = (
            "\n".join(_shortened(self.layout.title, width, font, _TITLE_LINES)),
            subtitle.count("\n") + 1,
        )
        if key == self.title_key:
            return
        self.title_key = key
        title, lines = key
        ax.set_title(
            title,
            loc="left",
            # Above the subtitle, with a gap as tall as a third of a line.
            pad=4 + lines * _SUBTITLE_SIZE * _LINESPACING + 4,
            color=_INK,
            fontproperties=_properties(_TITLE_SIZE, "bold"),
            linespacing=_LINESPACING,
            parse_math=False,
            usetex=False,
            gid="title",
        )

    def key_size(self, degree: int) -> float:
        """The size of a circle with the ink of an actor of *degree* ties (a Line2D's size)."""
        return math.sqrt(_ink(degree, self.most, self.unit) / _marker_shape("o")[0])

    def legend(self, ax: Axes) -> None:
        """The legend below *ax*: the typologies, and on their right the sizes of a few degrees.

        Two legends side by side, each with rows of its own height: the sizes' are as tall as
        their largest key, which grows with the room an actor has. Made anew when that room
        changes.
        """
        from matplotlib.legend import Legend  # noqa: PLC0415 - only when drawing
        from matplotlib.lines import Line2D  # noqa: PLC0415
        from matplotlib.transforms import ScaledTranslation  # noqa: PLC0415

        layout = self.layout
        if layout.note is not None:
            return
        font = _font(_LEGEND_SIZE)
        circle = _marker_shape("o")[0]
        typologies = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker=typology.marker,
                # The ink of the same circle, whatever the marker.
                markersize=_LEGEND_MARKER * math.sqrt(circle / _marker_shape(typology.marker)[0]),
                markerfacecolor=typology.colour,
                markeredgecolor=_NODE_EDGE,
            )
            for typology in layout.typologies
        ]
        degrees = sorted({node.degree for node in layout.nodes})
        shown = sorted({degrees[0], degrees[len(degrees) // 2], degrees[-1]})
        keys = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=self.key_size(degree),
                markerfacecolor=_SIZE_KEY,
                markeredgecolor=_NODE_EDGE,
            )
            for degree in shown
        ]
        style: dict[str, Any] = {
            "frameon": False,
            "prop": _properties(_LEGEND_SIZE, "normal"),
            "labelspacing": 0.4,
        }
        # Side by side, a gap of 12 points between them, about the Axes' centre.
        gap = functools.partial(ScaledTranslation, yt=0.0, scale_trans=ax.figure.dpi_scale_trans)
        legend = ax.legend(
            typologies,
            [
                "\n".join(_wrap(f"{typology.label} ({typology.count})", _LEGEND_WIDTH, font))
                for typology in layout.typologies
            ],
            loc="upper right",
            bbox_to_anchor=(0.5, 0.0),
            bbox_transform=ax.transAxes + gap(-6 / 72),
            title=_WORDS[layout.lang]["legend"],
            alignment="left",
            title_fontproperties=_properties(_LEGEND_SIZE + 0.5, "bold"),
            **style,
        )
        legend.set_gid("legend")
        largest = self.key_size(degrees[-1]) / _LEGEND_SIZE
        if self.sizes is not None:
            self.sizes.remove()
        sizes = Legend(
            ax,
            keys,
            [_count(layout.lang, "ties", degree) for degree in shown],
            loc="upper left",
            bbox_to_anchor=(0.5, 0.0),
            bbox_transform=ax.transAxes + gap(6 / 72),
            # Rows as tall as the largest key, so that the keys do not overlap; and as tall as
            # the other legend's title above the first.
            title=" ",
            title_fontproperties=_properties(_LEGEND_SIZE + 0.5, "bold"),
            handleheight=max(0.7, largest),
            handlelength=max(2.0, largest),
            **style,
        )
        sizes.set_gid("legend:sizes")
        ax.add_artist(sizes)
        self.sizes = sizes
        for text in (
            *legend.get_texts(),
            legend.get_title(),
            *sizes.get_texts(),
            sizes.get_title(),
        ):
            # Content is text, never mathtext: a "$" in a typology's name stays a dollar.
            text.set_parse_math(False)
            text.set_usetex(False)
        self.keys = list(enumerate(shown))

    def place_names(self, ax: Axes, renderer: RendererBase, areas: np.ndarray) -> None:
        """Name the most central actors, each where it overlaps least what is already there.

        Names are placed most central first, around their actor (above, below, beside, on the
        diagonals; further out, with a leader line, when nearer places are taken): at the
        first place that overlaps no other name and no actor, and stays in the Axes, else where
        the overlap costs least. A name that cannot be placed without covering one already
        placed is left out (hidden). Boxes are measured in points, as *renderer* draws them.
        """
        import numpy as np  # noqa: PLC0415 - only when drawing
        from matplotlib.text import Text  # noqa: PLC0415

        if not self.names:
            return
        fig = ax.figure
        scale = 72.0 / fig.dpi
        frame = ax.bbox
        inside = np.array([[frame.x0, frame.y0, frame.x1, frame.y1]]) * scale
        nodes = self.layout.nodes
        centres = ax.transData.transform([(node.x, node.y) for node in nodes]) * scale
        shapes = {
            typology.id: _marker_shape(typology.marker) for typology in self.layout.typologies
        }
        half = (
            np.array([[shapes[node.typology][1], shapes[node.typology][2]] for node in nodes])
            * np.sqrt(areas / [shapes[node.typology][0] for node in nodes])[:, None]
        )
        bounds = np.column_stack((centres - half, centres + half))
        # Names are measured as drawn, by a text of their font outside the figure.
        measure = Text(
            0,
            0,
            "",
            fontproperties=_properties(_LABEL_SIZE, "normal"),
            linespacing=_LINESPACING,
            parse_math=False,
            usetex=False,
        )
        measure.set_figure(fig.canvas.figure)
        placed = np.empty((len(self.names), 4))
        count = 0
        segments = []
        for i, annotation in self.names:
            measure.set_text(annotation.get_text())
            extent = measure.get_window_extent(renderer)
            size = (extent.width * scale, extent.height * scale)
            others = np.delete(bounds, i, axis=0)
            best: tuple[bool, float, Box, tuple[float, float, str, str], int] | None = None
            for ring, place in _candidates(float(half[i].max()) + 2.0):
                box = _place_box(centres[i], place, size)
                # A name must not cover a name, with a point between them; covering an actor,
                # or leaving the Axes, costs; and a nearer place is worth a little overlap.
                covers = _overlaps(_grown(box, 1.0), placed[:count]) > 0
                cost = _overlaps(box, others)
                cost += 10 * (size[0] * size[1] - _overlaps(box, inside))
                cost += 20 * ring
                if best is None or (covers, cost) < best[:2]:
                    best = (covers, cost, box, place, ring)
                if not covers and cost == 0:
                    break
            assert best is not None  # noqa: S101 - there are candidates
            covers, _, box, (dx, dy, ha, va), ring = best
            if not covers:
                placed[count] = box
                count += 1
                _move(annotation, (dx, dy), ha, va)
                if ring:
                    segments.append(_leader(centres[i], float(half[i].max()), box, scale))
            if annotation.get_visible() == covers:
                annotation.set_visible(not covers)
        if (
            self.leaders is not None
            and [s.tolist() for s in self.leaders.get_segments()] != segments
        ):
            self.leaders.set_segments(segments)


def _fit_when_drawn(network: _Network, sizer: Artist, renderer: RendererBase) -> None:
    if sizer.axes is not None:  # else removed from its Axes
        network.fit(cast("Axes", sizer.axes), renderer)


def _fit_limits(layout: NetworkLayout, ax: Axes) -> None:
    """Set *ax*'s limits to the layout and half a unit around it, widened to the Axes' shape.

    The shorter side of the layout is widened, on both sides, until the limits have the shape of
    the place the Axes is given: then the equal aspect leaves the Axes in that place, and the
    title, wrapped to its width, stays above it. (Letting matplotlib widen the limits,
    ``adjustable="datalim"``, widens them anew at each draw of a figure with a layout engine.)
    """
    width, height = _size_in_points(ax)
    x_range, y_range = layout.width + 1, layout.height + 1
    if width > 0 and height > 0:
        shape = width / height
        if x_range / y_range < shape:
            x_range = y_range * shape
        else:
            y_range = x_range / shape
    centre_x, centre_y = layout.width / 2, -layout.height / 2
    limits = (
        (centre_x - x_range / 2, centre_x + x_range / 2),
        (centre_y - y_range / 2, centre_y + y_range / 2),
    )
    # Set only when they change: setting them marks the figure as to be drawn again.
    if (tuple(ax.get_xlim()), tuple(ax.get_ylim())) != limits:
        ax.set_xlim(*limits[0])
        ax.set_ylim(*limits[1])


def _move(annotation: Annotation, offset: tuple[float, float], ha: str, va: str) -> None:
    """Put *annotation* at *offset* points from its actor, aligned there by *ha* and *va*."""
    if tuple(annotation.xyann) != offset:
        annotation.xyann = offset
    if annotation.get_horizontalalignment() != ha:
        annotation.set_horizontalalignment(ha)  # type: ignore[arg-type]
        annotation.set_multialignment(ha)  # type: ignore[arg-type]
    if annotation.get_verticalalignment() != va:
        annotation.set_verticalalignment(va)  # type: ignore[arg-type]


def _leader(centre: Sequence[float], radius: float, box: Box, scale: float) -> list[list[float]]:
    """The line, in pixels, from the edge of an actor's marker to the nearest point of *box*."""
    x = min(max(centre[0], box[0]), box[2])
    y = min(max(centre[1], box[1]), box[3])
    distance = math.hypot(x - centre[0], y - centre[1])
    start = min(radius, distance) / distance if distance > 0 else 0.0
    points = [
        [centre[0] + (x - centre[0]) * start, centre[1] + (y - centre[1]) * start],
        [x, y],
    ]
    return [[coordinate / scale for coordinate in point] for point in points]


def _candidates(gap: float) -> list[tuple[int, tuple[float, float, str, str]]]:
    """Where a name may go around its node, nearest first: ring, offset in points, alignment."""
    places = []
    for ring, distance in enumerate((gap, gap + 12.0, gap + 26.0)):
        diagonal = distance * 0.75
        places += [
            (ring, (0.0, distance, "center", "bottom")),
            (ring, (0.0, -distance, "center", "top")),
            (ring, (distance, 0.0, "left", "center")),
            (ring, (-distance, 0.0, "right", "center")),
            (ring, (diagonal, diagonal, "left", "bottom")),
            (ring, (-diagonal, diagonal, "right", "bottom")),
            (ring, (diagonal, -diagonal, "left", "top")),
            (ring, (-diagonal, -diagonal, "right", "top")),
        ]
    return places


def _place_box(
    centre: Sequence[float], place: tuple[float, float, str, str], size: tuple[float, float]
) -> Box:
    """The box, in points, of a text of *size* at *place* around *centre*."""
    dx, dy, ha, va = place
    width, height = size
    x0 = centre[0] + dx - {"left": 0.0, "center": width / 2, "right": width}[ha]
    y0 = centre[1] + dy - {"bottom": 0.0, "center": height / 2, "top": height}[va]
    return (x0, y0, x0 + width, y0 + height)


def _grown(box: Box, margin: float) -> Box:
    """*box* with *margin* points more on each side."""
    return (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)


def _overlaps(box: Box, boxes: np.ndarray) -> float:
    """The area *box* shares with each of *boxes* (rows of x0, y0, x1, y1), summed."""
    import numpy as np  # noqa: PLC0415 - only when drawing

    width = np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0])
    height = np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1])
    return float((np.clip(width, 0, None) * np.clip(height, 0, None)).sum())


# -- files ---------------------------------------------------------------------------------------


def write_network(
    obj: Renderable,
    path: str | os.PathLike[str],
    /,
    *,
    strategy: Strategy | None = None,
    lang: str = "fr",
    weight: Weight = "count",
    level: int | None = None,
    objective: str | None = None,
    labels: int = 10,
    seed: int = 0,
    isolates: bool = True,
    figsize: tuple[float, float] | None = None,
    dpi: float = 200,
) -> None:
    """Write the actor network of *obj* to *path*: a PNG, an SVG or a one-page PDF.

    The file is written atomically; SVG and PDF bytes are the same from one run to the next.
    The options are those of :func:`turbine.plot_network`, and *dpi* for a PNG.

    Raises:
        RenderError: The suffix is not ``.png``, ``.svg`` or ``.pdf``, or as for
            :func:`turbine.plot_network`; *dpi* is not from 10 to 1200, or makes a PNG too large.
        UnknownIdError: As for :func:`turbine.plot_network`.
        TurbineFileError: The file cannot be written.
    """
    kind = _FORMATS.get(suffix_of(path))
    if kind is None:
        raise RenderError(
            f"writes .png, .svg and .pdf files, not {suffix_of(path) or 'suffix-less'!r} ones",
            renderer=_NAME,
            path=os.fspath(path),
        )
    check_dpi(_NAME, dpi)
    fig = network_figure(
        obj,
        strategy=strategy,
        lang=lang,
        weight=weight,
        level=level,
        objective=objective,
        labels=labels,
        seed=seed,
        isolates=isolates,
        figsize=figsize,
    )
    if kind == "png":
        check_pixels(_NAME, fig, dpi, path)
    buffer = io.BytesIO()
    _save(fig, buffer, kind, dpi)
    write_atomic(path, buffer.getvalue())


class NetworkRenderer:
    """Draws the actor network of a strategy, an axis or an objective with matplotlib.

    :meth:`render` returns a :class:`~matplotlib.figure.Figure`; :meth:`write` writes PNG, SVG
    or PDF. Options: those of :func:`turbine.plot_network` (``strategy`` for an axis or an
    objective, ``lang``, ``weight``, ``level``, ``objective``, ``labels``, ``seed``,
    ``isolates``, ``figsize``), and ``dpi`` when writing a PNG.
    """

    name = _NAME
    description = "the actor network, actors tied by shared actions (matplotlib: PNG, SVG, PDF)"
    accepts: tuple[type, ...] = (Strategy, Axis, Objective)
    returns = "figure"
    suffixes = (".png", ".svg", ".pdf")

    def render(self, obj: Renderable, /, **options: Any) -> Figure:
        """The figure of *obj*'s actor network (see :func:`network_figure`)."""
        figure: Figure = call_with_options(self.name, network_figure, obj, **options)
        return figure

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        """Write *obj*'s actor network to *path* (see :func:`write_network`)."""
        call_with_options(self.name, write_network, obj, path, **options)
