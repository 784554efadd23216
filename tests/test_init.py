from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from types import ModuleType

import pytest

import turbine


def isort_key(name: str) -> tuple[int, str]:
    """Constants, then classes, then the rest, each sorted: the order ruff keeps."""
    if name.isupper():
        return (0, name)
    return (1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_complete() -> None:
    assert turbine.__all__ == sorted(turbine.__all__, key=isort_key)
    for name in turbine.__all__:
        assert getattr(turbine, name) is not None
    # Submodules become attributes when imported anywhere: they are not part of the check.
    public = {
        name
        for name, value in vars(turbine).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
    assert public - set(turbine.__all__) == {"annotations", "Any"}


def test_version_comes_from_the_package_metadata() -> None:
    assert turbine.__version__ == version("turbine")
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = turbine.nope


def test_import_is_light() -> None:
    code = (
        "import sys, turbine, turbine.renderers; turbine.examples.load('artois'); "
        "heavy = ('matplotlib', 'networkx', 'numpy', 'jsonschema'); "
        "heavy = [m for m in heavy if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "[]"
