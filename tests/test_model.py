from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given

import turbine
from turbine import (
    Action,
    ActionContext,
    Actor,
    Involvement,
    LocalizedText,
    MetaAction,
    Objective,
    ServiceLevel,
    Strategy,
    Territory,
    UnknownIdError,
)
from turbine.vocabulary import LEVEL_1, LEVEL_2, LEVEL_3, POLICY_MAKERS, TYPOLOGIES

from .strategies import strategies


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


# -- LocalizedText -----------------------------------------------------------------------------


def test_localized_text_is_an_immutable_hashable_mapping() -> None:
    text = LocalizedText({"fr": "bonjour"}, en="hello")
    assert dict(text) == {"fr": "bonjour", "en": "hello"}
    assert list(text) == ["fr", "en"]
    assert len(text) == 2
    assert text["en"] == "hello"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        text._texts = {}
    assert hash(text) == hash(LocalizedText(en="hello", fr="bonjour"))


def test_localized_text_equality_ignores_order_and_accepts_mappings() -> None:
    text = LocalizedText(fr="a", en="b")
    assert text == LocalizedText(en="b", fr="a")
    assert text == {"en": "b", "fr": "a"}
    assert text != LocalizedText(fr="a")
    assert text != "a"


def test_localized_text_falls_back_to_first_language() -> None:
    text = LocalizedText(fr="texte", en="text")
    assert text.text("en") == "text"
    assert text.text("de") == "texte"
    assert text.text() == "texte"


def test_localized_text_refuses_empty_and_non_str() -> None:
    with pytest.raises(ValueError, match="at least one language"):
        LocalizedText()
    with pytest.raises(TypeError, match="must be str"):
        LocalizedText({"fr": 3})  # type: ignore[arg-type]


def test_localized_text_repr_and_pickle() -> None:
    text = LocalizedText(fr="é")
    assert repr(text) == "LocalizedText({'fr': 'é'})"
    assert pickle.loads(pickle.dumps(text)) == text  # noqa: S301 - our own data


# -- values ------------------------------------------------------------------------------------


def test_model_values_are_frozen_and_evolve_makes_new_ones() -> None:
    action = Action(id="a", title="t", featured=True)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        action.title = "u"  # type: ignore[misc]
    changed = attrs.evolve(action, title="u")
    assert changed.title == "u"
    assert action.title == "t"


def test_constructors_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        Action("a", "t")  # type: ignore[call-arg]


def test_sequences_become_tuples_so_values_hash() -> None:
    meta = MetaAction(
        id="m",
        title="t",
        typologies=["policy-makers"],
        level=1,
        actions=[Action(id="a", title="t", typologies=["policy-makers"])],
    )
    assert meta.typologies == ("policy-makers",)
    assert isinstance(meta.actions, tuple)
    assert meta.actions[0].typologies == ("policy-makers",)
    assert hash(meta) == hash(attrs.evolve(meta))


def test_localized_fields_accept_plain_mappings() -> None:
    level = ServiceLevel(code=4, label={"fr": "quatre"})
    assert isinstance(level.label, LocalizedText)
    assert level == ServiceLevel(code=4, label=LocalizedText(fr="quatre"))


def test_service_levels_are_ordered_by_code() -> None:
    assert LEVEL_1 < LEVEL_2 < LEVEL_3
    assert LEVEL_3 >= LEVEL_2
    assert sorted([LEVEL_3, LEVEL_1, LEVEL_2]) == [LEVEL_1, LEVEL_2, LEVEL_3]
    with pytest.raises(TypeError):
        _ = LEVEL_1 < 3  # type: ignore[operator]


def test_strategy_defaults_to_the_canonical_vocabulary() -> None:
    strategy = Strategy(id="s", title="t", language="fr", territory=Territory(name="T"))
    assert strategy.typologies == TYPOLOGIES
    assert [level.code for level in strategy.service_levels] == [1, 2, 3]
    assert strategy.format_version == turbine.FORMAT_VERSION


# -- navigation --------------------------------------------------------------------------------


def test_lookups_by_id(artois: Strategy) -> None:
    assert artois.objective("reterritorialisation").title.startswith("Reterritorialisation")
    meta = artois.meta_action("energies-renouvelables")
    assert meta.level == 3
    action = artois.action("operations-collectives-enr")
    assert action in meta.actions
    assert artois.actor("cooperative-energie").typology == "project-makers"
    assert artois.typology("policy-makers") == POLICY_MAKERS
    assert artois.service_level(2).code == 2


def test_unknown_ids_raise_with_suggestions(artois: Strategy) -> None:
    with pytest.raises(UnknownIdError) as caught:
        artois.action("eco-materiau")
    assert caught.value.kind == "action"
    assert caught.value.id == "eco-materiau"
    assert caught.value.suggestions[0] == "eco-materiaux"
    assert "did you mean 'eco-materiaux'" in str(caught.value)
    assert isinstance(caught.value, KeyError)
    with pytest.raises(UnknownIdError, match="no service level with code 9"):
        artois.service_level(9)
    with pytest.raises(UnknownIdError):
        artois.axis("any")
    with pytest.raises(UnknownIdError, match="no actor"):
        artois.actions_of("nobody")


def test_iter_actions_gives_parents_and_effective_values(artois: Strategy) -> None:
    contexts = list(artois.iter_actions())
    assert len(contexts) == 8
    by_id = {c.action.id: c for c in contexts}
    own = by_id["operations-collectives-enr"]
    assert own.meta_action.id == "energies-renouvelables"
    assert own.objective.id == "reterritorialisation"
    assert own.axis is None
    assert own.level == 2  # its own level, not the meta-action's 3
    assert own.typologies == ("project-makers", "inhabitants")
    inherited = by_id["production-enr"]
    assert inherited.level == 3
    assert inherited.typologies == inherited.meta_action.typologies
    assert artois.effective_level("operations-collectives-enr") == LEVEL_2
    assert artois.effective_level(inherited.action) == LEVEL_3
    assert [t.id for t in artois.effective_typologies(own.action)] == [
        "project-makers",
        "inhabitants",
    ]
    assert artois.context("production-enr") == inherited


def test_actions_of_an_actor(artois: Strategy) -> None:
    contexts = artois.actions_of("cooperative-energie")
    assert [c.action.id for c in contexts] == ["production-enr", "operations-collectives-enr"]
    assert artois.actions_of(artois.actor("pole-metropolitain"))[0].action.id == "production-enr"


def test_actor_involved_twice_in_one_action_lists_it_once() -> None:
    strategy = Strategy(
        id="s",
        title="t",
        language="fr",
        territory=Territory(name="T"),
        actors=[Actor(id="x", name="X", typology="policy-makers")],
        objectives=[
            Objective(
                id="o",
                title="o",
                meta_actions=[
                    MetaAction(
                        id="m",
                        title="m",
                        typologies=["policy-makers"],
                        level=1,
                        actions=[
                            Action(
                                id="a",
                                title="a",
                                actors=[
                                    Involvement(actor="x", role="carrier"),
                                    Involvement(actor="x", role="funder"),
                                ],
                            )
                        ],
                    )
                ],
            )
        ],
    )
    assert [c.action.id for c in strategy.actions_of("x")] == ["a"]


def test_counts_and_reprs(artois: Strategy) -> None:
    counts = artois.counts()
    assert (counts.objectives, counts.meta_actions, counts.actions) == (1, 5, 8)
    assert counts.featured_actions == 5
    assert counts.actors == 11
    assert (counts.typologies, counts.service_levels, counts.axes) == (4, 3, 0)
    assert repr(artois) == (
        "Strategy(id='artois-turbine', title=\"La Turbine de l'éco-transition\", axes=0, "
        "objectives=1, meta_actions=5, actions=8, actors=11)"
    )
    meta = artois.meta_action("production-durable")
    assert repr(meta).startswith("MetaAction(id='production-durable', title='Favoriser la créat")
    assert repr(meta).endswith("level=1, typologies=('project-makers', 'supporters'), actions=2)")
    objective = artois.objective("reterritorialisation")
    assert repr(objective).endswith("meta_actions=5)")


@given(strategies())
def test_navigation_agrees_with_the_tree(strategy: Strategy) -> None:
    contexts = list(strategy.iter_actions())
    counts = strategy.counts()
    assert len(contexts) == counts.actions
    assert sum(c.action.featured for c in contexts) == counts.featured_actions
    assert len(list(strategy.iter_meta_actions())) == counts.meta_actions
    assert len(list(strategy.iter_objectives())) == counts.objectives
    for context in contexts:
        assert isinstance(context, ActionContext)
        assert strategy.context(context.action.id) == context
        assert context.action in context.meta_action.actions
        assert context.meta_action in context.objective.meta_actions
        if context.axis is not None:
            assert context.objective in context.axis.objectives
        expected = context.action.level or context.meta_action.level
        assert strategy.effective_level(context.action).code == expected
    involved = {i.actor for c in contexts for i in c.action.actors}
    for actor in strategy.actors:
        found = strategy.actions_of(actor)
        assert bool(found) == (actor.id in involved)
        assert all(any(i.actor == actor.id for i in c.action.actors) for c in found)


def test_level_comparisons_agree_with_each_other() -> None:
    light = attrs.evolve(LEVEL_1, color="#ffffff")
    assert light != LEVEL_1  # equality compares every field
    assert light <= LEVEL_1
    assert light >= LEVEL_1
    assert not light < LEVEL_1
    assert not light > LEVEL_1


def test_a_lone_text_is_not_a_sequence_of_values() -> None:
    with pytest.raises(TypeError, match="not the single text 'Lens'"):
        Territory(name="T", members="Lens")
    with pytest.raises(TypeError):
        MetaAction(id="m", title="t", typologies="policy-makers", level=1)


def test_service_levels_are_looked_up_by_code(artois: Strategy) -> None:
    with pytest.raises(UnknownIdError) as caught:
        artois.service_level("1")  # type: ignore[arg-type]
    assert str(caught.value) == "no service level with code '1' in this strategy"
    assert caught.value.suggestions == ()


def test_effective_values_of_a_changed_action(artois: Strategy) -> None:
    stored = artois.action("production-enr")
    changed = attrs.evolve(stored, level=1, typologies=("inhabitants",))
    assert artois.effective_level(stored).code == 3
    assert artois.effective_level(changed).code == 1
    assert [t.id for t in artois.effective_typologies(changed)] == ["inhabitants"]
