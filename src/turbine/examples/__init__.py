"""Bundled strategies: the Artois Turbine from the seed document, and synthetic ones of any size.

>>> import turbine.examples
>>> turbine.examples.names()
('artois',)
>>> strategy = turbine.examples.load("artois")
>>> strategy.territory.name
"Pôle métropolitain de l'Artois"
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from turbine.errors import ExampleNotFoundError
from turbine.examples._synthetic import synthetic

if TYPE_CHECKING:
    from turbine.model import Strategy

__all__ = ["load", "names", "synthetic", "text"]

_FILES = {"artois": "artois.json"}


def names() -> tuple[str, ...]:
    """The names of the bundled examples."""
    return tuple(_FILES)


def text(name: str) -> str:
    """The JSON document of a bundled example, as its file holds it.

    Raises:
        ExampleNotFoundError: No example has that name.
    """
    try:
        filename = _FILES[name]
    except KeyError:
        raise ExampleNotFoundError(name, names()) from None
    return resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")


def load(name: str) -> Strategy:
    """A bundled example, validated and loaded.

    Raises:
        ExampleNotFoundError: No example has that name.
    """
    from turbine.io import loads  # noqa: PLC0415 - examples are imported before io is needed

    return loads(text(name), source=f"example {name!r}")
