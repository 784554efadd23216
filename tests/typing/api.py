"""Public API usage that only mypy checks: if these lines stop type-checking, the API broke."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import turbine
from turbine import examples, vocabulary

if TYPE_CHECKING:
    from matplotlib.axes import Axes


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


def use_the_renderers(path: Path, strategy: turbine.Strategy) -> None:
    """Never called: mypy reads it. Every renderer of ours satisfies the protocol."""

    from turbine import renderers  # noqa: PLC0415
    from turbine.renderers._html import HtmlRenderer  # noqa: PLC0415
    from turbine.renderers._json import JsonRenderer  # noqa: PLC0415
    from turbine.renderers._matrix import MatrixRenderer  # noqa: PLC0415
    from turbine.renderers._network import NetworkRenderer  # noqa: PLC0415
    from turbine.renderers._text import MarkdownRenderer, SummaryRenderer, TextRenderer  # noqa: PLC0415

    ours: list[renderers.Renderer] = [
        MatrixRenderer(),
        TextRenderer(),
        MarkdownRenderer(),
        SummaryRenderer(),
        JsonRenderer(),
        HtmlRenderer(),
        NetworkRenderer(),
    ]
    found: renderers.Renderer = renderers.get("matrix")
    names: Sequence[str] = renderers.available()
    anything: object = turbine.render(strategy, "matrix", lang="en")
    renderers.write(strategy, path)
    renderers.write(strategy, path, "json", indent=None)
    ax: Axes = turbine.plot_matrix(strategy, lang="en", actions="all", palette="greys")
    network: Axes = turbine.plot_network(strategy, lang="en", weight="newman", labels=5)
    text: str = renderers.details_text(strategy, width=80)
    page: str = renderers.details_markdown(strategy, lang="en")
    html: str = renderers.matrix_html(strategy, standalone=True)
    document: str = renderers.to_json(strategy, sort_keys=True)
    table: renderers.MatrixTable = renderers.matrix_table(strategy.objectives[0])
    registry = renderers.RendererRegistry(group="my.group")
    registry.register("again", ours[0])
    try:
        renderers.get("nope")
    except turbine.RendererNotFoundError as error:
        available: tuple[str, ...] = error.available
    except turbine.RenderError as error:
        option: str | None = error.option
    del found, names, anything, ax, network, text, page, html, document, table, available, option
