"""The renderer protocol and the registry that finds renderers by name."""

from __future__ import annotations

import functools
import inspect
import os
import sys
import warnings
from importlib import metadata
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, runtime_checkable

from turbine.errors import RendererNotFoundError, RenderError
from turbine.io import TurbineWarning

if TYPE_CHECKING:
    import types
    from collections.abc import Callable, Iterator

    from turbine.model import Axis, Objective, Strategy

__all__ = [
    "ENTRY_POINT_GROUP",
    "Renderable",
    "Renderer",
    "RendererRegistry",
    "RendererWarning",
    "call_with_options",
    "default_for_suffix",
    "suffix_of",
]

ENTRY_POINT_GROUP = "turbine.renderers"
"""The entry-point group where packages declare their renderers."""

Renderable: TypeAlias = "Strategy | Axis | Objective"
"""What renderers take: a strategy, an axis or an objective."""


@runtime_checkable
class Renderer(Protocol):
    """What a renderer is: a named object that turns model values into text, figures or files.

    A renderer is stateless and configured per call: every option is a keyword argument of
    :meth:`render` and :meth:`write`. It refuses options it does not know, and values it does
    not take, with a :class:`~turbine.errors.RenderError`.

    Attributes:
        name: The name it is registered under, e.g. ``"matrix"``.
        description: One line saying what it draws, shown by ``turbine render --list``.
        accepts: The model classes it renders, among :class:`~turbine.Strategy`,
            :class:`~turbine.Axis` and :class:`~turbine.Objective`.
        returns: What :meth:`render` returns: ``"text"`` for a :class:`str` (the command line
            prints it), otherwise a short name such as ``"figure"``.
        suffixes: The file suffixes :meth:`write` can produce, with their dot (``".png"``).
    """

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def accepts(self) -> tuple[type, ...]: ...

    @property
    def returns(self) -> str: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    def render(self, obj: Renderable, /, **options: Any) -> Any:
        """Render *obj* and return the result (a :class:`str`, a figure...)."""
        ...

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        """Render *obj* to the file *path*, whose suffix says the format; atomically."""
        ...


class RendererWarning(TurbineWarning):
    """A renderer plugin could not be loaded; the other renderers still work.

    Attributes:
        name: The name of the renderer that failed.
    """

    def __init__(self, message: str, *, name: str) -> None:
        Warning.__init__(self, message)
        self.name = name

    def __str__(self) -> str:
        return str(self.args[0])


class RendererRegistry:
    """Renderers by name: those declared as entry points, and those registered explicitly.

    The entry-point group is read the first time a renderer is looked up, and each plugin is
    imported the first time it is used. A plugin that fails to import, or whose object is not a
    :class:`Renderer`, is reported by a :class:`RendererWarning` naming it, and left out: the
    others keep working. A renderer registered explicitly hides an entry point of the same name.
    """

    def __init__(self, group: str = ENTRY_POINT_GROUP) -> None:
        self.group = group
        self._registered: dict[str, Renderer] = {}
        self._entry_points: dict[str, metadata.EntryPoint] | None = None
        self._loaded: dict[str, Renderer] = {}
        self._failed: set[str] = set()

    def register(self, name: str, renderer: Renderer) -> Renderer:
        """Make *renderer* available under *name*, replacing any renderer of that name.

        A class is instantiated with no arguments. Returns the renderer registered.

        Raises:
            TypeError: *renderer* is not a :class:`Renderer`, or *name* is not a string.
        """
        if not isinstance(name, str) or not name:  # type: ignore[redundant-expr]
            raise TypeError(f"a renderer's name must be a non-empty str, got {name!r}")
        instance: Renderer = _instantiate(renderer)
        problem = _not_a_renderer(instance)
        if problem:
            raise TypeError(f"{renderer!r} is not a turbine renderer: {problem}")
        self._registered[name] = instance
        return instance

    def unregister(self, name: str) -> None:
        """Forget the renderer registered under *name* (an entry point of that name reappears).

        Raises:
            RendererNotFoundError: No renderer was registered under *name*.
        """
        # Any name a caller passes gets a RendererNotFoundError, even one that is not hashable.
        if not isinstance(name, str) or name not in self._registered:  # type: ignore[redundant-expr]
            raise RendererNotFoundError(name, sorted(self._registered))
        del self._registered[name]

    def get(self, name: str) -> Renderer:
        """The renderer named *name*.

        Raises:
            RendererNotFoundError: There is none; the error lists the names that exist.
        """
        # Any name a caller passes gets a RendererNotFoundError, even one that is not a str (nor
        # hashable: a list would make the lookups below raise TypeError).
        if not isinstance(name, str):
            raise RendererNotFoundError(name, self.names())
        if name in self._registered:
            return self._registered[name]
        if name in self._loaded:
            return self._loaded[name]
        point = self._points().get(name)
        renderer = None if point is None else self._load(name, point)
        if renderer is None:
            raise RendererNotFoundError(name, self.names())
        return renderer

    def names(self) -> tuple[str, ...]:
        """The names of every renderer, sorted, importing each plugin to check that it loads."""
        for name, point in self._points().items():
            if name not in self._registered and name not in self._loaded:
                self._load(name, point)
        return tuple(sorted({*self._registered, *self._loaded}))

    def __iter__(self) -> Iterator[Renderer]:
        """Every renderer, sorted by name."""
        return (self.get(name) for name in self.names())

    def __contains__(self, name: object) -> bool:
        return name in self.names()

    def _points(self) -> dict[str, metadata.EntryPoint]:
        if self._entry_points is None:
            found: dict[str, metadata.EntryPoint] = {}
            for point in metadata.entry_points(group=self.group):
                first = found.setdefault(point.name, point)
                if first is not point and first.value != point.value:
                    # turbine's own names stay turbine's, wherever the other package sits on
                    # sys.path: use register() to replace one on purpose.
                    kept = point if _is_turbines(point) and not _is_turbines(first) else first
                    found[point.name] = kept
                    _warn(
                        RendererWarning(
                            f"two packages declare a renderer named {point.name!r} "
                            f"({_origin(first)} and {_origin(point)}); using "
                            f"{_origin(kept)}",
                            name=point.name,
                        )
                    )
            self._entry_points = found
        return self._entry_points

    def _load(self, name: str, point: metadata.EntryPoint) -> Renderer | None:
        if name in self._failed:
            return None
        try:
            instance: Renderer = _instantiate(point.load())
            # Inside the try: a member may be a property that raises.
            wrong = _not_a_renderer(instance)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not break the others
            problem = f"failed to load: {type(exc).__name__}: {exc}"
        else:
            if not wrong:
                self._loaded[name] = instance
                return instance
            problem = f"is not a turbine renderer: {wrong}"
        self._failed.add(name)
        _warn(
            RendererWarning(
                f"renderer plugin {name!r} ({_origin(point)}) {problem}; "
                "the other renderers still work",
                name=name,
            )
        )
        return None


def _warn(warning: Warning) -> None:
    """Issue *warning* at the first caller outside turbine, however deep the lookup was.

    A registry is reached from many places (get, names, iteration, write's choice of a renderer
    by suffix), so no fixed stack level names the user's line.
    """
    frame = sys._getframe(0)  # noqa: SLF001 - the documented way to walk the stack cheaply
    level = 1
    while frame.f_back is not None and _is_ours(frame):
        frame = frame.f_back
        level += 1
    warnings.warn(warning, stacklevel=level)


def _is_ours(frame: types.FrameType) -> bool:
    module = frame.f_globals.get("__name__")
    return isinstance(module, str) and module.partition(".")[0] == "turbine"


def _is_turbines(point: metadata.EntryPoint) -> bool:
    dist = getattr(point, "dist", None)
    return dist is not None and dist.name == "turbine"


def _origin(point: metadata.EntryPoint) -> str:
    dist = getattr(point, "dist", None)
    where = f" in {dist.name} {dist.version}" if dist is not None else ""
    return f"{point.value}{where}"


def _instantiate(obj: Any) -> Any:
    return obj() if isinstance(obj, type) else obj


_MEMBERS = ("name", "description", "accepts", "returns", "suffixes", "render", "write")


def _not_a_renderer(obj: object) -> str:
    """Why *obj* is not a :class:`Renderer` (its members and their types), or ``""``."""
    missing = [member for member in _MEMBERS if not hasattr(obj, member)]
    if missing:
        return f"it has no {', '.join(missing)}"
    problems = [
        f"its {member} is not a text: {getattr(obj, member)!r}"
        for member in ("name", "description", "returns")
        if not isinstance(getattr(obj, member), str)
    ]
    accepts = getattr(obj, "accepts")  # noqa: B009 - obj is any object
    if not (isinstance(accepts, tuple) and all(isinstance(kind, type) for kind in accepts)):
        problems.append(f"its accepts is not a tuple of classes: {accepts!r}")
    suffixes = getattr(obj, "suffixes")  # noqa: B009
    if not (
        isinstance(suffixes, tuple | list)
        and all(isinstance(suffix, str) and suffix.startswith(".") for suffix in suffixes)
    ):
        problems.append(f"its suffixes are not a tuple of suffixes such as ('.csv',): {suffixes!r}")
    problems += [
        f"its {member} is not callable"
        for member in ("render", "write")
        if not callable(getattr(obj, member))
    ]
    return "; ".join(problems)


def suffix_of(path: str | os.PathLike[str]) -> str:
    """The lower-case suffix of *path*, with its dot (``""`` if it has none)."""
    return os.path.splitext(os.fspath(path))[1].lower()  # noqa: PTH122 - str or PathLike


# The renderer a file suffix means when none is named: turbine's own, so that a plugin that also
# writes PNG does not change what `turbine render -o out.png` does.
_DEFAULT_BY_SUFFIX = {
    ".png": "matrix",
    ".svg": "matrix",
    ".pdf": "matrix",
    ".txt": "text",
    ".md": "markdown",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}


def default_for_suffix(registry: RendererRegistry, path: str | os.PathLike[str]) -> Renderer:
    """The renderer that writes files with *path*'s suffix when none is named.

    turbine's own renderer for the suffix if there is one, else the only renderer that declares
    the suffix.

    Raises:
        RenderError: No renderer, or several, write that suffix.
    """
    suffix = suffix_of(path)
    default = _DEFAULT_BY_SUFFIX.get(suffix)
    if default is not None:
        try:
            return registry.get(default)
        except RendererNotFoundError:
            pass  # turbine's own is gone (unregistered, or broken): any other will do
    # By the names they are registered under, which may not be their own: those name them.
    found = [(name, registry.get(name)) for name in registry.names()]
    candidates = [(name, renderer) for name, renderer in found if suffix in renderer.suffixes]
    if len(candidates) == 1:
        return candidates[0][1]
    if candidates:
        names = ", ".join(name for name, _ in candidates)
        raise RenderError(
            f"several renderers write {suffix!r} files ({names}): name one",
            renderer=None,
            path=os.fspath(path),
        )
    raise RenderError(
        f"no renderer writes {suffix or 'suffix-less'!r} files; name one, or use one of "
        f"{', '.join(sorted({s for _, r in found for s in r.suffixes}))}",
        renderer=None,
        path=os.fspath(path),
    )


@functools.cache
def _keyword_parameters(function: Callable[..., Any]) -> tuple[frozenset[str], bool]:
    parameters = inspect.signature(function).parameters.values()
    names = frozenset(p.name for p in parameters if p.kind is p.KEYWORD_ONLY)
    takes_any = any(p.kind is p.VAR_KEYWORD for p in parameters)
    return names, takes_any


def call_with_options(
    renderer: str, function: Callable[..., Any], *args: Any, **options: Any
) -> Any:
    """Call *function* with *options*, refusing names it does not take with a RenderError.

    Renderers take their options as ``**options`` (the protocol's signature) and pass them to a
    typed function; this turns a misspelt option into an error that names the renderer and the
    options it has, rather than a :class:`TypeError` from deep inside.
    """
    names, takes_any = _keyword_parameters(function)
    unknown = sorted(set(options) - names)
    if unknown and not takes_any:
        raise RenderError(
            f"no option {unknown[0]!r}; its options are {', '.join(sorted(names)) or 'none'}",
            renderer=renderer,
            option=unknown[0],
        )
    return function(*args, **options)
