"""The settings screen's reminder row: the reminder set, a time being chosen, and setting it.

←/→ move a draft time by 15 minutes (past the ends of the day, "off"); Enter sets the
draft through the same code as `supple remind at` / `off`, which runs systemctl and so
belongs on a worker thread (`apply` blocks; everything else stays on the UI thread).
"""

from __future__ import annotations

from pathlib import Path

from tui.commands.remind import Outcome, days_text, read_reminder, remove_reminder, set_reminder
from tui.commands.reminder_units import EVERY_DAY, parse_time
from tui.store.reminder_state import ReminderFileError, ReminderState

OFF = "off"
FIRST_TIME = "07:30"  # where choosing starts when no reminder is set
# A day in quarter hours, "off" between its end and its start.
CHOICES = (OFF, *(f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 15, 30, 45)))


class ReminderRow:
    """The reminder as the settings screen shows and changes it."""

    def __init__(self, folder: Path, data_override: str | None) -> None:
        self.folder = folder
        self.data_override = data_override
        self.draft: str | None = None  # a time (or "off") chosen but not set yet
        self.state: ReminderState | None = None
        self.problem = ""
        self.reload()

    def reload(self) -> None:
        """Read the reminder that is set (after setting it, or another process did)."""
        try:
            self.state, self.problem = read_reminder(self.folder), ""
        except ReminderFileError as exc:
            self.state, self.problem = None, str(exc)

    @property
    def current(self) -> str:
        """The time set, or "off"."""
        return self.state.time if self.state else OFF

    def value(self) -> str:
        """What the row shows, short enough for 80 columns; the hint line names the days."""
        if self.pending:
            return f"{self.draft} (Enter)"
        if self.state is None:
            return OFF
        days = len(self.state.days)
        return f"{self.state.time} {'daily' if days == 7 else f'{days} days a week'}"

    def step(self, direction: int) -> None:
        """Move the draft a quarter hour (from "off", start at 07:30)."""
        start = self.draft if self.draft is not None else self.current
        if start == OFF and self.draft is None:
            self.draft = FIRST_TIME
            return
        if start not in CHOICES:  # a time set by hand, such as 07:10: step from its quarter
            hour, minute = parse_time(start)
            start = f"{hour:02d}:{minute // 15 * 15:02d}"
            direction = max(direction, 0)
        self.draft = CHOICES[(CHOICES.index(start) + direction) % len(CHOICES)]

    @property
    def pending(self) -> bool:
        """Whether the row shows a choice not yet set."""
        return self.draft is not None and self.draft != self.current

    def take_draft(self) -> str | None:
        """The choice to set now, if it changes anything; the row stops showing it."""
        draft, self.draft = self.draft, None
        return draft if draft is not None and draft != self.current else None

    def apply(self, draft: str) -> Outcome:
        """Set the reminder to `draft`, a time or "off" (blocking: it runs systemctl or crontab)."""
        if draft == OFF:
            return remove_reminder(self.folder)
        hour, minute = parse_time(draft)
        days = self.state.days if self.state else EVERY_DAY  # the days chosen stay
        return set_reminder(self.folder, self.data_override, hour, minute, days)

    def hint(self) -> str:
        """The line under the list: how it runs, or why it could not be read."""
        if self.problem:
            return f"Reminder: {self.problem}"
        if self.pending:
            return f"Reminder: Enter sets it to {self.draft} (Esc leaves it as it was)."
        if self.state is None:
            return (
                "Reminder: off. Choose a time with ←/→, then Enter (or `supple remind at 07:30`)."
            )
        last = self.state.last_fired[:10] if self.state.last_fired else "never yet"
        when = f"{self.state.time}, {days_text(self.state.days)}"
        return f"Reminder at {when}, by {_how(self.state)}; last reminded {last}."


def _how(state: ReminderState) -> str:
    return {
        "systemd": "a systemd user timer",
        "cron": "a crontab line",
        "launchd": "a LaunchAgent",
        "schtasks": "a Windows scheduled task",
    }.get(state.method, state.method)
