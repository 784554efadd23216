"""Governance-network measures: per actor, for the whole network, by typology, and brokerage.

Every measure is computed on the views of :mod:`turbine.graph._views`: the two-mode graph
(actors x actions) and the actor projection (actors tied by the actions they share). The results
are frozen records; the tables of them have a ``to_pandas()`` when pandas is installed
(``pip install 'turbine[pandas]'``). networkx is imported only when a measure is computed.

Every measure is defined on every strategy: sparse and disconnected networks, actors with one tie
or none, and a strategy without actors or actions (it gives empty tables and zero counts).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import attrs
from attrs import frozen

from turbine.graph._build import GraphError, Node, check_strategy
from turbine.graph._views import Weight, _check_weight, actor_projection, two_mode

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import networkx as nx  # type: ignore[import-untyped]

    from turbine.model import Strategy

__all__ = [
    "ActorMeasures",
    "Brokerage",
    "MixingMatrix",
    "NetworkMeasures",
    "Table",
    "actor_measures",
    "brokerage",
    "communities",
    "mixing_matrix",
    "network_measures",
    "typology_assortativity",
]

R = TypeVar("R")

_PANDAS_MISSING = (
    "to_pandas() needs pandas, which is not installed; install it with "
    "`pip install 'turbine[pandas]'`"
)


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError as error:
        raise ImportError(_PANDAS_MISSING, name="pandas") from error


class Table(Sequence[R], Generic[R]):
    """An immutable sequence of records (frozen attrs instances), one per row.

    ``to_dicts()`` gives plain dicts (for JSON or CSV); ``to_pandas()`` a
    :class:`pandas.DataFrame` with one column per field, when pandas is installed.
    """

    __slots__ = ("_rows",)

    def __init__(self, rows: Iterable[R] = ()) -> None:
        self._rows: tuple[R, ...] = tuple(rows)

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> Table[R]: ...
    def __getitem__(self, index: int | slice) -> R | Table[R]:
        if isinstance(index, slice):
            return Table(self._rows[index])
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[R]:
        return iter(self._rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return self._rows == other._rows

    def __hash__(self) -> int:
        return hash(self._rows)

    def __repr__(self) -> str:
        return f"Table({list(self._rows)!r})"

    def to_dicts(self) -> list[dict[str, Any]]:
        """The rows as plain dicts, fields in declaration order."""
        return [attrs.asdict(row, recurse=False) for row in self._rows]  # type: ignore[arg-type]

    def to_pandas(self) -> Any:
        """The rows as a :class:`pandas.DataFrame`, one column per field, even when empty.

        Raises:
            ImportError: pandas is not installed (``pip install 'turbine[pandas]'``).
        """
        pd = _pandas()
        if not self._rows:  # pragma: no cover - needs pandas, an optional extra
            return pd.DataFrame()
        row: Any = self._rows[0]
        columns = [field.name for field in attrs.fields(type(row))]
        return pd.DataFrame(self.to_dicts(), columns=columns)


# -- per actor ---------------------------------------------------------------------------------


@frozen
class ActorMeasures:
    """What :func:`actor_measures` reports for one actor.

    Attributes:
        id: The actor's id in the document.
        node: Its node in turbine's graphs (``"actor:ID"``).
        label: Its name.
        typology: Its typology's id.
        actions: Its two-mode degree: the number of actions it is involved in.
        two_mode_centrality: Its two-mode degree centrality, ``actions`` over the number of
            actions (:func:`networkx.bipartite.degree_centrality`); 0.0 when there is no action.
        ties: Its degree in the actor projection: the number of actors it shares an action with.
        degree_centrality: ``ties`` over the number of other actors
            (:func:`networkx.degree_centrality`; 1.0 for the only actor of a strategy, as there).
        betweenness: Normalised betweenness centrality on the unweighted projection
            (:func:`networkx.betweenness_centrality`).
        closeness: Closeness centrality on the unweighted projection, with Wasserman and Faust's
            correction for disconnected networks (:func:`networkx.closeness_centrality`); 0.0 for
            an actor without ties.
        typologies_reached: The number of distinct typologies of the actors it shares an action
            with, its own typology excluded.
        objectives_reached: The number of distinct objectives of the actions it is involved in.
        community: The index of its community in :func:`communities` (largest first).
    """

    id: str
    node: str
    label: str
    typology: str
    actions: int
    two_mode_centrality: float
    ties: int
    degree_centrality: float
    betweenness: float
    closeness: float
    typologies_reached: int
    objectives_reached: int
    community: int


def actor_measures(  # noqa: PLR0913 - filters, then the options of each measure
    strategy: Strategy,
    *,
    level: int | None = None,
    objective: str | None = None,
    seed: int = 0,
    weight: Weight = "count",
    sample: int | None = None,
) -> Table[ActorMeasures]:
    """One :class:`ActorMeasures` per actor of *strategy*, in document order.

    Computed on ``two_mode(strategy, level=level, objective=objective)`` and on the actor
    projection of the same actions. The centralities of the projection ignore its weights: a
    shortest path counts ties, not shared actions, since the number of shared actions measures
    closeness, not distance (for weighted paths, pass ``distance`` to networkx yourself, with a
    distance that falls as the weight grows, such as ``1 / weight``). *seed* and *weight* are
    those of :func:`communities`.

    Exact betweenness costs time in proportion to actors x ties: a few seconds at 2,000 actors,
    minutes at 10,000. With *sample*, it is estimated from that many source actors, drawn with
    *seed* (networkx's ``k``), at that fraction of the cost; it is exact when *sample* is at
    least the number of actors.

    Raises:
        GraphError: As for :func:`~turbine.graph.actor_projection`, or *seed* is not an int,
            or *sample* is not a positive int.
        UnknownIdError: As for :func:`~turbine.graph.two_mode`.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    strategy = check_strategy(strategy)
    _check_weight(weight)
    _check_seed(seed)
    _check_sample(sample)
    graph = two_mode(strategy, level=level, objective=objective)
    projection = actor_projection(strategy, level=level, objective=objective)
    n_actions = len(graph) - len(projection)
    degree = nx.degree_centrality(projection)
    if sample is not None and sample < len(projection):
        betweenness = nx.betweenness_centrality(projection, k=sample, seed=seed)
    else:
        betweenness = nx.betweenness_centrality(projection)
    closeness = nx.closeness_centrality(projection)
    weighted = (
        projection
        if weight == "count"
        else actor_projection(strategy, weight=weight, level=level, objective=objective)
    )
    community = {
        node: index
        for index, members in enumerate(_communities(weighted, seed))
        for node in members
    }
    rows = []
    for node, data in projection.nodes(data=True):
        actions = graph.degree(node)
        reached = {projection.nodes[other]["typology"] for other in projection[node]}
        reached.discard(data["typology"])
        rows.append(
            ActorMeasures(
                id=data["id"],
                node=node,
                label=data["label"],
                typology=data["typology"],
                actions=actions,
                two_mode_centrality=actions / n_actions if n_actions else 0.0,
                ties=projection.degree(node),
                degree_centrality=float(degree[node]),
                betweenness=betweenness[node],
                closeness=closeness[node],
                typologies_reached=len(reached),
                objectives_reached=len({graph.nodes[a]["objective"] for a in graph[node]}),
                community=community[node],
            )
        )
    return Table(rows)


def _check_sample(sample: object) -> None:
    # Checked at run time: callers may pass anything, whatever the annotations say.
    if sample is None:
        return
    if isinstance(sample, bool) or not isinstance(sample, int) or sample < 1:
        raise GraphError(f"sample must be a positive int or None, not {sample!r}", option="sample")


def _check_seed(seed: object) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise GraphError(f"seed must be an int, not {seed!r}", option="seed")


# -- communities -------------------------------------------------------------------------------


def communities(
    strategy: Strategy,
    *,
    seed: int = 0,
    weight: Weight = "count",
    level: int | None = None,
    objective: str | None = None,
) -> tuple[tuple[str, ...], ...]:
    """The Louvain communities of the actor projection, as tuples of actor nodes.

    :func:`networkx.community.louvain_communities` on ``actor_projection(strategy,
    weight=weight, level=level, objective=objective)``, its ``weight`` as the edge weight and
    *seed* as the seed, so the same call always gives the same communities. Every actor is in
    exactly one community (an actor without ties is a community of its own). The nodes of a
    community are sorted; the communities come largest first, then by their first node.

    Raises:
        GraphError: As for :func:`~turbine.graph.actor_projection`, or *seed* is not an int.
        UnknownIdError: As for :func:`~turbine.graph.two_mode`.
    """
    _check_seed(seed)
    projection = actor_projection(strategy, weight=weight, level=level, objective=objective)
    return _communities(projection, seed)


def _communities(projection: nx.Graph, seed: int) -> tuple[tuple[Node, ...], ...]:
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    found = nx.community.louvain_communities(projection, weight="weight", seed=seed)
    groups = [tuple(sorted(group)) for group in found]
    return tuple(sorted(groups, key=lambda group: (-len(group), group[0])))


# -- the whole network -------------------------------------------------------------------------


@frozen
class NetworkMeasures:
    """What :func:`network_measures` reports for the whole network.

    Attributes:
        actors: The number of actors (every actor of the strategy, tied or not).
        actions: The number of actions in the two-mode graph.
        involvements: The number of edges of the two-mode graph (actor, action).
        ties: The number of co-involvement ties: edges of the actor projection.
        two_mode_density: ``involvements`` over ``actors * actions``
            (:func:`networkx.bipartite.density`); 0.0 without involvements.
        density: The density of the actor projection (:func:`networkx.density`); 0.0 with
            fewer than two actors.
        components: The number of connected components of the actor projection (an actor
            without ties is one); 0 without actors.
        largest_component: The number of actors in the largest of them; 0 without actors.
        isolates: The number of actors without ties.
        typology_assortativity: As :func:`typology_assortativity`: ``None`` when undefined.
    """

    actors: int
    actions: int
    involvements: int
    ties: int
    two_mode_density: float
    density: float
    components: int
    largest_component: int
    isolates: int
    typology_assortativity: float | None

    def to_dict(self) -> dict[str, Any]:
        """The measures as a plain dict, fields in declaration order."""
        return attrs.asdict(self)


def network_measures(
    strategy: Strategy, *, level: int | None = None, objective: str | None = None
) -> NetworkMeasures:
    """The size, density, components and typology assortativity of the actor network.

    Computed on ``two_mode(strategy, level=level, objective=objective)`` and its actor
    projection.

    Raises:
        GraphError: As for :func:`~turbine.graph.two_mode`.
        UnknownIdError: As for :func:`~turbine.graph.two_mode`, or an actor's typology is
            not declared.
    """
    import networkx as nx  # noqa: PLC0415  # type: ignore[import-untyped]

    strategy = check_strategy(strategy)
    graph = two_mode(strategy, level=level, objective=objective)
    projection = actor_projection(strategy, level=level, objective=objective)
    sizes = [len(component) for component in nx.connected_components(projection)]
    return NetworkMeasures(
        actors=len(projection),
        actions=len(graph) - len(projection),
        involvements=graph.number_of_edges(),
        ties=projection.number_of_edges(),
        two_mode_density=float(nx.bipartite.density(graph, list(projection))),
        density=float(nx.density(projection)),
        components=len(sizes),
        largest_component=max(sizes, default=0),
        isolates=nx.number_of_isolates(projection),
        typology_assortativity=_assortativity(strategy, projection),
    )


# -- typologies --------------------------------------------------------------------------------


@frozen
class MixingMatrix:
    """How many co-involvement ties join each pair of typologies.

    ``counts[i][j]`` is the number of ties between an actor of ``typologies[i]`` and one of
    ``typologies[j]``: each tie of the actor projection is counted once, so the matrix is
    symmetric and its diagonal holds the ties within a typology. ``matrix["a", "b"]`` reads one
    cell by the typologies' ids.

    Attributes:
        typologies: The typologies' ids, in the strategy's order.
        counts: One row per typology, one column per typology, in that order.
    """

    typologies: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def __getitem__(self, pair: tuple[str, str]) -> int:
        first, second = pair
        return self.counts[self._index(first)][self._index(second)]

    def _index(self, typology: str) -> int:
        try:
            return self.typologies.index(typology)
        except ValueError:
            raise KeyError(typology) from None

    @property
    def total(self) -> int:
        """The number of ties (the sum of the upper triangle, diagonal included)."""
        n = len(self.typologies)
        return sum(self.counts[i][j] for i in range(n) for j in range(i, n))

    def to_dict(self) -> dict[str, dict[str, int]]:
        """The matrix as ``{row typology: {column typology: count}}``, in the strategy's order."""
        return {
            row: dict(zip(self.typologies, counts, strict=True))
            for row, counts in zip(self.typologies, self.counts, strict=True)
        }

    def to_pandas(self) -> Any:
        """The matrix as a square :class:`pandas.DataFrame` indexed by typology ids.

        Raises:
            ImportError: pandas is not installed (``pip install 'turbine[pandas]'``).
        """
        pd = _pandas()
        return pd.DataFrame(  # pragma: no cover - needs pandas, an optional extra
            [list(row) for row in self.counts],
            index=pd.Index(self.typologies, name="typology"),
            columns=list(self.typologies),
        )


def mixing_matrix(
    strategy: Strategy, *, level: int | None = None, objective: str | None = None
) -> MixingMatrix:
    """The typology x typology counts of the co-involvement ties (see :class:`MixingMatrix`).

    Raises:
        GraphError: As for :func:`~turbine.graph.two_mode`.
        UnknownIdError: As for :func:`~turbine.graph.two_mode`, or an actor's typology is
            not declared.
    """
    strategy = check_strategy(strategy)
    projection = actor_projection(strategy, level=level, objective=objective)
    return _mixing(strategy, projection)


def _mixing(strategy: Strategy, projection: nx.Graph) -> MixingMatrix:
    order = tuple(typology.id for typology in strategy.typologies)
    index = {typology: i for i, typology in enumerate(order)}
    counts = [[0] * len(order) for _ in order]
    position = {}
    for node, typology in projection.nodes(data="typology"):
        if typology not in index:
            strategy.typology(typology)  # raises UnknownIdError, with suggestions
        position[node] = index[typology]
    for u, v in projection.edges():
        i, j = position[u], position[v]
        counts[i][j] += 1
        if i != j:
            counts[j][i] += 1
    return MixingMatrix(order, tuple(tuple(row) for row in counts))


def typology_assortativity(
    strategy: Strategy, *, level: int | None = None, objective: str | None = None
) -> float | None:
    """Newman's assortativity of the actor projection by typology, or ``None`` when undefined.

    :func:`networkx.attribute_assortativity_coefficient` on the actor projection with the
    ``typology`` attribute: 1 when ties only join actors of the same typology, negative when
    they join different typologies more often than chance would. It is undefined (0/0) when
    there is no tie, or when every tie joins two actors of one and the same typology; turbine
    returns ``None`` then, where networkx would warn and give NaN or raise.

    Raises:
        GraphError: As for :func:`~turbine.graph.two_mode`.
        UnknownIdError: As for :func:`~turbine.graph.two_mode`, or an actor's typology is
            not declared.
    """
    strategy = check_strategy(strategy)
    projection = actor_projection(strategy, level=level, objective=objective)
    return _assortativity(strategy, projection)


def _assortativity(strategy: Strategy, projection: nx.Graph) -> float | None:
    matrix = _mixing(strategy, projection)
    touched = [i for i, row in enumerate(matrix.counts) if any(row)]  # typologies with ties
    if len(touched) < 2:  # no tie, or all within one typology: 0/0
        return None
    # Newman's r = (tr e - sum a_i^2) / (1 - sum a_i^2), as networkx computes it, but from the
    # mixing matrix in typology order and in exact fractions: networkx sums in the order of a
    # set of attribute values, so its last digits change with the hash seed.
    n = len(matrix.typologies)
    ends = [  # each tie seen from both ends, as networkx counts it
        [2 * matrix.counts[i][j] if i == j else matrix.counts[i][j] for j in range(n)]
        for i in range(n)
    ]
    total = sum(map(sum, ends))
    trace = Fraction(sum(ends[i][i] for i in range(n)), total)
    squares = sum(Fraction(sum(row), total) ** 2 for row in ends)
    return float((trace - squares) / (1 - squares))


# -- brokerage ---------------------------------------------------------------------------------


@frozen
class Brokerage:
    """An actor's Gould-Fernandez brokerage roles, with typologies as the groups.

    Each count is a number of open two-paths ``a - broker - c`` (*a* and *c* both tied to the
    broker, not to each other), each unordered pair {*a*, *c*} counted once.

    Attributes:
        id: The broker's id in the document.
        node: Its node (``"actor:ID"``).
        typology: Its typology's id.
        coordinator: *a*, the broker and *c* all of one typology.
        itinerant: *a* and *c* of one typology, the broker of another (consultant).
        gatekeeper_representative: The broker shares its typology with exactly one of *a* and
            *c*. On directed ties this is a gatekeeper (shares it with *c*, the receiver) or a
            representative (with *a*, the sender); undirected ties cannot tell them apart.
        liaison: *a*, the broker and *c* of three different typologies.
        total: The sum of the four: every open two-path through the broker.
    """

    id: str
    node: str
    typology: str
    coordinator: int
    itinerant: int
    gatekeeper_representative: int
    liaison: int
    total: int


def brokerage(
    strategy: Strategy, *, level: int | None = None, objective: str | None = None
) -> Table[Brokerage]:
    """One :class:`Brokerage` per actor of *strategy*, in document order.

    Gould and Fernandez (1989) define brokerage on directed ties. The actor projection is
    undirected: each tie is read as two directed ties, and each open two-path ``a - b - c`` is
    counted once per unordered pair {*a*, *c*}, not once in each direction. Coordinator,
    itinerant and liaison counts are thus half those of the directed definition on the
    symmetric graph; gatekeeper and representative counts would be equal there, and are merged
    into one. An actor with fewer than two ties brokers nothing.

    Raises:
        GraphError: As for :func:`~turbine.graph.two_mode`.
        UnknownIdError: As for :func:`~turbine.graph.two_mode`.
    """
    strategy = check_strategy(strategy)
    projection = actor_projection(strategy, level=level, objective=objective)
    typology = dict(projection.nodes(data="typology"))
    rows = []
    for node, data in projection.nodes(data=True):
        roles = [0, 0, 0, 0]  # coordinator, itinerant, gatekeeper/representative, liaison
        own = data["typology"]
        neighbours = projection[node]
        for a, c in combinations(sorted(neighbours), 2):
            if c in projection[a]:
                continue
            first, second = typology[a], typology[c]
            if first == second:
                roles[0 if first == own else 1] += 1
            elif own in (first, second):
                roles[2] += 1
            else:
                roles[3] += 1
        rows.append(
            Brokerage(
                id=data["id"],
                node=node,
                typology=own,
                coordinator=roles[0],
                itinerant=roles[1],
                gatekeeper_representative=roles[2],
                liaison=roles[3],
                total=sum(roles),
            )
        )
    return Table(rows)
