"""Sphinx configuration for the turbine documentation.

Build it strictly, from the repository's root:

    sphinx-build --fail-on-warning --keep-going --nitpicky --quiet -b html docs docs/_build/html
"""

from __future__ import annotations

import re
from importlib.metadata import version as _version
from typing import Any

from docutils import nodes

# -- Project ---------------------------------------------------------------------------------------

project = "turbine"
author = "The turbine developers"
copyright = "The turbine developers"
release = _version("turbine")
version = ".".join(re.findall(r"\d+", release)[:2])

# -- General ---------------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    # Draws the renderers' figures from the bundled example when the docs are built.
    "matplotlib.sphinxext.plot_directive",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
language = "en"

# -- MyST ------------------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
# Headings up to level 3 get anchors, for links such as [x](format.md#two-validators).
myst_heading_anchors = 3

# -- autodoc and napoleon --------------------------------------------------------------------------

autodoc_member_order = "bysource"
# Types go in the descriptions: attrs' generated __init__ would show its converters' parameter
# types (Iterable[Any]) in signatures; the attributes' own types are what matter.
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_typehints_format = "short"
# The renderers' option types are aliases: link them to their entry in the API reference.
autodoc_type_aliases = {
    "ShownActions": "turbine.renderers.ShownActions",
    "Palette": "turbine.renderers.Palette",
    "Weight": "turbine.graph.Weight",
    # A node of turbine's graphs is its prefixed id, a str (see turbine.graph.node_id).
    "Node": "str",
}
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# -- Nitpicky mode ---------------------------------------------------------------------------------
# There is no intersphinx (the build has no network), so references to the standard library and to
# turbine's dependencies cannot resolve. They are ignored here, by name. No turbine name is ever
# ignored: a broken reference to a turbine object still fails the build.

_BUILTINS = (
    "None|bool|int|float|str|bytes|bytearray|memoryview|object|type|tuple|list|dict|set|frozenset"
    "|Exception|ValueError|KeyError|LookupError|OSError|TypeError|UserWarning|Warning"
)
_TYPING = "Any|Iterator|Iterable|Mapping|Sequence|IO|Self|NoReturn|TextIO|TypeVar|PathLike|Protocol"
_EXTERNAL_MODULES = (
    "builtins|collections|collections\\.abc|typing|typing_extensions|os|io|pathlib|enum|json|re"
    "|random|types|importlib|importlib\\.metadata|attrs|attr|cattrs|jsonschema|jsonschema_rs"
    "|matplotlib|networkx|nx|pandas"
)
# matplotlib's classes, as the renderers' annotations name them.
_MATPLOTLIB = "Axes|Figure"

nitpick_ignore_regex = [
    (r"py:.*", rf"(builtins\.)?({_BUILTINS})"),
    (r"py:.*", rf"({_TYPING})(\[.*\])?"),
    (r"py:.*", rf"({_EXTERNAL_MODULES})(\..+)?"),
    (r"py:.*", rf"({_MATPLOTLIB})(\[.*\])?"),
]

# -- Figures (matplotlib's plot directive) --------------------------------------------------------

plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 150)]

# -- HTML ------------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"turbine {release}"


# -- Hooks -----------------------------------------------------------------------------------------


def _attrs_defaults(*args: Any) -> tuple[str | None, str | None]:
    """Show attrs' default factories as ``<factory>``, as dataclasses do, not as ``NOTHING``.

    The arguments of ``autodoc-process-signature``: app, what, name, obj, options, signature and
    return annotation.
    """
    signature, return_annotation = args[-2], args[-1]
    if signature is not None:
        signature = signature.replace("=NOTHING", "=<factory>")
    return signature, return_annotation


_DATA_DOCSTRINGS: dict[str, list[str]] = {}


def _keep_data_docstring(*args: Any) -> None:
    """Remember the docstring of a data object or attribute, before napoleon parses it.

    Napoleon reads the first line of such a docstring as ``type: description``. turbine's data
    docstrings never give a type that way (annotations do), and the vocabulary's constants start
    with their French label, a colon and a translation: napoleon would make the label a type.
    """
    what, name, lines = args[1], args[2], args[-1]
    if what in {"data", "attribute"}:
        _DATA_DOCSTRINGS[name] = list(lines)


def _restore_data_docstring(*args: Any) -> None:
    """Put back the docstring napoleon parsed, as it was written."""
    what, name, lines = args[1], args[2], args[-1]
    if what in {"data", "attribute"} and name in _DATA_DOCSTRINGS:
        lines[:] = _DATA_DOCSTRINGS.pop(name)


def _strip_trailing_blank_lines(_app: object, doctree: nodes.document) -> None:
    """Drop the blank line that ends each doctest of the pages: doctest needs it, readers do not."""
    for node in doctree.findall(nodes.literal_block):
        text = node.astext()
        if text.endswith("\n"):
            stripped = text.rstrip("\n")
            node[:] = [nodes.Text(stripped)]
            node.rawsource = stripped


def setup(app: Any) -> None:
    """Connect the hooks."""
    app.connect("autodoc-process-signature", _attrs_defaults)
    # Napoleon processes docstrings at the default priority, 500: one hook runs before, one after.
    app.connect("autodoc-process-docstring", _keep_data_docstring, priority=400)
    app.connect("autodoc-process-docstring", _restore_data_docstring, priority=600)
    app.connect("doctree-read", _strip_trailing_blank_lines)
