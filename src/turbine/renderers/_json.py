"""The ``json`` renderer: the canonical document, as :func:`turbine.dumps` writes it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from turbine._converter import unstructure
from turbine._decode import find_unwritable, lone_surrogate_in
from turbine.errors import RenderError, TurbineError, TurbineValidationError
from turbine.io import _quoted, dumps, write_atomic
from turbine.model import Axis, Objective, Strategy
from turbine.renderers._registry import Renderable, call_with_options
from turbine.report import Problem, Severity, ValidationReport

if TYPE_CHECKING:
    import os

__all__ = ["JsonRenderer", "to_json"]


def to_json(
    obj: Renderable,
    /,
    *,
    indent: int | None = 2,
    sort_keys: bool = False,
    validate: bool = True,
    strategy: Strategy | None = None,
) -> str:
    """The JSON text of a strategy (its whole document) or of an axis or objective (its part).

    A strategy's text is exactly what :func:`turbine.dumps` writes; *sort_keys* orders the keys
    of every object alphabetically instead of in the format's order.

    Args:
        obj: A strategy, an axis or an objective.
        indent: Spaces per level; ``None`` for one compact line.
        sort_keys: Sort the keys of every object.
        validate: Refuse an invalid strategy (as :func:`turbine.dumps` does). An axis or an
            objective alone cannot be checked, as its references point outside it.
        strategy: The strategy an axis or objective belongs to. Taken, as every renderer takes
            it, but not needed: the JSON of a part is the same in any strategy.

    Raises:
        TurbineValidationError: The strategy is invalid, or *obj* holds a text or a number that
            no JSON text in UTF-8 can hold (a lone surrogate, an integer of thousands of digits,
            NaN or an infinity).
        RenderError: *indent* is not a number of spaces, or *obj* (a model built in Python)
            holds a value of a type JSON has not, such as an object where a text should be.
    """
    del strategy
    # Checked at run time: callers may pass anything, whatever the annotations say.
    if indent is not None and (
        not isinstance(indent, int)  # type: ignore[redundant-expr]
        or isinstance(indent, bool)
        or not 0 <= indent <= 16
    ):
        raise RenderError(
            f"indent must be None or a number of spaces from 0 to 16, not {indent!r}",
            renderer="json",
            option="indent",
        )
    source = f"{type(obj).__name__.lower()} {_quoted(getattr(obj, 'id', None))}"
    try:
        if isinstance(obj, Strategy):
            text = dumps(obj, indent=indent, validate=validate)
            if not sort_keys:
                return text
            data = json.loads(text)
        else:
            data = unstructure(obj)
        try:
            text = json.dumps(
                data, ensure_ascii=False, indent=indent, sort_keys=sort_keys, allow_nan=False
            )
        except ValueError:  # an integer too large to write, or NaN: reported below
            text = ""
    except TurbineError:
        raise  # dumps's own: the strategy is invalid, or holds what JSON cannot
    except (TypeError, AttributeError, ValueError) as exc:  # a model built in Python
        raise RenderError(
            f"cannot write {source} as JSON: it holds a value of the wrong type ({exc})",
            renderer="json",
        ) from exc
    if not text or lone_surrogate_in(text):
        # As turbine.dumps does for a strategy: no JSON text, or no UTF-8 file, can hold these.
        problems = find_unwritable(data) or [
            Problem(
                location=(),
                code="non-finite-number",
                severity=Severity.ERROR,
                message=f"the {type(obj).__name__.lower()} holds NaN or an infinite number, "
                "which JSON cannot write",
            )
        ]
        raise TurbineValidationError(ValidationReport(problems), source=source)
    return text + "\n"


class JsonRenderer:
    """Renders the JSON document of a strategy, or the JSON of an axis or an objective.

    Options: those of :func:`to_json` (``indent``, ``sort_keys``, ``validate``).
    """

    name = "json"
    description = "the canonical JSON document, as turbine.dumps writes it"
    accepts: tuple[type, ...] = (Strategy, Axis, Objective)
    returns = "text"
    suffixes = (".json",)

    def render(self, obj: Renderable, /, **options: Any) -> str:
        """The JSON text of *obj*."""
        text: str = call_with_options(self.name, to_json, obj, **options)
        return text

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        """Write the JSON text of *obj* to *path*, atomically, in UTF-8."""
        write_atomic(path, self.render(obj, **options).encode("utf-8"))
