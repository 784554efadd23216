"""What every renderer shares: option checks, the legend's vocabulary, the matrix as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from attrs import frozen

from turbine.errors import RenderError
from turbine.model import (
    Action,
    ActorTypology,
    Axis,
    LocalizedText,
    MetaAction,
    Objective,
    ServiceLevel,
    Strategy,
)
from turbine.vocabulary import SERVICE_LEVELS, TYPOLOGIES

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "ACTION_CHOICES",
    "LANGUAGES",
    "Cell",
    "Legend",
    "MatrixTable",
    "Row",
    "ShownActions",
    "check_actions",
    "check_choice",
    "check_lang",
    "matrix_table",
    "objectives_of",
]

LANGUAGES = ("fr", "en")
"""The languages of turbine's own words: headers, legends, the vocabulary."""

ShownActions = Literal["featured", "all", "none"]
ACTION_CHOICES: tuple[ShownActions, ...] = ("featured", "all", "none")
"""Which actions a renderer shows: those drawn on the synthesis, all of them, or none."""


def check_choice(renderer: str, option: str, value: object, choices: Iterable[object]) -> None:
    """Raise a RenderError naming *option* unless *value* is one of *choices*."""
    choices = tuple(choices)
    if value not in choices:
        raise RenderError(
            f"{option} must be one of {', '.join(map(repr, choices))}, not {value!r}",
            renderer=renderer,
            option=option,
        )


def check_lang(renderer: str, lang: object) -> None:
    """Raise a RenderError unless *lang* is a language turbine speaks."""
    check_choice(renderer, "lang", lang, LANGUAGES)


def check_actions(renderer: str, actions: object) -> None:
    """Raise a RenderError unless *actions* says which actions to show."""
    check_choice(renderer, "actions", actions, ACTION_CHOICES)


def objectives_of(
    renderer: str, obj: object, strategy: Strategy | None = None
) -> tuple[tuple[Objective, Axis | None], ...]:
    """The objectives *obj* holds, each with its axis, in document order.

    An objective passed alone has the axis the *strategy* gives it, if any.

    Raises:
        RenderError: *obj* is not a strategy, an axis or an objective.
    """
    if isinstance(obj, Strategy):
        return tuple(obj.iter_objectives())
    if isinstance(obj, Axis):
        return tuple((objective, obj) for objective in obj.objectives)
    if isinstance(obj, Objective):
        axis = None
        if strategy is not None:
            axis = next((a for o, a in strategy.iter_objectives() if o is obj), None)
        return ((obj, axis),)
    raise RenderError(
        f"renders a Strategy, an Axis or an Objective, not {type(obj).__name__}",
        renderer=renderer,
    )


@frozen(kw_only=True)
class Legend:
    """The typologies and service levels a renderer names and colours.

    A strategy's own, or turbine's canonical ones (:mod:`turbine.vocabulary`) for an axis or an
    objective rendered without its strategy. An id that neither defines is shown as itself,
    so that a renderer never fails on a document that :func:`turbine.validate` would flag.
    """

    typologies: tuple[ActorTypology, ...]
    levels: tuple[ServiceLevel, ...]

    @classmethod
    def of(cls, strategy: Strategy | None) -> Legend:
        """The legend of *strategy*, or turbine's canonical one for ``None``."""
        if strategy is None:
            return cls(typologies=TYPOLOGIES, levels=SERVICE_LEVELS)
        return cls(typologies=strategy.typologies, levels=tuple(sorted(strategy.service_levels)))

    def typology(self, id: str) -> ActorTypology:  # noqa: A002 - the document's word
        """The typology with that id, or a stand-in labelled with the id."""
        for typology in self.typologies:
            if typology.id == id:
                return typology
        return ActorTypology(id=id, label=LocalizedText(und=id))

    def level(self, code: int) -> ServiceLevel:
        """The service level with that code, or a stand-in labelled with the code."""
        for level in self.levels:
            if level.code == code:
                return level
        return ServiceLevel(code=code, label=LocalizedText(und=str(code)))


@frozen(kw_only=True)
class Cell:
    """A filled cell of the matrix: a typology carries the row, at a service level."""

    typology: str
    level: int


@frozen(kw_only=True)
class Row:
    """A row of the matrix: a meta-action, or one of its actions listed under it.

    Attributes:
        kind: ``"meta-action"`` or ``"action"``.
        id: The meta-action's or action's id.
        title: Its title.
        featured: For an action, whether it is drawn on the synthesis; ``True`` for a
            meta-action.
        cells: Its filled cells, in column order. A meta-action has one per carrying typology;
            an action has its own only when it sets its own typologies or level (otherwise
            it is carried as its meta-action is, and its row is text only).
        meta_action: The id of the meta-action the row belongs to (its own id for a
            meta-action).
    """

    kind: Literal["meta-action", "action"]
    id: str
    title: str
    featured: bool
    cells: tuple[Cell, ...]
    meta_action: str


@frozen(kw_only=True)
class MatrixTable:
    """An objective's Turbine matrix as data: what every matrix renderer draws.

    Attributes:
        objective: The objective.
        axis: Its axis, if known.
        columns: The typologies, in the legend's order; a typology an objective uses that the
            legend does not define comes last, labelled with its id.
        levels: The service levels of the legend, by code.
        rows: The rows, top to bottom: each meta-action followed by its shown actions.
    """

    objective: Objective
    axis: Axis | None
    columns: tuple[ActorTypology, ...]
    levels: tuple[ServiceLevel, ...]
    rows: tuple[Row, ...]

    @property
    def cells(self) -> tuple[tuple[Row, Cell], ...]:
        """Every filled cell with its row, top to bottom and left to right."""
        return tuple((row, cell) for row in self.rows for cell in row.cells)


def matrix_table(
    objective: Objective,
    *,
    axis: Axis | None = None,
    legend: Legend | None = None,
    actions: ShownActions = "featured",
) -> MatrixTable:
    """The matrix of *objective*: its rows, columns and filled cells.

    Args:
        objective: The objective.
        axis: Its axis, if it has one and it should be named.
        legend: The typologies and levels to use; turbine's canonical ones by default.
        actions: Which actions get a row under their meta-action: ``"featured"`` (those drawn on
            the synthesis), ``"all"`` or ``"none"``.
    """
    legend = legend if legend is not None else Legend.of(None)
    shown = [
        (meta_action, [a for a in meta_action.actions if _shows(actions, a.featured)])
        for meta_action in objective.meta_actions
    ]
    # Columns: the legend's typologies, then any other the objective uses, in order of first use.
    used = (t for m, acts in shown for t in (*m.typologies, *_own_typologies(m, acts)))
    known = {typology.id for typology in legend.typologies}
    extra = [t for t in dict.fromkeys(used) if t not in known]
    columns = legend.typologies + tuple(legend.typology(t) for t in extra)
    position = {typology.id: index for index, typology in reversed(list(enumerate(columns)))}

    def cells(typologies: Iterable[str], level: int) -> tuple[Cell, ...]:
        ranked = sorted(dict.fromkeys(typologies), key=position.__getitem__)
        return tuple(Cell(typology=t, level=level) for t in ranked)

    rows: list[Row] = []
    for meta_action, acts in shown:
        rows.append(
            Row(
                kind="meta-action",
                id=meta_action.id,
                title=meta_action.title,
                featured=True,
                cells=cells(meta_action.typologies, meta_action.level),
                meta_action=meta_action.id,
            )
        )
        rows.extend(
            Row(
                kind="action",
                id=action.id,
                title=action.title,
                featured=action.featured,
                cells=cells(meta_action.typologies_of(action), meta_action.level_of(action))
                if _has_own(action)
                else (),
                meta_action=meta_action.id,
            )
            for action in acts
        )
    return MatrixTable(
        objective=objective, axis=axis, columns=columns, levels=legend.levels, rows=tuple(rows)
    )


def _shows(actions: ShownActions, featured: bool) -> bool:
    return actions == "all" or (actions == "featured" and featured)


def _has_own(action: Action) -> bool:
    return action.typologies is not None or action.level is not None


def _own_typologies(meta_action: MetaAction, actions: Iterable[Action]) -> Iterator[str]:
    for action in actions:
        if _has_own(action):
            yield from meta_action.typologies_of(action)
