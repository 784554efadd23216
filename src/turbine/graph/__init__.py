"""Actor networks: the strategy as a networkx graph, and views for network analysis.

:func:`to_networkx` gives the whole document as one graph; :func:`two_mode`,
:func:`typology_graph`, :func:`actor_projection` and :func:`action_projection` give the graphs
network analysis works on. networkx is imported only when a graph is built.

>>> import turbine.examples, turbine.graph
>>> graph = turbine.graph.to_networkx(turbine.examples.load("artois"))
>>> graph.nodes["typology:inhabitants"]["kind"]
'typology'
"""

from __future__ import annotations

from turbine.graph._build import GraphError, node_id, to_networkx
from turbine.graph._views import (
    WEIGHTS,
    Weight,
    action_projection,
    actor_projection,
    two_mode,
    typology_graph,
)

__all__ = [
    "WEIGHTS",
    "GraphError",
    "Weight",
    "action_projection",
    "actor_projection",
    "node_id",
    "to_networkx",
    "two_mode",
    "typology_graph",
]
