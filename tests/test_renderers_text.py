from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import turbine
from turbine import (
    Action,
    ActorTypology,
    Axis,
    LocalizedText,
    MetaAction,
    Objective,
    RenderError,
    Strategy,
    Territory,
    renderers,
)
from turbine._summary import summarize
from turbine._util import UNSAFE_CATEGORIES, escape_controls
from turbine._util import cells as _cells
from turbine.renderers import Renderer
from turbine.renderers._common import ACTION_CHOICES, ShownActions
from turbine.renderers._text import (
    MIN_WIDTH,
    MarkdownRenderer,
    SummaryRenderer,
    TextRenderer,
    details_markdown,
    details_text,
    summary_text,
)

from .strategies import small_document, strategies

if TYPE_CHECKING:
    from markdown_it.token import Token

CHOICES = ACTION_CHOICES

# -- expectations from the model -------------------------------------------------------------------


def _shown(action: Action, actions: str) -> bool:
    return actions == "all" or (actions == "featured" and action.featured)


def expected_outline(strategy: Strategy, actions: str) -> list[tuple[str, str]]:
    """What the page lists, in order: (kind, title), actions as "action" or "action★"."""
    outline: list[tuple[str, str]] = []

    def objective(objective: Objective) -> None:
        outline.append(("objective", objective.title))
        for meta_action in objective.meta_actions:
            outline.append(("meta-action", meta_action.title))
            outline.extend(
                ("action★" if action.featured else "action", action.title)
                for action in meta_action.actions
                if _shown(action, actions)
            )

    for axis in strategy.axes:
        outline.append(("axis", axis.title))
        for each in axis.objectives:
            objective(each)
    for each in strategy.objectives:
        objective(each)
    return outline


# -- plain text ------------------------------------------------------------------------------------


def text_outline(text: str, lang: str = "fr") -> list[tuple[str, str]]:
    """The headings and items of an unwrapped text page (every entry on one line)."""
    axis, objective = (
        ("Axe stratégique : ", "Objectif de transition : ")
        if lang == "fr"
        else ("Strategic axis: ", "Transition objective: ")
    )
    outline: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith(axis):
            outline.append(("axis", line.removeprefix(axis)))
        elif line.startswith(objective):
            outline.append(("objective", line.removeprefix(objective)))
        elif line.startswith("  ") and not line.startswith("   "):
            outline.append(("meta-action", line[2:]))
        elif line.startswith("    ★ "):
            outline.append(("action★", line.removeprefix("    ★ ")))
        elif line.startswith("    - "):
            outline.append(("action", line.removeprefix("    - ")))
    return outline


@pytest.mark.parametrize("actions", CHOICES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_text_lists_every_entry_in_order(actions: ShownActions, lang: str) -> None:
    # Two axes of three objectives, and one objective outside them.
    strategy = turbine.examples.synthetic(n_actions=70, n_objectives=7, objectives_per_axis=3)
    assert len(strategy.axes) == 2
    assert len(strategy.objectives) == 1
    text = details_text(strategy, width=1000, lang=lang, actions=actions)
    outline = text_outline(text, lang)
    assert outline == expected_outline(strategy, actions)
    if actions == "featured":
        assert all(kind != "action" for kind, _ in outline)
    if actions == "none":
        assert all(not kind.startswith("action") for kind, _ in outline)
        assert "★" not in text


def test_text_of_the_example() -> None:
    strategy = turbine.examples.load("artois")
    text = details_text(strategy, width=1000)
    lines = text.splitlines()
    assert lines[:4] == [
        "La Turbine de l'éco-transition",
        "==============================",
        (
            "Territoire : Pôle métropolitain de l'Artois (CA de Béthune-Bruay Artois-Lys Romane, "
            "CA de Lens-Liévin, CA d'Hénin-Carvin)"
        ),
        (
            "Source : « La Turbine de l'éco-transition », synthèse graphique des ateliers, "
            "Pôle métropolitain de l'Artois"
        ),
    ]
    assert "★ action présentée sur la synthèse" in lines
    assert text_outline(text) == expected_outline(strategy, "all")
    # A meta-action: its level and typologies in words, then its actions.
    assert (
        "  Construire un système de distribution alimentaire territorial\n"
        "    Niveau 3 · Porter des projets de transition à ambition métropolitaine\n"
        "    Typologies d'acteurs : Ceux qui font les politiques publiques, Ceux qui font projets, "
        "Ceux qui habitent le territoire\n"
        "    ★ Structurer une demande locale via la restauration collective, la grande "
        "distribution, les restaurateurs et les nouvelles formes de distribution (épicerie "
        "coopérative, etc.).\n\n"
    ) in text
    # An action with a level and typologies of its own shows both; one with its own level only,
    # the level only.
    assert (
        "    - Multiplier les lieux d'acculturation et d'expérimentations aux nouvelles pratiques "
        "agricoles.\n"
        "        Niveau 1 · Simplifier les petites initiatives\n"
        "        Typologies d'acteurs : Ceux qui font projets, Ceux qui accompagnent les "
        "initiatives du territoire\n\n"
    ) in text
    assert (
        "    - Développer des actions de promotion du territoire et d'accueil à destination des "
        "entreprises de l'éco-transition.\n"
        "        Niveau 2 · Aider au portage de projets intermédiaires\n\n"
    ) in text
    # The objective's context, in three paragraphs.
    description = strategy.objectives[0].description
    assert description is not None
    for paragraph in description.split("\n\n"):
        assert f"\n\n{paragraph}\n\n" in text


def test_text_in_english_keeps_the_content_in_its_language() -> None:
    strategy = turbine.examples.load("artois")
    text = details_text(strategy, width=1000, lang="en")
    assert "Territory: Pôle métropolitain de l'Artois" in text
    assert "★ action shown on the synthesis" in text
    assert (
        "Transition objective: Reterritorialisation des filières de production et des pratiques "
        "de consommation\n"
    ) in text
    assert (
        "  Développer la capacité de production agricole durable du territoire\n"
        "    Level 2 · Help carry intermediate projects\n"
        "    Actor typologies: Those who make public policy, Those who make projects, "
        "Those who support the territory's initiatives\n"
    ) in text
    assert "        Level 1 · Simplify small initiatives\n" in text
    assert "Niveau" not in text
    assert "Typologies d'acteurs" not in text


def test_text_is_wrapped_with_hanging_indents() -> None:
    strategy = turbine.examples.load("artois")
    text = details_text(strategy, width=60)
    assert "\n  Construire un système de distribution alimentaire\n  territorial\n" in text
    assert (
        "    ★ Structurer une demande locale via la restauration\n"
        "      collective, la grande distribution, les restaurateurs\n"
        "      et les nouvelles formes de distribution (épicerie\n"
    ) in text
    assert "    Niveau 3 · Porter des projets de transition à ambition\n      métropolitaine\n" in (
        text
    )
    assert all(_cells(line) <= 60 for line in text.splitlines())
    # Wrapping only moves words: the text is the same, but for the line breaks and indents.
    assert text.split() == details_text(strategy, width=1000).split()


def test_text_cuts_words_longer_than_a_line() -> None:
    title = "x" * 100
    objective = Objective(
        id="o",
        title="Objectif",
        meta_actions=[
            MetaAction(
                id="m",
                title="漢字" * 30,
                typologies=["supporters"],
                level=1,
                actions=[Action(id="a", title=title, featured=True)],
            )
        ],
    )
    text = details_text(objective, width=MIN_WIDTH)
    lines = text.splitlines()
    assert all(_cells(line) <= MIN_WIDTH for line in lines)
    assert lines[:2] == ["★ action présentée sur la", "  synthèse"]
    assert lines[2:5] == ["", "Objectif de transition :", "  Objectif"]
    start = 6
    assert lines[start : start + 5] == ["  " + "漢字" * 7] * 4 + ["  " + "漢字" * 2]
    star = lines.index("    ★ " + "x" * 24)
    assert lines[star + 1 : star + 5] == ["      " + "x" * 24] * 3 + ["      " + "x" * 4]


def test_combining_marks_stay_with_their_letter() -> None:
    word = "e\u0301" * 40  # é as a letter and a combining accent
    objective = Objective(
        id="o",
        title="O",
        meta_actions=[MetaAction(id="m", title=word, typologies=["supporters"], level=1)],
    )
    lines = details_text(objective, width=MIN_WIDTH).splitlines()
    meta_lines = [line for line in lines if "e\u0301" in line]
    assert all(line.strip().startswith("e\u0301") for line in meta_lines)
    assert all(_cells(line) == MIN_WIDTH for line in meta_lines[:-1])
    assert "".join(line.strip() for line in meta_lines) == word


def test_display_width() -> None:
    assert _cells("abc") == 3
    assert _cells("漢字") == 4
    assert _cells("e\u0301") == 1
    assert _cells("★ é") == 3
    assert _cells("\u267b\ufe0f") == 2


def _terminal_columns(line: str) -> int:
    """Columns as a terminal draws *line*: an emoji's variation selector makes it wide."""
    columns = 0
    for index, char in enumerate(line):
        if char == "\ufe0f":
            continue
        emoji = line[index + 1 : index + 2] == "\ufe0f"
        if unicodedata.category(char) in {"Mn", "Me", "Cf"}:
            continue
        columns += 2 if emoji or unicodedata.east_asian_width(char) in {"W", "F"} else 1
    return columns


@pytest.mark.parametrize(
    "title",
    ["\u267b\ufe0f" * 40, "Tri \u267b\ufe0f " * 12, "a\u2764\ufe0f" * 25],
    ids=["emoji", "words", "mixed"],
)
def test_emoji_drawn_wide_by_a_variation_selector_fit_the_width(title: str) -> None:
    # "♻" is one column, "♻️" two: the selector counted for none and lines came out too long.
    objective = Objective(id="o", title=title)
    lines = details_text(objective, width=MIN_WIDTH).splitlines()
    assert all(_terminal_columns(line) <= MIN_WIDTH for line in lines), lines
    assert not any(line.lstrip().startswith("\ufe0f") for line in lines)
    assert "".join(line.strip() for line in lines).replace(" ", "").endswith(title.replace(" ", ""))


def test_default_width_is_the_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    strategy = turbine.examples.load("artois")
    monkeypatch.setenv("COLUMNS", "50")
    assert details_text(strategy) == details_text(strategy, width=50)
    monkeypatch.setenv("COLUMNS", "12")  # narrower than a page can be
    assert details_text(strategy) == details_text(strategy, width=MIN_WIDTH)


@pytest.mark.parametrize("width", [MIN_WIDTH - 1, 0, -80, "80", 80.0, True])
def test_bad_widths_are_refused(width: Any) -> None:
    strategy = turbine.examples.load("artois")
    with pytest.raises(RenderError) as caught:
        turbine.render(strategy, "text", width=width)
    assert caught.value.option == "width"
    assert caught.value.renderer == "text"


def _visible_words(text: str) -> str:
    return text.replace(" ", "").replace("\n", "")


@given(
    strategies(max_actions=6),
    st.integers(MIN_WIDTH, 120),
    st.sampled_from(["fr", "en"]),
    st.sampled_from(CHOICES),
)
def test_text_fits_its_width_and_keeps_everything(
    strategy: Strategy, width: int, lang: str, actions: ShownActions
) -> None:
    text = details_text(strategy, width=width, lang=lang, actions=actions)
    assert text.endswith("\n")
    for line in text.splitlines():
        assert _cells(line) <= width, line
        assert line == line.rstrip(" ")
    # Nothing a terminal acts on: every control character is escaped.
    assert all(c == "\n" or unicodedata.category(c) not in UNSAFE_CATEGORIES for c in text)
    # Every title is there, escaped, in document order (line breaks and indents aside).
    flat = _visible_words(text)
    position = 0
    for _, title in expected_outline(strategy, actions):
        found = flat.find(_visible_words(escape_controls(title)), position)
        assert found >= 0, title
        position = found


def test_control_characters_are_escaped() -> None:
    hostile = "Bell\x07 \x1b[2J\x1b]0;title\x07 rtl\u202e end\u2028next\ttab\rcr\x00"
    typology = ActorTypology(id="t", label=LocalizedText(fr="Type\x1b[31m"))
    strategy = Strategy(
        id="s",
        title=hostile,
        language="fr",
        territory=Territory(name="Terr\x1b[0m"),
        description="Desc\x1b[1m\n\nsecond\x9b paragraph",
        typologies=[typology],
        objectives=[
            Objective(
                id="o",
                title=hostile,
                meta_actions=[
                    MetaAction(
                        id="m",
                        title=hostile,
                        typologies=["t"],
                        level=1,
                        description=hostile,
                        actions=[Action(id="a", title=hostile, description=hostile)],
                    )
                ],
            )
        ],
    )
    for text in (
        details_text(strategy, width=MIN_WIDTH),
        details_text(strategy, width=1000),
        details_markdown(strategy),
        summary_text(strategy),
    ):
        assert all(c == "\n" or unicodedata.category(c) not in UNSAFE_CATEGORIES for c in text)
        assert "\\u001b" in text
        assert "\\u202e" in text
    wide = details_text(strategy, width=1000)
    assert (
        "Bell\\u0007 \\u001b[2J\\u001b]0;title\\u0007 rtl\\u202e end\\u2028next\\u0009tab" in wide
    )
    assert "Type\\u001b[31m" in wide
    assert "second\\u009b paragraph" in wide


def test_an_axis_or_an_objective_alone() -> None:
    strategy = turbine.examples.synthetic(n_actions=30, n_objectives=3, objectives_per_axis=2)
    axis = strategy.axes[0]
    text = details_text(axis, width=1000)
    assert text.startswith(
        "★ action présentée sur la synthèse\n\nAxe stratégique : Axe 0\n-----------------------\n"
    )
    assert text_outline(text) == expected_outline(
        attrs.evolve(strategy, axes=[axis], objectives=[]), "all"
    )
    assert "Territoire" not in text
    # An objective with its strategy is shown under its axis; without it, alone.
    objective = axis.objectives[1]
    with_axis = details_text(objective, strategy=strategy, width=1000)
    assert text_outline(with_axis)[:2] == [("axis", "Axe 0"), ("objective", objective.title)]
    alone = details_text(objective, width=1000)
    assert alone.startswith("★ action présentée sur la synthèse\n\nObjectif de transition : ")
    # An empty axis is still shown.
    empty = Axis(id="x", title="Vide")
    assert details_text(empty, width=40) == "Axe stratégique : Vide\n----------------------\n"
    assert details_markdown(empty) == "# Vide\n"


def test_labels_come_from_the_strategy_when_given() -> None:
    strategy = turbine.loads(json.dumps(small_document()))
    objective = strategy.axes[0].objectives[0]
    own = details_text(objective, strategy=strategy, width=1000)
    assert "    Niveau 1 · Simplifier\n    Typologies d'acteurs : Politiques, Habitants\n" in own
    assert "        Niveau 2 · Aider\n        Typologies d'acteurs : Habitants\n" in own
    canonical = details_text(objective, width=1000)
    assert "    Niveau 1 · Simplifier les petites initiatives\n" in canonical
    assert (
        "    Typologies d'acteurs : Ceux qui font les politiques publiques, "
        "Ceux qui habitent le territoire\n"
    ) in canonical
    # A label without English falls back to the language it has.
    english = details_text(objective, strategy=strategy, width=1000, lang="en")
    assert "    Level 1 · Simplifier\n    Actor typologies: Politiques, Habitants\n" in english
    assert "        Level 2 · Help\n" in english


def test_undefined_levels_and_typologies_are_shown_as_their_codes() -> None:
    objective = Objective(
        id="o",
        title="O",
        meta_actions=[MetaAction(id="m", title="M", typologies=["nobody"], level=9)],
    )
    text = details_text(objective, width=80)
    assert "  M\n    Niveau 9\n    Typologies d'acteurs : nobody\n" in text


# -- Markdown --------------------------------------------------------------------------------------


def parse(text: str) -> list[Token]:
    """CommonMark, with GFM tables and strikethrough: what a report viewer may enable."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def inline_text(token: Token) -> list[str]:
    """The lines an inline token renders to, as text (hard and soft breaks split lines)."""
    lines = [""]
    for child in token.children or []:
        if child.type in {"hardbreak", "softbreak"}:
            lines.append("")
        elif child.type == "text":
            lines[-1] += child.content
        else:
            lines[-1] += f"<{child.type}>"
    return lines


def markdown_outline(tokens: list[Token]) -> list[tuple[str, int, str]]:
    """Headings as ("h", level, text) and list items as ("li", depth, first line), in order."""
    outline: list[tuple[str, int, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            outline.append(("h", int(token.tag[1]), "\n".join(inline_text(tokens[index + 1]))))
        elif token.type == "list_item_open":
            inline = tokens[index + 2]  # after the paragraph's opening, unless the item is empty
            first = inline_text(inline)[0] if inline.type == "inline" else ""
            outline.append(("li", token.level, first.strip()))
    return outline


def expected_markdown(
    strategy: Strategy, actions: str, *, transform: Any = str
) -> list[tuple[str, int, str]]:
    outline: list[tuple[str, int, str]] = [("h", 1, transform(strategy.title))]

    def objective(objective: Objective, level: int) -> None:
        outline.append(("h", level, transform(objective.title)))
        for meta_action in objective.meta_actions:
            outline.append(("h", level + 1, transform(meta_action.title)))
            outline.extend(
                ("li", 1, ("★ " if action.featured else "") + transform(action.title))
                for action in meta_action.actions
                if _shown(action, actions)
            )

    for axis in strategy.axes:
        outline.append(("h", 2, transform(axis.title)))
        for each in axis.objectives:
            objective(each, 3)
    for each in strategy.objectives:
        objective(each, 2)
    return outline


@pytest.mark.parametrize("actions", CHOICES)
def test_markdown_lists_every_entry_in_order(actions: ShownActions) -> None:
    strategy = turbine.examples.synthetic(n_actions=70, n_objectives=7, objectives_per_axis=3)
    tokens = parse(details_markdown(strategy, actions=actions))
    assert markdown_outline(tokens) == expected_markdown(strategy, actions)
    meta_actions_with_actions = sum(
        any(_shown(a, actions) for a in m.actions) for m in strategy.iter_meta_actions()
    )
    assert sum(t.type == "bullet_list_open" for t in tokens) == meta_actions_with_actions


def test_markdown_of_the_example() -> None:
    strategy = turbine.examples.load("artois")
    text = details_markdown(strategy, lang="en")
    tokens = parse(text)
    assert markdown_outline(tokens) == expected_markdown(strategy, "all")
    paragraphs = [inline_text(t) for t in tokens if t.type == "inline"]
    assert [
        (
            "Territory: Pôle métropolitain de l'Artois (CA de Béthune-Bruay Artois-Lys Romane, "
            "CA de Lens-Liévin, CA d'Hénin-Carvin)"
        ),
        (
            "Source: « La Turbine de l'éco-transition », synthèse graphique des ateliers, "
            "Pôle métropolitain de l'Artois"
        ),
    ] in paragraphs
    assert ["★ action shown on the synthesis"] in paragraphs
    assert [
        "Level 3 · Carry transition projects of metropolitan ambition",
        (
            "Actor typologies: Those who make public policy, Those who make projects, "
            "Those who live in the territory"
        ),
    ] in paragraphs
    assert [
        (
            "Multiplier les lieux d'acculturation et d'expérimentations aux nouvelles pratiques "
            "agricoles."
        ),
        "Level 1 · Simplify small initiatives",
        "Actor typologies: Those who make projects, Those who support the territory's initiatives",
    ] in paragraphs
    description = strategy.objectives[0].description
    assert description is not None
    for paragraph in description.split("\n\n"):
        assert [paragraph] in paragraphs
    assert "\n\n\n" not in text
    assert text.endswith(".\n")


HOSTILE = (
    "<script>alert(1)</script>",
    "**bold**",
    "*em* and _em_",
    "# heading",
    "## heading ##",
    "title ##",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "2) item",
    "1986. A year",
    "> quote",
    "[x](javascript:alert(1))",
    "![img](x.png)",
    "[ref]: http://example.com",
    "<http://example.com>",
    "`code`",
    "``` fence",
    "~~~ fence",
    "a | b | c",
    "~~strike~~",
    "&amp; &#x41; &copy",
    "back\\slash\\",
    "\\*not emphasis\\*",
    "---",
    "***",
    "===",
    "<div>block</div>",
    "<!-- comment -->",
)

FORBIDDEN = {
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "em_open",
    "strong_open",
    "code_inline",
    "code_block",
    "fence",
    "s_open",
    "table_open",
    "blockquote_open",
    "hr",
    "ordered_list_open",
}


def _hostile_strategy() -> Strategy:
    hostile = list(HOSTILE)
    typologies = [
        ActorTypology(id=f"t{i}", label=LocalizedText(fr=label)) for i, label in enumerate(hostile)
    ]
    meta_actions = [
        MetaAction(
            id=f"m{i}",
            title=title,
            typologies=[f"t{i}"],
            level=1,
            description=title,
            actions=[
                Action(id=f"a{i}", title=title, featured=i % 2 == 0),
                Action(id=f"b{i}", title=title, typologies=[f"t{i}"], description=title),
            ],
        )
        for i, title in enumerate(hostile)
    ]
    return Strategy(
        id="hostile",
        title="<b>Strat</b> # [égie](x) *1*",
        language="fr",
        territory=Territory(name="- Territoire", members=["<i>m</i>", "1. m"]),
        description="\n\n".join(hostile),
        typologies=typologies,
        axes=[
            Axis(
                id=f"x{i}",
                title=title,
                description=title,
                objectives=[Objective(id=f"o{i}", title=title, meta_actions=[meta_actions[i]])],
            )
            for i, title in enumerate(hostile[:3])
        ],
        objectives=[
            Objective(id=f"o{i}", title=title, description=title, meta_actions=[meta_actions[i]])
            for i, title in enumerate(hostile)
            if i >= 3
        ],
    )


def _all_tokens(tokens: list[Token]) -> list[Token]:
    found: list[Token] = []
    for token in tokens:
        found.append(token)
        found.extend(_all_tokens(token.children or []))
    return found


def test_markdown_escapes_hostile_titles() -> None:
    strategy = _hostile_strategy()
    text = details_markdown(strategy)
    tokens = parse(text)
    kinds = {token.type for token in _all_tokens(tokens)}
    assert not kinds & FORBIDDEN, text
    # Exactly the headings and list items of the page, each reading as its title.
    assert markdown_outline(tokens) == expected_markdown(strategy, "all")
    assert sum(t.type == "bullet_list_open" for t in tokens) == len(HOSTILE)
    paragraphs = [inline_text(t) for t in tokens if t.type == "inline"]
    # Typology labels, descriptions and the territory are content too.
    for i, title in enumerate(HOSTILE):
        assert [
            "Niveau 1 · Simplifier les petites initiatives",
            f"Typologies d'acteurs : {title}",
        ] in paragraphs, i
        assert [title] in paragraphs
        assert [
            title,
            f"Typologies d'acteurs : {title}",
        ] in paragraphs, i
    assert [
        "Territoire : - Territoire (<i>m</i>, 1. m)",
    ] in paragraphs
    # The strategy's description: one paragraph for each of its own.
    first = paragraphs.index(["Territoire : - Territoire (<i>m</i>, 1. m)"])
    assert paragraphs[first + 1 : first + 1 + len(HOSTILE)] == [[title] for title in HOSTILE]


def test_markdown_escapes_hostile_text_with_any_extension() -> None:
    # Linkify aside (it finds bare URLs in any text), the commonmark and gfm-like presets read
    # the page the same way.
    strategy = _hostile_strategy()
    tokens = MarkdownIt("gfm-like", {"linkify": False}).parse(details_markdown(strategy))
    kinds = {token.type for token in _all_tokens(tokens)}
    assert not kinds & FORBIDDEN


def test_markdown_titles_are_one_line() -> None:
    title = "first line\nsecond line\r\n- third\u2028fourth"
    strategy = attrs.evolve(
        turbine.examples.load("artois"),
        title=title,
        objectives=[
            Objective(
                id="o",
                title=title,
                meta_actions=[
                    MetaAction(
                        id="m",
                        title=title,
                        typologies=["supporters"],
                        level=2,
                        actions=[Action(id="a", title=title)],
                    )
                ],
            )
        ],
    )
    tokens = parse(details_markdown(strategy))
    one_line = "first line second line - third fourth"
    assert markdown_outline(tokens) == [
        ("h", 1, one_line),
        ("h", 2, one_line),
        ("h", 3, one_line),
        ("li", 1, one_line),
    ]
    assert not {t.type for t in _all_tokens(tokens)} & FORBIDDEN


@given(strategies(max_actions=6), st.sampled_from(["fr", "en"]), st.sampled_from(CHOICES))
def test_markdown_structure_of_any_strategy(
    strategy: Strategy, lang: str, actions: ShownActions
) -> None:
    text = details_markdown(strategy, lang=lang, actions=actions)
    assert all(c == "\n" or unicodedata.category(c) not in UNSAFE_CATEGORIES for c in text)
    tokens = parse(text)
    assert not {t.type for t in _all_tokens(tokens)} & FORBIDDEN
    # CommonMark strips a heading's or a paragraph's outer spaces, and turns NUL into U+FFFD.
    outline = markdown_outline(tokens)
    expected = expected_markdown(strategy, actions, transform=_as_markdown_reads)
    assert [(kind, level) for kind, level, _ in outline] == [(k, v) for k, v, _ in expected]
    for (_, _, got), (_, _, want) in zip(outline, expected, strict=True):
        assert got.strip() == want.strip()


# Texts made of what CommonMark (and GFM) give a meaning to.
markdown_texts = st.text(alphabet="\\`*_[]<>#|~!&;:/-+=.()0123456789 aAx\n\t", max_size=24)


@given(markdown_texts, markdown_texts, markdown_texts, st.booleans())
def test_markdown_reads_any_title_as_itself(
    title: str, meta_title: str, description: str, featured: bool
) -> None:
    objective = Objective(
        id="o",
        title=title,
        description=description,
        meta_actions=[
            MetaAction(
                id="m",
                title=meta_title,
                typologies=["supporters"],
                level=1,
                description=description,
                actions=[
                    Action(id="a", title=title, featured=featured, level=2),
                    Action(id="b", title=meta_title, description=description),
                ],
            )
        ],
    )
    tokens = parse(details_markdown(objective))
    assert not {t.type for t in _all_tokens(tokens)} & FORBIDDEN
    star = "★ " if featured else ""
    assert markdown_outline(tokens) == [
        ("h", 1, _as_markdown_reads(title)),
        ("h", 2, _as_markdown_reads(meta_title)),
        ("li", 1, (star + _as_markdown_reads(title)).strip()),
        ("li", 1, _as_markdown_reads(meta_title)),
    ]
    # Paragraphs are separated by blank lines; their lines are joined.
    described = [
        [escape_controls(" ".join(line.strip() for line in p.split("\n") if line.strip()))]
        for p in re.split(r"\n[ \t]*\n", description)
        if p.strip()
    ]
    assert [[line.strip() for line in inline_text(t)] for t in tokens if t.type == "inline"] == [
        *([["★ action présentée sur la synthèse"]] if featured else []),
        [_as_markdown_reads(title)],
        *described,
        [_as_markdown_reads(meta_title)],
        [
            "Niveau 1 · Simplifier les petites initiatives",
            "Typologies d'acteurs : Ceux qui accompagnent les initiatives du territoire",
        ],
        *described,
        [
            (star + _as_markdown_reads(title)).strip(),
            "Niveau 2 · Aider au portage de projets intermédiaires",
        ],
        [_as_markdown_reads(meta_title)],
        *described,
    ]


def _as_markdown_reads(title: str) -> str:
    return escape_controls(" ".join(title.splitlines()).strip())


# -- the summary -----------------------------------------------------------------------------------


def test_summary_is_the_info_commands() -> None:
    strategy = turbine.examples.load("artois")
    assert summary_text(strategy) == summarize(strategy)
    assert summary_text(strategy, lang="en") == summarize(strategy, lang="en")
    assert turbine.render(strategy, "summary", lang="en") == summarize(strategy, lang="en")


def test_summary_renders_strategies_only() -> None:
    strategy = turbine.examples.load("artois")
    objective = strategy.objectives[0]
    with pytest.raises(RenderError, match="renders Strategy, not Objective") as caught:
        turbine.render(objective, "summary")
    assert caught.value.renderer == "summary"
    with pytest.raises(RenderError, match="renders a Strategy, not Objective"):
        SummaryRenderer().render(objective)
    with pytest.raises(RenderError, match="renders a Strategy, not Objective"):
        summary_text(objective)  # type: ignore[arg-type]


# -- the renderers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("renderer", "name", "suffixes", "accepts"),
    [
        (TextRenderer(), "text", (".txt",), (Strategy, Axis, Objective)),
        (MarkdownRenderer(), "markdown", (".md",), (Strategy, Axis, Objective)),
        (SummaryRenderer(), "summary", (".txt",), (Strategy,)),
    ],
)
def test_renderers_are_registered(
    renderer: Renderer, name: str, suffixes: tuple[str, ...], accepts: tuple[type, ...]
) -> None:
    assert isinstance(renderer, Renderer)
    assert renderer.name == name
    assert renderer.suffixes == suffixes
    assert renderer.accepts == accepts
    assert renderer.returns == "text"
    assert renderer.description
    assert type(renderers.get(name)) is type(renderer)
    assert name in renderers.available()


def test_render_through_the_registry() -> None:
    strategy = turbine.examples.load("artois")
    assert turbine.render(strategy, "text", width=72) == details_text(strategy, width=72)
    assert turbine.render(strategy, "text", width=72, lang="en", actions="featured") == (
        details_text(strategy, width=72, lang="en", actions="featured")
    )
    assert turbine.render(strategy, "markdown", lang="en") == details_markdown(strategy, lang="en")
    objective = strategy.objectives[0]
    assert turbine.render(objective, "markdown", strategy=strategy) == details_markdown(
        objective, strategy=strategy
    )


def test_write_files(tmp_path: Path) -> None:
    strategy = turbine.examples.load("artois")
    renderers.write(strategy, tmp_path / "x.md")
    assert (tmp_path / "x.md").read_text(encoding="utf-8") == details_markdown(strategy)
    # A text file does not follow the terminal: 80 columns unless told otherwise.
    renderers.write(strategy, tmp_path / "x.txt")
    assert (tmp_path / "x.txt").read_bytes() == details_text(strategy, width=80).encode("utf-8")
    renderers.write(strategy, tmp_path / "narrow.txt", "text", width=40, lang="en")
    narrow = (tmp_path / "narrow.txt").read_text(encoding="utf-8")
    assert narrow == details_text(strategy, width=40, lang="en")
    renderers.write(strategy, tmp_path / "summary.txt", "summary", lang="en")
    assert (tmp_path / "summary.txt").read_text(encoding="utf-8") == summarize(strategy, lang="en")
    with pytest.raises(RenderError) as caught:
        renderers.write(strategy, tmp_path / "x.md", "text")
    assert caught.value.path == str(tmp_path / "x.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "narrow.txt",
        "summary.txt",
        "x.md",
        "x.txt",
    ]


@pytest.mark.parametrize(
    ("name", "options", "option"),
    [
        ("text", {"lang": "de"}, "lang"),
        ("text", {"actions": "some"}, "actions"),
        ("text", {"actions": None}, "actions"),
        ("text", {"strategy": "artois"}, "strategy"),
        ("text", {"colour": True}, "colour"),
        ("markdown", {"lang": "EN"}, "lang"),
        ("markdown", {"actions": "featured only"}, "actions"),
        ("markdown", {"width": 80}, "width"),
        ("summary", {"lang": "br"}, "lang"),
        ("summary", {"actions": "all"}, "actions"),
    ],
)
def test_bad_options_are_refused(name: str, options: dict[str, Any], option: str) -> None:
    strategy = turbine.examples.load("artois")
    with pytest.raises(RenderError) as caught:
        turbine.render(strategy, name, **options)
    assert caught.value.option == option
    assert caught.value.renderer == name


@pytest.mark.parametrize("function", [details_text, details_markdown])
def test_only_strategies_axes_and_objectives_are_rendered(function: Any) -> None:
    strategy = turbine.examples.load("artois")
    with pytest.raises(RenderError, match="not MetaAction"):
        function(strategy.objectives[0].meta_actions[0])
    with pytest.raises(RenderError, match="not dict"):
        function({"title": "x"})


# -- the documentation -----------------------------------------------------------------------------

DOCS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "renderers" / "text.md"


def _fenced(page: str, opening: str) -> str:
    """The body of the first fenced block that starts with the line *opening*."""
    start = page.index(opening + "\n") + len(opening) + 1
    return page[start : page.index("\n```\n", start) + 1]


@pytest.mark.skipif(not DOCS_PAGE.exists(), reason="the documentation is not installed")
def test_the_documented_outputs_are_real() -> None:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    strategy = turbine.examples.load("artois")
    assert _fenced(page, "```text") == details_text(strategy, width=72)
    assert _fenced(page, "```markdown") in details_markdown(strategy, lang="en")
    assert _fenced(page, "$ turbine info artois.json") == summarize(strategy)
