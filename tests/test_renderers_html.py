from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from attrs import Factory
from hypothesis import given
from hypothesis import strategies as st

import turbine
from turbine import (
    Action,
    ActorTypology,
    Axis,
    LocalizedText,
    MetaAction,
    Objective,
    Provenance,
    RenderError,
    ServiceLevel,
    Strategy,
    Territory,
    renderers,
)
from turbine.renderers import Renderer
from turbine.renderers._common import Legend
from turbine.renderers._html import REPR_MAX_OBJECTIVES, HtmlRenderer, matrix_html, repr_html
from turbine.renderers._matrix import _CHECKER, _WORDS, level_colours
from turbine.renderers._mpl import typology_colours
from turbine.vocabulary import SERVICE_LEVELS, TYPOLOGIES

from .strategies import strategies

if TYPE_CHECKING:
    from turbine.renderers._common import ShownActions

HEX = re.compile(r"#[0-9a-fA-F]{6}")
VOID = frozenset({"meta", "br", "img", "hr", "input", "link", "col", "wbr", "source"})

# -- a small tree of the HTML, from the standard library's parser ---------------------------------


@attrs.define
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = Factory(list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None, cls: str | None = None) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (
                    cls is None or cls in (child.attrs.get("class") or "").split()
                ):
                    yield child
                yield from child.iter(tag, cls)

    def all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return list(self.iter(tag, cls))

    def one(self, tag: str | None = None, cls: str | None = None) -> Node:
        (found,) = self.iter(tag, cls)
        return found

    def style(self) -> dict[str, str]:
        declarations = (d.split(":", 1) for d in (self.attrs.get("style") or "").split(";") if d)
        return {name.strip(): value.strip() for name, value in declarations}


class TreeBuilder(HTMLParser):
    """Builds a Node tree, failing on any end tag that does not close the open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.start_tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.declarations: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start_tags.append((tag, attrs))
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start_tags.append((tag, attrs))
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)


def parse(text: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder


def sections(text: str) -> list[Node]:
    return parse(text).root.all("section", "turbine-objective")


def cells_of(section: Node) -> list[tuple[str, str, str, str]]:
    """Every filled cell as (row kind, row id, typology, level), read from the table."""
    found = []
    headers = [th.attrs["data-typology"] for th in section.one("thead").all("th")]
    for tr in section.one("table").all("tr"):
        if tr.attrs.get("class") is None:
            continue
        kind = (tr.attrs["class"] or "").removeprefix("turbine-")
        tds = tr.all("td")
        assert len(tds) == len(headers)
        for column, td in enumerate(tds):
            if td.attrs.get("class") == "turbine-cell":
                assert td.attrs["data-typology"] == headers[column]
                assert td.text() == td.attrs["data-level"]
                found.append(
                    (kind, str(tr.attrs["data-id"]), str(headers[column]), td.text().strip())
                )
            else:
                assert td.text() == ""
    return found


def expected_cells(
    objective: Objective, actions: ShownActions = "featured"
) -> list[tuple[str, str, str, str]]:
    """The cells the matrix must have, from the model alone."""
    found = []
    for meta in objective.meta_actions:
        found += [
            ("meta-action", meta.id, t, str(meta.level)) for t in dict.fromkeys(meta.typologies)
        ]
        for action in meta.actions:
            shown = actions == "all" or (actions == "featured" and action.featured)
            if shown and (action.typologies is not None or action.level is not None):
                found += [
                    ("action", action.id, t, str(meta.level_of(action)))
                    for t in dict.fromkeys(meta.typologies_of(action))
                ]
    return found


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


@pytest.fixture(scope="module")
def big() -> Strategy:
    return turbine.examples.synthetic(n_actions=600, seed=3)


# -- the renderer ---------------------------------------------------------------------------------


def test_the_renderer_is_registered_and_satisfies_the_protocol() -> None:
    renderer = renderers.get("html")
    assert isinstance(renderer, HtmlRenderer)
    assert isinstance(renderer, Renderer)
    assert renderer.name == "html"
    assert renderer.returns == "text"
    assert renderer.suffixes == (".html", ".htm")
    assert renderer.accepts == (Strategy, Axis, Objective)
    assert renderer.description


def test_render_is_matrix_html(artois: Strategy) -> None:
    assert turbine.render(artois, "html") == matrix_html(artois)
    assert turbine.render(artois, "html", lang="en", actions="all") == matrix_html(
        artois, lang="en", actions="all"
    )


# -- what the tables show ------------------------------------------------------------------------


@pytest.mark.parametrize("actions", ["featured", "all", "none"])
def test_one_filled_cell_per_carrying_typology_and_nothing_else(
    artois: Strategy, actions: ShownActions
) -> None:
    (section,) = sections(matrix_html(artois, actions=actions))
    (objective,) = artois.objectives
    assert Counter(cells_of(section)) == Counter(expected_cells(objective, actions))


def test_artois_has_action_rows_with_their_own_cells(artois: Strategy) -> None:
    # The example must exercise both kinds of action row, or the test above proves little.
    (section,) = sections(matrix_html(artois, actions="all"))
    kinds = {kind for kind, *_ in cells_of(section)}
    assert kinds == {"meta-action", "action"}
    plain = [tr for tr in section.all("tr", "turbine-action") if not tr.all("td", "turbine-cell")]
    assert plain


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_column_headers_are_the_typology_labels(artois: Strategy, lang: str) -> None:
    (section,) = sections(matrix_html(artois, lang=lang))
    headers = [th.text() for th in section.one("thead").all("th")]
    assert headers == [t.label[lang] for t in artois.typologies]
    assert all(th.attrs["scope"] == "col" for th in section.one("thead").all("th"))


@pytest.mark.parametrize("actions", ["featured", "all", "none"])
def test_row_headers_are_the_meta_actions_with_their_shown_actions(
    artois: Strategy, actions: ShownActions
) -> None:
    (section,) = sections(matrix_html(artois, actions=actions))
    rows = [
        (tr.attrs["class"], tr.one("th").text())
        for tr in section.one("table").all("tr")
        if "class" in tr.attrs
    ]
    expected = []
    for meta in artois.objectives[0].meta_actions:
        expected.append(("turbine-meta-action", meta.title))
        for action in meta.actions:
            if actions == "all" or (actions == "featured" and action.featured):
                mark = "\N{BLACK STAR}" if actions == "all" and action.featured else "\N{EN DASH}"
                expected.append(("turbine-action", f"{mark} {action.title}"))
    assert rows == expected
    # One <tbody> per meta-action: its block of the checkerboard.
    assert len(section.all("tbody")) == len(artois.objectives[0].meta_actions)


def test_cells_have_the_level_colour_and_number(artois: Strategy) -> None:
    colours = level_colours(artois.service_levels)
    (section,) = sections(matrix_html(artois, actions="all"))
    cells = section.all("td", "turbine-cell")
    assert cells
    for td in cells:
        level = int(str(td.attrs["data-level"]))
        style = td.style()
        assert style["background"] == colours[level]
        assert td.text() == str(level)
        assert style["color"] in {"#1a1a1a", "#ffffff"}
    # The darkest level is written in white, the lightest in black.
    by_level = {int(str(td.attrs["data-level"])): td.style()["color"] for td in cells}
    assert by_level[1] == "#1a1a1a"
    assert by_level[3] == "#ffffff"


def test_empty_cells_make_a_checkerboard(artois: Strategy) -> None:
    (section,) = sections(matrix_html(artois, actions="all"))
    for block, tbody in enumerate(section.all("tbody")):
        for tr in tbody.all("tr"):
            for column, td in enumerate(tr.all("td")):
                if td.attrs.get("class") != "turbine-cell":
                    checker = (block + column) % 2 == 0
                    assert td.style()["background"] == (_CHECKER if checker else "#ffffff")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_legend_names_typologies_and_levels(artois: Strategy, lang: str) -> None:
    (section,) = sections(matrix_html(artois, lang=lang))
    legend = section.one("div", "turbine-legend")
    typologies = legend.one("div", "turbine-legend-typologies")
    levels = legend.one("div", "turbine-legend-levels")
    assert typologies.all("div")[0].text() == _WORDS[lang]["actors"]
    assert levels.all("div")[0].text() == _WORDS[lang]["services"]
    assert [li.text() for li in typologies.all("li")] == [t.label[lang] for t in artois.typologies]
    colours = level_colours(artois.service_levels)
    word = "Niveau" if lang == "fr" else "Level"
    items = levels.all("li")
    assert len(items) == len(artois.service_levels)
    for li, level in zip(items, sorted(artois.service_levels), strict=True):
        swatch = li.one("span")
        assert swatch.text() == str(level.code)
        assert swatch.style()["background"] == colours[level.code]
        assert li.text() == f"{level.code}{word} {level.code} · {level.label[lang]}"


def test_the_caption_and_header_name_the_objective_and_strategy(artois: Strategy) -> None:
    tree = parse(matrix_html(artois)).root
    header = tree.one("div", "turbine-strategy")
    assert artois.title in header.text()
    assert artois.territory.name in header.text()
    assert "1 objectif · 5 méta-actions · 8 actions" in header.text()
    (section,) = tree.all("section", "turbine-objective")
    assert section.one("caption").text() == artois.objectives[0].title
    source = tree.one("p", "turbine-source").text()
    assert artois.provenance is not None
    assert source == f"Source : {artois.provenance.source}"


def test_an_objective_with_its_strategy_names_both_and_uses_its_typologies() -> None:
    custom = ActorTypology(id="policy-makers", label=LocalizedText(fr="Élus", en="Elected"))
    objective = Objective(
        id="o",
        title="O",
        meta_actions=[MetaAction(id="m", title="M", typologies=["policy-makers"], level=1)],
    )
    axis = Axis(id="x", title="Axe X", objectives=[objective])
    strategy = Strategy(
        id="s",
        title="S",
        language="fr",
        territory=Territory(name="T"),
        typologies=[custom],
        axes=[axis],
    )
    (section,) = sections(matrix_html(objective, strategy=strategy))
    assert [div.text() for div in section.one("caption").all("div")] == ["S", "Axe X", "O"]
    assert [th.text() for th in section.one("thead").all("th")] == ["Élus"]
    # Alone, it takes turbine's canonical typologies.
    (alone,) = sections(matrix_html(objective))
    assert [th.text() for th in alone.one("thead").all("th")] == [t.label["fr"] for t in TYPOLOGIES]
    assert [div.text() for div in alone.one("caption").all("div")] == ["O"]


def test_an_axis_has_a_header_and_one_table_per_objective(big: Strategy) -> None:
    axis = big.axes[0]
    tree = parse(matrix_html(axis, strategy=big, lang="en")).root
    header = tree.one("div", "turbine-axis")
    assert axis.title in header.text()
    assert big.title in header.text()
    assert f"{len(axis.objectives)} objectives" in header.text()
    found = [s.attrs["data-objective"] for s in tree.all("section", "turbine-objective")]
    assert found == [o.id for o in axis.objectives]


def test_an_empty_strategy_has_a_header_only() -> None:
    empty = Strategy(id="e", title="Vide", language="fr", territory=Territory(name="Nulle part"))
    tree = parse(matrix_html(empty)).root
    assert tree.all("table") == []
    assert "0 objectif" in tree.one("div", "turbine-strategy").text()


def test_an_objective_without_meta_actions_has_headers_only() -> None:
    (section,) = sections(matrix_html(Objective(id="o", title="O")))
    assert section.all("tbody") == []
    assert len(section.one("thead").all("th")) == len(TYPOLOGIES)


# -- hostile content ------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
QUOTES = 'l\'"éco" & <b>transition</b>'
BAD_COLOURS = (
    "red;background:url(javascript:alert(1))",
    '#aabbcc" onmouseover="alert(1)',
    "#aabbcc\n",
    "#abc",
    "expression(alert(1))",
)


def hostile_strategy() -> Strategy:
    levels = [
        ServiceLevel(code=1, label=LocalizedText(fr=SCRIPT, en=IMG), color=BAD_COLOURS[0]),
        ServiceLevel(code=2, label=LocalizedText(fr=QUOTES), color=BAD_COLOURS[1]),
        ServiceLevel(code=3, label=LocalizedText(fr="ok"), color=BAD_COLOURS[2]),
    ]
    typologies = [
        ActorTypology(id=IMG, label=LocalizedText(fr=SCRIPT, en=QUOTES), color=BAD_COLOURS[3]),
        ActorTypology(id=SCRIPT, label=LocalizedText(fr=IMG), color=BAD_COLOURS[4]),
    ]
    actions = [
        Action(id=SCRIPT, title=IMG, featured=True, level=3, typologies=[SCRIPT]),
        Action(id=QUOTES, title=SCRIPT, featured=False),
    ]
    meta = MetaAction(id=IMG, title=SCRIPT, typologies=[IMG, SCRIPT], level=1, actions=actions)
    objective = Objective(id=IMG, title=QUOTES, meta_actions=[meta])
    return Strategy(
        id=SCRIPT,
        title=SCRIPT,
        language=IMG,
        territory=Territory(name=IMG),
        provenance=Provenance(source=SCRIPT),
        service_levels=levels,
        typologies=typologies,
        axes=[Axis(id=QUOTES, title=IMG, objectives=[objective])],
        objectives=[attrs.evolve(objective, id="loose", title=SCRIPT)],
    )


def assert_harmless(text: str) -> TreeBuilder:
    builder = parse(text)
    tags = {tag for tag, _ in builder.start_tags}
    assert not tags & {"script", "img", "b", "iframe", "object", "embed", "style", "a"}
    for _, attributes in builder.start_tags:
        for name, value in attributes:
            assert not name.startswith("on"), name
            assert name in {
                "class",
                "style",
                "scope",
                "title",
                "lang",
                "charset",
                "name",
                "content",
                "role",
                "aria-level",
                "aria-hidden",
            } or name.startswith("data-"), name
            if name == "style":
                assert value is not None
                for colour in BAD_COLOURS:
                    assert colour not in value
                assert "url(" not in value
                assert "expression" not in value
                for token in re.findall(r"#[^;,\s)]*", value):
                    assert HEX.fullmatch(token), token
    for raw in (SCRIPT, "<img", "<b>"):
        assert raw not in text
    return builder


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("actions", ["featured", "all"])
def test_hostile_texts_are_escaped_and_shown(lang: str, actions: ShownActions) -> None:
    strategy = hostile_strategy()
    page = matrix_html(strategy, lang=lang, actions=actions, standalone=True)
    root = assert_harmless(page).root
    shown = root.text()
    for text in (SCRIPT, IMG, QUOTES):
        assert text in shown
    assert root.one("title").text() == SCRIPT
    assert root.one("html").attrs["lang"] == IMG
    for section, objective in zip(sections(page), strategy.iter_objectives(), strict=True):
        assert Counter(cells_of(section)) == Counter(expected_cells(objective[0], actions))
        assert section.attrs["data-objective"] == objective[0].id


def test_hostile_colours_never_reach_a_style() -> None:
    strategy = hostile_strategy()
    page = matrix_html(strategy)
    assert_harmless(page)
    # The levels take the Turbine's colours, by rank, in their place.
    cleaned = [attrs.evolve(level, color=None) for level in strategy.service_levels]
    colours = level_colours(cleaned)
    for td in parse(page).root.all("td", "turbine-cell"):
        assert td.style()["background"] == colours[int(str(td.attrs["data-level"]))]


def test_a_valid_colour_is_kept() -> None:
    levels = [attrs.evolve(SERVICE_LEVELS[0], color="#123ABC"), *SERVICE_LEVELS[1:]]
    strategy = attrs.evolve(hostile_strategy(), service_levels=levels)
    (section, _) = sections(matrix_html(strategy))
    cells = section.all("td", "turbine-cell")
    assert {td.style()["background"] for td in cells if td.text() == "1"} == {"#123abc"}


def test_hostile_repr_html_is_harmless() -> None:
    strategy = hostile_strategy()
    assert_harmless(strategy._repr_html_())
    assert_harmless(strategy.axes[0]._repr_html_())
    assert_harmless(strategy.objectives[0]._repr_html_())


def test_unwritable_characters_are_replaced() -> None:
    objective = Objective(id="o", title="a\ud800b\x00c")
    text = matrix_html(objective, standalone=True)
    text.encode("utf-8")
    assert "a\ufffdb\ufffdc" in text


# -- odd but constructible data -------------------------------------------------------------------


def odd_objective() -> Objective:
    return Objective(
        id="o",
        title="Odd",
        meta_actions=[
            MetaAction(id="m", title="M", typologies=["nobody", "inhabitants"], level=7),
            MetaAction(
                id="n",
                title="N",
                typologies=["inhabitants"],
                level=0,  # the format refuses it (codes start at 1): drawn all the same
                actions=[Action(id="a", title="A", featured=True, typologies=["ghosts"])],
            ),
        ],
    )


def test_unknown_typologies_and_levels_get_stand_ins() -> None:
    objective = odd_objective()
    (section,) = sections(matrix_html(objective))
    headers = [th.text() for th in section.one("thead").all("th")]
    assert headers == [*(t.label["fr"] for t in TYPOLOGIES), "nobody", "ghosts"]
    assert Counter(cells_of(section)) == Counter(expected_cells(objective))
    levels = section.one("div", "turbine-legend-levels")
    codes = [li.attrs["data-level"] for li in levels.all("li")]
    assert codes == ["0", "1", "2", "3", "7"]
    for td in section.all("td", "turbine-cell"):
        assert HEX.fullmatch(td.style()["background"])


def test_repr_html_never_raises_on_odd_data() -> None:
    objective = odd_objective()
    strategy = Strategy(
        id="s",
        title="S",
        language="fr",
        territory=Territory(name="T"),
        service_levels=[],
        typologies=[],
        objectives=[objective],
    )
    for obj in (objective, strategy, Axis(id="x", title="X", objectives=[objective])):
        page = obj._repr_html_()
        assert len(sections(page)) == 1


def test_values_of_the_wrong_type_are_refused_with_their_place() -> None:
    # A level code that is not a whole number is no level at all: every renderer refuses it,
    # naming its place, rather than drawing a guess (or failing from deep inside).
    odd = odd_objective()
    meta_action = attrs.evolve(odd.meta_actions[1], level="x")  # type: ignore[arg-type]
    objective = attrs.evolve(odd, meta_actions=[odd.meta_actions[0], meta_action])
    with pytest.raises(
        RenderError, match=r"\$\.meta_actions\[1\]\.level: a whole number"
    ) as caught:
        matrix_html(objective)
    assert caught.value.renderer == "html"
    assert "could not render this Objective" in objective._repr_html_()


def test_repr_html_says_when_it_cannot_render() -> None:
    # A typology id that is not a string cannot even be labelled.
    broken = Objective(
        id="o",
        title="O",
        meta_actions=[MetaAction(id="m", title="M", typologies=[5], level=1)],
    )
    text = broken._repr_html_()
    assert "could not render this Objective" in text
    parse(text).root.one("div", "turbine-matrix")  # exactly one


# -- notebooks ------------------------------------------------------------------------------------


def test_repr_html_of_the_artois_example(artois: Strategy) -> None:
    assert artois._repr_html_() == matrix_html(artois)
    objective = artois.objectives[0]
    assert objective._repr_html_() == matrix_html(objective)
    axis = Axis(id="x", title="Axe", objectives=artois.objectives)
    assert axis._repr_html_() == matrix_html(axis)
    assert repr_html(artois) == artois._repr_html_()


def test_repr_html_speaks_the_strategy_language(artois: Strategy) -> None:
    english = attrs.evolve(artois, language="en-GB")
    assert english._repr_html_() == matrix_html(english, lang="en")
    occitan = attrs.evolve(artois, language="oc")
    assert occitan._repr_html_() == matrix_html(occitan, lang="fr")


def test_repr_html_of_a_big_strategy_shows_the_first_objectives(big: Strategy) -> None:
    total = big.counts().objectives
    assert total > REPR_MAX_OBJECTIVES
    page = big._repr_html_()
    tree = parse(page).root
    found = [s.attrs["data-objective"] for s in tree.all("section", "turbine-objective")]
    first = [o.id for o, _ in big.iter_objectives()][:REPR_MAX_OBJECTIVES]
    assert found == first
    tree.one("div", "turbine-strategy")  # exactly one
    more = tree.one("p", "turbine-more").text()
    assert more.startswith(f"… et {total - REPR_MAX_OBJECTIVES} autres objectifs")
    assert 'turbine.render(obj, "html")' in more
    # The whole rendering has them all, and no note.
    full = parse(matrix_html(big)).root
    assert len(full.all("section", "turbine-objective")) == total
    assert full.all("p", "turbine-more") == []


def test_repr_html_of_a_big_english_strategy_and_axis(big: Strategy) -> None:
    english = attrs.evolve(big, language="en")
    more = parse(english._repr_html_()).root.one("p", "turbine-more").text()
    assert more.startswith(f"… and {big.counts().objectives - REPR_MAX_OBJECTIVES} more objectives")
    axis = attrs.evolve(big.axes[0], objectives=[o for o, _ in big.iter_objectives()][:12])
    tree = parse(axis._repr_html_()).root
    assert len(tree.all("section", "turbine-objective")) == REPR_MAX_OBJECTIVES
    assert tree.one("p", "turbine-more").text().startswith("… et 2 autres objectifs")


def test_one_more_objective_is_singular(big: Strategy) -> None:
    objectives = [o for o, _ in big.iter_objectives()][: REPR_MAX_OBJECTIVES + 1]
    axis = Axis(id="x", title="X", objectives=objectives)
    assert (
        parse(axis._repr_html_())
        .root.one("p", "turbine-more")
        .text()
        .startswith("… et 1 autre objectif ;")
    )


# -- pages and files ------------------------------------------------------------------------------


def test_standalone_page(artois: Strategy) -> None:
    page = matrix_html(artois, standalone=True)
    assert page.startswith("<!doctype html>\n")
    builder = parse(page)
    assert builder.declarations == ["doctype html"]
    root = builder.root
    assert root.one("head").all("meta")[0].attrs == {"charset": "utf-8"}
    assert root.one("title").text() == artois.title
    assert root.one("html").attrs["lang"] == "fr"
    root.one("body").one("div", "turbine-matrix")  # exactly one
    assert matrix_html(artois) in page


def test_standalone_page_of_an_objective_names_its_strategy(artois: Strategy) -> None:
    objective = artois.objectives[0]
    page = matrix_html(objective, strategy=artois, lang="en", standalone=True)
    assert parse(page).root.one("title").text() == f"{objective.title} · {artois.title}"
    alone = matrix_html(objective, lang="en", standalone=True)
    root = parse(alone).root
    assert root.one("title").text() == objective.title
    assert root.one("html").attrs["lang"] == "en"


@pytest.mark.filterwarnings("ignore::turbine.renderers.RendererWarning")  # other plugins
@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_write_by_suffix(artois: Strategy, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"matrix{suffix}"
    renderers.write(artois, path, lang="en")
    assert path.read_bytes() == matrix_html(artois, lang="en", standalone=True).encode("utf-8")


def test_write_by_name(artois: Strategy, tmp_path: Path) -> None:
    path = tmp_path / "matrix.html"
    renderers.write(artois.objectives[0], str(path), "html", actions="all")
    expected = matrix_html(artois.objectives[0], actions="all", standalone=True)
    assert path.read_text(encoding="utf-8") == expected
    renderers.write(artois, path, "html", standalone=False)
    assert path.read_text(encoding="utf-8") == matrix_html(artois)


def test_write_refuses_other_suffixes(artois: Strategy, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"cannot write '\.txt'"):
        renderers.write(artois, tmp_path / "matrix.txt", "html")


# -- options --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"lang": "de"}, "lang"),
        ({"lang": None}, "lang"),
        ({"actions": "some"}, "actions"),
        ({"standalone": "yes"}, "standalone"),
        ({"standalone": 1}, "standalone"),
        ({"strategy": "artois"}, "strategy"),
        ({"palette": "greys"}, "palette"),
        ({"langue": "fr"}, "langue"),
    ],
)
def test_bad_options_raise_a_render_error_naming_them(
    artois: Strategy, options: dict[str, Any], option: str
) -> None:
    with pytest.raises(RenderError) as caught:
        turbine.render(artois, "html", **options)
    assert caught.value.option == option
    assert caught.value.renderer == "html"
    assert option in str(caught.value)


def test_it_renders_only_strategies_axes_and_objectives(artois: Strategy) -> None:
    meta = artois.objectives[0].meta_actions[0]
    with pytest.raises(RenderError, match="MetaAction"):
        turbine.render(meta, "html")  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="MetaAction"):
        matrix_html(meta)  # type: ignore[arg-type]


# -- property -------------------------------------------------------------------------------------


@given(strategy=strategies(max_actions=8), actions=st.sampled_from(["featured", "all", "none"]))
def test_every_matrix_has_one_cell_per_carrying_typology(
    strategy: Strategy, actions: ShownActions
) -> None:
    page = matrix_html(strategy, actions=actions, lang="en")
    found = sections(page)
    objectives = [objective for objective, _ in strategy.iter_objectives()]
    assert len(found) == len(objectives)
    colours = level_colours(strategy.service_levels)
    # NUL, which HTML forbids, is shown as U+FFFD, as a browser would.
    labels = [t.label.text("en").replace("\x00", "\ufffd") for t in strategy.typologies]
    for section, objective in zip(found, objectives, strict=True):
        assert Counter(cells_of(section)) == Counter(expected_cells(objective, actions))
        assert [th.text() for th in section.one("thead").all("th")] == labels
        for td in section.all("td", "turbine-cell"):
            level = int(str(td.attrs["data-level"]))
            assert td.style()["background"] == colours[level]
    assert strategy._repr_html_().startswith('<div class="turbine-matrix"')


def test_typologies_without_a_colour_take_the_figures_colours(artois: Strategy) -> None:
    plain = attrs.evolve(
        artois, typologies=tuple(attrs.evolve(t, color=None) for t in artois.typologies)
    )
    html = matrix_html(plain)
    objective = plain.objectives[0]
    expected = typology_colours(Legend.of(plain), objective)
    assert len(set(expected.values())) == len(plain.typologies)
    for typology in plain.typologies:
        colour = expected[typology.id]
        assert f"border-bottom:3px solid {colour}" in html
        assert f"background:{colour}" in html
