"""The settings screen: every setting changes from the keyboard and is saved at once."""

from __future__ import annotations

from pathlib import Path

from tests.app.flow_helpers import SIZE, make_app
from tui.screens.settings import FIELDS, SettingsScreen
from tui.store.settings import SettingsStore


def _row(key: str) -> int:
    return [f.key for f in FIELDS].index(key)


async def _open_at(pilot: object, app: object, key: str) -> None:
    await pilot.press("o")  # type: ignore[attr-defined]
    assert isinstance(app.screen, SettingsScreen)  # type: ignore[attr-defined]
    for _ in range(_row(key)):
        await pilot.press("down")  # type: ignore[attr-defined]


def _row_text(app: object, key: str) -> str:
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)  # type: ignore[attr-defined]
    return str(options.get_option_at_index(_row(key)).prompt)


async def test_numbers_change_and_are_saved(tmp_path: Path) -> None:
    app = make_app(settings_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_at(pilot, app, "get_ready_seconds")
        await pilot.press("right", "right", "l")
        assert app.settings.get_ready_seconds == 13
        assert app.timing.get_ready == 13
        await pilot.press("down", "down", "h")  # breath length
        assert app.settings.breath_seconds == 5
        await pilot.press("escape")
    saved = SettingsStore(tmp_path).settings
    assert (saved.get_ready_seconds, saved.breath_seconds) == (13, 5)


async def test_switches_toggle_with_space_and_enter(tmp_path: Path) -> None:
    app = make_app(settings_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_at(pilot, app, "bell")
        await pilot.press("space")
        assert app.settings.bell is False
        for _ in range(_row("pain_checkins") - _row("bell")):
            await pilot.press("down")
        await pilot.press("enter")
        assert app.settings.pain_checkins is False
    assert SettingsStore(tmp_path).settings.bell is False


async def test_high_contrast_is_one_key_from_the_default_and_named_plainly(tmp_path: Path) -> None:
    app = make_app(settings_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_at(pilot, app, "theme")
        assert "‹ Dark ›" in _row_text(app, "theme")
        await pilot.press("right")
        assert app.theme == "supple-high-contrast"
        assert "‹ High contrast ›" in _row_text(app, "theme")
        seen = set()
        for _ in range(4):
            await pilot.press("right")
            seen.add(_row_text(app, "theme").split("‹")[1])
        # Every theme offered has a name a person understands, not Textual's id.
        assert seen == {" Light ›", " Terminal's own ›", " Dark ›", " High contrast ›"}
        assert app.theme == "supple-high-contrast"  # four steps: round to where it was
        await pilot.press("left")
        assert app.theme == "textual-dark"
        await pilot.press("right")
    assert SettingsStore(tmp_path).settings.theme == "supple-high-contrast"
    again = make_app(settings_dir=tmp_path)
    async with again.run_test(size=SIZE):
        assert again.theme == "supple-high-contrast"


async def test_malformed_file_warns_uses_defaults_and_is_never_overwritten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('bell = "loud"\nget_ready_seconds = 3\n', encoding="utf-8")
    before = path.read_bytes()
    store = SettingsStore(tmp_path)
    assert store.settings.get_ready_seconds == 3
    assert store.settings.bell is True
    (warning,) = store.warnings
    assert str(path) in warning and "'bell'" in warning
    app = make_app(settings_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_at(pilot, app, "reduced_motion")
        await pilot.press("space")
        assert app.settings.reduced_motion is True  # works for this run
    assert path.read_bytes() == before
