"""Network measures: against networkx where it has them, by hand where it does not (brokerage)."""

from __future__ import annotations

import importlib.util
import math
import os
import subprocess
import sys
from typing import Any

import attrs
import networkx as nx  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings

import turbine.examples
from tests.strategies import strategies
from turbine import Action, Actor, Involvement, MetaAction, Objective, Strategy
from turbine.graph import GraphError, actor_projection, two_mode
from turbine.graph._measures import (
    ActorMeasures,
    Brokerage,
    MixingMatrix,
    Table,
    actor_measures,
    brokerage,
    communities,
    mixing_matrix,
    network_measures,
    typology_assortativity,
)

HAS_PANDAS = importlib.util.find_spec("pandas") is not None
PM, PJ, SU, IN = "policy-makers", "project-makers", "supporters", "inhabitants"


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


def made(actors: dict[str, str], actions: list[list[str]]) -> Strategy:
    """The Artois strategy with only *actors* (id: typology) and one objective of *actions*."""
    base = turbine.examples.load("artois")
    return attrs.evolve(
        base,
        actors=tuple(Actor(id=a, name=a.upper(), typology=t) for a, t in actors.items()),
        axes=(),
        objectives=(
            Objective(
                id="o",
                title="O",
                meta_actions=(
                    MetaAction(
                        id="m",
                        title="M",
                        typologies=(PM,),
                        level=base.service_levels[0].code,
                        actions=tuple(
                            Action(
                                id=f"x{i}",
                                title=f"X{i}",
                                actors=tuple(Involvement(actor=a, role="partner") for a in group),
                            )
                            for i, group in enumerate(actions)
                        ),
                    ),
                ),
            ),
        ),
    )


def by_id(table: Table[Any]) -> dict[str, Any]:
    return {row.id: row for row in table}


# -- worked by hand on the Artois example ------------------------------------------------------


def test_artois_actor_by_hand(artois: Strategy) -> None:
    rows = by_id(actor_measures(artois))
    assert list(rows) == [actor.id for actor in artois.actors]
    agglomeration = rows["agglomeration"]
    # demande-locale, foncier-agricole, production-enr, operations-collectives-enr, of 8 actions
    assert (agglomeration.actions, agglomeration.two_mode_centrality) == (4, 0.5)
    # epicerie, groupement, collectif, chambre, pole, cooperative: 6 ties of 10 other actors
    assert agglomeration.ties == 6
    assert agglomeration.degree_centrality == pytest.approx(0.6)
    # project-makers, inhabitants, supporters; the pôle métropolitain is a policy-maker too
    assert agglomeration.typologies_reached == 3
    assert agglomeration.objectives_reached == 1  # every action is in reterritorialisation
    education = rows["reseau-education-populaire"]  # one tie, to the groupement
    assert (education.actions, education.ties, education.betweenness) == (1, 1, 0.0)
    assert education.typologies_reached == 1


def test_artois_network_by_hand(artois: Strategy) -> None:
    measures = network_measures(artois)
    assert (measures.actors, measures.actions, measures.involvements, measures.ties) == (
        11,
        8,
        22,
        17,
    )
    assert measures.two_mode_density == 22 / (11 * 8)
    assert measures.density == pytest.approx(17 / 55)
    assert (measures.components, measures.largest_component, measures.isolates) == (1, 11, 0)
    assert measures.typology_assortativity == typology_assortativity(artois)
    assert measures.to_dict()["ties"] == 17


def test_artois_mixing_by_hand(artois: Strategy) -> None:
    matrix = mixing_matrix(artois)
    assert matrix.typologies == (PM, PJ, SU, IN)
    # the only tie within a typology: the agglomeration and the pôle (production-enr)
    assert matrix[PM, PM] == 1
    # the collectif d'habitants with the épicerie, the groupement and the coopérative
    assert matrix[IN, PJ] == matrix[PJ, IN] == 3
    assert matrix[SU, SU] == 0
    assert matrix.total == 17
    assert matrix.to_dict()[PM][PJ] == 5
    with pytest.raises(KeyError):
        matrix["nobody", PM]


def test_artois_brokerage_by_hand(artois: Strategy) -> None:
    # The collectif's neighbours: the agglomeration (tied to all the others), the épicerie and
    # the groupement (tied), the coopérative (tied to neither): two open pairs of project makers.
    collectif = by_id(brokerage(artois))["collectif-habitants"]
    assert (collectif.coordinator, collectif.itinerant) == (0, 2)
    assert (collectif.gatekeeper_representative, collectif.liaison, collectif.total) == (0, 0, 2)


# -- against networkx ----------------------------------------------------------------------------


def check_against_networkx(strategy: Strategy) -> None:
    graph = two_mode(strategy)
    actors = [n for n, side in graph.nodes(data="bipartite") if side == 0]
    actions = [n for n, side in graph.nodes(data="bipartite") if side == 1]
    projection = nx.Graph()
    projection.add_nodes_from((n, graph.nodes[n]) for n in actors)
    if actions:
        projection = nx.bipartite.projected_graph(graph, actors)
    check_actors(strategy, graph, projection)
    check_network(strategy, graph, projection)
    check_typologies(strategy, projection)
    check_brokerage(strategy, projection)


def side(graph: Any, bipartite: int) -> list[str]:
    return [n for n, b in graph.nodes(data="bipartite") if b == bipartite]


def check_actors(strategy: Strategy, graph: Any, projection: Any) -> None:
    actors, actions = side(graph, 0), side(graph, 1)
    rows = actor_measures(strategy)
    assert [row.node for row in rows] == actors
    two_mode_centrality = (
        nx.bipartite.degree_centrality(graph, actors) if actors and actions else {}
    )
    degree = nx.degree_centrality(projection)
    betweenness = nx.betweenness_centrality(projection)
    closeness = nx.closeness_centrality(projection)
    for row in rows:
        node = row.node
        assert row.actions == graph.degree(node)
        assert row.two_mode_centrality == pytest.approx(two_mode_centrality.get(node, 0.0))
        assert row.ties == projection.degree(node)
        assert row.degree_centrality == pytest.approx(degree[node])
        assert row.betweenness == pytest.approx(betweenness[node])
        assert row.closeness == pytest.approx(closeness[node])
        others = {other for action in graph[node] for other in graph[action]} - {node}
        reached = {graph.nodes[other]["typology"] for other in others}
        assert row.typologies_reached == len(reached - {row.typology})
        assert row.objectives_reached == len({graph.nodes[a]["objective"] for a in graph[node]})

    found = communities(strategy)
    assert sorted(n for group in found for n in group) == sorted(actors)
    assert [len(g) for g in found] == sorted((len(g) for g in found), reverse=True)
    for row in rows:
        assert row.node in found[row.community]


def check_network(strategy: Strategy, graph: Any, projection: Any) -> None:
    actors, actions = side(graph, 0), side(graph, 1)
    measures = network_measures(strategy)
    assert measures.actors == len(actors)
    assert measures.actions == len(actions)
    assert measures.involvements == graph.number_of_edges()
    assert measures.ties == projection.number_of_edges()
    assert measures.two_mode_density == pytest.approx(nx.bipartite.density(graph, actors))
    assert measures.density == pytest.approx(nx.density(projection))
    components = [len(c) for c in nx.connected_components(projection)]
    assert measures.components == len(components)
    assert measures.largest_component == max(components, default=0)
    assert measures.typology_assortativity == typology_assortativity(strategy)


def check_typologies(strategy: Strategy, projection: Any) -> None:
    matrix = mixing_matrix(strategy)
    assert matrix.typologies == tuple(t.id for t in strategy.typologies)
    mapping = {t: i for i, t in enumerate(matrix.typologies)}
    theirs = nx.attribute_mixing_matrix(
        projection, "typology", mapping=mapping, normalized=False
    ).tolist()
    for i, row_counts in enumerate(matrix.counts):
        for j, count in enumerate(row_counts):
            # networkx counts each undirected tie in both directions, twice on the diagonal
            assert theirs[i][j] == (2 * count if i == j else count)
    assert matrix.total == projection.number_of_edges()

    coefficient = typology_assortativity(strategy)
    ends = {projection.nodes[n]["typology"] for edge in projection.edges() for n in edge}
    if len(ends) < 2:  # no tie, or all within one typology
        assert coefficient is None
    else:
        assert coefficient is not None
        assert coefficient == pytest.approx(
            nx.attribute_assortativity_coefficient(projection, "typology")
        )


def check_brokerage(strategy: Strategy, projection: Any) -> None:
    triangles = nx.triangles(projection)
    for broker in brokerage(strategy):
        ties = projection.degree(broker.node)
        open_pairs = math.comb(ties, 2) - triangles[broker.node]
        assert broker.total == open_pairs
        assert broker.total == (
            broker.coordinator
            + broker.itinerant
            + broker.gatekeeper_representative
            + broker.liaison
        )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies(max_actions=20))
def test_measures_equal_networkxs(strategy: Strategy) -> None:
    check_against_networkx(strategy)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_synthetic_measures_equal_networkxs(seed: int) -> None:
    check_against_networkx(turbine.examples.synthetic(n_actions=120, n_actors=80, seed=seed))


def test_artois_measures_equal_networkxs(artois: Strategy) -> None:
    check_against_networkx(artois)


# -- degenerate networks -----------------------------------------------------------------------


def test_empty_strategy() -> None:
    empty = attrs.evolve(made({}, []), objectives=())
    assert actor_measures(empty) == Table()
    assert brokerage(empty) == Table()
    assert communities(empty) == ()
    measures = network_measures(empty)
    assert attrs.astuple(measures) == (0, 0, 0, 0, 0.0, 0.0, 0, 0, 0, None)
    assert isinstance(measures.density, float)
    assert mixing_matrix(empty).total == 0
    assert typology_assortativity(empty) is None


def test_no_action_at_all() -> None:
    lonely = attrs.evolve(made({"a": PM, "b": SU}, []), objectives=())
    rows = actor_measures(lonely)
    assert [(r.actions, r.two_mode_centrality, r.ties, r.closeness) for r in rows] == [
        (0, 0.0, 0, 0.0),
        (0, 0.0, 0, 0.0),
    ]
    assert [r.community for r in rows] == [0, 1]
    assert network_measures(lonely).components == 2


def test_actor_in_no_action_and_one_tie() -> None:
    strategy = made({"a": PM, "b": SU, "idle": IN}, [["a", "b"]])
    rows = by_id(actor_measures(strategy))
    assert (rows["idle"].actions, rows["idle"].ties, rows["idle"].objectives_reached) == (0, 0, 0)
    assert (rows["a"].ties, rows["a"].typologies_reached, rows["a"].closeness) == (1, 1, 0.5)
    measures = network_measures(strategy)
    assert (measures.components, measures.largest_component, measures.isolates) == (2, 2, 1)
    # one tie, between two typologies: as disassortative as can be
    assert typology_assortativity(strategy) == pytest.approx(-1.0)


def test_ties_within_one_typology_leave_assortativity_undefined() -> None:
    strategy = made({"a": PM, "b": PM, "c": PM}, [["a", "b", "c"]])
    assert typology_assortativity(strategy) is None
    assert network_measures(strategy).typology_assortativity is None
    assert mixing_matrix(strategy)[PM, PM] == 3


# -- communities -------------------------------------------------------------------------------


def test_communities_are_seeded_and_sorted() -> None:
    strategy = turbine.examples.synthetic(n_actions=200, n_actors=120, seed=5)
    first = communities(strategy, seed=7)
    assert communities(strategy, seed=7) == first
    keys = [(-len(group), group[0]) for group in first]
    assert keys == sorted(keys)
    assert all(list(group) == sorted(group) for group in first)
    projection = actor_projection(strategy)
    theirs = nx.community.louvain_communities(projection, weight="weight", seed=7)
    assert {frozenset(g) for g in first} == {frozenset(g) for g in theirs}


def test_communities_take_the_weight() -> None:
    strategy = turbine.examples.synthetic(n_actions=200, n_actors=120, seed=5)
    projection = actor_projection(strategy, weight="jaccard")
    theirs = nx.community.louvain_communities(projection, weight="weight", seed=0)
    ours = communities(strategy, weight="jaccard")
    assert {frozenset(g) for g in ours} == {frozenset(g) for g in theirs}
    rows = actor_measures(strategy, weight="jaccard")
    assert all(row.node in ours[row.community] for row in rows)


# -- brokerage, worked by hand -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "c", "role"),
    [
        (PM, PM, PM, "coordinator"),
        (PM, SU, PM, "itinerant"),
        (PM, SU, SU, "gatekeeper_representative"),
        (SU, SU, PM, "gatekeeper_representative"),
        (PM, SU, IN, "liaison"),
    ],
)
def test_brokerage_of_a_path(a: str, b: str, c: str, role: str) -> None:
    strategy = made({"a": a, "b": b, "c": c}, [["a", "b"], ["b", "c"]])
    rows = by_id(brokerage(strategy))
    broker = rows["b"]
    assert getattr(broker, role) == 1
    assert broker.total == 1
    assert rows["a"].total == rows["c"].total == 0


def test_brokerage_of_a_star_and_a_triangle() -> None:
    # b (supporter) joins a and c (policy makers) and d (supporter); e, f, g form a triangle.
    strategy = made(
        {"a": PM, "b": SU, "c": PM, "d": SU, "e": PM, "f": PM, "g": PM},
        [["a", "b"], ["b", "c"], ["b", "d"], ["e", "f", "g"]],
    )
    rows = by_id(brokerage(strategy))
    assert rows["b"] == Brokerage(
        id="b",
        node="actor:b",
        typology=SU,
        coordinator=0,
        itinerant=1,  # {a, c}
        gatekeeper_representative=2,  # {a, d}, {c, d}
        liaison=0,
        total=3,
    )
    assert rows["e"].total == rows["f"].total == rows["g"].total == 0


# -- tables and errors -------------------------------------------------------------------------


def test_table_is_a_sequence(artois: Strategy) -> None:
    table = actor_measures(artois)
    assert isinstance(table[0], ActorMeasures)
    assert table[:2] == Table(list(table)[:2])
    assert len(table) == len(artois.actors)
    assert table.to_dicts()[0]["id"] == "agglomeration"
    assert list(table.to_dicts()[0]) == [f.name for f in attrs.fields(ActorMeasures)]
    assert hash(table) == hash(actor_measures(artois))
    assert table != list(table)
    assert repr(Table()) == "Table([])"


@pytest.mark.skipif(HAS_PANDAS, reason="pandas is installed")
def test_to_pandas_names_the_extra(artois: Strategy) -> None:
    with pytest.raises(ImportError, match=r"turbine\[pandas\]"):
        actor_measures(artois).to_pandas()
    with pytest.raises(ImportError, match=r"turbine\[pandas\]"):
        mixing_matrix(artois).to_pandas()


@pytest.mark.skipif(not HAS_PANDAS, reason="pandas is not installed")
def test_to_pandas(artois: Strategy) -> None:  # pragma: no cover - needs the extra
    frame = actor_measures(artois).to_pandas()
    assert list(frame.columns) == [f.name for f in attrs.fields(ActorMeasures)]
    assert len(frame) == len(artois.actors)
    assert Table().to_pandas().empty
    matrix = mixing_matrix(artois).to_pandas()
    assert matrix.loc[PM, PJ] == 5


def test_options_are_checked(artois: Strategy) -> None:
    with pytest.raises(GraphError) as caught:
        communities(artois, seed="0")  # type: ignore[arg-type]
    assert caught.value.option == "seed"
    with pytest.raises(GraphError) as caught:
        actor_measures(artois, weight="strength")  # type: ignore[arg-type]
    assert caught.value.option == "weight"
    with pytest.raises(GraphError) as caught:
        network_measures("artois")  # type: ignore[arg-type]
    assert caught.value.option == "strategy"
    with pytest.raises(turbine.UnknownIdError):
        brokerage(artois, level=99)


def test_filters_apply(artois: Strategy) -> None:
    level_3 = network_measures(artois, level=3)
    assert level_3.ties == actor_projection(artois, level=3).number_of_edges() == 9
    assert mixing_matrix(artois, level=3).total == 9
    assert sum(row.actions for row in actor_measures(artois, level=3)) == level_3.involvements


def test_unknown_typology_is_reported() -> None:
    strategy = made({"a": PM, "b": "nobody"}, [["a", "b"]])
    with pytest.raises(turbine.UnknownIdError):
        mixing_matrix(strategy)


def test_mixing_matrix_is_a_record() -> None:
    matrix = MixingMatrix(("x", "y"), ((1, 2), (2, 0)))
    assert matrix["y", "x"] == 2
    assert matrix.total == 3


def test_assortativity_is_the_same_whatever_the_hash_seed() -> None:
    # networkx sums over a set of typologies: its last digits follow the hash seed; ours do not.
    code = (
        "import turbine.examples, turbine.graph;"
        "s = turbine.examples.synthetic(n_actions=300, n_actors=120, seed=1);"
        "print(repr(turbine.graph.typology_assortativity(s)))"
    )
    found = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "5")
    }
    assert len(found) == 1
    strategy = turbine.examples.synthetic(n_actions=300, n_actors=120, seed=1)
    assert found == {f"{typology_assortativity(strategy)!r}\n"}


def test_degree_centrality_is_a_float_even_for_a_lone_actor() -> None:
    strategy = made({"a": PM}, [["a"]])
    (row,) = actor_measures(strategy)
    assert type(row.degree_centrality) is float
    assert row.degree_centrality == 1.0


def test_sampled_betweenness_is_networkxs_estimate() -> None:
    strategy = turbine.examples.synthetic(n_actions=200, n_actors=120, seed=3)
    projection = actor_projection(strategy)
    sampled = actor_measures(strategy, sample=30, seed=4)
    estimate = nx.betweenness_centrality(projection, k=30, seed=4)
    assert [row.betweenness for row in sampled] == [estimate[row.node] for row in sampled]
    exact = actor_measures(strategy)
    assert [row.betweenness for row in sampled] != [row.betweenness for row in exact]
    # Everything but betweenness is as without a sample.
    assert [attrs.evolve(row, betweenness=0.0) for row in sampled] == [
        attrs.evolve(row, betweenness=0.0) for row in actor_measures(strategy, seed=4)
    ]
    # A sample as large as the network is the exact measure.
    assert actor_measures(strategy, sample=len(projection)) == exact


@pytest.mark.parametrize("sample", [0, -1, 2.5, True, "10"])
def test_a_bad_sample_is_refused(sample: Any) -> None:
    with pytest.raises(GraphError) as raised:
        actor_measures(turbine.examples.load("artois"), sample=sample)
    assert raised.value.option == "sample"
