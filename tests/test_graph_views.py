"""The analysis views: two-mode, typologies x meta-actions, and projections equal to networkx's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import turbine
import turbine.examples
from tests.strategies import strategies
from turbine.graph import (
    WEIGHTS,
    GraphError,
    Weight,
    action_projection,
    actor_projection,
    two_mode,
    typology_graph,
)

if TYPE_CHECKING:
    from turbine.model import Strategy

NETWORKX: dict[str, Any] = {
    "count": nx.bipartite.weighted_projected_graph,
    "ratio": lambda graph, nodes: nx.bipartite.weighted_projected_graph(graph, nodes, ratio=True),
    "jaccard": nx.bipartite.overlap_weighted_projected_graph,
    "newman": nx.bipartite.collaboration_weighted_projected_graph,
}


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


def side(graph: Any, bipartite: int) -> list[str]:
    return [node for node, b in graph.nodes(data="bipartite") if b == bipartite]


def assert_same_projection(ours: Any, theirs: Any) -> None:
    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert ours.graph == theirs.graph
    ours_edges = {frozenset((u, v)): w for u, v, w in ours.edges(data="weight")}
    theirs_edges = {frozenset((u, v)): w for u, v, w in theirs.edges(data="weight")}
    assert ours_edges.keys() == theirs_edges.keys()
    for edge, weight in theirs_edges.items():
        assert ours_edges[edge] == pytest.approx(weight)


def expected(graph: Any, nodes: list[str], weight: str) -> Any:
    if len(graph) == len(nodes):  # networkx refuses to project when the other side is empty
        projected = nx.Graph(**graph.graph)
        projected.add_nodes_from((n, graph.nodes[n]) for n in nodes)
        return projected
    return NETWORKX[weight](graph, nodes)


@st.composite
def filters(draw: st.DrawFn, strategy: Strategy) -> dict[str, Any]:
    chosen: dict[str, Any] = {}
    if draw(st.booleans()):
        chosen["level"] = draw(st.sampled_from([level.code for level in strategy.service_levels]))
    objectives = [objective.id for objective, _ in strategy.iter_objectives()]
    if draw(st.booleans()) and objectives:
        chosen["objective"] = draw(st.sampled_from(objectives))
    return chosen


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), strategies(max_actions=20), st.sampled_from(WEIGHTS))
def test_projections_equal_networkxs(
    data: st.DataObject, strategy: Strategy, weight: Weight
) -> None:
    chosen = data.draw(filters(strategy))
    graph = two_mode(strategy, **chosen)
    assert_same_projection(
        actor_projection(strategy, weight=weight, **chosen), expected(graph, side(graph, 0), weight)
    )
    assert_same_projection(
        action_projection(strategy, weight=weight, **chosen),
        expected(graph, side(graph, 1), weight),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies(max_actions=20))
def test_two_mode_is_bipartite_with_every_actor(strategy: Strategy) -> None:
    graph = two_mode(strategy)
    assert nx.is_bipartite(graph)
    assert set(side(graph, 0)) == {f"actor:{actor.id}" for actor in strategy.actors}
    assert set(side(graph, 1)) == {f"action:{c.action.id}" for c in strategy.iter_actions()}
    for u, v, data in graph.edges(data=True):
        actor, action = (u, v) if u.startswith("actor:") else (v, u)
        context = strategy.context(action.removeprefix("action:"))
        roles = [i.role for i in context.action.actors if f"actor:{i.actor}" == actor]
        assert data["roles"] == tuple(dict.fromkeys(roles))
        assert data["role"] == roles[0]
        assert data["level"] == context.level


def test_synthetic_projection_equals_networkxs() -> None:
    strategy = turbine.examples.synthetic(n_actions=400, n_actors=150, seed=3)
    graph = two_mode(strategy)
    for weight in WEIGHTS:
        assert_same_projection(
            actor_projection(strategy, weight=weight), NETWORKX[weight](graph, side(graph, 0))
        )
        assert_same_projection(
            action_projection(strategy, weight=weight), NETWORKX[weight](graph, side(graph, 1))
        )


def test_artois_two_mode_by_hand(artois: Strategy) -> None:
    graph = two_mode(artois)
    assert graph.number_of_nodes() == 11 + 8
    assert graph.edges["actor:agglomeration", "action:production-enr"] == {
        "role": "funder",
        "roles": ("funder",),
        "level": 3,
    }
    assert graph.nodes["action:lieux-experimentation"]["bipartite"] == 1
    assert graph.nodes["actor:agglomeration"]["bipartite"] == 0
    # Filters keep every actor but only the actions asked for.
    level_1 = two_mode(artois, level=1)
    assert set(side(level_1, 1)) == {
        f"action:{c.action.id}" for c in artois.iter_actions() if c.level == 1
    }
    assert "action:lieux-experimentation" in level_1
    assert len(side(level_1, 0)) == 11


def test_artois_actor_projection_by_hand(artois: Strategy) -> None:
    graph = actor_projection(artois)
    shared = {
        c.action.id
        for c in artois.iter_actions()
        if {"agglomeration", "groupement-producteurs"} <= {i.actor for i in c.action.actors}
    }
    assert shared == {"demande-locale", "foncier-agricole"}
    assert graph.edges["actor:agglomeration", "actor:groupement-producteurs"]["weight"] == 2
    ratio = actor_projection(artois, weight="ratio")
    assert ratio.edges["actor:agglomeration", "actor:groupement-producteurs"]["weight"] == 2 / 8


def test_typology_graph_is_the_matrix(artois: Strategy) -> None:
    graph = typology_graph(artois)
    assert set(side(graph, 0)) == {f"typology:{t.id}" for t in artois.typologies}
    assert set(side(graph, 1)) == {f"meta-action:{m.id}" for m in artois.iter_meta_actions()}
    assert graph.number_of_edges() == sum(len(m.typologies) for m in artois.iter_meta_actions())
    assert graph.edges["typology:supporters", "meta-action:production-agricole"] == {"level": 2}


def test_an_actor_without_actions_stays() -> None:
    strategy = turbine.examples.synthetic(n_actions=10, n_actors=40, seed=1)
    graph = actor_projection(strategy, objective="objective-0")
    assert len(graph) == 40
    assert any(degree == 0 for _, degree in graph.degree())


@pytest.mark.parametrize("function", [two_mode, actor_projection, action_projection])
@pytest.mark.parametrize(
    ("option", "value"), [("level", "2"), ("level", True), ("level", 2.0), ("objective", 3)]
)
def test_bad_filters_are_refused_by_name(
    artois: Strategy, function: Any, option: str, value: object
) -> None:
    with pytest.raises(GraphError) as caught:
        function(artois, **{option: value})
    assert caught.value.option == option
    assert option in str(caught.value)


@pytest.mark.parametrize("function", [actor_projection, action_projection])
def test_an_unknown_weight_is_refused_by_name(artois: Strategy, function: Any) -> None:
    with pytest.raises(GraphError, match="weight must be one of 'count'") as caught:
        function(artois, weight="cosine")
    assert caught.value.option == "weight"


@pytest.mark.parametrize("function", [two_mode, actor_projection, action_projection])
def test_unknown_objectives_and_levels_are_refused(artois: Strategy, function: Any) -> None:
    with pytest.raises(turbine.UnknownIdError) as caught:
        function(artois, objective="alimentaton")
    assert caught.value.kind == "objective"
    with pytest.raises(turbine.UnknownIdError) as caught:
        function(artois, level=7)
    assert (caught.value.kind, caught.value.id) == ("service level", 7)


@pytest.mark.parametrize(
    "function", [two_mode, typology_graph, actor_projection, action_projection]
)
def test_not_a_strategy_is_refused(function: Any) -> None:
    with pytest.raises(GraphError) as caught:
        function(None)
    assert caught.value.option == "strategy"
