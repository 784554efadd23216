"""The whole strategy as one networkx graph, and what the views share: checks and node attributes.

networkx is imported inside the functions that build graphs, so that importing turbine (or
:mod:`turbine.graph`) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from turbine.errors import GraphError, UnknownIdError
from turbine.model import ActionContext, Actor, ActorTypology, MetaAction, Strategy

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped]

__all__ = [
    "GraphError",
    "action_attributes",
    "actor_attributes",
    "check_strategy",
    "meta_action_attributes",
    "node_id",
    "raise_unknown",
    "roles_by_actor",
    "to_networkx",
    "typology_attributes",
]

Node = str
Attributes = dict[str, Any]


def node_id(kind: str, local_id: str) -> Node:
    """The id of a node in turbine's graphs: its kind, a colon, its id in the document.

    >>> node_id("actor", "cd62")
    'actor:cd62'
    """
    return f"{kind}:{local_id}"


def check_strategy(strategy: object) -> Strategy:
    """*strategy*, if it is a Strategy; else raise a GraphError naming the option."""
    if not isinstance(strategy, Strategy):
        raise GraphError(
            f"strategy must be a Strategy, not {type(strategy).__name__}", option="strategy"
        )
    return strategy


# -- node attributes, the same in every graph ----------------------------------------------------


def typology_attributes(typology: ActorTypology, language: str) -> Attributes:
    """The attributes of a typology's node."""
    return {
        "kind": "typology",
        "id": typology.id,
        "label": typology.label.text(language),
        "color": typology.color,
    }


def actor_attributes(actor: Actor) -> Attributes:
    """The attributes of an actor's node."""
    return {
        "kind": "actor",
        "id": actor.id,
        "label": actor.name,
        "typology": actor.typology,
        "actor_kind": actor.kind,
        "territory": actor.territory,
    }


def meta_action_attributes(meta_action: MetaAction, objective: str, axis: str | None) -> Attributes:
    """The attributes of a meta-action's node."""
    return {
        "kind": "meta-action",
        "id": meta_action.id,
        "label": meta_action.title,
        "level": meta_action.level,
        "typologies": tuple(meta_action.typologies),
        "objective": objective,
        "axis": axis,
    }


def action_attributes(context: ActionContext) -> Attributes:
    """The attributes of an action's node, with its effective level and typologies."""
    action = context.action
    return {
        "kind": "action",
        "id": action.id,
        "label": action.title,
        "level": context.level,
        "typologies": tuple(context.typologies),
        "featured": action.featured,
        "meta_action": context.meta_action.id,
        "objective": context.objective.id,
        "axis": None if context.axis is None else context.axis.id,
    }


# -- the whole graph ---------------------------------------------------------------------------


def to_networkx(strategy: Strategy) -> nx.DiGraph:
    """The whole strategy as one directed networkx graph.

    Every entity is a node: axes, objectives, meta-actions, actions, typologies and actors, each
    with an id prefixed by its kind (``"actor:cd62"``, ``"action:a1"``), a ``kind``, a ``label``
    and the attributes to filter on. Edges carry a ``relation``: ``part_of`` (action to
    meta-action to objective to axis), ``carried_by`` (meta-action or action to typology, with
    effective typologies), ``involved_in`` (actor to action, with ``role`` and ``roles``) and
    ``belongs_to`` (actor to typology). No two relations join the same pair of nodes, so a
    :class:`networkx.DiGraph` holds them all. ``docs/graph.md`` lists every attribute.

    Raises:
        GraphError: *strategy* is not a Strategy.
        UnknownIdError: A reference does not resolve (an actor of an unknown typology, an
            involvement of an unknown actor...); :func:`turbine.validate` reports these.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    strategy = check_strategy(strategy)
    language = strategy.language
    nodes: list[tuple[Node, Attributes]] = []
    edges: list[tuple[Node, Node, Attributes]] = []
    nodes.extend(
        (node_id("typology", t.id), typology_attributes(t, language)) for t in strategy.typologies
    )
    for actor in strategy.actors:
        node = node_id("actor", actor.id)
        nodes.append((node, actor_attributes(actor)))
        edges.append((node, node_id("typology", actor.typology), {"relation": "belongs_to"}))
    nodes.extend(
        (node_id("axis", a.id), {"kind": "axis", "id": a.id, "label": a.title})
        for a in strategy.axes
    )
    for objective, axis in strategy.iter_objectives():
        axis_id = None if axis is None else axis.id
        objective_node = node_id("objective", objective.id)
        nodes.append(
            (
                objective_node,
                {
                    "kind": "objective",
                    "id": objective.id,
                    "label": objective.title,
                    "axis": axis_id,
                },
            )
        )
        if axis_id is not None:
            edges.append((objective_node, node_id("axis", axis_id), {"relation": "part_of"}))
        for meta_action in objective.meta_actions:
            meta_node = node_id("meta-action", meta_action.id)
            nodes.append((meta_node, meta_action_attributes(meta_action, objective.id, axis_id)))
            edges.append((meta_node, objective_node, {"relation": "part_of"}))
            edges.extend(
                (meta_node, node_id("typology", t), {"relation": "carried_by"})
                for t in meta_action.typologies
            )
    for context in strategy.iter_actions():
        action_node = node_id("action", context.action.id)
        nodes.append((action_node, action_attributes(context)))
        edges.append(
            (action_node, node_id("meta-action", context.meta_action.id), {"relation": "part_of"})
        )
        edges.extend(
            (action_node, node_id("typology", t), {"relation": "carried_by"})
            for t in context.typologies
        )
        for actor_id, roles in roles_by_actor(context).items():
            edges.append(
                (
                    node_id("actor", actor_id),
                    action_node,
                    {"relation": "involved_in", "role": roles[0], "roles": roles},
                )
            )
    graph = nx.DiGraph(strategy=strategy.id, title=strategy.title, language=language)
    graph.add_nodes_from(nodes)
    for source, target, _ in edges:
        for node in (source, target):
            if node not in graph:
                raise_unknown(node)
    graph.add_edges_from(edges)
    return graph


def roles_by_actor(context: ActionContext) -> dict[str, tuple[str, ...]]:
    """The actors of an action, each with its distinct roles in document order."""
    roles: dict[str, dict[str, None]] = {}
    for involvement in context.action.actors:
        roles.setdefault(involvement.actor, {})[involvement.role] = None
    return {actor: tuple(found) for actor, found in roles.items()}


def raise_unknown(node: Node) -> NoReturn:
    """Raise the UnknownIdError of a node that a reference names but the strategy lacks."""
    kind, _, local_id = node.partition(":")
    raise UnknownIdError(kind, local_id)
