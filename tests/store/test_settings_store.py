"""settings.toml: defaults, round trip, and a file it cannot read is reported and left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.store.settings import RANGES, SETTINGS_FILE, Settings, SettingsStore


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


@pytest.mark.parametrize(
    ("text", "key", "value", "allowed"),
    [
        ("get_ready_seconds = inf\n", "'get_ready_seconds'", "not inf", "from 0 to 60"),
        ("get_ready_seconds = nan\n", "'get_ready_seconds'", "not nan", "from 0 to 60"),
        ("get_ready_seconds = 1e309\n", "'get_ready_seconds'", "not inf", "from 0 to 60"),
        ("get_ready_seconds = 61\n", "'get_ready_seconds'", "not 61", "from 0 to 60"),
        ("breath_seconds = inf\n", "'breath_seconds'", "not inf", "from 2 to 20"),
        ("breath_seconds = 1\n", "'breath_seconds'", "not 1.", "from 2 to 20"),
        ("switch_sides_seconds = -inf\n", "'switch_sides_seconds'", "not -inf", "from 0 to 30"),
        ("switch_sides_seconds = 1e12\n", "'switch_sides_seconds'", "not 1e+12", "from 0 to 30"),
    ],
)
def test_numbers_out_of_range_use_the_default_and_name_the_range(
    tmp_path: Path, text: str, key: str, value: str, allowed: str
) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text(text + "bell = false\n", encoding="utf-8")
    store = SettingsStore(tmp_path)
    assert store.settings == Settings(bell=False)  # the rest of the file still counts
    (warning,) = store.warnings
    assert str(path) in warning and key in warning and allowed in warning
    assert value in warning
    assert not store.save(Settings())
    assert path.read_text(encoding="utf-8") == text + "bell = false\n"


def test_every_range_holds_its_default() -> None:
    defaults = Settings()
    for key, (low, high) in RANGES.items():
        assert low <= getattr(defaults, key) <= high


def test_unknown_key_is_named_and_the_file_kept(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text("get_ready_second = 3\nbell = false\n", encoding="utf-8")
    store = SettingsStore(tmp_path)
    assert store.settings == Settings(bell=False)
    (warning,) = store.warnings
    assert str(path) in warning and "'get_ready_second'" in warning
    assert "get_ready_seconds" in warning  # the settings it may have meant
    assert not store.save(Settings())  # saving would drop the person's line
    assert path.read_text(encoding="utf-8") == "get_ready_second = 3\nbell = false\n"


def test_unknown_theme_is_named_with_the_themes_and_the_file_kept(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text('theme = "solarised"\n', encoding="utf-8")
    store = SettingsStore(tmp_path)
    assert store.warnings == []  # the store cannot know the app's themes
    store.reject_theme(["textual-dark", "supple-high-contrast"])
    assert store.settings == Settings()
    (warning,) = store.warnings
    assert str(path) in warning and "theme 'solarised'" in warning
    assert "'textual-dark', 'supple-high-contrast'" in warning
    assert not store.save(Settings())
    assert path.read_text(encoding="utf-8") == 'theme = "solarised"\n'


def test_a_huge_or_deeply_nested_file_is_named_and_kept(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    for text, says in [
        ("bell = true\n" + "#" * 1_000_001, "larger than 1 MB"),
        ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    ]:
        path.write_text(text, encoding="utf-8")
        store = SettingsStore(tmp_path)
        assert store.settings == Settings()
        (warning,) = store.warnings
        assert str(path) in warning and says in warning
        assert not store.writable and not store.save(Settings(bell=False))
        assert path.read_text(encoding="utf-8") == text
