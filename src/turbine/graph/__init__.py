"""Actor networks: the strategy as a networkx graph, and views for network analysis.

:func:`to_networkx` gives the whole document as one graph; :func:`two_mode`,
:func:`typology_graph`, :func:`actor_projection` and :func:`action_projection` give the graphs
network analysis works on; :func:`actor_measures`, :func:`network_measures`,
:func:`mixing_matrix`, :func:`typology_assortativity`, :func:`communities` and :func:`brokerage`
measure them; :func:`write_graphml`, :func:`write_gexf`, :func:`write_node_link` and
:func:`write_csv` export them. networkx is imported only when a graph is built.

>>> import turbine.examples, turbine.graph
>>> graph = turbine.graph.to_networkx(turbine.examples.load("artois"))
>>> graph.nodes["typology:inhabitants"]["kind"]
'typology'
"""

from __future__ import annotations

from turbine.graph._build import GraphError, node_id, to_networkx
from turbine.graph._export import (
    SEPARATOR,
    read_node_link,
    write_csv,
    write_gexf,
    write_graphml,
    write_node_link,
)
from turbine.graph._measures import (
    ActorMeasures,
    Brokerage,
    MixingMatrix,
    NetworkMeasures,
    Table,
    actor_measures,
    brokerage,
    communities,
    mixing_matrix,
    network_measures,
    typology_assortativity,
)
from turbine.graph._views import (
    WEIGHTS,
    Weight,
    action_projection,
    actor_projection,
    two_mode,
    typology_graph,
)

__all__ = [
    "SEPARATOR",
    "WEIGHTS",
    "ActorMeasures",
    "Brokerage",
    "GraphError",
    "MixingMatrix",
    "NetworkMeasures",
    "Table",
    "Weight",
    "action_projection",
    "actor_measures",
    "actor_projection",
    "brokerage",
    "communities",
    "mixing_matrix",
    "network_measures",
    "node_id",
    "read_node_link",
    "to_networkx",
    "two_mode",
    "typology_assortativity",
    "typology_graph",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]
