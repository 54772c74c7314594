"""The person's settings, as a small TOML file they may also edit by hand."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from tui.core.routine import Timing
from tui.store.atomic import atomic_write

SETTINGS_FILE = "settings.toml"
# Settings that take one of a few words.
CHOICES = {"voice": ("auto", "on", "off")}


@dataclass(frozen=True)
class Settings:
    """Everything the person can set; defaults suit a first session."""

    theme: str = "textual-dark"
    bell: bool = True  # one bell at a hold's start, two at switch sides, three at a pose's end
    countdown_bells: bool = False  # with the bell: one at each of a hold's last three seconds
    breath_bells: bool = False  # with the bell: one at each Cat-Cow inhale
    voice: str = "auto"  # "on", "off", or "auto": on here, off over SSH
    speech_command: str = ""  # the command that speaks (phrase as last argument); "" = find one
    get_ready_seconds: float = 10.0
    switch_sides_seconds: float = 5.0
    breath_seconds: float = 6.0  # one full breath: half in, half out
    reduced_motion: bool = False
    pain_checkins: bool = True

    def timing(self) -> Timing:
        """The session timing these settings ask for."""
        half = self.breath_seconds / 2
        return Timing(
            get_ready=self.get_ready_seconds,
            switch_sides=self.switch_sides_seconds,
            inhale=half,
            exhale=half,
        )

    def with_changes(self, **changes: Any) -> Settings:
        """A copy with some settings changed."""
        return replace(self, **changes)


class SettingsStore:
    """Reads and writes settings.toml; a file it cannot read is reported and never overwritten."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / SETTINGS_FILE
        self.warnings: list[str] = []
        self._readable = True
        self.settings = self._load()

    def _load(self) -> Settings:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except (OSError, UnicodeDecodeError) as exc:
            return self._unreadable(f"cannot be read ({exc})")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            return self._unreadable(f"is not valid TOML ({exc})")
        return self._from_dict(data)

    def _unreadable(self, problem: str) -> Settings:
        self._readable = False
        self.warnings.append(
            f"Settings file {self.path} {problem}. Using defaults and leaving the file as it is; "
            "fix or delete it to save settings again."
        )
        return Settings()

    def _from_dict(self, data: dict[str, Any]) -> Settings:
        defaults = Settings()
        values: dict[str, Any] = {}
        for f in fields(Settings):
            if f.name not in data:
                continue
            value = data[f.name]
            default = getattr(defaults, f.name)
            if isinstance(default, float) and type(value) is int:
                value = float(value)  # TOML writes 10 for 10.0; both mean the same here
            if type(value) is not type(default) or (isinstance(value, float) and value < 0):
                self._readable = False
                self.warnings.append(
                    f"Settings file {self.path}: key {f.name!r} should be "
                    f"{type(default).__name__} like {default!r}, not {value!r}. Using the default; "
                    "fix the file to save settings again."
                )
                continue
            allowed = CHOICES.get(f.name)
            if allowed is not None and value not in allowed:
                self._readable = False
                self.warnings.append(
                    f"Settings file {self.path}: key {f.name!r} should be one of "
                    f"{', '.join(map(repr, allowed))}, not {value!r}. Using {default!r}; "
                    "fix the file to save settings again."
                )
                continue
            values[f.name] = value
        return Settings(**values)

    def save(self, settings: Settings) -> bool:
        """Keep `settings` in memory and on disk; False if the file could not be written."""
        self.settings = settings
        if not self._readable:
            # The person's file has something we could not read: never overwrite it.
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            import tomli_w  # only when saving: keeps it off every start

            atomic_write(self.path, tomli_w.dumps(asdict(settings)).encode())
        except OSError as exc:
            self.warnings.append(f"Could not save settings to {self.path}: {exc.strerror}.")
            return False
        return True
