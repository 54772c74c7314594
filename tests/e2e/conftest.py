"""Fixtures shared by the real-terminal tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.pty_terminal import Terminal


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    """Terminals a test starts; each is killed afterwards, whatever the outcome."""
    started: list[Terminal] = []
    yield started
    for terminal in started:
        terminal.kill()
