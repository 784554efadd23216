from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import turbine
from turbine import ExampleNotFoundError, Strategy
from turbine.examples import synthetic

SEED = (Path(__file__).parent / "data" / "seed-turbine-synthesis-fr.txt").read_text(
    encoding="utf-8"
)


def in_seed(text: str) -> bool:
    """The text is the seed's own, allowing only a capital first letter."""
    return text in SEED or (text[:1].lower() + text[1:]) in SEED


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


def test_names_load_and_text() -> None:
    assert turbine.examples.names() == ("artois",)
    text = turbine.examples.text("artois")
    assert json.loads(text)["id"] == "artois-turbine"
    with pytest.raises(ExampleNotFoundError) as caught:
        turbine.examples.load("lille")
    assert caught.value.available == ("artois",)
    assert "available: artois" in str(caught.value)


def test_the_example_is_valid_without_any_warning() -> None:
    report = turbine.validate(json.loads(turbine.examples.text("artois")))
    assert list(report) == []


def test_the_objective_is_the_seeds_verbatim(artois: Strategy) -> None:
    (objective,) = artois.objectives
    assert in_seed(objective.title)
    paragraphs = SEED.split("\n")[:3]
    assert objective.description == "\n\n".join(paragraphs)
    seed_meta_actions = [block.split("\n")[0].strip() for block in SEED.split("¶")[1:]]
    assert [m.title for m in objective.meta_actions] == seed_meta_actions
    for block, meta in zip(SEED.split("¶")[1:], objective.meta_actions, strict=True):
        lines = [line for line in block.strip("\n").split("\n")[1:] if line.strip()]
        assert [a.title for a in meta.actions] == lines


def test_the_territory_and_its_three_agglomerations(artois: Strategy) -> None:
    assert artois.territory.name == "Pôle métropolitain de l'Artois"
    assert artois.territory.members == (
        "CA de Béthune-Bruay Artois-Lys Romane",
        "CA de Lens-Liévin",
        "CA d'Hénin-Carvin",
    )
    assert artois.language == "fr"


def test_the_vocabulary_is_the_canonical_one(artois: Strategy) -> None:
    assert artois.typologies == turbine.TYPOLOGIES
    assert artois.service_levels == turbine.SERVICE_LEVELS


def test_illustrative_choices_are_recorded(artois: Strategy) -> None:
    assert artois.provenance is not None
    notes = artois.provenance.notes or ""
    assert "illustratifs" in notes
    assert "illustrative" in notes
    assert artois.actors
    assert all("illustrative" in actor.tags for actor in artois.actors)


def test_the_example_shows_every_level_featured_and_detail_actions(artois: Strategy) -> None:
    levels = {m.level for m in artois.iter_meta_actions()}
    assert levels == {1, 2, 3}
    featured = [c.action.featured for c in artois.iter_actions()]
    assert any(featured)
    assert not all(featured)
    assert any(c.action.level is not None for c in artois.iter_actions())
    involved = {i.actor for c in artois.iter_actions() for i in c.action.actors}
    assert involved == {a.id for a in artois.actors}


# -- synthetic ---------------------------------------------------------------------------------


def test_synthetic_is_deterministic_and_seeded() -> None:
    assert synthetic(n_actions=60, seed=3) == synthetic(n_actions=60, seed=3)
    assert synthetic(n_actions=60, seed=3) != synthetic(n_actions=60, seed=4)


def test_synthetic_sizes_and_structure() -> None:
    strategy = synthetic(n_actions=2500, n_actors=1000)
    counts = strategy.counts()
    assert counts.actions == 2500
    assert counts.actors == 1000
    assert counts.objectives == 100
    assert counts.meta_actions == 500
    assert counts.axes == 20
    assert not strategy.objectives  # 100 objectives fill 20 axes of 5


def test_synthetic_participation_is_skewed() -> None:
    strategy = synthetic(n_actions=2000, n_actors=500)
    degrees = sorted((len(strategy.actions_of(a)) for a in strategy.actors), reverse=True)
    assert degrees[0] > 10 * degrees[len(degrees) // 2]


def test_synthetic_edge_sizes() -> None:
    empty = synthetic(n_actions=0)
    assert empty.counts().actions == 0
    assert empty.counts().objectives == 0
    assert empty.actors == ()
    lonely = synthetic(n_actions=3, n_actors=0, n_objectives=10)
    assert lonely.counts().objectives == 3
    assert all(not c.action.actors for c in lonely.iter_actions())
    with pytest.raises(ValueError, match="negative"):
        synthetic(n_actions=-1)
    with pytest.raises(ValueError, match="at least one objective"):
        synthetic(n_actions=5, n_objectives=0)
    assert synthetic(n_actions=0, n_objectives=0).counts().objectives == 0


@given(
    n_actions=st.integers(0, 80),
    n_actors=st.integers(0, 30),
    n_objectives=st.none() | st.integers(1, 12),
    per_objective=st.integers(0, 6),
    per_axis=st.integers(0, 4),
    seed=st.integers(0, 2**32),
)
@settings(max_examples=60, deadline=None)
def test_synthetic_strategies_are_valid_without_warnings(
    n_actions: int,
    n_actors: int,
    n_objectives: int | None,
    per_objective: int,
    per_axis: int,
    seed: int,
) -> None:
    strategy = synthetic(
        n_actions=n_actions,
        n_actors=n_actors,
        n_objectives=n_objectives,
        meta_actions_per_objective=per_objective,
        objectives_per_axis=per_axis,
        seed=seed,
    )
    assert strategy.counts().actions == n_actions
    assert list(turbine.validate(strategy)) == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert turbine.loads(turbine.dumps(strategy)) == strategy
