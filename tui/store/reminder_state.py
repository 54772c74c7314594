"""What `supple remind at` set up and when it last reminded, in `reminder.json`.

    {"time": "07:30", "days": [1, 3, 5], "method": "systemd",
     "files": [".../supple-reminder.timer", ...], "cron_line": null,
     "command": ["/usr/bin/supple", "remind", "now"], "last_fired": "2026-12-04T07:30:02+01:00"}

It lists every file and crontab line that was written, so `supple remind off` removes
exactly those, and `last_fired` keeps the reminder to one a day. It lives beside
settings.toml (the data folder with --data-dir).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.store.atomic import atomic_write

REMINDER_FILE = "reminder.json"
METHODS = ("systemd", "cron", "launchd", "schtasks")
MAX_BYTES = 100_000  # a few hundred bytes; a link to /dev/zero must not fill memory


@dataclass(frozen=True)
class ReminderState:
    """A reminder that is set: when, how it was installed, and what was written for it."""

    time: str
    days: tuple[int, ...]
    method: str
    command: tuple[str, ...]
    files: tuple[str, ...] = ()
    cron_line: str | None = None
    last_fired: str | None = None  # ISO 8601 with offset: when a notification last went out

    def fired_on(self) -> str | None:
        """The local date ("2026-12-04") of the last notification, if any."""
        return self.last_fired[:10] if self.last_fired else None

    def with_fired(self, when: datetime) -> ReminderState:
        """The same reminder, noting a notification sent at `when`."""
        return replace(self, last_fired=when.isoformat(timespec="seconds"))


class ReminderFileError(Exception):
    """reminder.json exists but cannot be used; the message names it and says what to do."""


@dataclass
class ReminderFile:
    """reminder.json in one folder."""

    folder: Path
    path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.path = self.folder / REMINDER_FILE

    def read(self) -> ReminderState | None:
        """The reminder set, None if none; ReminderFileError if the file cannot be used."""
        try:
            with self.path.open("rb") as file:
                data = file.read(MAX_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._error(f"cannot be read ({exc.strerror})") from exc
        try:
            if len(data) > MAX_BYTES:
                raise ValueError("too large")
            return _state(json.loads(data))
        except (ValueError, TypeError, KeyError) as exc:
            raise self._error("is not a reminder Supple wrote") from exc

    def write(self, state: ReminderState) -> None:
        """Replace the file whole with `state` (OSError if the folder cannot be written)."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(state).items()}
        atomic_write(self.path, json.dumps(data, indent=2).encode() + b"\n")

    def remove(self) -> None:
        """Forget the reminder (nothing to do if there is none)."""
        self.path.unlink(missing_ok=True)

    def _error(self, problem: str) -> ReminderFileError:
        return ReminderFileError(
            f"{self.path} {problem}. Remove it by hand, and any supple-reminder timer or "
            "crontab line it listed, then run `supple remind at HH:MM` again."
        )


def _state(data: Any) -> ReminderState:
    """The state in a decoded file; ValueError, TypeError or KeyError if it is not one."""
    days = tuple(data["days"])
    files = tuple(data.get("files") or ())
    command = tuple(data["command"])
    state = ReminderState(
        time=data["time"],
        days=days,
        method=data["method"],
        command=command,
        files=files,
        cron_line=data.get("cron_line"),
        last_fired=data.get("last_fired"),
    )
    texts = (state.time, state.method, *files, *command)
    if not all(isinstance(t, str) for t in texts) or state.method not in METHODS:
        raise ValueError("not a reminder")
    if not all(type(d) is int and 1 <= d <= 7 for d in days) or not days:
        raise ValueError("not a reminder")
    for optional in (state.cron_line, state.last_fired):
        if optional is not None and not isinstance(optional, str):
            raise ValueError("not a reminder")
    return state
