"""Fixtures for the pure core: the shipped routine, parsed straight from its file."""

from __future__ import annotations

import pytest

from tui import paths
from tui.core.routine import Routine, parse_routine


@pytest.fixture(scope="session")
def shipped() -> Routine:
    """The shipped default routine, parsed by the core (not through the store)."""
    path = paths.routines_dir() / "hip-back-daily.toml"
    return parse_routine(path.read_text(encoding="utf-8"), str(path))
