"""The whole network pipeline on the Davis Southern Women data, against networkx's own results.

Davis, Gardner and Gardner's 18 women and the 14 social events they attended (shipped with
networkx) are loaded as a strategy: each event an action, each woman an actor involved in the
events she attended. turbine's projection and centralities must equal networkx's on the same data.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx  # type: ignore[import-untyped]
import pytest

import turbine
from turbine import Action, Actor, Involvement, MetaAction, Objective, Strategy, Territory
from turbine.graph import actor_measures, actor_projection, network_measures, two_mode


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _davis() -> tuple[Any, list[str], list[str]]:
    graph = nx.davis_southern_women_graph()
    women = [n for n, side in graph.nodes(data="bipartite") if side == 0]
    events = [n for n, side in graph.nodes(data="bipartite") if side == 1]
    return graph, women, events


def _strategy() -> Strategy:
    graph, women, events = _davis()
    actions = [
        Action(
            id=_slug(event),
            title=event,
            actors=[Involvement(actor=_slug(woman), role="partner") for woman in graph[event]],
        )
        for event in events
    ]
    meta_action = MetaAction(
        id="events", title="Social events", typologies=["inhabitants"], level=1, actions=actions
    )
    return Strategy(
        id="davis",
        title="Deep South (Davis, Gardner and Gardner, 1941)",
        language="en",
        territory=Territory(name="Natchez, Mississippi"),
        actors=[Actor(id=_slug(w), name=w, typology="inhabitants") for w in women],
        objectives=[Objective(id="social", title="Social life", meta_actions=[meta_action])],
    )


STRATEGY = _strategy()


def _ours_to_theirs() -> dict[str, str]:
    _, women, events = _davis()
    return {
        **{f"actor:{_slug(w)}": w for w in women},
        **{f"action:{_slug(e)}": e for e in events},
    }


def test_the_davis_strategy_is_valid() -> None:
    assert turbine.validate(STRATEGY).ok
    assert turbine.loads(turbine.dumps(STRATEGY)) == STRATEGY
    counts = STRATEGY.counts()
    assert (counts.actors, counts.actions) == (18, 14)


def test_the_two_mode_graph_is_networkx_davis_graph() -> None:
    graph, _, _ = _davis()
    ours = nx.relabel_nodes(two_mode(STRATEGY), _ours_to_theirs())
    assert set(ours.nodes) == set(graph.nodes)
    assert {frozenset(e) for e in ours.edges} == {frozenset(e) for e in graph.edges}
    assert dict(ours.nodes(data="bipartite")) == dict(graph.nodes(data="bipartite"))


@pytest.mark.parametrize(
    ("weight", "theirs"),
    [
        ("count", nx.bipartite.weighted_projected_graph),
        ("ratio", lambda g, n: nx.bipartite.weighted_projected_graph(g, n, ratio=True)),
        ("jaccard", nx.bipartite.overlap_weighted_projected_graph),
        ("newman", nx.bipartite.collaboration_weighted_projected_graph),
    ],
)
def test_the_projection_equals_networkx(weight: Any, theirs: Any) -> None:
    graph, women, _ = _davis()
    ours = nx.relabel_nodes(actor_projection(STRATEGY, weight=weight), _ours_to_theirs())
    expected = theirs(graph, women)
    assert set(ours.nodes) == set(expected.nodes)
    assert {frozenset(e) for e in ours.edges} == {frozenset(e) for e in expected.edges}
    for u, v, value in expected.edges(data="weight"):
        assert ours.edges[u, v]["weight"] == pytest.approx(value)


def test_the_centralities_equal_networkx_on_the_same_data() -> None:
    graph, women, _ = _davis()
    projected = nx.bipartite.projected_graph(graph, women)
    degree = nx.degree_centrality(projected)
    betweenness = nx.betweenness_centrality(projected)
    closeness = nx.closeness_centrality(projected)
    two_mode_centrality = nx.bipartite.degree_centrality(graph, women)
    rows = {row.label: row for row in actor_measures(STRATEGY)}
    assert set(rows) == set(women)
    for woman in women:
        row = rows[woman]
        assert row.actions == graph.degree(woman)
        assert row.ties == projected.degree(woman)
        assert row.two_mode_centrality == pytest.approx(two_mode_centrality[woman])
        assert row.degree_centrality == pytest.approx(degree[woman])
        assert row.betweenness == pytest.approx(betweenness[woman])
        assert row.closeness == pytest.approx(closeness[woman])


def test_the_whole_network_measures_equal_networkx() -> None:
    graph, women, _ = _davis()
    projected = nx.bipartite.projected_graph(graph, women)
    measures = network_measures(STRATEGY)
    assert measures.actors == 18
    assert measures.actions == 14
    assert measures.involvements == graph.number_of_edges()
    assert measures.ties == projected.number_of_edges()
    assert measures.density == pytest.approx(nx.density(projected))
    assert measures.two_mode_density == pytest.approx(nx.bipartite.density(graph, women))
    assert measures.components == nx.number_connected_components(projected)
