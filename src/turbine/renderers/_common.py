"""What every renderer shares: option checks, the legend's vocabulary, the matrix as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from turbine._util import HUGE_INT_BITS, brief, describe
from turbine.errors import RenderError
from turbine.model import (
    Action,
    ActorTypology,
    Axis,
    LocalizedText,
    MetaAction,
    Objective,
    Provenance,
    ServiceLevel,
    Strategy,
    Territory,
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
    "check_model",
    "check_strategy",
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


def check_strategy(renderer: str, strategy: object) -> Strategy | None:
    """*strategy*, if it is a Strategy or ``None``; else raise a RenderError naming the option."""
    if strategy is not None and not isinstance(strategy, Strategy):
        raise RenderError(
            f"strategy must be a Strategy or None, not {type(strategy).__name__}",
            renderer=renderer,
            option="strategy",
        )
    return strategy


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
        RenderError: *obj* is not a strategy, an axis or an objective, *strategy* is not a
            strategy, or either holds values of the wrong Python types (see
            :func:`check_model`).
    """
    # Checked at run time: callers may pass anything, whatever the annotations say.
    check_strategy(renderer, strategy)
    check_model(renderer, obj, strategy)
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


# -- what renderers can rely on ----------------------------------------------------------------

_PROBLEMS_SHOWN = 10


def check_model(renderer: str, obj: object, strategy: object = None) -> None:
    """Raise a RenderError listing every value of *obj* whose Python type no document has.

    A strategy loaded from a document always passes; a model built in Python may hold anything
    (a title of ``None``, a level of ``"2"``, an id that is a list). Renderers draw what
    :func:`turbine.validate` would flag (an undefined typology, a level code of 0), but not
    values of the wrong type: they are refused here, each with its place, rather than failing
    from deep inside a renderer. For a strategy passed as *strategy* (an axis's or an
    objective's), the parts renderers use are checked: its title, territory, source,
    typologies and levels.

    Raises:
        RenderError: *obj* or *strategy* holds values of the wrong types.
    """
    walk = _TypeWalk()
    if isinstance(obj, (Strategy, Axis, Objective)):
        walk.entity(obj, "$")
    if isinstance(strategy, Strategy) and strategy is not obj:
        walk.strategy_header(strategy, "strategy $")
    if walk.problems:
        count = len(walk.problems)
        lines = walk.problems[:_PROBLEMS_SHOWN]
        if count > _PROBLEMS_SHOWN:
            lines.append(f"... and {count - _PROBLEMS_SHOWN} more")
        raise RenderError(
            f"cannot render this {type(obj).__name__}: {count} value"
            f"{'s have' if count != 1 else ' has'} the wrong type (the model was built in "
            "Python; turbine.load() never gives these)\n  " + "\n  ".join(lines),
            renderer=renderer,
        )


_WANTED: dict[type[Any], str] = {str: "a text", int: "a whole number", bool: "True or False"}


class _TypeWalk:
    """Collects, with their places, the values that are not of the types the model declares."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def expect(self, value: Any, path: str, kind: type[Any]) -> bool:
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return True
        wanted = _WANTED.get(kind, f"a {kind.__name__}")
        self.problems.append(f"{path}: {wanted} is expected, not {describe(value)}")
        return False

    def text(self, value: Any, path: str, *, optional: bool = False) -> None:
        if not (optional and value is None):
            self.expect(value, path, str)

    def code(self, value: Any, path: str, *, optional: bool = False) -> None:
        if optional and value is None:
            return
        if self.expect(value, path, int) and value.bit_length() > HUGE_INT_BITS:
            # Python cannot even write it as text (and JSON cannot hold it).
            self.problems.append(
                f"{path}: a whole number of at most 4,000 digits is expected, not {brief(value)}"
            )

    def texts(self, values: Any, path: str) -> None:
        if self.expect(values, path, tuple):
            for index, value in enumerate(values):
                self.text(value, f"{path}[{index}]")

    def items(self, values: Any, path: str, kind: type[Any]) -> tuple[Any, ...]:
        if not self.expect(values, path, tuple):
            return ()
        return tuple(
            (value, f"{path}[{index}]")
            for index, value in enumerate(values)
            if self.expect(value, f"{path}[{index}]", kind)
        )

    def entity(self, obj: Strategy | Axis | Objective, path: str) -> None:
        if isinstance(obj, Strategy):
            self.strategy_header(obj, path)
            for axis, where in self.items(obj.axes, f"{path}.axes", Axis):
                self.entity(axis, where)
            for objective, where in self.items(obj.objectives, f"{path}.objectives", Objective):
                self.entity(objective, where)
            return
        self.text(obj.id, f"{path}.id")
        self.text(obj.title, f"{path}.title")
        self.text(obj.description, f"{path}.description", optional=True)
        if isinstance(obj, Axis):
            for objective, where in self.items(obj.objectives, f"{path}.objectives", Objective):
                self.entity(objective, where)
            return
        for meta_action, where in self.items(obj.meta_actions, f"{path}.meta_actions", MetaAction):
            self.meta_action(meta_action, where)

    def meta_action(self, meta_action: MetaAction, path: str) -> None:
        self.text(meta_action.id, f"{path}.id")
        self.text(meta_action.title, f"{path}.title")
        self.text(meta_action.description, f"{path}.description", optional=True)
        self.texts(meta_action.typologies, f"{path}.typologies")
        self.code(meta_action.level, f"{path}.level")
        for action, where in self.items(meta_action.actions, f"{path}.actions", Action):
            self.text(action.id, f"{where}.id")
            self.text(action.title, f"{where}.title")
            self.text(action.description, f"{where}.description", optional=True)
            self.expect(action.featured, f"{where}.featured", bool)
            self.code(action.level, f"{where}.level", optional=True)
            if action.typologies is not None:
                self.texts(action.typologies, f"{where}.typologies")

    def strategy_header(self, strategy: Strategy, path: str) -> None:
        self.text(strategy.id, f"{path}.id")
        self.text(strategy.title, f"{path}.title")
        self.text(strategy.description, f"{path}.description", optional=True)
        if self.expect(strategy.territory, f"{path}.territory", Territory):
            self.text(strategy.territory.name, f"{path}.territory.name")
            self.texts(strategy.territory.members, f"{path}.territory.members")
        provenance = strategy.provenance
        if provenance is not None and self.expect(provenance, f"{path}.provenance", Provenance):
            self.text(provenance.source, f"{path}.provenance.source")
        for typology, where in self.items(strategy.typologies, f"{path}.typologies", ActorTypology):
            self.text(typology.id, f"{where}.id")
            self.expect(typology.label, f"{where}.label", LocalizedText)
        for level, where in self.items(
            strategy.service_levels, f"{path}.service_levels", ServiceLevel
        ):
            self.code(level.code, f"{where}.code")
            self.expect(level.label, f"{where}.label", LocalizedText)
        # Counted (Strategy.counts), not drawn.
        self.expect(strategy.actors, f"{path}.actors", tuple)


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
        """The legend of *strategy*, or turbine's canonical one for ``None``.

        A typology id or a level code that a strategy defines twice (which
        :func:`turbine.validate` flags) is taken from its first definition, as lookups do.
        """
        if strategy is None:
            return cls(typologies=TYPOLOGIES, levels=SERVICE_LEVELS)
        typologies: dict[str, ActorTypology] = {}
        for typology in strategy.typologies:
            typologies.setdefault(typology.id, typology)
        levels: dict[int, ServiceLevel] = {}
        for level in strategy.service_levels:
            levels.setdefault(level.code, level)
        return cls(typologies=tuple(typologies.values()), levels=tuple(sorted(levels.values())))

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

    Raises:
        RenderError: *actions* is not one of these.
    """
    check_actions("matrix_table", actions)
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
