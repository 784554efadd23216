"""Tests of turbine._decode: from bytes to JSON data, strictly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import turbine
from tests.strategies import json_text, json_values
from turbine._decode import (
    MAX_DEPTH,
    decode_text,
    find_lone_surrogates,
    find_too_deep,
    parse_json,
    parse_json_problems,
)
from turbine._util import printable
from turbine.errors import TurbineDecodeError, TurbineValidationError
from turbine.report import Severity, format_path


def _problems(text: str) -> list[tuple[str, str]]:
    """The (path, code) of every problem parse_json reports, all in one error."""
    with pytest.raises(TurbineValidationError) as caught:
        parse_json(text, "doc.json")
    assert caught.value.source == "doc.json"
    assert all(p.severity is Severity.ERROR for p in caught.value.problems)
    return [(p.path, p.code) for p in caught.value.problems]


def _is_printable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- decode_text ------------------------------------------------------------------------------


def test_decode_text_reads_utf8() -> None:
    text = '{"titre": "Béthune \u2013 🚲"}'
    assert decode_text(text.encode(), "x") == text


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_decode_text_takes_any_bytes_like(kind: Any) -> None:
    assert decode_text(kind(b"[1]"), "x") == "[1]"


def test_one_initial_byte_order_mark_is_allowed() -> None:
    text = decode_text(b"\xef\xbb\xbf{}", "x")
    assert text == "\ufeff{}"  # decoding keeps it; parsing allows it
    assert parse_json(text, "x") == {}


def test_only_one_initial_byte_order_mark_is_dropped() -> None:
    # A second one is content (and then not JSON): it is not silently dropped.
    text = decode_text(b"\xef\xbb\xbf\xef\xbb\xbf{}", "x")
    with pytest.raises(TurbineDecodeError) as caught:
        parse_json(text, "x")
    assert caught.value.code == "invalid-json"


def test_invalid_utf8_names_line_column_and_offset() -> None:
    raw = b'{\n  "title": "caf\xe9"\n}'
    with pytest.raises(TurbineDecodeError) as caught:
        decode_text(raw, "latin1.json")
    error = caught.value
    assert error.code == "invalid-utf8"
    assert error.source == "latin1.json"
    assert error.line == 2
    assert error.column == 16
    assert raw.index(b"\xe9") == 17
    assert "byte 0xe9 at offset 17" in str(error)
    assert str(error).startswith("latin1.json:2:16: not valid UTF-8")
    assert error.path == "$"
    assert error.__cause__ is None
    assert error.__suppress_context__


def test_invalid_utf8_on_the_first_line() -> None:
    with pytest.raises(TurbineDecodeError) as caught:
        decode_text(b"\xff[]", "x")
    assert (caught.value.line, caught.value.column) == (1, 1)
    assert "byte 0xff at offset 0" in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "offset"),
    [
        (b'["\xc3"]', 2),  # a two-byte character cut short
        (b'["ab\xc3', 4),  # cut short at the end
        (b'["\xc0\xaf"]', 2),  # overlong encoding of "/"
        (b'["\xed\xa0\x80"]', 2),  # a UTF-16 surrogate encoded in UTF-8
        (b'["\x80"]', 2),  # a continuation byte alone
    ],
)
def test_invalid_utf8_sequences(raw: bytes, offset: int) -> None:
    with pytest.raises(TurbineDecodeError) as caught:
        decode_text(raw, "x")
    assert caught.value.code == "invalid-utf8"
    assert f"at offset {offset} " in str(caught.value)
    assert caught.value.line == 1
    assert caught.value.column == offset + 1


def test_invalid_utf8_after_several_lines() -> None:
    raw = b"[\n1,\n\n2,\n  \xfe]"
    with pytest.raises(TurbineDecodeError) as caught:
        decode_text(raw, "x")
    assert (caught.value.line, caught.value.column) == (5, 3)


# -- parse_json: text that is not JSON ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("", 1, 1),
        ("{", 1, 2),
        ('{"a": 1,\n  x}', 2, 3),
        ("[1, 2,]", 1, 7),
        ("{} {}", 1, 4),
        ("{'a': 1}", 1, 2),
        ('{"a": 1}\n\n  trailing', 3, 3),
        ('["tab\there"]', 1, 6),
    ],
)
def test_not_json_is_a_decode_error_with_its_place(text: str, line: int, column: int) -> None:
    with pytest.raises(TurbineDecodeError) as caught:
        parse_json(text, "bad.json")
    error = caught.value
    assert error.code == "invalid-json"
    assert (error.line, error.column) == (line, column)
    assert str(error).startswith(f"bad.json:{line}:{column}: not valid JSON: ")
    assert error.__suppress_context__


def test_parse_json_accepts_a_byte_order_mark() -> None:
    assert parse_json('\ufeff{"a": [1]}', "x") == {"a": [1]}


def test_parse_json_reads_plain_json() -> None:
    text = '{"a": [1, 2.5, -3e2, true, false, null, "é"], "b": {}}'
    assert parse_json(text, "x") == {"a": [1, 2.5, -300.0, True, False, None, "é"], "b": {}}


def test_a_huge_integer_is_a_decode_error_not_a_traceback() -> None:
    with pytest.raises(TurbineDecodeError) as caught:
        parse_json("1" * 5000, "big.json")
    assert caught.value.code == "invalid-json"
    assert caught.value.source == "big.json"
    assert "4300" in str(caught.value)
    assert caught.value.__suppress_context__


def test_a_huge_integer_inside_a_document() -> None:
    with pytest.raises(TurbineDecodeError) as caught:
        parse_json('{"service_levels": [{"code": ' + "9" * 5000 + "}]}", "x")
    assert caught.value.code == "invalid-json"


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deep_nesting_is_a_decode_error(opening: str) -> None:
    with pytest.raises(TurbineDecodeError) as caught:
        parse_json(opening * 100_000, "deep.json")
    error = caught.value
    assert error.code == "too-deep"
    assert error.source == "deep.json"
    assert str(error) == "deep.json: the document is nested too deeply to be read"
    assert error.__suppress_context__


def test_moderate_nesting_is_read() -> None:
    assert parse_json("[" * 200 + "]" * 200, "x") is not None


# -- parse_json: duplicate keys and non-finite numbers ----------------------------------------


def test_duplicate_key_at_the_root() -> None:
    assert _problems('{"id": "a", "title": "t", "id": "b"}') == [("$.id", "duplicate-key")]


def test_duplicate_key_nested() -> None:
    text = '{"objectives": [{"id": "o"}, {"id": "p", "meta_actions": [{"level": 1, "level": 2}]}]}'
    assert _problems(text) == [("$.objectives[1].meta_actions[0].level", "duplicate-key")]


def test_every_duplicate_key_is_reported_at_once() -> None:
    text = json.dumps({"z": 0})[:-1] + (
        ', "a": 1, "a": 2, "b": {"c": [{"x": 1, "y": 2, "x": 3}], "odd key": 1, "odd key": 2},'
        ' "z": 9}'
    )
    with pytest.raises(TurbineValidationError) as caught:
        parse_json(text, "dup.json")
    error = caught.value
    found = sorted((p.path, p.code) for p in error.problems)
    assert found == sorted(
        [
            ("$.z", "duplicate-key"),
            ("$.a", "duplicate-key"),
            ("$.b.c[0].x", "duplicate-key"),
            ("$.b['odd key']", "duplicate-key"),
        ]
    )
    assert error.path in {"$.z", "$.a"}  # the first error: one of the root's
    assert str(error).startswith("dup.json is not a valid turbine strategy: 4 errors")
    assert "'x' appears more than once" in str(error)


def test_a_key_repeated_three_times_is_reported_once() -> None:
    assert _problems('{"a": 1, "a": 2, "a": 3}') == [("$.a", "duplicate-key")]


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_reported_with_their_path(token: str) -> None:
    text = '{"service_levels": [{"code": ' + token + "}]}"
    with pytest.raises(TurbineValidationError) as caught:
        parse_json(text, "x")
    [problem] = caught.value.problems
    assert problem.path == "$.service_levels[0].code"
    assert problem.code == "non-finite-number"
    assert problem.message == f"{token} is not a number JSON allows"


def test_non_finite_numbers_and_duplicate_keys_together() -> None:
    text = '[NaN, {"a": Infinity, "a": -Infinity}, [1, -Infinity]]'
    assert _problems(text) == [
        ("$[0]", "non-finite-number"),
        ("$[1].a", "duplicate-key"),
        ("$[1].a", "non-finite-number"),
        ("$[2][1]", "non-finite-number"),
    ]


def test_a_non_finite_document() -> None:
    assert _problems("NaN") == [("$", "non-finite-number")]


def test_nan_inside_a_string_is_text() -> None:
    assert parse_json('{"a": "NaN", "Infinity": "-Infinity"}', "x") == {
        "a": "NaN",
        "Infinity": "-Infinity",
    }


# -- parse_json: lone surrogates --------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\ud800", "\\udbff", "\\udc00", "\\uDFFF", "\\uD83D"])
def test_a_lone_surrogate_in_a_value_is_invalid_unicode(escape: str) -> None:
    with pytest.raises(TurbineValidationError) as caught:
        parse_json('{"actors": [{"name": "ab' + escape + 'c"}]}', "x")
    [problem] = caught.value.problems
    assert problem.path == "$.actors[0].name"
    assert problem.code == "invalid-unicode"
    assert "text" in problem.message
    assert _is_printable(str(caught.value))


def test_a_lone_surrogate_in_a_key_is_invalid_unicode_with_a_printable_path() -> None:
    with pytest.raises(TurbineValidationError) as caught:
        parse_json('{"territory": {"na\\ud800me": "x"}}', "x")
    [problem] = caught.value.problems
    assert problem.code == "invalid-unicode"
    assert "key" in problem.message
    assert problem.location == ("territory", "na\\ud800me")
    assert problem.path == "$.territory['na\\\\ud800me']"
    assert _is_printable(problem.path)
    assert _is_printable(str(problem))
    assert _is_printable(str(caught.value))


def test_lone_surrogates_in_keys_and_values_are_all_reported() -> None:
    text = '{"a": "\\ud800", "b": ["ok", "\\udc00"], "\\udfff": 1}'
    with pytest.raises(TurbineValidationError) as caught:
        parse_json(text, "x")
    problems = caught.value.problems
    assert sorted((p.path, p.code) for p in problems) == sorted(
        [
            ("$['\\\\udfff']", "invalid-unicode"),
            ("$.a", "invalid-unicode"),
            ("$.b[1]", "invalid-unicode"),
        ]
    )
    assert all(_is_printable(str(p)) for p in problems)


def test_a_reversed_pair_is_two_lone_surrogates() -> None:
    with pytest.raises(TurbineValidationError) as caught:
        parse_json('["\\ude00\\ud83d"]', "x")
    assert [(p.path, p.code) for p in caught.value.problems] == [("$[0]", "invalid-unicode")]


@pytest.mark.parametrize("pair", ["\\ud83d\\ude00", "\\uD83D\\uDE00"])
def test_a_surrogate_pair_is_one_character(pair: str) -> None:
    assert parse_json('{"title": "x' + pair + '", "' + pair + '": 1}', "x") == {
        "title": "x😀",
        "😀": 1,
    }


def test_an_escaped_backslash_before_u_is_not_a_surrogate() -> None:
    # The text holds a backslash followed by "ud800": six ordinary characters.
    assert parse_json('["\\\\ud800"]', "x") == ["\\ud800"]


def test_paths_under_a_key_with_a_lone_surrogate_are_printable() -> None:
    # Every step of a path, not only the last, must be printable: the CLI writes them to stdout.
    with pytest.raises(TurbineValidationError) as caught:
        parse_json('{"\\ud800": {"x": "\\udc00"}}', "x")
    problems = caught.value.problems
    assert all(_is_printable(p.path) for p in problems), [ascii(p.path) for p in problems]
    assert sorted(p.path for p in problems) == ["$['\\\\ud800']", "$['\\\\ud800'].x"]


def test_duplicate_key_under_a_key_with_a_lone_surrogate_has_a_printable_path() -> None:
    with pytest.raises(TurbineValidationError) as caught:
        parse_json('{"\\ud800": {"a": 1, "a": 2}}', "x")
    paths = [p.path for p in caught.value.problems]
    assert all(_is_printable(path) for path in paths), [ascii(path) for path in paths]
    assert "$['\\\\ud800'].a" in paths


def test_duplicate_keys_and_lone_surrogates_are_reported_together() -> None:
    # parse_json promises that every duplicate key, non-finite number and lone surrogate is in
    # the one report.
    assert sorted(_problems('{"a": 1, "a": 2, "b": "\\ud800"}')) == [
        ("$.a", "duplicate-key"),
        ("$.b", "invalid-unicode"),
    ]


# -- find_lone_surrogates and printable -------------------------------------------------------


def test_find_lone_surrogates_in_python_data() -> None:
    data = {"ok": ["fine", "\ud800"], "\udc00": {"x": 1}}
    found = sorted((p.path, p.code, p.severity) for p in find_lone_surrogates(data))
    assert found == [
        ("$.ok[1]", "invalid-unicode", Severity.ERROR),
        ("$['\\\\udc00']", "invalid-unicode", Severity.ERROR),
    ]


def test_find_lone_surrogates_ignores_non_text() -> None:
    assert list(find_lone_surrogates({"a": [1, 2.5, None, True, {"b": "é😀"}]})) == []


def test_printable() -> None:
    assert printable("plain été 😀") == "plain été 😀"
    assert printable("a\ud800b") == "a\\ud800b"
    assert printable("\udfff") == "\\udfff"


@given(st.text())
def test_printable_text_encodes_and_leaves_real_characters_alone(text: str) -> None:
    result = printable(text)
    assert _is_printable(result)
    if _is_printable(text):
        assert result == text


# -- properties -------------------------------------------------------------------------------


@given(json_values)
def test_parse_json_reads_what_json_writes(value: Any) -> None:
    assert parse_json(json.dumps(value), "x") == value
    assert parse_json(json.dumps(value, ensure_ascii=False), "x") == value
    assert parse_json(json_text(value), "x") == value


@given(json_values)
def test_decode_then_parse_reads_utf8_json(value: Any) -> None:
    raw = json_text(value).encode("utf-8")
    assert parse_json(decode_text(raw, "x"), "x") == value
    assert parse_json(decode_text(b"\xef\xbb\xbf" + raw, "x"), "x") == value


@given(st.dictionaries(st.text(min_size=1, max_size=5), json_values, min_size=1, max_size=4))
def test_a_repeated_key_is_always_found(value: dict[str, Any]) -> None:
    key = next(iter(value))
    text = json.dumps(value)[:-1] + ", " + json.dumps(key) + ": 0}"
    problems = _problems(text)
    assert (format_path([key]), "duplicate-key") in problems


# -- find_too_deep ----------------------------------------------------------------------------


def _nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def test_find_too_deep_points_where_each_branch_goes_too_deep() -> None:
    data = {"a": [[1]], "b": {"c": {"d": 2}}, "e": [3]}
    found = [(p.path, p.code, p.severity) for p in find_too_deep(data, limit=2)]
    assert found == [
        ("$.a[0][0]", "too-deep", Severity.ERROR),
        ("$.b.c.d", "too-deep", Severity.ERROR),
    ]


def test_find_too_deep_reports_a_branch_once() -> None:
    problems = list(find_too_deep(_nested(1000), limit=5))
    assert [p.path for p in problems] == ["$" + "[0]" * 6]
    assert problems[0].message == "values are nested more than 5 levels deep here"


def test_find_too_deep_at_the_limit_finds_nothing() -> None:
    assert list(find_too_deep(_nested(MAX_DEPTH))) == []
    assert len(list(find_too_deep(_nested(MAX_DEPTH + 1)))) == 1


def test_find_too_deep_on_very_deep_data_does_not_recurse() -> None:
    problems = list(find_too_deep(_nested(200_000)))
    assert [p.location for p in problems] == [(0,) * (MAX_DEPTH + 1)]


def test_find_too_deep_paths_are_printable() -> None:
    data = {"\ud800": [[1]]}
    [problem] = find_too_deep(data, limit=2)
    assert problem.path == "$['\\\\ud800'][0][0]"
    assert _is_printable(str(problem))


def test_a_document_is_far_from_the_depth_limit() -> None:
    data = parse_json(turbine.examples.text("artois"), "artois")
    assert list(find_too_deep(data)) == []
    assert list(find_too_deep(data, limit=12)) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[Infinity", "invalid-json"),
        ('{"a": NaN,}', "invalid-json"),
        ('{"a": 1, "a": 2} x', "invalid-json"),
        ("[NaN, " + "9" * 5000 + "]", "invalid-json"),
        ("[NaN, " + "[" * 100_000 + "]" * 100_000 + "]", "too-deep"),
    ],
)
def test_the_second_parse_fails_as_cleanly_as_the_first(text: str, code: str) -> None:
    # A NaN or a duplicate key sends the text to a second, marking parse: its own syntax errors
    # must come out as TurbineDecodeError too, never as json's exceptions.
    with pytest.raises(TurbineDecodeError) as caught:
        parse_json(text, "x")
    assert caught.value.code == code


def test_a_number_too_large_for_a_float_is_not_finite() -> None:
    with pytest.raises(TurbineValidationError) as caught:
        parse_json('{"a": 1e400, "b": -1e400, "c": 1.5}', "x")
    assert [(p.path, p.code) for p in caught.value.report] == [
        ("$.a", "non-finite-number"),
        ("$.b", "non-finite-number"),
    ]
    assert caught.value.report[0].message == "1e400 is too large to be a number"


def test_decode_problems_come_with_the_data() -> None:
    data, problems = parse_json_problems('{"a": 1, "a": 2, "b": "\\ud800"}', "x")
    assert data == {"a": 2, "b": "\ud800"}
    assert [(p.path, p.code) for p in problems] == [
        ("$.a", "duplicate-key"),
        ("$.b", "invalid-unicode"),
    ]


def test_walks_stop_on_cyclic_and_absurdly_deep_data() -> None:
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    assert [p.code for p in find_lone_surrogates(cyclic)] == []
    (problem,) = find_too_deep(cyclic, limit=5)
    assert problem.location == ("self",) * 6
