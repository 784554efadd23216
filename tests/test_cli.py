"""Tests of turbine.cli: the ``turbine`` command, run in-process and as a real program."""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest.mock
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import turbine
from turbine import cli
from turbine._summary import summarize
from turbine.io import validate_file
from turbine.schema import load_schema, schema_text

ARTOIS = turbine.examples.text("artois")
ACTION = "$.objectives[0].meta_actions[0].actions[0]"


class Run:
    """The outcome of one run of the command."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


Runner = Callable[..., Run]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    def call(*argv: str) -> Run:
        code = cli.main(list(argv))
        captured = capsys.readouterr()
        result = Run(code, captured.out, captured.err)
        assert "Traceback" not in result.out
        assert "Traceback" not in result.err
        return result

    return call


def _artois() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ARTOIS)
    return data


def _write(directory: Path, name: str, content: str | bytes) -> str:
    path = directory / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def _dumped(change: Any) -> str:
    data = _artois()
    change(data)
    return json.dumps(data, ensure_ascii=False, indent=2)


@pytest.fixture
def good(tmp_path: Path) -> str:
    return _write(tmp_path, "artois.json", ARTOIS)


@pytest.fixture
def with_warning(tmp_path: Path) -> str:
    def change(data: dict[str, Any]) -> None:
        data["objectives"][0]["meta_actions"][0]["actions"][0]["actors"][0]["role"] = "helper"

    return _write(tmp_path, "warned.json", _dumped(change))


@pytest.fixture
def broken(tmp_path: Path) -> str:
    def change(data: dict[str, Any]) -> None:
        data["territory"]["name"] = 5

    return _write(tmp_path, "broken.json", _dumped(change))


# -- validate ---------------------------------------------------------------------------------


def test_validate_a_valid_file(run: Runner, good: str) -> None:
    result = run("validate", good)
    assert result.code == 0
    assert result.out == f"{good}: valid (0 error(s), 0 warning(s))\n"
    assert result.err == ""


def _set(location: tuple[str | int, ...], value: Any) -> Any:
    def change(data: Any) -> None:
        for step in location[:-1]:
            data = data[step]
        data[location[-1]] = value

    return change


def _delete(location: tuple[str | int, ...]) -> Any:
    def change(data: Any) -> None:
        for step in location[:-1]:
            data = data[step]
        del data[location[-1]]

    return change


_ACTION = ("objectives", 0, "meta_actions", 0, "actions", 0)

BAD_INPUTS: list[tuple[str, str | bytes, str, str, str]] = [
    # (case, content, path, code, a piece of the message)
    ("invalid-utf8", b'{"a":\n \xff}', "$", "invalid-utf8", "line 2, column 2: not valid UTF-8"),
    ("not-json", '{"a": 1,\n  x}', "$", "invalid-json", "line 2, column 3: not valid JSON"),
    ("empty-file", "", "$", "invalid-json", "line 1, column 1"),
    ("list", "[1, 2]", "$", "wrong-type", "not a list"),
    ("string", '"artois"', "$", "wrong-type", "not a text"),
    ("null", "null", "$", "wrong-type", "not null"),
    (
        "duplicate-key",
        ARTOIS.replace('"territory": {', '"territory": {\n    "name": "X",', 1),
        "$.territory.name",
        "duplicate-key",
        "the key 'name' appears more than once",
    ),
    (
        "nan",
        ARTOIS.replace('"code": 1,', '"code": NaN,', 1),
        "$.service_levels[0].code",
        "non-finite-number",
        "NaN is not a number JSON allows",
    ),
    (
        "lone-surrogate",
        ARTOIS.replace('"title": "La Turbine', '"title": "\\udc00La Turbine', 1),
        "$.title",
        "invalid-unicode",
        "unpaired UTF-16 surrogate",
    ),
    (
        "wrong-type",
        _dumped(_set(("territory", "name"), 5)),
        "$.territory.name",
        "wrong-type",
        "should be a text",
    ),
    (
        "missing-field",
        _dumped(_delete((*_ACTION, "featured"))),
        f"{ACTION}.featured",
        "missing-field",
        "the field 'featured' is required here",
    ),
    (
        "unknown-field",
        _dumped(_set((*_ACTION, "titel"), "x")),
        f"{ACTION}.titel",
        "unknown-field",
        "did you mean 'title'?",
    ),
    (
        "duplicate-id",
        _dumped(_set(("actors", 1, "id"), _artois()["actors"][0]["id"])),
        "$.actors[1].id",
        "duplicate-id",
        "is already used at $.actors[0]",
    ),
    (
        "dangling-actor",
        _dumped(_set((*_ACTION, "actors", 0, "actor"), "nobody")),
        f"{ACTION}.actors[0].actor",
        "unknown-actor",
        "no actor 'nobody' is declared in $.actors",
    ),
    ("deep", "[" * 100_000, "$", "too-deep", "nested too deeply"),
    ("huge-integer", "1" * 5000, "$", "invalid-json", "4300"),
    (
        "surrogate-key",
        '{"\\ud800": {"x": "\\udc00"}}',
        "$['\\\\ud800']",
        "invalid-unicode",
        "this key holds an unpaired UTF-16 surrogate",
    ),
]


@pytest.mark.parametrize(
    ("content", "path", "code", "piece"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_validate_a_bad_file_names_the_place(
    run: Runner, tmp_path: Path, content: str | bytes, path: str, code: str, piece: str
) -> None:
    name = _write(tmp_path, "bad.json", content)
    result = run("validate", name)
    assert result.code == 1
    matching = [line for line in result.lines if line.startswith(f"{name}:{path}: error {code}: ")]
    assert matching, result.out
    assert any(piece in line for line in matching), result.out
    assert result.lines[-1].startswith(f"{name}: invalid (")
    assert result.err == ""


def test_validate_reports_every_problem_of_a_file(run: Runner, tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["territory"]["name"] = 5
        data["objectives"][0]["meta_actions"][0]["actions"][0]["actors"][0]["actor"] = "nobody"

    name = _write(tmp_path, "two.json", _dumped(change))
    result = run("validate", name)
    assert result.code == 1
    assert result.lines == [
        (
            f"{name}:$.territory.name: error wrong-type: this should be a text (in double "
            "quotes), not a whole number (5)"
        ),
        (
            f"{name}:{ACTION}.actors[0].actor: error unknown-actor: no actor 'nobody' is "
            "declared in $.actors"
        ),
        f"{name}: invalid (2 error(s), 0 warning(s))",
    ]


def test_validate_a_file_that_does_not_exist(run: Runner, tmp_path: Path) -> None:
    name = str(tmp_path / "missing.json")
    result = run("validate", name)
    assert result.code == 1
    assert result.lines == [
        f"{name}:$: error unreadable-file: cannot read: No such file or directory",
        f"{name}: invalid (1 error(s), 0 warning(s))",
    ]


def test_validate_a_directory(run: Runner, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.code == 1
    assert (
        result.lines[0]
        == f"{tmp_path}:$: error unreadable-file: cannot read: is a directory, not a file"
    )


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_validate_an_unreadable_file(run: Runner, good: str) -> None:
    Path(good).chmod(0)
    try:
        result = run("validate", good)
    finally:
        Path(good).chmod(0o644)
    assert result.code == 1
    assert result.lines[0] == f"{good}:$: error unreadable-file: cannot read: Permission denied"


def test_validate_a_file_that_cannot_be_opened(
    run: Runner, good: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same as an unreadable file, for a user (root) who can read anything.
    real_open = Path.open

    def refuse(path: Path, *args: Any, **kwargs: Any) -> Any:
        if str(path) == good:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = run("validate", good)
    assert result.code == 1
    assert result.lines[0] == f"{good}:$: error unreadable-file: cannot read: Permission denied"


def test_validate_a_file_over_the_size_limit(
    run: Runner, good: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "validate_file", functools.partial(validate_file, max_bytes=100))
    result = run("validate", good)
    assert result.code == 1
    assert result.lines[0].startswith(f"{good}:$: error too-large: the document is larger than 100")


def test_validate_several_files(run: Runner, good: str, broken: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.json")
    result = run("validate", good, broken, missing)
    assert result.code == 1
    verdicts = [line for line in result.lines if ": valid (" in line or ": invalid (" in line]
    assert verdicts == [
        f"{good}: valid (0 error(s), 0 warning(s))",
        f"{broken}: invalid (1 error(s), 0 warning(s))",
        f"{missing}: invalid (1 error(s), 0 warning(s))",
    ]
    assert f"{broken}:$.territory.name: error wrong-type: " in result.out


def test_validate_several_valid_files(run: Runner, good: str, with_warning: str) -> None:
    result = run("validate", good, with_warning)
    assert result.code == 0


def test_warnings_are_shown_but_do_not_fail(run: Runner, with_warning: str) -> None:
    result = run("validate", with_warning)
    assert result.code == 0
    assert result.lines[0].startswith(
        f"{with_warning}:{ACTION}.actors[0].role: warning unknown-role: 'helper' is not one of"
    )
    assert result.lines[-1] == f"{with_warning}: valid (0 error(s), 1 warning(s))"


def test_strict_makes_warnings_fail(run: Runner, with_warning: str, good: str) -> None:
    result = run("validate", "--strict", with_warning, good)
    assert result.code == 1
    assert f"{with_warning}: invalid (0 error(s), 1 warning(s))" in result.lines
    assert f"{good}: valid (0 error(s), 0 warning(s))" in result.lines


def test_strict_passes_files_without_warnings(run: Runner, good: str) -> None:
    assert run("validate", "--strict", good).code == 0


def test_validate_json_format(run: Runner, good: str, broken: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.json")
    result = run("validate", "--format", "json", good, broken, missing)
    assert result.code == 1
    payload = json.loads(result.out)
    assert payload["valid"] is False
    files = payload["files"]
    assert [f["file"] for f in files] == [good, broken, missing]
    assert files[0] == {"file": good, "valid": True, "errors": 0, "warnings": 0, "problems": []}
    assert files[1]["valid"] is False
    assert files[1]["errors"] == 1
    assert files[1]["problems"] == [
        {
            "path": "$.territory.name",
            "location": ["territory", "name"],
            "severity": "error",
            "code": "wrong-type",
            "message": "this should be a text (in double quotes), not a whole number (5)",
        }
    ]
    assert [p["code"] for p in files[2]["problems"]] == ["unreadable-file"]


def test_validate_json_format_of_a_valid_file(run: Runner, good: str) -> None:
    result = run("validate", "--format", "json", good)
    assert result.code == 0
    assert json.loads(result.out) == {
        "valid": True,
        "files": [{"file": good, "valid": True, "errors": 0, "warnings": 0, "problems": []}],
    }


def test_validate_json_format_strict(run: Runner, with_warning: str) -> None:
    result = run("validate", "--format", "json", "--strict", with_warning)
    assert result.code == 1
    payload = json.loads(result.out)
    assert payload["valid"] is False
    assert [p["severity"] for p in payload["files"][0]["problems"]] == ["warning"]


def test_validate_json_format_is_ascii_and_keeps_non_ascii_text(
    run: Runner, tmp_path: Path
) -> None:
    # ASCII escapes keep the JSON valid whatever the output's encoding.
    name = _write(tmp_path, "été.json", _dumped(_set(("territory", "name"), "")))
    result = run("validate", "--format", "json", name)
    assert result.out.isascii()
    assert json.loads(result.out)["files"][0]["file"] == name


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_validate_stdin(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(ARTOIS.encode("utf-8")))
    result = run("validate", "-")
    assert result.code == 0
    assert result.out == "<stdin>: valid (0 error(s), 0 warning(s))\n"


def test_validate_broken_stdin(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"\xef\xbb\xbf[1]"))
    result = run("validate", "-")
    assert result.code == 1
    assert result.lines[0] == (
        "<stdin>:$: error wrong-type: a turbine document is a JSON object ({...}), not a list"
    )


# -- example ----------------------------------------------------------------------------------


def test_example_list(run: Runner) -> None:
    result = run("example", "--list")
    assert result.code == 0
    assert result.lines == list(turbine.examples.names())
    assert "artois" in result.lines


def test_example_to_stdout(run: Runner) -> None:
    result = run("example")
    assert result.code == 0
    assert result.out == turbine.examples.text("artois")
    assert run("example", "artois").out == result.out


def test_example_to_a_file(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run("example", "-o", str(target))
    assert result.code == 0
    assert result.out == ""
    assert target.read_text(encoding="utf-8") == turbine.examples.text("artois")
    assert run("validate", str(target)).code == 0


def test_example_replaces_an_existing_file(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    assert run("example", "--output", str(target)).code == 0
    assert target.read_text(encoding="utf-8") == turbine.examples.text("artois")


def test_example_to_a_directory_that_does_not_exist(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.json"
    result = run("example", "-o", str(target))
    assert result.code == 1
    assert result.err.startswith(f"turbine: {target}: cannot write: ")
    assert not target.exists()


def test_unknown_example_is_a_usage_error(run: Runner) -> None:
    result = run("example", "nope")
    assert result.code == 2
    assert result.out == ""
    available = ", ".join(turbine.examples.names())
    assert result.err == f"turbine example: no example named 'nope'; available: {available}\n"


def test_example_to_stdout_with_dash(run: Runner) -> None:
    result = run("example", "artois", "-o", "-")
    assert result.code == 0
    assert result.out == turbine.examples.text("artois")


def test_output_survives_a_terminal_that_is_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _write(tmp_path, "x.json", _dumped(_set(("territory", "name"), "")))
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    code = cli.main(["validate", name.replace(".json", "-é.json")])
    sys.stdout.flush()
    assert code == 1
    assert "-\\xe9.json" in raw.getvalue().decode("ascii")


def test_info_escapes_control_characters(run: Runner, tmp_path: Path) -> None:
    name = _write(tmp_path, "x.json", _dumped(_set(("title",), "Titre\x1b[2J\u202eevil")))
    result = run("info", name)
    assert result.code == 0
    assert "Titre\\u001b[2J\\u202eevil" in result.out
    assert "\x1b" not in result.out


# -- schema -----------------------------------------------------------------------------------


def test_schema(run: Runner) -> None:
    result = run("schema")
    assert result.code == 0
    assert json.loads(result.out) == load_schema()
    assert result.out == schema_text()


# -- info -------------------------------------------------------------------------------------


def test_info_in_french_by_default(run: Runner, good: str) -> None:
    result = run("info", good)
    assert result.code == 0
    expected = summarize(turbine.load(good), lang="fr")
    assert result.out == expected
    assert "Territoire" in result.out
    assert "Territory" not in result.out
    assert result.err == ""


def test_info_in_english(run: Runner, good: str) -> None:
    result = run("info", "--lang", "en", good)
    assert result.code == 0
    assert result.out == summarize(turbine.load(good), lang="en")
    assert "Territory" in result.out
    assert "Territoire" not in result.out


def test_info_of_stdin(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(ARTOIS.encode("utf-8")))
    result = run("info", "-")
    assert result.code == 0
    assert result.out == summarize(turbine.examples.load("artois"), lang="fr")


def test_info_shows_warnings_on_stderr(run: Runner, with_warning: str) -> None:
    result = run("info", with_warning)
    assert result.code == 0
    assert result.err.startswith(f"turbine: {with_warning}: 1 warning\n")
    assert f"{ACTION}.actors[0].role: warning unknown-role" in result.err
    assert result.out.startswith("La Turbine de l'éco-transition")


def test_info_of_an_invalid_file(run: Runner, broken: str) -> None:
    result = run("info", broken)
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith(f"turbine: {broken} is not a valid turbine strategy: 1 error\n")
    assert "$.territory.name: error wrong-type: " in result.err


def test_info_of_a_file_that_is_not_json(run: Runner, tmp_path: Path) -> None:
    name = _write(tmp_path, "x.json", '{"a": 1,\n  x}')
    result = run("info", name)
    assert result.code == 1
    assert result.err.startswith(f"turbine: {name}:2:3: not valid JSON: ")


def test_info_of_a_file_that_does_not_exist(run: Runner, tmp_path: Path) -> None:
    name = str(tmp_path / "missing.json")
    result = run("info", name)
    assert result.code == 1
    assert result.err == f"turbine: {name}: cannot read: No such file or directory\n"


# -- usage ------------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"turbine {turbine.__version__}\n"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["validate"],
        ["validate", "--format", "xml", "x.json"],
        ["info"],
        ["info", "--lang", "de", "x.json"],
        ["--nope"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(argv)
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("usage: turbine")
    assert "Traceback" not in captured.err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["validate", "--help"])
    assert caught.value.code == 0
    words = " ".join(capsys.readouterr().out.split())
    assert "FILE:PATH: severity code: message" in words


# -- as a program -----------------------------------------------------------------------------


def _program(*argv: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        input=None if stdin is None else stdin.decode("utf-8"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_python_m_turbine_validate(good: str, broken: str) -> None:
    done = _program(sys.executable, "-m", "turbine", "validate", good, broken)
    assert done.returncode == 1
    assert f"{good}: valid (0 error(s), 0 warning(s))" in done.stdout
    assert f"{broken}:$.territory.name: error wrong-type: " in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr == ""


def test_python_m_turbine_deep_and_undecodable_files(tmp_path: Path) -> None:
    deep = _write(tmp_path, "deep.json", "[" * 100_000)
    latin = _write(tmp_path, "latin.json", b'{"a": "caf\xe9"}')
    done = _program(sys.executable, "-m", "turbine", "validate", deep, latin)
    assert done.returncode == 1
    assert f"{deep}:$: error too-deep: " in done.stdout
    assert f"{latin}:$: error invalid-utf8: line 1, column 11: " in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_console_script(good: str) -> None:
    script = Path(sys.executable).with_name("turbine")
    if not script.exists():  # pragma: no cover - an installation without scripts
        pytest.skip(f"no console script at {script}")
    done = _program(str(script), "--version")
    assert done.returncode == 0
    assert done.stdout == f"turbine {turbine.__version__}\n"
    done = _program(str(script), "validate", good)
    assert done.returncode == 0
    assert done.stdout == f"{good}: valid (0 error(s), 0 warning(s))\n"
    done = _program(str(script))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_console_script_never_prints_a_traceback(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("turbine")
    if not script.exists():  # pragma: no cover - an installation without scripts
        pytest.skip(f"no console script at {script}")
    surrogate = _write(tmp_path, "s.json", '{"\\ud800": {"x": "\\udc00"}}')
    done = _program(str(script), "validate", surrogate)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1
    assert f"{surrogate}:$['\\\\ud800']: error invalid-unicode: " in done.stdout


def test_console_script_reads_stdin(good: str) -> None:
    script = Path(sys.executable).with_name("turbine")
    if not script.exists():  # pragma: no cover - an installation without scripts
        pytest.skip(f"no console script at {script}")
    done = _program(str(script), "validate", "-", stdin=ARTOIS.encode("utf-8"))
    assert done.returncode == 0
    assert done.stdout == "<stdin>: valid (0 error(s), 0 warning(s))\n"
    done = _program(str(script), "info", "--lang", "en", "-", stdin=ARTOIS.encode("utf-8"))
    assert done.returncode == 0
    assert done.stdout == summarize(turbine.load(good), lang="en")


def test_closed_standard_streams(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    result = run("validate", "-")
    assert result.code == 1
    assert "<stdin>:$: error unreadable-file: cannot read: standard input is closed" in result.out
    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(["schema"]) == 1


def test_documents_stay_utf8_json_on_a_terminal_that_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    assert cli.main(["example"]) == 0
    sys.stdout.flush()
    assert raw.getvalue().decode("utf-8") == turbine.examples.text("artois")


def test_writing_an_example_where_no_file_can_be(run: Runner) -> None:
    for target in ("/", ""):
        result = run("example", "-o", target)
        assert result.code == 1
        assert "cannot write" in result.err
        assert "Traceback" not in result.err


# -- render -----------------------------------------------------------------------------------


def test_render_lists_the_renderers(run: Runner) -> None:
    result = run("render", "--list")
    assert result.code == 0
    names = [line.split()[0] for line in result.lines]
    assert names == sorted(names)
    assert {"html", "json", "markdown", "matrix", "summary", "text"} <= set(names)
    matrix = next(line for line in result.lines if line.startswith("matrix "))
    assert matrix.endswith("(.png, .svg, .pdf)")


def test_render_without_output_prints_the_details_page(run: Runner, good: str) -> None:
    result = run("render", good)
    assert result.code == 0
    assert result.out == turbine.render(turbine.load(good), "text")
    assert result.err == ""


@pytest.mark.parametrize(
    ("args", "renderer", "options"),
    [
        (("-r", "markdown", "--lang", "en"), "markdown", {"lang": "en"}),
        (("-r", "text", "--actions", "featured"), "text", {"actions": "featured"}),
        (
            (
                "-r",
                "json",
            ),
            "json",
            {},
        ),
        (
            (
                "-r",
                "summary",
            ),
            "summary",
            {},
        ),
        (("-r", "html", "-o", "-"), "html", {}),
    ],
)
def test_render_text_renderers_to_stdout(
    run: Runner, good: str, args: tuple[str, ...], renderer: str, options: dict[str, Any]
) -> None:
    result = run("render", good, *args)
    assert result.code == 0
    assert result.out == turbine.render(turbine.load(good), renderer, **options)


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("m.png", b"\x89PNG"),
        ("m.svg", b"<?xml"),
        ("m.pdf", b"%PDF"),
        ("m.md", b"#"),
        ("m.json", b"{"),
        ("m.html", b"<!doctype html>"),
        ("m.txt", b"La Turbine"),
    ],
)
def test_render_to_a_file_in_the_format_of_its_suffix(
    run: Runner, good: str, tmp_path: Path, name: str, start: bytes
) -> None:
    out = tmp_path / name
    result = run("render", good, "-o", str(out))
    assert result.code == 0, result.err
    assert result.out == ""
    assert out.read_bytes().startswith(start)


def test_render_one_objective_in_english_with_every_action(
    run: Runner, good: str, tmp_path: Path
) -> None:
    out = tmp_path / "m.svg"
    args = ("--objective", "reterritorialisation", "--lang", "en", "--actions", "all")
    result = run("render", good, "-o", str(out), *args)
    assert result.code == 0
    svg = out.read_text(encoding="utf-8")
    # Texts are drawn as paths (the SVG looks the same without our fonts); ids name them.
    assert 'id="cell:lieux-experimentation:supporters"' in svg
    assert 'id="action:lieux-experimentation"' in svg
    text = run("render", good, "--objective", "reterritorialisation", "--lang", "en")
    strategy = turbine.load(good)
    expected = turbine.render(
        strategy.objective("reterritorialisation"), "text", strategy=strategy, lang="en"
    )
    assert text.out == expected


def test_render_one_objective_as_json(run: Runner, good: str) -> None:
    result = run("render", good, "-r", "json", "--objective", "reterritorialisation")
    assert result.code == 0
    objective = turbine.load(good).objective("reterritorialisation")
    assert result.out == turbine.render(objective, "json")


def test_render_an_unknown_objective(run: Runner, good: str) -> None:
    # The document is fine: what was asked of it is not (a usage error, as an unknown renderer).
    result = run("render", good, "--objective", "reterritorialisatio")
    assert result.code == 2
    assert result.err.startswith("turbine render: no objective with id 'reterritorialisatio'")
    assert "did you mean 'reterritorialisation'" in result.err


def test_render_an_unknown_renderer_is_a_usage_error(run: Runner, good: str) -> None:
    result = run("render", good, "-r", "matrx")
    assert result.code == 2
    assert "no renderer named 'matrx' (did you mean 'matrix'?)" in result.err
    assert result.out == ""


def test_render_a_figure_needs_a_file(run: Runner, good: str) -> None:
    result = run("render", good, "-r", "matrix")
    assert result.code == 2
    assert "makes a figure, not text: write it to a file with -o (.png, .svg, .pdf)" in result.err


def test_render_an_unknown_suffix_is_a_usage_error(run: Runner, good: str, tmp_path: Path) -> None:
    result = run("render", good, "-o", str(tmp_path / "m.gif"))
    assert result.code == 2
    assert "no renderer writes '.gif' files" in result.err
    assert not (tmp_path / "m.gif").exists()


def test_render_a_suffix_the_named_renderer_cannot_write(
    run: Runner, good: str, tmp_path: Path
) -> None:
    result = run("render", good, "-r", "json", "-o", str(tmp_path / "m.png"))
    assert result.code == 2
    assert "cannot write '.png' files" in result.err


def test_render_an_option_the_renderer_does_not_take(run: Runner, good: str) -> None:
    result = run("render", good, "-r", "json", "--lang", "en")
    assert result.code == 2
    assert "renderer 'json': no option 'lang'" in result.err


def test_render_needs_a_file(run: Runner) -> None:
    result = run("render")
    assert result.code == 2
    assert "give a FILE" in result.err


def test_render_an_invalid_document(run: Runner, broken: str, tmp_path: Path) -> None:
    result = run("render", broken, "-o", str(tmp_path / "m.png"))
    assert result.code == 1
    assert "is not a valid turbine strategy" in result.err
    assert not (tmp_path / "m.png").exists()


def test_render_reports_warnings_and_still_renders(run: Runner, with_warning: str) -> None:
    result = run("render", with_warning, "-r", "summary")
    assert result.code == 0
    assert "unknown-role" in result.err
    assert result.out.startswith("La Turbine")


def test_render_several_objectives_to_png_says_what_to_do(run: Runner, tmp_path: Path) -> None:
    strategy = turbine.examples.synthetic(n_actions=20, n_objectives=2, seed=1)
    name = tmp_path / "s.json"
    turbine.dump(strategy, name)
    result = run("render", str(name), "-o", str(tmp_path / "m.png"))
    assert result.code == 2
    assert "write a .pdf" in result.err
    assert run("render", str(name), "-o", str(tmp_path / "m.pdf")).code == 0


class _Title:
    """A renderer of a test's own: the title of what it is given, in capitals."""

    name = "title"  # registered below under other names: the command uses those
    description = "the title, loudly"
    accepts: tuple[type, ...] = (turbine.Strategy, turbine.Axis, turbine.Objective)
    returns = "text"
    suffixes = (".title",)

    def render(self, obj: Any, /, **options: Any) -> Any:
        return obj.title.upper() + "\n"

    def write(self, obj: Any, path: str | os.PathLike[str], /, **options: Any) -> None:
        Path(path).write_text(self.render(obj, **options), encoding="utf-8")


class _Broken(_Title):
    """A renderer with a bug."""

    def render(self, obj: Any, /, **options: Any) -> Any:
        return {"not": "text"}["text"]


class _Bytes(_Title):
    """A renderer that says it makes text and returns bytes."""

    def render(self, obj: Any, /, **options: Any) -> Any:
        return b"bytes"


class _Warns(_Title):
    """A renderer that warns, the same thing twice, as matplotlib does for each missing glyph."""

    def render(self, obj: Any, /, **options: Any) -> Any:
        for _ in range(2):
            warnings.warn("Glyph 27 missing from font(s) DejaVu Sans.", UserWarning, stacklevel=1)
        return super().render(obj, **options)


@pytest.fixture
def own_registry(monkeypatch: pytest.MonkeyPatch) -> turbine.renderers.RendererRegistry:
    """A fresh registry for the command, so that registrations do not leak between tests."""
    registry = turbine.renderers.RendererRegistry()
    monkeypatch.setattr(turbine.renderers, "registry", registry)
    return registry


def test_render_uses_the_name_a_renderer_is_registered_under(
    run: Runner, good: str, tmp_path: Path, own_registry: turbine.renderers.RendererRegistry
) -> None:
    # The command looked the renderer up by -r, then again by its name attribute ("title"),
    # which no renderer is registered under: exit 1, "no renderer named 'title'".
    own_registry.register("loud", _Title())
    result = run("render", good, "-r", "loud")
    assert (result.code, result.err) == (0, "")
    assert result.out == "LA TURBINE DE L'ÉCO-TRANSITION\n"
    result = run("render", good, "-o", str(tmp_path / "a.title"))  # the one that writes .title
    assert (result.code, result.err) == (0, "")
    assert (tmp_path / "a.title").read_text(encoding="utf-8") == result.out + (
        "LA TURBINE DE L'ÉCO-TRANSITION\n"
    )
    listed = run("render", "--list").lines
    assert any(line.startswith("loud ") for line in listed)
    assert not any(line.startswith("title ") for line in listed)
    own_registry.register("louder", _Title())
    result = run("render", good, "-o", str(tmp_path / "b.title"))
    assert result.code == 2
    assert "several renderers write '.title' files (loud, louder): name one" in result.err


@pytest.mark.parametrize(
    ("renderer", "message"),
    [
        (_Broken(), "renderer 'title' failed: KeyError: 'text' (a bug in tests.test_cli._Broken"),
        (_Bytes(), "renderer 'title' failed: TypeError: it makes text, but returned a bytes"),
    ],
)
def test_a_renderer_that_fails_is_reported_in_one_line(
    run: Runner,
    good: str,
    own_registry: turbine.renderers.RendererRegistry,
    renderer: Any,
    message: str,
) -> None:
    own_registry.register("buggy", renderer)
    result = run("render", good, "-r", "buggy")  # the fixture asserts there is no traceback
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith(f"turbine: {message}")
    assert len(result.err.splitlines()) == 1


def test_a_renderer_that_cannot_write_its_file_is_an_error_not_a_traceback(
    run: Runner, good: str, tmp_path: Path, own_registry: turbine.renderers.RendererRegistry
) -> None:
    own_registry.register("loud", _Title())
    target = tmp_path / "no-such-directory" / "a.title"
    result = run("render", good, "-r", "loud", "-o", str(target))
    assert result.code == 1
    assert result.err == f"turbine: {target}: cannot write: No such file or directory\n"


def test_warnings_while_rendering_are_written_once_without_source_lines(
    run: Runner, good: str, own_registry: turbine.renderers.RendererRegistry
) -> None:
    own_registry.register("warns", _Warns())
    result = run("render", good, "-r", "warns")
    assert result.code == 0
    assert result.err == ("turbine render: warning: Glyph 27 missing from font(s) DejaVu Sans.\n")


@pytest.mark.parametrize("char", ["\\u001b", "\\ufeff", "\\u0000"])
def test_render_a_valid_document_with_controls_to_every_format(
    run: Runner, tmp_path: Path, char: str
) -> None:
    # Valid JSON, and valid turbine: an escape in a title made a PDF fail with a traceback
    # (IndexError, for a byte order mark) and an SVG that is not XML (for a control).
    document = ARTOIS.replace('"Reterritorialisation', f'"Re{char}territorialisation')
    assert document != ARTOIS
    source = _write(tmp_path, "odd.json", document)
    for suffix in (".pdf", ".svg", ".png", ".html", ".md", ".txt", ".json"):
        out = tmp_path / f"m{suffix}"
        result = run("render", source, "-o", str(out))
        assert (result.code, result.err) == (0, ""), suffix
        assert out.stat().st_size > 0
    ET.fromstring((tmp_path / "m.svg").read_bytes())  # noqa: S314 - our own file


_COMBINATIONS = st.fixed_dictionaries(
    {
        "renderer": st.sampled_from(
            [None, "text", "markdown", "summary", "json", "html", "matrix"]
        ),
        "output": st.sampled_from([None, "-", "m.png", "m.svg", "m.pdf", "m.txt", "m.md"])
        | st.sampled_from(["m.json", "m.html", "m.gif", "m"]),
        "objective": st.booleans(),
        "lang": st.sampled_from([None, "fr", "en"]),
        "actions": st.sampled_from([None, "featured", "all", "none"]),
        "width": st.sampled_from([None, 30, 72, 12]),
        "stdin": st.booleans(),
    }
)


@settings(max_examples=60, deadline=None)
@given(combination=_COMBINATIONS)
def test_every_combination_of_options_exits_0_or_2_and_never_leaves_a_partial_file(
    combination: dict[str, Any],
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        source = _write(Path(directory), "artois.json", ARTOIS)
        argv = ["render", "-" if combination["stdin"] else source]
        output = combination["output"]
        target = None if output in {None, "-"} else Path(directory) / output
        for flag, value in (
            ("-r", combination["renderer"]),
            ("-o", None if output is None else str(target or "-")),
            ("--objective", "reterritorialisation" if combination["objective"] else None),
            ("--lang", combination["lang"]),
            ("--actions", combination["actions"]),
            ("--width", combination["width"]),
        ):
            if value is not None:
                argv += [flag, str(value)]
        stdin = io.TextIOWrapper(io.BytesIO(ARTOIS.encode("utf-8")), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with (
            unittest.mock.patch.object(sys, "stdin", stdin),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            code = cli.main(argv)
        assert "Traceback" not in out.getvalue() + err.getvalue()
        assert code in {0, 2}, err.getvalue()
        if code == 2:
            assert err.getvalue().startswith("turbine render: "), err.getvalue()
            assert out.getvalue() == ""
            assert target is None or not target.exists()
        elif target is None:
            assert out.getvalue()
        else:
            assert target.stat().st_size > 0
            assert out.getvalue() == ""
        # Atomic writes: no temporary file is left beside the target, whatever happened.
        assert sorted(p.name for p in Path(directory).iterdir()) == sorted(
            {"artois.json", *([target.name] if target is not None and code == 0 else [])}
        )


class _Csv(_Title):
    """A renderer of documents (not .txt) whose text holds half of a surrogate pair."""

    suffixes = (".csv",)

    def render(self, obj: Any, /, **options: Any) -> Any:
        return "title,\ud800\n"


def test_a_document_that_utf8_cannot_hold_is_written_with_an_escape(
    own_registry: turbine.renderers.RendererRegistry,
    good: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    own_registry.register("csv", _Csv())
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8"))
    assert cli.main(["render", good, "-r", "csv"]) == 0
    sys.stdout.flush()
    assert raw.getvalue() == b"title,\\ud800\n"
    assert "Traceback" not in capsys.readouterr().err


def test_render_the_matrix_with_palette_hatch_and_dpi(
    run: Runner, good: str, tmp_path: Path
) -> None:
    out = tmp_path / "m.png"
    result = run("render", good, "-o", str(out), "--palette", "greys", "--hatch", "--dpi", "50")
    assert result.code == 0, result.err
    image = plt_imread(out)
    layout_width = turbine.renderers._matrix.layout_matrix(
        turbine.load(good).objectives[0], strategy=turbine.load(good)
    ).width
    assert image.shape[1] == round(layout_width / 72 * 50)
    assert run("render", good, "-o", str(out), "--palette", "nope").code == 2


def test_render_without_a_renderer_for_the_suffix_says_so_plainly(
    run: Runner, good: str, tmp_path: Path
) -> None:
    result = run("render", good, "-o", str(tmp_path / "m.xyz"))
    assert result.code == 2
    assert result.err.startswith("turbine render: no renderer writes '.xyz' files; name one")


def plt_imread(path: Path) -> Any:
    import matplotlib.pyplot as plt  # noqa: PLC0415 - only for this test

    return plt.imread(path)


# -- turbine graph -----------------------------------------------------------------------------


def _graphs() -> Any:
    import turbine.graph  # noqa: PLC0415 - networkx only where graphs are tested

    return turbine.graph


def _networkx() -> Any:
    import networkx as nx  # type: ignore[import-untyped]  # noqa: PLC0415

    return nx


def _same_graph(found: Any, expected: Any) -> None:
    assert set(found.nodes) == set(expected.nodes)
    assert {frozenset(edge) for edge in found.edges} == {frozenset(edge) for edge in expected.edges}


@pytest.mark.parametrize(
    ("view", "build"),
    [
        ("full", lambda g, s: g.to_networkx(s)),
        ("actors", lambda g, s: g.actor_projection(s)),
        ("actions", lambda g, s: g.action_projection(s)),
        ("two-mode", lambda g, s: g.two_mode(s)),
        ("typologies", lambda g, s: g.typology_graph(s)),
    ],
)
def test_graph_writes_each_view_as_node_link_json(
    run: Runner, good: str, tmp_path: Path, view: str, build: Callable[[Any, Any], Any]
) -> None:
    graphs = _graphs()
    out = tmp_path / "graph.json"
    result = run("graph", good, "--view", view, "-o", str(out))
    assert (result.code, result.out, result.err) == (0, "", "")
    expected = build(graphs, turbine.load(good))
    found = graphs.read_node_link(out)
    _same_graph(found, expected)
    assert dict(found.nodes(data=True)) == dict(expected.nodes(data=True))
    assert found.is_directed() == expected.is_directed()


def test_graph_default_view_is_the_whole_document(run: Runner, good: str, tmp_path: Path) -> None:
    nx = _networkx()

    out = tmp_path / "artois.graphml"
    assert run("graph", good, "-o", str(out)).code == 0
    found = nx.read_graphml(out)
    expected = _graphs().to_networkx(turbine.load(good))
    _same_graph(found, expected)
    assert found.nodes["actor:agglomeration"]["local_id"] == "agglomeration"


def test_graph_weights_and_filters_reach_the_projection(
    run: Runner, good: str, tmp_path: Path
) -> None:
    nx = _networkx()

    graphs = _graphs()
    strategy = turbine.load(good)
    out = tmp_path / "actors.gexf"
    result = run(
        "graph", good, "--view", "actors", "--weight", "jaccard", "--level", "2", "-o", str(out)
    )
    assert result.code == 0, result.err
    expected = graphs.actor_projection(strategy, weight="jaccard", level=2)
    found = nx.read_gexf(out)
    _same_graph(found, expected)
    for u, v, weight in expected.edges(data="weight"):
        assert found.edges[u, v]["weight"] == pytest.approx(weight)
    objective = strategy.objectives[0].id
    out = tmp_path / "two.json"
    assert (
        run("graph", good, "--view", "two-mode", "--objective", objective, "-o", str(out)).code == 0
    )
    assert graphs.read_node_link(out).graph["objective"] == objective


def test_graph_csv_writes_the_two_gephi_tables(run: Runner, good: str, tmp_path: Path) -> None:
    import csv  # noqa: PLC0415

    result = run("graph", good, "--view", "actors", "-o", str(tmp_path / "net.csv"))
    nodes, edges = tmp_path / "net-nodes.csv", tmp_path / "net-edges.csv"
    assert result.code == 0
    assert result.out == ""
    assert result.err == f"turbine graph: wrote {nodes} and {edges}\n"
    expected = _graphs().actor_projection(turbine.load(good))
    with nodes.open(encoding="utf-8", newline="") as file:
        node_rows = list(csv.DictReader(file))
    with edges.open(encoding="utf-8", newline="") as file:
        edge_rows = list(csv.DictReader(file))
    assert {row["Id"] for row in node_rows} == set(expected.nodes)
    assert {frozenset((row["Source"], row["Target"])) for row in edge_rows} == {
        frozenset(edge) for edge in expected.edges
    }
    # Without the suffix, NAME is the stem all the same.
    assert run("graph", good, "--format", "csv", "-o", str(tmp_path / "other")).code == 0
    assert (tmp_path / "other-nodes.csv").exists()
    assert (tmp_path / "other-edges.csv").exists()


@pytest.mark.parametrize("graph_format", ["graphml", "gexf", "json"])
def test_graph_to_standard_output(
    run: Runner, good: str, tmp_path: Path, graph_format: str
) -> None:
    result = run("graph", good, "--view", "typologies", "--format", graph_format)
    assert result.code == 0, result.err
    out = tmp_path / f"graph.{graph_format}"
    assert run("graph", good, "--view", "typologies", "-o", str(out)).code == 0
    assert result.out == out.read_text(encoding="utf-8")
    same = run("graph", good, "--view", "typologies", "--format", graph_format, "-o", "-")
    assert same.out == result.out


def test_graph_format_overrides_the_suffix(run: Runner, good: str, tmp_path: Path) -> None:
    out = tmp_path / "graph.xml"
    assert run("graph", good, "--format", "gexf", "-o", str(out)).code == 0
    assert "<gexf" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--weight", "ratio"], "--weight is for the actors and actions views, not 'full'"),
        (["--view", "two-mode", "--weight", "ratio"], "not 'two-mode'"),
        (["--level", "2"], "--level filters the actions of the actors, actions and two-mode views"),
        (["--level", "2", "--objective", "x"], "--level and --objective filter the actions"),
        (["--view", "typologies", "--objective", "x"], "not of 'typologies'"),
        (["-o", "graph.txt"], "cannot tell the format from 'graph.txt': give --format"),
        ([], "give --format (graphml, gexf, json, csv)"),
        (["--format", "gexf", "-o", "x.graphml"], "--format gexf would write GRAPHML-named"),
        (["--format", "csv", "-o", "x.json"], "--format csv would write JSON-named"),
        (["--format", "csv", "-o", ""], "'' names no file"),
        (["-o", ".csv"], "cannot tell the format from '.csv'"),
        (["--format", "csv", "-o", ".csv"], "'.csv' names no file"),
        (["--format", "csv", "-o", "some/dir/"], "'some/dir/' names no file"),
        (["--format", "csv"], "csv makes two tables, nodes and edges: give -o NAME.csv"),
        (["--view", "actors", "--level", "9", "--format", "json"], "no service level with code 9"),
        (["--view", "actors", "--objective", "nope", "--format", "json"], "no objective"),
    ],
)
def test_graph_refuses_what_cannot_be_done_as_asked(
    run: Runner, good: str, argv: list[str], message: str
) -> None:
    result = run("graph", good, *argv)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("turbine graph: ")
    assert message in result.err


def test_graph_says_why_xml_cannot_hold_a_label(run: Runner, tmp_path: Path) -> None:
    document = _write(tmp_path, "bell.json", _dumped(_set(("actors", 0, "name"), "ding\a")))
    result = run("graph", document, "-o", str(tmp_path / "bell.graphml"))
    assert result.code == 2
    assert "holds the character U+0007, which XML cannot hold" in result.err
    assert result.err.endswith("(from the command line: --format json or csv)\n")
    assert not (tmp_path / "bell.graphml").exists()
    assert run("graph", document, "-o", str(tmp_path / "bell.json")).code == 0


def test_graph_of_an_invalid_document_exits_1(run: Runner, broken: str, tmp_path: Path) -> None:
    result = run("graph", broken, "-o", str(tmp_path / "g.json"))
    assert result.code == 1
    assert "$.territory.name" in result.err
    assert not (tmp_path / "g.json").exists()


def test_graph_reads_standard_input(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(ARTOIS.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    out = tmp_path / "g.gexf"
    assert run("graph", "-", "-o", str(out)).code == 0
    assert "actor:agglomeration" in out.read_text(encoding="utf-8")


# -- turbine stats -----------------------------------------------------------------------------


def test_stats_text_reports_the_network_in_french_and_english(run: Runner, good: str) -> None:
    graphs = _graphs()
    strategy = turbine.load(good)
    network = graphs.network_measures(strategy)
    french = run("stats", good)
    assert french.code == 0, french.err
    assert french.lines[0] == f"Réseau d'acteurs : {strategy.title}  [{strategy.id}]"
    assert f"{network.actors} acteurs · {network.actions} actions" in french.out
    english = run("stats", good, "--lang", "en")
    assert f"{network.ties} co-involvement ties" in english.out
    assert f"Density {network.density:.3f}" in english.out
    # The most central actor heads the table.
    top = max(graphs.actor_measures(strategy), key=lambda row: row.betweenness)
    actors = english.lines.index("Actors, by decreasing betweenness")
    assert english.lines[actors + 2].strip().startswith(top.label[:30])


def test_stats_top_limits_the_actor_tables(run: Runner, good: str) -> None:
    n_actors = len(turbine.load(good).actors)
    limited = run("stats", good, "--lang", "en", "--top", "2")
    assert f"… and {n_actors - 2} more (--top 0 for all)" in limited.out
    everyone = run("stats", good, "--lang", "en", "--top", "0")
    assert "more (--top 0 for all)" not in everyone.out
    refused = run("stats", good, "--top", "-1")
    assert refused.code == 2
    assert "--top" in refused.err


def test_stats_json_holds_every_measure(run: Runner, good: str) -> None:
    graphs = _graphs()
    strategy = turbine.load(good)
    result = run("stats", good, "--format", "json", "--level", "2", "--seed", "3")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["level"] == 2
    assert report["communities_seed"] == 3
    assert report["network"] == graphs.network_measures(strategy, level=2).to_dict()
    matrix = graphs.mixing_matrix(strategy, level=2)
    assert report["typologies"] == list(matrix.typologies)
    assert report["mixing_matrix"] == [list(row) for row in matrix.counts]
    measures = graphs.actor_measures(strategy, level=2, seed=3).to_dicts()
    roles = graphs.brokerage(strategy, level=2).to_dicts()
    assert len(report["actors"]) == len(measures)
    for row, expected, broker in zip(report["actors"], measures, roles, strict=True):
        assert {k: row[k] for k in expected} == expected
        assert row["brokerage_total"] == broker["total"]
        assert row["brokerage_liaison"] == broker["liaison"]
    assert sorted(a for members in report["communities"] for a in members) == sorted(
        actor.id for actor in strategy.actors
    )


def test_stats_csv_is_the_actor_table(run: Runner, good: str, tmp_path: Path) -> None:
    import csv  # noqa: PLC0415

    out = tmp_path / "actors.csv"
    result = run("stats", good, "--format", "csv", "-o", str(out))
    assert (result.code, result.out) == (0, "")
    with out.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    measures = _graphs().actor_measures(turbine.load(good))
    assert [row["id"] for row in rows] == [row.id for row in measures]
    assert [int(row["ties"]) for row in rows] == [row.ties for row in measures]
    assert [float(row["betweenness"]) for row in rows] == [row.betweenness for row in measures]
    assert run("stats", good, "--format", "csv").out.replace("\r\n", "\n") == out.read_text(
        encoding="utf-8"
    ).replace("\r\n", "\n")


def test_stats_to_a_file_in_each_format(run: Runner, good: str, tmp_path: Path) -> None:
    for stats_format in ("text", "json"):
        out = tmp_path / f"stats.{stats_format}"
        assert run("stats", good, "--format", stats_format, "-o", str(out)).code == 0
        assert out.read_text(encoding="utf-8") == run("stats", good, "--format", stats_format).out


def test_stats_refuses_unknown_filters(run: Runner, good: str) -> None:
    result = run("stats", good, "--objective", "nope")
    assert result.code == 2
    assert result.err.startswith("turbine stats: no objective")


def test_stats_as_a_program(good: str) -> None:
    done = _program(sys.executable, "-m", "turbine", "stats", good, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["strategy"] == turbine.load(good).id


def test_the_stats_example_of_the_docs_is_what_the_command_prints(run: Runner, good: str) -> None:
    docs = Path(__file__).parent.parent / "docs" / "cli.md"
    command = "$ turbine stats artois.json --top 5 --lang en\n"
    shown = docs.read_text(encoding="utf-8").split(command)[1].split("```")[0]
    assert run("stats", good, "--top", "5", "--lang", "en").out == shown


def test_graph_csv_replaces_neither_table_when_one_cannot_be_written(
    run: Runner, good: str, tmp_path: Path
) -> None:
    (tmp_path / "net-edges.csv").mkdir()  # in the way of the edge table
    nodes = tmp_path / "net-nodes.csv"
    nodes.write_text("old", encoding="utf-8")
    result = run("graph", good, "-o", str(tmp_path / "net.csv"))
    assert result.code == 1
    assert "net-edges.csv: cannot write: is a directory" in result.err
    assert nodes.read_text(encoding="utf-8") == "old"


def test_graph_escapes_the_names_it_reports(run: Runner, good: str, tmp_path: Path) -> None:
    result = run("graph", good, "-o", str(tmp_path / "a\x1b[31mb.csv"))
    assert result.code == 0
    assert "\x1b" not in result.err
    assert "a\\u001b[31mb-nodes.csv" in result.err


@pytest.mark.parametrize(
    ("suffix", "expected"), [(".txt", "Réseau d'acteurs"), (".json", "{"), (".csv", "id,node")]
)
def test_stats_format_follows_the_suffix(
    run: Runner, good: str, tmp_path: Path, suffix: str, expected: str
) -> None:
    out = tmp_path / f"stats{suffix}"
    assert run("stats", good, "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith(expected)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-o", "stats.log"], "cannot tell the format from 'stats.log'"),
        (["--format", "text", "-o", "s.csv"], "--format text would write CSV-named 's.csv'"),
        (["--format", "json", "--top", "3"], "--top shape the text report; json holds every"),
        (["-o", "s.csv", "--lang", "en"], "--lang shape the text report; csv holds"),
        (["--top", "-1"], "--top takes a number of actors, 0 or more"),
        (["--sample", "0"], "--sample takes a number of actors, 1 or more"),
    ],
)
def test_stats_refuses_options_that_do_not_go_together(
    run: Runner, good: str, argv: list[str], message: str
) -> None:
    result = run("stats", good, *argv)
    assert result.code == 2
    assert result.err.startswith("turbine stats: ")
    assert message in result.err


def test_stats_sample_estimates_betweenness(run: Runner, tmp_path: Path) -> None:
    strategy = turbine.examples.synthetic(n_actions=200, n_actors=100, seed=2)
    document = str(tmp_path / "synthetic.json")
    turbine.dump(strategy, document)
    exact = json.loads(run("stats", document, "--format", "json").out)
    sampled = json.loads(run("stats", document, "--format", "json", "--sample", "10").out)
    assert exact["betweenness_sample"] is None
    assert sampled["betweenness_sample"] == 10
    assert [a["betweenness"] for a in sampled["actors"]] != [
        a["betweenness"] for a in exact["actors"]
    ]
    assert [a["ties"] for a in sampled["actors"]] == [a["ties"] for a in exact["actors"]]
    text = run("stats", document, "--sample", "10", "--lang", "en").out
    assert "Betweenness estimated from 10 source actors drawn at random" in text


def test_graph_to_a_text_only_stdout(good: str, monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()  # no .buffer: the document goes through as text
    monkeypatch.setattr(sys, "stdout", stream)
    assert cli.main(["graph", good, "--view", "typologies", "--format", "json"]) == 0
    assert json.loads(stream.getvalue())["graph"]["strategy"] == "artois-turbine"


def test_render_the_network_with_its_options(run: Runner, good: str, tmp_path: Path) -> None:
    def network(out: Path, seed: str) -> bytes:
        options = ["--level", "2", "--weight", "newman", "--labels", "2", "--seed", seed]
        result = run("render", good, "-r", "network", "-o", str(out), "--lang", "en", *options)
        assert result.code == 0, result.err
        return out.read_bytes()

    svg = network(tmp_path / "network.svg", "3")
    assert svg.count(b'id="label:') == 2
    # The same seed, the same bytes; another seed, another picture.
    assert network(tmp_path / "again.svg", "3") == svg
    assert network(tmp_path / "other.svg", "4") != svg


def test_render_refuses_network_options_for_the_matrix(
    run: Runner, good: str, tmp_path: Path
) -> None:
    result = run("render", good, "-o", str(tmp_path / "m.png"), "--labels", "3")
    assert result.code == 2
    assert "renderer 'matrix': no option 'labels'" in result.err


def test_render_the_network_without_isolates(run: Runner, good: str, tmp_path: Path) -> None:
    # The command draws what the function draws, byte for byte (the layout is seeded).
    strategy = turbine.load(good)
    for isolates in (True, False):
        out, expected = tmp_path / f"cli-{isolates}.svg", tmp_path / f"api-{isolates}.svg"
        extra = [] if isolates else ["--no-isolates"]
        assert (
            run("render", good, "-r", "network", "-o", str(out), "--level", "1", *extra).code == 0
        )
        turbine.renderers.write_network(strategy, expected, level=1, isolates=isolates)
        assert out.read_bytes() == expected.read_bytes()
    assert (tmp_path / "cli-True.svg").read_bytes() != (tmp_path / "cli-False.svg").read_bytes()
