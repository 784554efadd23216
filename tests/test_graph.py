"""turbine.graph.to_networkx: every entity a node, every reference an edge."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import turbine
import turbine.examples
from tests.strategies import strategies
from turbine.graph import GraphError, node_id, to_networkx
from turbine.model import Action, Actor, Involvement, MetaAction, Objective, Strategy, Territory


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


def relations(graph: Any) -> dict[str, int]:
    found: dict[str, int] = {}
    for _, _, relation in graph.edges(data="relation"):
        found[relation] = found.get(relation, 0) + 1
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies())
def test_nodes_and_edges_are_the_models(strategy: Strategy) -> None:
    graph = to_networkx(strategy)
    counts = strategy.counts()
    kinds: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds == {
        kind: n
        for kind, n in {
            "axis": counts.axes,
            "objective": counts.objectives,
            "meta-action": counts.meta_actions,
            "action": counts.actions,
            "typology": counts.typologies,
            "actor": counts.actors,
        }.items()
        if n
    }
    contexts = list(strategy.iter_actions())
    in_axes = sum(len(axis.objectives) for axis in strategy.axes)
    expected = {
        "part_of": counts.actions + counts.meta_actions + in_axes,
        "carried_by": sum(len(set(m.typologies)) for m in strategy.iter_meta_actions())
        + sum(len(set(c.typologies)) for c in contexts),
        "involved_in": sum(len({i.actor for i in c.action.actors}) for c in contexts),
        "belongs_to": counts.actors,
    }
    assert relations(graph) == {relation: n for relation, n in expected.items() if n}
    for context in contexts:
        node = graph.nodes[node_id("action", context.action.id)]
        assert node["level"] == context.level
        assert node["typologies"] == context.typologies
        assert node["meta_action"] == context.meta_action.id


def test_every_node_has_a_kind_a_label_and_its_local_id(artois: Strategy) -> None:
    graph = to_networkx(artois)
    for node, data in graph.nodes(data=True):
        assert node == f"{data['kind']}:{data['id']}"
        assert isinstance(data["label"], str)
        assert data["label"]
    assert graph.graph == {"strategy": artois.id, "title": artois.title, "language": "fr"}


def test_artois_by_hand(artois: Strategy) -> None:
    graph = to_networkx(artois)
    # The agglomeration carries the local demand action; the popular education network supports
    # the experimentation places.
    edge = graph.edges["actor:agglomeration", "action:demande-locale"]
    assert edge == {"relation": "involved_in", "role": "carrier", "roles": ("carrier",)}
    edge = graph.edges["actor:reseau-education-populaire", "action:lieux-experimentation"]
    assert edge["role"] == "supporter"
    assert graph.edges["actor:agglomeration", "typology:policy-makers"] == {
        "relation": "belongs_to"
    }
    # lieux-experimentation has its own level (1) and typologies; its meta-action's are 2 and 3.
    node = graph.nodes["action:lieux-experimentation"]
    assert node["level"] == 1
    assert node["typologies"] == ("project-makers", "supporters")
    assert node["meta_action"] == "production-agricole"
    assert node["axis"] is None
    carried = {
        t
        for _, t, r in graph.out_edges(node_id("action", "lieux-experimentation"), data="relation")
        if r == "carried_by"
    }
    assert carried == {"typology:project-makers", "typology:supporters"}
    meta = graph.nodes["meta-action:production-agricole"]
    assert meta["level"] == 2
    assert meta["typologies"] == ("policy-makers", "project-makers", "supporters")
    assert graph.edges["action:demande-locale", "meta-action:distribution-alimentaire"] == {
        "relation": "part_of"
    }
    actor = graph.nodes["actor:agglomeration"]
    assert actor["kind"] == "actor"
    assert actor["typology"] == "policy-makers"
    assert set(actor) == {"kind", "id", "label", "typology", "actor_kind", "territory"}


def small(**changes: Any) -> Strategy:
    action = Action(
        id="x",
        title="Action x",
        actors=(Involvement(actor="x", role="carrier"), Involvement(actor="x", role="funder")),
    )
    meta = MetaAction(
        id="x", title="Meta x", typologies=("inhabitants",), level=1, actions=(action,)
    )
    strategy = Strategy(
        id="s",
        title="S",
        language="en",
        territory=Territory(name="T"),
        actors=(Actor(id="x", name="Actor x", typology="inhabitants"),),
        objectives=(Objective(id="x", title="Objective x", meta_actions=(meta,)),),
    )
    return attrs.evolve(strategy, **changes)


def test_an_actor_and_an_action_may_share_an_id() -> None:
    graph = to_networkx(small())
    assert {"actor:x", "action:x", "meta-action:x", "objective:x"} <= set(graph)
    assert graph.nodes["actor:x"]["kind"] == "actor"
    assert graph.nodes["action:x"]["kind"] == "action"
    # Two roles of one actor in one action: one edge, the first role and all of them.
    assert graph.edges["actor:x", "action:x"]["role"] == "carrier"
    assert graph.edges["actor:x", "action:x"]["roles"] == ("carrier", "funder")


def test_typology_labels_are_in_the_strategys_language() -> None:
    inhabitants = turbine.vocabulary.INHABITANTS.label
    graph = to_networkx(small())
    assert graph.nodes["typology:inhabitants"]["label"] == inhabitants["en"]
    graph = to_networkx(small(language="fr"))
    assert graph.nodes["typology:inhabitants"]["label"] == inhabitants["fr"]


@pytest.mark.parametrize(
    ("changes", "kind", "missing"),
    [
        ({"actors": (Actor(id="x", name="X", typology="nobody"),)}, "typology", "nobody"),
        ({"actors": ()}, "actor", "x"),
    ],
)
def test_references_that_do_not_resolve_are_refused(
    changes: dict[str, Any], kind: str, missing: str
) -> None:
    with pytest.raises(turbine.UnknownIdError) as caught:
        to_networkx(small(**changes))
    assert (caught.value.kind, caught.value.id) == (kind, missing)


def test_not_a_strategy_is_refused() -> None:
    with pytest.raises(GraphError) as caught:
        to_networkx("artois")  # type: ignore[arg-type]
    assert caught.value.option == "strategy"
    assert isinstance(caught.value, turbine.TurbineError)
    assert isinstance(caught.value, ValueError)


def test_graph_error_pickles() -> None:
    import pickle  # noqa: PLC0415

    error = pickle.loads(pickle.dumps(GraphError("bad", option="weight")))  # noqa: S301
    assert (str(error), error.option) == ("bad", "weight")


def test_importing_turbine_graph_does_not_import_networkx() -> None:
    code = "import sys, turbine.graph; assert 'networkx' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
