"""The exceptions turbine raises.

Every exception turbine raises on purpose derives from :class:`TurbineError`, so an application can
catch them all with one clause. The specific ones also derive from the builtin they refine
(:class:`ValueError`, :class:`LookupError`, :class:`OSError`), so code that already catches those
keeps working, and each carries where the problem is.
"""

from __future__ import annotations

import difflib
import errno as _errno
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from turbine.report import Problem, ValidationReport

__all__ = [
    "ExampleNotFoundError",
    "GraphError",
    "RenderError",
    "RendererNotFoundError",
    "TurbineDecodeError",
    "TurbineError",
    "TurbineFileError",
    "TurbineValidationError",
    "UnknownIdError",
]


class TurbineError(Exception):
    """The root of every exception turbine raises on purpose."""

    # The arguments a subclass was built with, so that it pickles (multiprocessing sends errors
    # between processes) although its constructor is not Exception's.
    _init: tuple[tuple[Any, ...], dict[str, Any]] | None = None

    def __reduce__(self) -> Any:
        if self._init is None:
            return super().__reduce__()
        args, kwargs = self._init
        return (_rebuild, (type(self), args, kwargs))


def _rebuild(cls: type[TurbineError], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return cls(*args, **kwargs)


class TurbineDecodeError(TurbineError, ValueError):
    """The input is not a JSON document turbine can read at all.

    Raised for bytes that are not UTF-8, text that is not JSON, nesting too deep to parse and
    documents over the size limit. Problems found *inside* a well-formed JSON document (duplicate
    keys, ``NaN``, schema violations...) are reported by :class:`TurbineValidationError` instead,
    all at once.

    Attributes:
        code: A stable problem code (see the validation codes in the documentation).
        source: What was read: a file name, or ``"<string>"``.
        line: 1-based line of the problem, when known.
        column: 1-based column of the problem, when known.
        path: The JSON path of the problem; ``"$"`` (the whole document) for decoding errors.
        reason: What is wrong, without the place (the message is ``place: reason``).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        source: str = "<string>",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self._init = ((message,), {"code": code, "source": source, "line": line, "column": column})
        self.code = code
        self.source = source
        self.line = line
        self.column = column
        self.path = "$"
        self.reason = message
        where = source if line is None else f"{source}:{line}:{column}"
        super().__init__(f"{where}: {message}")

    @property
    def problem(self) -> Problem:
        """This error as a :class:`~turbine.Problem`, to report it with the others."""
        from turbine.report import Problem, Severity  # noqa: PLC0415 - report imports us

        where = "" if self.line is None else f"line {self.line}, column {self.column}: "
        return Problem(
            location=(), code=self.code, severity=Severity.ERROR, message=where + self.reason
        )


class TurbineValidationError(TurbineError, ValueError):
    """A document breaks the format: it carries the full report of every problem found.

    Attributes:
        report: The :class:`~turbine.ValidationReport` with every problem, errors and warnings.
        source: What was validated: a file name, or ``"<string>"``.
        path: The JSON path of the first error, for code that wants a single place.
    """

    def __init__(self, report: ValidationReport, *, source: str = "<string>") -> None:
        self._init = ((report,), {"source": source})
        self.report = report
        self.source = source
        errors = report.errors
        self.path = errors[0].path if errors else "$"
        super().__init__(_summarise(source, errors))

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of the report, errors and warnings alike."""
        return self.report.problems


def _summarise(source: str, errors: Sequence[Problem], limit: int = 20) -> str:
    count = len(errors)
    lines = [f"{source} is not a valid turbine strategy: {count} error{'s' * (count != 1)}"]
    lines.extend(f"  {problem}" for problem in errors[:limit])
    if count > limit:
        lines.append(f"  ... and {count - limit} more (see .report for all of them)")
    return "\n".join(lines)


class TurbineFileError(TurbineError, OSError):
    """A file cannot be read or written.

    The underlying :class:`OSError` is chained as ``__cause__``; ``errno`` and ``filename`` are
    those of :class:`OSError`, and :attr:`path` is the file's path too.

    Attributes:
        path: The path of the file (the same as ``filename``).
    """

    def __init__(self, message: str, *, filename: str, errno: int | None = None) -> None:
        super().__init__(errno if errno is not None else _errno.EIO, message, filename)
        self._init = ((message,), {"filename": filename, "errno": errno})
        self.path = filename

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


class UnknownIdError(TurbineError, KeyError):
    """No entity of that kind has that id in the strategy.

    Attributes:
        kind: What was looked for (``"action"``, ``"actor"``, ...).
        id: The id (or, for a service level, the code) that was not found.
        suggestions: Ids of the same kind that look alike, closest first.
    """

    def __init__(
        self,
        kind: str,
        id: str | int,  # noqa: A002 - the document's word
        suggestions: Sequence[str] = (),
        *,
        key_name: str = "id",
    ) -> None:
        self._init = ((kind, id, tuple(suggestions)), {"key_name": key_name})
        self.kind = kind
        self.id = id
        self.suggestions = tuple(suggestions)
        hint = f" (did you mean {', '.join(map(repr, self.suggestions))}?)" if suggestions else ""
        self.message = f"no {kind} with {key_name} {id!r} in this strategy{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message, quoting it twice.
        return self.message


class ExampleNotFoundError(TurbineError, LookupError):
    """No bundled example has that name.

    Attributes:
        name: The name asked for.
        available: The names that exist.
    """

    def __init__(self, name: str, available: Sequence[str]) -> None:
        self._init = ((name, tuple(available)), {})
        self.name = name
        self.available = tuple(available)
        super().__init__(f"no bundled example named {name!r}; available: {', '.join(available)}")


class RendererNotFoundError(TurbineError, LookupError):
    """No renderer has that name.

    Attributes:
        name: The name asked for.
        available: The names of the renderers that exist.
    """

    def __init__(self, name: str, available: Sequence[str]) -> None:
        self._init = ((name, tuple(available)), {})
        self.name = name
        self.available = tuple(available)
        hint = difflib.get_close_matches(str(name), self.available, n=1)
        did_you_mean = f" (did you mean {hint[0]!r}?)" if hint else ""
        super().__init__(
            f"no renderer named {name!r}{did_you_mean}; available: "
            f"{', '.join(self.available) or 'none'}"
        )


class RenderError(TurbineError, ValueError):
    """A renderer cannot do what was asked.

    An object it does not draw, an option it does not know or a value it does not take, a file
    suffix it cannot write, a figure of several pages asked for as one image.

    Attributes:
        renderer: The renderer's name, or ``None`` when no renderer could be chosen.
        option: The option at fault, if one is (``"lang"``, ``"actions"``...).
        path: The output file at fault, if one is.
    """

    def __init__(
        self,
        message: str,
        *,
        renderer: str | None,
        option: str | None = None,
        path: str | None = None,
    ) -> None:
        self._init = ((message,), {"renderer": renderer, "option": option, "path": path})
        self.renderer = renderer
        self.option = option
        self.path = path
        super().__init__(message if renderer is None else f"renderer {renderer!r}: {message}")


class GraphError(TurbineError, ValueError):
    """A graph function was given an option value it does not take.

    Attributes:
        option: The option at fault (``"weight"``, ``"level"``, ``"strategy"``...).
        path: Always ``None``: the problem is in the call, not in a document.
    """

    def __init__(self, message: str, *, option: str) -> None:
        self._init = ((message,), {"option": option})
        self.option = option
        self.path = None
        super().__init__(message)
