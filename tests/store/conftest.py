"""Fixtures of the store tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.session_factory import MakeRecord, make_record


@pytest.fixture
def record() -> MakeRecord:
    """The record factory."""
    return make_record


@pytest.fixture
def opened_files(tmp_path: Path) -> Iterator[list[str]]:
    """Files under the test's folder opened while the test runs (an audit hook sees each)."""
    opened: list[str] = []
    watching = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if watching[0] and event == "open" and str(args[0]).startswith(str(tmp_path)):
            opened.append(str(args[0]))

    sys.addaudithook(hook)  # hooks cannot be removed: this one is switched off instead
    yield opened
    watching[0] = False
