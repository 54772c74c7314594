"""`supple remind now`, what the timer runs: one notification on a day not yet practised.

It reads what `supple status` reads (the day index) and reminder.json, and stops there
on a day that is done, not chosen, or already reminded. Only when a notification is due
does it read the routine (for its length) and load a notification library. It never
starts the app and never writes history; it notes the day it reminded in reminder.json.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from tui.core.safe_text import terminal_safe
from tui.paths import config_dir, data_dir
from tui.store.day_index import status_of
from tui.store.history import History
from tui.store.reminder_state import ReminderFile, ReminderFileError, ReminderState


def remind_now(args: argparse.Namespace) -> int:
    """Notify if today is a chosen day, not yet practised and not yet reminded; always 0."""
    now = datetime.now().astimezone()
    today = now.date()
    reminder_file = ReminderFile(config_dir(args.data_dir))
    try:
        state = reminder_file.read()
    except ReminderFileError as exc:  # still remind: the file only says when and how
        print(f"supple: {terminal_safe(str(exc))}", file=sys.stderr)
        state = None
    if state is not None and (
        today.isoweekday() not in state.days or state.fired_on() == today.isoformat()
    ):
        return 0
    facts = status_of(History(data_dir(args.data_dir), read_only=True), today)
    if facts.done_today:
        return 0
    from tui.commands.notify import has_desktop, notify
    from tui.core.reminder_text import reminder_text

    if not has_desktop():
        return 0  # an SSH-only server: `status --if-not-done` in a prompt reminds there
    if notify(*reminder_text(_routine_seconds(args.data_dir), facts.streak)):
        _note_fired(reminder_file, state, now)
    return 0


def _routine_seconds(data_override: str | None) -> float | None:
    """How long the person's current routine takes with their timing settings."""
    from tui.core.routine import total_seconds
    from tui.store.routines import RoutineStore
    from tui.store.settings import SettingsStore

    try:
        routine = RoutineStore(data_dir(data_override), read_only=True).load_current()
    except (OSError, ValueError, KeyError):  # a reminder without its length beats none
        return None
    timing = SettingsStore(config_dir(data_override)).settings.timing()
    return total_seconds(routine, timing)


def _note_fired(reminder_file: ReminderFile, state: ReminderState | None, now: datetime) -> None:
    if state is None:
        return  # run by hand with no reminder set: nothing to keep
    try:
        reminder_file.write(state.with_fired(now))
    except OSError as exc:
        print(
            f"supple: could not note the reminder in {reminder_file.path}: {exc}", file=sys.stderr
        )
