"""Collection settings for the whole repository (doctests run over src/ and docs/ too)."""

collect_ignore = ["src/turbine/__main__.py", "docs/conf.py", "tests/wheel_check.py", "benchmarks"]
