"""Fixtures of the store tests."""

from __future__ import annotations

import pytest

from tests.store.session_factory import MakeRecord, make_record


@pytest.fixture
def record() -> MakeRecord:
    """The record factory."""
    return make_record
