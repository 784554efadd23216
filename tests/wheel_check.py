"""Check an installed wheel, from outside the source tree (run by ``make wheel-check``).

Run it with the wheel venv's interpreter in isolated mode (``python -I``): it proves that the
installed package carries the schema and the examples, that ``turbine validate`` accepts the
packaged example, and that the renderers are declared as entry points and draw.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def main() -> None:
    """Run the checks; exit non-zero on the first failure."""
    import turbine  # noqa: PLC0415 - must be the installed one, imported here

    package = Path(turbine.__file__).resolve().parent
    if Path(sys.prefix).resolve() not in package.parents:
        sys.exit(f"turbine was imported from the source tree ({package}), not from the wheel")
    shipped_schema = resources.files("turbine").joinpath("schemas", "strategy.schema.json")
    source_schema = REPOSITORY / "schemas" / "strategy.schema.json"
    if shipped_schema.read_text(encoding="utf-8") != source_schema.read_text(encoding="utf-8"):
        sys.exit("the schema in the wheel differs from schemas/strategy.schema.json")
    command = Path(sys.executable).with_name("turbine")
    packaged_example = resources.files("turbine").joinpath("examples", "artois.json")
    with tempfile.TemporaryDirectory() as tmp:
        written = Path(tmp) / "artois.json"
        subprocess.run([command, "example", "artois", "-o", written], check=True)
        for document in (written, Path(str(packaged_example))):
            subprocess.run([command, "validate", document], check=True)
        # The renderers are found through the wheel's entry points, as a plugin's would be.
        listed = subprocess.run(
            [command, "render", "--list"], check=True, capture_output=True, text=True
        ).stdout.split()
        missing = {"html", "json", "markdown", "matrix", "summary", "text"} - set(listed)
        if missing:
            sys.exit(f"the wheel does not declare the renderers {sorted(missing)}")
        image = Path(tmp) / "matrix.png"
        subprocess.run([command, "render", written, "-o", image], check=True)
        if not image.read_bytes().startswith(b"\x89PNG"):
            sys.exit("turbine render did not write a PNG")
    print(f"wheel check passed: turbine {turbine.__version__} from {package}")  # noqa: T201


if __name__ == "__main__":
    main()
