"""The report of ``turbine stats``: the measures of the actor network, as text, JSON or CSV.

One :class:`Stats` gathers what :mod:`turbine.graph` measures on one strategy (and one choice of
level and objective); it is written as a one-screen text in French or English, as a JSON
document for programs, or as a CSV table of the actors for spreadsheets and R.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen

from turbine._util import cells, escape_controls
from turbine.errors import GraphError
from turbine.graph._build import check_strategy
from turbine.graph._export import _cell, _csv_bytes
from turbine.graph._measures import (
    ActorMeasures,
    Brokerage,
    MixingMatrix,
    NetworkMeasures,
    actor_measures,
    brokerage,
    communities,
    mixing_matrix,
    network_measures,
)

if TYPE_CHECKING:
    from turbine.graph._views import Weight
    from turbine.model import Strategy

__all__ = ["Stats", "stats"]

_BROKERAGE_ROLES = ("coordinator", "itinerant", "gatekeeper_representative", "liaison", "total")

_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Réseau d'acteurs : {title}  [{id}]",
        "only": "Seulement",
        "level": "le niveau {}",
        "objective": "l'objectif {!r}",
        "counts": "{actors} · {actions} · {involvements} · {ties}",
        "density": "Densité {density} (graphe à deux modes : {two_mode})",
        "components": "{components}, la plus grande de {largest} · {isolates}",
        "assortativity": "Assortativité par typologie : {}",
        "undefined": "non définie",
        "communities": "Communautés (Louvain, graine {seed}, poids {weight}) : {count}",
        "sample": "Intermédiarité estimée sur {} acteurs sources tirés au hasard",
        "mixing": "Liens de co-implication entre typologies",
        "actors": "Acteurs, par intermédiarité décroissante",
        "more": "… et {} autres (--top 0 pour tous)",
        "brokers": "Rôles de courtage de Gould et Fernandez, les typologies pour groupes",
        "no_brokers": "  Aucun acteur ne fait le lien entre deux acteurs non liés.",
        "header": "acteur|typo.|actions|liens|intermédiarité|proximité|typos|objectifs|comm.",
        "broker_header": "acteur|typo.|coordinateur|itinérant|gardien/représentant|liaison|total",
    },
    "en": {
        "title": "Actor network: {title}  [{id}]",
        "only": "Only",
        "level": "level {}",
        "objective": "objective {!r}",
        "counts": "{actors} · {actions} · {involvements} · {ties}",
        "density": "Density {density} (two-mode graph: {two_mode})",
        "components": "{components}, the largest of {largest} · {isolates}",
        "assortativity": "Assortativity by typology: {}",
        "undefined": "undefined",
        "communities": "Communities (Louvain, seed {seed}, weight {weight}): {count}",
        "sample": "Betweenness estimated from {} source actors drawn at random",
        "mixing": "Co-involvement ties between typologies",
        "actors": "Actors, by decreasing betweenness",
        "more": "… and {} more (--top 0 for all)",
        "brokers": "Gould-Fernandez brokerage roles, typologies as the groups",
        "no_brokers": "  No actor links two actors that are not tied.",
        "header": "actor|typ.|actions|ties|betweenness|closeness|typologies|objectives|comm.",
        "broker_header": "actor|typ.|coordinator|itinerant|gatekeeper/representative|liaison|total",
    },
}

# Singular and plural; French counts 0 and 1 as singular, English only 1.
_NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "actor": ("{} acteur", "{} acteurs"),
        "action": ("{} action", "{} actions"),
        "involvement": ("{} implication", "{} implications"),
        "tie": ("{} lien de co-implication", "{} liens de co-implication"),
        "component": ("{} composante connexe", "{} composantes connexes"),
        "isolate": ("{} acteur isolé", "{} acteurs isolés"),
    },
    "en": {
        "actor": ("{} actor", "{} actors"),
        "action": ("{} action", "{} actions"),
        "involvement": ("{} involvement", "{} involvements"),
        "tie": ("{} co-involvement tie", "{} co-involvement ties"),
        "component": ("{} connected component", "{} connected components"),
        "isolate": ("{} isolated actor", "{} isolated actors"),
    },
}

_NAME_WIDTH = 32


@frozen(kw_only=True)
class Stats:
    """The measures of one strategy's actor network, as ``turbine stats`` reports them.

    Attributes:
        strategy: The strategy measured.
        level: The service level its actions were restricted to, if any.
        objective: The objective its actions were restricted to, if any.
        seed: The seed of the Louvain communities.
        weight: The tie weight of the Louvain communities.
        sample: The number of source actors betweenness was estimated from, or ``None``.
        network: The measures of the whole network.
        mixing: The typology mixing matrix.
        communities: The actor ids of each community, largest first.
        actors: The measures of each actor, in document order.
        brokers: The brokerage roles of each actor, in document order.
    """

    strategy: Strategy
    level: int | None
    objective: str | None
    seed: int
    weight: Weight
    sample: int | None
    network: NetworkMeasures
    mixing: MixingMatrix
    communities: tuple[tuple[str, ...], ...]
    actors: tuple[ActorMeasures, ...]
    brokers: tuple[Brokerage, ...]

    def rows(self) -> list[dict[str, Any]]:
        """One flat record per actor: its measures, then its brokerage roles (``brokerage_*``)."""
        return [
            {
                **attrs.asdict(measures),
                **{f"brokerage_{role}": getattr(roles, role) for role in _BROKERAGE_ROLES},
            }
            for measures, roles in zip(self.actors, self.brokers, strict=True)
        ]

    def to_dict(self) -> dict[str, Any]:
        """Everything, as a JSON-ready dict."""
        return {
            "strategy": self.strategy.id,
            "title": self.strategy.title,
            "level": self.level,
            "objective": self.objective,
            "communities_seed": self.seed,
            "communities_weight": self.weight,
            "betweenness_sample": self.sample,
            "network": self.network.to_dict(),
            "typologies": list(self.mixing.typologies),
            "mixing_matrix": [list(row) for row in self.mixing.counts],
            "communities": [list(members) for members in self.communities],
            "actors": self.rows(),
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as a JSON document (UTF-8 text, ending with a line feed)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"

    def to_csv(self) -> bytes:
        """The actor records of :meth:`rows` as a CSV table (UTF-8, CRLF).

        Texts that a spreadsheet would run as formulas get a ``'`` in front, as in
        :func:`~turbine.graph.write_csv`.
        """
        rows = self.rows()
        header = [field.name for field in attrs.fields(ActorMeasures)] + [
            f"brokerage_{role}" for role in _BROKERAGE_ROLES
        ]
        return _csv_bytes(header, [[_cell(row[name]) for name in header] for row in rows])

    def to_text(self, *, lang: str = "fr", top: int | None = 20) -> str:
        """A report for a terminal, with turbine's words in *lang* (``"fr"`` or ``"en"``).

        Actors are listed by decreasing betweenness, then by number of ties and by document
        order, brokers by decreasing number of brokered pairs; *top* limits each table to that
        many rows (``None``: all), and says how many are left out. Columns are aligned in
        terminal cells (wide and combining characters count as a terminal draws them); control
        characters of the document are written as escapes. French numbers have a decimal comma.

        Raises:
            GraphError: *lang* is neither ``"fr"`` nor ``"en"``.
        """
        if lang not in _WORDS:
            raise GraphError(f"lang must be 'fr' or 'en', not {lang!r}", option="lang")
        words = _WORDS[lang]
        title = words["title"].format(title=self.strategy.title, id=self.strategy.id)
        lines = [escape_controls(title)]
        filters = []
        if self.level is not None:
            filters.append(words["level"].format(self.level))
        if self.objective is not None:
            filters.append(words["objective"].format(escape_controls(self.objective)))
        if filters:
            lines.append(f"{words['only']} {' · '.join(filters)}")
        lines += ["", *self._network_lines(words, lang)]
        if not self.actors:
            return "".join(line.rstrip() + "\n" for line in lines)
        lines += ["", words["mixing"], *self._mixing_lines(lang)]
        order = sorted(
            range(len(self.actors)),
            key=lambda i: (-self.actors[i].betweenness, -self.actors[i].ties, i),
        )
        lines += ["", words["actors"]]
        lines += self._actor_lines(words, lang, _first(order, top), len(order))
        brokers = sorted((i for i in order if self.brokers[i].total), key=self._brokered)
        lines += ["", words["brokers"]]
        if brokers:
            lines += self._broker_lines(words, _first(brokers, top), len(brokers))
        else:
            lines.append(words["no_brokers"])
        return "".join(line.rstrip() + "\n" for line in lines)

    def _brokered(self, index: int) -> int:
        return -self.brokers[index].total

    def _network_lines(self, words: dict[str, str], lang: str) -> list[str]:
        network = self.network

        def count(noun: str, number: int) -> str:
            singular, plural = _NOUNS[lang][noun]
            one = number <= 1 if lang == "fr" else number == 1
            return (singular if one else plural).format(number)

        assortativity = network.typology_assortativity
        lines = [
            words["counts"].format(
                actors=count("actor", network.actors),
                actions=count("action", network.actions),
                involvements=count("involvement", network.involvements),
                ties=count("tie", network.ties),
            )
        ]
        if not network.actors:
            return lines
        return [
            *lines,
            words["density"].format(
                density=_number(network.density, lang),
                two_mode=_number(network.two_mode_density, lang),
            ),
            words["components"].format(
                components=count("component", network.components),
                largest=count("actor", network.largest_component),
                isolates=count("isolate", network.isolates),
            ),
            words["assortativity"].format(
                words["undefined"]
                if assortativity is None
                else _number(assortativity, lang, sign=True)
            ),
            words["communities"].format(
                seed=self.seed, weight=self.weight, count=len(self.communities)
            ),
            *([words["sample"].format(self.sample)] if self.sample is not None else []),
        ]

    def _typology_number(self, typology: str) -> str:
        return f"({self.mixing.typologies.index(typology) + 1})"

    def _mixing_lines(self, lang: str) -> list[str]:
        labels = {t.id: t.label.text(lang) for t in self.strategy.typologies}
        header = ["", *(f"({i})" for i in range(1, len(self.mixing.typologies) + 1))]
        rows = [
            [f"({i}) {_clip(labels.get(typology, typology), 60)}", *map(str, counts)]
            for i, (typology, counts) in enumerate(
                zip(self.mixing.typologies, self.mixing.counts, strict=True), start=1
            )
        ]
        return _table(header, rows, gap=3)

    def _actor_lines(
        self, words: dict[str, str], lang: str, shown: list[int], total: int
    ) -> list[str]:
        rows = []
        for i in shown:
            actor = self.actors[i]
            rows.append(
                [
                    _clip(actor.label, _NAME_WIDTH),
                    self._typology_number(actor.typology),
                    str(actor.actions),
                    str(actor.ties),
                    _number(actor.betweenness, lang),
                    _number(actor.closeness, lang),
                    str(actor.typologies_reached),
                    str(actor.objectives_reached),
                    str(actor.community),
                ]
            )
        lines = _table(words["header"].split("|"), rows)
        if len(shown) < total:
            lines.append("  " + words["more"].format(total - len(shown)))
        return lines

    def _broker_lines(self, words: dict[str, str], shown: list[int], total: int) -> list[str]:
        rows = [
            [
                _clip(self.actors[i].label, _NAME_WIDTH),
                self._typology_number(self.brokers[i].typology),
                *(str(getattr(self.brokers[i], role)) for role in _BROKERAGE_ROLES),
            ]
            for i in shown
        ]
        lines = _table(words["broker_header"].split("|"), rows)
        if len(shown) < total:
            lines.append("  " + words["more"].format(total - len(shown)))
        return lines


def _first(items: list[int], top: int | None) -> list[int]:
    return items if top is None else items[:top]


def _number(value: float, lang: str, *, sign: bool = False) -> str:
    text = f"{value:+.3f}" if sign else f"{value:.3f}"
    return text.replace(".", ",") if lang == "fr" else text


def _clip(text: str, width: int) -> str:
    """*text* with its controls escaped, cut with an ellipsis to *width* terminal cells.

    An escape is never cut in two, and a combining mark stays with its character.
    """
    pieces = [escape_controls(char) for char in text]
    if sum(map(cells, pieces)) <= width:
        return "".join(pieces)
    kept, used = [], 0
    for piece in pieces:
        size = cells(piece)
        if used + size > width - 1:
            break
        kept.append(piece)
        used += size
    return "".join(kept) + "…"


def _table(header: list[str], rows: list[list[str]], gap: int = 2) -> list[str]:
    """Aligned lines: the first column to the left, the others to the right, in terminal cells."""
    table = [header, *rows]
    widths = [max(cells(row[c]) for row in table) for c in range(len(header))]

    def line(row: list[str]) -> str:
        first = row[0] + " " * (widths[0] - cells(row[0]))
        rest = "".join(
            " " * (gap + width - cells(cell)) + cell
            for cell, width in zip(row[1:], widths[1:], strict=True)
        )
        return f"  {first}{rest}"

    return [line(row) for row in table]


def stats(  # noqa: PLR0913 - filters, then the options of the measures
    strategy: Strategy,
    *,
    level: int | None = None,
    objective: str | None = None,
    seed: int = 0,
    weight: Weight = "count",
    sample: int | None = None,
) -> Stats:
    """Measure the actor network of *strategy*, over the actions of *level* and *objective*.

    Raises:
        GraphError: As for :func:`~turbine.graph.actor_measures`.
        UnknownIdError: As for :func:`~turbine.graph.two_mode`.
    """
    strategy = check_strategy(strategy)
    actors = actor_measures(
        strategy, level=level, objective=objective, seed=seed, weight=weight, sample=sample
    )
    found = communities(strategy, seed=seed, weight=weight, level=level, objective=objective)
    ids = {row.node: row.id for row in actors}
    return Stats(
        strategy=strategy,
        level=level,
        objective=objective,
        seed=seed,
        weight=weight,
        # A sample as large as the network is the exact measure: the report says it is exact.
        sample=sample if sample is not None and sample < len(strategy.actors) else None,
        network=network_measures(strategy, level=level, objective=objective),
        mixing=mixing_matrix(strategy, level=level, objective=objective),
        communities=tuple(tuple(ids[node] for node in members) for members in found),
        actors=tuple(actors),
        brokers=tuple(brokerage(strategy, level=level, objective=objective)),
    )
