"""The tests' own routine and figures: a frozen copy of the shipped ones, in tests/fixtures/data."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tui import paths
from tui.core.routine import Routine, parse_routine

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
"""Laid out like `data/`: routines/hip-back-daily.toml and poses/ID.toml."""

ROUTINE_ID = "hip-back-daily"
"""The fixture routine keeps the shipped id, so the store treats it as the shipped routine."""


@cache  # a Routine is frozen all the way down: every test may share one
def fixture_routine() -> Routine:
    """The tests' routine (7:02 at its defaults), parsed by the core from its file."""
    path = FIXTURE_DATA / "routines" / f"{ROUTINE_ID}.toml"
    return parse_routine(path.read_text(encoding="utf-8"), str(path))


def shipped_routine_file(routine_id: str = ROUTINE_ID) -> Path:
    """The routine Supple really ships, for the tests about it (marked `shipped`)."""
    return paths.shipped_root() / "data" / "routines" / f"{routine_id}.toml"
