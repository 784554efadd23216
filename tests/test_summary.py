from __future__ import annotations

import re

import attrs

import turbine
from turbine._summary import summarize


def test_french_summary_of_the_example() -> None:
    text = summarize(turbine.examples.load("artois"))
    lines = text.splitlines()
    assert lines[0] == "La Turbine de l'éco-transition  [artois-turbine]"
    assert lines[1].startswith("Territoire : Pôle métropolitain de l'Artois (CA de Béthune")
    assert "1 objectif · 5 méta-actions · 8 actions dont 5 présentées sur la synthèse" in text
    level_lines = [line for line in lines if line.lstrip().startswith("Niveau ")]
    assert len(level_lines) == 3
    counts = [re.search(r"(\d+) / (\d+)", line) for line in level_lines]
    pairs = [(m.group(1), m.group(2)) for m in counts if m is not None]
    assert pairs == [("1", "2"), ("2", "4"), ("2", "2")]  # meta-actions / actions per level
    assert "Ceux qui habitent le territoire" in text


def test_english_summary_keeps_content_in_french() -> None:
    text = summarize(turbine.examples.load("artois"), lang="en")
    assert "Level 3 · Carry transition projects of metropolitan ambition" in text
    assert "Those who support the territory's initiatives" in text
    assert "Reterritorialisation des filières" in text


def test_summary_of_an_empty_strategy_with_axes() -> None:
    strategy = turbine.examples.synthetic(n_actions=0)
    assert "0 objectives · 0 meta-actions · 0 actions, 0 shown" in summarize(strategy, lang="en")
    assert "0 objectif · 0 méta-action · 0 action dont 0 présentée" in summarize(strategy)
    with_axes = turbine.examples.synthetic(n_actions=150, n_objectives=6, objectives_per_axis=5)
    text = summarize(attrs.evolve(with_axes, provenance=None), lang="en")
    assert "Axe 0 > Objectif 0" in text
    assert "Source:" not in text
