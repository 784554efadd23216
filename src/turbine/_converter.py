"""The one cattrs converter between model values and JSON data.

Its rule makes the correspondence exact, so that a round trip loses nothing: a field whose
default is ``None`` or ``()`` is left out of the JSON when it has that value, every other field is
always written. The schema forbids ``null`` and empty optional lists, so each valid document has
exactly one model value and back.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn

from turbine import model
from turbine.model import LocalizedText

__all__ = ["converter", "make_converter", "structure", "unstructure", "unstructure_strategy"]

_T = TypeVar("_T")

_ALWAYS_WRITTEN = object()

_MODEL_CLASSES = (
    model.ServiceLevelCriteria,
    model.ServiceLevel,
    model.ActorTypology,
    model.Identifier,
    model.Territory,
    model.Provenance,
    model.Actor,
    model.Involvement,
    model.Action,
    model.MetaAction,
    model.Objective,
    model.Axis,
    model.Strategy,
)


def configure_converter(conv: cattrs.Converter) -> None:
    """Teach *conv* turbine's model and its JSON form."""
    conv.register_structure_hook(LocalizedText, lambda value, _: LocalizedText(value))
    conv.register_unstructure_hook(LocalizedText, dict)
    for cls in _MODEL_CLASSES:
        conv.register_unstructure_hook(cls, _make_unstructure_fn(cls, conv))
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv))


def _make_unstructure_fn(cls: type[Any], conv: cattrs.Converter) -> Any:
    """An unstructure function that keeps the fields in class order.

    cattrs' generated functions write omittable fields after the others; documents read better
    (and diff better) in the order of the model.
    """
    plan = []
    for f in attrs.fields(attrs.resolve_types(cls)):
        # Left out: None where the default is None, () where it is (). Not () where the default
        # is None: for Action.typologies, () and None mean different things.
        omitted = f.default if f.default is None or f.default == () else _ALWAYS_WRITTEN
        plan.append((f.name, omitted, _hook_for(f.type, conv)))

    def unstructure(value: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, omitted, hook in plan:
            item = getattr(value, name)
            if item is None:
                if omitted is not None:
                    out[name] = None  # invalid, and validation will say so
            elif not (omitted == () and item == ()):
                out[name] = item if hook is None else hook(item)
        return out

    return unstructure


def _hook_for(field_type: Any, conv: cattrs.Converter) -> Any:
    """The hook for a field's values (``None`` for JSON scalars, written as they are)."""
    args = [a for a in typing.get_args(field_type) if a is not type(None)]
    if typing.get_origin(field_type) in (typing.Union, types.UnionType):
        (field_type,) = args
    if field_type in (str, int, bool):
        return None
    if field_type == tuple[str, ...]:
        return list
    return conv.get_unstructure_hook(field_type)


def make_converter() -> cattrs.Converter:
    """A new converter configured for turbine (tuples are written as JSON lists)."""
    conv = cattrs.Converter(unstruct_collection_overrides={tuple: list})
    configure_converter(conv)
    return conv


@functools.cache
def converter() -> cattrs.Converter:
    """The converter turbine uses, made once."""
    return make_converter()


def structure(data: Any, cls: type[_T]) -> _T:
    """Build a model value from JSON data that has passed validation."""
    return converter().structure(data, cls)


def unstructure(value: Any) -> Any:
    """JSON data for a model value."""
    return converter().unstructure(value)


def unstructure_strategy(strategy: model.Strategy) -> dict[str, Any]:
    """JSON data for a strategy, with a clear error when it is not made of model values.

    Raises:
        TypeError: *strategy* is not a :class:`~turbine.Strategy`, or holds values of the wrong
            types (say, a dict where an :class:`~turbine.Objective` should be).
    """
    if not isinstance(strategy, model.Strategy):
        raise TypeError(f"expected a turbine.Strategy, not {type(strategy).__name__}")
    try:
        data: dict[str, Any] = converter().unstructure(strategy)
    except (AttributeError, TypeError) as exc:
        raise TypeError(
            f"strategy {strategy.id!r} holds a value of the wrong type ({exc}): build it from "
            "turbine's model classes"
        ) from exc
    return data
