"""Tests of turbine.errors: the exception hierarchy, what each exception carries and says."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

import pytest

import turbine
from turbine.errors import (
    ExampleNotFoundError,
    GraphError,
    RendererNotFoundError,
    RenderError,
    TurbineDecodeError,
    TurbineError,
    TurbineFileError,
    TurbineValidationError,
    UnknownIdError,
)
from turbine.report import Problem, Severity, ValidationReport

if TYPE_CHECKING:
    from pathlib import Path


def _error(path: tuple[str | int, ...], code: str = "wrong-type") -> Problem:
    return Problem(location=path, code=code, severity=Severity.ERROR, message=f"bad {path}")


def _warning(path: tuple[str | int, ...], code: str = "unknown-role") -> Problem:
    return Problem(location=path, code=code, severity=Severity.WARNING, message=f"odd {path}")


# -- hierarchy --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (TurbineDecodeError, ValueError),
        (TurbineValidationError, ValueError),
        (TurbineFileError, OSError),
        (UnknownIdError, KeyError),
        (UnknownIdError, LookupError),
        (ExampleNotFoundError, LookupError),
        (RendererNotFoundError, LookupError),
        (RenderError, ValueError),
        (GraphError, ValueError),
    ],
)
def test_specific_errors_refine_turbine_error_and_their_builtin(
    cls: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(cls, TurbineError)
    assert issubclass(cls, builtin)


def test_turbine_error_is_an_exception_and_not_a_builtin_refinement() -> None:
    assert issubclass(TurbineError, Exception)
    assert not issubclass(TurbineError, (ValueError, OSError, LookupError))


def test_the_package_exports_the_same_classes() -> None:
    assert turbine.TurbineError is TurbineError
    assert turbine.TurbineDecodeError is TurbineDecodeError
    assert turbine.TurbineValidationError is TurbineValidationError
    assert turbine.TurbineFileError is TurbineFileError
    assert turbine.UnknownIdError is UnknownIdError
    assert turbine.ExampleNotFoundError is ExampleNotFoundError


@pytest.mark.parametrize(
    "error",
    [
        TurbineDecodeError("bad", code="invalid-json"),
        TurbineValidationError(ValidationReport([_error(("id",))])),
        TurbineFileError("cannot read: nope", filename="f.json", errno=errno.ENOENT),
        UnknownIdError("action", "a1"),
        ExampleNotFoundError("nope", ["artois"]),
    ],
    ids=type,
)
def test_every_error_is_caught_by_one_clause_and_by_its_builtin(error: TurbineError) -> None:
    with pytest.raises(TurbineError):
        raise error
    builtin = {
        TurbineDecodeError: ValueError,
        TurbineValidationError: ValueError,
        TurbineFileError: OSError,
        UnknownIdError: KeyError,
        ExampleNotFoundError: LookupError,
    }[type(error)]
    with pytest.raises(builtin):
        raise error


# -- TurbineDecodeError -----------------------------------------------------------------------


def test_decode_error_with_a_place() -> None:
    error = TurbineDecodeError(
        "not valid JSON: Expecting value", code="invalid-json", source="a.json", line=3, column=7
    )
    assert error.code == "invalid-json"
    assert error.source == "a.json"
    assert error.line == 3
    assert error.column == 7
    assert error.path == "$"
    assert error.reason == "not valid JSON: Expecting value"
    assert str(error) == "a.json:3:7: not valid JSON: Expecting value"


def test_decode_error_without_a_place() -> None:
    error = TurbineDecodeError("the document is nested too deeply to be read", code="too-deep")
    assert error.source == "<string>"
    assert error.line is None
    assert error.column is None
    assert error.path == "$"
    assert str(error) == "<string>: the document is nested too deeply to be read"


def test_decode_error_as_a_problem_names_line_and_column() -> None:
    error = TurbineDecodeError(
        "not valid UTF-8", code="invalid-utf8", source="b.json", line=2, column=5
    )
    problem = error.problem
    assert problem == Problem(
        location=(),
        code="invalid-utf8",
        severity=Severity.ERROR,
        message="line 2, column 5: not valid UTF-8",
    )
    assert problem.path == "$"


def test_decode_error_as_a_problem_without_a_place() -> None:
    problem = TurbineDecodeError("too big", code="too-large", source="c.json").problem
    assert problem.location == ()
    assert problem.code == "too-large"
    assert problem.severity is Severity.ERROR
    assert problem.message == "too big"


# -- TurbineValidationError -------------------------------------------------------------------


def test_validation_error_carries_the_report_and_the_first_error_path() -> None:
    report = ValidationReport(
        [
            _warning(("actors", 0, "role")),
            _error(("objectives", 1, "title"), "missing-field"),
            _error(("id",), "invalid-format"),
        ]
    )
    error = TurbineValidationError(report, source="s.json")
    assert error.report is report
    assert error.source == "s.json"
    # The first *error*, not the first problem (which is a warning).
    assert error.path == "$.objectives[1].title"
    assert error.problems == report.problems
    assert len(error.problems) == 3


def test_validation_error_message_lists_errors_not_warnings() -> None:
    report = ValidationReport(
        [_warning(("actors", 0, "role")), _error(("id",)), _error(("title",), "missing-field")]
    )
    lines = str(TurbineValidationError(report, source="s.json")).splitlines()
    assert lines == [
        "s.json is not a valid turbine strategy: 2 errors",
        f"  {report[1]}",
        f"  {report[2]}",
    ]


def test_validation_error_message_says_one_error_in_the_singular() -> None:
    report = ValidationReport([_error(("id",))])
    first = str(TurbineValidationError(report)).splitlines()[0]
    assert first == "<string> is not a valid turbine strategy: 1 error"


def test_validation_error_without_errors_points_at_the_root() -> None:
    report = ValidationReport([_warning(("actors", 0, "role"))])
    error = TurbineValidationError(report)
    assert error.path == "$"
    assert str(error) == "<string> is not a valid turbine strategy: 0 errors"


def test_validation_error_summary_lists_exactly_twenty_errors() -> None:
    report = ValidationReport([_error(("objectives", i)) for i in range(20)])
    lines = str(TurbineValidationError(report)).splitlines()
    assert len(lines) == 21
    assert not any("more" in line for line in lines)
    assert lines[-1] == f"  {report[19]}"


def test_validation_error_summary_is_truncated_beyond_twenty_errors() -> None:
    errors = [_error(("objectives", i)) for i in range(27)]
    report = ValidationReport(errors)
    error = TurbineValidationError(report, source="big.json")
    lines = str(error).splitlines()
    assert lines[0] == "big.json is not a valid turbine strategy: 27 errors"
    assert lines[1:21] == [f"  {p}" for p in errors[:20]]
    assert lines[21] == "  ... and 7 more (see .report for all of them)"
    assert len(lines) == 22
    assert str(errors[20]) not in str(error)
    # Nothing is lost: the report still has all of them.
    assert len(error.report.errors) == 27


def test_validation_error_truncation_counts_errors_only() -> None:
    problems = [_warning(("actors", i, "role")) for i in range(30)] + [_error(("id",))]
    lines = str(TurbineValidationError(ValidationReport(problems))).splitlines()
    assert lines == ["<string> is not a valid turbine strategy: 1 error", f"  {problems[-1]}"]


# -- TurbineFileError -------------------------------------------------------------------------


def test_file_error_is_an_os_error_with_filename_and_errno() -> None:
    error = TurbineFileError("cannot read: No such file", filename="x.json", errno=errno.ENOENT)
    assert error.errno == errno.ENOENT
    assert error.filename == "x.json"
    assert error.path == "x.json"
    assert error.strerror == "cannot read: No such file"
    assert str(error) == "x.json: cannot read: No such file"


def test_file_error_without_errno_uses_eio() -> None:
    error = TurbineFileError("cannot write: disk on fire", filename="y.json")
    assert error.errno == errno.EIO
    assert str(error) == "y.json: cannot write: disk on fire"


def test_file_error_is_not_turned_into_a_subclass_by_its_errno() -> None:
    # OSError(ENOENT, ...) builds a FileNotFoundError; a subclass must keep its own type.
    error = TurbineFileError("cannot read: gone", filename="z.json", errno=errno.ENOENT)
    assert type(error) is TurbineFileError
    assert not isinstance(error, FileNotFoundError)


def test_file_error_raised_from_the_library_chains_the_os_error(
    tmp_path: Path,
) -> None:
    missing = str(tmp_path / "missing.json")
    with pytest.raises(TurbineFileError) as caught:
        turbine.load(missing)
    assert caught.value.filename == missing
    assert caught.value.errno == errno.ENOENT
    assert isinstance(caught.value.__cause__, FileNotFoundError)
    assert str(caught.value).startswith(f"{missing}: cannot read: ")


# -- UnknownIdError ---------------------------------------------------------------------------


def test_unknown_id_error_with_suggestions() -> None:
    error = UnknownIdError("actor", "mairei", ["mairie", "maire"])
    assert error.kind == "actor"
    assert error.id == "mairei"
    assert error.suggestions == ("mairie", "maire")
    expected = "no actor with id 'mairei' in this strategy (did you mean 'mairie', 'maire'?)"
    assert error.message == expected
    # Not repr()-quoted a second time, as KeyError would.
    assert str(error) == expected


def test_unknown_id_error_without_suggestions() -> None:
    error = UnknownIdError("service level", 7)
    assert error.suggestions == ()
    assert error.id == 7
    assert str(error) == "no service level with id 7 in this strategy"
    assert "did you mean" not in str(error)


def test_unknown_id_error_is_caught_as_a_key_error() -> None:
    def lookup() -> None:
        raise UnknownIdError("action", "a9", ("a1",))

    with pytest.raises(KeyError) as caught:
        lookup()
    assert caught.value.args == ("no action with id 'a9' in this strategy (did you mean 'a1'?)",)


# -- ExampleNotFoundError ---------------------------------------------------------------------


def test_example_not_found_error_lists_the_available_names() -> None:
    error = ExampleNotFoundError("artoi", ["artois", "synthetic"])
    assert error.name == "artoi"
    assert error.available == ("artois", "synthetic")
    assert str(error) == "no bundled example named 'artoi'; available: artois, synthetic"


def test_example_not_found_error_from_the_examples_module() -> None:
    with pytest.raises(ExampleNotFoundError) as caught:
        turbine.examples.text("nowhere")
    assert caught.value.name == "nowhere"
    assert caught.value.available == turbine.examples.names()
    assert "artois" in str(caught.value)


def test_every_error_survives_pickling() -> None:
    import pickle  # noqa: PLC0415

    from turbine.report import Problem, Severity, ValidationReport  # noqa: PLC0415

    report = ValidationReport(
        [Problem(location=("a", 0), code="x", severity=Severity.ERROR, message="m")]
    )
    errors: list[TurbineError] = [
        TurbineDecodeError("m", code="invalid-json", source="f", line=1, column=2),
        TurbineValidationError(report, source="s"),
        TurbineFileError("cannot read: gone", filename="f", errno=2),
        UnknownIdError("action", "a", ["b"]),
        ExampleNotFoundError("x", ["artois"]),
        RendererNotFoundError("matrx", ["json", "matrix"]),
        RenderError("lang must be one of 'fr', 'en'", renderer="matrix", option="lang"),
        RenderError("cannot write", renderer="matrix", path="out.gif"),
        GraphError("weight must be one of 'count', 'ratio'", option="weight"),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert copy.args == error.args
        assert vars(copy) == vars(error)


def test_renderer_not_found_lists_the_names_and_suggests_the_closest() -> None:
    error = RendererNotFoundError("matrx", ["json", "matrix", "text"])
    assert error.name == "matrx"
    assert error.available == ("json", "matrix", "text")
    assert str(error) == (
        "no renderer named 'matrx' (did you mean 'matrix'?); available: json, matrix, text"
    )
    assert "did you mean" not in str(RendererNotFoundError("zzz", ["json"]))
    assert str(RendererNotFoundError("x", [])).endswith("available: none")


def test_render_error_names_the_renderer_and_what_is_at_fault() -> None:
    error = RenderError("dpi must be from 10 to 1200, not 0", renderer="matrix", option="dpi")
    assert str(error) == "renderer 'matrix': dpi must be from 10 to 1200, not 0"
    assert (error.renderer, error.option, error.path) == ("matrix", "dpi", None)
    assert RenderError("no", renderer="matrix", path="a.gif").path == "a.gif"


def test_a_render_error_without_a_renderer_is_just_its_message() -> None:
    error = RenderError("no renderer writes '.xyz' files", renderer=None, path="m.xyz")
    assert str(error) == "no renderer writes '.xyz' files"
    assert error.renderer is None
