"""The ``network`` renderer: the actor network, drawn with matplotlib.

The actors are the nodes of :func:`turbine.graph.actor_projection`, tied by the actions they
share. A node's colour and shape say its typology (two cues, for colour-blind readers and
greyscale prints), its area its number of ties; an edge's width says its weight. The most central
actors (by betweenness) are named. The layout is a seeded spring layout of each connected
component, the components packed largest first and the isolated actors in rows below: the same
strategy and seed give the same picture, run after run.

matplotlib, networkx and numpy are imported only when something is drawn.
"""

from __future__ import annotations

import io
import math
import os
from typing import TYPE_CHECKING, Any

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
    _MAX_PIXELS,
    _MUTED,
    _TYPOLOGY_COLOURS,
    _colour_or,
    _font,
    _properties,
    _save,
    _wrap,
    _xml_id,
)
from turbine.renderers._registry import Renderable, call_with_options, suffix_of

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "NetworkEdge",
    "NetworkLayout",
    "NetworkNode",
    "NetworkRenderer",
    "NetworkTypology",
    "layout_network",
    "network_figure",
    "plot_network",
    "write_network",
]

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

# A second cue beside the colour: one marker shape per typology, in the legend's order.
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
_SUBTITLE_SIZE = 8.5
_LEGEND_SIZE = 8.0
_LEGEND_WIDTH = 190.0  # points: a typology's name in the legend wraps to this width
_LINESPACING = 1.2
_ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
# A new figure is 8 inches wide, and as tall as the network needs, within bounds; the title
# and the legend take about two inches of it. Its components are packed for Axes this much
# wider than tall.
_WIDTH = 8.0
_HEIGHTS = (2.5, 9.0)
_FURNITURE = 2.3
_ASPECT = 1.4
# Constrained layout's room around the Axes, title and legend, in inches: a margin, as on paper.
_PADS = {"w_pad": 0.25, "h_pad": 0.2}
_ITERATIONS = 100
# Repulsion is computed over blocks of rows: memory stays linear in the number of actors.
_BLOCK = 256


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
            :func:`turbine.graph.actor_measures` computes it (0.0 when ``labels=0``).
        x: Its position, in layout units (about one per actor's room).
        y: Its position; up is positive.
        label: The text drawn beside it (its name, wrapped and shortened), or ``None``.
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
    _check_int("labels", labels, low=0)
    _check_int("seed", seed)
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
        betweenness = nx.betweenness_centrality(projection)

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
            label=_label(data["label"]) if node in named else None,
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


def _check_int(option: str, value: object, *, low: int | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or (low is not None and value < low):
        wanted = "a whole number" if low is None else f"a whole number of at least {low}"
        raise RenderError(
            f"{option} must be {wanted}, not {value!r}", renderer=_NAME, option=option
        )


def _scope(
    obj: object, strategy: object
) -> tuple[Strategy, Strategy, tuple[tuple[Objective, Axis | None], ...]]:
    """The strategy to project (*obj*'s actions only), the whole strategy, *obj*'s objectives.

    Actors live on the strategy: an axis or an objective is drawn with the strategy it belongs
    to, restricted to its own objectives.
    """
    strategy = check_strategy(_NAME, strategy)
    if isinstance(obj, Strategy):
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


def _label(name: str) -> str:
    """*name* wrapped to two lines at most, with an ellipsis when it is longer."""
    font = _font(_LABEL_SIZE)
    lines = _wrap(" ".join(name.split()) or name, _LABEL_WIDTH, font)
    if len(lines) > _LABEL_LINES:
        last = lines[_LABEL_LINES - 1]
        while last and font.width(last + _ELLIPSIS) > _LABEL_WIDTH:
            last = last[:-1]
        lines = [*lines[: _LABEL_LINES - 1], last.rstrip() + _ELLIPSIS]
    return "\n".join(lines)


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

    A typology's colour is the one the matrix gives it: its own, else one of Okabe and Ito's by
    its place in the legend.
    """
    legend = Legend.of(strategy)
    known = [typology.id for typology in legend.typologies]
    extra = [a.typology for a in strategy.actors if a.typology not in known]
    columns = [*legend.typologies, *(legend.typology(t) for t in dict.fromkeys(extra))]
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node.typology] = counts.get(node.typology, 0) + 1
    return tuple(
        NetworkTypology(
            id=typology.id,
            label=typology.label.text(lang),
            colour=_colour_or(typology.color, _TYPOLOGY_COLOURS[index % len(_TYPOLOGY_COLOURS)]),
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
    import numpy as np  # noqa: PLC0415 - only when drawing

    # Components by union-find, in document order: the first node of each is its root.
    parent = {node: node for node in nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    order = {node: index for index, node in enumerate(nodes)}
    for u, v, _ in ties:
        first, second = sorted((root(u), root(v)), key=order.__getitem__)
        parent[second] = first
    members: dict[str, list[str]] = {}
    for node in nodes:
        members.setdefault(root(node), []).append(node)
    links: dict[str, list[tuple[str, str, float]]] = {}
    for tie in ties:
        links.setdefault(root(tie[0]), []).append(tie)
    components = sorted(members.items(), key=lambda item: (-len(item[1]), order[item[0]]))
    boxes = []
    for place, (first, group) in enumerate(components):
        local = {node: index for index, node in enumerate(group)}
        edges = [(local[u], local[v], w) for u, v, w in links.get(first, [])]
        # One generator per component, seeded by the seed and its place: a component's layout
        # does not depend on how the others were drawn.
        generator = np.random.default_rng([seed % 2**63, place])
        boxes.append((group, _spring(len(group), edges, generator)))
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
    """Shelf-pack the components' boxes in rows, centred, top to bottom.

    *boxes* come largest first; the isolated actors, last, start rows of their own: a grid
    under the network.
    """
    import numpy as np  # noqa: PLC0415 - only when drawing

    # The room an actor has in the largest component: the other components are scaled up to
    # it, an isolated actor has a square of it, and it is the room around each component.
    # A tangle of hundreds of actors is wide in units (its centre is dense); pairs and isolated
    # actors are not, and would shrink to specks beside it.
    largest = boxes[0][1] if boxes else np.zeros((1, 2))
    room = max(1.0, math.sqrt(float(np.ptp(largest[:, 0]) * np.ptp(largest[:, 1])) / len(largest)))
    boxes = [
        (members, points if index == 0 else points * room)
        for index, (members, points) in enumerate(boxes)
    ]
    sizes = [
        (float(np.ptp(points[:, 0])) + room, float(np.ptp(points[:, 1])) + room)
        for _, points in boxes
    ]
    area = sum(w * h for w, h in sizes)
    row_width = max([math.sqrt(area * aspect), *(w for w, _ in sizes)], default=0.0)
    rows: list[list[int]] = []
    used = math.inf
    for index, (width, _) in enumerate(sizes):
        isolated = len(boxes[index][0]) == 1
        first_isolated = isolated and bool(rows) and len(boxes[rows[-1][-1]][0]) > 1
        if used + width > row_width + 1e-9 or first_isolated:
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
            members, points = boxes[index]
            width, _ = sizes[index]
            centre_x, centre_y = x + width / 2, top - height / 2
            for node, (px, py) in zip(members, points.tolist(), strict=True):
                positions[node] = (centre_x + px, centre_y + py)
            x += width
        top -= height
    return positions, row_width, -top


# -- drawing -------------------------------------------------------------------------------------


def _check_figure_options(ax: object, figsize: object) -> None:
    from matplotlib.axes import Axes  # noqa: PLC0415 - only when drawing

    if ax is not None and not isinstance(ax, Axes):
        raise RenderError(
            f"ax must be a matplotlib Axes or None, not {type(ax).__name__}",
            renderer=_NAME,
            option="ax",
        )
    if figsize is not None and not (
        isinstance(figsize, tuple | list)
        and len(figsize) == 2
        and all(
            isinstance(side, int | float) and not isinstance(side, bool) and 0 < side < 1000
            for side in figsize
        )
    ):
        raise RenderError(
            f"figsize must be None or (width, height) in inches, each above 0 and below 1000, "
            f"not {figsize!r}",
            renderer=_NAME,
            option="figsize",
        )


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
        ax: The Axes to draw into; the legend goes below it. ``None`` makes a new figure.
        strategy: The strategy *obj* belongs to, when it is an axis or an objective: it holds
            the actors.
        lang: The language of turbine's words: subtitle, legend (``"fr"`` or ``"en"``).
        weight: The tie weight, one of :data:`turbine.graph.WEIGHTS`: edges are as wide as
            their weight, and heavier ties pull their actors closer.
        level: Only the actions of this service level (its code).
        objective: Only the actions of this objective (its id).
        labels: How many actors to name: the most central, by betweenness, then number of
            ties, then id.
        seed: The seed of the layout: the same seed gives the same picture.
        isolates: Draw the actors without ties (in rows below the network).
        figsize: The size of a new figure, in inches.

    Returns:
        The Axes it drew into. The nodes of each typology are one collection with the id
        ``nodes:TYPOLOGY``, the ties one with the id ``edges``, and each name a text with the
        id ``label:ACTOR``, which SVG output keeps as element ids.

    Raises:
        RenderError: An option has a value it does not take (a weight, a level that is not a
            code, *ax* not an Axes...), *obj* is an axis or an objective without its
            strategy, or holds values of the wrong Python types.
        UnknownIdError: *level* or *objective* names none of the strategy's, or an action
            involves an actor the strategy lacks.
    """
    _check_figure_options(ax, figsize)
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
    if ax is not None:
        width, height = _size_in_points(ax)
        layout = layout_network(obj, aspect=width / height if height > 0 else 1.0, **options)
        _draw(layout, ax)
        return ax
    # Laid out before the figure is made: a bad option leaves no empty figure behind.
    layout = layout_network(obj, aspect=_aspect(figsize), **options)
    import matplotlib.pyplot as plt  # noqa: PLC0415 - the matplotlib way, in notebooks

    # Constrained layout makes room for the title above the Axes and the legend below.
    fig = plt.figure(figsize=figsize or _natural_size(layout))
    fig.set_layout_engine("constrained", **_PADS)
    ax = fig.add_subplot()
    _draw(layout, ax, fig)
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

    _check_figure_options(None, figsize)
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
    fig = Figure(figsize=figsize or _natural_size(layout))
    fig.set_layout_engine("constrained", **_PADS)
    _draw(layout, fig.add_subplot(), fig)
    return fig


def _aspect(figsize: tuple[float, float] | None) -> float:
    """About the width over the height of the Axes of a new figure of *figsize*."""
    if figsize is None:
        return _ASPECT
    width, height = figsize
    return width / max(height - _FURNITURE, height / 2)


def _natural_size(layout: NetworkLayout) -> tuple[float, float]:
    """The size of a new figure for *layout*, in inches: as tall as the network needs."""
    if layout.note is not None:
        return (_WIDTH, _HEIGHTS[0] + _FURNITURE)
    low, high = _HEIGHTS
    height = (_WIDTH - 0.4) * (layout.height + 1) / (layout.width + 1)
    return (_WIDTH, min(max(height, low), high) + _FURNITURE)


def _size_in_points(ax: Axes) -> tuple[float, float]:
    """The width and height of *ax* in points, as it is now (in a subfigure too)."""
    scale = 72.0 / ax.figure.dpi
    return ax.bbox.width * scale, ax.bbox.height * scale


def _draw(layout: NetworkLayout, ax: Axes, fig: Figure | None = None) -> None:
    """Draw *layout* into *ax*: title, ties, actors, legend and names.

    *fig* is the figure when it is our own: its layout engine runs before the names are placed,
    so that they avoid each other where they will be drawn.
    """
    width, height = _size_in_points(ax)
    ax.set_axis_off()
    _title(layout, ax, width)
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
        return
    ax.set_aspect("equal", adjustable="box")
    _fit_limits(layout, ax)
    unit = min(width / (layout.width + 1), height / (layout.height + 1))
    areas = _areas(layout, unit)
    _ties(layout, ax)
    _actors(layout, ax, areas)
    _legend(layout, ax, areas)
    if fig is not None:
        # Twice: the first layout is made with a box that may be narrower than its place (the
        # limits did not fit it yet); the second with the box in its place, as it will be drawn.
        for _ in range(2):
            fig.draw_without_rendering()
            _fit_limits(layout, ax)
        # Then kept: the names are placed for this layout, and constrained layout, run again at
        # each draw, moves the Axes by a last bit now and then, which an SVG may show.
        fig.set_layout_engine("none")
    ax.apply_aspect()
    _names(layout, ax, areas)


def _fit_limits(layout: NetworkLayout, ax: Axes) -> None:
    """Set *ax*'s limits to the layout and half a unit around it, widened to the Axes' shape.

    The shorter side of the layout is widened, on both sides, until the limits have the shape of
    the place the Axes is given: then the equal aspect leaves the Axes in that place, and the
    title, wrapped to its width, stays above it. (Letting matplotlib widen the limits,
    ``adjustable="datalim"``, widens them anew at each draw of a figure with a layout engine.)
    """
    box = ax.get_position(original=True)
    frame = ax.figure.bbox
    width, height = box.width * frame.width, box.height * frame.height
    x_range, y_range = layout.width + 1, layout.height + 1
    if width > 0 and height > 0:
        shape = width / height
        if x_range / y_range < shape:
            x_range = y_range * shape
        else:
            y_range = x_range / shape
    centre_x, centre_y = layout.width / 2, -layout.height / 2
    ax.set_xlim(centre_x - x_range / 2, centre_x + x_range / 2)
    ax.set_ylim(centre_y - y_range / 2, centre_y + y_range / 2)


def _areas(layout: NetworkLayout, unit: float) -> dict[str, float]:
    """Each actor's marker area in points², linear in its number of ties.

    The largest marker is at most 0.7 of the room an actor has (a layout unit, *unit* points),
    within bounds that keep every marker visible and none huge.
    """
    largest = min(max(0.7 * unit, 6.0), 24.0)  # diameter, in points
    smallest = max(largest * 0.3, 3.5)
    most = max((node.degree for node in layout.nodes), default=0) or 1
    return {
        node.node: smallest**2 + (largest**2 - smallest**2) * node.degree / most
        for node in layout.nodes
    }


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


def _actors(layout: NetworkLayout, ax: Axes, areas: Mapping[str, float]) -> None:
    """The actors, one collection per typology, in its colour and marker."""
    for typology in layout.typologies:
        # Larger first, so that small actors stay visible over large ones.
        members = sorted(
            (node for node in layout.nodes if node.typology == typology.id),
            key=lambda node: -node.degree,
        )
        if members:
            ax.scatter(
                [node.x for node in members],
                [node.y for node in members],
                s=[areas[node.node] for node in members],
                c=[typology.colour] * len(members),
                marker=typology.marker,
                edgecolors=_NODE_EDGE,
                linewidths=0.6,
                zorder=2,
                gid=_xml_id(f"nodes:{typology.id}"),
            )


def _title(layout: NetworkLayout, ax: Axes, width: float) -> None:
    """The strategy's title, and under it what is drawn, both wrapped to the Axes' width."""
    width = max(width, 60.0)
    subtitle = "\n".join(_wrap(layout.subtitle, width, _font(_SUBTITLE_SIZE)))
    ax.annotate(
        subtitle,
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
    lines = subtitle.count("\n") + 1
    ax.set_title(
        "\n".join(_wrap(layout.title, width, _font(_TITLE_SIZE, "bold"))),
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


def _legend(layout: NetworkLayout, ax: Axes, areas: Mapping[str, float]) -> None:
    """One legend below the Axes: the typologies, and beside them the sizes of a few degrees."""
    from matplotlib.lines import Line2D  # noqa: PLC0415 - only when drawing

    font = _font(_LEGEND_SIZE)
    left: list[tuple[Any, str]] = [
        (
            Line2D(
                [],
                [],
                linestyle="none",
                marker=typology.marker,
                markersize=8,
                markerfacecolor=typology.colour,
                markeredgecolor=_NODE_EDGE,
            ),
            "\n".join(_wrap(f"{typology.label} ({typology.count})", _LEGEND_WIDTH, font)),
        )
        for typology in layout.typologies
    ]
    area_of = {node.degree: areas[node.node] for node in layout.nodes}
    degrees = sorted(area_of)
    shown = sorted({degrees[0], degrees[len(degrees) // 2], degrees[-1]})
    right: list[tuple[Any, str]] = [
        (
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                # A marker's size is its diameter; a scatter's, its area.
                markersize=math.sqrt(area_of[degree]),
                markerfacecolor=_SIZE_KEY,
                markeredgecolor=_NODE_EDGE,
            ),
            _count(layout.lang, "ties", degree),
        )
        for degree in shown
    ]
    # Two columns, which a legend fills column by column: typologies, then sizes.
    rows = max(len(left), len(right))
    blank = (Line2D([], [], linestyle="none"), "")
    entries = [*left, *[blank] * (rows - len(left)), *right, *[blank] * (rows - len(right))]
    legend = ax.legend(
        [handle for handle, _ in entries],
        [text for _, text in entries],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=2,
        frameon=False,
        title=_WORDS[layout.lang]["legend"],
        alignment="left",
        prop=_properties(_LEGEND_SIZE, "normal"),
        title_fontproperties=_properties(_LEGEND_SIZE + 0.5, "bold"),
        columnspacing=2.0,
        # Rows as tall as the largest size key, so that the keys do not overlap.
        handleheight=max(0.7, math.sqrt(max(area_of.values())) / _LEGEND_SIZE),
        handlelength=max(2.0, math.sqrt(max(area_of.values())) / _LEGEND_SIZE),
        labelspacing=0.4,
    )
    legend.set_gid("legend")
    for text in (*legend.get_texts(), legend.get_title()):
        # Content is text, never mathtext: a "$" in a typology's name stays a dollar.
        text.set_parse_math(False)
        text.set_usetex(False)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1, in points


def _names(layout: NetworkLayout, ax: Axes, areas: Mapping[str, float]) -> None:
    """Name the most central actors, each where it overlaps least what is already there.

    Names are placed most central first, around their node (above, below, beside, on the
    diagonals; further out, with a leader line, when nearer places are taken): at the first
    place that overlaps no other name and no actor, and stays in the Axes, else where the
    overlap costs least. Overlaps are measured in points, on the Axes as it is now.
    """
    import numpy as np  # noqa: PLC0415 - only when drawing
    from matplotlib.patheffects import AbstractPathEffect, withStroke  # noqa: PLC0415

    named = sorted(
        (node for node in layout.nodes if node.label is not None),
        key=lambda node: _rank(node.betweenness, node.degree, node.id),
    )
    if not named:
        return
    scale = 72.0 / ax.figure.dpi
    frame = ax.bbox
    inside: Box = (frame.x0 * scale, frame.y0 * scale, frame.x1 * scale, frame.y1 * scale)
    centres = ax.transData.transform([(node.x, node.y) for node in layout.nodes]) * scale
    radii = np.sqrt([areas[node.node] for node in layout.nodes]) / 2
    discs = np.column_stack((centres - radii[:, None], centres + radii[:, None]))
    index = {node.node: i for i, node in enumerate(layout.nodes)}
    font = _font(_LABEL_SIZE)
    placed: list[Box] = []
    # A white halo keeps a name readable over ties and other actors.
    halo: list[AbstractPathEffect] = [withStroke(linewidth=2.5, foreground="white")]
    for node in named:
        text = node.label or ""
        lines = text.split("\n")
        size = (max(font.width(line) for line in lines), len(lines) * _LABEL_SIZE * _LINESPACING)
        i = index[node.node]
        others = np.delete(discs, i, axis=0)
        best: tuple[float, Box, tuple[float, float, str, str], int] | None = None
        for ring, place in _candidates(float(radii[i]) + 2.0):
            box = _box(centres[i], place, size)
            # Names must not hide names; hiding an actor, or leaving the Axes, costs less;
            # and a nearer place is worth a little overlap.
            cost = 100 * sum(_overlap(box, other) for other in placed)
            cost += _overlaps(box, others)
            cost += 10 * (size[0] * size[1] - _overlap(box, inside))
            cost += 20 * ring
            if best is None or cost < best[0]:
                best = (cost, box, place, ring)
            if cost == 0:
                break
        assert best is not None  # noqa: S101 - there are candidates
        _, box, (dx, dy, ha, va), ring = best
        placed.append(box)
        annotation = ax.annotate(
            text,
            xy=(node.x, node.y),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            multialignment=ha,
            color=_INK,
            fontproperties=_properties(_LABEL_SIZE, "normal"),
            linespacing=_LINESPACING,
            parse_math=False,
            usetex=False,
            zorder=3,
            annotation_clip=False,
            gid=_xml_id(f"label:{node.id}"),
            arrowprops=None
            if ring == 0
            else {
                "arrowstyle": "-",
                "color": _MUTED,
                "linewidth": 0.6,
                "shrinkA": 1.0,
                "shrinkB": float(radii[i]),
            },
        )
        annotation.set_path_effects(halo)
        # Placed for the Axes as it is: the layout engine must not move it for them.
        annotation.set_in_layout(False)


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


def _box(
    centre: Sequence[float], place: tuple[float, float, str, str], size: tuple[float, float]
) -> Box:
    """The box, in points, of a text of *size* at *place* around *centre*."""
    dx, dy, ha, va = place
    width, height = size
    x0 = centre[0] + dx - {"left": 0.0, "center": width / 2, "right": width}[ha]
    y0 = centre[1] + dy - {"bottom": 0.0, "center": height / 2, "top": height}[va]
    return (x0, y0, x0 + width, y0 + height)


def _overlap(a: Box, b: Box) -> float:
    """The area two boxes share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


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
    if not isinstance(dpi, (int, float)) or isinstance(dpi, bool) or not 10 <= dpi <= 1200:  # type: ignore[redundant-expr]
        raise RenderError(f"dpi must be from 10 to 1200, not {dpi!r}", renderer=_NAME, option="dpi")
    _check_figure_options(None, figsize)
    # A figure of its natural size is never too large at 1200 dpi: only a figsize may be.
    width, height = figsize or (_WIDTH, _HEIGHTS[1] + _FURNITURE)
    if kind == "png" and width * dpi * height * dpi > _MAX_PIXELS:
        raise RenderError(
            f"the figure is too large for a PNG image at {dpi} dpi ({width * dpi:.0f} x "
            f"{height * dpi:.0f} pixels): lower the dpi, or write a .pdf or .svg",
            renderer=_NAME,
            option="dpi",
            path=os.fspath(path),
        )
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
