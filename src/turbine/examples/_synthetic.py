"""Synthetic strategies of any size, for tests, benchmarks and demos.

They are deterministic: the same arguments give the same strategy on every machine and Python
version (only :meth:`random.Random.random` is used, whose sequence Python keeps stable). Actor
participation is skewed, as in real governance networks: a few actors are involved in many
actions, most in a few.
"""

from __future__ import annotations

import bisect
import random
from itertools import accumulate
from typing import TypeVar

from turbine.model import (
    Action,
    Actor,
    Axis,
    Involvement,
    MetaAction,
    Objective,
    Provenance,
    Strategy,
    Territory,
)
from turbine.vocabulary import ROLES, SERVICE_LEVELS, TYPOLOGIES

__all__ = ["synthetic"]

_VERBS = (
    "Développer",
    "Structurer",
    "Accompagner",
    "Mutualiser",
    "Expérimenter",
    "Soutenir",
    "Renforcer",
    "Favoriser",
    "Coordonner",
    "Créer",
)
_OBJECTS = (
    "les circuits courts alimentaires",
    "la production d'énergies renouvelables",
    "la rénovation énergétique des logements",
    "les filières d'éco-matériaux",
    "la logistique de proximité",
    "l'économie circulaire",
    "les mobilités douces",
    "la reconversion des terres agricoles",
    "la réutilisation des friches",
    "la sobriété des équipements publics",
    "les tiers-lieux",
    "la restauration collective",
)
_PLACES = (
    "à l'échelle métropolitaine",
    "dans les trois agglomérations",
    "avec les habitants",
    "pour les petites entreprises",
    "dans les communes rurales",
    "en lien avec la Région",
)
_KINDS = ("association", "collectivité", "entreprise", "coopérative", "groupe d'habitants")
_TYPOLOGY_IDS = tuple(t.id for t in TYPOLOGIES)
_LEVEL_CODES = tuple(level.code for level in SERVICE_LEVELS)
_ROLES = tuple(ROLES)
_T = TypeVar("_T")


def synthetic(  # noqa: PLR0913 - every size is its own knob
    *,
    n_actions: int = 250,
    n_actors: int | None = None,
    n_objectives: int | None = None,
    meta_actions_per_objective: int = 5,
    objectives_per_axis: int = 5,
    max_actors_per_action: int = 4,
    seed: int = 0,
) -> Strategy:
    """A valid, deterministic synthetic strategy of the given size, without warnings.

    Args:
        n_actions: How many actions, spread evenly over the meta-actions.
        n_actors: How many actors; by default one per 2.5 actions.
        n_objectives: How many objectives; by default one per 25 actions (never more objectives
            than actions, so that none is empty).
        meta_actions_per_objective: Meta-actions per objective (fewer if actions are few).
        objectives_per_axis: Objectives per axis; the objectives left over when they do not
            fill an axis stay outside any axis. 0 puts every objective outside axes.
        max_actors_per_action: The most actors involved in one action.
        seed: The seed of the random choices.

    >>> strategy = synthetic(n_actions=100, seed=1)
    >>> strategy.counts().actions
    100
    >>> synthetic(n_actions=100, seed=1) == strategy
    True
    """
    sizes = (n_actions, n_actors or 0, n_objectives or 0, meta_actions_per_objective)
    if min(sizes) < 0 or objectives_per_axis < 0 or max_actors_per_action < 1:
        raise ValueError("sizes cannot be negative, and an action has at least one actor")
    if n_actors is None:
        n_actors = round(n_actions / 2.5)
    if n_objectives is None:
        n_objectives = -(-n_actions // 25)
    elif n_objectives == 0 and n_actions:
        raise ValueError("actions need at least one objective to belong to")
    n_objectives = min(n_objectives, n_actions)
    n_meta = min(max(n_objectives * meta_actions_per_objective, n_objectives), n_actions)
    generator = _Generator(seed, n_actors, max_actors_per_action)
    meta_actions = [generator.meta_action(m, n_actions, n_meta) for m in range(n_meta)]
    objectives = [
        Objective(
            id=f"objective-{o}",
            title=f"Objectif {o} : {generator.phrase()}",
            description=f"Contexte synthétique de l'objectif {o}.",
            meta_actions=_share(meta_actions, o, n_objectives),
        )
        for o in range(n_objectives)
    ]
    n_axes = len(objectives) // objectives_per_axis if objectives_per_axis else 0
    axes = tuple(
        Axis(
            id=f"axis-{x}",
            title=f"Axe {x}",
            objectives=tuple(objectives[x * objectives_per_axis : (x + 1) * objectives_per_axis]),
        )
        for x in range(n_axes)
    )
    return Strategy(
        id=f"synthetic-{n_actions}-{n_actors}-{seed}",
        title=f"Stratégie synthétique ({n_actions} actions, {n_actors} acteurs)",
        language="fr",
        territory=Territory(name="Territoire synthétique"),
        provenance=Provenance(
            source="turbine.examples.synthetic",
            notes=f"Generated with n_actions={n_actions}, n_actors={n_actors}, seed={seed}.",
        ),
        actors=generator.actors,
        axes=axes,
        objectives=tuple(objectives[n_axes * objectives_per_axis :]),
    )


def _share(items: list[_T], part: int, parts: int) -> tuple[_T, ...]:
    """The *part*-th of *parts* nearly equal consecutive slices of *items*."""
    return tuple(items[part * len(items) // parts : (part + 1) * len(items) // parts])


class _Generator:
    def __init__(self, seed: int, n_actors: int, max_actors_per_action: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
        self.max_actors = max_actors_per_action
        kinds = [self.pick(_KINDS) for _ in range(n_actors)]
        self.actors = tuple(
            Actor(
                id=f"actor-{i}",
                name=f"Acteur {i} ({kind})",
                typology=self.pick(_TYPOLOGY_IDS),
                kind=kind,
                tags=("synthetic",),
            )
            for i, kind in enumerate(kinds)
        )
        # Zipf-like weights: actor i is involved about 1/(i+1) as often as actor 0.
        self.cumulative = list(accumulate(1.0 / (i + 1) for i in range(n_actors)))

    def pick(self, items: tuple[_T, ...]) -> _T:
        return items[int(self.rng.random() * len(items))]

    def phrase(self) -> str:
        return f"{self.pick(_VERBS)} {self.pick(_OBJECTS)} {self.pick(_PLACES)}"

    def involvements(self) -> tuple[Involvement, ...]:
        if not self.cumulative:
            return ()
        chosen: dict[str, str] = {}
        for _ in range(1 + int(self.rng.random() * self.max_actors)):
            target = self.rng.random() * self.cumulative[-1]
            index = min(bisect.bisect_left(self.cumulative, target), len(self.cumulative) - 1)
            chosen.setdefault(f"actor-{index}", self.pick(_ROLES) if chosen else "carrier")
        return tuple(Involvement(actor=a, role=r) for a, r in chosen.items())

    def meta_action(self, m: int, n_actions: int, n_meta: int) -> MetaAction:
        carried = tuple(t for t in _TYPOLOGY_IDS if self.rng.random() < 0.5)
        carried = carried or (self.pick(_TYPOLOGY_IDS),)
        level = self.pick(_LEVEL_CODES)
        start, stop = m * n_actions // n_meta, (m + 1) * n_actions // n_meta
        actions = tuple(
            Action(
                id=f"action-{a}",
                title=self.phrase(),
                featured=self.rng.random() < 0.3,
                level=self.pick(_LEVEL_CODES) if self.rng.random() < 0.1 else None,
                typologies=(self.pick(carried),) if self.rng.random() < 0.1 else None,
                actors=self.involvements(),
            )
            for a in range(start, stop)
        )
        return MetaAction(
            id=f"meta-action-{m}",
            title=self.phrase(),
            typologies=carried,
            level=level,
            actions=actions,
        )
