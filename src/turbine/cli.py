"""The ``turbine`` command: a thin layer over the library.

Exit codes: 0 success (a valid document, perhaps with warnings), 1 an invalid document or a file
that cannot be read or written, 2 a usage error (including a rendering that cannot be done as
asked: an unknown renderer, an option it does not take, a suffix it does not write; and a graph
or report that cannot be made as asked: an option for another view or format, an unknown level
or objective, a text the format cannot hold).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import turbine
from turbine import examples, renderers
from turbine._summary import summarize
from turbine._util import escape_controls
from turbine.errors import (
    GraphError,
    RendererNotFoundError,
    RenderError,
    TurbineError,
    TurbineFileError,
    UnknownIdError,
)
from turbine.graph import WEIGHTS
from turbine.io import TurbineWarning, load, validate_file, write_atomic
from turbine.renderers import _render_with, _write_with
from turbine.renderers._registry import default_for_suffix
from turbine.report import Severity, ValidationReport
from turbine.schema import schema_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

_T = TypeVar("_T")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="turbine",
        description="Model, validate, analyse and render territorial transition strategies.",
    )
    parser.add_argument("--version", action="version", version=f"turbine {turbine.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check strategy documents and report every problem",
        description="Check strategy documents; print one line per problem as "
        "FILE:PATH: severity code: message. Exit 0 if every file is valid, 1 otherwise.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a JSON document ('-': stdin)")
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )
    validate.add_argument(
        "--strict", action="store_true", help="count warnings as errors for the exit code"
    )
    validate.set_defaults(handler=_validate)

    example = commands.add_parser(
        "example",
        help="write a bundled example strategy",
        description="Write a bundled example document to standard output or a file.",
    )
    example.add_argument("name", nargs="?", default="artois", help="the example (artois)")
    example.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically); '-': stdout"
    )
    example.add_argument("--list", action="store_true", help="list the bundled examples")
    example.set_defaults(handler=_example)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the document format",
        description="Print the JSON Schema (draft 2020-12) of the document format.",
    )
    schema.set_defaults(handler=_schema)

    info = commands.add_parser(
        "info",
        help="print a summary of a strategy",
        description="Validate a strategy and print a one-screen summary of it.",
    )
    info.add_argument("file", metavar="FILE", help="a JSON document ('-': stdin)")
    info.add_argument("--lang", choices=("fr", "en"), default="fr", help="vocabulary (fr)")
    info.set_defaults(handler=_info)

    render = commands.add_parser(
        "render",
        help="draw a strategy: its matrix, its details page, its JSON...",
        description="Render a strategy with a renderer: to OUT, in the format its suffix names, "
        "or to standard output for renderers that make text. Without -r, the renderer is "
        "turbine's own for OUT's suffix (.png, .svg, .pdf: matrix; .txt: text; .md: markdown; "
        ".json: json; .html: html), or text when there is no OUT.",
    )
    render.add_argument("file", nargs="?", metavar="FILE", help="a JSON document ('-': stdin)")
    render.add_argument("-r", "--renderer", metavar="NAME", help="the renderer (see --list)")
    render.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically); '-': stdout"
    )
    render.add_argument("--objective", metavar="ID", help="render only this objective")
    render.add_argument("--lang", choices=("fr", "en"), help="the language of turbine's words (fr)")
    render.add_argument(
        "--actions",
        choices=("featured", "all", "none"),
        help="the actions shown (matrix: featured; text: all)",
    )
    render.add_argument(
        "--width", type=int, metavar="N", help="text: wrap at N columns (the terminal's)"
    )
    render.add_argument(
        "--palette",
        metavar="NAME",
        help="matrix: the level colours: turbine, greys or a matplotlib colormap (the document's)",
    )
    render.add_argument(
        "--hatch", action="store_true", default=None, help="matrix: hatch the cells by level too"
    )
    render.add_argument(
        "--dpi", type=float, metavar="N", help="matrix, network: the resolution of a PNG (200)"
    )
    render.add_argument("--weight", choices=WEIGHTS, help="network: the weight of the ties (count)")
    render.add_argument(
        "--level", type=int, metavar="N", help="network: only the actions of service level N"
    )
    render.add_argument(
        "--labels", type=int, metavar="N", help="network: name the N most central actors (10)"
    )
    render.add_argument("--seed", type=int, metavar="N", help="network: the layout's seed (0)")
    render.add_argument(
        "--no-isolates",
        dest="isolates",
        action="store_const",
        const=False,
        help="network: leave out the actors without ties",
    )
    render.add_argument("--list", action="store_true", help="list the installed renderers")
    render.set_defaults(handler=_render)
    _add_graph(commands)
    _add_stats(commands)
    return parser


_VIEWS = ("full", "actors", "actions", "two-mode", "typologies")
_GRAPH_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".csv": "csv"}


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--level", type=int, metavar="N", help="only the actions of service level N"
    )
    parser.add_argument("--objective", metavar="ID", help="only the actions of this objective")


def _add_graph(commands: Any) -> None:
    graph = commands.add_parser(
        "graph",
        help="export the strategy as a graph for Gephi, igraph, R...",
        description="Export a view of the strategy as a graph: GraphML or GEXF (Gephi, igraph, "
        "R, yEd), node-link JSON (lossless, networkx), or Gephi's CSV tables. Without --format, "
        "OUT's suffix names it (.graphml, .gexf, .json, .csv). CSV makes two tables: "
        "'-o NAME.csv' writes NAME-nodes.csv and NAME-edges.csv.",
    )
    graph.add_argument("file", metavar="FILE", help="a JSON document ('-': stdin)")
    graph.add_argument(
        "--view",
        choices=_VIEWS,
        default="full",
        help="full: every entity of the document; actors: actors tied by shared actions; "
        "actions: actions tied by shared actors; two-mode: actors x actions; typologies: "
        "typologies x meta-actions, the Turbine matrix (full)",
    )
    graph.add_argument(
        "--weight",
        choices=WEIGHTS,
        help="actors, actions: the weight of a tie (count of shared actions or actors)",
    )
    _add_filters(graph)
    graph.add_argument(
        "--format", choices=tuple(dict.fromkeys(_GRAPH_FORMATS.values())), help="the format"
    )
    graph.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically); '-' or none: stdout"
    )
    graph.set_defaults(handler=_graph)


def _add_stats(commands: Any) -> None:
    stats = commands.add_parser(
        "stats",
        help="measure the actor network: density, centralities, brokerage...",
        description="Measure the network of actors tied by shared actions: its size, density, "
        "components and typology assortativity; the typology mixing matrix; Louvain "
        "communities; and, per actor, degree, betweenness, closeness, reach and Gould-Fernandez "
        "brokerage roles. text is for reading; json holds everything; csv is the actor table.",
    )
    stats.add_argument("file", metavar="FILE", help="a JSON document ('-': stdin)")
    stats.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        help="text, json or csv (OUT's suffix: .txt, .json, .csv; else text)",
    )
    _add_filters(stats)
    stats.add_argument(
        "--weight",
        choices=WEIGHTS,
        default="count",
        help="the tie weight the communities are found with (count)",
    )
    stats.add_argument(
        "--seed", type=int, default=0, metavar="N", help="the seed of the communities (0)"
    )
    stats.add_argument(
        "--sample",
        type=int,
        metavar="N",
        help="estimate betweenness from N source actors drawn with --seed, for large networks "
        "(exact betweenness costs minutes at 10,000 actors)",
    )
    stats.add_argument(
        "--top", type=int, metavar="N", help="text: list N actors in each table (20; 0: all)"
    )
    stats.add_argument("--lang", choices=("fr", "en"), help="text: turbine's words (fr)")
    stats.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically); '-' or none: stdout"
    )
    stats.set_defaults(handler=_stats)


class _Output:
    """A text stream that writes what its encoding lacks as escapes, instead of failing.

    Whatever a document holds, printing it must not end in a traceback because the terminal
    is not UTF-8.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        if self.stream is None:  # closed by whoever started us: nowhere to write
            return
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self.stream, "encoding", None) or "utf-8"
            self.stream.write(text.encode(encoding, "backslashreplace").decode(encoding))

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def write_document(self, text: str) -> None:
        """Write a JSON document as UTF-8, whatever the stream's encoding.

        Escapes for the characters an encoding lacks would not be JSON: a document goes to the
        underlying bytes when there are some.
        """
        if self.stream is None or getattr(self.stream, "buffer", None) is None:
            self.write(text)
            return
        # A lone surrogate (a plugin's text may hold one) cannot be UTF-8: written as an escape.
        self.write_bytes(text.encode("utf-8", "backslashreplace"))

    def write_bytes(self, data: bytes) -> None:
        """Write a document that is already bytes (UTF-8)."""
        buffer = getattr(self.stream, "buffer", None)
        if self.stream is None or buffer is None:
            self.write(data.decode("utf-8"))
            return
        self.stream.flush()
        buffer.write(data)
        buffer.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    out, err = _Output(sys.stdout), _Output(sys.stderr)
    if sys.stdout is None:
        err.write("turbine: standard output is closed\n")
        return EXIT_INVALID
    try:
        code: int = args.handler(args, out, err)
    except TurbineError as exc:
        err.write(f"turbine: {exc}\n")
        return EXIT_INVALID
    except BrokenPipeError:  # pragma: no cover - e.g. `turbine schema | head`
        # Python's own advice: stop writing to the closed pipe, and say that output was lost.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID
    return code


def _source(name: str) -> Any:
    if name != "-":
        return name
    if sys.stdin is None:
        raise TurbineFileError("cannot read: standard input is closed", filename="<stdin>")
    return getattr(sys.stdin, "buffer", sys.stdin)


def _validate(args: argparse.Namespace, out: _Output, err: _Output) -> int:  # noqa: ARG001
    results: list[tuple[str, ValidationReport]] = []
    for name in args.files:
        label = "<stdin>" if name == "-" else name
        try:
            report = validate_file(_source(name))
        except TurbineError as exc:
            report = ValidationReport([_file_problem(exc)])
        results.append((label, report))

    def passed(report: ValidationReport) -> bool:
        return report.ok and not (args.strict and report.warnings)

    if args.format == "json":
        payload = {
            "valid": all(passed(r) for _, r in results),
            "files": [
                {"file": name, **report.to_dict(), "valid": passed(report)}
                for name, report in results
            ],
        }
        # ASCII, so that the JSON stays valid whatever the output's encoding.
        out.write(json.dumps(payload, ensure_ascii=True, indent=2) + "\n")
    else:
        for name, report in results:
            out.writelines(f"{name}:{problem}\n" for problem in report)
            errors, warnings = len(report.errors), len(report.warnings)
            verdict = "valid" if passed(report) else "invalid"
            out.write(f"{name}: {verdict} ({errors} error(s), {warnings} warning(s))\n")
    return EXIT_OK if all(passed(r) for _, r in results) else EXIT_INVALID


def _file_problem(exc: TurbineError) -> Any:
    from turbine.report import Problem  # noqa: PLC0415

    message = exc.strerror if isinstance(exc, TurbineFileError) else str(exc)
    return Problem(
        location=(), code="unreadable-file", severity=Severity.ERROR, message=str(message)
    )


def _example(args: argparse.Namespace, out: _Output, err: _Output) -> int:
    if args.list:
        out.writelines(f"{name}\n" for name in examples.names())
        return EXIT_OK
    if args.name not in examples.names():
        err.write(
            f"turbine example: no example named {args.name!r}; available: "
            f"{', '.join(examples.names())}\n"
        )
        return EXIT_USAGE
    text = examples.text(args.name)
    if args.output is not None and args.output != "-":
        write_atomic(args.output, text.encode("utf-8"))
    else:
        out.write_document(text)
    return EXIT_OK


def _schema(args: argparse.Namespace, out: _Output, err: _Output) -> int:  # noqa: ARG001
    out.write_document(schema_text())
    return EXIT_OK


def _info(args: argparse.Namespace, out: _Output, err: _Output) -> int:
    strategy = _reporting_warnings(err, load, _source(args.file))
    out.write(summarize(strategy, lang=args.lang))
    return EXIT_OK


def _reporting_warnings(err: _Output, function: Callable[..., _T], *args: Any) -> _T:
    """Call *function*, writing turbine's warnings to *err* as the command's own messages."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TurbineWarning)
        result = function(*args)
    for warning in caught:
        if isinstance(warning.message, TurbineWarning):
            err.write(f"turbine: {warning.message}\n")
        else:  # not ours to format: let Python show it as usual
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return result


def _pick_renderer(name: str | None, output: str | None, err: _Output) -> renderers.Renderer:
    if name is not None:
        return _reporting_warnings(err, renderers.get, name)
    if output is None:
        return _reporting_warnings(err, renderers.get, "text")
    return _reporting_warnings(err, default_for_suffix, renderers.registry, output)


def _list_renderers(out: _Output, err: _Output) -> int:
    # By the names they are registered under: the names -r takes, which may not be their own.
    registry = renderers.registry
    found = _reporting_warnings(err, lambda: [(n, registry.get(n)) for n in registry.names()])
    width = max((len(name) for name, _ in found), default=0)
    for name, renderer in found:
        kinds = ", ".join(renderer.suffixes) or "no files"
        out.write(f"{name:<{width}}  {renderer.description} ({kinds})\n")
    return EXIT_OK


def _rendering(err: _Output, renderer: renderers.Renderer, draw: Callable[[], _T]) -> _T:
    """Call *draw*, with the warnings it gives written to *err*, each once.

    A renderer's own failure (a bug in it, not a problem of the document or of what was asked)
    is reported in one line, as :class:`_RendererFailedError`, and a file it cannot write as
    any other: never with a traceback.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # For the authors of the code, not for the user of the command.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        try:
            return draw()
        except TurbineError:
            raise
        except OSError as exc:  # a renderer that writes its files itself
            name = os.fsdecode(exc.filename) if exc.filename is not None else "<output>"
            message = f"cannot write: {exc.strerror or exc}"
            raise TurbineFileError(message, filename=name, errno=exc.errno) from exc
        except Exception as exc:
            raise _RendererFailedError(renderer, exc) from exc
        finally:
            # matplotlib warns once per missing glyph and figure: each message is written once.
            for message in dict.fromkeys(str(w.message) for w in caught):
                err.write(f"turbine render: warning: {message}\n")


class _RendererFailedError(TurbineError):
    """A renderer failed for a reason of its own: a bug, to report to its authors."""

    def __init__(self, renderer: renderers.Renderer, exc: Exception) -> None:
        kind = type(renderer)
        super().__init__(
            f"renderer {renderer.name!r} failed: {type(exc).__name__}: {exc} (a bug in "
            f"{kind.__module__}.{kind.__qualname__}, to report to its authors)"
        )


def _render(args: argparse.Namespace, out: _Output, err: _Output) -> int:
    if args.list:
        return _list_renderers(out, err)
    if args.file is None:
        err.write("turbine render: give a FILE to render (or --list)\n")
        return EXIT_USAGE
    to_stdout = args.output is None or args.output == "-"
    try:
        renderer = _pick_renderer(args.renderer, None if to_stdout else args.output, err)
    except (RendererNotFoundError, RenderError) as exc:
        err.write(f"turbine render: {exc}\n")
        return EXIT_USAGE
    if to_stdout and renderer.returns != "text":
        err.write(
            f"turbine render: renderer {renderer.name!r} makes a {renderer.returns}, not text: "
            f"write it to a file with -o ({', '.join(renderer.suffixes)})\n"
        )
        return EXIT_USAGE
    strategy = _reporting_warnings(err, load, _source(args.file))
    try:
        text = _draw(args, renderer, strategy, None if to_stdout else args.output, err)
    except (RenderError, UnknownIdError) as exc:  # the document is fine: what was asked is not
        err.write(f"turbine render: {exc}\n")
        return EXIT_USAGE
    if to_stdout:
        if not isinstance(text, str):
            raise _RendererFailedError(
                renderer, TypeError(f"it makes text, but returned a {type(text).__name__}")
            )
        if ".txt" in renderer.suffixes or not renderer.suffixes:
            out.write(text)  # for a terminal: what it cannot show is escaped
        else:
            out.write_document(text)  # a document: UTF-8, whatever the terminal
    return EXIT_OK


def _draw(
    args: argparse.Namespace,
    renderer: renderers.Renderer,
    strategy: turbine.Strategy,
    output: str | None,
    err: _Output,
) -> Any:
    """Render the strategy, or the objective asked for, to *output* or as what it returns."""
    obj: Any = strategy
    options: dict[str, Any] = {
        name: value
        for name in (
            "lang",
            "actions",
            "width",
            "palette",
            "hatch",
            "dpi",
            "weight",
            "level",
            "labels",
            "seed",
            "isolates",
        )
        if (value := getattr(args, name)) is not None
    }
    if args.objective is not None:
        obj = strategy.objective(args.objective)
        options["strategy"] = strategy
    # The renderer found, not the one its name attribute names: it may be registered, or
    # declared as an entry point, under another name.
    if output is None:
        return _rendering(err, renderer, lambda: _render_with(renderer, obj, **options))
    return _rendering(err, renderer, lambda: _write_with(renderer, obj, output, **options))


def _suffix(output: str | None) -> str:
    return "" if output is None else os.path.splitext(output)[1].lower()  # noqa: PTH122


def _pick_format(
    command: str, asked: str | None, output: str | None, formats: dict[str, str]
) -> str:
    """The format asked for, or the one OUT's suffix names.

    Raises:
        _UsageError: A known suffix names another format than the one asked for, or neither
            names one.
    """
    named = formats.get(_suffix(output))
    if asked is not None:
        if named is not None and named != asked:
            raise _UsageError(
                command,
                f"--format {asked} would write {named.upper()}-named {output!r} as "
                f"{asked.upper()}: give OUT the suffix of the format, or leave out --format",
            )
        return asked
    if named is not None:
        return named
    if output is None:
        raise _UsageError(command, f"give --format ({', '.join(dict.fromkeys(formats.values()))})")
    raise _UsageError(
        command,
        f"cannot tell the format from {output!r}: give --format, or an OUT ending with "
        f"{', '.join(formats)}",
    )


class _UsageError(Exception):
    """What was asked cannot be done: exit 2, with this message."""

    def __init__(self, command: str, message: str) -> None:
        super().__init__(f"turbine {command}: {message}")


def _check_graph_options(args: argparse.Namespace) -> None:
    """Refuse the options of ``turbine graph`` that do not apply to the view asked for."""
    if args.weight is not None and args.view not in ("actors", "actions"):
        raise _UsageError(
            "graph", f"--weight is for the actors and actions views, not {args.view!r}"
        )
    filtered = [
        option
        for option, value in (("--level", args.level), ("--objective", args.objective))
        if value is not None
    ]
    if filtered and args.view in ("full", "typologies"):
        raise _UsageError(
            "graph",
            f"{' and '.join(filtered)} {'filters' if len(filtered) == 1 else 'filter'} the "
            f"actions of the actors, actions and two-mode views, not of {args.view!r}",
        )


def _csv_paths(output: str) -> tuple[str, str]:
    """The node and edge tables that ``-o NAME.csv`` (or ``-o NAME``) names.

    Raises:
        _UsageError: OUT names no file: it is empty, a directory, or a bare suffix.
    """
    stem = output[: -len(".csv")] if output.lower().endswith(".csv") else output
    if not os.path.basename(stem) or os.path.isdir(stem):  # noqa: PTH112, PTH119
        raise _UsageError(
            "graph",
            f"csv makes NAME-nodes.csv and NAME-edges.csv from -o NAME.csv: {output!r} names "
            "no file",
        )
    return f"{stem}-nodes.csv", f"{stem}-edges.csv"


_XML_HINT = "which XML cannot hold"


def _graph_plan(args: argparse.Namespace, output: str | None) -> tuple[str, tuple[str, str]]:
    """The format to write, and for CSV the two tables to write it to.

    Raises:
        _UsageError: The options do not go together.
    """
    _check_graph_options(args)
    graph_format = _pick_format("graph", args.format, output, _GRAPH_FORMATS)
    if graph_format != "csv":
        return graph_format, ("", "")
    if output is None:
        raise _UsageError("graph", "csv makes two tables, nodes and edges: give -o NAME.csv")
    return graph_format, _csv_paths(output)


def _graph(args: argparse.Namespace, out: _Output, err: _Output) -> int:
    output = None if args.output in (None, "-") else args.output
    try:
        graph_format, tables = _graph_plan(args, output)
    except _UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_USAGE
    strategy = _reporting_warnings(err, load, _source(args.file))
    from turbine import graph as graphs  # noqa: PLC0415 - networkx only for these commands
    from turbine.graph import _export  # noqa: PLC0415

    views = {
        "full": lambda: graphs.to_networkx(strategy),
        "actors": lambda: graphs.actor_projection(
            strategy, weight=args.weight or "count", level=args.level, objective=args.objective
        ),
        "actions": lambda: graphs.action_projection(
            strategy, weight=args.weight or "count", level=args.level, objective=args.objective
        ),
        "two-mode": lambda: graphs.two_mode(strategy, level=args.level, objective=args.objective),
        "typologies": lambda: graphs.typology_graph(strategy),
    }
    try:
        graph = views[args.view]()
        if graph_format == "csv":
            graphs.write_csv(graph, *tables)
            wrote = " and ".join(escape_controls(name) for name in tables)
            err.write(f"turbine graph: wrote {wrote}\n")
            return EXIT_OK
        data = {
            "graphml": _export.graphml_bytes,
            "gexf": _export.gexf_bytes,
            "json": _export.node_link_bytes,
        }[graph_format](graph)
    except (GraphError, UnknownIdError) as exc:  # the document is fine: what was asked is not
        hint = " (from the command line: --format json or csv)" if _XML_HINT in str(exc) else ""
        err.write(f"turbine graph: {exc}{hint}\n")
        return EXIT_USAGE
    if output is None:
        out.write_bytes(data)
    else:
        write_atomic(output, data)
    return EXIT_OK


_STATS_FORMATS = {".txt": "text", ".json": "json", ".csv": "csv"}


def _stats_format(args: argparse.Namespace, output: str | None) -> str:
    """The format of the report, once the options are checked.

    Raises:
        _UsageError: The options do not go together.
    """
    if output is None and args.format is None:
        stats_format = "text"
    else:
        stats_format = _pick_format("stats", args.format, output, _STATS_FORMATS)
    text_only = [
        option
        for option, value in (("--top", args.top), ("--lang", args.lang))
        if value is not None
    ]
    if text_only and stats_format != "text":
        raise _UsageError(
            "stats",
            f"{' and '.join(text_only)} shape the text report; {stats_format} holds every "
            "actor, with ids rather than words",
        )
    if args.top is not None and args.top < 0:
        raise _UsageError("stats", "--top takes a number of actors, 0 or more (0: all)")
    if args.sample is not None and args.sample < 1:
        raise _UsageError("stats", "--sample takes a number of actors, 1 or more")
    return stats_format


def _stats(args: argparse.Namespace, out: _Output, err: _Output) -> int:
    output = None if args.output in (None, "-") else args.output
    try:
        stats_format = _stats_format(args, output)
    except _UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_USAGE
    strategy = _reporting_warnings(err, load, _source(args.file))
    from turbine.graph._stats import stats  # noqa: PLC0415 - networkx only for this command

    try:
        report = stats(
            strategy,
            level=args.level,
            objective=args.objective,
            seed=args.seed,
            weight=args.weight,
            sample=args.sample,
        )
    except (GraphError, UnknownIdError) as exc:
        err.write(f"turbine stats: {exc}\n")
        return EXIT_USAGE
    if stats_format == "text":
        top = 20 if args.top is None else args.top or None
        text = report.to_text(lang=args.lang or "fr", top=top)
        if output is None:
            out.write(text)
            return EXIT_OK
        data = text.encode("utf-8")
    elif stats_format == "json":
        data = report.to_json().encode("utf-8")
    else:
        data = report.to_csv()
    if output is None:
        out.write_bytes(data)
    else:
        write_atomic(output, data)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
