"""Nothing lost in silence: a full disk or a lock held elsewhere, as the person sees it."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.app.flow_helpers import open_session, run_to_the_end, tick
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tests.history_paths import own_folder
from tui.app import SuppleApp
from tui.cli import main
from tui.core.record import SessionRecord, Status
from tui.screens.session import SessionScreen
from tui.screens.summary import SummaryScreen
from tui.screens.unsaved import UnsavedScreen
from tui.screens.welcome import mark_welcomed
from tui.signals import ShutdownGuard
from tui.store import storage as storage_module
from tui.store.history import History, month_of
from tui.store.save_keeper import SaveKeeper
from tui.widgets.countdown import Countdown

SIZE = (100, 30)


def make_app(clock: FakeClock, data_dir: Path) -> SuppleApp:
    """The app as `supple` builds it: real history files, saves that never wait."""
    history = History(data_dir)
    mark_welcomed(data_dir)
    saves = SaveKeeper(history)
    app = SuppleApp(
        fixture_routine(),
        clock=clock,
        save_record=saves.save,
        saves=saves,
        history=history,
        data_dir=data_dir,
    )
    app.settings = app.settings.with_changes(pain_checkins=False)
    return app


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, where the unsaved sessions file goes."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def full_disk() -> Iterator[pytest.MonkeyPatch]:
    """Every atomic write fails as on a full disk until the test undoes it."""
    patch = pytest.MonkeyPatch()

    def no_space(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    patch.setattr(storage_module, "atomic_write", no_space)
    yield patch
    patch.undo()


async def finish(pilot: Pilot[None], clock: FakeClock, screen: SessionScreen) -> SummaryScreen:
    await run_to_the_end(pilot, clock, screen)
    summary = screen.app.screen
    assert isinstance(summary, SummaryScreen)
    return summary


def notice(screen: SessionScreen) -> str:
    return screen.query_one(Countdown).line("notice")


def summary_words(summary: SummaryScreen) -> str:
    return str(summary.query_one("#summary-text", Static).render())


def month_file(data_dir: Path, record: SessionRecord) -> Path:
    return own_folder(data_dir) / f"{month_of(record.started_at)}.json"


async def test_a_full_disk_is_said_at_once_and_quitting_writes_the_session_elsewhere(
    clock: FakeClock, tmp_path: Path, home: Path, full_disk: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "not-the-default"
    app = make_app(clock, data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10 + 45)  # Child's Pose done: the first save fails
        assert notice(screen) == "Not saved yet: the disk is full. Supple keeps trying."
        summary = await finish(pilot, clock, screen)
        (record,) = app.saves.unsaved() if app.saves else []
        assert record.status is Status.COMPLETED
        lines = summary_words(summary).splitlines()
        assert "Not saved: the disk is full (" in " ".join(lines)
        assert str(month_file(data, record)) in "".join(lines)  # wrapped to fit 80 columns
        assert "Supple will keep trying" in " ".join(lines)
        await pilot.press("enter")  # back to the routine
        await pilot.press("q")
        assert isinstance(app.screen, UnsavedScreen)  # asked, not gone
        assert app.return_code is None
        await pilot.press("w")
        await pilot.pause()
    assert app.return_code == 0
    said = "\n".join(app.farewell)
    match = re.search(r"written to (\S+) instead", said)
    assert match, said
    rescued = Path(match[1])
    assert rescued.parent == home and rescued.name.startswith("supple-unsaved-")
    assert f"supple --data-dir {data} history import {rescued}" in said
    full_disk.undo()
    assert main(["--data-dir", str(data), "history", "import", str(rescued)]) == 0
    assert History(data).sessions() == [record]  # exactly the session that was not saved


async def test_the_retry_lands_the_session_when_the_disk_has_room_again(
    clock: FakeClock, tmp_path: Path, full_disk: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    app = make_app(clock, data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        summary = await finish(pilot, clock, screen)
        assert "Not saved" in summary_words(summary)
        assert app.save_retry_timer is not None  # it keeps trying on its own
        full_disk.undo()
        assert app.saves is not None
        app.saves.retry()  # what that timer calls
        await pilot.pause()
        assert "Not saved" not in summary_words(summary)
        assert app.save_retry_timer is None
        await pilot.press("enter", "q")  # nothing unsaved: no question
        await pilot.pause()
    assert app.return_code == 0 and app.farewell == []
    (record,) = History(data).sessions()
    assert record.status is Status.COMPLETED


async def _quit_mid_session(app: SuppleApp, pilot: Pilot[None], clock: FakeClock) -> SessionScreen:
    """Start a session, hold 2 s of it, press ctrl+q: the unsaved-sessions question is up."""
    screen = await open_session(app, pilot)
    await tick(pilot, clock, screen, 12)
    await pilot.press("ctrl+q")
    assert isinstance(app.screen, UnsavedScreen)
    return screen


async def test_quitting_mid_session_asks_and_stay_keeps_supple_open(
    clock: FakeClock, tmp_path: Path, full_disk: pytest.MonkeyPatch
) -> None:
    app = make_app(clock, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _quit_mid_session(app, pilot, clock)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, SummaryScreen)  # the session ended, kept in memory
        await pilot.press("ctrl+q")
        await pilot.press("x")  # quit and lose it, as chosen
        await pilot.pause()
    assert app.return_code == 1
    assert app.rescue_unsaved() is None  # as chosen: no file written after all
    assert app.farewell == [
        f"supple: 1 session not saved: the disk is full ({own_folder(tmp_path / 'data')}"
        f"/{month_of(screen.session.started_at)}.json)."
    ]


async def test_the_question_goes_away_and_supple_quits_once_the_save_lands(
    clock: FakeClock, tmp_path: Path, home: Path, full_disk: pytest.MonkeyPatch
) -> None:
    app = make_app(clock, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await _quit_mid_session(app, pilot, clock)
        full_disk.undo()
        assert app.saves is not None
        app.saves.retry()
        await pilot.pause()
    assert app.return_code == 0
    assert list(home.iterdir()) == []  # no file needed
    assert len(History(tmp_path / "data").sessions()) == 1


async def test_sigterm_with_no_one_to_ask_writes_the_file_and_says_where(
    clock: FakeClock,
    tmp_path: Path,
    home: Path,
    full_disk: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    app = make_app(clock, tmp_path / "data")
    exits: list[int] = []
    guard = ShutdownGuard(app, deadline=3600, exit_process=exits.append)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10 + 45)
        guard._on_signal(signal.SIGTERM, None)  # as the handler is called
        await pilot.pause()
        record = screen.session.record()
    (rescued,) = home.iterdir()
    said = capfd.readouterr().err
    assert f"written to {rescued} instead" in said
    assert exits == [128 + signal.SIGTERM]  # no terminal under pytest: straight out
    full_disk.undo()
    assert main(["--data-dir", str(tmp_path / "data"), "history", "import", str(rescued)]) == 0
    assert History(tmp_path / "data").sessions() == [record]


@pytest.fixture
def lock_held_elsewhere(tmp_path: Path) -> Iterator[int]:
    """The history lock taken with flock(2), as `flock DATA/history/.lock sleep 40` does."""
    lock = tmp_path / "data" / "history" / ".lock"
    lock.parent.mkdir(parents=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield fd
    os.close(fd)


async def test_a_lock_held_elsewhere_never_stops_the_countdown(
    clock: FakeClock, tmp_path: Path, lock_held_elsewhere: int
) -> None:
    data = tmp_path / "data"
    app = make_app(clock, data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10 + 45)  # a pose boundary: the save meets the lock
        assert (
            notice(screen) == "Not saved yet: another program holds the lock. Supple keeps trying."
        )
        left = screen.engine.state().remaining
        shown = screen.query_one(Countdown).digits_text
        await tick(pilot, clock, screen, 3)
        assert screen.engine.state().remaining == pytest.approx(left - 3)
        assert screen.query_one(Countdown).digits_text != shown  # the countdown goes on
        assert History(data).sessions() == []
        await pilot.press("n")  # a later save of the same session, also waiting
        fcntl.flock(lock_held_elsewhere, fcntl.LOCK_UN)
        assert app.saves is not None
        app.saves.retry()
        await pilot.pause()
        assert notice(screen) == "Saved: your sessions are in your history now."
        (record,) = History(data).sessions()  # written once, as it stands now
        assert record == screen.session.record().with_changes(ended_at=record.ended_at)


async def test_an_exit_that_asked_no_one_still_writes_the_file(
    clock: FakeClock, tmp_path: Path, home: Path, full_disk: pytest.MonkeyPatch
) -> None:
    app = make_app(clock, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 12)
        app.exit()  # not through q: as an error or a closed event loop would end it
        await pilot.pause()
    said = app.rescue_unsaved()  # what `supple` does once the app has returned
    (rescued,) = home.iterdir()
    assert said is not None and f"written to {rescued} instead" in said
    assert app.rescue_unsaved() is None  # once
