"""Time the actor projection against networkx's own on a large synthetic strategy.

A synthetic strategy of 10,000 actors and 25,000 actions (skewed participation: a few actors in
many actions, most in a few) is projected onto its actors, weighted by the number of shared
actions. turbine's time is the whole of ``turbine.graph.actor_projection(strategy)``, from the
strategy to the weighted networkx graph; networkx's is ``weighted_projected_graph`` on the
two-mode graph, already built. Both give the same graph (checked here on the edge count, and by
property tests in ``tests/test_graph_views.py``).

It prints both times in seconds (the best of several runs) and their ratio. The target: ours at
most 0.5 s. The script exits with status 1 when it is missed. Run it with
``python benchmarks/bench_graph.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

import networkx as nx  # type: ignore[import-untyped]

from turbine.examples import synthetic
from turbine.graph import actor_projection, two_mode

if TYPE_CHECKING:
    from collections.abc import Callable

N_ACTORS, N_ACTIONS = 10_000, 25_000
TARGET = 0.5


def best_of(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest of *repeat* runs, in seconds, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table; 1 if the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (3)")
    args = parser.parse_args(argv)
    strategy = synthetic(n_actions=N_ACTIONS, n_actors=N_ACTORS, seed=0)
    graph = two_mode(strategy)
    actors = [node for node, side in graph.nodes(data="bipartite") if side == 0]
    ours, projected = best_of(lambda: actor_projection(strategy), args.repeat)
    theirs, expected = best_of(
        lambda: nx.bipartite.weighted_projected_graph(graph, actors), args.repeat
    )
    assert projected.number_of_edges() == expected.number_of_edges()  # noqa: S101 - same graph
    print(
        f"actor projection (count): {N_ACTORS:,} actors, {N_ACTIONS:,} actions, "
        f"{graph.number_of_edges():,} involvements, {projected.number_of_edges():,} ties"
    )
    print(f"{'networkx s':>11} {'turbine s':>10} {'speed-up':>9}")
    print(f"{theirs:>11.3f} {ours:>10.3f} {theirs / ours:>8.1f}x")
    missed = ours > TARGET
    print(f"target: turbine at most {TARGET} s: {'MISSED' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
