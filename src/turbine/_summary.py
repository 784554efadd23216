"""A one-screen summary of a strategy, in French or English, for terminals."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TypeVar

from turbine._util import escape_controls

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from turbine.model import Strategy

__all__ = ["summarize"]

_K = TypeVar("_K")

_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "territory": "Territoire :",
        "source": "Source :",
        "by_level": "Par niveau de service (méta-actions / actions)",
        "by_typology": "Par typologie d'acteurs (méta-actions / actions)",
        "level": "Niveau",
        "objectives": "Objectifs de transition (méta-actions / actions)",
    },
    "en": {
        "territory": "Territory:",
        "source": "Source:",
        "by_level": "By service level (meta-actions / actions)",
        "by_typology": "By actor typology (meta-actions / actions)",
        "level": "Level",
        "objectives": "Transition objectives (meta-actions / actions)",
    },
}


# Singular and plural of the counted words; "{}" is the number where it is not first.
_NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "objective": ("{} objectif", "{} objectifs"),
        "meta_action": ("{} méta-action", "{} méta-actions"),
        "action": ("{} action", "{} actions"),
        "featured": (" dont {} présentée sur la synthèse", " dont {} présentées sur la synthèse"),
        "actor": ("{} acteur", "{} acteurs"),
    },
    "en": {
        "objective": ("{} objective", "{} objectives"),
        "meta_action": ("{} meta-action", "{} meta-actions"),
        "action": ("{} action", "{} actions"),
        "featured": (", {} shown on the synthesis", ", {} shown on the synthesis"),
        "actor": ("{} actor", "{} actors"),
    },
}


def summarize(strategy: Strategy, *, lang: str = "fr") -> str:
    """A short, readable summary: what the strategy holds, per level and per typology.

    Labels of the vocabulary are in *lang* (``"fr"`` or ``"en"``); content stays in its own
    language. Control characters of the content are written as escapes.
    """
    return _clean_lines(_summary_lines(strategy, lang))


def _clean_lines(lines: list[str]) -> str:
    # Documents cannot drive the terminal: control characters are written as escapes.
    return "".join(escape_controls(line) + "\n" for line in lines)


def _summary_lines(strategy: Strategy, lang: str) -> list[str]:
    words = _WORDS.get(lang, _WORDS["en"])
    counts = strategy.counts()
    lines = [f"{strategy.title}  [{strategy.id}]"]
    territory = strategy.territory
    members = f" ({', '.join(territory.members)})" if territory.members else ""
    lines.append(f"{words['territory']} {territory.name}{members}")
    if strategy.provenance is not None:
        lines.append(f"{words['source']} {strategy.provenance.source}")
    lines.append("")
    nouns = _NOUNS.get(lang, _NOUNS["en"])

    def count(key: str, number: int) -> str:
        singular, plural = nouns[key]
        # French counts 0 and 1 as singular ("0 objectif"); English only 1 ("0 objectives").
        one = number <= 1 if lang == "fr" else number == 1
        return (singular if one else plural).format(number)

    lines.append(
        f"{count('objective', counts.objectives)} · {count('meta_action', counts.meta_actions)} · "
        f"{count('action', counts.actions)}{count('featured', counts.featured_actions)} · "
        f"{count('actor', counts.actors)}"
    )

    meta_by_level = Counter(m.level for m in strategy.iter_meta_actions())
    actions_by_level = Counter(c.level for c in strategy.iter_actions())
    meta_by_typology = Counter(t for m in strategy.iter_meta_actions() for t in m.typologies)
    actions_by_typology = Counter(t for c in strategy.iter_actions() for t in c.typologies)

    rows = [
        (f"{words['level']} {level.code} · {level.label.text(lang)}", level.code)
        for level in sorted(strategy.service_levels)
    ]
    lines += ["", words["by_level"]]
    lines += _table(rows, meta_by_level, actions_by_level)

    typology_rows = [(t.label.text(lang), t.id) for t in strategy.typologies]
    lines += ["", words["by_typology"]]
    lines += _table(typology_rows, meta_by_typology, actions_by_typology)

    lines += ["", words["objectives"]]
    for objective, axis in strategy.iter_objectives():
        n_actions = sum(len(m.actions) for m in objective.meta_actions)
        where = f"{axis.title} > " if axis is not None else ""
        lines.append(f"  {where}{objective.title}  ({len(objective.meta_actions)} / {n_actions})")
    return lines


def _table(
    rows: Sequence[tuple[str, _K]], first: Mapping[_K, int], second: Mapping[_K, int]
) -> list[str]:
    width = max((len(label) for label, _ in rows), default=0)
    most = max([*first.values(), 1])
    lines = []
    for label, key in rows:
        bar = "█" * round(20 * first.get(key, 0) / most)
        lines.append(f"  {label:<{width}}  {first.get(key, 0):>5} / {second.get(key, 0):<6} {bar}")
    return lines
