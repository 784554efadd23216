"""The Turbine's canonical vocabulary: its four actor typologies, three service levels and roles.

The French texts of the typologies and service levels (labels, descriptions, examples, criteria)
are the seed document's own words, kept verbatim; labels only gain a capital letter. The French
words of :data:`ROLES` and :data:`VOCABULARY` are turbine's, as the seed has none for them. English
texts are translations. Documents copy the typologies and levels they use, so a strategy
file is self-describing; these constants are what :func:`turbine.examples.synthetic` and the
:class:`~turbine.Strategy` constructor use by default.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from turbine.model import ActorTypology, LocalizedText, ServiceLevel, ServiceLevelCriteria

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "INHABITANTS",
    "LEVEL_1",
    "LEVEL_2",
    "LEVEL_3",
    "POLICY_MAKERS",
    "PROJECT_MAKERS",
    "ROLES",
    "SERVICE_LEVELS",
    "SUPPORTERS",
    "TYPOLOGIES",
    "VOCABULARY",
]

POLICY_MAKERS = ActorTypology(
    id="policy-makers",
    label=LocalizedText(
        fr="Ceux qui font les politiques publiques", en="Those who make public policy"
    ),
    # The seed says no more of them than their name: no description, no examples.
    color="#0072b2",
)
"""*Ceux qui font les politiques publiques*: those who make public policy."""

PROJECT_MAKERS = ActorTypology(
    id="project-makers",
    label=LocalizedText(fr="Ceux qui font projets", en="Those who make projects"),
    description=LocalizedText(
        fr=(
            "ensemble des acteurs, publics et privés qui portent des projets de transition : "
            "associations, acteurs économiques, habitants, collectivités territoriales, etc."
        ),
        en=(
            "all the actors, public and private, who carry transition projects: associations, "
            "economic actors, inhabitants, local authorities, etc."
        ),
    ),
    examples=(
        LocalizedText(fr="associations", en="associations"),
        LocalizedText(fr="acteurs économiques", en="economic actors"),
        LocalizedText(fr="habitants", en="inhabitants"),
        LocalizedText(fr="collectivités territoriales", en="local authorities"),
    ),
    color="#e69f00",
)
"""*Ceux qui font projets*: those who make projects."""

SUPPORTERS = ActorTypology(
    id="supporters",
    label=LocalizedText(
        fr="Ceux qui accompagnent les initiatives du territoire",
        en="Those who support the territory's initiatives",
    ),
    description=LocalizedText(
        fr="les acteurs associatifs, les ingénieries régionales, etc.",
        en="associations, regional engineering and advisory bodies, etc.",
    ),
    examples=(
        LocalizedText(fr="les acteurs associatifs", en="associations"),
        LocalizedText(fr="les ingénieries régionales", en="regional engineering bodies"),
    ),
    color="#009e73",
)
"""*Ceux qui accompagnent les initiatives du territoire*: those who support its initiatives."""

INHABITANTS = ActorTypology(
    id="inhabitants",
    label=LocalizedText(fr="Ceux qui habitent le territoire", en="Those who live in the territory"),
    description=LocalizedText(
        fr="les habitants des trois agglomérations du PMA",
        en="the inhabitants of the three agglomerations of the PMA (Pôle métropolitain de "
        "l'Artois)",
    ),
    color="#cc79a7",
)
"""*Ceux qui habitent le territoire*: those who live in the territory."""

TYPOLOGIES: tuple[ActorTypology, ...] = (POLICY_MAKERS, PROJECT_MAKERS, SUPPORTERS, INHABITANTS)
"""The four canonical typologies, in the order of the seed's legend."""

# Colours: a sequential ramp (light to dark) so that the three levels stay in order and distinct
# in greyscale and for colour-blind readers; each is also told apart by its number on the matrix.
LEVEL_1 = ServiceLevel(
    code=1,
    label=LocalizedText(fr="Simplifier les petites initiatives", en="Simplify small initiatives"),
    description=LocalizedText(
        fr=(
            "ce niveau d'intervention concerne des projets à petite échelle portés par un acteur "
            "unique qui ne nécessité ni un portage politique conséquent (car la légitimité est "
            "acquise) ni une méthodologie spécifique. La Turbine met à disposition une offre de "
            "méthodologies éprouvées, des conseils pour le portage et le montage de ce projet "
            "ainsi qu'une mise en relation avec d'autres acteurs pertinents pour mener ce projet."
        ),
        en=(
            "this level of intervention covers small-scale projects carried by a single actor, "
            "which need neither strong political backing (their legitimacy is established) nor a "
            "specific method. The Turbine offers proven methods, advice on carrying and setting "
            "up the project, and introductions to other actors relevant to it."
        ),
    ),
    criteria=ServiceLevelCriteria(
        scale=LocalizedText(fr="projets à petite échelle", en="small-scale projects"),
        carriers=LocalizedText(fr="portés par un acteur unique", en="carried by a single actor"),
        method=LocalizedText(fr="ni une méthodologie spécifique", en="no specific method needed"),
        political_backing=LocalizedText(
            fr="ni un portage politique conséquent (car la légitimité est acquise)",
            en="no strong political backing (legitimacy is established)",
        ),
    ),
    color="#f6e8a6",
)
"""Level 1, *simplifier les petites initiatives*: simplify small initiatives."""

LEVEL_2 = ServiceLevel(
    code=2,
    label=LocalizedText(
        fr="Aider au portage de projets intermédiaires",
        en="Help carry intermediate projects",
    ),
    description=LocalizedText(
        fr=(
            "sont concernés les projets à impact moyen ou fort portés par un ou plusieurs acteurs. "
            "Ces projets intermédiaires font appel à des méthodologies nouvelles et peu éprouvées "
            "et traitent des enjeux de transition pluriels."
        ),
        en=(
            "this level covers projects of medium or high impact carried by one or more actors. "
            "These intermediate projects call on new, little-tested methods and deal with "
            "several transition issues at once."
        ),
    ),
    criteria=ServiceLevelCriteria(
        carriers=LocalizedText(
            fr="portés par un ou plusieurs acteurs", en="carried by one or more actors"
        ),
        impact=LocalizedText(fr="impact moyen ou fort", en="medium or high impact"),
        method=LocalizedText(
            fr="méthodologies nouvelles et peu éprouvées", en="new, little-tested methods"
        ),
    ),
    color="#3e9e8f",
)
"""Level 2, *aider au portage de projets intermédiaires*: help carry intermediate projects."""

LEVEL_3 = ServiceLevel(
    code=3,
    label=LocalizedText(
        fr="Porter des projets de transition à ambition métropolitaine",
        en="Carry transition projects of metropolitan ambition",
    ),
    description=LocalizedText(
        fr=(
            "pour les projets à très fort impact mobilisant une grande diversité d'acteurs et "
            "croisant différentes thématiques de transition. Ces projets structurant nécessitent "
            "un portage politique fort et un accompagnement méthodologique spécifique."
        ),
        en=(
            "for projects of very high impact that mobilise a wide diversity of actors and cut "
            "across several transition themes. These structuring projects need strong political "
            "backing and specific methodological support."
        ),
    ),
    criteria=ServiceLevelCriteria(
        scale=LocalizedText(fr="ambition métropolitaine", en="metropolitan ambition"),
        carriers=LocalizedText(
            fr="mobilisant une grande diversité d'acteurs",
            en="mobilising a wide diversity of actors",
        ),
        impact=LocalizedText(fr="très fort impact", en="very high impact"),
        method=LocalizedText(
            fr="un accompagnement méthodologique spécifique",
            en="specific methodological support",
        ),
        political_backing=LocalizedText(
            fr="un portage politique fort", en="strong political backing"
        ),
    ),
    color="#2d2a6e",
)
"""Level 3, *porter des projets de transition à ambition métropolitaine*."""

SERVICE_LEVELS: tuple[ServiceLevel, ...] = (LEVEL_1, LEVEL_2, LEVEL_3)
"""The Turbine's three service levels, from the lightest to the most ambitious."""

ROLES: Mapping[str, LocalizedText] = MappingProxyType(
    {
        "carrier": LocalizedText(fr="porteur", en="carrier"),
        "partner": LocalizedText(fr="partenaire", en="partner"),
        "funder": LocalizedText(fr="financeur", en="funder"),
        "supporter": LocalizedText(fr="soutien", en="supporter"),
    }
)
"""The known roles of an actor in an action, with their labels. Other roles are allowed."""

VOCABULARY: Mapping[str, LocalizedText] = MappingProxyType(
    {
        "strategy": LocalizedText(fr="stratégie", en="strategy"),
        "axis": LocalizedText(fr="axe stratégique", en="strategic axis"),
        "objective": LocalizedText(fr="objectif de transition", en="transition objective"),
        "meta_action": LocalizedText(fr="méta-action", en="meta-action"),
        "action": LocalizedText(fr="action", en="action"),
        "actor": LocalizedText(fr="acteur", en="actor"),
        "typology": LocalizedText(fr="typologie d'acteurs", en="actor typology"),
        "service_level": LocalizedText(fr="niveau de service", en="service level"),
        "featured": LocalizedText(fr="présentée sur la synthèse", en="shown on the synthesis"),
    }
)
"""The words of the model in French and English, for renderers and summaries."""
