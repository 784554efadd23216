"""The checks JSON Schema cannot express: unique ids, references that resolve, consistency.

They run on the JSON data itself (before it becomes model values), so they report JSON paths, and
they tolerate data that also breaks the schema: a document with a wrong type in one place still
has its dangling references reported everywhere else, in the same report.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import TYPE_CHECKING, Any

from turbine._util import HUGE_INT_BITS, Location, is_array, is_object
from turbine.report import Problem, Severity, format_path
from turbine.vocabulary import ROLES

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = ["iter_check_problems"]

# The kinds of entity whose ids must be unique, each among its own kind.
_KINDS = ("axis", "objective", "meta-action", "action", "actor", "typology")


_KNOWN_ROLES = frozenset(ROLES)
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")

# Suggestions compare a name with every declared id of its kind: worth it for a few typos, not for
# thousands of dangling references or of declared ids. Each distinct name is compared once.
_MAX_HINTS = 20
_MAX_CANDIDATES = 1_000
_MAX_HINTED_LENGTH = 64


def _items(container: Any, key: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The objects of ``container[key]`` with their indices, skipping malformed entries."""
    if not is_object(container):
        return []
    values = container.get(key)
    if not is_array(values):
        return []
    return [(i, value) for i, value in enumerate(values) if is_object(value)]


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _code(value: Any) -> int | None:
    """A service level code: JSON Schema counts 2.0 as the integer 2, and so do we."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and value.bit_length() <= HUGE_INT_BITS:
        return value
    return None  # not a code, or a number the schema and validate() report as such


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, Location]] = {kind: {} for kind in _KINDS}
        self.hints: dict[tuple[str, str], str] = {}

    def hint(self, kind: str, name: str, known: Mapping[str, Any]) -> str:
        """`` (did you mean 'x'?)`` for a name close to a known one of that kind, or nothing."""
        key = (kind, name)
        if key not in self.hints:
            if (
                len(self.hints) >= _MAX_HINTS
                or len(known) > _MAX_CANDIDATES
                or len(name) > _MAX_HINTED_LENGTH
            ):
                return ""
            close = difflib.get_close_matches(name, list(known), n=1)
            self.hints[key] = f" (did you mean {close[0]!r}?)" if close else ""
        return self.hints[key]

    def error(self, location: Location, code: str, message: str) -> None:
        self.problems.append(
            Problem(location=location, code=code, severity=Severity.ERROR, message=message)
        )

    def warning(self, location: Location, code: str, message: str) -> None:
        self.problems.append(
            Problem(location=location, code=code, severity=Severity.WARNING, message=message)
        )

    def declare(self, kind: str, entity: Mapping[str, Any], location: Location) -> str | None:
        """Record an entity's id; report it if another entity of its kind has it already."""
        ident = _str(entity.get("id"))
        if ident is None:
            return None
        seen = self.ids[kind]
        first = seen.get(ident)
        if first is None:
            seen[ident] = location
        else:
            self.error(
                (*location, "id"),
                "duplicate-id",
                f"the {kind} id {ident!r} is already used at {format_path(first)}; "
                f"each {kind} needs an id of its own",
            )
        return ident


def iter_check_problems(data: Mapping[str, Any]) -> Iterator[Problem]:
    """Yield every problem of *data* that its JSON Schema cannot see."""
    checker = _Checker()
    typologies = _declare_typologies(checker, data)
    levels = _declare_levels(checker, data)
    actors = _check_actors(checker, data, typologies)
    _check_provenance(checker, data)

    structure = _Structure(checker, typologies, levels, actors)
    for i, axis in _items(data, "axes"):
        location: Location = ("axes", i)
        checker.declare("axis", axis, location)
        if "objectives" not in axis:
            checker.warning(
                location, "empty-axis", "this axis has no objectives: nothing will be shown for it"
            )
        for j, objective in _items(axis, "objectives"):
            structure.objective(objective, (*location, "objectives", j))
    for j, objective in _items(data, "objectives"):
        structure.objective(objective, ("objectives", j))
    yield from checker.problems


def _declare_typologies(checker: _Checker, data: Mapping[str, Any]) -> dict[str, Any]:
    for i, typology in _items(data, "typologies"):
        checker.declare("typology", typology, ("typologies", i))
    return checker.ids["typology"]


def _declare_levels(checker: _Checker, data: Mapping[str, Any]) -> dict[int, Location]:
    levels: dict[int, Location] = {}
    for i, level in _items(data, "service_levels"):
        code = _code(level.get("code"))
        if code is None:
            continue
        if code in levels:
            checker.error(
                ("service_levels", i, "code"),
                "duplicate-level",
                f"the service level code {code} is already used at {format_path(levels[code])}",
            )
        else:
            levels[code] = ("service_levels", i)
    return levels


def _check_actors(
    checker: _Checker, data: Mapping[str, Any], typologies: Mapping[str, Any]
) -> dict[str, Any]:
    for i, actor in _items(data, "actors"):
        checker.declare("actor", actor, ("actors", i))
        typology = _str(actor.get("typology"))
        if typology is not None and typology not in typologies:
            checker.error(
                ("actors", i, "typology"),
                "unknown-typology",
                f"no typology {typology!r} is declared in $.typologies"
                f"{checker.hint('typology', typology, typologies)}",
            )
    return checker.ids["actor"]


def _check_provenance(checker: _Checker, data: Mapping[str, Any]) -> None:
    provenance = data.get("provenance")
    date = _str(provenance.get("date")) if is_object(provenance) else None
    if date is None or not _DATE.fullmatch(date):
        return  # the schema reports dates that are not written YYYY, YYYY-MM or YYYY-MM-DD
    parts = date.split("-")
    try:
        numbers = [int(part) for part in parts]
        # A partial date names its first day; what matters is that the month and day exist.
        dt.date(numbers[0], *[*numbers[1:], 1, 1][:2])
    except ValueError:
        checker.error(
            ("provenance", "date"), "invalid-date", f"{date!r} is not a date of the calendar"
        )


class _Structure:
    """Checks the objective > meta-action > action tree against the declarations."""

    def __init__(
        self,
        checker: _Checker,
        typologies: Mapping[str, Any],
        levels: Mapping[int, Any],
        actors: Mapping[str, Any],
    ) -> None:
        self.checker = checker
        self.typologies = typologies
        self.levels = levels
        self.actors = actors

    def objective(self, objective: Mapping[str, Any], location: Location) -> None:
        self.checker.declare("objective", objective, location)
        if "meta_actions" not in objective:
            self.checker.warning(
                location,
                "empty-objective",
                "this objective has no meta-actions: its matrix will be empty",
            )
        for k, meta_action in _items(objective, "meta_actions"):
            self.meta_action(meta_action, (*location, "meta_actions", k))

    def meta_action(self, meta_action: Mapping[str, Any], location: Location) -> None:
        checker = self.checker
        checker.declare("meta-action", meta_action, location)
        # When the meta-action's typologies are malformed (the schema says so), there is nothing
        # to compare its actions' typologies with.
        carried = (
            {ref for _, ref in self.typology_refs(meta_action, location)}
            if is_array(meta_action.get("typologies"))
            else None
        )
        self.level_ref(meta_action, location)
        if "actions" not in meta_action:
            checker.warning(
                location,
                "empty-meta-action",
                "this meta-action has no actions: say what will be done, or remove it",
            )
        for n, action in _items(meta_action, "actions"):
            action_location = (*location, "actions", n)
            checker.declare("action", action, action_location)
            self.level_ref(action, action_location)
            own = self.typology_refs(action, action_location)
            for i, typology in own:
                if carried is not None and typology not in carried and typology in self.typologies:
                    checker.warning(
                        (*action_location, "typologies", i),
                        "typology-outside-meta-action",
                        f"the typology {typology!r} carries this action but not its "
                        "meta-action: add it to the meta-action's typologies, or check the "
                        "action's",
                    )
            self.involvements(action, action_location)

    def typology_refs(self, entity: Mapping[str, Any], location: Location) -> list[tuple[int, str]]:
        refs = entity.get("typologies")
        if not is_array(refs):
            return []
        found = []
        for i, ref in enumerate(refs):
            if not isinstance(ref, str):
                continue
            found.append((i, ref))
            if ref not in self.typologies:
                self.checker.error(
                    (*location, "typologies", i),
                    "unknown-typology",
                    f"no typology {ref!r} is declared in $.typologies"
                    f"{self.checker.hint('typology', ref, self.typologies)}",
                )
        return found

    def level_ref(self, entity: Mapping[str, Any], location: Location) -> None:
        code = _code(entity.get("level"))
        if code is not None and code not in self.levels:
            known = ", ".join(map(str, self.levels)) or "none"
            self.checker.error(
                (*location, "level"),
                "unknown-level",
                f"no service level with code {code} is declared in $.service_levels "
                f"(declared: {known})",
            )

    def involvements(self, action: Mapping[str, Any], location: Location) -> None:
        # The hottest loop of validation (one pass per involvement): places are only built for
        # the problems found.
        checker = self.checker
        actors = self.actors
        seen: set[tuple[str, str]] = set()
        for i, involvement in _items(action, "actors"):
            actor = _str(involvement.get("actor"))
            role = _str(involvement.get("role"))
            if actor is not None and actor not in actors:
                checker.error(
                    (*location, "actors", i, "actor"),
                    "unknown-actor",
                    f"no actor {actor!r} is declared in $.actors"
                    f"{checker.hint('actor', actor, self.actors)}",
                )
            if role is not None and role not in _KNOWN_ROLES:
                checker.warning(
                    (*location, "actors", i, "role"),
                    "unknown-role",
                    f"{role!r} is not one of the known roles ({', '.join(ROLES)})"
                    f"{checker.hint('role', role, ROLES)}; keep it only if it is meant",
                )
            if actor is not None and role is not None:
                if (actor, role) in seen:
                    checker.warning(
                        (*location, "actors", i),
                        "duplicate-involvement",
                        f"the actor {actor!r} is already involved in this action as {role!r}",
                    )
                seen.add((actor, role))
