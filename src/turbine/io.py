"""Reading and writing turbine documents: the only module that touches files.

Reading validates before it builds anything: bytes are decoded as UTF-8, parsed as strict JSON,
checked against the schema and the reference rules, and only then turned into model values, so a
:class:`~turbine.Strategy` always comes from a valid document. Writing validates too, so that what
turbine writes it can read back; files are replaced atomically.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import IO, Any, Protocol

from turbine import validation as _validation
from turbine._converter import structure, unstructure
from turbine._decode import decode_text, find_lone_surrogates, lone_surrogate_in, parse_json
from turbine.errors import TurbineDecodeError, TurbineFileError, TurbineValidationError
from turbine.model import Strategy
from turbine.report import ValidationReport

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Readable",
    "TurbineWarning",
    "dump",
    "dumps",
    "load",
    "load_json",
    "loads",
    "read_bytes",
    "validate_file",
    "write_atomic",
]

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
"""Documents larger than this (256 MiB) are refused unless ``max_bytes`` says otherwise.

A 25,000-action strategy is about 10 MiB; the limit keeps a wrong or hostile file from
exhausting memory.
"""


class Readable(Protocol):
    """Anything with a ``read`` method, as open files (text or binary) have."""

    def read(self, size: int = -1, /) -> str | bytes:
        """Read at most *size* characters or bytes (all of them when negative)."""
        ...


PathOrFile = str | os.PathLike[str] | Readable


class TurbineWarning(UserWarning):
    """A valid document has problems worth a look; the report is in :attr:`report`.

    Attributes:
        report: The :class:`~turbine.ValidationReport` of the document (its warnings).
        source: What was read: a file name, or ``"<string>"``.
    """

    def __init__(self, report: ValidationReport, source: str) -> None:
        self.report = report
        self.source = source
        problems = report.warnings
        listed = "\n".join(f"  {p}" for p in problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        count = len(problems)
        super().__init__(f"{source}: {count} warning{'s' * (count != 1)}\n{listed}{more}")


def read_bytes(file: PathOrFile, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> tuple[bytes, str]:
    """The bytes of a path or an open file, and a name for it to use in messages."""
    if isinstance(file, (str, os.PathLike)):
        name = os.fspath(file)
        try:
            with Path(name).open("rb") as handle:
                return _read_limited(handle, name, max_bytes), name
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if isinstance(exc, IsADirectoryError):
                reason = "is a directory, not a file"
            raise TurbineFileError(
                f"cannot read: {reason}", filename=name, errno=exc.errno
            ) from exc
    name = str(getattr(file, "name", "<file>"))
    try:
        return _read_limited(file, name, max_bytes), name
    except OSError as exc:
        raise TurbineFileError(
            f"cannot read: {exc.strerror or exc}", filename=name, errno=exc.errno
        ) from exc


def _read_limited(handle: Readable, name: str, max_bytes: int | None) -> bytes:
    data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if max_bytes is not None and len(data) > max_bytes:
        raise _too_large(name, max_bytes)
    return bytes(data)


def _too_large(source: str, max_bytes: int) -> TurbineDecodeError:
    return TurbineDecodeError(
        f"the document is larger than {max_bytes:,} bytes; pass max_bytes=None (or a larger "
        "limit) to read it anyway",
        code="too-large",
        source=source,
    )


def load_json(file: PathOrFile, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Any:
    """Read strict JSON data from a path or an open file, without validating it as a strategy."""
    raw, name = read_bytes(file, max_bytes=max_bytes)
    return parse_json(decode_text(raw, name), name, from_utf8=True)


def validate_file(
    file: PathOrFile, *, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> ValidationReport:
    """Validate the document in a file: every problem, including one that stops decoding.

    Unlike :func:`~turbine.load`, a document that cannot be decoded is not an exception here: its
    problem (``invalid-utf8``, ``invalid-json``, ``too-deep``, ``too-large``) is the report's only
    entry.

    Args:
        file: A path, or a file open for reading (text or binary).
        max_bytes: Report larger files as ``too-large``; ``None`` for no limit.

    Raises:
        TurbineFileError: The file cannot be read.
    """
    try:
        raw, name = read_bytes(file, max_bytes=max_bytes)
        data = parse_json(decode_text(raw, name), name, from_utf8=True)
    except TurbineDecodeError as exc:
        return ValidationReport([exc.problem])
    except TurbineValidationError as exc:
        return exc.report
    return _validation.validate_json(data)


def loads(
    document: str | bytes | bytearray,
    *,
    strict: bool = False,
    source: str = "<string>",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Strategy:
    """Read a strategy from JSON text or UTF-8 bytes.

    Args:
        document: The JSON document.
        strict: Treat warnings as errors.
        source: A name for the document in messages.
        max_bytes: Refuse larger documents (text is measured in characters); ``None`` for no
            limit.

    Raises:
        TurbineDecodeError: It is not UTF-8 JSON, or it is larger than *max_bytes*.
        TurbineValidationError: It breaks the format; the error's report lists every problem.

    Warns:
        TurbineWarning: When it is valid but has warnings (unless *strict*, which raises).
    """
    if max_bytes is not None and len(document) > max_bytes:
        raise _too_large(source, max_bytes)
    from_utf8 = isinstance(document, (bytes, bytearray))
    if isinstance(document, (bytes, bytearray)):
        document = decode_text(document, source)
    data = parse_json(document, source, from_utf8=from_utf8)
    return _build(data, strict=strict, source=source)


def load(
    file: PathOrFile,
    *,
    strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Strategy:
    """Read a strategy from a file path or an open file (text or binary).

    Args:
        file: A path, or a file open for reading (text or binary).
        strict: Treat warnings as errors.
        max_bytes: Refuse larger files; ``None`` for no limit.

    Raises:
        TurbineFileError: The file cannot be read.
        TurbineDecodeError: It is not UTF-8 JSON, or it is larger than *max_bytes*.
        TurbineValidationError: It breaks the format; the error's report lists every problem.

    Warns:
        TurbineWarning: When it is valid but has warnings (unless *strict*, which raises).
    """
    raw, name = read_bytes(file, max_bytes=max_bytes)
    data = parse_json(decode_text(raw, name), name, from_utf8=True)
    return _build(data, strict=strict, source=name)


def _build(data: Any, *, strict: bool, source: str) -> Strategy:
    report = _validation.validate_json(data)
    report.raise_for_errors(source=source)
    if report.warnings:
        if strict:
            raise TurbineValidationError(_as_errors(report), source=source)
        warnings.warn(TurbineWarning(report, source), stacklevel=3)
    return structure(data, Strategy)


def _as_errors(report: ValidationReport) -> ValidationReport:
    from attrs import evolve  # noqa: PLC0415

    from turbine.report import Severity  # noqa: PLC0415

    return ValidationReport([evolve(p, severity=Severity.ERROR) for p in report])


def dumps(strategy: Strategy, *, indent: int | None = 2, validate: bool = True) -> str:
    """The JSON document of a strategy, as text (UTF-8 characters are written as they are).

    Args:
        strategy: The strategy.
        indent: Spaces per level of indentation; ``None`` writes one compact line.
        validate: Refuse to write an invalid strategy (on by default, so that what turbine
            writes it can read back).

    Raises:
        TurbineValidationError: The strategy is invalid (dangling references, duplicate ids...).
    """
    data = unstructure(strategy)
    source = f"strategy {strategy.id!r}"
    if validate:
        _validation.validate_json(data).raise_for_errors(source=source)
    text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    if lone_surrogate_in(text):
        # Checked even when not validating: such text cannot be written as UTF-8 at all.
        raise TurbineValidationError(ValidationReport(find_lone_surrogates(data)), source=source)
    return text + "\n"


def dump(
    strategy: Strategy,
    file: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    indent: int | None = 2,
    validate: bool = True,
) -> None:
    """Write the JSON document of a strategy to a path (atomically) or an open file.

    A path is written through a temporary file in the same directory, flushed to disk and then
    renamed over the target: a crash leaves either the old file or the new one, never half of one.
    An existing file keeps its permissions.

    Args:
        strategy: The strategy.
        file: A path, or a file open for writing (text or binary).
        indent: Spaces per level of indentation; ``None`` writes one compact line.
        validate: Refuse to write an invalid strategy (on by default).

    Raises:
        TurbineValidationError: The strategy is invalid (nothing is written).
        TurbineFileError: The file cannot be written.
    """
    text = dumps(strategy, indent=indent, validate=validate)
    if isinstance(file, (str, os.PathLike)):
        write_atomic(Path(file), text.encode("utf-8"))
        return
    try:
        try:
            file.write(text)  # type: ignore[call-overload]
        except TypeError:  # a binary file: it refused str before writing anything
            file.write(text.encode("utf-8"))  # type: ignore[arg-type]
    except OSError as exc:
        name = str(getattr(file, "name", "<file>"))
        raise TurbineFileError(
            f"cannot write: {exc.strerror or exc}", filename=name, errno=exc.errno
        ) from exc


def write_atomic(path: Path, data: bytes) -> None:
    """Replace *path* with *data* so that no reader or crash ever sees a partial file."""
    target = path
    directory = target.parent if str(target.parent) else Path()
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise TurbineFileError(
            f"cannot write: {exc.strerror}", filename=str(path), errno=exc.errno
        ) from exc
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp_name).chmod(mode)
        Path(tmp_name).replace(target)
        tmp_name = None
        _fsync_directory(directory)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, IsADirectoryError):
            reason = "is a directory"
        raise TurbineFileError(
            f"cannot write: {reason}", filename=str(path), errno=exc.errno
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                Path(tmp_name).unlink()


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on directories
        pass
    finally:
        os.close(fd)
