"""Building the app for the welcome, check-in, help, settings and resume tests."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FakeClock
from tui.app import SuppleApp
from tui.core.record import SessionRecord
from tui.store.routines import load_shipped
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
    """An app on a fake clock; with `data_dir` the first-run welcome shows."""
    store = SettingsStore(settings_dir) if settings_dir is not None else None
    if store is not None and settings is not None:
        store.save(settings)
    app = SuppleApp(
        load_shipped(),
        clock=clock or FakeClock(),
        settings=store,
        data_dir=data_dir,
        save_record=(saved.append if saved is not None else lambda record: None),
        unfinished=unfinished,
    )
    if store is None and settings is not None:
        app.settings = settings
    return app
