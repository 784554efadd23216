"""Tests of turbine.renderers._matrix: the Turbine matrix, checked on what matplotlib drew."""

from __future__ import annotations

import io
import itertools
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

import attrs
import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

import turbine
from turbine import (
    Action,
    ActorTypology,
    LocalizedText,
    MetaAction,
    Objective,
    RenderError,
    Strategy,
    UnknownIdError,
)
from turbine.renderers import matrix_table
from turbine.renderers._common import Legend
from turbine.renderers._matrix import (
    MatrixRenderer,
    _font,
    _ink_on,
    _luminance,
    _wrap,
    layout_matrix,
    level_colours,
    matrix_figures,
    plot_matrix,
    write_matrix,
)

from .strategies import strategies

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matplotlib.axes import Axes

ARTOIS = turbine.examples.load("artois")
(OBJECTIVE,) = ARTOIS.objectives


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _figure(obj: Any = ARTOIS, **options: Any) -> Figure:
    (fig,) = matrix_figures(obj, **options)
    return fig


def _by_gid(fig: Figure, kind: type[Any], prefix: str) -> dict[str, Any]:
    found = {}
    for artist in fig.findobj(kind):
        gid = artist.get_gid()
        if gid is not None and gid.startswith(prefix):
            found[gid[len(prefix) :]] = artist
    return found


def _cells(fig: Figure) -> dict[tuple[str, str], Rectangle]:
    found = _by_gid(fig, Rectangle, "cell:")
    return {tuple(key.split(":")): patch for key, patch in found.items()}  # type: ignore[misc]


def _expected_cells(strategy: Strategy, objective: Objective, actions: str) -> set[tuple[str, str]]:
    expected = set()
    for meta_action in objective.meta_actions:
        expected |= {(meta_action.id, t) for t in meta_action.typologies}
        for action in meta_action.actions:
            shown = actions == "all" or (actions == "featured" and action.featured)
            own = action.typologies is not None or action.level is not None
            if shown and own:
                expected |= {(action.id, t) for t in meta_action.typologies_of(action)}
    return expected


def _level_of_row(objective: Objective, row: str) -> int:
    for meta_action in objective.meta_actions:
        if meta_action.id == row:
            return meta_action.level
        for action in meta_action.actions:
            if action.id == row:
                return meta_action.level_of(action)
    raise AssertionError(row)


def _drawn(fig: Figure) -> RendererAgg:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    return canvas.get_renderer()  # type: ignore[no-untyped-call, no-any-return]


def _text_problems(fig: Figure) -> list[str]:
    """Texts that leave the figure or overlap another, from the renderer's own bounding boxes."""
    renderer = _drawn(fig)
    page = fig.bbox
    boxes = [
        (text.get_gid() or text.get_text(), text.get_window_extent(renderer))
        for text in fig.findobj(Text)
        if text.get_text() and text.get_visible()
    ]
    problems = [
        f"{name} leaves the figure: {box}"
        for name, box in boxes
        if box.x0 < page.x0 or box.x1 > page.x1 or box.y0 < page.y0 or box.y1 > page.y1
    ]
    problems += [
        f"{first} overlaps {second}"
        for (first, box1), (second, box2) in itertools.combinations(boxes, 2)
        if box1.overlaps(box2)
    ]
    return problems


# -- what is drawn ----------------------------------------------------------------------------


@pytest.mark.parametrize("actions", ["featured", "all", "none"])
def test_filled_cells_are_the_carrying_typologies_in_the_level_colour(actions: str) -> None:
    fig = _figure(actions=actions)
    cells = _cells(fig)
    assert set(cells) == _expected_cells(ARTOIS, OBJECTIVE, actions)
    levels = {level.code: level for level in ARTOIS.service_levels}
    numbers = _by_gid(fig, Text, "cell-level:")
    for (row, typology), patch in cells.items():
        level = _level_of_row(OBJECTIVE, row)
        assert to_hex(patch.get_facecolor()) == levels[level].color
        # The second cue: the level's number, in the cell, readable on its colour.
        number = numbers[f"{row}:{typology}"]
        assert number.get_text() == str(level)
        assert _contrast(to_hex(number.get_color()), levels[level].color or "") >= 4.5
        x, _y = number.get_position()
        assert patch.get_x() < x < patch.get_x() + patch.get_width()


def _contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_cells_sit_in_their_typology_column_and_their_row() -> None:
    fig = _figure(actions="all")
    headers = _by_gid(fig, Text, "header:")
    rows = {**_by_gid(fig, Text, "meta-action:"), **_by_gid(fig, Text, "action:")}
    for (row, typology), patch in _cells(fig).items():
        centre_x = patch.get_x() + patch.get_width() / 2
        assert headers[typology].get_position()[0] == pytest.approx(centre_x)
        text_top = rows[row].get_position()[1]
        assert text_top <= patch.get_y() + patch.get_height()
        # The next row starts below this cell.
        below = [t.get_position()[1] for t in rows.values() if t.get_position()[1] > text_top]
        if below:
            assert patch.get_y() + patch.get_height() <= min(below)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_column_headers_are_the_typology_labels_in_order(lang: str) -> None:
    fig = _figure(lang=lang)
    headers = _by_gid(fig, Text, "header:")
    ordered = sorted(headers.items(), key=lambda item: item[1].get_position()[0])
    assert [key for key, _ in ordered] == [t.id for t in ARTOIS.typologies]
    assert [" ".join(text.get_text().split()) for _, text in ordered] == [
        t.label[lang] for t in ARTOIS.typologies
    ]


@pytest.mark.parametrize("actions", ["featured", "all", "none"])
def test_one_row_per_meta_action_and_per_shown_action_in_document_order(actions: str) -> None:
    fig = _figure(actions=actions)
    rows = [
        text
        for text in fig.findobj(Text)
        if (text.get_gid() or "").startswith(("meta-action:", "action:"))
    ]
    rows.sort(key=lambda text: text.get_position()[1])
    expected = []
    for meta_action in OBJECTIVE.meta_actions:
        expected.append(f"meta-action:{meta_action.id}")
        expected += [
            f"action:{a.id}"
            for a in meta_action.actions
            if actions == "all" or (actions == "featured" and a.featured)
        ]
    assert [text.get_gid() for text in rows] == expected
    for text in rows:
        kind, _, row = (text.get_gid() or "").partition(":")
        title = ARTOIS.meta_action(row).title if kind == "meta-action" else ARTOIS.action(row).title
        # Wrapped, and for actions after a bullet, but every word is there, in order.
        assert " ".join(text.get_text().split()).endswith(title)


def test_title_kicker_legend_and_source_are_drawn() -> None:
    fig = _figure(lang="en")
    texts = _by_gid(fig, Text, "")
    assert " ".join(texts["title"].get_text().split()) == OBJECTIVE.title
    assert ARTOIS.territory.name in texts["kicker"].get_text()
    assert texts["legend:actors"].get_text() == "The Turbine's actors"
    assert texts["legend:services"].get_text() == "The Turbine's services"
    for level in ARTOIS.service_levels:
        label = " ".join(texts[f"legend:level:{level.code}"].get_text().split())
        assert label == f"Level {level.code} · {level.label['en']}"
        key = _by_gid(fig, Rectangle, f"legend-key:{level.code}")[""]
        assert to_hex(key.get_facecolor()) == level.color
    for typology in ARTOIS.typologies:
        label = texts[f"legend:typology:{typology.id}"].get_text()
        assert " ".join(label.split()) == typology.label["en"]
    assert ARTOIS.provenance is not None
    assert ARTOIS.provenance.source.split()[0] in texts["source"].get_text()


def test_french_legend_by_default() -> None:
    texts = _by_gid(_figure(), Text, "legend:")
    assert texts["actors"].get_text() == "Les acteurs de la Turbine"
    assert texts["services"].get_text() == "Les services de la Turbine"
    assert " ".join(texts["level:1"].get_text().split()) == (
        "Niveau 1 · Simplifier les petites initiatives"
    )


# -- nothing overlaps, nothing is cut off -----------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"lang": "en"},
        {"actions": "all", "hatch": True},
        {"actions": "none", "palette": "greys"},
    ],
)
def test_no_text_overlaps_or_leaves_the_figure(options: dict[str, Any]) -> None:
    assert _text_problems(_figure(**options)) == []


def _hostile_strategy() -> Strategy:
    long_word = "Anticonstitutionnellement" * 6
    titles = [
        "Budget de $5M à $10M: \\frac{a}{b} et ^{x}_{y}",
        long_word,
        "Œuvrer à l'éco-transition : « déjà » là… " * 12,
        "W" * 80,
    ]
    typologies = (
        *turbine.TYPOLOGIES,
        ActorTypology(id="elus", label=LocalizedText(fr="Élus " * 9)),
        ActorTypology(id="x", label=LocalizedText(fr="Überlangerbezeichnungsname" * 2)),
    )
    meta_actions = [
        MetaAction(
            id=f"m{index}",
            title=title,
            typologies=[t.id for t in typologies[index % 3 :]],
            level=1 + index % 3,
            actions=[
                Action(id=f"a{index}", title=title, featured=True),
                Action(id=f"b{index}", title=title[::-1], featured=True, level=1, typologies=["x"]),
            ],
        )
        for index, title in enumerate(titles)
    ]
    return Strategy(
        id="hostile",
        title="Une stratégie au titre long " * 8,
        language="fr",
        territory=turbine.Territory(name="Territoire"),
        typologies=typologies,
        objectives=[Objective(id="o", title=" ".join(titles), meta_actions=meta_actions)],
    )


def test_long_titles_long_words_dollars_and_extra_columns_still_fit() -> None:
    strategy = _hostile_strategy()
    fig = _figure(strategy, actions="all")
    assert _text_problems(fig) == []
    # Content is text, never mathtext: the dollars and braces are drawn as written.
    title = " ".join(_by_gid(fig, Text, "")["meta-action:m0"].get_text().split())
    assert title == strategy.objective("o").meta_actions[0].title
    headers = _by_gid(fig, Text, "header:")
    assert list(headers) == [t.id for t in strategy.typologies]


def test_wrap_keeps_every_character_and_respects_the_width() -> None:
    font = _font(10)
    text = "Structurer une demande locale via la restauration " + "x" * 120
    lines = _wrap(text, 150, font, indent="   ")
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")
    assert all(font.width(line) <= 150 for line in lines)
    assert all(line.startswith("   ") for line in lines[1:])
    assert _wrap("", 100, font) == [""]


def test_measured_widths_bound_what_matplotlib_draws() -> None:
    fig = Figure(figsize=(8, 2), dpi=72)
    samples = ["Développer l'éco-matériaux (lin, chanvre, paille…)", "WWWWWW iiiii", "œuvre « là »"]
    for weight in ("normal", "bold"):
        for sample in samples:
            text = fig.text(0, 0.5, sample, fontsize=10, fontweight=weight, parse_math=False)
            drawn = text.get_window_extent(_drawn(fig)).width
            estimate = _font(10, weight).width(sample)
            # Agg rounds the drawn width up to a whole pixel.
            assert drawn - 1 <= estimate <= drawn * 1.06
            text.remove()


# -- the figure and the Axes ------------------------------------------------------------------


def test_plot_matrix_makes_a_figure_of_its_natural_size_and_returns_its_axes() -> None:
    layout = layout_matrix(OBJECTIVE, strategy=ARTOIS)
    ax = plot_matrix(ARTOIS)
    fig = ax.figure
    assert isinstance(fig, Figure)
    assert tuple(fig.get_size_inches()) == pytest.approx((layout.width / 72, layout.height / 72))
    # A4 is 595 points wide: the figure prints at its natural size.
    assert layout.width <= 595
    assert len(_cells(fig)) == len(_expected_cells(ARTOIS, OBJECTIVE, "featured"))


def test_plot_matrix_draws_into_a_given_axes_scaled_to_fit() -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 6))
    returned = plot_matrix(OBJECTIVE, ax=right, lang="en")
    assert returned is right
    assert not left.patches
    assert len(right.patches) > 0
    renderer = _drawn(fig)
    frame = right.get_window_extent(renderer)
    for text in right.texts:
        box = text.get_window_extent(renderer)
        assert frame.x0 - 1 <= box.x0
        assert box.x1 <= frame.x1 + 1
        assert frame.y0 - 1 <= box.y0
        assert box.y1 <= frame.y1 + 1
    title = next(t for t in right.texts if t.get_gid() == "title")
    assert float(title.get_fontsize()) < 15  # scaled down with the rest


def test_plot_matrix_with_a_figsize_scales_the_matrix_into_it() -> None:
    ax = plot_matrix(ARTOIS, figsize=(4, 4))
    assert ax.figure is not None
    assert _text_problems(ax.figure) == []  # type: ignore[arg-type]


def test_plot_matrix_needs_one_objective() -> None:
    two = attrs.evolve(ARTOIS, objectives=[OBJECTIVE, attrs.evolve(OBJECTIVE, id="copy")])
    with pytest.raises(RenderError, match="2 objectives") as caught:
        plot_matrix(two)
    assert caught.value.option == "objective"
    ax = plot_matrix(two, objective="copy")
    assert ax.texts
    with pytest.raises(UnknownIdError, match="did you mean 'copy'"):
        plot_matrix(two, objective="cop")
    with pytest.raises(RenderError, match="not Axis"):
        plot_matrix(turbine.Axis(id="a", title="A"))  # type: ignore[arg-type]


def test_an_objective_alone_uses_the_canonical_vocabulary() -> None:
    fig = _figure(OBJECTIVE)
    headers = _by_gid(fig, Text, "header:")
    assert list(headers) == [t.id for t in turbine.TYPOLOGIES]
    assert "kicker" not in _by_gid(fig, Text, "")


def test_ids_and_levels_the_legend_does_not_define_are_drawn_not_fatal() -> None:
    objective = Objective(
        id="o",
        title="Objectif",
        meta_actions=[MetaAction(id="m", title="M", typologies=["ghost"], level=7)],
    )
    fig = _figure(objective)
    assert set(_cells(fig)) == {("m", "ghost")}
    assert " ".join(_by_gid(fig, Text, "header:")["ghost"].get_text().split()) == "ghost"
    assert "level:7" in _by_gid(fig, Text, "legend:")


# -- options ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"lang": "de"}, "lang"),
        ({"actions": "some"}, "actions"),
        ({"palette": "no-such-colormap"}, "palette"),
        ({"palette": {1: "notacolour"}}, "palette"),
        ({"palette": 3}, "palette"),
        ({"hatch": "yes"}, "hatch"),
    ],
)
def test_bad_option_values_are_refused_by_name(options: dict[str, Any], option: str) -> None:
    with pytest.raises(RenderError) as caught:
        matrix_figures(ARTOIS, **options)
    assert caught.value.option == option
    assert caught.value.renderer == "matrix"


def test_unknown_options_are_refused_with_the_list_of_options() -> None:
    with pytest.raises(RenderError, match="no option 'langue'; its options are actions, hatch"):
        turbine.render(ARTOIS, "matrix", langue="fr")


def test_palettes() -> None:
    levels = ARTOIS.service_levels
    assert level_colours(levels) == {level.code: level.color for level in levels}
    greys = level_colours(levels, "greys")
    assert all(len(set(to_rgb(colour))) == 1 for colour in greys.values())
    assert level_colours(levels, {2: "red"})[2] == "#ff0000"
    assert level_colours(levels, {2: "red"})[1] == levels[0].color
    viridis = level_colours(levels, "viridis")
    assert len(set(viridis.values())) == 3
    many = [turbine.ServiceLevel(code=code, label={"fr": str(code)}) for code in range(1, 8)]
    assert len(set(level_colours(many).values())) == 7
    assert len(set(level_colours(many, "greys").values())) == 7


def test_the_default_colours_stay_apart_in_greyscale_and_carry_readable_numbers() -> None:
    colours = sorted(level_colours(turbine.SERVICE_LEVELS).values(), key=_luminance)
    luminances = [_luminance(colour) for colour in colours]
    # Light, middle and dark: distinct once printed in grey.
    assert all(b / a >= 2.5 for a, b in itertools.pairwise(luminances))
    for colour in colours:
        assert _contrast(_ink_on(colour), colour) >= 4.5


def test_hatches_differ_by_level_and_numbers_stay_on_plain_colour() -> None:
    fig = _figure(hatch=True)
    hatches = {
        _level_of_row(OBJECTIVE, row): patch.get_hatch() for (row, _), patch in _cells(fig).items()
    }
    assert len(set(hatches.values())) == len(hatches)
    numbers = _by_gid(fig, Text, "cell-level:")
    assert all(text.get_bbox_patch() is not None for text in numbers.values())


def test_an_objective_with_no_meta_action_draws_headers_and_legend() -> None:
    fig = _figure(Objective(id="empty", title="Vide"))
    assert _cells(fig) == {}
    assert len(_by_gid(fig, Text, "header:")) == 4
    assert _text_problems(fig) == []


# -- files ------------------------------------------------------------------------------------


def test_svg_is_byte_identical_from_one_run_to_the_next(tmp_path: Path) -> None:
    write_matrix(ARTOIS, tmp_path / "a.svg")
    write_matrix(ARTOIS, tmp_path / "b.svg")
    first = (tmp_path / "a.svg").read_bytes()
    assert first == (tmp_path / "b.svg").read_bytes()
    assert b"<dc:date>" not in first
    # Element ids name what they show, so that a page can style or link them.
    assert b'id="cell:distribution-alimentaire:policy-makers"' in first


def test_svg_is_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    code = (
        "import sys, turbine; from turbine.renderers._matrix import write_matrix; "
        "write_matrix(turbine.examples.load('artois'), sys.argv[1])"
    )
    for seed, name in (("1", "a.svg"), ("2", "b.svg")):
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / name)],
            check=True,
            env={"PYTHONHASHSEED": seed, "MPLBACKEND": "agg", "PATH": ""},
        )
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_pdf_has_one_page_per_objective_and_is_reproducible(tmp_path: Path) -> None:
    strategy = turbine.examples.synthetic(n_actions=60, n_objectives=6, seed=2)
    write_matrix(strategy, tmp_path / "a.pdf")
    write_matrix(strategy, tmp_path / "b.pdf", lang="en")
    write_matrix(strategy, tmp_path / "c.pdf")
    data = (tmp_path / "a.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", data)) == 6
    assert data == (tmp_path / "c.pdf").read_bytes()
    assert data != (tmp_path / "b.pdf").read_bytes()


def test_png_is_a_png_at_the_asked_resolution(tmp_path: Path) -> None:
    write_matrix(ARTOIS, tmp_path / "m.png", dpi=100)
    image = plt.imread(tmp_path / "m.png")
    layout = layout_matrix(OBJECTIVE, strategy=ARTOIS)
    assert image.shape[1] == pytest.approx(layout.width / 72 * 100, abs=1)
    assert image.shape[0] == pytest.approx(layout.height / 72 * 100, abs=1)


def test_one_image_holds_one_objective(tmp_path: Path) -> None:
    strategy = turbine.examples.synthetic(n_actions=30, n_objectives=3, seed=1)
    with pytest.raises(RenderError, match=r"one matrix and there are 3 objectives") as caught:
        write_matrix(strategy, tmp_path / "m.png")
    assert caught.value.path == str(tmp_path / "m.png")
    assert not (tmp_path / "m.png").exists()
    objective = next(strategy.iter_objectives())[0]
    turbine.renderers.write(objective, tmp_path / "m.png", strategy=strategy)
    assert (tmp_path / "m.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("name", "option"), [("m.gif", None), ("m", None)])
def test_unknown_suffixes_are_refused(tmp_path: Path, name: str, option: str | None) -> None:
    with pytest.raises(RenderError, match=r"writes \.png, \.svg and \.pdf") as caught:
        write_matrix(ARTOIS, tmp_path / name)
    assert caught.value.option == option


@pytest.mark.parametrize("dpi", [0, 5000, True, "high"])
def test_bad_dpi_is_refused(tmp_path: Path, dpi: Any) -> None:
    with pytest.raises(RenderError, match="dpi") as caught:
        write_matrix(ARTOIS, tmp_path / "m.png", dpi=dpi)
    assert caught.value.option == "dpi"


def test_a_figure_too_tall_for_png_says_to_write_pdf(tmp_path: Path) -> None:
    meta_action = MetaAction(
        id="m",
        title="t",
        typologies=["policy-makers"],
        level=1,
        actions=[Action(id=f"a{i}", title="mot " * 60, featured=True) for i in range(200)],
    )
    objective = Objective(id="o", title="Long", meta_actions=[meta_action])
    with pytest.raises(RenderError, match=r"too large for a PNG image.*\.pdf") as caught:
        write_matrix(objective, tmp_path / "m.png", dpi=1200)
    assert caught.value.option == "dpi"
    assert not (tmp_path / "m.png").exists()
    write_matrix(objective, tmp_path / "m.pdf")
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")


def test_the_renderer_object() -> None:
    renderer = turbine.renderers.get("matrix")
    assert isinstance(renderer, MatrixRenderer)
    assert isinstance(renderer, turbine.renderers.Renderer)
    assert renderer.suffixes == (".png", ".svg", ".pdf")
    assert isinstance(renderer.render(OBJECTIVE), Figure)
    figures = renderer.render(ARTOIS)
    assert isinstance(figures, list)
    assert len(figures) == 1
    assert isinstance(figures[0], Figure)
    # Figures for batch use stay out of pyplot's global state.
    assert plt.get_fignums() == []


def test_rendering_does_not_leave_rc_params_changed(tmp_path: Path) -> None:
    before = dict(mpl.rcParams)
    write_matrix(ARTOIS, tmp_path / "m.svg")
    assert dict(mpl.rcParams) == before


# -- the invariant ----------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning")
@settings(max_examples=25)
@given(strategies())
def test_one_filled_cell_per_meta_action_and_carrying_typology_and_nothing_else(
    strategy: Strategy,
) -> None:
    for objective, axis in strategy.iter_objectives():
        fig = Figure()
        ax: Axes = fig.add_axes((0, 0, 1, 1))
        plot_matrix(objective, ax=ax, strategy=strategy, actions="none")
        # Valid strategies have unique ids, so a (row, typology) pair names one cell.
        drawn = list(_cells_list(fig))
        expected = [(m.id, t) for m in objective.meta_actions for t in m.typologies]
        assert sorted(drawn) == sorted(expected)
        table = matrix_table(objective, axis=axis, legend=Legend.of(strategy), actions="all")
        with_actions = sorted((row.id, cell.typology) for row, cell in table.cells)
        assert with_actions == sorted(
            expected
            + [
                (a.id, t)
                for m in objective.meta_actions
                for a in m.actions
                if a.typologies is not None or a.level is not None
                for t in m.typologies_of(a)
            ]
        )


def _cells_list(fig: Figure) -> list[tuple[str, ...]]:
    return [
        tuple(str(patch.get_gid()).split(":")[1:])
        for patch in fig.findobj(Rectangle)
        if (patch.get_gid() or "").startswith("cell:")
    ]


def test_the_readme_image_is_what_the_renderer_draws_today(tmp_path: Path) -> None:
    # docs/images/artois-matrix.png is committed for the README; it must not go stale. Pixels
    # move a little with FreeType's version: compare sizes exactly and pixels on average.
    committed = plt.imread(Path(__file__).parents[1] / "docs" / "images" / "artois-matrix.png")
    write_matrix(ARTOIS, tmp_path / "now.png")
    now = plt.imread(tmp_path / "now.png")
    assert committed.shape == now.shape, "redraw it: turbine render artois.json -o docs/images/..."
    assert abs(committed - now).mean() < 0.01


# -- odd content, odd documents, odd settings -------------------------------------------------


def _one_meta_action(title: Any = "Méta-action", **fields: Any) -> Objective:
    meta_action = MetaAction(
        id=fields.pop("id", "m"),
        title=title,
        typologies=fields.pop("typologies", ["policy-makers"]),
        level=fields.pop("level", 1),
        actions=fields.pop("actions", []),
    )
    return Objective(
        id="o", title=fields.pop("objective_title", "Objectif"), meta_actions=[meta_action]
    )


_BAD = "\N{REPLACEMENT CHARACTER}"


@pytest.mark.parametrize(
    ("char", "drawn", "kept_in_ids"),
    [
        # Controls, non-characters, lone surrogates: U+FFFD, as a browser shows them.
        ("\x1b", _BAD, _BAD),
        ("\x00", _BAD, _BAD),
        ("\x07", _BAD, _BAD),
        ("\ufffe", _BAD, _BAD),
        ("\uffff", _BAD, _BAD),
        ("\ud800", _BAD, _BAD),
        # Invisible format characters: left out of the drawing, kept in ids.
        ("\ufeff", "", "\ufeff"),
        ("\u202e", "", "\u202e"),
        ("\u00ad", "", "\u00ad"),
    ],
)
def test_controls_and_invisible_characters_make_well_formed_files(
    tmp_path: Path, char: str, drawn: str, kept_in_ids: str
) -> None:
    # JSON documents may hold "\u001b" or "\ufeff"; a model built in Python, lone surrogates.
    objective = _one_meta_action(
        f"a{char}b",
        id=f"m{char}",
        typologies=[f"t{char}"],
        actions=[Action(id=f"a{char}", title=f"c{char}d", featured=True)],
        objective_title=f"Titre{char}",
    )
    write_matrix(objective, tmp_path / "m.svg")
    # Well-formed XML: SVG ids and the texts' comments held the controls as they were.
    svg = ET.fromstring((tmp_path / "m.svg").read_bytes())  # noqa: S314 - our own file
    ids = {element.get("id") for element in svg.iter()}
    assert f"meta-action:m{kept_in_ids}" in ids
    assert f"cell:m{kept_in_ids}:t{kept_in_ids}" in ids
    write_matrix(objective, tmp_path / "m.pdf")  # a byte order mark broke the PDF backend
    write_matrix(objective, tmp_path / "m.png")
    texts = _by_gid(_figure(objective), Text, "")
    assert texts[f"meta-action:m{kept_in_ids}"].get_text() == f"a{drawn}b"
    assert " ".join(texts["title"].get_text().split()) == f"Titre{drawn}"


def test_no_break_spaces_do_not_break_lines() -> None:
    font = _font(10)
    text = "Organiser la «\u00a0transition\u00a0» locale\u202f: " * 8
    for line in _wrap(text, 120, font):
        assert not line.startswith(("»", ":", "\u00a0", "\u202f"))
        assert not line.endswith("«")
    assert " ".join(_wrap(text, 120, font)) == " ".join(text.split(" ")).strip()


@pytest.mark.parametrize("code", [0, -5, 100, 123456, 10**9, 10**40])
def test_level_numbers_fit_their_cells_whatever_the_code(code: int) -> None:
    # The format's codes are 1 to 99; a document validate() flags may have any other.
    objective = _one_meta_action(
        level=code,
        actions=[Action(id="a", title="Action", featured=True, level=code)],
    )
    fig = _figure(objective, actions="all")
    renderer = _drawn(fig)
    numbers = {
        **_by_gid(fig, Text, "cell-level:"),
        "key": _by_gid(fig, Text, "legend-key-level:")[str(code)],
    }
    boxes = {
        **_by_gid(fig, Rectangle, "cell:"),
        "key": _by_gid(fig, Rectangle, "legend-key:")[str(code)],
    }
    assert len(numbers) == 3
    for key, number in numbers.items():
        text = number.get_window_extent(renderer)
        box = boxes[key].get_window_extent(renderer)
        assert box.x0 <= text.x0
        assert text.x1 <= box.x1
        assert number.get_text() in {str(code), "\N{HORIZONTAL ELLIPSIS}"}
    assert _text_problems(fig) == []
    legend = _by_gid(fig, Text, "legend:level:")[str(code)]
    assert str(code) in legend.get_text().replace("\n", "")


@pytest.mark.parametrize("family", ["serif", "monospace", "cursive"])
def test_turbines_own_signs_are_drawn_whatever_the_font(family: str) -> None:
    # The star of featured actions is not in DejaVu Serif: matplotlib warned that its glyph was
    # missing (an error here) and drew a box. The matrix falls back to DejaVu Sans for it.
    with mpl.rc_context({"font.family": family}):
        fig = _figure(actions="all", lang="en")
        assert _text_problems(fig) == []
        fig.savefig(io.BytesIO(), format="pdf")


@pytest.mark.parametrize(
    "rc", [{"figure.constrained_layout.use": True}, {"figure.autolayout": True}]
)
def test_a_layout_engine_in_rc_params_changes_nothing(tmp_path: Path, rc: dict[Any, Any]) -> None:
    # Tight and constrained layout cannot manage the matrix's Axes and warned so (an error here).
    with mpl.rc_context(rc):
        fig = _figure()
        assert tuple(fig.axes[0].get_position().bounds) == (0, 0, 1, 1)
        assert _text_problems(fig) == []
        ax = plot_matrix(ARTOIS)
        assert ax.figure is not None
        assert _text_problems(ax.figure) == []  # type: ignore[arg-type]
        write_matrix(ARTOIS, tmp_path / "m.png", dpi=50)


def test_a_strategy_that_defines_a_level_twice_is_drawn_with_the_first() -> None:
    first = ARTOIS.service_levels[0]
    twice = attrs.evolve(first, color="#ff0000", label={"fr": "Doublon"})
    strategy = attrs.evolve(ARTOIS, service_levels=[*ARTOIS.service_levels, twice])
    fig = _figure(strategy)
    keys = _by_gid(fig, Rectangle, "legend-key:")
    assert to_hex(keys[str(first.code)].get_facecolor()) == first.color
    labels = _by_gid(fig, Text, "legend:level:")
    assert "Doublon" not in labels[str(first.code)].get_text()
    for (row, _), patch in _cells(fig).items():
        if _level_of_row(OBJECTIVE, row) == first.code:
            assert to_hex(patch.get_facecolor()) == first.color


def test_a_strategy_that_defines_a_typology_twice_has_one_column_for_it() -> None:
    strategy = attrs.evolve(ARTOIS, typologies=[*ARTOIS.typologies, ARTOIS.typologies[0]])
    headers = [t.get_gid() for t in _figure(strategy).findobj(Text)]
    assert headers.count(f"header:{ARTOIS.typologies[0].id}") == 1


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"strategy": "artois"}, "strategy"),
        ({"strategy": 5}, "strategy"),
        ({"ax": "left"}, "ax"),
        ({"figsize": "big"}, "figsize"),
        ({"figsize": (0, 4)}, "figsize"),
        ({"figsize": (4, float("nan"))}, "figsize"),
    ],
)
def test_plot_matrix_refuses_bad_arguments_by_name(options: dict[str, Any], option: str) -> None:
    with pytest.raises(RenderError) as caught:
        plot_matrix(OBJECTIVE, **options)
    assert caught.value.option == option
    if option == "strategy":
        with pytest.raises(RenderError):
            matrix_figures(OBJECTIVE, strategy=options["strategy"])
        with pytest.raises(RenderError):
            turbine.render(OBJECTIVE, "matrix", **options)


@pytest.mark.parametrize(
    ("objective", "place"),
    [
        (_one_meta_action(level="2"), "$.meta_actions[0].level: a whole number"),
        (_one_meta_action(level=None), "$.meta_actions[0].level: a whole number"),
        (_one_meta_action(level=True), "$.meta_actions[0].level: a whole number"),
        (_one_meta_action(typologies=[5]), "$.meta_actions[0].typologies[0]: a text"),
        (_one_meta_action(typologies=[["a"]]), "$.meta_actions[0].typologies[0]: a text"),
        (_one_meta_action(title=None), "$.meta_actions[0].title: a text"),
        (_one_meta_action(objective_title=3), "$.title: a text"),
    ],
)
def test_values_of_the_wrong_type_are_refused_with_their_place(
    tmp_path: Path, objective: Objective, place: str
) -> None:
    for draw in (
        lambda: plot_matrix(objective),
        lambda: matrix_figures(objective),
        lambda: write_matrix(objective, tmp_path / "m.pdf"),
        lambda: plot_matrix(attrs.evolve(ARTOIS, objectives=[objective])),
    ):
        with pytest.raises(RenderError, match=re.escape(place.removeprefix("$"))) as caught:
            draw()
        assert caught.value.renderer == "matrix"
    assert not (tmp_path / "m.pdf").exists()


@pytest.mark.parametrize("kind", ["png", "pdf", "svg"])
def test_files_keep_the_layouts_size_whatever_savefig_rc_params_say(
    tmp_path: Path, kind: str
) -> None:
    # savefig.bbox "tight" cropped the margins and padded the page: no longer A4 wide.
    layout = layout_matrix(OBJECTIVE, strategy=ARTOIS)
    with mpl.rc_context({"savefig.bbox": "tight", "savefig.pad_inches": 0.5}):
        write_matrix(ARTOIS, tmp_path / f"m.{kind}", dpi=72)
    data = (tmp_path / f"m.{kind}").read_bytes()
    if kind == "png":
        height, width = plt.imread(tmp_path / "m.png").shape[:2]
        assert (height, width) == (int(layout.height), int(layout.width))
    elif kind == "pdf":
        (box,) = re.findall(rb"/MediaBox \[ ([^\]]*) \]", data)
        assert [float(side) for side in box.split()] == [0, 0, layout.width, layout.height]
    else:
        svg = ET.fromstring(data)  # noqa: S314 - our own file
        assert svg.get("width") == f"{layout.width:g}pt"


@pytest.mark.parametrize("name", ["m.pdf", "m.png", "m.svg"])
def test_nothing_to_draw_is_an_error_not_an_empty_file(tmp_path: Path, name: str) -> None:
    # A strategy without objectives made a PDF of 0 bytes, reported as written.
    for empty in (attrs.evolve(ARTOIS, objectives=[]), turbine.Axis(id="a", title="A")):
        with pytest.raises(RenderError, match="has no objective: there is no matrix") as caught:
            write_matrix(empty, tmp_path / name)
        assert caught.value.path == str(tmp_path / name)
        assert not (tmp_path / name).exists()
        assert matrix_figures(empty) == []


def _inside(ax: Axes) -> list[str]:
    """The texts of *ax* that leave its box, or overlap another, once the figure is drawn."""
    assert ax.figure is not None
    renderer = _drawn(ax.figure)  # type: ignore[arg-type]
    frame = ax.get_window_extent(renderer)
    boxes = [(str(text.get_gid()), text.get_window_extent(renderer)) for text in ax.texts]
    problems = [
        f"{gid} leaves the Axes"
        for gid, box in boxes
        if box.x0 < frame.x0 - 1
        or box.x1 > frame.x1 + 1
        or box.y0 < frame.y0 - 1
        or box.y1 > frame.y1 + 1
    ]
    problems += [
        f"{first} overlaps {second}"
        for (first, box1), (second, box2) in itertools.combinations(boxes, 2)
        if box1.overlaps(box2)
    ]
    return problems


def test_texts_follow_the_axes_when_the_figure_is_resized() -> None:
    # Texts were sized once, in points, when plot_matrix ran: a smaller figure (a resized
    # window, set_size_inches) shrank the cells under texts that did not shrink.
    fig, ax = plt.subplots(figsize=(8, 8))
    plot_matrix(ARTOIS, ax=ax, actions="all")
    fig.set_size_inches(4, 4)
    assert _inside(ax) == []
    frame = ax.get_window_extent(_drawn(fig))
    layout = layout_matrix(OBJECTIVE, strategy=ARTOIS, actions="all")
    scale = min(frame.width / layout.width, frame.height / layout.height) * 72 / fig.dpi
    title = next(text for text in ax.texts if text.get_gid() == "title")
    assert float(title.get_fontsize()) == pytest.approx(15 * scale, rel=0.01)


def test_texts_follow_the_axes_that_constrained_layout_gives() -> None:
    # Constrained layout moves and shrinks the Axes after plot_matrix, when the figure is drawn.
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 8), layout="constrained")
    top.set_title("Un titre\nsur plusieurs\nlignes", fontsize=30)
    top.set_xlabel("x\n" * 4, fontsize=20)
    plot_matrix(ARTOIS, ax=bottom, actions="all")
    assert _inside(bottom) == []
    frame = bottom.get_window_extent(_drawn(fig))
    layout = layout_matrix(OBJECTIVE, strategy=ARTOIS, actions="all")
    scale = min(frame.width / layout.width, frame.height / layout.height) * 72 / fig.dpi
    title = next(text for text in bottom.texts if text.get_gid() == "title")
    assert float(title.get_fontsize()) == pytest.approx(15 * scale, rel=0.01)


def test_a_figure_of_the_matrix_still_pickles(tmp_path: Path) -> None:
    fig = _figure()
    again = pickle.loads(pickle.dumps(fig))  # noqa: S301 - our own bytes
    again.savefig(tmp_path / "m.svg")
    again.set_size_inches(3, 3)
    assert _text_problems(again) == []


def test_an_axes_of_no_size_or_a_matrix_removed_draws_without_error() -> None:
    fig = Figure()
    plot_matrix(ARTOIS, ax=fig.add_axes((0, 0, 0, 0)))
    fig.savefig(io.BytesIO(), format="png")
    fig, ax = plt.subplots()
    plot_matrix(ARTOIS, ax=ax)
    for artist in list(ax.artists):
        artist.remove()
    fig.savefig(io.BytesIO(), format="png")


def test_a_level_keeps_its_colour_whichever_levels_the_document_defines() -> None:
    # A strategy of level-3 projects only is drawn in level 3's colour, not level 1's.
    level_3 = attrs.evolve(turbine.vocabulary.LEVEL_3, color=None)
    assert level_colours([level_3]) == {3: "#2d2a6e"}
    assert level_colours([level_3], "greys") == {3: "#3a3a3a"}
    level_2 = attrs.evolve(turbine.vocabulary.LEVEL_2, color=None)
    assert level_colours([level_2, level_3]) == {2: "#3e9e8f", 3: "#2d2a6e"}
    # Codes outside the Turbine's three are spread over the scale by rank.
    odd = [turbine.ServiceLevel(code=code, label={"fr": str(code)}) for code in (5, 9)]
    assert level_colours(odd) == {5: "#f6e8a6", 9: "#3e9e8f"}


def test_light_cells_have_a_darker_outline() -> None:
    fig = _figure()
    for patch in _cells(fig).values():
        fill, edge = patch.get_facecolor(), patch.get_edgecolor()
        assert patch.get_linewidth() > 0
        assert _luminance(to_hex(edge)) < _luminance(to_hex(fill))


def test_typologies_without_a_colour_get_distinct_ones() -> None:
    bare = tuple(attrs.evolve(t, color=None) for t in turbine.TYPOLOGIES)
    strategy = attrs.evolve(ARTOIS, typologies=bare)
    keys = _by_gid(_figure(strategy), Rectangle, "legend-key:typology:")
    colours = [to_hex(patch.get_facecolor()) for patch in keys.values()]
    assert len(colours) == 4
    assert len(set(colours)) == 4


def test_several_objectives_to_one_image_names_the_ids(tmp_path: Path) -> None:
    strategy = turbine.examples.synthetic(n_actions=80, n_objectives=8, seed=1)
    with pytest.raises(RenderError, match=r"--objective ID; the ids: 'objective-0', .*, \.\.\.\)"):
        write_matrix(strategy, tmp_path / "m.svg")
