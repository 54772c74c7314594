"""The person's settings, as a small TOML file they may also edit by hand."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from tui.core.routine import Timing
from tui.store.atomic import atomic_write
from tui.store.regular_file import read_regular

SETTINGS_FILE = "settings.toml"
MAX_SETTINGS_BYTES = 1_000_000  # a settings file is a few hundred bytes
# Settings that take one of a few words.
CHOICES = {"voice": ("auto", "on", "off")}
# The seconds each number may take, low and high included: a value outside (or inf, nan)
# would make a session that never starts, never ends or cannot be drawn.
RANGES = {
    "get_ready_seconds": (0.0, 60.0),  # time to get into the pose before its hold
    "switch_sides_seconds": (0.0, 30.0),  # time to change sides mid-pose
    "breath_seconds": (2.0, 20.0),  # one breath in and out: hurried at 2 s, very slow at 20 s
}


@dataclass(frozen=True)
class Settings:
    """Everything the person can set; defaults suit a first session."""

    theme: str = "textual-dark"
    bell: bool = True  # 1 bell as a hold begins, 2 + 2 to switch sides, a run of 5 at a pose's end
    countdown_bells: bool = False  # with the bell: one at each of a hold's last three seconds
    breath_bells: bool = False  # with the bell: one at each Cat-Cow inhale
    time_cues: bool = True  # "Halfway" and "10 seconds left" (2 and 3 bells) in long holds
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

    @property
    def writable(self) -> bool:
        """Whether changes are saved: False while the file holds something Supple cannot use."""
        return self._readable

    def _load(self) -> Settings:
        try:
            # A FIFO must not hang the start, nor a link to /dev/zero fill memory.
            data = read_regular(self.path, MAX_SETTINGS_BYTES)
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            return self._unreadable(f"cannot be read ({exc})")
        if len(data) > MAX_SETTINGS_BYTES:
            return self._unreadable("is larger than 1 MB, too large to be a settings file")
        try:
            return self._from_dict(tomllib.loads(data.decode("utf-8")))
        except UnicodeDecodeError as exc:
            return self._unreadable(f"is not UTF-8 text ({exc})")
        except tomllib.TOMLDecodeError as exc:
            return self._unreadable(f"is not valid TOML ({exc})")
        except RecursionError:
            return self._unreadable("is nested too deeply to be a settings file")

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
        known = {f.name for f in fields(Settings)}
        for key in data:
            if key not in known:
                self._reject(
                    f"key {key!r} is not a setting Supple knows (a typo?); it is ignored. "
                    f"The settings are: {', '.join(sorted(known))}."
                )
        for f in fields(Settings):
            if f.name not in data:
                continue
            value = data[f.name]
            default = getattr(defaults, f.name)
            if isinstance(default, float) and type(value) is int:
                value = float(value)  # TOML writes 10 for 10.0; both mean the same here
            problem = _problem(f.name, value, default)
            if problem:
                self._reject(
                    f"key {f.name!r} {problem}, not {shown_value(value, quote_text=True)}. "
                    f"Using {shown_value(default, quote_text=True)}"
                )
                continue
            values[f.name] = value
        return Settings(**values)

    def _reject(self, problem: str) -> None:
        """Warn about one value of the file, and never overwrite the file that holds it."""
        self._readable = False
        self.warnings.append(
            f"Settings file {self.path}: {problem}; fix the file to save settings again."
        )

    def reject_theme(self, allowed: Sequence[str], others: str = "") -> None:
        """The app has no theme of the file's name: use the default and leave the file alone."""
        theme, default = self.settings.theme, Settings().theme
        self.settings = replace(self.settings, theme=default)
        self._reject(
            f"theme {theme!r} is not a theme Supple has. Using {default!r}; the themes are "
            f"{', '.join(map(repr, allowed))}{others}"
        )

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


def _problem(key: str, value: object, default: object) -> str:
    """What is wrong with `value` for setting `key` ("" if nothing): its type, choice or range."""
    if type(value) is not type(default):
        return f"should be {type(default).__name__} like {default!r}"
    allowed = CHOICES.get(key)
    if allowed is not None and value not in allowed:
        return f"should be one of {', '.join(map(repr, allowed))}"
    limits = RANGES.get(key)
    if limits is not None and isinstance(value, float):
        low, high = limits
        if not (math.isfinite(value) and low <= value <= high):
            return f"should be a number of seconds from {low:g} to {high:g}"
    return ""


def shown_value(value: object, *, quote_text: bool = False) -> str:
    """A setting's value as a person reads it: on/off, 10 and 1e+12 (not 10.0 and 1e12).

    Text read from the file is quoted (`quote_text`), which also escapes control characters.
    """
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if quote_text else str(value)
