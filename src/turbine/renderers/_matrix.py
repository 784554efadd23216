"""The ``matrix`` renderer: the Turbine's synthesis matrix, drawn with matplotlib.

For each objective, the meta-actions (with the actions shown under them) are the rows, the actor
typologies are the columns, and a cell is filled where a typology carries the row, in the colour
of its service level with the level's number inside (a second cue for colour-blind readers and
greyscale prints). Below, the two-level legend of the seed: *les acteurs de la Turbine* (the
typologies) and *les services de la Turbine* (the levels).

The figure is laid out in points before anything is drawn: every text is wrapped by its measured
width, so nothing overlaps or leaves the figure, and the figure's height follows its content
(its width is an A4 page's). Drawn into an existing Axes, the whole figure is scaled to fit it.
matplotlib is imported only when something is drawn.
"""

from __future__ import annotations

import functools
import io
import os
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, cast

from attrs import field, frozen

from turbine.errors import RenderError
from turbine.io import write_atomic
from turbine.model import ActorTypology, Axis, Objective, ServiceLevel, Strategy
from turbine.renderers._common import (
    Legend,
    MatrixTable,
    ShownActions,
    check_actions,
    check_lang,
    check_model,
    matrix_table,
    objectives_of,
)
from turbine.renderers._mpl import (
    check_dpi,
    check_figure_options,
    check_pixels,
    typology_colours,
)
from turbine.renderers._registry import Renderable, call_with_options, suffix_of

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["MatrixRenderer", "layout_matrix", "plot_matrix"]

_NAME = "matrix"

Palette = Mapping[int, str] | str | None
"""Service-level colours: the document's (``None``), a named scheme, or colours by level code."""

_WORDS = {
    "fr": {
        "actors": "Les acteurs de la Turbine",
        "services": "Les services de la Turbine",
        "level": "Niveau {code}",
        "featured": "★ action présentée sur la synthèse",
        "source": "Source : {source}",
    },
    "en": {
        "actors": "The Turbine's actors",
        "services": "The Turbine's services",
        "level": "Level {code}",
        "featured": "★ action shown on the synthesis",
        "source": "Source: {source}",
    },
}

# The Turbine's colours, light to dark: distinct in hue for colour-blind readers and in
# lightness for greyscale prints. Levels a document leaves uncoloured take these by rank.
_TURBINE_COLOURS = ("#f6e8a6", "#3e9e8f", "#2d2a6e")
_GREYS = ("#e6e6e6", "#969696", "#3a3a3a")
_HATCHES = ("", "////", "xxxx", "....", "\\\\\\\\", "++++")

_BULLET = "\N{EN DASH} "
_STAR = "\N{BLACK STAR} "
_INK = "#1a1a1a"
_MUTED = "#5c5c5c"
_RULE = "#b8b8b8"
_CHECKER = "#eef0f3"
_PAPER = "white"
# Hatch lines, half-transparent in the ink that contrasts with the fill.
_HATCH_INK = {_INK: "#1a1a1a80", "white": "#ffffff99"}


@frozen(kw_only=True)
class _Style:
    """Sizes in points; the defaults make an A4-wide figure readable when printed."""

    margin: float = 20.0
    text_width: float = 280.0
    gap: float = 10.0
    column_width: float = 66.0
    cell: float = 22.0
    action_cell: float = 13.0
    pad: float = 5.0
    kicker_size: float = 8.5
    title_size: float = 15.0
    header_size: float = 7.5
    meta_size: float = 9.5
    action_size: float = 8.0
    legend_title_size: float = 9.0
    legend_size: float = 8.0
    source_size: float = 6.5
    cell_number_size: float = 9.0
    action_number_size: float = 6.5
    linespacing: float = 1.25


_STYLE = _Style()


# -- measuring text ------------------------------------------------------------------------------


# The font that comes with matplotlib, last in every family list: it has turbine's own signs
# (the star, dashes, guillemets) whatever font the rcParams choose, and matplotlib falls back
# to it glyph by glyph.
_FALLBACK_FAMILY = "DejaVu Sans"


def _families() -> tuple[str, ...]:
    """The font families to draw with: rcParams["font.family"], then the fallback."""
    import matplotlib as mpl  # noqa: PLC0415 - only when drawing
    from matplotlib.font_manager import FontProperties, findfont  # noqa: PLC0415

    families = mpl.rcParams["font.family"]
    families = [families] if isinstance(families, str) else list(families)
    # findfont caches its answers: this costs a dictionary lookup per family.
    chosen = {findfont(FontProperties(family=[family])) for family in families}
    if findfont(FontProperties(family=[_FALLBACK_FAMILY])) in chosen:
        return tuple(families)
    return (*families, _FALLBACK_FAMILY)


def _properties(size: float, weight: str) -> Any:
    """The FontProperties that both measure and draw a text of that size and weight."""
    from matplotlib.font_manager import FontProperties  # noqa: PLC0415 - only when drawing

    return FontProperties(family=list(_families()), size=size, weight=weight)


@frozen
class _Font:
    """A font at a size, measuring text the way matplotlib lays it out, but fast.

    Wrapping a page measures thousands of words, and matplotlib takes about 0.25 ms for each
    measurement: the advance of each character is measured once per font file, then summed.
    """

    advances: dict[str, float]
    size: float
    weight: str

    def width(self, text: str) -> float:
        """An upper bound of the width of *text* on one line, in points."""
        from matplotlib.textpath import text_to_path  # noqa: PLC0415 - only when drawing

        advances = self.advances
        total = 0.0
        for char in text:
            advance = advances.get(char)
            if advance is None:
                prop = _properties(100, self.weight)
                measured, _, _ = text_to_path.get_text_width_height_descent(char, prop, False)  # noqa: FBT003
                advance = advances[char] = measured / 100
            total += advance
        # Kerning only ever narrows a line, and hinting moves it by a fraction of a point: a
        # little slack keeps the sum an upper bound.
        return total * self.size * 1.02


_ADVANCES: dict[tuple[tuple[str, ...], str], dict[str, float]] = {}


def _font(size: float, weight: str = "normal") -> _Font:
    from matplotlib.font_manager import FontProperties, findfont  # noqa: PLC0415

    # Keyed by the font files, so that a change of rcParams["font.family"] is measured anew.
    paths = tuple(findfont(FontProperties(family=[f], weight=weight)) for f in _families())
    advances = _ADVANCES.setdefault((paths, weight), {})
    return _Font(advances, size, weight)


# Spaces that do not break a line: French puts them before ":", ";", "?", "!" and inside « ».
_NO_BREAK = "\u00a0\u2007\u202f"
_BREAKS = re.compile(f"[^\\S{_NO_BREAK}]+")
_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def _drawable(text: str) -> str:
    """*text* as every backend can draw it, and an SVG or PDF file hold it.

    Format characters (soft hyphens, joiners, bidirectional marks, byte order marks) are
    invisible, and matplotlib does not apply them: they are left out (the PDF backend fails on
    some). Controls, lone surrogates and unassigned code points, which no font draws and XML
    cannot hold, become U+FFFD, as a browser shows them. Spaces are left to the wrap.
    """
    if text.isprintable():
        return text
    kept = []
    for char in text:
        if char.isspace():
            kept.append(char)
            continue
        category = unicodedata.category(char)
        if category != "Cf":
            kept.append(_REPLACEMENT if category in {"Cc", "Cs", "Cn"} else char)
    return "".join(kept)


def _xml_id(gid: str | None) -> str | None:
    """*gid* as an SVG element id can hold it: controls and non-characters become U+FFFD."""
    if gid is None or gid.isprintable():
        return gid
    return "".join(
        _REPLACEMENT if unicodedata.category(char) in {"Cc", "Cs", "Cn"} else char for char in gid
    )


def _wrap(text: str, width: float, font: _Font, *, indent: str = "") -> list[str]:
    """Greedy word wrap by measured width; a word too long for a line is cut.

    Lines after the first start with *indent*, which counts in their width. Lines break at
    spaces, never at no-break spaces; what cannot be drawn is replaced (see :func:`_drawable`).
    """
    text = _drawable(text)
    words = _BREAKS.split(text) if any(c in text for c in _NO_BREAK) else text.split()
    space = font.width(" ")
    indent_width = font.width(indent)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0

    def room() -> float:
        return width - (indent_width if lines else 0.0)

    for word in filter(None, words):
        word_width = font.width(word)
        if current and used + space + word_width <= room():
            current.append(word)
            used += space + word_width
            continue
        if current:
            lines.append(" ".join(current))
        while word_width > room() and len(word) > 1:
            cut = _fit(word, room(), font)
            lines.append(word[:cut])
            word = word[cut:]  # noqa: PLW2901 - the rest of the word goes on
            word_width = font.width(word)
        current, used = [word], word_width
    lines.append(" ".join(current))
    return [lines[0], *(indent + line for line in lines[1:])]


def _fit(word: str, width: float, font: _Font) -> int:
    """How many leading characters of *word* fit in *width* (at least one)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.width(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


# -- the layout ----------------------------------------------------------------------------------


@frozen(kw_only=True)
class TextItem:
    """A block of text to draw: its top-left corner (or top-centre) in points, from the top."""

    x: float
    y: float
    text: str
    size: float
    lines: int
    weight: str = "normal"
    color: str = _INK
    ha: Literal["left", "center"] = "left"
    background: str | None = None
    gid: str | None = None

    @property
    def height(self) -> float:
        """The height of the block, as matplotlib lays it out."""
        return self.lines * self.size * _STYLE.linespacing


@frozen(kw_only=True)
class BoxItem:
    """A rectangle to draw: top-left corner and size in points, from the top."""

    x: float
    y: float
    width: float
    height: float
    facecolor: str
    edgecolor: str = "none"
    linewidth: float = 0.0
    hatch: str = ""
    gid: str | None = None
    zorder: float = 1.0


@frozen(kw_only=True)
class MatrixLayout:
    """A matrix laid out in points, from the top left: what :func:`turbine.plot_matrix` draws.

    Attributes:
        table: The matrix as data.
        width: The width of the whole figure, in points.
        height: Its height, in points.
        texts: The texts to draw.
        boxes: The rectangles to draw: checkerboard, filled cells, colour keys, rules.
    """

    table: MatrixTable
    width: float
    height: float
    texts: tuple[TextItem, ...] = field(factory=tuple)
    boxes: tuple[BoxItem, ...] = field(factory=tuple)


def _luminance(colour: str) -> float:
    from matplotlib.colors import to_rgb  # noqa: PLC0415 - only when drawing

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in to_rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _darker(colour: str, factor: float = 0.62) -> str:
    from matplotlib.colors import to_hex, to_rgb  # noqa: PLC0415 - only when drawing

    red, green, blue = to_rgb(colour)
    return to_hex((red * factor, green * factor, blue * factor))


def _ink_on(colour: str) -> str:
    # Black or white, whichever contrasts more with the fill (WCAG's relative luminance).
    luminance = _luminance(colour)
    return _INK if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "white"


def _colour_or(colour: str | None, fallback: str) -> str:
    from matplotlib.colors import is_color_like  # noqa: PLC0415 - only when drawing

    return colour if isinstance(colour, str) and is_color_like(colour) else fallback


def level_colours(levels: Sequence[ServiceLevel], palette: Palette = None) -> dict[int, str]:
    """The fill colour of each service level, by code.

    Args:
        levels: The levels, by code.
        palette: ``None`` for each level's own colour (the Turbine's colour for its code, for
            a level without one); ``"turbine"`` for the Turbine's colours; ``"greys"`` for
            greyscale; the name of a matplotlib colormap, sampled light to dark; or a mapping
            from level code to colour.

    Raises:
        RenderError: The palette is not one of these, or names an invalid colour.
    """
    from matplotlib import colormaps  # noqa: PLC0415 - only when drawing
    from matplotlib.colors import is_color_like, to_hex  # noqa: PLC0415

    ranked = sorted(levels, key=lambda level: level.code)
    # The Turbine's three levels keep their place on the scale whichever of them a document
    # defines: a strategy of level-3 projects only is drawn in level 3's colour, not level 1's.
    # Other codes are spread over the scale by rank.
    canonical = all(level.code in {1, 2, 3} for level in ranked)
    count = 3 if canonical else len(ranked)
    slot = {level.code: level.code - 1 if canonical else rank for rank, level in enumerate(ranked)}

    def scheme(colours: Sequence[str], code: int) -> str:
        if count <= len(colours):
            return colours[slot[code]]
        # More levels than the scheme has colours: spread them from light to dark.
        cmap = colormaps["cividis_r"] if colours is _TURBINE_COLOURS else colormaps["Greys"]
        return to_hex(cmap(0.12 + 0.8 * slot[code] / max(count - 1, 1)))

    if palette is None or palette == "turbine":
        own = palette is None
        chosen = {
            level.code: _colour_or(
                level.color if own else None, scheme(_TURBINE_COLOURS, level.code)
            )
            for level in ranked
        }
    elif palette == "greys":
        chosen = {level.code: scheme(_GREYS, level.code) for level in ranked}
    elif isinstance(palette, str):
        if palette not in colormaps:
            raise RenderError(
                f"palette must be None, 'turbine', 'greys', a matplotlib colormap or a mapping "
                f"from level code to colour, not {palette!r}",
                renderer=_NAME,
                option="palette",
            )
        cmap = colormaps[palette]
        chosen = {
            level.code: to_hex(cmap(0.15 + 0.7 * slot[level.code] / max(count - 1, 1)))
            for level in ranked
        }
    elif isinstance(palette, Mapping):
        fallback = level_colours(levels)
        chosen = {level.code: palette.get(level.code, fallback[level.code]) for level in ranked}
    else:
        raise RenderError(
            f"palette must be None, a name or a mapping, not {type(palette).__name__}",
            renderer=_NAME,
            option="palette",
        )
    for code, colour in chosen.items():
        # A mapping from the caller may hold anything, whatever its annotation says.
        if not (isinstance(colour, str) and is_color_like(colour)):  # type: ignore[redundant-expr]
            raise RenderError(
                f"the colour of level {code} is not a colour: {colour!r}",
                renderer=_NAME,
                option="palette",
            )
    return {code: to_hex(colour) for code, colour in chosen.items()}


def layout_matrix(
    objective: Objective,
    *,
    strategy: Strategy | None = None,
    axis: Axis | None = None,
    lang: str = "fr",
    actions: ShownActions = "featured",
    palette: Palette = None,
    hatch: bool = False,
) -> MatrixLayout:
    """Lay out the matrix of *objective* in points, without drawing anything.

    The arguments are those of :func:`turbine.plot_matrix`.
    """
    check_lang(_NAME, lang)
    check_actions(_NAME, actions)
    if not isinstance(hatch, bool):
        raise RenderError(
            f"hatch must be True or False, not {hatch!r}", renderer=_NAME, option="hatch"
        )
    legend = Legend.of(strategy)
    table = matrix_table(objective, axis=axis, legend=legend, actions=actions)
    levels = {level.code: level for level in (*table.levels, *_used_levels(table, legend))}
    page = _Page(
        table=table,
        legend=legend,
        # The network's colours too: a typology the strategy leaves uncoloured, or does not
        # declare, has the same colour in both.
        typology_colours=typology_colours(
            legend, *(source for source in (strategy, objective) if source is not None)
        ),
        words=_WORDS[lang],
        lang=lang,
        colours=level_colours(tuple(levels.values()), palette),
        hatch=hatch,
        all_actions=actions == "all",
    )
    y = page.title(_STYLE.margin, strategy, axis)
    y = page.headers(y)
    y = page.rows(y)
    y = page.legend(y + 16)
    if strategy is not None and strategy.provenance is not None:
        source = page.words["source"].format(source=strategy.provenance.source)
        y += (
            page.text(
                _STYLE.margin,
                y + 4,
                source,
                _STYLE.source_size,
                page.content,
                color=_MUTED,
                gid="source",
            ).height
            + 4
        )
    return MatrixLayout(
        table=table,
        width=page.width,
        height=y + _STYLE.margin,
        texts=tuple(page.texts),
        boxes=tuple(page.boxes),
    )


class _Page:
    """Lays out one matrix top to bottom, collecting what to draw; each step returns the new y."""

    def __init__(
        self,
        *,
        table: MatrixTable,
        legend: Legend,
        typology_colours: Mapping[str, str],
        words: Mapping[str, str],
        lang: str,
        colours: Mapping[int, str],
        hatch: bool,
        all_actions: bool,
    ) -> None:
        style = _STYLE
        self.table = table
        self.legend_of = legend
        self.typology_colours = typology_colours
        self.words = words
        self.lang = lang
        self.colours = colours
        self.ranks = {code: rank for rank, code in enumerate(sorted(colours))}
        self.hatch = hatch
        self.all_actions = all_actions
        self.grid_x = style.margin + style.text_width + style.gap
        self.width = self.grid_x + len(table.columns) * style.column_width + style.margin
        self.content = self.width - 2 * style.margin
        self.texts: list[TextItem] = []
        self.boxes: list[BoxItem] = []

    def text(
        self,
        x: float,
        y: float,
        body: str,
        size: float,
        width: float,
        *,
        weight: str = "normal",
        color: str = _INK,
        ha: Literal["left", "center"] = "left",
        gid: str | None = None,
        indent: str = "",
    ) -> TextItem:
        """Add *body*, wrapped to *width*, with its top at *y*."""
        lines = _wrap(body, width, _font(size, weight), indent=indent)
        item = TextItem(
            x=x,
            y=y,
            text="\n".join(lines),
            size=size,
            lines=len(lines),
            weight=weight,
            color=color,
            ha=ha,
            gid=gid,
        )
        self.texts.append(item)
        return item

    def typology_colour(self, typology: ActorTypology) -> str:
        """The typology's colour (see :func:`~turbine.renderers._mpl.typology_colours`)."""
        return self.typology_colours[typology.id]

    def swatch(
        self, x: float, y: float, size: tuple[float, float], code: int, *, gid: str, number: float
    ) -> None:
        """A box in the colour of level *code*, with its number (and hatch) as second cues."""
        width, height = size
        fill = self.colours[code]
        ink = _ink_on(fill)
        label, number = _fitted_number(code, width, number)
        self.boxes.append(
            BoxItem(
                x=x,
                y=y,
                width=width,
                height=height,
                facecolor=fill,
                # A darker outline keeps a light cell apart from the checkerboard behind it,
                # in greyscale too (level 1's yellow is as light as the grey).
                edgecolor=_HATCH_INK[ink] if self.hatch else _darker(fill),
                linewidth=0.75,
                hatch=_HATCHES[self.ranks[code] % len(_HATCHES)] if self.hatch else "",
                gid=gid,
                zorder=2.0,
            )
        )
        self.texts.append(
            TextItem(
                x=x + width / 2,
                y=y + height / 2 - number * _STYLE.linespacing / 2,
                text=label,
                size=number,
                lines=1,
                weight="bold",
                color=ink,
                ha="center",
                # Over a hatch, the number sits on a patch of plain colour.
                background=fill if self.hatch else None,
                gid=gid.replace(":", "-level:", 1),
            )
        )

    def title(self, y: float, strategy: Strategy | None, axis: Axis | None) -> float:
        """The strategy, territory and axis on one small line, then the objective's title."""
        style = _STYLE
        parts = (
            strategy.title if strategy else None,
            strategy.territory.name if strategy else None,
            axis.title if axis else None,
        )
        kicker = " · ".join(part for part in parts if part)
        if kicker:
            y += (
                self.text(
                    style.margin,
                    y,
                    kicker,
                    style.kicker_size,
                    self.content,
                    color=_MUTED,
                    gid="kicker",
                ).height
                + 3
            )
        item = self.text(
            style.margin,
            y,
            self.table.objective.title,
            style.title_size,
            self.content,
            weight="bold",
            gid="title",
        )
        return y + item.height + 12

    def headers(self, y: float) -> float:
        """The typologies' names, bottom-aligned over a key in each typology's colour."""
        style = _STYLE
        font = _font(style.header_size)
        wrapped = [
            _wrap(t.label.text(self.lang), style.column_width - 6, font) for t in self.table.columns
        ]
        line = style.header_size * style.linespacing
        height = max((len(lines) for lines in wrapped), default=1) * line
        for index, (typology, lines) in enumerate(zip(self.table.columns, wrapped, strict=True)):
            self.texts.append(
                TextItem(
                    x=self.grid_x + (index + 0.5) * style.column_width,
                    y=y + height - len(lines) * line,
                    text="\n".join(lines),
                    size=style.header_size,
                    lines=len(lines),
                    ha="center",
                    gid=f"header:{typology.id}",
                )
            )
            self.boxes.append(
                BoxItem(
                    x=self.grid_x + index * style.column_width + 4,
                    y=y + height + 3,
                    width=style.column_width - 8,
                    height=3,
                    facecolor=self.typology_colour(typology),
                    gid=f"typology-key:{typology.id}",
                )
            )
        return y + height + 8

    def rows(self, y: float) -> float:
        """Each meta-action, its actions under it, their cells; the checkerboard behind."""
        style = _STYLE
        column = {t.id: i for i, t in reversed(list(enumerate(self.table.columns)))}
        blocks: list[list[float]] = []
        self.boxes.append(
            BoxItem(
                x=style.margin,
                y=y - 0.4,
                width=self.content,
                height=0.8,
                facecolor=_INK,
                zorder=0.6,
            )
        )
        for row in self.table.rows:
            if row.kind == "meta-action":
                if blocks:
                    blocks[-1].append(y)
                blocks.append([y])
                y += style.pad + 2
                size, weight, cell, number = (
                    style.meta_size,
                    "bold",
                    style.cell,
                    style.cell_number_size,
                )
                body, indent, color = row.title, "", _INK
            else:
                size, weight, cell, number = (
                    style.action_size,
                    "normal",
                    style.action_cell,
                    style.action_number_size,
                )
                mark = _STAR if self.all_actions and row.featured else _BULLET
                body, indent, color = mark + row.title, "   ", _INK if row.featured else _MUTED
                y += 1
            lines = _wrap(body, style.text_width, _font(size, weight), indent=indent)
            text_height = len(lines) * size * style.linespacing
            height = max(text_height, cell if row.cells else 0.0)
            self.texts.append(
                TextItem(
                    x=style.margin,
                    y=y + (height - text_height) / 2,
                    text="\n".join(lines),
                    size=size,
                    lines=len(lines),
                    weight=weight,
                    color=color,
                    gid=f"{row.kind}:{row.id}",
                )
            )
            for filled in row.cells:
                centre = self.grid_x + (column[filled.typology] + 0.5) * style.column_width
                self.swatch(
                    centre - cell / 2,
                    y + (height - cell) / 2,
                    (cell, cell),
                    filled.level,
                    gid=f"cell:{row.id}:{filled.typology}",
                    number=number,
                )
            y += height + (style.pad if row.kind == "meta-action" else 2.0)
        if blocks:
            y += style.pad
            blocks[-1].append(y)
        # The checkerboard (damier) behind the cells, and a rule under each meta-action.
        for index, (top, bottom) in enumerate(blocks):
            self.boxes.extend(
                BoxItem(
                    x=self.grid_x + column * style.column_width,
                    y=top,
                    width=style.column_width,
                    height=bottom - top,
                    facecolor=_CHECKER,
                    zorder=0.5,
                )
                for column in range(len(self.table.columns))
                if (index + column) % 2 == 0
            )
            self.boxes.append(
                BoxItem(
                    x=style.margin,
                    y=bottom - 0.25,
                    width=self.content,
                    height=0.5,
                    facecolor=_RULE,
                    zorder=0.6,
                )
            )
        return y

    def legend(self, y: float) -> float:
        """The two-level legend: who carries (typologies) beside which service (levels)."""
        style = _STYLE
        half = (self.content - 20) / 2
        left_x, right_x = style.margin, style.margin + half + 20
        heading = self.text(
            left_x,
            y,
            self.words["actors"],
            style.legend_title_size,
            half,
            weight="bold",
            gid="legend:actors",
        )
        left_y = y + heading.height + 4
        key = 9.0
        for typology in self.table.columns:
            self.boxes.append(
                BoxItem(
                    x=left_x,
                    y=left_y + 1,
                    width=key,
                    height=key,
                    facecolor=self.typology_colour(typology),
                    gid=f"legend-key:typology:{typology.id}",
                )
            )
            item = self.text(
                left_x + key + 6,
                left_y,
                typology.label.text(self.lang),
                style.legend_size,
                half - key - 6,
                gid=f"legend:typology:{typology.id}",
            )
            left_y += max(item.height, key + 2) + 3
        heading = self.text(
            right_x,
            y,
            self.words["services"],
            style.legend_title_size,
            half,
            weight="bold",
            gid="legend:services",
        )
        right_y = y + heading.height + 4
        swatch_width, swatch_height = 20.0, 13.0
        for code in sorted(self.colours):
            self.swatch(
                right_x,
                right_y,
                (swatch_width, swatch_height),
                code,
                gid=f"legend-key:{code}",
                number=style.legend_size,
            )
            name = self.legend_of.level(code).label.text(self.lang)
            label = f"{self.words['level'].format(code=code)} · {name}"
            item = self.text(
                right_x + swatch_width + 6,
                right_y,
                label,
                style.legend_size,
                half - swatch_width - 6,
                gid=f"legend:level:{code}",
            )
            right_y += max(item.height, swatch_height) + 4
        if self.all_actions and any(
            row.featured for row in self.table.rows if row.kind == "action"
        ):
            right_y += (
                self.text(
                    right_x,
                    right_y + 2,
                    self.words["featured"],
                    style.legend_size,
                    half,
                    color=_MUTED,
                ).height
                + 2
            )
        return max(left_y, right_y) + 6


# Below this size, a level's number is not read but guessed: an ellipsis says there is one.
_MIN_NUMBER_SIZE = 4.0


def _fitted_number(code: int, width: float, size: float) -> tuple[str, float]:
    """The text and size of *code*'s number in a box *width* wide: smaller if need be.

    The Turbine's codes (1 to 99) keep their size; a code the format refuses (100 and above,
    which a model built in Python may hold) shrinks to fit, or is an ellipsis.
    """
    label = str(code)
    room = width - 2
    measured = _font(size, "bold").width(label)
    if measured <= room:
        return label, size
    fitted = size * room / measured
    if fitted >= _MIN_NUMBER_SIZE:
        return label, fitted
    return "\N{HORIZONTAL ELLIPSIS}", min(size, room)


def _used_levels(table: MatrixTable, legend: Legend) -> Iterator[ServiceLevel]:
    # Levels the cells use that the legend does not define still need a colour and a key.
    known = {level.code for level in table.levels}
    for _, cell in table.cells:
        if cell.level not in known:
            known.add(cell.level)
            yield legend.level(cell.level)


# -- drawing -------------------------------------------------------------------------------------


def _draw(layout: MatrixLayout, ax: Axes, scale: float) -> None:
    from matplotlib.collections import PatchCollection  # noqa: PLC0415 - only when drawing
    from matplotlib.patches import Rectangle  # noqa: PLC0415
    from matplotlib.text import Text  # noqa: PLC0415

    ax.set_xlim(0, layout.width)
    ax.set_ylim(layout.height, 0)
    # The box, not the limits, gives way to the aspect: the layout keeps its exact limits.
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    # Artists are added with add_artist, not add_patch: the limits are set above, and updating
    # them from each patch costs a third of the drawing. Nothing is clipped: the layout fits.
    # Boxes without an id (checkerboard, rules) share one collection; the others stay
    # separate artists, so that their id reaches the SVG and tests can find them.
    plain = [box for box in layout.boxes if box.gid is None and not box.hatch]
    for zorder in sorted({box.zorder for box in plain}):
        layer = [box for box in plain if box.zorder == zorder]
        ax.add_artist(
            PatchCollection(
                [Rectangle((box.x, box.y), box.width, box.height) for box in layer],
                facecolors=[box.facecolor for box in layer],
                edgecolors="none",
                linewidths=0,
                zorder=zorder,
                clip_on=False,
            )
        )
    for box in layout.boxes:
        if box.gid is None and not box.hatch:
            continue
        ax.add_artist(
            Rectangle(
                (box.x, box.y),
                box.width,
                box.height,
                facecolor=box.facecolor,
                edgecolor=box.edgecolor,
                linewidth=box.linewidth * scale,
                hatch=box.hatch or None,
                gid=_xml_id(box.gid),
                zorder=box.zorder,
                clip_on=False,
            )
        )
    fonts: dict[tuple[float, str], Any] = {}
    sized: list[tuple[Text, float]] = []
    for item in layout.texts:
        key = (item.size * scale, item.weight)
        font = fonts.get(key) or fonts.setdefault(key, _properties(*key))
        text = Text(
            item.x,
            item.y,
            item.text,
            fontproperties=font,
            color=item.color,
            horizontalalignment=item.ha,
            verticalalignment="top",
            multialignment=item.ha,
            linespacing=_STYLE.linespacing,
            # Content is text, never TeX or mathtext: "$5M to $10M" stays as written.
            parse_math=False,
            usetex=False,
            bbox=None
            if item.background is None
            else {
                "boxstyle": "square,pad=0.15",
                "facecolor": item.background,
                "edgecolor": "none",
            },
            gid=_xml_id(item.gid),
            zorder=3,
            clip_on=False,
        )
        ax.add_artist(text)
        sized.append((text, item.size))
    ax.add_artist(_text_sizer(layout, sized))


def _text_sizer(layout: MatrixLayout, texts: list[tuple[Text, float]]) -> Artist:
    """An invisible artist, drawn first, that sizes the texts to the Axes as it is then.

    Texts are sized in points, the rest in data units: when a layout engine (constrained
    layout, subfigures), a resized window or ``set_size_inches`` changes the Axes after
    :func:`turbine.plot_matrix`, the texts must follow, or they overflow the cells they label.
    """
    from matplotlib.artist import Artist  # noqa: PLC0415 - only when drawing

    sizer = Artist()
    sizer.set_zorder(-1)  # before everything else in the Axes
    sizer.set_in_layout(False)
    # An attribute, not a subclass: the figure still pickles (a module-level function does).
    sizer.draw = functools.partial(_size_texts, layout, sizer, texts)  # type: ignore[method-assign]
    return sizer


def _size_texts(
    layout: MatrixLayout, sizer: Artist, texts: list[tuple[Text, float]], _renderer: object
) -> None:
    if sizer.axes is None:  # removed from its Axes
        return
    scale = _scale_of(layout, cast("Axes", sizer.axes))
    if scale > 0:
        for text, size in texts:
            text.set_fontsize(size * scale)


def _scale_of(layout: MatrixLayout, ax: Axes) -> float:
    """How much the layout is scaled to fit *ax* (its box is in pixels; the layout in points)."""
    dpi = ax.figure.dpi  # that of a subfigure's parent, or of savefig
    width, height = ax.bbox.width * 72 / dpi, ax.bbox.height * 72 / dpi
    return min(width / layout.width, height / layout.height)


def _prepare(
    obj: Objective | Strategy,
    strategy: Strategy | None,
    objective: str | None,
) -> tuple[Objective, Strategy | None, Axis | None]:
    if isinstance(obj, Strategy):
        strategy = obj
        check_model(_NAME, obj)  # before the lookup, which needs ids that are texts
        if objective is not None:
            found = obj.objective(objective)
        else:
            pairs = list(obj.iter_objectives())
            if len(pairs) != 1:
                raise RenderError(
                    f"the strategy has {len(pairs)} objectives and one matrix is drawn at a time:"
                    " name one with objective=",
                    renderer=_NAME,
                    option="objective",
                )
            found = pairs[0][0]
    elif isinstance(obj, Objective):
        found = obj
    else:
        raise RenderError(
            f"plot_matrix draws an Objective, or a Strategy's objective, not {type(obj).__name__}",
            renderer=_NAME,
        )
    axis = objectives_of(_NAME, found, strategy)[0][1]
    return found, strategy, axis


def plot_matrix(
    obj: Objective | Strategy,
    /,
    *,
    ax: Axes | None = None,
    strategy: Strategy | None = None,
    objective: str | None = None,
    lang: str = "fr",
    actions: ShownActions = "featured",
    palette: Palette = None,
    hatch: bool = False,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw the Turbine matrix of an objective, in the matplotlib way.

    >>> import turbine
    >>> ax = turbine.plot_matrix(turbine.examples.load("artois"), lang="en")
    >>> ax.figure.savefig(io.BytesIO(), format="png")

    Args:
        obj: An objective, or a strategy (with one objective, or *objective* naming one).
        ax: The Axes to draw into; the figure is scaled to fit it, keeping its proportions.
            ``None`` makes a new figure of its natural size (A4 wide, as tall as its content).
        strategy: The strategy *obj* belongs to, for its typologies, levels and title.
            Without it, turbine's canonical typologies and levels are used.
        objective: The id of the objective to draw, when *obj* is a strategy.
        lang: The language of turbine's words: headers, legend (``"fr"`` or ``"en"``). The
            content stays in its own language.
        actions: The actions listed under each meta-action: ``"featured"`` (those drawn on the
            synthesis), ``"all"`` or ``"none"``.
        palette: The level colours: ``None`` (the document's), ``"turbine"``, ``"greys"``, a
            matplotlib colormap name, or a mapping from level code to colour.
        hatch: Hatch the cells by level too, for prints where even the numbers may be missed.
        figsize: The size of a new figure, in inches; the matrix is scaled to fit.

    Returns:
        The Axes it drew into. The patches and texts carry ids (``gid``) naming what they show:
        ``cell:ROW:TYPOLOGY``, ``header:TYPOLOGY``, ``meta-action:ID``, ``action:ID``,
        ``legend:level:CODE``... which SVG output keeps as element ids.

    Raises:
        RenderError: An option has a value it does not take (*ax* not an Axes, *figsize* not
            two positive sizes, *strategy* not a strategy...), *obj* holds several objectives
            and none is named, or holds values of the wrong Python types (a model built in
            Python: the error names their places).
        UnknownIdError: *objective* names no objective of the strategy.
    """
    figsize = check_figure_options(_NAME, ax, figsize)
    found, strategy, axis = _prepare(obj, strategy, objective)
    layout = layout_matrix(
        found,
        strategy=strategy,
        axis=axis,
        lang=lang,
        actions=actions,
        palette=palette,
        hatch=hatch,
    )
    if ax is None:
        import matplotlib.pyplot as plt  # noqa: PLC0415 - the matplotlib way, in notebooks

        # No layout engine, whatever rcParams say: the matrix fills the figure, and tight or
        # constrained layout would only warn that they cannot manage its Axes.
        fig = plt.figure(figsize=figsize or (layout.width / 72, layout.height / 72), layout="none")
        ax = fig.add_axes((0, 0, 1, 1))
    return _draw_scaled(layout, ax)


def _draw_scaled(layout: MatrixLayout, ax: Axes) -> Axes:
    # Sized for the Axes as it is now; drawn, for the Axes as it is then (see _text_sizer).
    _draw(layout, ax, _scale_of(layout, ax))
    return ax


def matrix_figures(
    obj: Renderable,
    /,
    *,
    strategy: Strategy | None = None,
    lang: str = "fr",
    actions: ShownActions = "featured",
    palette: Palette = None,
    hatch: bool = False,
) -> list[Figure]:
    """One figure per objective of *obj*, in document order, outside pyplot's state.

    The options are those of :func:`turbine.plot_matrix`.

    Raises:
        RenderError: An option has a value it does not take, or *obj* holds values of the
            wrong Python types (a model built in Python: the error names their places).
    """
    return list(
        _figures(obj, strategy=strategy, lang=lang, actions=actions, palette=palette, hatch=hatch)
    )


def _figures(obj: Renderable, *, strategy: Strategy | None, **options: Any) -> Iterator[Figure]:
    from matplotlib.figure import Figure  # noqa: PLC0415 - only when drawing

    if isinstance(obj, Strategy):
        strategy = obj
    for objective, axis in objectives_of(_NAME, obj, strategy):
        layout = layout_matrix(objective, strategy=strategy, axis=axis, **options)
        fig = Figure(figsize=(layout.width / 72, layout.height / 72))
        fig.set_layout_engine("none")  # as in plot_matrix
        _draw_scaled(layout, fig.add_axes((0, 0, 1, 1)))
        yield fig


_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def _save(fig: Figure, target: io.BytesIO, kind: str, dpi: float) -> None:
    import matplotlib as mpl  # noqa: PLC0415 - only when drawing

    # Fixed metadata and hash salt: the same strategy gives the same bytes, run after run.
    metadata: dict[str, Any] = {
        "svg": {"Date": None},
        "pdf": {"CreationDate": None, "ModDate": None},
        "png": {},
    }[kind]
    with mpl.rc_context(_SAVING):
        fig.savefig(target, format=kind, dpi=dpi, metadata=metadata, facecolor=_PAPER)


# What a file of the matrix must not take from the user's rcParams: SVG's hash salt (random
# by default) and its texts as paths, and a page of the layout's size (savefig.bbox "tight"
# would crop the margins and add matplotlib's own).
_SAVING: dict[Any, Any] = {
    "svg.hashsalt": "turbine",
    "svg.fonttype": "path",
    "savefig.bbox": "standard",
}


def write_matrix(
    obj: Renderable,
    path: str | os.PathLike[str],
    /,
    *,
    strategy: Strategy | None = None,
    lang: str = "fr",
    actions: ShownActions = "featured",
    palette: Palette = None,
    hatch: bool = False,
    dpi: float = 200,
) -> None:
    """Write the matrices of *obj* to *path*: PNG or SVG for one objective, PDF for any number.

    A PDF has one page per objective. The file is written atomically; SVG and PDF bytes are the
    same from one run to the next.

    Raises:
        RenderError: The suffix is not ``.png``, ``.svg`` or ``.pdf``, *obj* has no objective,
            a PNG or SVG is asked for several objectives, an option has a value it does not
            take, or *obj* holds values of the wrong Python types.
        TurbineFileError: The file cannot be written.
    """
    kind = _FORMATS.get(suffix_of(path))
    if kind is None:
        raise RenderError(
            f"writes .png, .svg and .pdf files, not {suffix_of(path) or 'suffix-less'!r} ones",
            renderer=_NAME,
            path=os.fspath(path),
        )
    check_dpi(_NAME, dpi)
    count = len(objectives_of(_NAME, obj, strategy))
    if count == 0:
        # A PDF of no page is no PDF at all (matplotlib writes nothing): say so, write nothing.
        raise RenderError(
            f"the {type(obj).__name__.lower()} has no objective: there is no matrix to write",
            renderer=_NAME,
            path=os.fspath(path),
        )
    if kind != "pdf" and count != 1:
        ids = [objective.id for objective, _ in objectives_of(_NAME, obj, strategy)]
        shown = ", ".join(map(repr, ids[:5])) + (", ..." if len(ids) > 5 else "")
        raise RenderError(
            f"a {kind.upper()} file holds one matrix and there are {count} objectives: write a "
            f".pdf (one page each), or render one objective (turbine render --objective ID; "
            f"the ids: {shown or 'none'})",
            renderer=_NAME,
            path=os.fspath(path),
        )
    options: dict[str, Any] = {
        "strategy": strategy,
        "lang": lang,
        "actions": actions,
        "palette": palette,
        "hatch": hatch,
    }
    buffer = io.BytesIO()
    if kind == "pdf":
        _write_pdf(obj, buffer, options)
    else:
        (fig,) = _figures(obj, **options)
        if kind == "png":
            check_pixels(_NAME, fig, dpi, path)
        _save(fig, buffer, kind, dpi)
    write_atomic(path, buffer.getvalue())


def _write_pdf(obj: Renderable, buffer: io.BytesIO, options: dict[str, Any]) -> None:
    import matplotlib as mpl  # noqa: PLC0415 - only when drawing
    from matplotlib.backends.backend_pdf import PdfPages  # noqa: PLC0415

    with (
        mpl.rc_context(_SAVING),
        PdfPages(buffer, metadata={"CreationDate": None, "ModDate": None}) as pdf,
    ):
        # One page at a time: a strategy of a hundred objectives never holds a hundred figures.
        for fig in _figures(obj, **options):
            pdf.savefig(fig, facecolor=_PAPER)


class MatrixRenderer:
    """Draws the Turbine matrix of each objective with matplotlib.

    :meth:`render` returns a :class:`~matplotlib.figure.Figure` for an objective and a list of
    them (one per objective) for an axis or a strategy. :meth:`write` writes PNG, SVG or a
    multi-page PDF. Options: those of :func:`turbine.plot_matrix` (``strategy``, ``lang``,
    ``actions``, ``palette``, ``hatch``), and ``dpi`` when writing a PNG.
    """

    name = _NAME
    description = "the Turbine matrix of each objective (matplotlib: PNG, SVG, multi-page PDF)"
    accepts: tuple[type, ...] = (Strategy, Axis, Objective)
    returns = "figure"
    suffixes = (".png", ".svg", ".pdf")

    def render(self, obj: Renderable, /, **options: Any) -> Figure | list[Figure]:
        """The figure of an objective, or the figures of an axis's or strategy's objectives."""
        figures: list[Figure] = call_with_options(self.name, matrix_figures, obj, **options)
        return figures[0] if isinstance(obj, Objective) else figures

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        """Write the matrices of *obj* to *path* (see :func:`write_matrix`)."""
        call_with_options(self.name, write_matrix, obj, path, **options)
