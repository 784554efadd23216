"""The ``html`` renderer: the Turbine matrix as HTML tables, and rich display in notebooks.

For each objective, an HTML ``<table>`` of its :func:`~turbine.renderers.matrix_table`: the actor
typologies are the columns, the meta-actions (with the actions shown under them) the rows, and a
cell is filled where a typology carries the row, in the colour of its service level with the
level's number inside. Empty cells form a light checkerboard, one square per meta-action and
typology. Below each table, the two-level legend of the seed: the typologies and the levels.

The HTML is made to be pasted anywhere, notebooks included: every style is an inline ``style``
attribute (notebook front ends may drop ``<style>`` elements), the whole is one
``<div class="turbine-matrix">``, and every text from the document is escaped. A colour reaches a
``style`` attribute only if it is exactly ``#rrggbb``; any other (a model built in Python may hold
anything) is replaced by turbine's own.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from attrs import frozen

from turbine.errors import RenderError
from turbine.io import write_atomic
from turbine.model import Axis, Objective, ServiceLevel, Strategy
from turbine.renderers._common import (
    LANGUAGES,
    Legend,
    MatrixTable,
    Row,
    ShownActions,
    check_actions,
    check_lang,
    check_strategy,
    matrix_table,
    objectives_of,
)
from turbine.renderers._matrix import (
    _CHECKER,
    _INK,
    _MUTED,
    _RULE,
    _WORDS,
    _ink_on,
    _used_levels,
    level_colours,
)
from turbine.renderers._mpl import typology_colours
from turbine.renderers._registry import Renderable, call_with_options

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Sequence

__all__ = ["REPR_MAX_OBJECTIVES", "HtmlRenderer", "matrix_html", "repr_html"]

_NAME = "html"

REPR_MAX_OBJECTIVES = 10
"""How many matrices a notebook shows for a strategy or an axis (``_repr_html_``).

Rich display runs every time a cell shows the object, so it stays light whatever the size of the
strategy: the first objectives' matrices are shown, then a note counts the others.
``turbine.render(obj, "html")`` draws every objective.
"""

_PAPER = "#ffffff"
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")
_FONT = "system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"

# Counted words: singular and plural forms.
_COUNTED = {
    "fr": {
        "axes": ("{n} axe", "{n} axes"),
        "objectives": ("{n} objectif", "{n} objectifs"),
        "meta_actions": ("{n} méta-action", "{n} méta-actions"),
        "actions": ("{n} action", "{n} actions"),
        "more": ("… et {n} autre objectif", "… et {n} autres objectifs"),
    },
    "en": {
        "axes": ("{n} axis", "{n} axes"),
        "objectives": ("{n} objective", "{n} objectives"),
        "meta_actions": ("{n} meta-action", "{n} meta-actions"),
        "actions": ("{n} action", "{n} actions"),
        "more": ("… and {n} more objective", "… and {n} more objectives"),
    },
}
_SHOW_ALL = {"fr": "{more} ; {code} les montre tous.", "en": "{more}; {code} shows them all."}
_RENDER_ALL = 'turbine.render(obj, "html")'


def matrix_html(
    obj: Renderable,
    /,
    *,
    strategy: Strategy | None = None,
    lang: str = "fr",
    actions: ShownActions = "featured",
    standalone: bool = False,
) -> str:
    """The Turbine matrices of a strategy, an axis or an objective, as HTML.

    One table per objective, in document order, each with its legend; a strategy's title and
    territory come first.

    >>> import turbine
    >>> page = matrix_html(turbine.examples.load("artois"), lang="en")
    >>> page.startswith('<div class="turbine-matrix"')
    True

    Args:
        obj: A strategy, an axis or an objective.
        strategy: The strategy *obj* belongs to, for its typologies, levels and title. Without
            it (and for an axis or objective), turbine's canonical typologies and levels are
            used. A strategy rendered is its own.
        lang: The language of turbine's words: headers, legend (``"fr"`` or ``"en"``). The
            content stays in its own language.
        actions: The actions listed under each meta-action: ``"featured"`` (those drawn on the
            synthesis), ``"all"`` or ``"none"``.
        standalone: Return a whole page (``<!doctype html>``, UTF-8, with a ``<title>``) rather
            than a ``<div>`` to put in one.

    Raises:
        RenderError: An option has a value it does not take, *obj* is not a strategy, an axis
            or an objective, or it holds values of the wrong Python types (a model built in
            Python: the error names their places).
    """
    return _document(
        obj, strategy=strategy, lang=lang, actions=actions, standalone=standalone, limit=None
    )


def repr_html(obj: Renderable, /) -> str:
    """The HTML notebooks show for *obj*: its first :data:`REPR_MAX_OBJECTIVES` matrices.

    turbine's words are in English for a strategy written in English, in French otherwise. It
    never raises: should the matrices fail to render, the HTML says so.
    """
    lang = "fr"
    if isinstance(obj, Strategy) and isinstance(obj.language, str):
        lang = next((tag for tag in LANGUAGES if obj.language.lower().startswith(tag)), "fr")
    try:
        return _document(
            obj,
            strategy=None,
            lang=lang,
            actions="featured",
            standalone=False,
            limit=REPR_MAX_OBJECTIVES,
        )
    except Exception as exc:  # noqa: BLE001 - a notebook display must never fail
        return (
            f'<div class="turbine-matrix"><p>turbine could not render this '
            f"{_e(type(obj).__name__)}: {_e(type(exc).__name__)}: {_e(exc)}</p></div>"
        )


class HtmlRenderer:
    """Renders the Turbine matrices of a strategy, an axis or an objective as HTML tables.

    :meth:`render` returns a ``<div>`` to put in a page (or a whole page, with
    ``standalone=True``); :meth:`write` writes a whole page. Options: those of
    :func:`matrix_html` (``strategy``, ``lang``, ``actions``, ``standalone``).
    """

    name = _NAME
    description = "the Turbine matrix of each objective as HTML tables, for pages and notebooks"
    accepts: tuple[type, ...] = (Strategy, Axis, Objective)
    returns = "text"
    suffixes = (".html", ".htm")

    def render(self, obj: Renderable, /, **options: Any) -> str:
        """The HTML of *obj*'s matrices."""
        text: str = call_with_options(self.name, matrix_html, obj, **options)
        return text

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        """Write a whole HTML page of *obj*'s matrices to *path*, atomically, in UTF-8.

        ``standalone`` is true unless the options say otherwise.
        """
        options.setdefault("standalone", True)
        write_atomic(path, self.render(obj, **options).encode("utf-8"))


# -- the document --------------------------------------------------------------------------------


def _e(text: object) -> str:
    """*text* escaped for HTML content and double-quoted attribute values.

    Lone surrogates (which no UTF-8 page can hold) and NUL (which HTML forbids) become U+FFFD,
    as a browser would show them.
    """
    return html.escape(_UNWRITABLE.sub("\N{REPLACEMENT CHARACTER}", str(text)), quote=True)


def _style(**declarations: str | float) -> str:
    # Property names in Python form (font_weight), values written by this module only.
    return ";".join(f"{name.replace('_', '-')}:{value}" for name, value in declarations.items())


def _hex_or(colour: object, fallback: str) -> str:
    """*colour* if it is exactly ``#rrggbb``, else *fallback*: nothing else reaches a style."""
    return colour if isinstance(colour, str) and _HEX.fullmatch(colour) else fallback


def _plural(forms: tuple[str, str], n: int) -> str:
    return (forms[0] if n == 1 else forms[1]).format(n=n)


def _document(
    obj: Renderable,
    *,
    strategy: Strategy | None,
    lang: str,
    actions: ShownActions,
    standalone: bool,
    limit: int | None,
) -> str:
    check_lang(_NAME, lang)
    check_actions(_NAME, actions)
    check_strategy(_NAME, strategy)
    if not isinstance(standalone, bool):
        raise RenderError(
            f"standalone must be True or False, not {standalone!r}",
            renderer=_NAME,
            option="standalone",
        )
    if isinstance(obj, Strategy):
        strategy = obj
    pairs = objectives_of(_NAME, obj, strategy)
    shown = pairs if limit is None else pairs[:limit]
    legend = Legend.of(strategy)
    parts = [_header(obj, strategy, lang)]
    for objective, axis in shown:
        kicker = [
            strategy.title if strategy is not None and isinstance(obj, Objective) else None,
            axis.title if axis is not None and not isinstance(obj, Axis) else None,
        ]
        table = matrix_table(objective, axis=axis, legend=legend, actions=actions)
        parts.append(_objective(table, legend, lang, actions, [k for k in kicker if k]))
    if len(shown) < len(pairs):
        more = _plural(_COUNTED[lang]["more"], len(pairs) - len(shown))
        before, after = _SHOW_ALL[lang].format(more=more, code="\0").split("\0")
        parts.append(
            f'<p class="turbine-more" style="{_style(color=_MUTED, margin="1em 0")}">'
            f"{_e(before)}<code>{_e(_RENDER_ALL)}</code>{_e(after)}</p>"
        )
    if strategy is not None and strategy.provenance is not None:
        source = _WORDS[lang]["source"].format(source=strategy.provenance.source)
        parts.append(
            f'<p class="turbine-source" style="{_style(color=_MUTED, font_size="0.8em")}">'
            f"{_e(source)}</p>"
        )
    wrapper = _style(
        font_family=_FONT,
        font_size="14px",
        line_height=1.35,
        color=_INK,
        background=_PAPER,
        padding="12px 16px",
        max_width="60em",
        text_align="left",
    )
    body = f'<div class="turbine-matrix" style="{wrapper}">{"".join(p for p in parts if p)}</div>'
    if not standalone:
        return body
    title = obj.title if strategy is None or obj is strategy else f"{obj.title} · {strategy.title}"
    page_lang = strategy.language if strategy is not None else lang
    return (
        f'<!doctype html>\n<html lang="{_e(page_lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n</head>\n"
        f'<body style="{_style(margin="24px", background=_PAPER)}">\n{body}\n</body>\n</html>\n'
    )


def _header(obj: Renderable, strategy: Strategy | None, lang: str) -> str:
    """The title block of a strategy or an axis; an objective's title is its table's caption."""
    if isinstance(obj, Objective):
        return ""
    words = _COUNTED[lang]
    kicker = ""
    if isinstance(obj, Strategy):
        counts = obj.counts()
        facts = [obj.territory.name]
        if counts.axes:
            facts.append(_plural(words["axes"], counts.axes))
        facts += [
            _plural(words["objectives"], counts.objectives),
            _plural(words["meta_actions"], counts.meta_actions),
            _plural(words["actions"], counts.actions),
        ]
    else:
        if strategy is not None:
            kicker = f'<div style="{_style(color=_MUTED)}">{_e(strategy.title)}</div>'
        facts = [_plural(words["objectives"], len(obj.objectives))]
    kind = "strategy" if isinstance(obj, Strategy) else "axis"
    title_style = _style(font_size="1.45em", font_weight="bold", line_height=1.2, margin="2px 0")
    return (
        f'<div class="turbine-{kind}" style="{_style(margin_bottom="0.8em")}">{kicker}'
        f'<div role="heading" aria-level="2" style="{title_style}">{_e(obj.title)}</div>'
        f'<div style="{_style(color=_MUTED)}">{_e(" · ".join(facts))}</div></div>'
    )


def _matrix_levels(table: MatrixTable, legend: Legend) -> dict[int, ServiceLevel]:
    """Every level the matrix names, by code: the legend's, then those only its cells use."""
    levels: dict[int, ServiceLevel] = {}
    for level in (*table.levels, *_used_levels(table, legend)):
        levels.setdefault(level.code, level)
    return levels


def _colours(levels: Iterable[ServiceLevel]) -> dict[int, str]:
    """The fill of each level by code, as ``#rrggbb``: the matrix renderer's colours."""
    # A colour that is not #rrggbb never reaches level_colours (which would refuse it) nor a
    # style attribute: the level takes the Turbine's colour for its rank instead.
    chosen = level_colours(
        [
            ServiceLevel(code=level.code, label=level.label, color=_hex_or(level.color, "") or None)
            for level in levels
        ]
    )
    return {code: _hex_or(colour, _RULE) for code, colour in chosen.items()}


def _objective(
    table: MatrixTable, legend: Legend, lang: str, actions: ShownActions, kicker: Sequence[str]
) -> str:
    words = _WORDS[lang]
    levels = _matrix_levels(table, legend)
    fills = _colours(levels.values())
    # The colours the matrix and network figures give the typologies, a missing one included.
    inks = {
        typology: _hex_or(colour, _RULE)
        for typology, colour in typology_colours(legend, table.objective).items()
    }
    level_names = {
        code: f"{words['level'].format(code=code)} · {level.label.text(lang)}"
        for code, level in levels.items()
    }
    border = f"1px solid {_RULE}"
    caption = (
        "".join(f'<div style="{_style(color=_MUTED)}">{_e(part)}</div>' for part in kicker)
        + f'<div style="{_style(font_size="1.2em", font_weight="bold")}">'
        + f"{_e(table.objective.title)}</div>"
    )
    heads = "".join(
        f'<th scope="col" data-typology="{_e(typology.id)}" style="'
        + _style(
            width="7.5em",
            padding="4px 6px",
            font_size="0.8em",
            font_weight="normal",
            text_align="center",
            vertical_align="bottom",
            background=_PAPER,
            color=_INK,
            border_bottom=f"3px solid {inks.get(typology.id, _RULE)}",
        )
        + f'">{_e(typology.label.text(lang))}</th>'
        for typology in table.columns
    )
    grid = _Grid(
        columns=len(table.columns),
        column_of={t.id: index for index, t in reversed(list(enumerate(table.columns)))},
        fills=fills,
        level_names=level_names,
        actions=actions,
    )
    bodies: list[str] = []
    rows: list[str] = []
    block = -1
    for row in table.rows:
        if row.kind == "meta-action":
            if rows:
                bodies.append(_tbody(rows, border))
                rows = []
            block += 1
        rows.append(grid.row(row, block))
    if rows:
        bodies.append(_tbody(rows, border))
    table_style = _style(
        border_collapse="collapse",
        table_layout="auto",
        border_spacing=0,
        margin="0 0 0.8em 0",
        background=_PAPER,
        color=_INK,
        font_size="1em",
    )
    corner = f'<td style="{_style(background=_PAPER, border="none")}"></td>'
    legend_html = _legend(
        table, fills=fills, inks=inks, level_names=level_names, lang=lang, actions=actions
    )
    return (
        f'<section class="turbine-objective" data-objective="{_e(table.objective.id)}" '
        f'style="{_style(margin="0 0 1.6em 0")}">'
        f'<table style="{table_style}">'
        f'<caption style="{_style(caption_side="top", text_align="left", padding="0 0 6px 0")}">'
        f"{caption}</caption>"
        f'<thead><tr style="{_style(border_bottom=f"1.5px solid {_INK}")}">{corner}{heads}'
        f"</tr></thead>{''.join(bodies)}</table>"
        f"{legend_html}</section>"
    )


def _tbody(rows: Sequence[str], border: str) -> str:
    return f'<tbody style="{_style(border_bottom=border)}">{"".join(rows)}</tbody>'


@frozen(kw_only=True)
class _Grid:
    """What a row of an objective's table needs to know of the table."""

    columns: int
    column_of: dict[str, int]
    fills: dict[int, str]
    level_names: dict[int, str]
    actions: ShownActions

    def row(self, row: Row, block: int) -> str:
        """The ``<tr>`` of *row*, in the checkerboard's *block* (its meta-action's index)."""
        meta = row.kind == "meta-action"
        head_style = _style(
            text_align="left",
            vertical_align="middle",
            padding="6px 10px 6px 2px" if meta else "1px 10px 1px 1.2em",
            font_weight="bold" if meta else "normal",
            font_size="1em" if meta else "0.88em",
            color=_INK if meta or row.featured else _MUTED,
            background=_PAPER,
            min_width="12em",
        )
        mark = ""
        if not meta:
            star = self.actions == "all" and row.featured
            symbol = "\N{BLACK STAR}" if star else "\N{EN DASH}"
            mark = f'<span aria-hidden="true">{symbol} </span>'
        padding = "4px" if meta else "1px"
        cells = [
            f'<td style="{_style(background=_CHECKER if (block + c) % 2 == 0 else _PAPER)};'
            f'padding:{padding}"></td>'
            for c in range(self.columns)
        ]
        for cell in row.cells:
            fill = self.fills.get(cell.level, _RULE)
            style = _style(
                background=fill,
                color=_hex_or(_ink_on(fill), _PAPER),
                text_align="center",
                vertical_align="middle",
                font_weight="bold",
                font_size="1em" if meta else "0.8em",
                padding=padding,
            )
            name = self.level_names.get(cell.level, cell.level)
            cells[self.column_of[cell.typology]] = (
                f'<td class="turbine-cell" data-typology="{_e(cell.typology)}" '
                f'data-level="{_e(cell.level)}" title="{_e(name)}" style="{style}">'
                f"{_e(cell.level)}</td>"
            )
        owner = "" if meta else f' data-meta-action="{_e(row.meta_action)}"'
        return (
            f'<tr class="turbine-{row.kind}" data-id="{_e(row.id)}"{owner}>'
            f'<th scope="row" style="{head_style}">{mark}{_e(row.title)}</th>{"".join(cells)}</tr>'
        )


def _legend(
    table: MatrixTable,
    *,
    fills: dict[int, str],
    inks: dict[str, str],
    level_names: dict[int, str],
    lang: str,
    actions: ShownActions,
) -> str:
    words = _WORDS[lang]
    list_style = _style(list_style="none", padding=0, margin="4px 0 0 0")
    item_style = _style(margin="0 0 3px 0", padding=0)
    key_style = _style(
        display="inline-block",
        width="0.8em",
        height="0.8em",
        margin_right="0.5em",
        vertical_align="middle",
    )
    typologies = "".join(
        f'<li style="{item_style}" data-typology="{_e(typology.id)}">'
        f'<span style="{key_style};background:{inks.get(typology.id, _RULE)}"></span>'
        f"{_e(typology.label.text(lang))}</li>"
        for typology in table.columns
    )
    levels = []
    for code in sorted(fills):
        fill = fills[code]
        swatch = _style(
            display="inline-block",
            min_width="1.6em",
            margin_right="0.5em",
            text_align="center",
            font_weight="bold",
            background=fill,
            color=_hex_or(_ink_on(fill), _PAPER),
        )
        levels.append(
            f'<li style="{item_style}" data-level="{_e(code)}">'
            f'<span style="{swatch}">{_e(code)}</span>{_e(level_names[code])}</li>'
        )
    featured = ""
    if actions == "all" and any(row.featured for row in table.rows if row.kind == "action"):
        featured = f'<li style="{item_style};color:{_MUTED}">{_e(words["featured"])}</li>'
    title_style = _style(font_weight="bold")
    column = _style(flex="1 1 18em", min_width="14em")
    box = _style(display="flex", flex_wrap="wrap", gap="8px 2em", font_size="0.88em")
    return (
        f'<div class="turbine-legend" style="{box}">'
        f'<div class="turbine-legend-typologies" style="{column}">'
        f'<div style="{title_style}">{_e(words["actors"])}</div>'
        f'<ul style="{list_style}">{typologies}</ul></div>'
        f'<div class="turbine-legend-levels" style="{column}">'
        f'<div style="{title_style}">{_e(words["services"])}</div>'
        f'<ul style="{list_style}">{"".join(levels)}{featured}</ul></div></div>'
    )
