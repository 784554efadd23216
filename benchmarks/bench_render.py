"""Time the matrix renderer's multi-page PDF against the floor of bare matplotlib figures.

A synthetic strategy of 2,500 actions in 100 objectives is written to one PDF, one page per
objective, by ``turbine.renderers.write``. The floor writes the same number of pages to a PDF with
bare matplotlib: for each page, a figure of the same size holding the same texts (same strings,
same font sizes, wrapped the same way) and nothing else: no layout, no cells, no legend keys.

It prints the time per page, in milliseconds (the best of several runs), for the featured actions
(the synthesis) and for every action (``actions="all"``). The target: per page, at most twice the
floor. The script exits with status 1 when it is missed. Run it with ``make bench``.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import turbine
from turbine.examples import synthetic
from turbine.renderers._matrix import MatrixLayout, layout_matrix

if TYPE_CHECKING:
    from collections.abc import Callable

N_ACTIONS, N_OBJECTIVES = 2_500, 100
TARGET = 2.0


def best_of(function: Callable[[], Any], repeat: int) -> float:
    """The shortest of *repeat* runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def floor(layouts: list[MatrixLayout]) -> None:
    """Bare figures of the same sizes with the same texts, to a multi-page PDF in memory."""
    from matplotlib.backends.backend_pdf import PdfPages  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    with PdfPages(io.BytesIO()) as pdf:
        for layout in layouts:
            fig = Figure(figsize=(layout.width / 72, layout.height / 72))
            for item in layout.texts:
                fig.text(
                    item.x / layout.width,
                    1 - item.y / layout.height,
                    item.text,
                    fontsize=item.size,
                    fontweight=item.weight,
                    verticalalignment="top",
                    parse_math=False,
                )
            pdf.savefig(fig)


def measure(actions: str, repeat: int, directory: Path) -> dict[str, float]:
    """Per-page seconds for turbine and for the floor, with *actions* shown."""
    strategy = synthetic(n_actions=N_ACTIONS, n_objectives=N_OBJECTIVES, seed=0)
    pairs = list(strategy.iter_objectives())
    assert len(pairs) == N_OBJECTIVES  # noqa: S101 - what is timed must be right
    layouts = [
        layout_matrix(objective, strategy=strategy, axis=axis, actions=actions)  # type: ignore[arg-type]
        for objective, axis in pairs
    ]
    target = directory / "matrices.pdf"

    def ours() -> None:
        turbine.renderers.write(strategy, target, actions=actions)

    return {
        "pages": len(pairs),
        "texts/page": sum(len(layout.texts) for layout in layouts) / len(layouts),
        "turbine": best_of(ours, repeat) / len(pairs),
        "floor": best_of(lambda: floor(layouts), repeat) / len(pairs),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table; 1 if the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (3)")
    args = parser.parse_args(argv)
    print(f"matrix renderer: {N_ACTIONS:,} actions, {N_OBJECTIVES} objectives, one PDF page each")
    print(f"{'actions':>10} {'texts/page':>11} {'floor ms/page':>14} {'turbine ms/page':>16} ratio")
    missed = False
    with tempfile.TemporaryDirectory() as tmp:
        for actions in ("featured", "all"):
            result = measure(actions, args.repeat, Path(tmp))
            ratio = result["turbine"] / result["floor"]
            missed |= ratio > TARGET
            print(
                f"{actions:>10} {result['texts/page']:>11.0f} {result['floor'] * 1e3:>14.1f} "
                f"{result['turbine'] * 1e3:>16.1f} {ratio:>5.2f}x"
            )
    print(f"target: at most {TARGET:.0f}x the floor per page: {'MISSED' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
