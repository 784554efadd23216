"""What the matplotlib renderers (``matrix``, ``network``) share: option checks, colours, layout.

matplotlib is imported only when something is checked or drawn.
"""

from __future__ import annotations

import math
import numbers
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypeGuard

from turbine.errors import RenderError
from turbine.model import Objective, Strategy

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matplotlib.figure import Figure

    from turbine.renderers._common import Legend

__all__ = [
    "MAX_PIXELS",
    "TYPOLOGY_FALLBACKS",
    "check_dpi",
    "check_figure_options",
    "check_pixels",
    "layout_pass",
    "typology_colours",
]

# -- options -------------------------------------------------------------------------------------


def check_figure_options(
    renderer: str,
    ax: object,
    figsize: object,
    *,
    smallest: float = 0.0,
    largest: float = 1000.0,
) -> tuple[float, float] | None:
    """Check *ax* and *figsize*; return *figsize* as two floats (any pair of real numbers).

    Raises:
        RenderError: *ax* is not a rectilinear Axes of its own (a polar, 3D or twinned Axes
            cannot keep an equal aspect), or *figsize* is not two sizes in inches, each from
            *smallest* (and above 0) to below *largest*.
    """
    from matplotlib.axes import Axes  # noqa: PLC0415 - only when drawing

    if ax is not None:
        if not isinstance(ax, Axes):
            raise RenderError(
                f"ax must be a matplotlib Axes or None, not {type(ax).__name__}",
                renderer=renderer,
                option="ax",
            )
        if ax.name != "rectilinear":
            raise RenderError(
                f"ax must be a rectilinear Axes, not a {ax.name!r} one",
                renderer=renderer,
                option="ax",
            )
        # matplotlib keeps no public record of twins: a twinx() or twiny() Axes cannot have an
        # equal aspect by resizing its box, and fails when drawn.
        twins = getattr(ax, "_twinned_axes", None)
        if twins is not None and len(twins.get_siblings(ax)) > 1:
            raise RenderError(
                "ax must not be a twinned Axes (twinx, twiny): its box cannot keep an equal aspect",
                renderer=renderer,
                option="ax",
            )
    if figsize is None:
        return None
    sides = [_real(side) for side in figsize] if _is_pair(figsize) else []
    sizes = [side for side in sides if side is not None and 0 < side < largest and side >= smallest]
    if len(sides) != 2 or len(sizes) != 2:
        low = f"at least {smallest:g}" if smallest > 0 else "above 0"
        raise RenderError(
            f"figsize must be None or (width, height) in inches, each {low} and below "
            f"{largest:g}, not {figsize!r}",
            renderer=renderer,
            option="figsize",
        )
    return (sizes[0], sizes[1])


def _is_pair(value: object) -> TypeGuard[Iterable[object]]:
    """Whether *value* may be a pair of sizes: a sequence or a one-dimensional array, no text."""
    if isinstance(value, Sequence):
        return not isinstance(value, str | bytes)
    return hasattr(value, "__array__") and getattr(value, "ndim", None) == 1


def _real(value: object) -> float | None:
    """*value* as a float if it is a real number (numpy's too) but not a bool, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    return float(value)


def check_dpi(renderer: str, dpi: object) -> None:
    """Raise a RenderError naming ``dpi`` unless it is a number from 10 to 1200."""
    value = _real(dpi)
    if value is None or not 10 <= value <= 1200:
        raise RenderError(
            f"dpi must be from 10 to 1200, not {dpi!r}", renderer=renderer, option="dpi"
        )


# Half a gigabyte of RGBA: an A4 page at 600 dpi is 35 million pixels.
MAX_PIXELS = 2**27


def check_pixels(renderer: str, fig: Figure, dpi: float, path: str | os.PathLike[str]) -> None:
    """Raise a RenderError naming ``dpi`` when *fig* at *dpi* is too large a PNG image."""
    width, height = fig.get_size_inches()
    if width * dpi * height * dpi > MAX_PIXELS:
        raise RenderError(
            f"the figure is too large for a PNG image at {dpi} dpi ({width * dpi:.0f} x "
            f"{height * dpi:.0f} pixels): lower the dpi, or write a .pdf or .svg",
            renderer=renderer,
            option="dpi",
            path=os.fspath(path),
        )


# -- colours -------------------------------------------------------------------------------------

# Colours for typologies a document leaves uncoloured, in this order: the rest of Okabe and Ito's
# colour-blind-safe set after the four the Turbine's typologies take, then those four, then
# tab10's. Never black nor grey: they would read as the network's ties and size keys. A colour
# another typology has is skipped.
TYPOLOGY_FALLBACKS = (
    "#56b4e9",
    "#d55e00",
    "#f0e442",
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
)


def typology_colours(legend: Legend, *sources: Strategy | Objective) -> dict[str, str]:
    """Each typology's colour, by id, as ``#rrggbb``: the same in every renderer.

    A typology of *legend* keeps its own colour when it has one that shows (not transparent).
    The others, the legend's first, then those that *sources* name without the legend
    declaring them (in document order: meta-actions and actions, then actors), take the
    :data:`TYPOLOGY_FALLBACKS` no other typology has, in order.
    """
    ids = dict.fromkeys(typology.id for typology in legend.typologies)
    ids.update(dict.fromkeys(_named_typologies(sources)))
    own: dict[str, str] = {}
    for typology in legend.typologies:
        colour = _opaque(typology.color)
        if colour is not None:
            own.setdefault(typology.id, colour)
    taken = set(own.values())
    spare = iter([c for c in TYPOLOGY_FALLBACKS if c not in taken])
    colours: dict[str, str] = {}
    for index, id_ in enumerate(ids):
        colour = own.get(id_) or next(spare, None)
        colours[id_] = colour or TYPOLOGY_FALLBACKS[index % len(TYPOLOGY_FALLBACKS)]
    return colours


def _named_typologies(sources: tuple[Strategy | Objective, ...]) -> Iterator[str]:
    for source in sources:
        objectives = (
            [o for o, _ in source.iter_objectives()] if isinstance(source, Strategy) else [source]
        )
        for objective in objectives:
            for meta_action in objective.meta_actions:
                yield from meta_action.typologies
                for action in meta_action.actions:
                    yield from action.typologies or ()
        if isinstance(source, Strategy):
            yield from (actor.typology for actor in source.actors)


def _opaque(colour: object) -> str | None:
    """*colour* as an opaque ``#rrggbb``, or ``None`` if it is no colour or a transparent one."""
    from matplotlib.colors import is_color_like, to_hex, to_rgba  # noqa: PLC0415

    if not (isinstance(colour, str) and is_color_like(colour)) or to_rgba(colour)[3] == 0:
        return None
    return to_hex(colour)


# -- layout --------------------------------------------------------------------------------------

# A layout pass measures texts with a raster as large as the figure (constrained layout asks the
# canvas for one, whatever the format to be written): past this many pixels, it is drawn at a
# lower resolution (layouts are in inches and points, whatever the resolution); but never below
# the resolution at which FreeType can still size an 8-point font.
_LAYOUT_PIXELS = 2**23
_LAYOUT_DPI = 12.0


def layout_pass(fig: Figure) -> bool:
    """Draw *fig* without output: its layout engine, and what follows it, run as when saving.

    The pass is drawn at a resolution low enough for its raster to stay small (a figure of 150
    inches square at 100 dpi takes a gigabyte, even to be written as a PDF). Constrained
    layout's warning that the figure is too small for its Axes is not shown: the figure is
    drawn as it can be, and ``False`` is returned.
    """
    width, height = fig.get_size_inches()
    dpi = fig.dpi
    low = min(dpi, max(math.sqrt(_LAYOUT_PIXELS / max(width * height, 1e-6)), _LAYOUT_DPI))
    canvas = fig.canvas
    manager = canvas.manager
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings("always", _COLLAPSED, UserWarning)
        if low >= dpi:
            fig.draw_without_rendering()
        else:
            # As savefig does: no window to resize while the resolution changes.
            canvas.manager = None
            try:
                fig.set_dpi(low)
                fig.draw_without_rendering()
            finally:
                fig.set_dpi(dpi)
                canvas.manager = manager
    collapsed = False
    for warning in caught:
        if issubclass(warning.category, UserWarning) and re.match(_COLLAPSED, str(warning.message)):
            collapsed = True
        else:  # recorded with the others: shown as they would have been
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return not collapsed


_COLLAPSED = "constrained_layout not applied"
