"""The settings screen (o) shows the daily reminder and sets its time, as `supple remind` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.app.flow_helpers import SIZE, make_app
from tests.fake_schedulers import Schedulers
from tui.app import SuppleApp
from tui.cli import main
from tui.screens.settings import FIELDS, SettingsScreen

ROW = [f.key for f in FIELDS].index("reminder")


async def _open_reminder(pilot: Pilot[None], app: SuppleApp) -> SettingsScreen:
    await pilot.press("o")
    assert isinstance(app.screen, SettingsScreen)
    await pilot.press(*["down"] * ROW)
    return app.screen


def _row(screen: SettingsScreen) -> str:
    return str(screen.query_one(OptionList).get_option_at_index(ROW).prompt)


def _hint(screen: SettingsScreen) -> str:
    return str(screen.query_one("#settings-reminder", Static).render())


async def _set(pilot: Pilot[None], app: SuppleApp) -> None:
    await pilot.press("enter")
    await app.workers.wait_for_complete()  # systemctl runs on a worker thread
    await pilot.pause()


async def test_choosing_a_time_and_enter_sets_the_reminder(
    tmp_path: Path, unit_dir: Path, schedulers: Schedulers
) -> None:
    app = make_app(settings_dir=tmp_path / "config")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reminder(pilot, app)
        assert _row(screen).endswith("‹ off ›")
        assert _hint(screen).startswith("Reminder: off. Choose a time with ←/→, then Enter")
        await pilot.press("right", "right")  # off → 07:30 → 07:45
        assert _row(screen).endswith("‹ 07:45 (Enter) ›")
        assert not unit_dir.exists()  # nothing happens before Enter
        await _set(pilot, app)
        assert _row(screen).endswith("‹ 07:45 daily ›")
        assert _hint(screen) == (
            "Reminder at 07:45, every day, by a systemd user timer; last reminded never yet."
        )
    assert "OnCalendar=*-*-* 07:45:00" in (unit_dir / "supple-reminder.timer").read_text()
    assert (tmp_path / "config" / "reminder.json").exists()  # beside settings.toml
    assert "--user enable supple-reminder.timer" in schedulers.calls("systemctl")


async def test_moving_the_time_keeps_the_days_chosen(
    tmp_path: Path, unit_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPLE_DATA_DIR", str(tmp_path / "config"))  # one folder for both
    assert main(["remind", "at", "18:10", "--days", "mon,wed"]) == 0
    app = make_app(settings_dir=tmp_path / "config")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reminder(pilot, app)
        assert _row(screen).endswith("‹ 18:10 2 days a week ›")
        await pilot.press("left")  # to the quarter hour below
        assert _row(screen).endswith("‹ 18:00 (Enter) ›")
        await _set(pilot, app)
        assert _row(screen).endswith("‹ 18:00 2 days a week ›")
        assert _hint(screen).startswith("Reminder at 18:00, Mon, Wed, by a systemd user timer")
    assert "OnCalendar=Mon,Wed *-*-* 18:00:00" in (unit_dir / "supple-reminder.timer").read_text()


async def test_off_before_midnight_removes_it_and_esc_leaves_a_choice_unset(
    tmp_path: Path, unit_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPLE_DATA_DIR", str(tmp_path / "config"))
    assert main(["remind", "at", "00:00"]) == 0
    app = make_app(settings_dir=tmp_path / "config")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reminder(pilot, app)
        await pilot.press("right", "escape")  # 00:15 chosen, then left unset
        screen = await _open_reminder(pilot, app)
        assert _row(screen).endswith("‹ 00:00 daily ›")
        await pilot.press("left")
        assert _row(screen).endswith("‹ off (Enter) ›")
        await _set(pilot, app)
        assert _row(screen).endswith("‹ off ›")
    assert list(unit_dir.iterdir()) == []
    assert not (tmp_path / "config" / "reminder.json").exists()


async def test_without_a_user_manager_it_says_so_and_changes_nothing(
    tmp_path: Path, unit_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_NO_USER_MANAGER", "1")
    app = make_app(settings_dir=tmp_path / "config")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reminder(pilot, app)
        await pilot.press("right")
        await _set(pilot, app)
        assert _row(screen).endswith("‹ off ›")
        assert _hint(screen).startswith("no systemd user manager here (Failed to connect")
        assert "supple remind at 07:30 --cron" in _hint(screen)
    assert not unit_dir.exists()
    assert not (tmp_path / "config" / "reminder.json").exists()
