"""The domain model: frozen, typed values for a territorial transition strategy.

The vocabulary is the Turbine's own: a :class:`Strategy` holds optional :class:`Axis` groups of
:class:`Objective` (objectifs de transition); an objective has :class:`MetaAction` (méta-actions)
and a meta-action has concrete :class:`Action` (mesures). Each meta-action is carried by one or
more :class:`ActorTypology` and served at one :class:`ServiceLevel`.
:class:`Actor` are the concrete organisations and groups involved in actions.

Everything here is pure: no I/O, no validation beyond what the types say. Values are immutable;
"changing" one means building a new one with :func:`attrs.evolve`. References between entities are
ids (strings; integer codes for service levels), exactly as in the JSON document, so a model value
and its document correspond one to one. :func:`turbine.validate` checks that the references resolve.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import attrs
from attrs import field, frozen

from turbine._util import as_tuple
from turbine.errors import UnknownIdError

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "FORMAT_VERSION",
    "Action",
    "ActionContext",
    "Actor",
    "ActorTypology",
    "Axis",
    "Counts",
    "Identifier",
    "Involvement",
    "LocalizedText",
    "MetaAction",
    "Objective",
    "Provenance",
    "ServiceLevel",
    "ServiceLevelCriteria",
    "Strategy",
    "Territory",
]

FORMAT_VERSION = "1.0"
"""The version of the document format this turbine writes."""

_T = TypeVar("_T")


class LocalizedText(Mapping[str, str]):
    """A short text in one or more languages, keyed by language tag (``"fr"``, ``"en"``...).

    Immutable and hashable; it compares equal to any mapping with the same items, whatever
    their order.

    >>> label = LocalizedText(fr="Ceux qui habitent", en="Those who live here")
    >>> label["fr"]
    'Ceux qui habitent'
    >>> label.text("de")  # falls back to the first language given
    'Ceux qui habitent'
    """

    __slots__ = ("_texts",)
    _texts: dict[str, str]

    def __init__(
        self, texts: Mapping[str, str] | Iterable[tuple[str, str]] = (), /, **by_language: str
    ) -> None:
        merged = dict(texts)
        merged.update(by_language)
        if not merged:
            raise ValueError("a LocalizedText needs a text in at least one language")
        for language, text in merged.items():
            # Checked at run time: callers may pass anything, whatever the annotations say.
            if not (isinstance(language, str) and isinstance(text, str)):  # type: ignore[redundant-expr]
                raise TypeError(f"language tags and texts must be str, got {language!r}: {text!r}")
        object.__setattr__(self, "_texts", merged)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise attrs.exceptions.FrozenInstanceError

    def __getitem__(self, language: str) -> str:
        return self._texts[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __hash__(self) -> int:
        return hash(frozenset(self._texts.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._texts == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._texts!r})"

    def __reduce__(self) -> tuple[type[Self], tuple[dict[str, str]]]:
        return (type(self), (self._texts,))

    def text(self, language: str | None = None) -> str:
        """The text in *language*, or in the first language given when it has none."""
        if language is not None and language in self._texts:
            return self._texts[language]
        return next(iter(self._texts.values()))


def _localized(value: LocalizedText | Mapping[str, str]) -> LocalizedText:
    return value if isinstance(value, LocalizedText) else LocalizedText(value)


def _localized_or_none(value: LocalizedText | Mapping[str, str] | None) -> LocalizedText | None:
    return None if value is None else _localized(value)


def _localized_tuple(
    items: Iterable[LocalizedText | Mapping[str, str]],
) -> tuple[LocalizedText, ...]:
    return tuple(_localized(item) for item in as_tuple(items))


def _optional_tuple(items: Iterable[Any] | None) -> tuple[Any, ...] | None:
    return None if items is None else as_tuple(items)


@frozen(kw_only=True)
class ServiceLevelCriteria:
    """What defines a service level in the seed: five criteria, each a short text (or ``None``).

    Attributes:
        scale: The scale of the projects (*échelle*).
        carriers: How many actors carry them (*porteurs*).
        impact: Their expected impact (*impact*).
        method: How new their method is (*méthodologie*).
        political_backing: The political backing they need (*portage politique*).
    """

    scale: LocalizedText | None = field(default=None, converter=_localized_or_none)
    carriers: LocalizedText | None = field(default=None, converter=_localized_or_none)
    impact: LocalizedText | None = field(default=None, converter=_localized_or_none)
    method: LocalizedText | None = field(default=None, converter=_localized_or_none)
    political_backing: LocalizedText | None = field(default=None, converter=_localized_or_none)


@frozen(kw_only=True)
class ServiceLevel:
    """One of the Turbine's service levels (*niveaux de service*), ordered by :attr:`code`.

    ``<``, ``<=``, ``>`` and ``>=`` compare codes only, so that levels sort by ambition;
    ``==`` compares every field, as for every model value.

    Attributes:
        code: The level's number: 1, 2 and 3 for the Turbine's three levels. Higher is more
            ambitious.
        label: Its short name, e.g. *Simplifier les petites initiatives*.
        description: What the level covers and what the Turbine offers at that level.
        criteria: The criteria that define it (scale, carriers, impact, method, backing).
        color: Its colour on the matrix, as ``#rrggbb``; ``None`` lets renderers choose.
    """

    code: int
    label: LocalizedText = field(converter=_localized)
    description: LocalizedText | None = field(default=None, converter=_localized_or_none)
    criteria: ServiceLevelCriteria | None = None
    color: str | None = None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ServiceLevel):
            return NotImplemented
        return self.code < other.code

    def __le__(self, other: object) -> bool:
        if not isinstance(other, ServiceLevel):
            return NotImplemented
        return self.code <= other.code

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, ServiceLevel):
            return NotImplemented
        return self.code > other.code

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, ServiceLevel):
            return NotImplemented
        return self.code >= other.code


@frozen(kw_only=True)
class ActorTypology:
    """A typology of actors (*typologie d'acteurs*): a column of the Turbine matrix.

    The four canonical typologies of the Turbine are in :mod:`turbine.vocabulary`; a document may
    declare others.

    Attributes:
        id: Its id, referred to by meta-actions, actions and actors.
        label: Its name, e.g. *Ceux qui font les politiques publiques*.
        description: Who belongs to it.
        examples: Examples of such actors.
        color: Its colour where a renderer colours by typology, as ``#rrggbb``.
    """

    id: str
    label: LocalizedText = field(converter=_localized)
    description: LocalizedText | None = field(default=None, converter=_localized_or_none)
    examples: tuple[LocalizedText, ...] = field(default=(), converter=_localized_tuple)
    color: str | None = None


@frozen(kw_only=True)
class Identifier:
    """An identifier of an entity in another register, to join turbine data to other data.

    Attributes:
        scheme: The register, in lower case: ``"siren"``, ``"siret"``, ``"rna"``, ``"wikidata"``...
        value: The identifier in that register, as written there.
    """

    scheme: str
    value: str


@frozen(kw_only=True)
class Territory:
    """The territory a strategy is for.

    Attributes:
        name: Its name, e.g. *Pôle métropolitain de l'Artois*.
        members: The member territories, e.g. its agglomerations.
        identifiers: Identifiers of the territory in other registers.
    """

    name: str
    members: tuple[str, ...] = field(default=(), converter=as_tuple)
    identifiers: tuple[Identifier, ...] = field(default=(), converter=as_tuple)


@frozen(kw_only=True)
class Provenance:
    """Where a document's content comes from.

    Attributes:
        source: The source, as a citation or a URL.
        date: The date of the source: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
        licence: The licence of the content.
        notes: Anything a reader should know: what was added, what is illustrative.
    """

    source: str
    date: str | None = None
    licence: str | None = None
    notes: str | None = None


@frozen(kw_only=True)
class Actor:
    """A concrete actor: an association, a local authority, a company, a group of inhabitants.

    Attributes:
        id: Its id, referred to by the actions it is involved in.
        name: Its name.
        typology: The id of its :class:`ActorTypology`.
        kind: What sort of organisation it is, in free text (*association*, *collectivité*...).
        description: A description.
        territory: Where it is based, e.g. one of the strategy territory's members.
        identifiers: Its identifiers in other registers (SIREN, RNA, Wikidata...).
        tags: Free labels, for filtering (e.g. ``"illustrative"``).
    """

    id: str
    name: str
    typology: str
    kind: str | None = None
    description: str | None = None
    territory: str | None = None
    identifiers: tuple[Identifier, ...] = field(default=(), converter=as_tuple)
    tags: tuple[str, ...] = field(default=(), converter=as_tuple)


@frozen(kw_only=True)
class Involvement:
    """An actor's part in an action.

    Attributes:
        actor: The actor's id.
        role: Its role, from an open list: ``"carrier"`` (porteur), ``"partner"`` (partenaire),
            ``"funder"`` (financeur), ``"supporter"`` (soutien). Other roles are allowed; the
            validator warns about them so that typos are seen.
    """

    actor: str
    role: str


@frozen(kw_only=True)
class Action:
    """A concrete action (*action*, *mesure*) of a meta-action.

    Attributes:
        id: Its id.
        title: What is to be done, in the strategy's language.
        featured: Whether it is drawn on the synthesis matrix (``True``) or only listed on the
            details page (``False``).
        description: More detail.
        level: The code of its own service level, or ``None`` to take its meta-action's.
        typologies: Ids of its own carrying typologies, or ``None`` to take its meta-action's.
        actors: The actors involved, each with a role.
    """

    id: str
    title: str
    featured: bool = False
    description: str | None = None
    level: int | None = None
    typologies: tuple[str, ...] | None = field(default=None, converter=_optional_tuple)
    actors: tuple[Involvement, ...] = field(default=(), converter=as_tuple)


@frozen(kw_only=True, repr=False)
class MetaAction:
    """A meta-action (*méta-action*): a row of the Turbine matrix, grouping concrete actions.

    Attributes:
        id: Its id.
        title: Its title, in the strategy's language.
        typologies: Ids of the typologies that carry it (at least one).
        level: The code of the service level the Turbine offers it.
        description: More detail.
        actions: Its concrete actions.
    """

    id: str
    title: str
    typologies: tuple[str, ...] = field(converter=as_tuple)
    level: int
    description: str | None = None
    actions: tuple[Action, ...] = field(default=(), converter=as_tuple)

    def __repr__(self) -> str:
        return (
            f"MetaAction(id={self.id!r}, title={_short(self.title)!r}, level={self.level}, "
            f"typologies={self.typologies!r}, actions={len(self.actions)})"
        )

    def level_of(self, action: Action) -> int:
        """The code of *action*'s effective service level: its own, else this meta-action's."""
        return self.level if action.level is None else action.level

    def typologies_of(self, action: Action) -> tuple[str, ...]:
        """Ids of *action*'s effective typologies: its own, else this meta-action's."""
        return self.typologies if action.typologies is None else action.typologies


@frozen(kw_only=True, repr=False)
class Objective:
    """A transition objective (*objectif de transition*): one Turbine matrix.

    Attributes:
        id: Its id.
        title: Its title.
        description: Its context: why the territory pursues it.
        meta_actions: Its meta-actions, the rows of its matrix.
    """

    id: str
    title: str
    description: str | None = None
    meta_actions: tuple[MetaAction, ...] = field(default=(), converter=as_tuple)

    def __repr__(self) -> str:
        return (
            f"Objective(id={self.id!r}, title={_short(self.title)!r}, "
            f"meta_actions={len(self.meta_actions)})"
        )

    def _repr_html_(self) -> str:
        """What notebooks show: its Turbine matrix, as the ``html`` renderer draws it."""
        from turbine.renderers._html import repr_html  # noqa: PLC0415 - only in notebooks

        return repr_html(self)


@frozen(kw_only=True, repr=False)
class Axis:
    """A strategic axis (*axe stratégique*): an optional group of objectives.

    Attributes:
        id: Its id.
        title: Its title.
        description: More detail.
        objectives: Its objectives.
    """

    id: str
    title: str
    description: str | None = None
    objectives: tuple[Objective, ...] = field(default=(), converter=as_tuple)

    def __repr__(self) -> str:
        return (
            f"Axis(id={self.id!r}, title={_short(self.title)!r}, objectives={len(self.objectives)})"
        )

    def _repr_html_(self) -> str:
        """What notebooks show: its first Turbine matrices, as the ``html`` renderer draws them."""
        from turbine.renderers._html import repr_html  # noqa: PLC0415 - only in notebooks

        return repr_html(self)


@frozen(kw_only=True)
class ActionContext:
    """An action with its parents, as :meth:`Strategy.iter_actions` yields them.

    Attributes:
        action: The action.
        meta_action: Its meta-action.
        objective: Its objective.
        axis: Its axis, or ``None`` for an objective outside any axis.
    """

    action: Action
    meta_action: MetaAction
    objective: Objective
    axis: Axis | None

    @property
    def level(self) -> int:
        """The code of the action's effective service level."""
        return self.meta_action.level_of(self.action)

    @property
    def typologies(self) -> tuple[str, ...]:
        """Ids of the action's effective typologies."""
        return self.meta_action.typologies_of(self.action)


@frozen(kw_only=True)
class Counts:
    """How many of each thing a strategy holds (see :meth:`Strategy.counts`)."""

    axes: int
    objectives: int
    meta_actions: int
    actions: int
    featured_actions: int
    actors: int
    typologies: int
    service_levels: int


def _default_levels() -> tuple[ServiceLevel, ...]:
    from turbine.vocabulary import SERVICE_LEVELS  # noqa: PLC0415 - vocabulary imports this module

    return SERVICE_LEVELS


def _default_typologies() -> tuple[ActorTypology, ...]:
    from turbine.vocabulary import TYPOLOGIES  # noqa: PLC0415 - vocabulary imports this module

    return TYPOLOGIES


@frozen(kw_only=True)
class _Index:
    """Lookups by id, built once per strategy on first use."""

    axes: dict[str, Axis]
    objectives: dict[str, Objective]
    meta_actions: dict[str, MetaAction]
    actions: dict[str, ActionContext]
    actors: dict[str, Actor]
    typologies: dict[str, ActorTypology]
    service_levels: dict[int, ServiceLevel]
    involvements: dict[str, tuple[ActionContext, ...]]


@frozen(kw_only=True, repr=False)
class Strategy:
    """A territorial transition strategy: the root of a turbine document.

    Attributes:
        format_version: The version of the document format it follows.
        id: Its id.
        title: Its title.
        language: The language tag of its content (titles, descriptions), e.g. ``"fr"``.
        territory: The territory it is for.
        description: What it is.
        provenance: Where its content comes from.
        service_levels: The service levels it uses; by default the Turbine's three.
        typologies: The actor typologies it uses; by default the Turbine's four.
        actors: The concrete actors involved in its actions.
        axes: Its strategic axes, each grouping objectives.
        objectives: Its objectives outside any axis.
    """

    format_version: str = FORMAT_VERSION
    id: str
    title: str
    language: str
    territory: Territory
    description: str | None = None
    provenance: Provenance | None = None
    service_levels: tuple[ServiceLevel, ...] = field(factory=_default_levels, converter=as_tuple)
    typologies: tuple[ActorTypology, ...] = field(factory=_default_typologies, converter=as_tuple)
    actors: tuple[Actor, ...] = field(default=(), converter=as_tuple)
    axes: tuple[Axis, ...] = field(default=(), converter=as_tuple)
    objectives: tuple[Objective, ...] = field(default=(), converter=as_tuple)

    def __repr__(self) -> str:
        counts = self.counts()
        return (
            f"Strategy(id={self.id!r}, title={_short(self.title)!r}, axes={counts.axes}, "
            f"objectives={counts.objectives}, meta_actions={counts.meta_actions}, "
            f"actions={counts.actions}, actors={counts.actors})"
        )

    def _repr_html_(self) -> str:
        """What notebooks show: its first Turbine matrices, as the ``html`` renderer draws them."""
        from turbine.renderers._html import repr_html  # noqa: PLC0415 - only in notebooks

        return repr_html(self)

    # -- walking -------------------------------------------------------------------------------

    def iter_objectives(self) -> Iterator[tuple[Objective, Axis | None]]:
        """Every objective with its axis (``None`` outside axes): axes' first, in order."""
        for axis in self.axes:
            for objective in axis.objectives:
                yield objective, axis
        for objective in self.objectives:
            yield objective, None

    def iter_meta_actions(self) -> Iterator[MetaAction]:
        """Every meta-action, in document order."""
        for objective, _ in self.iter_objectives():
            yield from objective.meta_actions

    def iter_actions(self) -> Iterator[ActionContext]:
        """Every action with its meta-action, objective and axis, in document order."""
        for objective, axis in self.iter_objectives():
            for meta_action in objective.meta_actions:
                for action in meta_action.actions:
                    yield ActionContext(
                        action=action, meta_action=meta_action, objective=objective, axis=axis
                    )

    def counts(self) -> Counts:
        """How many axes, objectives, meta-actions, actions... the strategy holds."""
        objectives = meta_actions = actions = featured = 0
        for objective, _ in self.iter_objectives():
            objectives += 1
            meta_actions += len(objective.meta_actions)
            for meta_action in objective.meta_actions:
                actions += len(meta_action.actions)
                featured += sum(action.featured for action in meta_action.actions)
        return Counts(
            axes=len(self.axes),
            objectives=objectives,
            meta_actions=meta_actions,
            actions=actions,
            featured_actions=featured,
            actors=len(self.actors),
            typologies=len(self.typologies),
            service_levels=len(self.service_levels),
        )

    # -- lookups -------------------------------------------------------------------------------

    @functools.cached_property
    def _index(self) -> _Index:
        actions = {context.action.id: context for context in self.iter_actions()}
        involvements: dict[str, list[ActionContext]] = {}
        for context in actions.values():
            for actor in dict.fromkeys(i.actor for i in context.action.actors):
                involvements.setdefault(actor, []).append(context)
        return _Index(
            axes={axis.id: axis for axis in self.axes},
            objectives={objective.id: objective for objective, _ in self.iter_objectives()},
            meta_actions={meta_action.id: meta_action for meta_action in self.iter_meta_actions()},
            actions=actions,
            actors={actor.id: actor for actor in self.actors},
            typologies={typology.id: typology for typology in self.typologies},
            service_levels={level.code: level for level in self.service_levels},
            involvements={actor: tuple(found) for actor, found in involvements.items()},
        )

    def axis(self, id: str) -> Axis:  # noqa: A002 - the document's word
        """The axis with that id; :class:`~turbine.errors.UnknownIdError` if there is none."""
        return _lookup(self._index.axes, "axis", id)

    def objective(self, id: str) -> Objective:  # noqa: A002
        """The objective with that id, in an axis or not."""
        return _lookup(self._index.objectives, "objective", id)

    def meta_action(self, id: str) -> MetaAction:  # noqa: A002
        """The meta-action with that id."""
        return _lookup(self._index.meta_actions, "meta-action", id)

    def action(self, id: str) -> Action:  # noqa: A002
        """The action with that id."""
        return _lookup(self._index.actions, "action", id).action

    def context(self, action: Action | str) -> ActionContext:
        """The action (or the action with that id) with its parents."""
        return _lookup(self._index.actions, "action", _id_of(action))

    def actor(self, id: str) -> Actor:  # noqa: A002
        """The actor with that id."""
        return _lookup(self._index.actors, "actor", id)

    def typology(self, id: str) -> ActorTypology:  # noqa: A002
        """The actor typology with that id."""
        return _lookup(self._index.typologies, "typology", id)

    def service_level(self, code: int) -> ServiceLevel:
        """The service level with that code."""
        return _lookup(self._index.service_levels, "service level", code, key_name="code")

    def effective_level(self, action: Action | str) -> ServiceLevel:
        """The service level of an action: its own, else its meta-action's.

        An :class:`Action` is placed by its id; its own level is the one given (which may differ
        from the stored action's, if it was changed with :func:`attrs.evolve`).
        """
        meta_action = self.context(action).meta_action
        own = action if isinstance(action, Action) else self.action(action)
        return self.service_level(meta_action.level_of(own))

    def effective_typologies(self, action: Action | str) -> tuple[ActorTypology, ...]:
        """The typologies that carry an action: its own, else its meta-action's.

        An :class:`Action` is placed by its id, as for :meth:`effective_level`.
        """
        meta_action = self.context(action).meta_action
        own = action if isinstance(action, Action) else self.action(action)
        return tuple(self.typology(t) for t in meta_action.typologies_of(own))

    def actions_of(self, actor: Actor | str) -> tuple[ActionContext, ...]:
        """The actions an actor is involved in, with their parents, in document order."""
        actor_id = _id_of(actor)
        _lookup(self._index.actors, "actor", actor_id)
        return self._index.involvements.get(actor_id, ())


def _id_of(entity: Action | Actor | str) -> str:
    return entity if isinstance(entity, str) else entity.id


def _lookup(table: Mapping[Any, _T], kind: str, key: str | int, *, key_name: str = "id") -> _T:
    try:
        return table[key]
    except (KeyError, TypeError):  # TypeError: an unhashable key
        candidates = [k for k in table if isinstance(k, str)]
        suggestions = (
            difflib.get_close_matches(key, candidates, n=3) if isinstance(key, str) else []
        )
        raise UnknownIdError(kind, key, suggestions, key_name=key_name) from None


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
