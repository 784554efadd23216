from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import attrs
import pytest

import turbine
from turbine import (
    Action,
    Involvement,
    Strategy,
    TurbineDecodeError,
    TurbineFileError,
    TurbineValidationError,
    TurbineWarning,
)
from turbine.io import (
    DEFAULT_MAX_BYTES,
    load_json,
    validate_file,
    write_atomic,
    write_atomic_all,
)


@pytest.fixture(scope="module")
def artois() -> Strategy:
    return turbine.examples.load("artois")


@pytest.fixture(scope="module")
def artois_text() -> str:
    return turbine.examples.text("artois")


def with_warning(strategy: Strategy) -> Strategy:
    """The strategy with an actor in an unknown role: valid, with one warning."""
    meta = strategy.objectives[0].meta_actions[0]
    action = attrs.evolve(
        meta.actions[0], actors=(Involvement(actor="agglomeration", role="mentor"),)
    )
    objective = attrs.evolve(
        strategy.objectives[0],
        meta_actions=(
            attrs.evolve(meta, actions=(action,)),
            *strategy.objectives[0].meta_actions[1:],
        ),
    )
    return attrs.evolve(strategy, objectives=(objective,))


# -- reading -----------------------------------------------------------------------------------


def test_loads_accepts_text_and_bytes(artois: Strategy, artois_text: str) -> None:
    assert turbine.loads(artois_text) == artois
    assert turbine.loads(artois_text.encode("utf-8")) == artois
    assert turbine.loads(bytearray(b"\xef\xbb\xbf" + artois_text.encode())) == artois


def test_load_accepts_paths_and_open_files(
    tmp_path: Path, artois: Strategy, artois_text: str
) -> None:
    path = tmp_path / "artois.json"
    path.write_text(artois_text, encoding="utf-8")
    assert turbine.load(path) == artois
    assert turbine.load(str(path)) == artois
    with path.open("rb") as binary:
        assert turbine.load(binary) == artois
    with path.open(encoding="utf-8") as text:
        assert turbine.load(text) == artois


def test_loads_raises_one_error_with_every_problem(artois: Strategy) -> None:
    data = json.loads(turbine.dumps(artois))
    data["title"] = 3
    data["objectives"][0]["meta_actions"][0]["actions"][0]["actors"][0]["actor"] = "ghost"
    with pytest.raises(TurbineValidationError) as caught:
        turbine.loads(json.dumps(data), source="broken.json")
    paths = {p.path: p.code for p in caught.value.report.errors}
    assert paths == {
        "$.title": "wrong-type",
        "$.objectives[0].meta_actions[0].actions[0].actors[0].actor": "unknown-actor",
    }
    assert caught.value.source == "broken.json"
    assert str(caught.value).startswith("broken.json is not a valid turbine strategy: 2 errors")


def test_load_names_the_file_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format_version": "1.0",\n "id": }', encoding="utf-8")
    with pytest.raises(TurbineDecodeError) as caught:
        turbine.load(path)
    assert caught.value.source == str(path)
    assert (caught.value.line, caught.value.column) == (2, 8)
    assert str(caught.value).startswith(f"{path}:2:8: not valid JSON")


def test_warnings_are_emitted_once_or_raised_when_strict(artois: Strategy) -> None:
    text = turbine.dumps(with_warning(artois))
    with pytest.warns(TurbineWarning) as caught:
        strategy = turbine.loads(text, source="w.json")
    assert len(caught) == 1
    warning = caught[0].message
    assert isinstance(warning, TurbineWarning)
    assert [p.code for p in warning.report.warnings] == ["unknown-role"]
    assert str(warning).startswith("w.json: 1 warning\n  $.objectives[0]")
    assert strategy.objectives[0].meta_actions[0].actions[0].actors[0].role == "mentor"
    with pytest.raises(TurbineValidationError) as strict:
        turbine.loads(text, strict=True)
    assert [(p.code, p.severity) for p in strict.value.report] == [
        ("unknown-role", turbine.Severity.ERROR)
    ]


def test_missing_unreadable_and_directory_files(tmp_path: Path) -> None:
    with pytest.raises(TurbineFileError) as caught:
        turbine.load(tmp_path / "missing.json")
    assert caught.value.filename == str(tmp_path / "missing.json")
    assert caught.value.path == caught.value.filename
    assert isinstance(caught.value, FileNotFoundError | OSError)
    assert "No such file" in str(caught.value)
    with pytest.raises(TurbineFileError, match="is a directory"):
        turbine.load(tmp_path)


def test_size_limit(tmp_path: Path, artois_text: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(artois_text, encoding="utf-8")
    with pytest.raises(TurbineDecodeError) as caught:
        turbine.load(path, max_bytes=100)
    assert caught.value.code == "too-large"
    assert turbine.load(path, max_bytes=None).id == "artois-turbine"
    assert DEFAULT_MAX_BYTES == 256 * 1024 * 1024


def test_reading_a_file_object_that_fails() -> None:
    class Broken(io.RawIOBase):
        name = "broken-stream"

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    with pytest.raises(TurbineFileError, match="broken-stream: cannot read: Input/output error"):
        turbine.load(Broken())


def test_load_json_reads_without_validating(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"anything": [1, 2]}', encoding="utf-8")
    assert load_json(path) == {"anything": [1, 2]}


def test_validate_file_reports_decoding_problems(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b'{"a": "\xff"}')
    report = validate_file(path)
    assert [(p.code, p.path) for p in report] == [("invalid-utf8", "$")]
    assert report[0].message.startswith("line 1, column 8: not valid UTF-8")
    path.write_text('{"a": 1, "a": 2}', encoding="utf-8")
    report = validate_file(path)
    assert (report[0].code, report[0].path) == ("duplicate-key", "$.a")
    assert [p.code for p in report[1:]] == ["missing-field"]  # no format_version: stop there
    assert [p.code for p in validate_file(path, max_bytes=4)] == ["too-large"]


# -- writing -----------------------------------------------------------------------------------


def test_dumps_writes_utf8_as_is_and_ends_with_a_newline(artois: Strategy) -> None:
    text = turbine.dumps(artois)
    assert "Pôle métropolitain" in text
    assert "\\u00" not in text
    assert text.endswith("}\n")
    assert turbine.dumps(artois, indent=None).count("\n") == 1


def test_the_bundled_example_is_in_canonical_form(artois: Strategy, artois_text: str) -> None:
    assert turbine.dumps(artois) == artois_text


def test_dumps_refuses_an_invalid_strategy_unless_told(artois: Strategy) -> None:
    broken = attrs.evolve(artois, actors=artois.actors[1:])  # drops an actor still referenced
    with pytest.raises(TurbineValidationError) as caught:
        turbine.dumps(broken)
    assert {p.code for p in caught.value.report.errors} == {"unknown-actor"}
    assert "agglomeration" in turbine.dumps(broken, validate=False)


def test_dump_to_path_text_file_and_binary_file(tmp_path: Path, artois: Strategy) -> None:
    expected = turbine.dumps(artois)
    path = tmp_path / "out.json"
    turbine.dump(artois, path)
    assert path.read_text(encoding="utf-8") == expected
    text_file = io.StringIO()
    turbine.dump(artois, text_file)
    assert text_file.getvalue() == expected
    binary_file = io.BytesIO()
    turbine.dump(artois, binary_file)
    assert binary_file.getvalue() == expected.encode("utf-8")


def test_dump_reports_write_errors_on_file_objects(artois: Strategy) -> None:
    class Full(io.StringIO):
        name = "full-stream"

        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    with pytest.raises(TurbineFileError, match="full-stream: cannot write: No space left"):
        turbine.dump(artois, Full())


def test_atomic_write_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, artois: Strategy, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "strategy.json"
    path.write_text("the good old content", encoding="utf-8")

    def crash(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(TurbineFileError, match="cannot write: Input/output error"):
        turbine.dump(artois, path)
    assert path.read_text(encoding="utf-8") == "the good old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["strategy.json"]


def test_atomic_write_never_exposes_a_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "strategy.json"
    path.write_bytes(b"old")
    seen: list[bytes] = []
    real_replace = Path.replace

    def spy(self: Path, target: str | os.PathLike[str]) -> Path:
        seen.append(Path(target).read_bytes())  # the target before the rename: still whole
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", spy)
    write_atomic(path, b"new content")
    assert seen == [b"old"]
    assert path.read_bytes() == b"new content"


def test_atomic_write_keeps_permissions_and_follows_umask(tmp_path: Path) -> None:
    existing = tmp_path / "existing.json"
    existing.write_bytes(b"x")
    existing.chmod(0o640)
    write_atomic(existing, b"y")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    new = tmp_path / "new.json"
    old_umask = os.umask(0o022)
    try:
        write_atomic(new, b"z")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644


@pytest.mark.parametrize("failing", [0, 1, 2])
def test_atomic_write_all_replaces_nothing_when_one_file_cannot_be_written(
    tmp_path: Path, failing: int
) -> None:
    paths = [tmp_path / f"{name}.csv" for name in ("a", "b", "c")]
    for path in paths:
        path.write_bytes(b"old")
    # A directory in the way of one of them, which only its own write can find.
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    targets: list[Path] = list(paths)
    targets[failing] = blocked
    with pytest.raises(TurbineFileError) as caught:
        write_atomic_all([(path, b"new") for path in targets])
    assert caught.value.filename == str(blocked)
    assert [path.read_bytes() for path in paths] == [b"old", b"old", b"old"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv", "blocked", "c.csv"]


def test_atomic_write_all_cleans_up_when_a_write_fails_midway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    calls: list[int] = []
    real_fsync = os.fsync

    def fail_the_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_the_second)
    with pytest.raises(TurbineFileError, match="No space left") as caught:
        write_atomic_all([(first, b"1"), (second, b"2")])
    assert caught.value.filename == str(second)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_all_writes_every_file(tmp_path: Path) -> None:
    files = [(tmp_path / f"{i}.txt", str(i).encode()) for i in range(3)]
    write_atomic_all(files)
    assert [path.read_bytes() for path, _ in files] == [b"0", b"1", b"2"]
    write_atomic_all([])
    assert len(list(tmp_path.iterdir())) == 3


def test_writing_into_a_missing_directory_or_onto_a_directory(tmp_path: Path) -> None:
    with pytest.raises(TurbineFileError) as caught:
        write_atomic(tmp_path / "nowhere" / "x.json", b"x")
    assert caught.value.filename == str(tmp_path / "nowhere" / "x.json")
    (tmp_path / "d").mkdir()
    with pytest.raises(TurbineFileError, match="cannot write"):
        write_atomic(tmp_path / "d", b"x")
    assert (tmp_path / "d").is_dir()


def test_action_with_unknown_level_is_refused_on_dump(artois: Strategy) -> None:
    meta = artois.objectives[0].meta_actions[0]
    bad = attrs.evolve(meta, actions=(Action(id="new", title="t", level=7),))
    objective = attrs.evolve(artois.objectives[0], meta_actions=(bad,))
    with pytest.raises(TurbineValidationError, match="unknown-level"):
        turbine.dumps(attrs.evolve(artois, objectives=(objective,)))


def test_loads_limits_text_and_bytes(artois_text: str) -> None:
    for document in (artois_text, artois_text.encode("utf-8")):
        with pytest.raises(TurbineDecodeError) as caught:
            turbine.loads(document, max_bytes=1000)
        assert caught.value.code == "too-large"
        assert turbine.loads(document, max_bytes=None).id == "artois-turbine"


def test_dumps_refuses_text_that_utf8_cannot_hold(artois: Strategy) -> None:
    broken = attrs.evolve(artois, description="moitié \ud800 de paire")
    for validate in (True, False):
        with pytest.raises(TurbineValidationError) as caught:
            turbine.dumps(broken, validate=validate)
        assert [(p.path, p.code) for p in caught.value.report] == [
            ("$.description", "invalid-unicode")
        ]


def test_loads_refuses_lone_surrogate_characters_in_text(artois_text: str) -> None:
    text = artois_text.replace('"fr"', '"fr\ud800"', 1)
    with pytest.raises(TurbineValidationError) as caught:
        turbine.loads(text)
    assert "invalid-unicode" in {p.code for p in caught.value.report}


def test_dump_to_a_text_file_that_cannot_hold_the_document(
    tmp_path: Path, artois: Strategy
) -> None:
    with (
        (tmp_path / "a.json").open("w", encoding="ascii") as ascii_file,
        pytest.raises(TurbineFileError, match="encoding 'ascii', which cannot hold"),
    ):
        turbine.dump(artois, ascii_file)
    closed = (tmp_path / "b.json").open("w", encoding="utf-8")
    closed.close()
    with pytest.raises(TurbineFileError, match="closed file"):
        turbine.dump(artois, closed)


def test_dump_through_a_symbolic_link_replaces_its_target(tmp_path: Path, artois: Strategy) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    turbine.dump(artois, link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == turbine.dumps(artois)


def test_an_empty_list_of_own_typologies_is_not_silently_dropped(artois: Strategy) -> None:
    # () is not the default (None, "inherit"): it must be written, and then refused.
    meta = artois.objectives[0].meta_actions[0]
    action = attrs.evolve(meta.actions[0], typologies=())
    objective = attrs.evolve(
        artois.objectives[0], meta_actions=(attrs.evolve(meta, actions=(action,)),)
    )
    strategy = attrs.evolve(artois, objectives=(objective,))
    with pytest.raises(TurbineValidationError) as caught:
        turbine.dumps(strategy)
    assert [(p.path, p.code) for p in caught.value.report] == [
        ("$.objectives[0].meta_actions[0].actions[0].typologies", "empty-list")
    ]


def test_odd_arguments_to_load_and_loads(
    tmp_path: Path, artois: Strategy, artois_text: str
) -> None:
    assert turbine.loads(memoryview(artois_text.encode("utf-8"))) == artois
    path = tmp_path / "a.json"
    path.write_text(artois_text, encoding="utf-8")
    assert turbine.load(os.fsencode(path)) == artois
    with pytest.raises(TurbineFileError, match="NUL character"):
        turbine.load("a\x00b")


def test_a_lone_surrogate_read_from_a_text_file_is_named_as_such() -> None:
    text = io.StringIO('{"format_version": "1.0", "id": "x\ud800"}')
    report = validate_file(text)
    assert ("$.id", "invalid-unicode") in [(p.path, p.code) for p in report]


def test_text_handles_that_cannot_decode_or_are_closed(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"a": "\xff"}')
    with path.open(encoding="utf-8") as handle, pytest.raises(TurbineDecodeError) as caught:
        turbine.load(handle)
    assert caught.value.code == "invalid-utf8"
    assert "encoding 'utf-8'" in str(caught.value)
    with path.open(encoding="utf-8") as handle:
        assert [p.code for p in validate_file(handle)] == ["invalid-utf8"]
    closed = path.open("rb")
    closed.close()
    with pytest.raises(TurbineFileError, match="closed file"):
        turbine.load(closed)


def test_paths_no_file_can_have(tmp_path: Path, artois: Strategy) -> None:
    for path in ("", "a\x00b"):
        with pytest.raises(TurbineFileError):
            turbine.load(path)
        with pytest.raises(TurbineFileError):
            turbine.dump(artois, path)
    for directory in ("/", str(tmp_path), f"{tmp_path}/"):
        with pytest.raises(TurbineFileError, match="is a directory"):
            write_atomic(directory, b"x")


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 5000)
    reads: list[int] = []
    real_open = Path.open

    def spying_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, *args, **kwargs)
        real_read = handle.read

        def read(size: int = -1) -> Any:
            reads.append(size)
            return real_read(size)

        handle.read = read
        return handle

    monkeypatch.setattr(Path, "open", spying_open)
    with pytest.raises(TurbineDecodeError, match="larger than 100 bytes"):
        turbine.load(path, max_bytes=100)
    assert reads == []


def test_the_temporary_file_is_never_more_open_than_the_target(
    tmp_path: Path, artois: Strategy, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "private.json"
    path.write_bytes(b"secret")
    path.chmod(0o600)
    modes: list[int] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    turbine.dump(artois, path)
    assert modes[0] == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_long_file_name_leaves_room_for_the_temporary_file(
    tmp_path: Path, artois: Strategy
) -> None:
    path = tmp_path / ("x" * 245 + ".json")
    turbine.dump(artois, path)
    assert turbine.load(path) == artois
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_dumps_refuses_integers_too_large_to_write(artois: Strategy) -> None:
    objective = attrs.evolve(artois.objectives[0], id=10**5000)  # type: ignore[arg-type]
    broken = attrs.evolve(artois, objectives=(objective,))
    for validate in (True, False):
        with pytest.raises(TurbineValidationError) as caught:
            turbine.dumps(broken, validate=validate)
        assert [(p.path, p.code) for p in caught.value.report] == [
            ("$.objectives[0].id", "number-too-large")
        ]


def test_atomic_write_all_reports_a_rename_that_fails_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    real_replace = Path.replace
    renamed: list[Path] = []

    def fail_the_second(self: Path, target: str | os.PathLike[str]) -> Path:
        if renamed:
            raise OSError(18, "Invalid cross-device link")
        renamed.append(Path(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", fail_the_second)
    with pytest.raises(TurbineFileError, match="cross-device") as caught:
        write_atomic_all([(first, b"1"), (second, b"2")])
    assert caught.value.filename == str(second)
    # The one rename that could not be undone is said in the docs; nothing else is left.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first"]
