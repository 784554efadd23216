"""The report of ``turbine stats``: the same measures as turbine.graph, as text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import turbine.examples
from tests.strategies import strategies
from turbine import Strategy
from turbine._util import UNSAFE_CATEGORIES, cells
from turbine.graph import (
    GraphError,
    actor_measures,
    brokerage,
    communities,
    mixing_matrix,
    network_measures,
)
from turbine.graph._stats import Stats, _clip, stats


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


def _csv_rows(report: Stats) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(report.to_csv().decode("utf-8"), newline="")))
    assert len(rows) == len(report.actors)  # a name may hold line breaks: they are quoted
    return rows


def check_report(report: Stats) -> None:
    """The invariants of any report, whatever the strategy."""
    strategy = report.strategy
    assert [row.id for row in report.actors] == [actor.id for actor in strategy.actors]
    assert [row.id for row in report.brokers] == [actor.id for actor in strategy.actors]
    # Every actor in exactly one community, as the community column says.
    members = [actor for group in report.communities for actor in group]
    assert sorted(members) == sorted(actor.id for actor in strategy.actors)
    for row in report.actors:
        assert row.id in report.communities[row.community]
    # JSON: everything, and nothing but JSON.
    document = json.loads(report.to_json())
    assert document["network"] == attrs.asdict(report.network)
    assert document["actors"] == report.rows()
    assert document["mixing_matrix"] == [list(row) for row in report.mixing.counts]
    # CSV: one row per actor, the same ids and numbers.
    rows = _csv_rows(report)
    assert [row["id"].removeprefix("'") for row in rows] == [a.id for a in report.actors]
    assert [int(row["brokerage_total"]) for row in rows] == [b.total for b in report.brokers]
    assert [float(row["closeness"]) for row in rows] == [a.closeness for a in report.actors]
    # Text: one line per actor in each table when nothing is left out, no control characters.
    for lang in ("fr", "en"):
        text = report.to_text(lang=lang, top=None)
        assert not any(unicodedata.category(c) in UNSAFE_CATEGORIES for c in text.replace("\n", ""))
        assert "--top 0" not in text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies(max_actions=15))
def test_any_strategy_gives_a_consistent_report(strategy: Strategy) -> None:
    check_report(stats(strategy))


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 400), st.integers(0, 60), st.integers(0, 10_000))
def test_synthetic_strategies_give_consistent_reports(
    n_actions: int, n_actors: int, seed: int
) -> None:
    strategy = turbine.examples.synthetic(
        n_actions=n_actions, n_actors=n_actors or (1 if n_actions else 0), seed=seed
    )
    check_report(stats(strategy, seed=seed % 7))


def test_the_report_holds_turbine_graphs_measures(artois: Strategy) -> None:
    level = artois.service_levels[1].code
    report = stats(artois, level=level, seed=4, weight="jaccard")
    assert report.network == network_measures(artois, level=level)
    assert report.mixing == mixing_matrix(artois, level=level)
    assert list(report.actors) == list(
        actor_measures(artois, level=level, seed=4, weight="jaccard")
    )
    assert list(report.brokers) == list(brokerage(artois, level=level))
    nodes = communities(artois, level=level, seed=4, weight="jaccard")
    assert report.communities == tuple(
        tuple(node.removeprefix("actor:") for node in group) for group in nodes
    )


def test_text_lists_actors_by_betweenness_and_brokers_by_total(artois: Strategy) -> None:
    report = stats(artois)
    lines = report.to_text(lang="en", top=None).splitlines()
    start = lines.index("Actors, by decreasing betweenness") + 2
    shown = [line.strip() for line in lines[start : start + len(artois.actors)]]
    by_betweenness = sorted(report.actors, key=lambda a: (-a.betweenness, -a.ties))
    for line, actor in zip(shown, by_betweenness, strict=True):
        assert line.startswith(actor.label[:30])
        assert f"{actor.betweenness:.3f}" in line.split()
    start = lines.index("Gould-Fernandez brokerage roles, typologies as the groups") + 2
    brokers = [b for b in report.brokers if b.total]
    totals = [int(line.split()[-1]) for line in lines[start : start + len(brokers)]]
    assert totals == sorted((b.total for b in brokers), reverse=True)


def test_text_top_leaves_out_the_rest_and_says_so(artois: Strategy) -> None:
    report = stats(artois)
    brokers = sum(1 for row in report.brokers if row.total)
    assert brokers > 3
    text = report.to_text(lang="fr", top=3)
    assert f"… et {len(artois.actors) - 3} autres (--top 0 pour tous)" in text
    assert f"… et {brokers - 3} autres (--top 0 pour tous)" in text
    table = text.split("Acteurs, par intermédiarité décroissante\n")[1].split("\n\n")[0]
    assert len(table.splitlines()) == 1 + 3 + 1


def test_french_numbers_have_a_decimal_comma(artois: Strategy) -> None:
    report = stats(artois)
    french, english = report.to_text(lang="fr"), report.to_text(lang="en")
    density = report.network.density
    assert f"Densité {density:.3f}".replace(".", ",") in french
    assert f"Density {density:.3f}" in english


def test_text_filters_and_mixing_matrix(artois: Strategy) -> None:
    objective = artois.objectives[0].id
    report = stats(artois, level=artois.service_levels[0].code, objective=objective)
    text = report.to_text(lang="en")
    assert f"Only level {artois.service_levels[0].code} · objective {objective!r}" in text
    for number, typology in enumerate(artois.typologies, start=1):
        assert f"({number}) {typology.label.text('en')}" in text
    french = report.to_text(lang="fr")
    assert f"Seulement le niveau {artois.service_levels[0].code}" in french
    assert artois.typologies[0].label.text("fr") in french


def test_empty_strategy(artois: Strategy) -> None:
    empty = attrs.evolve(artois, actors=(), axes=(), objectives=())
    report = stats(empty)
    check_report(report)
    assert report.to_text(lang="en").splitlines()[1:] == [
        "",
        "0 actors · 0 actions · 0 involvements · 0 co-involvement ties",
    ]
    assert report.to_csv().count(b"\r\n") == 1
    assert json.loads(report.to_json())["network"]["typology_assortativity"] is None


def test_hostile_names_are_escaped_in_text_and_neutralised_in_csv(artois: Strategy) -> None:
    name = '=HYPERLINK("x")\x1b[31m' + "long " * 20
    actors = (attrs.evolve(artois.actors[0], name=name), *artois.actors[1:])
    report = stats(attrs.evolve(artois, actors=actors))
    text = report.to_text(lang="en", top=None)
    assert "\x1b" not in text
    assert '=HYPERLINK("x")\\u001b[31mlong' in text
    assert all(len(line) < 140 for line in text.splitlines())
    rows = _csv_rows(report)
    assert rows[0]["label"] == "'" + name
    assert json.loads(report.to_json())["actors"][0]["label"] == name


def test_columns_align_in_terminal_cells_whatever_the_names(artois: Strategy) -> None:
    names = [
        "田中商店の協同組合",
        "Cafe\u0301 Z\u0364\u0300algo",
        "\x07bell",
        "x" * 80,
        "👩\u200d👧",
    ]
    actors = tuple(
        attrs.evolve(actor, name=names[i % len(names)]) for i, actor in enumerate(artois.actors)
    )
    report = stats(attrs.evolve(artois, actors=actors))
    lines = report.to_text(lang="en", top=None).splitlines()
    for title in ("Actors, by decreasing betweenness", "Gould-Fernandez brokerage roles"):
        start = next(i for i, line in enumerate(lines) if line.startswith(title)) + 1
        table = lines[start : lines.index("", start) if "" in lines[start:] else len(lines)]
        # Every row ends in the same terminal column, and its typology is right under "typ."
        assert len({cells(line) for line in table}) == 1
        column = cells(table[0].split("typ.")[0]) + len("typ.")
        for line in table[1:]:
            number = line.index(")")
            assert cells(line[: number + 1]) == column
    assert "…" in report.to_text(lang="en")  # the long name is cut


def test_clip_never_cuts_an_escape_nor_a_combining_mark() -> None:
    assert _clip("ab\x07cdef", 5) == "ab…"
    assert _clip("ab\x07cdef", 9) == "ab\\u0007…"
    assert _clip("abe\u0301cd", 4) == "abe\u0301…"
    assert _clip("漢字漢字", 5) == "漢字…"
    assert _clip("short", 5) == "short"


def test_bad_options_raise_graph_errors(artois: Strategy) -> None:
    with pytest.raises(GraphError) as raised:
        stats(artois, weight="heavy")  # type: ignore[arg-type]
    assert raised.value.option == "weight"
    with pytest.raises(GraphError):
        stats("artois")  # type: ignore[arg-type]
    with pytest.raises(turbine.UnknownIdError):
        stats(artois, objective="nope")


def test_text_refuses_an_unknown_language(artois: Strategy) -> None:
    with pytest.raises(GraphError) as raised:
        stats(artois).to_text(lang="de")
    assert raised.value.option == "lang"


def test_csv_quotes_line_breaks_in_names(artois: Strategy) -> None:
    actors = (attrs.evolve(artois.actors[0], name="two\r\nlines"), *artois.actors[1:])
    rows = _csv_rows(stats(attrs.evolve(artois, actors=actors)))
    assert rows[0]["label"] == "two\r\nlines"
    assert [row["id"] for row in rows] == [actor.id for actor in artois.actors]
