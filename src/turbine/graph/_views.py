"""Views for analysis: actors x actions, typologies x meta-actions, and one-mode projections.

Each view is a plain undirected :class:`networkx.Graph` following networkx's bipartite
conventions: a ``bipartite`` node attribute of 0 (actors, typologies) or 1 (actions,
meta-actions). The projections give the same graph as networkx's own projection functions on
:func:`two_mode`, but count shared neighbours per action (or per actor) with counters instead of
walking every node's neighbours' neighbours, and build the graph once.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain, combinations
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from turbine.graph._build import (
    Attributes,
    GraphError,
    Node,
    action_attributes,
    actor_attributes,
    check_strategy,
    meta_action_attributes,
    node_id,
    raise_unknown,
    roles_by_actor,
    typology_attributes,
)
from turbine.model import ActionContext, Strategy

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import networkx as nx  # type: ignore[import-untyped]

__all__ = [
    "WEIGHTS",
    "Weight",
    "action_projection",
    "actor_projection",
    "two_mode",
    "typology_graph",
]

Weight = Literal["count", "ratio", "jaccard", "newman"]
WEIGHTS: tuple[Weight, ...] = ("count", "ratio", "jaccard", "newman")
"""The weights of the projections, as networkx computes them (see :func:`actor_projection`)."""


@frozen
class _TwoMode:
    """The actors x actions graph as plain data, before networkx sees it."""

    attributes: Attributes
    actors: dict[Node, Attributes]
    actions: dict[Node, Attributes]
    edges: list[tuple[Node, Node, Attributes]]


def _check_filters(strategy: Strategy, level: object, objective: object) -> None:
    # Checked at run time: callers may pass anything, whatever the annotations say.
    if level is not None:
        if isinstance(level, bool) or not isinstance(level, int):
            raise GraphError(
                f"level must be a service level's code (an int) or None, not {level!r}",
                option="level",
            )
        strategy.service_level(level)
    if objective is not None:
        if not isinstance(objective, str):
            raise GraphError(
                f"objective must be an objective's id (a str) or None, not {objective!r}",
                option="objective",
            )
        strategy.objective(objective)


def _check_weight(weight: object) -> None:
    if weight not in WEIGHTS:
        raise GraphError(
            f"weight must be one of {', '.join(map(repr, WEIGHTS))}, not {weight!r}",
            option="weight",
        )


def _graph_attributes(strategy: Strategy, level: object, objective: object) -> Attributes:
    return {
        "strategy": strategy.id,
        "title": strategy.title,
        "language": strategy.language,
        "level": level,
        "objective": objective,
    }


def _two_mode_data(strategy: object, level: object, objective: object) -> _TwoMode:
    strategy = check_strategy(strategy)
    _check_filters(strategy, level, objective)
    actors = {
        node_id("actor", actor.id): {**actor_attributes(actor), "bipartite": 0}
        for actor in strategy.actors
    }
    actions: dict[Node, Attributes] = {}
    edges: list[tuple[Node, Node, Attributes]] = []
    for context in strategy.iter_actions():
        if level is not None and context.level != level:
            continue
        if objective is not None and context.objective.id != objective:
            continue
        action_node = node_id("action", context.action.id)
        actions[action_node] = {**action_attributes(context), "bipartite": 1}
        for actor_id, roles in roles_by_actor(context).items():
            actor_node = node_id("actor", actor_id)
            if actor_node not in actors:
                raise_unknown(actor_node)
            edges.append(
                (
                    actor_node,
                    action_node,
                    {"role": roles[0], "roles": roles, "level": context.level},
                )
            )
    return _TwoMode(_graph_attributes(strategy, level, objective), actors, actions, edges)


def two_mode(
    strategy: Strategy, *, level: int | None = None, objective: str | None = None
) -> nx.Graph:
    """The actors x actions graph: who is involved in what.

    Every actor is a node (``bipartite=0``), even one involved in no action; every action is a
    node (``bipartite=1``), or only those of service level *level* and of the objective
    *objective* when given. An edge joins an actor to each action it is involved in, with the
    action's effective ``level``, the actor's ``roles`` in it (distinct, in document order) and
    ``role``, the first of them. Nodes have the attributes they have in
    :func:`~turbine.graph.to_networkx`.

    Raises:
        GraphError: *strategy* is not a Strategy, *level* is not an int or *objective* not a str.
        UnknownIdError: No service level has the code *level*, no objective has the id
            *objective*, or an action involves an actor the strategy lacks.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    data = _two_mode_data(strategy, level, objective)
    graph = nx.Graph(**data.attributes)
    graph.add_nodes_from(data.actors.items())
    graph.add_nodes_from(data.actions.items())
    graph.add_edges_from(data.edges)
    return graph


def typology_graph(strategy: Strategy) -> nx.Graph:
    """The Turbine matrix as a graph: typologies x meta-actions.

    Typologies are nodes with ``bipartite=0``, meta-actions nodes with ``bipartite=1``; an edge
    joins a meta-action to each typology that carries it, with the meta-action's ``level``.

    Raises:
        GraphError: *strategy* is not a Strategy.
        UnknownIdError: A meta-action is carried by a typology the strategy lacks.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    strategy = check_strategy(strategy)
    graph = nx.Graph(strategy=strategy.id, title=strategy.title, language=strategy.language)
    graph.add_nodes_from(
        (node_id("typology", t.id), {**typology_attributes(t, strategy.language), "bipartite": 0})
        for t in strategy.typologies
    )
    edges = []
    for objective, axis in strategy.iter_objectives():
        axis_id = None if axis is None else axis.id
        for meta_action in objective.meta_actions:
            meta_node = node_id("meta-action", meta_action.id)
            attributes = meta_action_attributes(meta_action, objective.id, axis_id)
            graph.add_node(meta_node, **attributes, bipartite=1)
            for typology in meta_action.typologies:
                typology_node = node_id("typology", typology)
                if typology_node not in graph:
                    raise_unknown(typology_node)
                edges.append((typology_node, meta_node, {"level": meta_action.level}))
    graph.add_edges_from(edges)
    return graph


def actor_projection(
    strategy: Strategy,
    *,
    weight: Weight = "count",
    level: int | None = None,
    objective: str | None = None,
) -> nx.Graph:
    """Actors joined by the actions they share (co-involvement), with a ``weight`` on each tie.

    The graph is the one networkx's projection functions give on ``two_mode(strategy,
    level=level, objective=objective)`` onto its actors, with the same nodes (every actor, with
    its attributes, even one without ties), edges and weights:

    - ``"count"``: the number of shared actions
      (:func:`networkx.bipartite.weighted_projected_graph`);
    - ``"ratio"``: that number over the number of actions in the two-mode graph
      (``weighted_projected_graph(..., ratio=True)``);
    - ``"jaccard"``: shared actions over the actions either is involved in
      (:func:`networkx.bipartite.overlap_weighted_projected_graph`);
    - ``"newman"``: Newman's collaboration weight, the sum over shared actions of 1/(n-1) for an
      action of n actors (:func:`networkx.bipartite.collaboration_weighted_projected_graph`).

    Raises:
        GraphError: *weight* is not one of :data:`WEIGHTS`, or as for :func:`two_mode`.
        UnknownIdError: As for :func:`two_mode`.
    """
    _check_weight(weight)
    data = _incidence(strategy, level, objective, with_actions=False)
    actors = [
        (node_id("actor", actor.id), {**actor_attributes(actor), "bipartite": 0})
        for actor in data.strategy.actors
    ]
    return _projection(data.attributes, actors, data.members, weight, len(data.actions))


def action_projection(
    strategy: Strategy,
    *,
    weight: Weight = "count",
    level: int | None = None,
    objective: str | None = None,
) -> nx.Graph:
    """Actions joined by the actors they share, with a ``weight`` on each tie.

    As :func:`actor_projection`, onto the actions of the two-mode graph: ``"ratio"`` divides by
    the number of actors, ``"newman"`` sums 1/(n-1) over shared actors involved in n actions.

    Raises:
        GraphError: *weight* is not one of :data:`WEIGHTS`, or as for :func:`two_mode`.
        UnknownIdError: As for :func:`two_mode`.
    """
    _check_weight(weight)
    data = _incidence(strategy, level, objective, with_actions=True)
    by_actor: list[list[int]] = [[] for _ in data.strategy.actors]
    for action, actors in enumerate(data.members):
        for actor in actors:
            by_actor[actor].append(action)
    n_actors = len(data.strategy.actors)
    return _projection(data.attributes, data.actions, by_actor, weight, n_actors)


@frozen
class _Incidence:
    """Which actors each action of a two-mode graph involves, by the actors' positions."""

    strategy: Strategy
    attributes: Attributes
    actions: list[tuple[Node, Attributes]]
    members: list[tuple[int, ...]]  # the positions of each action's actors, ascending


def _incidence(
    strategy: object, level: object, objective: object, *, with_actions: bool
) -> _Incidence:
    """The actions of ``two_mode(strategy, ...)`` and their actors, without building it.

    The actions' attributes are left empty unless *with_actions*: the actor projection does not
    need them, and they are most of the time spent.
    """
    strategy = check_strategy(strategy)
    _check_filters(strategy, level, objective)
    position = {actor.id: i for i, actor in enumerate(strategy.actors)}
    actions: list[tuple[Node, Attributes]] = []
    members: list[tuple[int, ...]] = []
    for objective_, axis in strategy.iter_objectives():
        if objective is not None and objective_.id != objective:
            continue
        for meta_action in objective_.meta_actions:
            for action in meta_action.actions:
                if level is not None and meta_action.level_of(action) != level:
                    continue
                try:
                    found = {position[involvement.actor] for involvement in action.actors}
                except KeyError as error:
                    raise_unknown(node_id("actor", error.args[0]))
                members.append(tuple(sorted(found)))
                attributes: Attributes = {}
                if with_actions:
                    context = ActionContext(
                        action=action, meta_action=meta_action, objective=objective_, axis=axis
                    )
                    attributes = {**action_attributes(context), "bipartite": 1}
                actions.append((node_id("action", action.id), attributes))
    return _Incidence(strategy, _graph_attributes(strategy, level, objective), actions, members)


def _projection(
    attributes: Attributes,
    nodes: list[tuple[Node, Attributes]],
    groups: Iterable[Sequence[int]],
    weight: Weight,
    n_other: int,
) -> nx.Graph:
    """The projection onto *nodes*, from groups of the positions of the nodes an other joins.

    Each group is ascending, so that every pair comes in one order.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    # Jaccard needs every node's degree, so it keeps the groups of one node; the others skip them.
    kept = [group for group in groups if len(group) > 1 or weight == "jaccard"]
    weights: dict[tuple[int, int], float]
    if weight == "newman":
        by_size: dict[int, list[Sequence[int]]] = {}
        for group in kept:
            by_size.setdefault(len(group), []).append(group)
        weights = {}
        for size, same in by_size.items():
            share = 1.0 / (size - 1)
            pairs = Counter(chain.from_iterable(combinations(group, 2) for group in same))
            for pair, count in pairs.items():
                weights[pair] = weights.get(pair, 0.0) + count * share
    else:
        counts = Counter(chain.from_iterable(combinations(group, 2) for group in kept))
        if weight == "count":
            weights = dict(counts)
        elif weight == "ratio":
            weights = {pair: count / n_other for pair, count in counts.items()}
        else:
            degree = Counter(chain.from_iterable(kept))
            weights = {
                (u, v): count / (degree[u] + degree[v] - count) for (u, v), count in counts.items()
            }
    names = [node for node, _ in nodes]
    graph = nx.Graph(**attributes)
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((names[u], names[v], w) for (u, v), w in weights.items())
    return graph
