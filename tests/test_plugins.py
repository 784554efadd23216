"""Renderer plugins: a third-party package installed as users install one, broken ones, register().

The package under tests/plugins/turbine-actions-csv is the complete example of the documentation
("Write your own renderer"). It is built and installed once per session into a directory of its
own, which each test puts on the path (sys.path for the API, PYTHONPATH for the command).
"""

from __future__ import annotations

import contextlib
import csv
import inspect
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import turbine
from turbine import Action, Axis, MetaAction, Objective, RendererNotFoundError, RenderError
from turbine.renderers import Renderable, Renderer, RendererRegistry, RendererWarning

if TYPE_CHECKING:
    from collections.abc import Iterator

PLUGIN = Path(__file__).parent / "plugins" / "turbine-actions-csv"
MODULE = "turbine_actions_csv"
TURBINES_OWN = frozenset({"html", "json", "markdown", "matrix", "network", "summary", "text"})
HEADER = ["objective", "meta_action", "action", "title", "featured", "level", "typologies"]
ARTOIS = turbine.examples.load("artois")


# -- the plugin, installed -------------------------------------------------------------------


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the installed plugin: its package and its ``.dist-info``."""
    target = tmp_path_factory.mktemp("site-packages")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # Offline: the build backend (hatchling) comes from this environment, as does turbine.
    command += ["--no-index", "--no-build-isolation", "--no-deps"]
    command += ["--target", str(target), str(PLUGIN)]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if done.returncode != 0:
        pytest.fail(f"cannot install {PLUGIN.name}:\n{done.stdout}{done.stderr}")
    return target


@pytest.fixture
def installed(plugin_site: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The installed plugin on sys.path, imported afresh from there when a registry loads it."""
    # Collecting doctests may have imported the package from its source tree: forget it.
    monkeypatch.delitem(sys.modules, MODULE, raising=False)
    monkeypatch.syspath_prepend(plugin_site)
    yield plugin_site
    sys.modules.pop(MODULE, None)


def expected_rows(obj: Renderable) -> list[list[str]]:
    """The CSV rows of the actions of *obj*, computed from the model."""
    objectives = (
        [objective for objective, _ in obj.iter_objectives()]
        if isinstance(obj, turbine.Strategy)
        else list(obj.objectives if isinstance(obj, Axis) else [obj])
    )
    return [
        [
            objective.id,
            meta_action.id,
            action.id,
            action.title,
            "true" if action.featured else "false",
            str(meta_action.level_of(action)),
            ";".join(meta_action.typologies_of(action)),
        ]
        for objective in objectives
        for meta_action in objective.meta_actions
        for action in meta_action.actions
    ]


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_the_example_needs_no_neutralising() -> None:
    # Else the expected rows above would have to add the apostrophes (tested on their own below).
    cells = [cell for row in expected_rows(ARTOIS) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_the_plugin_satisfies_the_protocol(installed: Path) -> None:
    from turbine_actions_csv import ActionsCsvRenderer  # noqa: PLC0415 - on sys.path only now

    renderer: Renderer = ActionsCsvRenderer()  # mypy checks the signatures, isinstance the members
    assert isinstance(renderer, Renderer)
    assert Path(inspect.getfile(ActionsCsvRenderer)).is_relative_to(installed)


def test_a_fresh_registry_lists_the_plugin_beside_turbines_own(installed: Path) -> None:
    registry = RendererRegistry()
    names = registry.names()
    assert set(names) == TURBINES_OWN | {"actions-csv"}
    renderer = registry.get("actions-csv")
    assert isinstance(renderer, Renderer)
    assert Path(inspect.getfile(type(renderer))).is_relative_to(installed)
    assert renderer.name == "actions-csv"
    assert renderer.returns == "text"
    assert renderer.suffixes == (".csv",)
    assert renderer.accepts == (turbine.Strategy, Axis, Objective)
    assert renderer.description


def test_it_renders_one_row_per_action(installed: Path) -> None:
    text = RendererRegistry().get("actions-csv").render(ARTOIS)
    assert text.startswith(",".join(HEADER) + "\r\n")
    rows = parse(text)
    assert rows == [HEADER, *expected_rows(ARTOIS)]
    assert len(rows) == 1 + ARTOIS.counts().actions


def test_rows_give_the_effective_level_and_typologies(installed: Path) -> None:
    # An action with a level and typologies of its own, and one that takes its meta-action's.
    meta_action = MetaAction(
        id="m",
        title="Meta",
        typologies=["policy-makers", "inhabitants"],
        level=1,
        actions=[
            Action(id="own", title="Own", level=3, typologies=["supporters"], featured=True),
            Action(id="inherited", title="Inherited"),
        ],
    )
    objective = Objective(id="o", title="Objective", meta_actions=[meta_action])
    rows = parse(RendererRegistry().get("actions-csv").render(objective))
    assert rows[1:] == [
        ["o", "m", "own", "Own", "true", "3", "supporters"],
        ["o", "m", "inherited", "Inherited", "false", "1", "policy-makers;inhabitants"],
    ]


def test_the_module_level_api_finds_it(
    installed: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(turbine.renderers, "registry", RendererRegistry())
    assert "actions-csv" in turbine.renderers.available()
    assert turbine.renderers.get("actions-csv").name == "actions-csv"
    text = turbine.render(ARTOIS, "actions-csv")
    assert parse(text) == [HEADER, *expected_rows(ARTOIS)]

    # The only renderer that writes .csv: the suffix is enough to find it.
    turbine.renderers.write(ARTOIS, tmp_path / "actions.csv")
    assert (tmp_path / "actions.csv").read_bytes() == text.encode("utf-8")
    turbine.renderers.write(ARTOIS, tmp_path / "named.csv", "actions-csv", actions="featured")
    featured = parse((tmp_path / "named.csv").read_text(encoding="utf-8"))
    assert len(featured) == 1 + ARTOIS.counts().featured_actions


def test_it_renders_an_axis_and_an_objective(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(turbine.renderers, "registry", RendererRegistry())
    (objective,) = ARTOIS.objectives
    axis = Axis(id="axe", title="Axe", objectives=[objective, objective])
    assert parse(turbine.render(objective, "actions-csv", strategy=ARTOIS)) == [
        HEADER,
        *expected_rows(objective),
    ]
    assert parse(turbine.render(axis, "actions-csv")) == [HEADER, *expected_rows(axis)]
    assert len(expected_rows(axis)) == 2 * ARTOIS.counts().actions


def test_it_shows_the_featured_actions_only_when_asked(installed: Path) -> None:
    renderer = RendererRegistry().get("actions-csv")
    rows = parse(renderer.render(ARTOIS, actions="featured"))
    assert rows[1:] == [row for row in expected_rows(ARTOIS) if row[4] == "true"]
    assert len(rows) == 1 + ARTOIS.counts().featured_actions


@pytest.mark.parametrize(
    ("options", "option"),
    [({"actions": "none"}, "actions"), ({"lang": "en"}, "lang"), ({"colour": 1}, "colour")],
)
def test_it_refuses_options_it_does_not_take(
    installed: Path, monkeypatch: pytest.MonkeyPatch, options: dict[str, Any], option: str
) -> None:
    monkeypatch.setattr(turbine.renderers, "registry", RendererRegistry())
    with pytest.raises(RenderError, match=r"^renderer 'actions-csv': ") as caught:
        turbine.render(ARTOIS, "actions-csv", **options)
    assert caught.value.renderer == "actions-csv"
    assert caught.value.option == option


def test_turbine_refuses_what_it_does_not_accept(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(turbine.renderers, "registry", RendererRegistry())
    meta_action = ARTOIS.objectives[0].meta_actions[0]
    with pytest.raises(RenderError, match="not MetaAction"):
        turbine.render(meta_action, "actions-csv")  # type: ignore[arg-type]


def test_it_neutralises_texts_a_spreadsheet_would_read_as_formulas(installed: Path) -> None:
    titles = ['=HYPERLINK("http://example.com","x")', "+33 1 23", "-2 %", "@SUM(A1)", "\tx"]
    titles += ["\r\nx", "a=b", 'two "lines",\nand a comma']
    meta_action = MetaAction(
        id="-m",
        title="Meta",
        typologies=["=t", "u"],
        level=2,
        actions=[Action(id=f"a{i}", title=title) for i, title in enumerate(titles)],
    )
    objective = Objective(id="@o", title="Objective", meta_actions=[meta_action])
    rows = parse(RendererRegistry().get("actions-csv").render(objective))[1:]
    assert [row[3] for row in rows] == [
        "'" + title if title[0] in "=+-@\t\r" else title for title in titles
    ]
    assert {(row[0], row[1], row[2][0], row[6]) for row in rows} == {("'@o", "'-m", "a", "'=t;u")}
    assert {row[5] for row in rows} == {"2"}  # numbers are never touched


# -- the plugin from the command line --------------------------------------------------------


def turbine_command(*args: str, path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m turbine ARGS`` with *path* in front of PYTHONPATH."""
    pythonpath = os.pathsep.join(filter(None, [str(path), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "turbine", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": pythonpath, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture
def artois_file(tmp_path: Path) -> Path:
    path = tmp_path / "artois.json"
    path.write_text(turbine.examples.text("artois"), encoding="utf-8")
    return path


def test_render_list_shows_the_plugin(plugin_site: Path, tmp_path: Path) -> None:
    done = turbine_command("render", "--list", path=plugin_site, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == sorted(TURBINES_OWN | {"actions-csv"})
    (line,) = (line for line in lines if line.startswith("actions-csv "))
    assert line.endswith("with its effective service level and typologies (.csv)")


def test_render_prints_the_csv(plugin_site: Path, artois_file: Path, tmp_path: Path) -> None:
    done = turbine_command(
        "render", str(artois_file), "-r", "actions-csv", path=plugin_site, cwd=tmp_path
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert parse(done.stdout) == [HEADER, *expected_rows(ARTOIS)]


@pytest.mark.parametrize("named", [True, False], ids=["named", "by-suffix"])
def test_render_writes_the_csv(
    plugin_site: Path, artois_file: Path, tmp_path: Path, named: bool
) -> None:
    out = tmp_path / "out.csv"
    chosen = ["-r", "actions-csv"] if named else []
    done = turbine_command(
        "render", str(artois_file), "-o", str(out), *chosen, path=plugin_site, cwd=tmp_path
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert parse(out.read_text(encoding="utf-8")) == [HEADER, *expected_rows(ARTOIS)]


def test_render_one_objective_with_the_plugin(
    plugin_site: Path, artois_file: Path, tmp_path: Path
) -> None:
    (objective,) = ARTOIS.objectives
    done = turbine_command(
        *("render", str(artois_file), "-r", "actions-csv", "--actions", "featured"),
        *("--objective", objective.id),
        path=plugin_site,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert parse(done.stdout)[1:] == [row for row in expected_rows(objective) if row[4] == "true"]


def test_render_reports_an_option_the_plugin_refuses(
    plugin_site: Path, artois_file: Path, tmp_path: Path
) -> None:
    done = turbine_command(
        "render",
        str(artois_file),
        "-r",
        "actions-csv",
        "--lang",
        "en",
        path=plugin_site,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "turbine render: renderer 'actions-csv': no option 'lang'; "
        "its options are actions, strategy\n"
    )


# -- broken plugins --------------------------------------------------------------------------


def fake_distribution(site: Path, name: str, entry_point: str) -> None:
    """Write the metadata of an installed distribution declaring one renderer, and no code."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[turbine.renderers]\n{entry_point}\n", encoding="utf-8"
    )


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    """Two broken plugins: one names a module that does not exist, one an object that is no
    renderer (a class that instantiates, but has none of a renderer's members)."""
    site = tmp_path / "broken-site"
    site.mkdir()
    fake_distribution(site, "turbine-missing", "missing = turbine_no_such_module:Renderer")
    fake_distribution(site, "turbine-not-a-renderer", "not-a-renderer = json:JSONDecoder")
    return site


def test_broken_plugins_are_reported_and_the_others_work(
    broken_site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(broken_site)
    registry = RendererRegistry()
    with pytest.warns(RendererWarning) as caught:
        names = registry.names()
    assert set(names) == TURBINES_OWN

    warned = {
        w.message.name: str(w.message) for w in caught if isinstance(w.message, RendererWarning)
    }
    assert sorted(warned) == ["missing", "not-a-renderer"]
    assert warned["missing"] == (
        "renderer plugin 'missing' (turbine_no_such_module:Renderer in turbine-missing 1.0) "
        "failed to load: ModuleNotFoundError: No module named 'turbine_no_such_module'; "
        "the other renderers still work"
    )
    assert warned["not-a-renderer"].startswith(
        "renderer plugin 'not-a-renderer' (json:JSONDecoder in turbine-not-a-renderer 1.0) "
        "is not a turbine renderer: it has no name, description, accepts, returns, suffixes, "
        "render, write"
    )

    # Reported once: asking again warns no more (a warning would fail the test) and finds none.
    for name in ("missing", "not-a-renderer"):
        with pytest.raises(RendererNotFoundError) as not_found:
            registry.get(name)
        assert not_found.value.available == names
    assert registry.get("json").render(ARTOIS) == turbine.dumps(ARTOIS)
    registry.get("matrix").write(ARTOIS, tmp_path / "matrix.png")
    assert (tmp_path / "matrix.png").read_bytes().startswith(b"\x89PNG\r\n")


def test_a_broken_plugin_is_not_imported_until_needed(
    broken_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(broken_site)
    # No warning here (it would fail the test): asking for one renderer loads that one only.
    assert RendererRegistry().get("json").name == "json"


def test_render_list_survives_broken_plugins(broken_site: Path, tmp_path: Path) -> None:
    done = turbine_command("render", "--list", path=broken_site, cwd=tmp_path)
    assert done.returncode == 0
    assert [line.split()[0] for line in done.stdout.splitlines()] == sorted(TURBINES_OWN)
    errors = done.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith("turbine: renderer plugin 'missing' (")
    assert errors[1].startswith("turbine: renderer plugin 'not-a-renderer' (")
    assert "Traceback" not in done.stderr


# -- register() and unregister() -------------------------------------------------------------


class UpperTitle:
    """The smallest renderer: the title of what it is given, in capitals."""

    name = "upper-title"
    description = "the title, in capitals"
    accepts: tuple[type, ...] = (turbine.Strategy, Axis, Objective)
    returns = "text"
    suffixes = (".txt",)

    def render(self, obj: Renderable, /, **options: Any) -> str:
        return obj.title.upper() + "\n"

    def write(self, obj: Renderable, path: str | os.PathLike[str], /, **options: Any) -> None:
        Path(path).write_text(self.render(obj), encoding="utf-8")


@pytest.fixture
def cleanup() -> Iterator[list[str]]:
    """Names to unregister from the module-level registry after the test, whatever happens."""
    names: list[str] = []
    yield names
    for name in names:
        with contextlib.suppress(RendererNotFoundError):
            turbine.renderers.unregister(name)


def test_register_and_unregister(cleanup: list[str]) -> None:
    cleanup.append("upper-title")
    registered = turbine.renderers.register("upper-title", UpperTitle)  # a class: instantiated
    assert isinstance(registered, UpperTitle)
    assert turbine.renderers.get("upper-title") is registered
    assert "upper-title" in turbine.renderers.available()
    assert turbine.render(ARTOIS, "upper-title") == ARTOIS.title.upper() + "\n"

    # Registering again replaces it, so that a notebook cell can be run twice.
    again = turbine.renderers.register("upper-title", UpperTitle())
    assert turbine.renderers.get("upper-title") is again is not registered

    turbine.renderers.unregister("upper-title")
    assert "upper-title" not in turbine.renderers.available()
    with pytest.raises(RendererNotFoundError):
        turbine.renderers.get("upper-title")
    with pytest.raises(RendererNotFoundError):
        turbine.renderers.unregister("upper-title")


def test_a_registered_renderer_hides_an_entry_point_of_its_name(cleanup: list[str]) -> None:
    cleanup.append("json")
    turbine.renderers.register("json", UpperTitle)
    assert turbine.render(ARTOIS, "json") == ARTOIS.title.upper() + "\n"
    turbine.renderers.unregister("json")
    assert turbine.render(ARTOIS, "json") == turbine.dumps(ARTOIS)


class NoWrite:
    name = "no-write"
    description = "renders, but cannot write"
    accepts: tuple[type, ...] = (turbine.Strategy,)
    returns = "text"
    suffixes = ()

    def render(self, obj: Renderable, /, **options: Any) -> str:
        return ""


@pytest.mark.parametrize(
    ("candidate", "missing"),
    [
        (object(), "name, description, accepts, returns, suffixes, render, write"),
        (NoWrite, "write"),
        (NoWrite(), "write"),
    ],
)
def test_register_refuses_what_is_no_renderer(
    cleanup: list[str], candidate: Any, missing: str
) -> None:
    cleanup.append("bad")
    with pytest.raises(TypeError, match=f"is not a turbine renderer: it has no {missing}$"):
        turbine.renderers.register("bad", candidate)
    assert "bad" not in turbine.renderers.available()


def test_an_unknown_name_lists_the_names_that_exist() -> None:
    with pytest.raises(RendererNotFoundError) as caught:
        turbine.render(ARTOIS, "matirx")
    error = caught.value
    assert isinstance(error, LookupError)
    assert isinstance(error, turbine.TurbineError)
    assert error.name == "matirx"
    assert error.available == tuple(turbine.renderers.available())
    assert set(error.available) >= TURBINES_OWN
    assert str(error) == (
        "no renderer named 'matirx' (did you mean 'matrix'?); available: "
        + ", ".join(error.available)
    )
