"""Exports: GraphML, GEXF, node-link JSON and CSV, each read back with networkx (and igraph)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import igraph  # type: ignore[import-untyped]
import networkx as nx  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings

import turbine
import turbine.examples
from tests.strategies import strategies
from turbine.errors import GraphError
from turbine.graph import action_projection, actor_projection, to_networkx, two_mode
from turbine.graph._export import (
    read_node_link,
    write_csv,
    write_gexf,
    write_graphml,
    write_node_link,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from turbine.model import Strategy

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# -- what each export should hold, computed independently of the module -----------------------


def element(item: Any) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, str):
        return item.replace("\\", "\\\\").replace(";", "\\;")
    return str(item)


def flat(data: dict[str, Any], *, node: bool) -> dict[str, Any]:
    """Attributes as GraphML, GEXF and CSV hold them."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        name = "local_id" if node and key == "id" else key
        out[name] = ";".join(map(element, value)) if isinstance(value, tuple) else value
    return out


def typed(value: Any) -> Any:
    """*value* with the type of every part, so that 1 and 1.0, or a list and a tuple, differ."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [typed(item) for item in value])
    return (type(value).__name__, value)


def edge_key(graph: Any, u: str, v: str) -> Any:
    return (u, v) if graph.is_directed() else frozenset((u, v))


def expected_nodes(graph: Any) -> dict[str, Any]:
    return {node: flat(data, node=True) for node, data in graph.nodes(data=True)}


def expected_edges(graph: Any) -> dict[Any, Any]:
    return {edge_key(graph, u, v): flat(data, node=False) for u, v, data in graph.edges(data=True)}


def edges_of(graph: Any) -> dict[Any, Any]:
    return {edge_key(graph, u, v): data for u, v, data in graph.edges(data=True)}


def xml_safe(graph: Any) -> bool:
    texts = [str(n) for n in graph] + [
        value
        for data in [*expected_nodes(graph).values(), *expected_edges(graph).values(), graph.graph]
        for value in data.values()
        if isinstance(value, str)
    ]
    return not any(NOT_XML.search(text) for text in texts)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)


# -- reading each export back -------------------------------------------------------------------


def check_graphml(graph: Any, path: Path) -> None:
    write_graphml(graph, path)
    back = nx.read_graphml(path)
    assert back.is_directed() == graph.is_directed()
    assert typed(dict(back.nodes(data=True))) == typed(expected_nodes(graph))
    assert typed(edges_of(back)) == typed(expected_edges(graph))
    own = {
        key: value
        for key, value in back.graph.items()
        if key not in ("node_default", "edge_default")
    }
    assert typed(own) == typed(flat(graph.graph, node=False))
    other = igraph.Graph.Read_GraphML(str(path))
    assert other.vcount() == graph.number_of_nodes()
    assert other.ecount() == graph.number_of_edges()
    assert sorted(other.vs["id"]) == sorted(graph.nodes)
    assert other.is_directed() == graph.is_directed()


def check_gexf(graph: Any, path: Path) -> None:
    write_gexf(graph, path)
    back = nx.read_gexf(path)
    assert back.is_directed() == graph.is_directed()
    assert typed(dict(back.nodes(data=True))) == typed(expected_nodes(graph))
    edges = edges_of(back)
    for data in edges.values():
        del data["id"]  # GEXF numbers its edges; networkx reads the number as an attribute
        if "weight" in data:  # GEXF weights are floats
            assert isinstance(data["weight"], float)
    wanted = expected_edges(graph)
    for data in wanted.values():
        if "weight" in data:
            data["weight"] = float(data["weight"])
    assert typed(edges) == typed(wanted)


def check_node_link(graph: Any, path: Path) -> None:
    write_node_link(graph, path)
    back = read_node_link(path)
    assert back.is_directed() == graph.is_directed()
    assert back.is_multigraph() == graph.is_multigraph()
    assert list(back.nodes) == list(graph.nodes)
    assert typed(dict(back.nodes(data=True))) == typed(dict(graph.nodes(data=True)))
    assert typed(edges_of(back)) == typed(edges_of(graph))
    assert typed(back.graph) == typed(graph.graph)


def read_table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_csv(graph: Any, nodes_path: Path, edges_path: Path) -> None:
    write_csv(graph, nodes_path, edges_path)
    nodes = read_table(nodes_path)
    assert [row["Id"] for row in nodes] == [cell(node) for node in graph.nodes]
    for row, (node, data) in zip(nodes, expected_nodes(graph).items(), strict=True):
        assert row.pop("Id") == cell(node)
        assert row.pop("Label") == cell(data.pop("label", None))
        assert row == {column: cell(data.get(column)) for column in row}
        assert data.keys() <= row.keys()
    edges = read_table(edges_path)
    assert len(edges) == graph.number_of_edges()
    kind = "Directed" if graph.is_directed() else "Undirected"
    for row, (u, v, data) in zip(edges, graph.edges(data=True), strict=True):
        wanted = flat(data, node=False)
        assert (row.pop("Source"), row.pop("Target"), row.pop("Type")) == (cell(u), cell(v), kind)
        assert row.pop("Weight") == cell(wanted.pop("weight", 1))
        assert row == {column: cell(wanted.get(column)) for column in row}
        assert wanted.keys() <= row.keys()


def check_all(graph: Any, directory: Path) -> None:
    if xml_safe(graph):
        check_graphml(graph, directory / "graph.graphml")
        check_gexf(graph, directory / "graph.gexf")
    else:
        with pytest.raises(GraphError, match="XML cannot hold"):
            write_graphml(graph, directory / "graph.graphml")
        with pytest.raises(GraphError, match="XML cannot hold"):
            write_gexf(graph, directory / "graph.gexf")
    check_node_link(graph, directory / "graph.json")
    check_csv(graph, directory / "nodes.csv", directory / "edges.csv")


VIEWS: dict[str, Callable[[Strategy], Any]] = {
    "full": to_networkx,
    "two-mode": two_mode,
    "actors-count": actor_projection,
    "actors-jaccard": lambda s: actor_projection(s, weight="jaccard"),
    "actions-newman": lambda s: action_projection(s, weight="newman"),
}


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


@pytest.mark.parametrize("view", VIEWS)
def test_artois_round_trips(artois: Strategy, view: str, tmp_path: Path) -> None:
    check_all(VIEWS[view](artois), tmp_path)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("seed", [0, 7])
def test_synthetic_round_trips(view: str, seed: int, tmp_path: Path) -> None:
    strategy = turbine.examples.synthetic(n_actions=60, seed=seed)
    check_all(VIEWS[view](strategy), tmp_path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies(max_actions=6))
def test_generated_round_trips(strategy: Strategy) -> None:
    with tempfile.TemporaryDirectory() as directory:
        for view in ("full", "two-mode", "actors-jaccard"):
            check_all(VIEWS[view](strategy), Path(directory))


# -- awkward values -----------------------------------------------------------------------------


def awkward_graph() -> Any:
    graph = nx.DiGraph(title='Stratégie « Artois » ; <2030> & "après"', empty=None)
    graph.add_node(
        "actor:a",
        id="a",
        label="Communauté d'agglomération ; Béthune <Bruay> & \"Artois\" 'Lys'",
        roles=("porteur;co-pilote", "back\\slash", "élu"),
        count=-3,
        share=-0.5,
        flag=True,
        nothing=None,
        lines="première\r\ndeuxième\rtroisième\n",
    )
    graph.add_node("action:a", id="a", label='=HYPERLINK("http://x")', note="-1", count=2)
    graph.add_node("action:b", id="b", label="+33 1 23", note="@SUM(A1)", share=0.25)
    graph.add_node("action:c", id="c", label="\tTab", note="\rreturn", flag=False)
    graph.add_edge("actor:a", "action:a", weight=2, roles=("a;b",), relation="involved_in")
    graph.add_edge("actor:a", "action:b", relation="involved_in", level=None)
    return graph


def test_awkward_values_round_trip(tmp_path: Path) -> None:
    check_all(awkward_graph(), tmp_path)


def test_lists_are_joined_with_escaped_separators(tmp_path: Path) -> None:
    graph = awkward_graph()
    write_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.nodes["actor:a"]["roles"] == "porteur\\;co-pilote;back\\\\slash;élu"
    assert back.edges["actor:a", "action:a"]["roles"] == "a\\;b"
    assert back.nodes["actor:a"]["lines"] == "première\r\ndeuxième\rtroisième\n"
    assert "nothing" not in back.nodes["actor:a"]
    assert "empty" not in back.graph


def test_csv_neutralises_formulas_not_numbers(tmp_path: Path) -> None:
    write_csv(awkward_graph(), tmp_path / "nodes.csv", tmp_path / "edges.csv")
    rows = {row["Id"]: row for row in read_table(tmp_path / "nodes.csv")}
    assert rows["action:a"]["Label"] == '\'=HYPERLINK("http://x")'
    assert rows["action:a"]["note"] == "'-1"  # a text, not a number
    assert rows["action:b"]["Label"] == "'+33 1 23"
    assert rows["action:b"]["note"] == "'@SUM(A1)"
    assert rows["action:c"]["Label"] == "'\tTab"
    assert rows["action:c"]["note"] == "'\rreturn"
    assert rows["actor:a"]["count"] == "-3"  # numbers untouched
    assert rows["actor:a"]["share"] == "-0.5"
    assert rows["actor:a"]["local_id"] == "a"
    assert "nothing" not in rows["actor:a"]  # None everywhere: no column
    assert rows["action:c"]["flag"] == "false"
    edges = read_table(tmp_path / "edges.csv")
    assert [(e["Type"], e["Weight"]) for e in edges] == [("Directed", "2"), ("Directed", "1")]
    header = (tmp_path / "edges.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "Source,Target,Type,Weight,roles,relation"  # level is None everywhere


def test_gexf_keeps_ids_and_labels(artois: Strategy, tmp_path: Path) -> None:
    # networkx's GEXF writer would take the `id` attribute as the node's id: actor and action
    # ids may be equal, so it is written as `local_id`.
    write_gexf(two_mode(artois), tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.nodes["actor:agglomeration"]["local_id"] == "agglomeration"
    assert back.nodes["actor:agglomeration"]["label"] == artois.actor("agglomeration").name


def test_types_are_declared_in_graphml(artois: Strategy, tmp_path: Path) -> None:
    write_graphml(actor_projection(artois, weight="jaccard"), tmp_path / "g.graphml")
    text = (tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert 'attr.name="weight" attr.type="double"' in text
    assert 'attr.name="bipartite" attr.type="long"' in text
    assert 'attr.name="label" attr.type="string"' in text


def test_mixed_numbers_become_floats(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1)
    graph.add_edge("b", "c", weight=0.5)
    graph.add_node("a", mixed=1)
    graph.add_node("b", mixed="x")
    write_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert typed(back.edges["a", "b"]["weight"]) == ("float", 1.0)
    assert typed(back.nodes["a"]["mixed"]) == ("str", "1")


# -- errors -------------------------------------------------------------------------------------


def writers(directory: Path) -> dict[str, Callable[[Any], None]]:
    return {
        "graphml": lambda g: write_graphml(g, directory / "g.graphml"),
        "gexf": lambda g: write_gexf(g, directory / "g.gexf"),
        "csv": lambda g: write_csv(g, directory / "n.csv", directory / "e.csv"),
        "json": lambda g: write_node_link(g, directory / "g.json"),
    }


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "json"])
def test_unwritable_value_names_node_and_attribute(fmt: str, tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node("actor:a", extra={1, 2})
    with pytest.raises(GraphError, match=r"node 'actor:a', attribute 'extra'") as caught:
        writers(tmp_path)[fmt](graph)
    assert caught.value.option == "graph"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_dict_on_an_edge_is_refused(fmt: str, tmp_path: Path) -> None:
    graph = nx.DiGraph()
    graph.add_edge("a", "b", meta={"x": 1})
    with pytest.raises(GraphError, match=r"edge 'a' -> 'b', attribute 'meta'"):
        writers(tmp_path)[fmt](graph)


def test_nan_is_refused_in_json(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=float("nan"))
    with pytest.raises(GraphError, match="JSON cannot hold"):
        write_node_link(graph, tmp_path / "g.json")


def test_xml_forbidden_character(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node("a", label="bell\x07")
    with pytest.raises(GraphError, match=r"node 'a', attribute 'label',.*U\+0007"):
        write_graphml(graph, tmp_path / "g.graphml")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "json"])
def test_unwritable_path(fmt: str, tmp_path: Path, artois: Strategy) -> None:
    with pytest.raises(turbine.TurbineFileError):
        writers(tmp_path / "missing" / "dir")[fmt](two_mode(artois))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "json"])
def test_not_a_graph(fmt: str, tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="must be a networkx graph") as caught:
        writers(tmp_path)[fmt]({"a": "b"})
    assert caught.value.option == "graph"


def test_reserved_names_are_refused(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_edge("a", "b", source="x")
    with pytest.raises(GraphError, match="source"):
        write_node_link(graph, tmp_path / "g.json")
    with pytest.raises(GraphError, match="named 'source', which the CSV table"):
        write_csv(graph, tmp_path / "n.csv", tmp_path / "e.csv")
    graph = nx.Graph()
    graph.add_node("a", id="x", local_id="y")
    with pytest.raises(GraphError, match="local_id"):
        write_graphml(graph, tmp_path / "g.graphml")


def test_read_node_link_refuses_other_json(tmp_path: Path) -> None:
    (tmp_path / "g.json").write_text('{"nodes": [{"id": "a"}], "links": []}', encoding="utf-8")
    with pytest.raises(GraphError) as caught:
        read_node_link(tmp_path / "g.json")
    assert caught.value.option == "path"
    with pytest.raises(turbine.TurbineFileError):
        read_node_link(tmp_path / "missing.json")


def test_node_link_is_readable_by_networkx(artois: Strategy, tmp_path: Path) -> None:
    import json  # noqa: PLC0415

    write_node_link(to_networkx(artois), tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges", name="node")
    assert graph.number_of_nodes() == to_networkx(artois).number_of_nodes()
    assert graph.nodes["actor:agglomeration"]["id"] == "agglomeration"


def test_import_does_not_import_networkx() -> None:
    code = "import sys, turbine.graph._export; assert 'networkx' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
