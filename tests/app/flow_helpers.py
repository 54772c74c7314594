"""Building the app for the welcome, check-in, help, settings and resume tests."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot

from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.record import SessionRecord
from tui.screens.session import SessionScreen
from tui.store.settings import Settings, SettingsStore

SIZE = (80, 24)


class Saved(list[SessionRecord]):
    """Every record the app saved, in order; `latest` by id."""

    def latest(self) -> dict[str, SessionRecord]:
        return {r.id: r for r in self}


def make_app(
    *,
    clock: FakeClock | None = None,
    data_dir: Path | None = None,
    settings_dir: Path | None = None,
    settings: Settings | None = None,
    saved: Saved | None = None,
    unfinished: SessionRecord | None = None,
) -> SuppleApp:
    """An app of the fixture routine on a fake clock; with `data_dir` the welcome shows."""
    store = SettingsStore(settings_dir) if settings_dir is not None else None
    if store is not None and settings is not None:
        store.save(settings)
    app = SuppleApp(
        fixture_routine(),
        clock=clock or FakeClock(),
        settings=store,
        data_dir=data_dir,
        save_record=(saved.append if saved is not None else lambda record: None),
        unfinished=unfinished,
    )
    if store is None and settings is not None:
        app.settings = settings
    return app


async def open_session(app: SuppleApp, pilot: Pilot[None]) -> SessionScreen:
    """Start a session and return its screen."""
    app.start_session()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def tick(pilot: Pilot[None], clock: FakeClock, screen: SessionScreen, seconds: float) -> None:
    """Let `seconds` pass on the fake clock and draw the frame that falls then."""
    clock.advance(seconds)
    screen.frame()
    await pilot.pause()


async def run_to_the_end(pilot: Pilot[None], clock: FakeClock, screen: SessionScreen) -> None:
    """Let the session run on, 5 s a frame, until it has ended and the next screen is up."""
    for _ in range(400):
        if screen.engine.finished:
            break
        await tick(pilot, clock, screen, 5)
    await pilot.pause()


def screen_lines(app: SuppleApp) -> list[str]:
    """The screen as a person sees it, one string per terminal row."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False).splitlines()
