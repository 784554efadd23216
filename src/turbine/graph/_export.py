r"""Exports of turbine's graphs for Gephi, igraph, R and spreadsheets.

GraphML and GEXF hold only scalar values, so lists and tuples are flattened to text joined by
:data:`SEPARATOR` (``;``), with ``\\`` and ``;`` inside an element escaped as ``\\\\`` and
``\\;``; ``None`` values are left out; ints, floats, bools and strings keep their types. A node's
``id`` attribute is written as ``local_id`` there and in the CSV tables, because Gephi and igraph
keep the node's own id under that name. Node-link JSON is lossless: :func:`read_node_link` gives
back the graph that was written.

Every file is written atomically (see :func:`turbine.io.write_atomic`), as UTF-8.

>>> import tempfile, pathlib, turbine.examples, turbine.graph
>>> graph = turbine.graph.two_mode(turbine.examples.load("artois"))
>>> with tempfile.TemporaryDirectory() as directory:
...     path = pathlib.Path(directory, "artois.json")
...     write_node_link(graph, path)
...     read_node_link(path).edges["actor:agglomeration", "action:demande-locale"]
{'role': 'carrier', 'roles': ('carrier',), 'level': 3}
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from typing import TYPE_CHECKING, Any

from turbine._util import brief
from turbine.errors import GraphError
from turbine.io import load_json, write_atomic, write_atomic_all

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import networkx as nx  # type: ignore[import-untyped]

__all__ = [
    "SEPARATOR",
    "read_node_link",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]

Path = str | os.PathLike[str]
Scalar = str | int | float | bool
Flat = dict[str, Scalar]

SEPARATOR = ";"
"""What joins the elements of a list or tuple in GraphML, GEXF and CSV exports."""

# What node-link JSON names a node's id (not "id": turbine's nodes have an ``id`` attribute).
NODE_KEY = "node"
# The node attribute that Gephi and igraph would confuse with the node's id, and its new name.
LOCAL_ID = "local_id"
# XML 1.0 cannot hold these characters, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# networkx's GEXF writer takes these attributes for GEXF's own (positions, spells, parents...).
_GEXF_NODE_RESERVED = frozenset({"pid", "start", "end", "spells", "viz"})
_GEXF_EDGE_RESERVED = frozenset({"id", "type", "start", "end", "spells"})
# Spreadsheets run a cell starting with these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# -- flattening -------------------------------------------------------------------------------


def _graph_error(message: str) -> GraphError:
    return GraphError(message, option="graph")


def _check_graph(graph: object) -> nx.Graph:
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    if not isinstance(graph, nx.Graph):
        raise _graph_error(f"graph must be a networkx graph, not {type(graph).__name__}")
    return graph


def _element(item: object, where: str) -> str:
    """One element of a list, as text, with the separator and the escape character escaped."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        return str(item)
    if isinstance(item, str):
        return item.replace("\\", "\\\\").replace(SEPARATOR, "\\" + SEPARATOR)
    raise _graph_error(
        f"{where} holds {brief(item)} (a {type(item).__name__}) in a list; only texts, numbers "
        "and booleans can be flattened: write it with write_node_link, or convert it first"
    )


def _flat(value: object, where: str) -> Scalar | None:
    """*value* as GraphML, GEXF and CSV hold it; ``None`` to leave it out."""
    if value is None:
        return None
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (list, tuple)):
        return SEPARATOR.join(_element(item, where) for item in value)
    raise _graph_error(
        f"{where} is {brief(value)} (a {type(value).__name__}), which GraphML, GEXF and CSV "
        "cannot hold: write it with write_node_link, or convert it first"
    )


def _flat_attributes(data: dict[str, Any], where: str, *, rename_id: bool) -> Flat:
    flat: Flat = {}
    for key, value in data.items():
        name = str(key)
        if rename_id and name == "id":
            if LOCAL_ID in data:
                raise _graph_error(
                    f"{where} has both an 'id' and a {LOCAL_ID!r} attribute; its 'id' is "
                    f"exported as {LOCAL_ID!r}, so one must go"
                )
            name = LOCAL_ID
        flat_value = _flat(value, f"{where}, attribute {key!r},")
        if flat_value is not None:
            flat[name] = flat_value
    return flat


def _node_where(node: object) -> str:
    return f"node {node!r}"


def _edge_where(graph: nx.Graph, u: object, v: object) -> str:
    return f"edge {u!r} {'->' if graph.is_directed() else '--'} {v!r}"


def _edges(graph: nx.Graph) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """Every edge as (u, v, key, data); the key is ``None`` in a graph that is not a multigraph."""
    if graph.is_multigraph():
        yield from graph.edges(keys=True, data=True)
    else:
        for u, v, data in graph.edges(data=True):
            yield u, v, None, data


def _unify(items: list[Flat]) -> None:
    """Give each attribute one type in every item: float for int and float mixed, else text."""
    types: dict[str, set[type]] = {}
    for data in items:
        for key, value in data.items():
            types.setdefault(key, set()).add(type(value))
    for key, found in types.items():
        if len(found) == 1:
            continue
        convert: Callable[[Scalar], Scalar] = float if found == {int, float} else _text
        for data in items:
            if key in data:
                data[key] = convert(data[key])


def _text(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_xml(text: str, where: str) -> None:
    found = _NOT_XML.search(text)
    if found:
        raise _graph_error(
            f"{where} holds the character U+{ord(found.group()):04X}, which XML cannot hold: "
            "remove it, or write the graph with write_node_link or write_csv"
        )


def _flat_graph(original: object, *, gexf: bool = False) -> nx.Graph:
    """A copy of a graph that GraphML (or GEXF) can hold, checked for what XML cannot hold."""
    graph = _check_graph(original)
    graph_data = _flat_attributes(graph.graph, "the graph", rename_id=False)
    nodes = [
        (node, _flat_attributes(data, _node_where(node), rename_id=True))
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        (u, v, key, _flat_attributes(data, _edge_where(graph, u, v), rename_id=False))
        for u, v, key, data in _edges(graph)
    ]
    _unify([data for _, data in nodes])
    _unify([data for *_, data in edges])
    for where, data in [
        ("the graph", graph_data),
        *((_node_where(node), data) for node, data in nodes),
        *((_edge_where(graph, u, v), data) for u, v, _, data in edges),
    ]:
        for key, value in data.items():
            _check_xml(str(key), f"{where}, the name of attribute {key!r},")
            if isinstance(value, str):
                _check_xml(value, f"{where}, attribute {key!r},")
    for node, data in nodes:
        _check_xml(str(node), f"the id of {_node_where(node)}")
        if gexf and (reserved := _GEXF_NODE_RESERVED.intersection(data)):
            raise _graph_error(f"{_node_where(node)} has attributes GEXF reserves: {reserved}")
    if gexf:
        for u, v, _, data in edges:
            if reserved := _GEXF_EDGE_RESERVED.intersection(data):
                raise _graph_error(
                    f"{_edge_where(graph, u, v)} has attributes GEXF reserves: {reserved}"
                )
    flat = graph.__class__()
    flat.graph.update(graph_data)
    flat.add_nodes_from(nodes)
    if graph.is_multigraph():
        flat.add_edges_from(edges)
    else:
        flat.add_edges_from((u, v, data) for u, v, _, data in edges)
    return flat


# -- GraphML and GEXF --------------------------------------------------------------------------


def write_graphml(graph: nx.Graph, path: Path) -> None:
    r"""Write *graph* as GraphML (UTF-8), for Gephi, igraph, R's igraph and statnet, yEd.

    Lists and tuples are flattened to text joined by ``;`` (an element's ``\\`` and ``;`` escaped
    as ``\\\\`` and ``\\;``), ``None`` values left out, a node's ``id`` attribute written as
    ``local_id``; each attribute is a typed GraphML key (``string``, ``long``, ``double``,
    ``boolean``). The graph's own attributes are kept.

    Raises:
        GraphError: *graph* is not a networkx graph, or holds a value GraphML cannot hold (a dict,
            a set, a character XML forbids...); the message names the node or edge and the
            attribute.
        TurbineFileError: The file cannot be written.
    """
    write_atomic(path, graphml_bytes(graph))


def graphml_bytes(graph: nx.Graph) -> bytes:
    """The document :func:`write_graphml` writes, for a stream.

    Raises:
        GraphError: As for :func:`write_graphml`.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    flat = _flat_graph(graph)
    buffer = io.BytesIO()
    nx.write_graphml_xml(flat, buffer, encoding="utf-8")
    # A carriage return in element text would be read back as a line feed: escape it. The writer
    # puts none of its own in the document, and 0x0D is never part of a longer UTF-8 sequence.
    return buffer.getvalue().replace(b"\r", b"&#13;")


def write_gexf(graph: nx.Graph, path: Path) -> None:
    """Write *graph* as GEXF 1.2 (UTF-8), Gephi's own format.

    Values are flattened as for :func:`write_graphml`. A node's ``label`` is its GEXF label and an
    edge's ``weight`` its GEXF weight (read back as a float); GEXF keeps none of the graph's own
    attributes.

    Raises:
        GraphError: As for :func:`write_graphml`, or an attribute has a name GEXF reserves
            (``pid``, ``start``, ``end``, ``spells``, ``viz`` on nodes; ``id``, ``type``,
            ``start``, ``end``, ``spells`` on edges).
        TurbineFileError: The file cannot be written.
    """
    write_atomic(path, gexf_bytes(graph))


def gexf_bytes(graph: nx.Graph) -> bytes:
    """The document :func:`write_gexf` writes, for a stream.

    Raises:
        GraphError: As for :func:`write_gexf`.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    flat = _flat_graph(graph, gexf=True)
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8")
    return buffer.getvalue().replace(b"\r", b"&#13;")


# -- node-link JSON ----------------------------------------------------------------------------


def _check_json(value: object, where: str) -> None:
    if value is None or isinstance(value, (bool, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _graph_error(f"{where} is {value!r}, which JSON cannot hold")
        return
    if isinstance(value, str):
        if re.search("[\ud800-\udfff]", value):
            raise _graph_error(f"{where} holds a lone surrogate, which UTF-8 cannot encode")
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _check_json(item, where)
        return
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        for item in value.values():
            _check_json(item, where)
        return
    raise _graph_error(
        f"{where} is {brief(value)} (a {type(value).__name__}), which JSON cannot hold"
    )


def write_node_link(graph: nx.Graph, path: Path) -> None:
    """Write *graph* as node-link JSON (UTF-8), losing nothing: see :func:`read_node_link`.

    The document is networkx's :func:`~networkx.node_link_data` with ``edges="edges"`` and
    ``name="node"`` (a node's id is under ``"node"``, since turbine's nodes have an ``id``
    attribute); tuples are JSON arrays. networkx reads it with
    ``nx.node_link_graph(data, edges="edges", name="node")``, which leaves arrays as lists.

    Raises:
        GraphError: *graph* is not a networkx graph, or holds a value JSON cannot hold (a set, a
            NaN, an object...), or an attribute named ``node`` (nodes), ``source`` or ``target``
            (edges), or ``key`` (edges of a multigraph).
        TurbineFileError: The file cannot be written.
    """
    write_atomic(path, node_link_bytes(graph))


def node_link_bytes(graph: nx.Graph) -> bytes:
    """The document :func:`write_node_link` writes, for a stream.

    Raises:
        GraphError: As for :func:`write_node_link`.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    graph = _check_graph(graph)
    _check_json(graph.graph, "the graph's attributes")
    for node, data in graph.nodes(data=True):
        _check_json(node, f"the id of {_node_where(node)}")
        if NODE_KEY in data:
            raise _graph_error(f"{_node_where(node)} has an attribute {NODE_KEY!r}")
        for key, value in data.items():
            _check_json(value, f"{_node_where(node)}, attribute {key!r},")
    reserved = {"source", "target", "key"} if graph.is_multigraph() else {"source", "target"}
    for u, v, _, data in _edges(graph):
        where = _edge_where(graph, u, v)
        if clash := reserved.intersection(data):
            raise _graph_error(f"{where} has attributes node-link JSON reserves: {clash}")
        for key, value in data.items():
            _check_json(value, f"{where}, attribute {key!r},")
    document = nx.node_link_data(graph, edges="edges", name=NODE_KEY)
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuples(item) for item in value)
    if isinstance(value, dict):
        return {key: _tuples(item) for key, item in value.items()}
    return value


def read_node_link(path: Path) -> nx.Graph:
    """The graph :func:`write_node_link` wrote to *path*, equal to the one written.

    JSON has no tuples: every array in an attribute value is read back as a tuple, as turbine's
    graphs hold them (``typologies``, ``roles``; turbine's graphs hold no lists).

    Raises:
        TurbineFileError: The file cannot be read.
        TurbineDecodeError: It is not UTF-8 JSON.
        GraphError: It is not a node-link graph as :func:`write_node_link` writes them.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    name = os.fsdecode(path)
    data = load_json(path, max_bytes=None)
    try:
        graph = nx.node_link_graph(data, edges="edges", name=NODE_KEY)
    except (KeyError, TypeError, AttributeError, nx.NetworkXError) as exc:
        raise GraphError(
            f"{name}: not a node-link graph as write_node_link writes them ({exc!r})",
            option="path",
        ) from exc
    graph.graph.update(_tuples(graph.graph))
    for _, attributes in graph.nodes(data=True):
        attributes.update(_tuples(attributes))
    for *_, attributes in _edges(graph):
        attributes.update(_tuples(attributes))
    return graph


# -- CSV tables --------------------------------------------------------------------------------


def _cell(value: Scalar | None) -> str | int | float:
    """A spreadsheet cell: text that cannot start a formula, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    return "'" + value if value.startswith(_FORMULA_START) else value


def _columns(rows: list[Flat], own: tuple[str, ...], moved: str) -> list[str]:
    """The attribute columns after the table's *own*, where the attribute *moved* is not."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    columns.pop(moved, None)
    taken = {name.casefold() for name in own}
    for column in columns:
        if column.casefold() in taken:
            raise _graph_error(
                f"an attribute is named {column!r}, which the CSV table has as a column of its own"
            )
    return list(columns)


def _csv_bytes(header: list[str], rows: list[list[str | int | float]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_cell(name) for name in header])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_csv(graph: nx.Graph, nodes_path: Path, edges_path: Path) -> None:
    """Write *graph* as a node table and an edge table, in Gephi's spreadsheet convention.

    The node table has the columns ``Id``, ``Label`` (the ``label`` attribute) and then one per
    other attribute (a node's ``id`` attribute as ``local_id``); the edge table ``Source``,
    ``Target``, ``Type`` (``Directed`` or ``Undirected``), ``Weight`` (the ``weight`` attribute, 1
    where it has none) and one column per other attribute. Lists and tuples are flattened as for
    :func:`write_graphml`, ``None`` is an empty cell, booleans are ``true`` and ``false``. A text
    starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a ``'`` in front
    so that no spreadsheet runs it as a formula; numbers are never changed. The files are UTF-8
    without a byte-order mark, with CRLF line ends, written together (see
    :func:`turbine.io.write_atomic_all`): if one cannot be written, neither is replaced.

    Raises:
        GraphError: *graph* is not a networkx graph, holds a value that cannot be flattened (a
            dict, a set...), or has an attribute named like a column of the table (``Source``,
            ``Type``...).
        TurbineFileError: A file cannot be written.
    """
    graph = _check_graph(graph)
    nodes = [
        (node, _flat_attributes(data, _node_where(node), rename_id=True))
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        (u, v, _flat_attributes(data, _edge_where(graph, u, v), rename_id=False))
        for u, v, _, data in _edges(graph)
    ]
    node_columns = _columns([data for _, data in nodes], ("Id", "Label"), "label")
    own_edge_columns = ("Source", "Target", "Type", "Weight")
    edge_columns = _columns([data for *_, data in edges], own_edge_columns, "weight")
    node_rows = [
        [_cell(_text(node)), _cell(data.get("label"))]
        + [_cell(data.get(column)) for column in node_columns]
        for node, data in nodes
    ]
    kind = "Directed" if graph.is_directed() else "Undirected"
    edge_rows = [
        [_cell(_text(u)), _cell(_text(v)), kind, _cell(data.get("weight", 1))]
        + [_cell(data.get(column)) for column in edge_columns]
        for u, v, data in edges
    ]
    write_atomic_all(
        [
            (nodes_path, _csv_bytes(["Id", "Label", *node_columns], node_rows)),
            (edges_path, _csv_bytes([*own_edge_columns, *edge_columns], edge_rows)),
        ]
    )
