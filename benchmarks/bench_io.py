"""Time turbine.loads and turbine.dumps against their floors, on synthetic strategies.

For each size it prints, in milliseconds (the best of several runs, garbage collector on, as
users run):

- ``json.loads``: parsing the text with the standard library, nothing else;
- ``floor``: ``json.loads`` plus the converter's structuring into model values, no validation;
- ``turbine.loads``: strict parsing, schema, reference checks and structuring;
- ``jsonschema``: the stock :mod:`jsonschema` validator alone on the parsed data;
- ``jsonschema-rs``: the fast validator alone;
- ``turbine.dumps``: validation and writing (indented, UTF-8).

The target: at 25,000 actions ``turbine.loads`` takes at most twice the floor. The script exits
with status 1 when it is missed. Run it with ``make bench`` (or ``--quick`` for the small sizes).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

import turbine
from turbine._converter import structure
from turbine.examples import synthetic
from turbine.schema import fast_validator, reference_validator

if TYPE_CHECKING:
    from collections.abc import Callable

SIZES = ((250, 100), (2_500, 1_000), (25_000, 10_000))
TARGET = 2.0


def best_of(function: Callable[[], Any], repeat: int) -> float:
    """The shortest of *repeat* runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(n_actions: int, n_actors: int, repeat: int) -> dict[str, float]:
    """Every timing for one size, in seconds."""
    strategy = synthetic(n_actions=n_actions, n_actors=n_actors, seed=0)
    text = turbine.dumps(strategy)
    data = json.loads(text)
    reference = reference_validator()
    fast = fast_validator()
    assert turbine.loads(text) == strategy  # noqa: S101 - what is timed must be right
    return {
        "size_mb": len(text.encode("utf-8")) / 1e6,
        "json.loads": best_of(lambda: json.loads(text), repeat),
        "floor": best_of(lambda: structure(json.loads(text), turbine.Strategy), repeat),
        "turbine.loads": best_of(lambda: turbine.loads(text), repeat),
        # The stock validator is slow: a single run is enough to see it.
        "jsonschema": best_of(lambda: reference.is_valid(data), 1 if n_actions > 5_000 else repeat),
        "jsonschema-rs": best_of(lambda: fast.is_valid(data), repeat),
        "turbine.dumps": best_of(lambda: turbine.dumps(strategy), repeat),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table; 1 if the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the two smaller sizes")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (5)")
    args = parser.parse_args(argv)
    sizes = SIZES[:2] if args.quick else SIZES
    columns = (
        "json.loads",
        "floor",
        "turbine.loads",
        "jsonschema",
        "jsonschema-rs",
        "turbine.dumps",
    )
    print(f"turbine {turbine.__version__}, Python {sys.version.split()[0]}; times in ms")
    header = f"{'actions':>8} {'actors':>7} {'MB':>6} " + " ".join(f"{c:>14}" for c in columns)
    print(header)
    results = {}
    for n_actions, n_actors in sizes:
        timings = measure(n_actions, n_actors, args.repeat)
        results[n_actions] = timings
        cells = " ".join(f"{timings[c] * 1000:>14.1f}" for c in columns)
        print(f"{n_actions:>8} {n_actors:>7} {timings['size_mb']:>6.1f} {cells}")
    print()
    print(
        f"{'actions':>8} {'loads/floor':>12} {'loads/json':>11} {'jsonschema/json':>16} "
        f"{'rs/json':>8}"
    )
    for n_actions, t in results.items():
        print(
            f"{n_actions:>8} {t['turbine.loads'] / t['floor']:>12.2f} "
            f"{t['turbine.loads'] / t['json.loads']:>11.2f} "
            f"{t['jsonschema'] / t['json.loads']:>16.1f} "
            f"{t['jsonschema-rs'] / t['json.loads']:>8.2f}"
        )
    largest = max(results)
    ratio = results[largest]["turbine.loads"] / results[largest]["floor"]
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(
        f"\ntarget at {largest:,} actions: turbine.loads <= {TARGET}x floor: "
        f"{ratio:.2f}x, {verdict}"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
