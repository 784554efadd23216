from __future__ import annotations

import itertools

import pytest

from turbine import vocabulary
from turbine.model import LocalizedText

from .test_examples import in_seed


def luminance(color: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_four_typologies_in_the_seeds_order() -> None:
    assert [t.id for t in vocabulary.TYPOLOGIES] == [
        "policy-makers",
        "project-makers",
        "supporters",
        "inhabitants",
    ]
    assert vocabulary.TYPOLOGIES[0] is vocabulary.POLICY_MAKERS


def test_three_levels_with_codes_one_two_three() -> None:
    assert [level.code for level in vocabulary.SERVICE_LEVELS] == [1, 2, 3]
    assert list(vocabulary.SERVICE_LEVELS) == sorted(vocabulary.SERVICE_LEVELS)


def french_texts() -> list[str]:
    texts: list[LocalizedText] = []
    for typology in vocabulary.TYPOLOGIES:
        texts += [typology.label, *typology.examples]
        if typology.description is not None:
            texts.append(typology.description)
    for level in vocabulary.SERVICE_LEVELS:
        texts.append(level.label)
        if level.description is not None:
            texts.append(level.description)
        if level.criteria is not None:
            criteria = level.criteria
            for value in (
                criteria.scale,
                criteria.carriers,
                criteria.impact,
                criteria.method,
                criteria.political_backing,
            ):
                if value is not None:
                    texts.append(value)
    return [text["fr"] for text in texts]


@pytest.mark.parametrize("text", french_texts())
def test_french_texts_are_the_seeds_verbatim(text: str) -> None:
    assert in_seed(text)


def test_every_text_has_french_and_english() -> None:
    for typology in vocabulary.TYPOLOGIES:
        assert set(typology.label) == {"fr", "en"}
    for level in vocabulary.SERVICE_LEVELS:
        assert set(level.label) == {"fr", "en"}
        assert level.description is not None
        assert set(level.description) == {"fr", "en"}
    for label in vocabulary.ROLES.values():
        assert set(label) == {"fr", "en"}


def test_each_level_is_defined_by_its_criteria() -> None:
    filled = {
        level.code: [
            name
            for name in ("scale", "carriers", "impact", "method", "political_backing")
            if getattr(level.criteria, name) is not None
        ]
        for level in vocabulary.SERVICE_LEVELS
    }
    assert filled == {
        1: ["scale", "carriers", "method", "political_backing"],
        2: ["carriers", "impact", "method"],
        3: ["scale", "carriers", "impact", "method", "political_backing"],
    }


def test_level_colours_stay_ordered_and_distinct_in_greyscale() -> None:
    colors = [level.color for level in vocabulary.SERVICE_LEVELS]
    assert all(color is not None for color in colors)
    lum = [luminance(c) for c in colors if c is not None]
    assert lum[0] > lum[1] > lum[2]
    assert min(a - b for a, b in itertools.pairwise(lum)) > 0.1


def test_roles_and_words_are_read_only() -> None:
    assert list(vocabulary.ROLES) == ["carrier", "partner", "funder", "supporter"]
    with pytest.raises(TypeError):
        vocabulary.ROLES["x"] = LocalizedText(fr="x")  # type: ignore[index]
    assert vocabulary.VOCABULARY["meta_action"]["fr"] == "méta-action"
