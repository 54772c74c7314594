"""Fixtures for the pure core: the routine Supple ships, parsed straight from its file."""

from __future__ import annotations

import pytest

from tests.fixture_data import shipped_routine_file
from tui.core.routine import Routine, parse_routine


@pytest.fixture(scope="session")
def shipped() -> Routine:
    """The shipped default routine (`data/`), parsed by the core: only for tests about it."""
    path = shipped_routine_file()
    return parse_routine(path.read_text(encoding="utf-8"), str(path))
