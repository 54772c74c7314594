"""Routines on disk: the shipped TOML files (user changes are layered on top)."""

from __future__ import annotations

from pathlib import Path

from tui import paths
from tui.core.routine import Routine, RoutineError, parse_routine

DEFAULT_ROUTINE_ID = "hip-back-daily"


def load_routine_file(path: Path) -> Routine:
    """Read and validate one routine file; every problem becomes a RoutineError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = f"cannot be read ({exc}); check it exists and is UTF-8"
        raise RoutineError(str(path), message) from exc
    return parse_routine(text, str(path))


def load_shipped(routine_id: str = DEFAULT_ROUTINE_ID) -> Routine:
    """The routine that ships with Supple under this id."""
    return load_routine_file(paths.routines_dir() / f"{routine_id}.toml")
