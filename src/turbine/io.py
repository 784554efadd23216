"""Reading and writing turbine documents: every read or write of a document's file is here.

Reading validates before it builds anything: bytes are decoded as UTF-8, parsed as strict JSON,
checked against the schema and the reference rules, and only then turned into model values, so a
:class:`~turbine.Strategy` always comes from a valid document. Writing validates too, so that what
turbine writes it can read back; files are replaced atomically.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import warnings
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from turbine import validation as _validation
from turbine._converter import structure, unstructure_strategy
from turbine._decode import (
    decode_text,
    find_unwritable,
    lone_surrogate_in,
    parse_json,
    parse_json_problems,
)
from turbine._util import brief
from turbine.errors import TurbineDecodeError, TurbineFileError, TurbineValidationError
from turbine.model import Strategy
from turbine.report import Problem, Severity, ValidationReport

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Readable",
    "TurbineWarning",
    "dump",
    "dumps",
    "load",
    "load_json",
    "loads",
    "validate_file",
    "write_atomic",
    "write_atomic_all",
]

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
"""Documents larger than this (256 MiB) are refused unless ``max_bytes`` says otherwise.

A 25,000-action strategy is about 19 MB; the limit keeps a wrong or hostile file from exhausting
memory.
"""


class Readable(Protocol):
    """Anything with a ``read`` method, as open files (text or binary) have."""

    def read(self, size: int = -1, /) -> str | bytes:
        """Read at most *size* characters or bytes (all of them when negative)."""
        ...


PathOrFile = str | bytes | os.PathLike[str] | Readable


class TurbineWarning(UserWarning):
    """A valid document has problems worth a look.

    Attributes:
        report: The :class:`~turbine.ValidationReport`, whose warnings are these problems.
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


# -- reading -----------------------------------------------------------------------------------


def _read_text(file: PathOrFile, max_bytes: int | None) -> tuple[str, str, bool]:
    """The text of a document, a name for it, and whether it was decoded from UTF-8 bytes."""
    if isinstance(file, (str, bytes, os.PathLike)):
        name = _path_name(file, "read")
        try:
            with Path(name).open("rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if max_bytes is not None and size > max_bytes:  # refuse before reading it all
                    raise _too_large(name, max_bytes)
                raw = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
        except OSError as exc:
            reason = "is a directory, not a file" if isinstance(exc, IsADirectoryError) else None
            raise _file_error("read", name, exc, reason) from exc
        _check_size(raw, name, max_bytes)
        return decode_text(raw, name), name, True
    name = str(getattr(file, "name", "<file>"))
    try:
        data = _read_limited(file, name, max_bytes)
    except UnicodeDecodeError as exc:
        encoding = getattr(file, "encoding", "?")
        raise TurbineDecodeError(
            f"the file, open as text in encoding {encoding!r}, cannot be decoded ({exc.reason} "
            f"at byte {exc.start}): open it in binary mode, or with encoding='utf-8'",
            code="invalid-utf8",
            source=name,
        ) from exc
    except OSError as exc:  # io.UnsupportedOperation too: a file not open for reading
        raise _file_error("read", name, exc, exc.strerror or "not open for reading") from exc
    except ValueError as exc:  # for example, a closed file
        raise TurbineFileError(f"cannot read: {exc}", filename=name) from exc
    if isinstance(data, str):
        return data, name, False
    return decode_text(data, name), name, True


def _path_name(path: str | bytes | os.PathLike[str], action: str) -> str:
    """The path as text, refusing the ones no file can have."""
    name = os.fsdecode(path)
    if not name:
        raise TurbineFileError(f"cannot {action}: the path is empty", filename=name)
    if "\x00" in name:
        raise TurbineFileError(
            f"cannot {action}: the path holds a NUL character", filename=name.replace("\x00", "\\0")
        )
    return name


def _read_limited(handle: Readable, name: str, max_bytes: int | None) -> str | bytes:
    data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    _check_size(data, name, max_bytes)
    return data


def _check_size(data: str | bytes, name: str, max_bytes: int | None) -> None:
    if max_bytes is not None and len(data) > max_bytes:
        raise _too_large(name, max_bytes)


def _too_large(source: str, max_bytes: int) -> TurbineDecodeError:
    return TurbineDecodeError(
        f"the document is larger than {max_bytes:,} bytes; pass max_bytes=None (or a larger "
        "limit) to read it anyway",
        code="too-large",
        source=source,
    )


def _file_error(
    action: str, name: str, exc: OSError, reason: str | None = None
) -> TurbineFileError:
    return TurbineFileError(
        f"cannot {action}: {reason or exc.strerror or exc}", filename=name, errno=exc.errno
    )


def load_json(file: PathOrFile, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Any:
    """Read strict JSON data from a path or an open file, without validating it as a strategy.

    Raises:
        TurbineFileError: The file cannot be read.
        TurbineDecodeError: It is not UTF-8 JSON, or it is larger than *max_bytes*.
        TurbineValidationError: The JSON has duplicate keys, non-finite numbers or lone
            surrogates.
    """
    text, name, from_utf8 = _read_text(file, max_bytes)
    return parse_json(text, name, from_utf8=from_utf8)


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
        text, name, from_utf8 = _read_text(file, max_bytes)
        data, decoded = parse_json_problems(text, name, from_utf8=from_utf8)
    except TurbineDecodeError as exc:
        return ValidationReport([exc.problem])
    return _validation.validate_json(data, decoded)


def loads(
    document: str | bytes | bytearray | memoryview,
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
    if isinstance(document, memoryview):
        document = document.tobytes()
    if max_bytes is not None and len(document) > max_bytes:
        raise _too_large(source, max_bytes)
    from_utf8 = not isinstance(document, str)
    text = document if isinstance(document, str) else decode_text(document, source)
    return _build(text, source, from_utf8=from_utf8, strict=strict)


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
    text, name, from_utf8 = _read_text(file, max_bytes)
    return _build(text, name, from_utf8=from_utf8, strict=strict)


def _build(text: str, source: str, *, from_utf8: bool, strict: bool) -> Strategy:
    data, decoded = parse_json_problems(text, source, from_utf8=from_utf8)
    report = _validation.validate_json(data, decoded)
    report.raise_for_errors(source=source)
    if report.warnings:
        if strict:
            as_errors = [
                Problem(
                    location=p.location, code=p.code, severity=Severity.ERROR, message=p.message
                )
                for p in report
            ]
            raise TurbineValidationError(ValidationReport(as_errors), source=source)
        warnings.warn(TurbineWarning(report, source), stacklevel=3)
    return structure(data, Strategy)


# -- writing -----------------------------------------------------------------------------------


def dumps(strategy: Strategy, *, indent: int | None = 2, validate: bool = True) -> str:
    """The JSON document of a strategy, as text (UTF-8 characters are written as they are).

    Args:
        strategy: The strategy.
        indent: Spaces per level of indentation; ``None`` writes one compact line.
        validate: Refuse to write an invalid strategy (on by default, so that what turbine
            writes it can read back).

    Raises:
        TurbineValidationError: The strategy is invalid (dangling references, duplicate ids...),
            or holds a text that UTF-8 cannot encode (checked even without *validate*).
        TypeError: *strategy* is not a :class:`~turbine.Strategy` made of model values.
    """
    data = unstructure_strategy(strategy)
    source = f"strategy {_quoted(strategy.id)}"
    if validate:
        # Not validate(): its look for what JSON cannot hold is the serialisation just below.
        _validation.validate_json(data).raise_for_errors(source=source)
    try:
        text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:  # an integer too large to write, or a non-finite float
        text = ""
    if not text or lone_surrogate_in(text):
        # Checked even when not validating: no JSON text, or no UTF-8 file, can hold these.
        problems = find_unwritable(data) or [_not_finite_problem()]
        raise TurbineValidationError(ValidationReport(problems), source=source)
    return text + "\n"


def _quoted(value: object) -> str:
    # repr() of an id, but a Python object where a text should be must not break the message.
    return repr(value) if isinstance(value, str) else brief(value)


def _not_finite_problem() -> Problem:
    return Problem(
        location=(),
        code="non-finite-number",
        severity=Severity.ERROR,
        message="the strategy holds NaN or an infinite number, which JSON cannot write",
    )


def dump(
    strategy: Strategy,
    file: str | bytes | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    indent: int | None = 2,
    validate: bool = True,
) -> None:
    """Write the JSON document of a strategy to a path (atomically) or an open file.

    A path is written through a temporary file in the same directory, flushed to disk and then
    renamed over the target: a crash leaves either the old file or the new one, never half of one.
    An existing file keeps its permissions; a symbolic link keeps pointing to the file it names,
    which is the one replaced.

    Args:
        strategy: The strategy.
        file: A path, or a file open for writing (binary, or text in an encoding that can hold
            the document, such as UTF-8).
        indent: Spaces per level of indentation; ``None`` writes one compact line.
        validate: Refuse to write an invalid strategy (on by default).

    Raises:
        TurbineValidationError: The strategy is invalid (nothing is written).
        TurbineFileError: The file cannot be written.
        TypeError: *strategy* is not a :class:`~turbine.Strategy` made of model values.
    """
    text = dumps(strategy, indent=indent, validate=validate)
    if isinstance(file, (str, bytes, os.PathLike)):
        write_atomic(file, text.encode("utf-8"))
        return
    name = str(getattr(file, "name", "<file>"))
    try:
        try:
            file.write(text)  # type: ignore[call-overload]
        except TypeError:  # a binary file: it refused str before writing anything
            file.write(text.encode("utf-8"))  # type: ignore[arg-type]
    except OSError as exc:
        raise _file_error("write", name, exc) from exc
    except UnicodeEncodeError as exc:
        encoding = getattr(file, "encoding", "?")
        raise TurbineFileError(
            f"cannot write: the file is open with encoding {encoding!r}, which cannot hold "
            "this document; open it with encoding='utf-8', or in binary mode",
            filename=name,
        ) from exc
    except ValueError as exc:  # for example, a closed file
        raise TurbineFileError(f"cannot write: {exc}", filename=name) from exc


def write_atomic(path: str | bytes | os.PathLike[str], data: bytes) -> None:
    """Replace *path* with *data* so that no reader or crash ever sees a partial file.

    The data goes to a new file beside the target, is flushed to disk and renamed over it, as
    editors do: a new file gets the permissions the umask gives, an existing one keeps its
    permission bits (the new file never has more while it is written), and a symbolic link keeps
    pointing to the file it names, which is the one replaced. As with any such rename, hard links
    to the old file keep the old content, and the new file belongs to whoever writes it.

    Raises:
        TurbineFileError: The file cannot be written.
    """
    write_atomic_all([(path, data)])


def write_atomic_all(files: Sequence[tuple[str | bytes | os.PathLike[str], bytes]]) -> None:
    """Replace several files, each as :func:`write_atomic` does, all or (nearly) none.

    Every file's data is written and flushed beside its target first; only when all are
    written are they renamed over their targets, one after the other. A file that cannot be
    written (a directory in the way, a full disk, no permission) leaves every target as it
    was. Only a rename can still fail midway, which needs the directory to change under us.

    Raises:
        TurbineFileError: A file cannot be written; its name is the error's.
    """
    prepared: list[tuple[str, Path, Path]] = []
    try:
        for path, data in files:
            prepared.append(_write_beside(path, data))
        while prepared:
            name, temporary, target = prepared[0]
            try:
                temporary.replace(target)
            except OSError as exc:
                raise _file_error("write", name, exc) from exc
            prepared.pop(0)
            _fsync_directory(target.parent)
    finally:
        for _, temporary, _ in prepared:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _write_beside(path: str | bytes | os.PathLike[str], data: bytes) -> tuple[str, Path, Path]:
    """Write *data* to a new temporary file beside *path*'s target: (name, temporary, target)."""
    name = _path_name(path, "write")
    target = Path(os.path.realpath(name))
    if not target.name or target.is_dir():
        raise TurbineFileError("cannot write: is a directory", filename=name, errno=errno.EISDIR)
    try:
        mode: int | None = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None  # let the umask decide, as for any new file
    except OSError as exc:
        raise _file_error("write", name, exc) from exc
    # Short, so that a long target name still leaves room for it within the name length limit.
    temporary = target.with_name(f".{target.name[:32]}.{secrets.token_hex(4)}.tmp")
    created = False
    try:
        # O_EXCL: never write through a file (or link) someone else put there. Created no more
        # open than the target, and set to its exact mode before any data is in it.
        fd = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode & 0o600
        )
        created = True
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        if created:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise _file_error("write", name, exc) from exc
    return name, temporary, target


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
