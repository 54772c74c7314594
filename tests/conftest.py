"""Shared fixtures: a fake clock, a private data dir, the tests' own routine, and its stores."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import textual._wait as textual_wait
import textual.screen as textual_screen
from hypothesis import settings

from tests.fake_schedulers import Schedulers, install_fakes
from tests.fixture_data import FIXTURE_DATA, fixture_routine, shipped_routine_file
from tui import paths
from tui.app import SuppleApp
from tui.core.engine import SessionEngine
from tui.core.routine import Routine, parse_routine
from tui.store.figures import load_figure
from tui.store.history import History
from tui.store.routines import RoutineStore

if TYPE_CHECKING:
    from textual.pilot import Pilot

# No time limit per example: with the suite on every core (pytest -n auto) and other work on
# the machine, Hypothesis's 200 ms deadline failed tests for being slow, which is a timing
# assert. Speed is measured in bench/.
settings.register_profile("supple", deadline=None)
settings.load_profile("supple")


# Textual's pilot waits for the app to go idle in sleeps of 20 ms, and a screen redraws at
# most 60 times a second: most of an app test was spent asleep (a worker used 30% of a
# core). Finer sleeps, with redraws finer still so that a pause still ends after the frame
# and the callbacks that follow it, as before. Private names, checked by
# tests/app/test_textual_private_parts.py, which fails loudly if a release moves them.
textual_wait.SLEEP_GRANULARITY = 1 / 200
textual_wait.SLEEP_IDLE = textual_wait.SLEEP_GRANULARITY / 20
textual_screen.UPDATE_PERIOD = 1 / 400  # type: ignore[misc]  # Final in Textual; see above


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (the README's command) starts two workers per core, not one.

    About half of an app test's time is Textual's pilot waiting for the app to go idle
    (20 ms sleeps), and the pty tests wait on real time: with one worker per core the
    cores sat idle half the run (240 s wall for 239 s of CPU on 2 cores; 155 s with two
    per core). PYTEST_XDIST_AUTO_NUM_WORKERS still chooses, as xdist documents.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(2 * (cores or 1), 16)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Spare the cyclic garbage collector the objects every test shares.

    After collection a worker holds Textual, Rich and every test module: hundreds of
    thousands of objects that live to the end, which each full collection walked again
    while the app tests made and dropped apps (about a fifth of an app test's CPU). Frozen,
    they are left out; and the young generation is collected less often, as the app does
    (`supple` turns the collector off until its first frame). Cycles are still collected.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


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


async def _until_the_main_screen(app: SuppleApp, pilot: Pilot[None]) -> None:
    """Let the app take the Ready message that pushes its first screen, and mount it."""
    for _ in range(20):  # a pause or two in practice
        if app.first_screen_up or not app.is_running:
            break
        await pilot.pause()
    await pilot.pause()


@pytest.fixture(autouse=True)
def _tests_start_on_the_main_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test's first step comes once the main screen is up, as a person's first key does.

    Textual's run_test (and a snapshot's run_before) begin as soon as Textual is ready, and
    Supple pushes its first screen only then (SuppleApp.on_ready says why): a test that
    looked at once would find Textual's blank default screen.
    """
    run_test, run_async = SuppleApp.run_test, SuppleApp.run_async

    @contextlib.asynccontextmanager
    async def started(app: SuppleApp, *args: Any, **kwargs: Any) -> AsyncIterator[Pilot[None]]:
        async with run_test(app, *args, **kwargs) as pilot:
            await _until_the_main_screen(app, pilot)
            yield pilot

    async def run_started(app: SuppleApp, *args: Any, **kwargs: Any) -> Any:
        auto_pilot = kwargs.get("auto_pilot")
        if auto_pilot is not None:

            async def after_start(pilot: Pilot[None]) -> None:
                await _until_the_main_screen(app, pilot)
                await auto_pilot(pilot)

            kwargs["auto_pilot"] = after_start
        return await run_async(app, *args, **kwargs)

    monkeypatch.setattr(SuppleApp, "run_test", started)
    monkeypatch.setattr(SuppleApp, "run_async", run_started)


@pytest.fixture(scope="session")
def fake_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of fake schedulers, made once."""
    folder = tmp_path_factory.mktemp("fake-bin")
    install_fakes(folder)
    return folder


@pytest.fixture(autouse=True)
def schedulers(
    fake_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Schedulers]:
    """Fake systemctl, crontab, launchctl and schtasks first on PATH, for every test.

    The settings screen sets a reminder through them, and a key storm can reach it: no
    test may install a timer with the real user manager or edit the real crontab.
    """
    monkeypatch.setenv("PATH", f"{fake_bin}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SCHEDULERS", str(tmp_path / "schedulers"))
    monkeypatch.delenv("FAKE_NO_USER_MANAGER", raising=False)
    yield Schedulers(tmp_path / "schedulers")


# Opens under the real data/ while a test not marked `shipped` runs (an audit hook sees each;
# hooks cannot be removed, so this one is switched on and off around each test).
_SHIPPED_DATA = str((paths.shipped_root() / "data").resolve()) + os.sep
_read_shipped: list[str] = []
_watching_shipped = [False]


def _audit_shipped_reads(event: str, args: tuple[object, ...]) -> None:
    if _watching_shipped[0] and event == "open" and isinstance(args[0], str | os.PathLike):
        path = os.fspath(args[0])
        if isinstance(path, str) and path.startswith(_SHIPPED_DATA):
            _read_shipped.append(path)


sys.addaudithook(_audit_shipped_reads)


@pytest.fixture(autouse=True)
def fixture_data(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test reads the fixture routines and figures, so a new pose in `data/` breaks none.

    Only a test marked `shipped` (about the routine Supple ships) reads `data/`; any other
    that opens a file there fails, naming it. The variable reaches the programs a test
    starts too (the pty and CLI tests).
    """
    shipped = request.node.get_closest_marker("shipped") is not None
    if shipped:
        monkeypatch.delenv(paths.SHIPPED_DATA_ENV, raising=False)
    else:
        monkeypatch.setenv(paths.SHIPPED_DATA_ENV, str(FIXTURE_DATA))
    load_figure.cache_clear()  # figures are kept by pose id: the other folder's must go
    _read_shipped.clear()
    _watching_shipped[0] = not shipped
    yield FIXTURE_DATA
    _watching_shipped[0] = False
    load_figure.cache_clear()
    if _read_shipped:
        pytest.fail(
            f"read the shipped data ({_read_shipped[0]}): use the fixture routine "
            "(tests/fixtures/data), or mark the test @pytest.mark.shipped if it is about data/"
        )


@pytest.fixture(scope="session")
def routine() -> Routine:
    """The tests' own routine (tests/fixtures/data): a frozen copy of the shipped one."""
    return fixture_routine()


@pytest.fixture
def engine(routine: Routine, clock: FakeClock) -> SessionEngine:
    """A session of the fixture routine at its default timing, on the fake clock."""
    return SessionEngine(routine, clock)


@pytest.fixture
def routine_store(data_dir: Path) -> RoutineStore:
    """The person's routines in the test's data dir; the fixture routine is the shipped one."""
    return RoutineStore(data_dir)


@pytest.fixture
def history(data_dir: Path) -> History:
    """An empty history in the test's data dir."""
    return History(data_dir)


@pytest.fixture(scope="session")
def shipped_routine() -> Routine:
    """The routine Supple really ships (`data/`), for the tests about it only."""
    path = shipped_routine_file()
    return parse_routine(path.read_text(encoding="utf-8"), str(path))


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
