"""Hypothesis strategies for turbine: valid strategies, their documents, and broken variants."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

import turbine
from turbine import (
    Action,
    Actor,
    ActorTypology,
    Axis,
    Identifier,
    Involvement,
    LocalizedText,
    MetaAction,
    Objective,
    Provenance,
    ServiceLevel,
    ServiceLevelCriteria,
    Strategy,
    Territory,
)
from turbine._converter import unstructure

ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"

ids: st.SearchStrategy[str] = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789ABCXYZ"),
    st.text(alphabet=ID_ALPHABET, max_size=12),
)

# Any text JSON can carry in UTF-8: no lone surrogates (category Cs), but accents, emoji, control
# characters, quotes and backslashes.
texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30)
any_texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30)
languages = st.sampled_from(["fr", "en", "de", "fr-be", "oc", "br"])


@st.composite
def localized_texts(draw: st.DrawFn) -> LocalizedText:
    keys = draw(st.lists(languages, min_size=1, max_size=3, unique=True))
    return LocalizedText({key: draw(texts) for key in keys})


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


colors = st.from_regex(r"\A#[0-9a-fA-F]{6}\Z")
dates = st.dates().map(lambda d: d.isoformat()) | st.integers(1000, 9999).map(str)
identifiers = st.builds(
    Identifier,
    scheme=st.sampled_from(["siren", "siret", "rna", "wikidata"]),
    value=texts,
)


def unique_by_id(items: list[Any]) -> tuple[Any, ...]:
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


@st.composite
def service_levels(draw: st.DrawFn) -> tuple[ServiceLevel, ...]:
    codes = draw(st.lists(st.integers(1, 99), min_size=1, max_size=4, unique=True))
    criteria = st.builds(
        ServiceLevelCriteria,
        scale=optional(localized_texts()),
        carriers=optional(localized_texts()),
        impact=optional(localized_texts()),
        method=optional(localized_texts()),
        political_backing=optional(localized_texts()),
    )
    return tuple(
        ServiceLevel(
            code=code,
            label=draw(localized_texts()),
            description=draw(optional(localized_texts())),
            criteria=draw(optional(criteria)),
            color=draw(optional(colors)),
        )
        for code in codes
    )


typology_lists = st.lists(
    st.builds(
        ActorTypology,
        id=ids,
        label=localized_texts(),
        description=optional(localized_texts()),
        examples=st.lists(localized_texts(), max_size=2).map(tuple),
        color=optional(colors),
    ),
    min_size=1,
    max_size=4,
).map(unique_by_id)


@st.composite
def strategies(draw: st.DrawFn, *, max_actions: int = 12) -> Strategy:
    """Valid strategies: unique ids, resolving references, no warnings."""
    levels = draw(service_levels())
    typologies = draw(typology_lists)
    typology_ids = [t.id for t in typologies]
    level_codes = [level.code for level in levels]
    actors = unique_by_id(
        draw(
            st.lists(
                st.builds(
                    Actor,
                    id=ids,
                    name=texts,
                    typology=st.sampled_from(typology_ids),
                    kind=optional(texts),
                    description=optional(any_texts),
                    territory=optional(texts),
                    identifiers=st.lists(identifiers, max_size=2).map(tuple),
                    tags=st.lists(texts, max_size=2, unique=True).map(tuple),
                ),
                max_size=6,
            )
        )
    )
    actor_ids = [a.id for a in actors]
    roles = st.sampled_from(sorted(turbine.vocabulary.ROLES))
    used: dict[str, set[str]] = {"action": set(), "meta": set(), "objective": set(), "axis": set()}

    def fresh(kind: str) -> str:
        ident = draw(ids.filter(lambda i: i not in used[kind]))
        used[kind].add(ident)
        return ident

    budget = [max_actions]

    def action(carried: tuple[str, ...]) -> Action:
        budget[0] -= 1
        own = draw(optional(st.lists(st.sampled_from(carried), min_size=1, unique=True)))
        involvements: list[Involvement] = []
        if actor_ids:
            pairs = draw(
                st.lists(st.tuples(st.sampled_from(actor_ids), roles), max_size=3, unique=True)
            )
            involvements = [Involvement(actor=a, role=r) for a, r in pairs]
        return Action(
            id=fresh("action"),
            title=draw(texts),
            featured=draw(st.booleans()),
            description=draw(optional(any_texts)),
            level=draw(optional(st.sampled_from(level_codes))),
            typologies=None if own is None else tuple(own),
            actors=tuple(involvements),
        )

    def meta_action() -> MetaAction:
        carried = tuple(draw(st.lists(st.sampled_from(typology_ids), min_size=1, unique=True)))
        n = draw(st.integers(1, 3)) if budget[0] > 0 else 1
        return MetaAction(
            id=fresh("meta"),
            title=draw(texts),
            typologies=carried,
            level=draw(st.sampled_from(level_codes)),
            description=draw(optional(any_texts)),
            actions=tuple(action(carried) for _ in range(n)),
        )

    def objective() -> Objective:
        return Objective(
            id=fresh("objective"),
            title=draw(texts),
            description=draw(optional(any_texts)),
            meta_actions=tuple(meta_action() for _ in range(draw(st.integers(1, 2)))),
        )

    axes = tuple(
        Axis(
            id=fresh("axis"),
            title=draw(texts),
            description=draw(optional(any_texts)),
            objectives=tuple(objective() for _ in range(draw(st.integers(1, 2)))),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    loose = tuple(objective() for _ in range(draw(st.integers(0, 2))))
    provenance = draw(
        optional(
            st.builds(
                Provenance,
                source=texts,
                date=optional(dates),
                licence=optional(texts),
                notes=optional(any_texts),
            )
        )
    )
    return Strategy(
        id=draw(ids),
        title=draw(texts),
        language=draw(languages),
        territory=Territory(
            name=draw(texts),
            members=tuple(draw(st.lists(texts, max_size=3, unique=True))),
            identifiers=tuple(draw(st.lists(identifiers, max_size=1))),
        ),
        description=draw(optional(any_texts)),
        provenance=provenance,
        service_levels=levels,
        typologies=typologies,
        actors=actors,
        axes=axes,
        objectives=loose,
    )


def documents(*, max_actions: int = 12) -> st.SearchStrategy[dict[str, Any]]:
    """Valid documents, as JSON data."""
    return strategies(max_actions=max_actions).map(unstructure)


# -- a small document, written out ------------------------------------------------------------


def small_document() -> dict[str, Any]:
    """A small valid document without warnings, with every kind of entity: one axis and one
    loose objective."""
    return {
        "format_version": "1.0",
        "id": "demo",
        "title": "Demo",
        "language": "fr",
        "territory": {"name": "Artois", "members": ["Lens", "Liévin"]},
        "provenance": {"source": "atelier", "date": "2021-03-15"},
        "service_levels": [
            {"code": 1, "label": {"fr": "Simplifier"}, "color": "#f6e8a6"},
            {"code": 2, "label": {"fr": "Aider", "en": "Help"}},
        ],
        "typologies": [
            {"id": "policy-makers", "label": {"fr": "Politiques"}},
            {"id": "inhabitants", "label": {"fr": "Habitants"}},
            {"id": "supporters", "label": {"fr": "Soutiens"}},
        ],
        "actors": [
            {"id": "mairie", "name": "Mairie", "typology": "policy-makers"},
            {"id": "asso", "name": "Asso", "typology": "inhabitants"},
        ],
        "axes": [
            {
                "id": "ax",
                "title": "Axe",
                "objectives": [
                    {
                        "id": "o1",
                        "title": "O1",
                        "meta_actions": [
                            {
                                "id": "m1",
                                "title": "M1",
                                "typologies": ["policy-makers", "inhabitants"],
                                "level": 1,
                                "actions": [
                                    {
                                        "id": "a1",
                                        "title": "A1",
                                        "featured": True,
                                        "level": 2,
                                        "typologies": ["inhabitants"],
                                        "actors": [
                                            {"actor": "mairie", "role": "carrier"},
                                            {"actor": "asso", "role": "partner"},
                                        ],
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ],
        "objectives": [
            {
                "id": "o2",
                "title": "O2",
                "meta_actions": [
                    {
                        "id": "m2",
                        "title": "M2",
                        "typologies": ["inhabitants"],
                        "level": 2,
                        "actions": [{"id": "a2", "title": "A2", "featured": False}],
                    }
                ],
            }
        ],
    }


# -- broken documents -------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
# Values chosen to sit on the edges of the schema's rules.
edge_values = json_values | st.sampled_from(
    [
        "",
        "id\n",
        "a b",
        "-x",
        "x" * 129,
        "FR",
        "#12345",
        "#1234567",
        "2021-13",
        "1.0",
        "2.0",
        0,
        100,
        1.5,
        True,
        [],
        {},
        [""],
        ["a", "a"],
    ]
)


def _paths(data: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*here, index))
    return found


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Valid documents with a few places replaced, removed or added: mostly invalid."""
    document = copy.deepcopy(draw(documents(max_actions=4)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)[1:]
        path = draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(edge_values)
        elif action == "remove" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["titel", "extra", "id", "level", "typologies"]))] = draw(
                edge_values
            )
    return document


def json_text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
