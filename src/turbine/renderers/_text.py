"""The ``text``, ``markdown`` and ``summary`` renderers: a strategy in words.

The seed document's page of *détails des actions* lists, under each objective, its meta-actions
with the service level the Turbine offers them and the typologies that carry them, and under each
meta-action its concrete actions. :func:`details_text` writes that page for a terminal, wrapped to
its width; :func:`details_markdown` writes it in CommonMark, for reports; :func:`summary_text` is
the one-screen summary that ``turbine info`` prints.

turbine's own words (``Niveau 2``, ``Typologies d'acteurs``...) are in French or English; the
content (titles, descriptions, labels) is written as the document has it, except that whatever
could act on a terminal, or change the structure of a Markdown document, is escaped.

>>> import turbine
>>> strategy = turbine.examples.load("artois")
>>> print(details_text(strategy, lang="en", width=60, actions="none"))
La Turbine de l'éco-transition
==============================
Territory: Pôle métropolitain de l'Artois (CA de
  Béthune-Bruay Artois-Lys Romane, CA de Lens-Liévin, CA
  d'Hénin-Carvin)
...
  Construire un système de distribution alimentaire
    territorial
    Level 3 · Carry transition projects of metropolitan
      ambition
...
"""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from turbine._summary import summarize
from turbine._util import cells, escape_controls, fit
from turbine.errors import RenderError
from turbine.io import write_atomic
from turbine.model import Action, Axis, MetaAction, Objective, Strategy
from turbine.renderers._common import (
    Legend,
    ShownActions,
    check_actions,
    check_lang,
    check_model,
    check_strategy,
    objectives_of,
)
from turbine.renderers._registry import Renderable, call_with_options

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Sequence

__all__ = [
    "MIN_WIDTH",
    "MarkdownRenderer",
    "SummaryRenderer",
    "TextRenderer",
    "details_markdown",
    "details_text",
    "summary_text",
]

MIN_WIDTH = 30
"""The narrowest page :func:`details_text` writes, in columns."""

_FILE_WIDTH = 80
"""The width of a text file written without one: a file does not follow the terminal's."""

_STAR = "★"

_WORDS = {
    "fr": {
        "territory": "Territoire : ",
        "source": "Source : ",
        "axis": "Axe stratégique : ",
        "objective": "Objectif de transition : ",
        "outside_axes": "Hors des axes stratégiques",
        "level": "Niveau {code}",
        "typologies": "Typologies d'acteurs : ",
        "featured": f"{_STAR} action présentée sur la synthèse",
    },
    "en": {
        "territory": "Territory: ",
        "source": "Source: ",
        "axis": "Strategic axis: ",
        "objective": "Transition objective: ",
        "outside_axes": "Outside the strategic axes",
        "level": "Level {code}",
        "typologies": "Actor typologies: ",
        "featured": f"{_STAR} action shown on the synthesis",
    },
}


# -- the page, whatever its format ---------------------------------------------------------------


@frozen(kw_only=True)
class _Entry:
    """A heading or an item of the page, in document order.

    Attributes:
        kind: What it is.
        title: Its title, as the document has it.
        description: Its description, as the document has it.
        details: Lines in words: the level and typologies of a meta-action, those an action has
            of its own.
        featured: For an action, whether it is drawn on the synthesis.
        in_axis: For an objective, whether it is shown under an axis.
    """

    kind: Literal["axis", "objective", "meta-action", "action"]
    title: str
    description: str | None = None
    details: tuple[str, ...] = ()
    featured: bool = False
    in_axis: bool = False


@frozen(kw_only=True)
class _Page:
    """What both formats show: a header for a strategy, then the entries.

    Attributes:
        title: The strategy's title, when a strategy is rendered.
        facts: Lines under the title: its territory, its source.
        description: The strategy's description.
        legend: What the star of featured actions means, when one is shown.
        entries: The axes, objectives, meta-actions and shown actions, in document order.
    """

    title: str | None
    facts: tuple[str, ...]
    description: str | None
    legend: str | None
    entries: tuple[_Entry, ...]


def _page(renderer: str, obj: object, strategy: object, lang: str, actions: ShownActions) -> _Page:
    check_lang(renderer, lang)
    check_actions(renderer, actions)
    context = check_strategy(renderer, strategy)
    pairs = objectives_of(renderer, obj, context)  # refuses anything but the three kinds
    groups: list[tuple[Axis | None, Sequence[Objective]]]
    if isinstance(obj, Strategy):
        groups = [(axis, axis.objectives) for axis in obj.axes]
        groups.append((None, obj.objectives))
    elif isinstance(obj, Axis):
        groups = [(obj, obj.objectives)]  # even without objectives: the axis is still shown
    else:
        groups = [(axis, (objective,)) for objective, axis in pairs]
    words = _Words(lang=lang, legend=Legend.of(obj if isinstance(obj, Strategy) else context))
    entries: list[_Entry] = []
    for axis, objectives in groups:
        if axis is not None:
            entries.append(_Entry(kind="axis", title=axis.title, description=axis.description))
        for objective in objectives:
            entries.append(
                _Entry(
                    kind="objective",
                    title=objective.title,
                    description=objective.description,
                    in_axis=axis is not None,
                )
            )
            for meta_action in objective.meta_actions:
                entries.append(words.meta_action(meta_action))
                entries.extend(
                    words.action(action)
                    for action in meta_action.actions
                    if actions == "all" or (actions == "featured" and action.featured)
                )
    starred = any(entry.kind == "action" and entry.featured for entry in entries)
    legend = words["featured"] if starred else None
    if not isinstance(obj, Strategy):
        return _Page(title=None, facts=(), description=None, legend=legend, entries=tuple(entries))
    territory = obj.territory
    members = f" ({', '.join(territory.members)})" if territory.members else ""
    facts = [words["territory"] + territory.name + members]
    if obj.provenance is not None:
        facts.append(words["source"] + obj.provenance.source)
    return _Page(
        title=obj.title,
        facts=tuple(facts),
        description=obj.description,
        legend=legend,
        entries=tuple(entries),
    )


@frozen(kw_only=True)
class _Words:
    """turbine's words in one language, and the legend's labels in it."""

    lang: str
    legend: Legend

    def __getitem__(self, key: str) -> str:
        return _WORDS[self.lang][key]

    def level(self, code: int) -> str:
        """``Niveau 2 · Aider au portage...``: a level's code and label."""
        head = self["level"].format(code=code)
        if all(known.code != code for known in self.legend.levels):
            return head  # not defined: its code is all there is to say
        return f"{head} · {self.legend.level(code).label.text(self.lang)}"

    def typologies(self, ids: Iterable[str]) -> str:
        """``Typologies d'acteurs : ...``: the labels of typologies."""
        labels = (self.legend.typology(t).label.text(self.lang) for t in ids)
        return self["typologies"] + ", ".join(labels)

    def meta_action(self, meta_action: MetaAction) -> _Entry:
        """A meta-action's entry, with its level and typologies."""
        return _Entry(
            kind="meta-action",
            title=meta_action.title,
            description=meta_action.description,
            details=(self.level(meta_action.level), self.typologies(meta_action.typologies)),
        )

    def action(self, action: Action) -> _Entry:
        """An action's entry, with the level and typologies it has of its own."""
        details = []
        if action.level is not None:
            details.append(self.level(action.level))
        if action.typologies is not None:
            details.append(self.typologies(action.typologies))
        return _Entry(
            kind="action",
            title=action.title,
            description=action.description,
            details=tuple(details),
            featured=action.featured,
        )


def _paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a description, each on one line: blank lines separate them."""
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in (text or "").splitlines():
        if line.strip():
            lines.append(line.strip())
        elif lines:
            paragraphs.append(" ".join(lines))
            lines = []
    if lines:
        paragraphs.append(" ".join(lines))
    return paragraphs


# -- plain text ----------------------------------------------------------------------------------


def details_text(
    obj: Renderable,
    /,
    *,
    strategy: Strategy | None = None,
    lang: str = "fr",
    width: int | None = None,
    actions: ShownActions = "all",
) -> str:
    r"""The details of the actions, as plain text for a terminal.

    For a strategy, a header (its title, territory, source and description); then each axis,
    objective and meta-action, with the meta-action's service level and typologies in words and
    its actions under it, ``★`` marking those drawn on the synthesis. An action that has a level
    or typologies of its own shows them. Lines are wrapped to *width* columns (wide characters
    count for two), with hanging indents; a word longer than a line is cut. Control characters of
    the content are written as ``\uXXXX`` escapes, so that a document cannot drive the terminal.

    Args:
        obj: A strategy, an axis or an objective.
        strategy: For an axis or an objective, the strategy it belongs to: its typologies and
            levels are named, and an objective's axis shown. Without it, turbine's canonical
            typologies and levels are used. Ignored when *obj* is a strategy.
        lang: The language of turbine's own words and of the labels: ``"fr"`` or ``"en"``.
        width: The width of the page in columns, at least 30; by default the
            terminal's (80 when there is none).
        actions: Which actions are listed: ``"all"``, ``"featured"`` (those drawn on the
            synthesis) or ``"none"``.

    Raises:
        RenderError: *obj* is not a strategy, an axis or an objective, an option has a value it
            does not take, or *obj* holds values of the wrong Python types (a model built in
            Python: the error names their places).
    """
    page = _page("text", obj, strategy, lang, actions)
    writer = _TextWriter(width=_check_width(width), words=_WORDS[lang])
    writer.write(page)
    return "".join(line + "\n" for line in writer.lines)


class _TextWriter:
    """Lays out a page as lines of text: headings, indented items, wrapped paragraphs."""

    def __init__(self, *, width: int, words: dict[str, str]) -> None:
        self.width = width
        self.words = words
        self.lines: list[str] = []
        self._in_axes = False  # whether an axis was shown: objectives outside axes get a heading
        self._described = False  # whether a meta-action's description was the last thing written

    def write(self, page: _Page) -> None:
        if page.title is not None:
            self._heading(page.title, "=")
            for fact in page.facts:
                self._block(fact, 0, 2)
            self._paragraphs(page.description, 0)
        if page.legend is not None:
            self._gap()
            self._block(page.legend, 0, 2)
        write_entry = {
            "axis": self._axis,
            "objective": self._objective,
            "meta-action": self._meta_action,
            "action": self._action,
        }
        for entry in page.entries:
            write_entry[entry.kind](entry)

    def _axis(self, entry: _Entry) -> None:
        self._in_axes = True
        self._heading(self.words["axis"] + entry.title, "-")
        self._paragraphs(entry.description, 0)

    def _objective(self, entry: _Entry) -> None:
        if self._in_axes and not entry.in_axis:
            self._in_axes = False
            self._heading(self.words["outside_axes"], "-")
        self._gap()
        self._block(self.words["objective"] + entry.title, 0, 2)
        self._paragraphs(entry.description, 0)

    def _meta_action(self, entry: _Entry) -> None:
        self._gap()
        # Details go deeper than the title's own lines, so that they are not read as its end.
        self._block(entry.title, 2, 2)
        for detail in entry.details:
            self._block(detail, 4, 6)
        self._described = self._paragraphs(entry.description, 4)

    def _action(self, entry: _Entry) -> None:
        if self._described:
            self._gap()
            self._described = False
        self._block(entry.title, 4, 6, first=f"{_STAR if entry.featured else '-'} ")
        for detail in entry.details:
            self._block(detail, 8, 10)
        for paragraph in _paragraphs(entry.description):
            self._block(paragraph, 8, 8)

    def _gap(self) -> None:
        if self.lines:
            self.lines.append("")

    def _heading(self, text: str, rule: str) -> None:
        self._gap()
        lines = self._block(text, 0, 2)
        self.lines.append(rule * max(cells(line) for line in lines))

    def _paragraphs(self, text: str | None, indent: int) -> bool:
        found = _paragraphs(text)
        for paragraph in found:
            self._gap()
            self._block(paragraph, indent, indent)
        return bool(found)

    def _block(self, text: str, indent: int, hang: int, *, first: str = "") -> list[str]:
        # Documents cannot drive the terminal: control characters are written as escapes.
        lines = _wrap(escape_controls(text), self.width, " " * indent + first, " " * hang)
        self.lines.extend(lines)
        return lines


def _check_width(width: object) -> int:
    if width is None:
        return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)
    if not isinstance(width, int) or isinstance(width, bool) or width < MIN_WIDTH:
        raise RenderError(
            f"width must be a whole number of columns, at least {MIN_WIDTH}, not {width!r}",
            renderer="text",
            option="width",
        )
    return width


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy word wrap of *text* (words separated by spaces) to *width* columns.

    The first line starts with *first*, the others with *rest* (both count in the width). A word
    longer than a line is cut, never before a combining mark.
    """
    rooms = (width - cells(first), width - cells(rest))
    lines: list[str] = []
    current = ""
    used = 0
    for word in text.split(" "):
        if not word:
            continue
        size = cells(word)
        room = rooms[bool(lines)]
        if current and used + 1 + size <= room:
            current += " " + word
            used += 1 + size
            continue
        if current:
            lines.append(current)
            room = rooms[1]
        while size > room:
            head = fit(word, room)
            lines.append(word[:head])
            word = word[head:]  # noqa: PLW2901 - the rest of the word goes on
            size = cells(word)
            room = rooms[1]
        current, used = word, size
    lines.append(current)
    prefixes = [first, *[rest] * (len(lines) - 1)]
    return [(prefix + line).rstrip(" ") for prefix, line in zip(prefixes, lines, strict=True)]


# -- Markdown ------------------------------------------------------------------------------------

# The characters that may start or end an inline construct (emphasis, code, links, images, HTML,
# entities, GFM tables and strikethrough) or a block (headings, block quotes), and the escape.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~!&])")
# What would start a list at the beginning of a block: "-", "+" (bullets), "1." or "1)".
_ORDERED_MARKER = re.compile(r"(\d+)([.)])")


def _markdown_inline(text: str) -> str:
    """*text* on one line, escaped so that it is read as text and nothing else in CommonMark."""
    text = escape_controls(" ".join(text.splitlines()).strip())
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    if text.startswith(("-", "+")):
        return "\\" + text
    marker = _ORDERED_MARKER.match(text)
    if marker is not None:
        return f"{marker[1]}\\{text[len(marker[1]) :]}"
    return text


def details_markdown(
    obj: Renderable,
    /,
    *,
    strategy: Strategy | None = None,
    lang: str = "fr",
    actions: ShownActions = "all",
) -> str:
    r"""The details of the actions, as a CommonMark document for reports.

    The same page as :func:`details_text`: the strategy's title is a level-1 heading followed by
    its territory, source and description; axes, objectives and meta-actions are headings below
    it, each meta-action followed by its level and typologies in words, then its actions as a
    bullet list. Descriptions are paragraphs.

    Content is escaped so that it can only ever be text: a title such as ``# x``, ``- x``,
    ``**x**``, ``[x](y)`` or ``<script>`` reads as itself, not as a heading, a list, emphasis, a
    link or HTML. Line breaks in titles become spaces, and control characters are written as
    ``\uXXXX`` escapes.

    Args:
        obj: A strategy, an axis or an objective.
        strategy: For an axis or an objective, the strategy it belongs to, as for
            :func:`details_text`.
        lang: The language of turbine's own words and of the labels: ``"fr"`` or ``"en"``.
        actions: Which actions are listed: ``"all"``, ``"featured"`` or ``"none"``.

    Raises:
        RenderError: *obj* is not a strategy, an axis or an objective, an option has a value it
            does not take, or *obj* holds values of the wrong Python types.
    """
    page = _page("markdown", obj, strategy, lang, actions)
    top = 1 if page.title is None else 2  # the level of axes, and of objectives outside them
    blocks: list[str] = []  # separated by blank lines
    if page.title is not None:
        blocks.append("# " + _markdown_inline(page.title))
        blocks.append(_markdown_lines(page.facts))
        blocks.extend(_markdown_paragraphs(page.description))
    if page.legend is not None:
        blocks.append(_markdown_inline(page.legend))
    objective_depth = top
    items: list[str] = []  # the list of a meta-action's actions
    for entry in page.entries:
        if entry.kind == "action":
            items.append(_markdown_item(entry))
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        if entry.kind == "objective":
            objective_depth = top + 1 if entry.in_axis else top
        depth = {"axis": top, "objective": objective_depth}.get(entry.kind, objective_depth + 1)
        blocks.append(f"{'#' * depth} {_markdown_inline(entry.title)}")
        if entry.details:
            blocks.append(_markdown_lines(entry.details))
        blocks.extend(_markdown_paragraphs(entry.description))
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(block.rstrip("\n") for block in blocks) + "\n"


def _markdown_lines(texts: Iterable[str]) -> str:
    """One paragraph of *texts*, each on its line: a backslash ending a line breaks it."""
    return "\\\n".join(_markdown_inline(text) for text in texts)


def _markdown_paragraphs(text: str | None, indent: str = "") -> list[str]:
    return [indent + _markdown_inline(paragraph) for paragraph in _paragraphs(text)]


def _markdown_item(entry: _Entry) -> str:
    """An action as a list item: its title (starred if featured), its own level and typologies.

    A description makes the item loose: paragraphs, with a blank line after the item.
    """
    star = _STAR if entry.featured else ""
    # An empty first line would end an item that has paragraphs: a space, as a reference, holds it.
    head = " ".join(part for part in (star, _markdown_inline(entry.title)) if part) or "&#32;"
    lines = [head, *map(_markdown_inline, entry.details)]
    item = "- " + "\\\n  ".join(lines)
    described = _markdown_paragraphs(entry.description, "  ")
    return "\n\n".join([item, *described]) + ("\n" if described else "")


# -- the summary ---------------------------------------------------------------------------------


def summary_text(strategy: Strategy, /, *, lang: str = "fr") -> str:
    """A one-screen summary of a strategy, as ``turbine info`` prints it.

    What the strategy holds: its counts, then how many meta-actions and actions each service
    level and each typology has, then its objectives. Control characters of the content are
    written as escapes.

    Args:
        strategy: A strategy.
        lang: The language of turbine's own words and of the labels: ``"fr"`` or ``"en"``.

    Raises:
        RenderError: *strategy* is not a strategy, *lang* is not a language turbine speaks, or
            the strategy holds values of the wrong Python types.
    """
    _check_strategy("summary", strategy)
    check_lang("summary", lang)
    check_model("summary", strategy)
    return summarize(strategy, lang=lang)


def _check_strategy(renderer: str, obj: object) -> None:
    if not isinstance(obj, Strategy):
        raise RenderError(f"renders a Strategy, not {type(obj).__name__}", renderer=renderer)


# -- the renderers -------------------------------------------------------------------------------


class TextRenderer:
    """Renders the details of the actions as plain text, wrapped for a terminal.

    Options: those of :func:`details_text` (``strategy``, ``lang``, ``width``, ``actions``). A
    file is written 80 columns wide unless *width* says otherwise, whatever the terminal.
    """

    name = "text"
    description = "the details of the actions, as plain text for a terminal"
    accepts: tuple[type, ...] = (Strategy, Axis, Objective)
    returns = "text"
    suffixes = (".txt",)

    def render(self, obj: Renderable, /, **options: Any) -> str:
        """The text of *obj*'s details."""
        text: str = call_with_options(self.name, details_text, obj, **options)
        return text

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        """Write the text of *obj*'s details to *path*, atomically, in UTF-8."""
        options.setdefault("width", _FILE_WIDTH)
        write_atomic(path, self.render(obj, **options).encode("utf-8"))


class MarkdownRenderer:
    """Renders the details of the actions as a CommonMark document.

    Options: those of :func:`details_markdown` (``strategy``, ``lang``, ``actions``).
    """

    name = "markdown"
    description = "the details of the actions, as a Markdown (CommonMark) report"
    accepts: tuple[type, ...] = (Strategy, Axis, Objective)
    returns = "text"
    suffixes = (".md",)

    def render(self, obj: Renderable, /, **options: Any) -> str:
        """The Markdown document of *obj*'s details."""
        text: str = call_with_options(self.name, details_markdown, obj, **options)
        return text

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        """Write the Markdown document of *obj*'s details to *path*, atomically, in UTF-8."""
        write_atomic(path, self.render(obj, **options).encode("utf-8"))


class SummaryRenderer:
    """Renders the one-screen summary of a strategy, as ``turbine info`` prints it.

    Options: those of :func:`summary_text` (``lang``).
    """

    name = "summary"
    description = "a one-screen summary of a strategy: its counts by level and by typology"
    accepts: tuple[type, ...] = (Strategy,)
    returns = "text"
    suffixes = (".txt",)

    def render(self, obj: Renderable, /, **options: Any) -> str:
        """The summary of *obj*, which must be a strategy."""
        _check_strategy(self.name, obj)
        text: str = call_with_options(self.name, summary_text, obj, **options)
        return text

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        """Write the summary of *obj* to *path*, atomically, in UTF-8."""
        write_atomic(path, self.render(obj, **options).encode("utf-8"))
