"""A turbine renderer that lists the actions of a strategy as CSV, one row per action.

Each row names the action's objective and meta-action, gives its id and title, says whether it
is featured on the synthesis matrix, and gives its effective service level and typologies (its
own, else its meta-action's). Installed, it is the renderer ``actions-csv``::

    turbine render strategy.json -r actions-csv -o actions.csv
"""

from __future__ import annotations

import csv
import io
import os
from typing import TYPE_CHECKING, Any

from turbine import ActionContext, Axis, Objective, RenderError, Strategy
from turbine.io import write_atomic

if TYPE_CHECKING:
    from collections.abc import Iterator

    from turbine.renderers import Renderable

__all__ = ["COLUMNS", "ActionsCsvRenderer"]

COLUMNS = ("objective", "meta_action", "action", "title", "featured", "level", "typologies")
"""The header row."""

_OPTIONS = ("actions", "strategy")

# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection"):
# such a text is written after an apostrophe, which makes the spreadsheet show it as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ActionsCsvRenderer:
    """Lists the actions of a strategy, an axis or an objective as CSV, one row per action.

    The columns are :data:`COLUMNS`; several typologies are joined by ``;``. Options:

    - ``actions``: ``"all"`` (the default), or ``"featured"`` for those on the synthesis matrix.
    - ``strategy``: the strategy an axis or an objective belongs to. The rows do not need it,
      but ``turbine render --objective`` passes it, as it does to every renderer.
    """

    name = "actions-csv"
    description = "one CSV row per action, with its effective service level and typologies"
    accepts: tuple[type, ...] = (Strategy, Axis, Objective)
    returns = "text"
    suffixes = (".csv",)

    def render(self, obj: Renderable, /, **options: Any) -> str:
        """The CSV text of the actions of *obj*, header first, lines ending in CRLF (RFC 4180)."""
        unknown = sorted(set(options) - set(_OPTIONS))
        if unknown:
            raise RenderError(
                f"no option {unknown[0]!r}; its options are {', '.join(_OPTIONS)}",
                renderer=self.name,
                option=unknown[0],
            )
        shown = options.get("actions", "all")
        if shown not in {"all", "featured"}:
            raise RenderError(
                f"actions must be 'all' or 'featured', not {shown!r}",
                renderer=self.name,
                option="actions",
            )
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        writer.writerows(
            _row(context) for context in _contexts(obj) if shown == "all" or context.action.featured
        )
        return buffer.getvalue()

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        """Write the CSV text of the actions of *obj* to *path*, atomically, in UTF-8."""
        write_atomic(path, self.render(obj, **options).encode("utf-8"))


def _contexts(obj: Renderable) -> Iterator[ActionContext]:
    """Every action of *obj* with its parents, in document order."""
    if isinstance(obj, Strategy):
        yield from obj.iter_actions()
        return
    axis = obj if isinstance(obj, Axis) else None
    for objective in obj.objectives if isinstance(obj, Axis) else (obj,):
        for meta_action in objective.meta_actions:
            for action in meta_action.actions:
                yield ActionContext(
                    action=action, meta_action=meta_action, objective=objective, axis=axis
                )


def _row(context: ActionContext) -> tuple[str | int, ...]:
    return (
        _text(context.objective.id),
        _text(context.meta_action.id),
        _text(context.action.id),
        _text(context.action.title),
        "true" if context.action.featured else "false",
        context.level,  # a number: never neutralised, so that it stays one
        _text(";".join(context.typologies)),
    )


def _text(value: str) -> str:
    """*value*, after an apostrophe if a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
