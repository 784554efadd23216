"""Problem records: what :func:`turbine.validate` finds, each located by its JSON path."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from attrs import field, frozen

from turbine._util import UNSAFE_CATEGORIES, as_tuple
from turbine.errors import TurbineValidationError

__all__ = ["Problem", "Severity", "ValidationReport", "format_path"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def format_path(location: Iterable[str | int]) -> str:
    r"""Write a location as a JSON path: ``$.objectives[0].meta_actions[2]``.

    Other keys are quoted and escaped as in RFC 9535's normalized paths, so that a path never
    holds a line break or another control character, whatever the document's keys.

    >>> format_path(["objectives", 0, "title"])
    '$.objectives[0].title'
    >>> print(format_path(["odd key", 1, "l'\n"]))
    $['odd key'][1]['l\'\n']
    """
    parts = ["$"]
    for step in location:
        if isinstance(step, int) and not isinstance(step, bool):
            parts.append(f"[{step}]")
        elif isinstance(step, str) and _NAME.match(step):
            parts.append(f".{step}")
        else:
            # A key that is not a text can only come from Python data: show its repr.
            parts.append(f"[{_quote(step if isinstance(step, str) else repr(step))}]")
    return "".join(parts)


_ESCAPES = {
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "'": "\\'",
    "\\": "\\\\",
}


def _quote(key: str) -> str:
    out = []
    for char in key:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) in UNSAFE_CATEGORIES:
            # As JSON writes it: \uXXXX, a surrogate pair beyond the first 65,536 code points.
            units = char.encode("utf-16-be", "surrogatepass")
            out.extend(
                f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}"
                for i in (0, 2)[: len(units) // 2]
            )
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


class Severity(enum.Enum):
    """How serious a problem is: errors make a document invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@frozen(kw_only=True)
class Problem:
    """One problem found in a document.

    Attributes:
        location: Where it is, as the keys and indices from the document's root.
        code: A stable code naming the kind of problem (see the validation codes page).
        severity: :attr:`Severity.ERROR` or :attr:`Severity.WARNING`.
        message: What is wrong, in words a non-programmer understands.
    """

    location: tuple[str | int, ...] = field(converter=as_tuple)
    code: str
    severity: Severity
    message: str

    @property
    def path(self) -> str:
        """The location as a JSON path, e.g. ``$.objectives[0].meta_actions[2].typologies[1]``."""
        return format_path(self.location)

    def __str__(self) -> str:
        return f"{self.path}: {self.severity} {self.code}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready data."""
        return {
            "path": self.path,
            "location": list(self.location),
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


@frozen
class ValidationReport(Sequence[Problem]):
    """Every problem found in a document, errors and warnings, in the order they were found.

    A report is a sequence of :class:`Problem`; :attr:`ok` says whether the document is valid (it
    may still have warnings).
    """

    problems: tuple[Problem, ...] = field(converter=as_tuple, default=())

    def __len__(self) -> int:
        return len(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __bool__(self) -> bool:
        # A report with only warnings is valid, an empty one too: "if report" would mislead.
        raise TypeError("a report has no truth value: use report.ok, or len(report)")

    def __getitem__(self, index: Any) -> Any:
        return self.problems[index]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the document invalid."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems worth a look that do not make the document invalid."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """``True`` when the document has no errors (it may have warnings)."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def raise_for_errors(self, *, source: str = "<string>") -> None:
        """Raise :class:`~turbine.TurbineValidationError` if the report holds any error."""
        if not self.ok:
            raise TurbineValidationError(self, source=source)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "valid": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
        }
