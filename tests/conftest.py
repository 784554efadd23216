"""Test settings shared by every test module."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# No per-example deadline: CI machines are slower and noisier than a laptop, and a timing is
# never what these property tests check (benchmarks/ measures speed).
settings.register_profile("turbine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("turbine")
