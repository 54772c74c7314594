"""Shared fixtures: a fake clock, a private data dir, and an app factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.core.routine import Routine
from tui.store.routines import load_shipped


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        assert seconds >= 0, "a monotonic clock never goes back"
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock starting at an arbitrary point."""
    return FakeClock()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data dir, so no test touches the real home."""
    path = tmp_path / "data"
    monkeypatch.setenv("SUPPLE_DATA_DIR", str(path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    yield path


@pytest.fixture(scope="session")
def shipped_routine() -> Routine:
    """The routine Supple ships with."""
    return load_shipped()


AppFactory = Callable[..., object]
