"""turbine: model, validate, analyse and render territorial transition strategies.

The public API is what this module exports (``__all__``); anything else, including modules whose
name starts with an underscore, may change without notice.

>>> import turbine
>>> strategy = turbine.examples.load("artois")
>>> strategy.counts().meta_actions
5
>>> turbine.loads(turbine.dumps(strategy)) == strategy
True
"""

from __future__ import annotations

from typing import Any

from turbine import examples, renderers, vocabulary
from turbine.errors import (
    ExampleNotFoundError,
    RendererNotFoundError,
    RenderError,
    TurbineDecodeError,
    TurbineError,
    TurbineFileError,
    TurbineValidationError,
    UnknownIdError,
)
from turbine.io import TurbineWarning, dump, dumps, load, loads
from turbine.model import (
    FORMAT_VERSION,
    Action,
    ActionContext,
    Actor,
    ActorTypology,
    Axis,
    Counts,
    Identifier,
    Involvement,
    LocalizedText,
    MetaAction,
    Objective,
    Provenance,
    ServiceLevel,
    ServiceLevelCriteria,
    Strategy,
    Territory,
)
from turbine.renderers import plot_matrix, plot_network, render
from turbine.report import Problem, Severity, ValidationReport
from turbine.validation import validate
from turbine.vocabulary import SERVICE_LEVELS, TYPOLOGIES

__all__ = [
    "FORMAT_VERSION",
    "SERVICE_LEVELS",
    "TYPOLOGIES",
    "Action",
    "ActionContext",
    "Actor",
    "ActorTypology",
    "Axis",
    "Counts",
    "ExampleNotFoundError",
    "Identifier",
    "Involvement",
    "LocalizedText",
    "MetaAction",
    "Objective",
    "Problem",
    "Provenance",
    "RenderError",
    "RendererNotFoundError",
    "ServiceLevel",
    "ServiceLevelCriteria",
    "Severity",
    "Strategy",
    "Territory",
    "TurbineDecodeError",
    "TurbineError",
    "TurbineFileError",
    "TurbineValidationError",
    "TurbineWarning",
    "UnknownIdError",
    "ValidationReport",
    "__version__",
    "dump",
    "dumps",
    "examples",
    "load",
    "loads",
    "plot_matrix",
    "plot_network",
    "render",
    "renderers",
    "validate",
    "vocabulary",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked

        return version("turbine")
    raise AttributeError(f"module 'turbine' has no attribute {name!r}")
