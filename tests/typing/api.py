"""Public API usage that only mypy checks: if these lines stop type-checking, the API broke."""

from __future__ import annotations

import io
from pathlib import Path

import turbine
from turbine import examples, vocabulary


def use_the_api(path: Path) -> None:
    """Never called: mypy reads it."""
    strategy: turbine.Strategy = turbine.load(path)
    strategy = turbine.loads(b"{}", strict=True)
    strategy = turbine.loads("{}", source="x")
    text: str = turbine.dumps(strategy, indent=None, validate=False)
    turbine.dump(strategy, path)
    turbine.dump(strategy, io.StringIO())
    report: turbine.ValidationReport = turbine.validate({"format_version": "1.0"})
    report = turbine.validate(strategy)
    ok: bool = report.ok
    problems: tuple[turbine.Problem, ...] = report.errors + report.warnings
    first: turbine.Problem = report[0]
    where: str = first.path
    severity: turbine.Severity = first.severity
    action: turbine.Action = strategy.action("a")
    level: turbine.ServiceLevel = strategy.effective_level(action)
    typologies: tuple[turbine.ActorTypology, ...] = strategy.effective_typologies("a")
    for context in strategy.iter_actions():
        meta: turbine.MetaAction = context.meta_action
        axis: turbine.Axis | None = context.axis
        code: int = context.level
    counts: turbine.Counts = strategy.counts()
    label: str = vocabulary.LEVEL_1.label.text("en")
    synthetic: turbine.Strategy = examples.synthetic(n_actions=10, seed=1)
    names: tuple[str, ...] = examples.names()
    text = turbine.__version__
    try:
        turbine.examples.load("x")
    except turbine.TurbineError as error:
        message: str = str(error)
    del ok, problems, where, severity, level, typologies, meta, axis, code, counts, label
    del synthetic, names, text, message
