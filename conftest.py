"""Collection settings for the whole repository (doctests run over src/ and docs/ too)."""

collect_ignore = [
    "src/turbine/__main__.py",
    "docs/conf.py",
    "tests/wheel_check.py",
    "benchmarks",
    # The plugin package is installed and imported by tests/test_plugins.py, not collected.
    "tests/plugins",
]
