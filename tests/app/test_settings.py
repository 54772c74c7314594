"""The settings screen: every setting changes from the keyboard and is saved at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.flow_helpers import SIZE, make_app
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.screens.settings import FIELDS, SettingsScreen
from tui.store.settings import Settings, SettingsStore


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


def _toasts(app: object) -> list[str]:
    from textual.widgets._toast import Toast

    return [str(toast.render()) for toast in app.screen.query(Toast)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("get_ready_seconds = inf\n", "'get_ready_seconds'"),
        ("get_ready_seconds = nan\n", "'get_ready_seconds'"),
        ("get_ready_seconds = 1e309\n", "'get_ready_seconds'"),
        ("breath_seconds = inf\n", "'breath_seconds'"),
        ("switch_sides_seconds = 600\n", "'switch_sides_seconds'"),
        ("colour = 'blue'\n", "'colour'"),
        ('theme = "solarised"\n', "theme 'solarised'"),
        ('theme = "[/]"\n', "theme '[/]'"),  # shown as written, never read as markup
    ],
)
async def test_bad_setting_starts_with_defaults_and_says_so(
    tmp_path: Path, text: str, named: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    app = make_app(settings_dir=tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.settings == Settings()
        assert app.theme == Settings().theme
        assert app.timing == Settings().timing()
        (toast,) = [t for t in _toasts(app) if "Settings file" in t]
        assert str(path) in toast.replace("\n", "")
        assert named in toast
        await _open_at(pilot, app, "reduced_motion")
        where = str(app.screen.query_one("#settings-where").render())
        assert where.startswith(f"Not saved: fix {path}")  # not "Saved to"
        await pilot.press("space")
        assert app.settings.reduced_motion is True  # works for this run
    assert path.read_text(encoding="utf-8") == text


async def test_j_and_k_move_as_the_hint_says(tmp_path: Path) -> None:
    app = make_app(settings_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        from textual.widgets import OptionList

        options = app.screen.query_one(OptionList)
        await pilot.press("j", "j", "j")
        assert options.highlighted == 3
        await pilot.press("k")
        assert options.highlighted == 2
        await pilot.press("space")  # the highlighted row is the one that changes
        assert FIELDS[2].key == "countdown_bells" and app.settings.countdown_bells is True


@pytest.mark.parametrize("changed", ["bell", "reduced_motion", "get_ready_seconds"])
async def test_reduced_motion_asked_for_at_start_stays_for_the_run(
    tmp_path: Path, changed: str
) -> None:
    # `supple --reduced-motion` (or TEXTUAL_ANIMATIONS=none): any settings change turned it off.
    app = SuppleApp(fixture_routine(), settings=SettingsStore(tmp_path), reduced_motion=True)
    async with app.run_test(size=SIZE) as pilot:
        await _open_at(pilot, app, changed)
        await pilot.press("space" if changed != "get_ready_seconds" else "right")
        if changed == "reduced_motion":
            await pilot.press("space")  # on, and off again
        assert app.reduced_motion is True
        assert "on for this run" in _row_text(app, "reduced_motion")
    assert SettingsStore(tmp_path).settings.reduced_motion is False  # later runs: as saved
