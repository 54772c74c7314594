"""`supple remind [at HH:MM | off]`: set, remove or describe the daily reminder."""

from __future__ import annotations

import argparse
import sys

from tui.commands import reminder_install as installer
from tui.commands.reminder_units import (
    EVERY_DAY,
    Reminder,
    ReminderError,
    crontab_line,
    parse_days,
    parse_time,
)
from tui.core.safe_text import terminal_safe
from tui.paths import config_dir
from tui.store.reminder_state import ReminderFile, ReminderFileError, ReminderState

PROMPT_HINT = (
    "Over SSH, `supple status --if-not-done` in your shell's start-up file or tmux status "
    "line shows it where you already look (the README has one-line snippets)."
)


def run_remind(args: argparse.Namespace) -> int:
    """Run `remind`, `remind at` or `remind off`; the exit code."""
    action = getattr(args, "remind_command", None)
    if action == "at":
        return set_reminder(args)
    if action == "off":
        return remove_reminder(args)
    return show_reminder(args)


def _say(text: str, *, error: bool = False) -> None:
    """Print a message; paths and commands may hold anything, so never raw to a terminal."""
    print(terminal_safe(text, keep_newlines=True), file=sys.stderr if error else sys.stdout)


def describe_method(state: ReminderState) -> str:
    """How the reminder runs, in a person's words, naming what was written."""
    if state.method == "systemd":
        return "a systemd user timer: " + " and ".join(state.files)
    if state.method == "cron":
        return f"a line in your crontab: {state.cron_line}"
    if state.method == "launchd":
        return "a LaunchAgent: " + " and ".join(state.files)
    return r"a Windows scheduled task, Supple\Reminder"


def days_text(days: tuple[int, ...]) -> str:
    """ "every day" or "Mon, Wed, Fri"."""
    return Reminder(0, 0, days, ()).days_text


def show_reminder(args: argparse.Namespace) -> int:
    """Say what reminder is set, how, and when it last reminded."""
    reminder_file = ReminderFile(config_dir(args.data_dir))
    try:
        state = reminder_file.read()
    except ReminderFileError as exc:
        _say(f"supple: {exc}", error=True)
        return 1
    if state is None:
        _say(
            "No reminder is set. `supple remind at 07:30` reminds you at 07:30 on each day "
            "you have not stretched by then (add --days mon,wed,fri for only those days)."
        )
        return 0
    missing = [f for f in state.files if not _exists(f)]
    last = state.last_fired.replace("T", " ")[:16] if state.last_fired else "never yet"
    lines = [
        f"Reminder: {state.time}, {days_text(state.days)}, on a day you have not stretched yet.",
        f"How: {describe_method(state)}",
        f"Runs: {' '.join(state.command)}",
        f"Last reminded: {last}",
    ]
    if missing:
        lines.append(
            f"Missing: {', '.join(missing)} (removed by hand?); "
            f"`supple remind at {state.time}` sets it up again."
        )
    _say("\n".join(lines))
    return 0


def _exists(name: str) -> bool:
    from pathlib import Path

    return Path(name).exists()


def set_reminder(args: argparse.Namespace) -> int:
    """Set (or move) the reminder; 0 when it is set, else why not on standard error."""
    try:
        hour, minute = parse_time(args.time)
        days = parse_days(args.days) if args.days else EVERY_DAY
    except ReminderError as exc:
        _say(f"supple: {exc}", error=True)
        return 2
    reminder = Reminder(hour, minute, days, installer.reminder_command(args.data_dir))
    reminder_file = ReminderFile(config_dir(args.data_dir))
    try:
        old = reminder_file.read()
    except ReminderFileError as exc:
        _say(f"supple: {exc}", error=True)
        return 1
    method = "cron" if args.cron else installer.native_method()
    if method == "systemd":
        problem = installer.user_manager_problem()
        if problem:
            _offer_cron(reminder, problem)
            return 1
    try:
        state = installer.install(reminder, method, old.last_fired if old else None)
    except installer.InstallError as exc:
        _say(f"supple: {exc}. The reminder was not set.", error=True)
        return 1
    problems = []
    # Undo the old reminder where the new one did not simply take its place.
    if old is not None and (old.method != method or old.cron_line != state.cron_line):
        problems = installer.remove(old)
    try:
        reminder_file.write(state)
    except OSError as exc:
        installer.remove(state)  # never leave a timer that `off` could not find
        _say(
            f"supple: could not write {reminder_file.path} ({exc.strerror}); "
            "the reminder was not set.",
            error=True,
        )
        return 1
    _say(
        f"Reminder set: {reminder.time_text}, {reminder.days_text}. On a day you have not "
        f"stretched by then, one desktop notification.\nHow: {describe_method(state)}"
    )
    if method == "cron":
        _say(PROMPT_HINT)
    for problem in problems:
        _say(f"supple: the old reminder: {problem}", error=True)
    return 0


def _offer_cron(reminder: Reminder, problem: str) -> None:
    _say(
        f"supple: no systemd user manager here ({problem}), so there is no timer to set "
        "(SSH-only servers, containers and WSL1 have none). Nothing was changed.\n"
        f"Cron can run the reminder instead: `supple remind at {reminder.time_text}"
        f"{' --days ' + reminder.days_option if reminder.days_option else ''} --cron` "
        f"adds this line to your crontab (or add it yourself with `crontab -e`):\n"
        f"  {crontab_line(reminder)}\n{PROMPT_HINT}",
        error=True,
    )


def remove_reminder(args: argparse.Namespace) -> int:
    """Remove the reminder and everything written for it; 1 if something was left behind."""
    reminder_file = ReminderFile(config_dir(args.data_dir))
    try:
        state = reminder_file.read()
    except ReminderFileError as exc:
        _say(f"supple: {exc}", error=True)
        return 1
    if state is None:
        leftovers = installer.leftover_units() if installer.native_method() == "systemd" else ()
        if not leftovers:
            _say("No reminder is set; nothing to remove.")
            return 0
        problems = installer.remove_systemd(leftovers)
        removed = " and ".join(leftovers)
    else:
        problems = installer.remove(state)
        removed = describe_method(state)
        reminder_file.remove()
    _say(f"Reminder removed ({removed}).")
    for problem in problems:
        _say(f"supple: {problem}", error=True)
    return 1 if problems else 0
