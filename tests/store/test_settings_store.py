"""settings.toml: defaults, round trip, and a file it cannot read is reported and left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.store.settings import SETTINGS_FILE, Settings, SettingsStore


def test_missing_file_gives_defaults_without_warning(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert store.settings == Settings()
    assert store.warnings == []
    assert not (tmp_path / SETTINGS_FILE).exists()


def test_round_trip(tmp_path: Path) -> None:
    wanted = Settings(
        theme="supple-high-contrast",
        bell=False,
        get_ready_seconds=5.0,
        switch_sides_seconds=3.0,
        breath_seconds=8.0,
        reduced_motion=True,
        pain_checkins=False,
    )
    assert SettingsStore(tmp_path).save(wanted)
    assert SettingsStore(tmp_path).settings == wanted
    assert (tmp_path / SETTINGS_FILE).stat().st_mode & 0o077 == 0


def test_timing_follows_the_settings() -> None:
    timing = Settings(get_ready_seconds=4, switch_sides_seconds=2, breath_seconds=8).timing()
    assert (timing.get_ready, timing.switch_sides, timing.inhale, timing.exhale) == (4, 2, 4, 4)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("bell = \n", ["not valid TOML"]),
        ("get_ready_seconds = -3\n", ["'get_ready_seconds'"]),
        ('pain_checkins = "yes"\n', ["'pain_checkins'"]),
        ("theme = 7\n", ["'theme'"]),
    ],
)
def test_bad_file_is_named_defaults_used_never_overwritten(
    tmp_path: Path, text: str, names: list[str]
) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text(text, encoding="utf-8")
    store = SettingsStore(tmp_path)
    assert store.settings == Settings()
    assert len(store.warnings) == 1
    assert str(path) in store.warnings[0]
    for name in names:
        assert name in store.warnings[0]
    assert not store.save(Settings(bell=False))
    assert path.read_text(encoding="utf-8") == text
    assert store.settings.bell is False  # still used for this run


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text("colour = 'blue'\nbell = false\n", encoding="utf-8")
    store = SettingsStore(tmp_path)
    assert store.settings.bell is False
    assert store.warnings == []
