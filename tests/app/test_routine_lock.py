"""Routine edits while another program holds the routines file's lock: the app answers at once.

A second Supple, an import or a backup can hold the lock for a while; waiting for it froze
the main screen for up to 10 s at every key.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.store.routines import RoutineStore


@pytest.fixture
def held_lock(data_dir: Path) -> Iterator[int]:
    """flock(2) on the routines lock from a file of our own, as another Supple holds it."""
    RoutineStore(data_dir).set_current("daily-hip-back")  # the file exists, as after a first run
    fd = os.open(data_dir / "routines.json.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield fd
    os.close(fd)


def _sequence_on_disk(data_dir: Path) -> object:
    doc = json.loads((data_dir / "routines.json").read_text(encoding="utf-8"))
    return [row.get("sequence") for row in doc.get("routines", {}).values()]


async def test_edits_wait_for_the_lock_and_land_when_it_frees(
    data_dir: Path, clock: FakeClock, held_lock: int
) -> None:
    store = RoutineStore(data_dir, wait_for_lock=False)
    app = SuppleApp(store.load_current(), clock=clock, routines=store)
    before = _sequence_on_disk(data_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        first = app.routine.steps[0].pose_id
        await pilot.press("J", "plus")  # move the first pose down, then hold it longer
        assert app.routine.steps[1].pose_id == first  # the screen follows at once
        edited = app.routine
        assert _sequence_on_disk(data_dir) == before  # nothing written over the lock
        notices = [n.message for n in app._notifications]
        assert any("Another program is using your routines file" in n for n in notices)
        fcntl.flock(held_lock, fcntl.LOCK_UN)  # the other program is done
        app._retry_routine_edits()  # what the retry timer runs every 2 s
        await pilot.pause()
        assert any(n.message == "Routine saved." for n in app._notifications)
        assert not store.waiting
    assert RoutineStore(data_dir).load_current().steps == edited.steps


async def test_a_routine_chosen_in_the_picker_is_remembered_once_the_lock_frees(
    data_dir: Path, clock: FakeClock, held_lock: int
) -> None:
    setup = RoutineStore(data_dir)
    fcntl.flock(held_lock, fcntl.LOCK_UN)
    setup.duplicate(setup.load_current(), "Evening")
    setup.set_current("daily-hip-back")
    fcntl.flock(held_lock, fcntl.LOCK_EX)
    store = RoutineStore(data_dir, wait_for_lock=False)
    app = SuppleApp(store.load_current(), clock=clock, routines=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R", "j", "enter")
        assert app.routine.name == "Evening"
        assert RoutineStore(data_dir).current_id() == "daily-hip-back"
        fcntl.flock(held_lock, fcntl.LOCK_UN)
        app._retry_routine_edits()
    assert RoutineStore(data_dir).current_id() == "evening"
