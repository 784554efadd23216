"""Renderers: turn a strategy, an axis or an objective into a figure, a page of text, a file.

Renderers are found by name. turbine's own (``matrix``, ``network``, ``text``, ``markdown``,
``summary``, ``json``, ``html``) are declared in the entry-point group ``turbine.renderers``,
exactly as a third-party package declares its own, and :func:`register` adds one at run time (in
a notebook, in a test)::

    >>> import turbine
    >>> from turbine import renderers
    >>> "matrix" in renderers.available()
    True
    >>> strategy = turbine.examples.load("artois")
    >>> print(turbine.render(strategy, "json")[:30])
    {
      "format_version": "1.0",

Each of turbine's renderers is also a typed function, for code that wants its options checked by
mypy: :func:`turbine.plot_matrix` (the matplotlib way, ``ax=None``), :func:`matrix_figures` and
:func:`write_matrix`; :func:`turbine.plot_network`, :func:`network_figure` and
:func:`write_network`; :func:`details_text`, :func:`details_markdown` and :func:`summary_text`;
:func:`to_json`; :func:`matrix_html`. :func:`matrix_table` gives the matrix as data, for a renderer
of your own.

See :class:`Renderer` for what a renderer is, and the documentation's "Write your own renderer".
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from turbine.errors import RenderError
from turbine.renderers._common import Cell, Legend, MatrixTable, Row, ShownActions, matrix_table
from turbine.renderers._html import matrix_html
from turbine.renderers._json import to_json
from turbine.renderers._matrix import (
    Palette,
    level_colours,
    matrix_figures,
    plot_matrix,
    write_matrix,
)
from turbine.renderers._network import network_figure, plot_network, write_network
from turbine.renderers._registry import (
    ENTRY_POINT_GROUP,
    Renderable,
    Renderer,
    RendererRegistry,
    RendererWarning,
    call_with_options,
    default_for_suffix,
    suffix_of,
)
from turbine.renderers._text import details_markdown, details_text, summary_text

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "ENTRY_POINT_GROUP",
    "Cell",
    "Legend",
    "MatrixTable",
    "Palette",
    "Renderable",
    "Renderer",
    "RendererRegistry",
    "RendererWarning",
    "Row",
    "ShownActions",
    "available",
    "call_with_options",
    "details_markdown",
    "details_text",
    "get",
    "level_colours",
    "matrix_figures",
    "matrix_html",
    "matrix_table",
    "network_figure",
    "plot_matrix",
    "plot_network",
    "register",
    "registry",
    "render",
    "summary_text",
    "to_json",
    "unregister",
    "write",
    "write_matrix",
    "write_network",
]

registry = RendererRegistry()
"""The registry that :func:`turbine.render`, :func:`get` and the ``turbine`` command use."""


def register(name: str, renderer: Renderer | type[Renderer]) -> Renderer:
    """Make *renderer* (an instance, or a class to instantiate) available as *name*.

    It replaces any renderer of that name, so a notebook cell can be run again.

    Raises:
        TypeError: *renderer* lacks a member of the :class:`Renderer` protocol, or has one of
            the wrong type (``suffixes`` a text rather than a tuple of suffixes, say).
    """
    return registry.register(name, renderer)  # type: ignore[arg-type]


def unregister(name: str) -> None:
    """Forget a renderer added with :func:`register`."""
    registry.unregister(name)


def get(name: str) -> Renderer:
    """The renderer named *name*.

    Raises:
        RendererNotFoundError: There is none; the error lists those that exist.
    """
    return registry.get(name)


def available() -> Sequence[str]:
    """The names of the installed renderers, sorted.

    Every plugin is imported to check that it loads; one that does not is left out, with a
    :class:`RendererWarning`.
    """
    return registry.names()


def render(obj: Renderable, name: str, /, **options: Any) -> Any:
    """Render a strategy, an axis or an objective with the renderer named *name*.

    The options are the renderer's own (see its page in the documentation); for instance
    ``turbine.render(strategy, "matrix", lang="en")`` returns matplotlib figures and
    ``turbine.render(strategy, "text", width=72)`` a string.

    Raises:
        RendererNotFoundError: No renderer has that name.
        RenderError: The renderer cannot render *obj*, or refuses an option.
    """
    return _render_with(registry.get(name), obj, **options)


def write(
    obj: Renderable, path: str | os.PathLike[str], name: str | None = None, /, **options: Any
) -> None:
    """Render *obj* to the file *path* (atomically), in the format its suffix names.

    Without *name*, the renderer is turbine's own for the suffix (``.png``, ``.svg`` and
    ``.pdf``: ``matrix``; ``.txt``: ``text``; ``.md``: ``markdown``; ``.json``: ``json``;
    ``.html``: ``html``), else the one renderer that writes it.

    Raises:
        RendererNotFoundError: No renderer has that name.
        RenderError: The renderer cannot write that suffix, cannot render *obj*, or refuses an
            option.
        TurbineFileError: The file cannot be written.
    """
    renderer = default_for_suffix(registry, path) if name is None else registry.get(name)
    _write_with(renderer, obj, path, **options)


def _render_with(renderer: Renderer, obj: Renderable, /, **options: Any) -> Any:
    """Render *obj* with a renderer object, as :func:`render` does with a renderer's name.

    For the command line, which has looked the renderer up already, by a name that may not be
    its own (a renderer registered under another name, or by an entry point of another name).
    """
    _check_accepts(renderer, obj)
    return renderer.render(obj, **options)


def _write_with(
    renderer: Renderer, obj: Renderable, path: str | os.PathLike[str], /, **options: Any
) -> None:
    """Write *obj* to *path* with a renderer object, as :func:`write` does with a name."""
    _check_accepts(renderer, obj)
    suffix = suffix_of(path)
    if suffix not in renderer.suffixes:
        raise RenderError(
            f"cannot write {suffix or 'suffix-less'!r} files; it writes "
            f"{', '.join(renderer.suffixes) or 'no files'}",
            renderer=renderer.name,
            path=os.fspath(path),
        )
    renderer.write(obj, path, **options)


def _check_accepts(renderer: Renderer, obj: object) -> None:
    if not isinstance(obj, renderer.accepts):
        names = " or ".join(kind.__name__ for kind in renderer.accepts)
        raise RenderError(f"renders {names}, not {type(obj).__name__}", renderer=renderer.name)
