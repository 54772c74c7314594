"""`supple remind [at HH:MM | off]`: set, remove or describe the daily reminder.

The actions return what to say rather than printing it, so the settings screen sets the
time through the same code as the command line.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class Outcome:
    """What an action did: its exit code, what to tell, and what went wrong."""

    code: int = 0
    said: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def failed(self, code: int, problem: str) -> Outcome:
        """This outcome, ended by `problem`."""
        self.code = code
        self.problems.append(problem)
        return self


def run_remind(args: argparse.Namespace) -> int:
    """Run `remind`, `remind at` or `remind off`, print what it says; the exit code."""
    folder = config_dir(args.data_dir)
    action = getattr(args, "remind_command", None)
    if action == "at":
        try:
            hour, minute = parse_time(args.time)
            days = parse_days(args.days) if args.days else EVERY_DAY
        except ReminderError as exc:
            outcome = Outcome().failed(2, str(exc))
        else:
            outcome = set_reminder(folder, args.data_dir, hour, minute, days, cron=args.cron)
    elif action == "off":
        outcome = remove_reminder(folder)
    else:
        outcome = show_reminder(folder)
    for line in outcome.said:
        print(terminal_safe(line, keep_newlines=True))
    for problem in outcome.problems:
        # Paths and commands may hold anything: never raw to a terminal.
        print(terminal_safe(f"supple: {problem}", keep_newlines=True), file=sys.stderr)
    return outcome.code


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


def read_reminder(folder: Path) -> ReminderState | None:
    """The reminder set in `folder` (ReminderFileError if its file cannot be used)."""
    return ReminderFile(folder).read()


def show_reminder(folder: Path) -> Outcome:
    """What reminder is set, how, and when it last reminded."""
    try:
        state = read_reminder(folder)
    except ReminderFileError as exc:
        return Outcome().failed(1, str(exc))
    if state is None:
        return Outcome(
            said=[
                "No reminder is set. `supple remind at 07:30` reminds you at 07:30 on each day "
                "you have not stretched by then (add --days mon,wed,fri for only those days)."
            ]
        )
    last = state.last_fired.replace("T", " ")[:16] if state.last_fired else "never yet"
    said = [
        f"Reminder: {state.time}, {days_text(state.days)}, on a day you have not stretched yet.",
        f"How: {describe_method(state)}",
        f"Runs: {' '.join(state.command)}",
        f"Last reminded: {last}",
    ]
    missing = [f for f in state.files if not Path(f).exists()]
    if missing:
        said.append(
            f"Missing: {', '.join(missing)} (removed by hand?); "
            f"`supple remind at {state.time}` sets it up again."
        )
    return Outcome(said=said)


def set_reminder(
    folder: Path,
    data_override: str | None,
    hour: int,
    minute: int,
    days: tuple[int, ...] = EVERY_DAY,
    *,
    cron: bool = False,
) -> Outcome:
    """Set (or move) the reminder kept in `folder`; code 0 when it is set."""
    reminder = Reminder(hour, minute, days, installer.reminder_command(data_override))
    reminder_file = ReminderFile(folder)
    try:
        old = reminder_file.read()
    except ReminderFileError as exc:
        return Outcome().failed(1, str(exc))
    method = "cron" if cron else installer.native_method()
    if method == "systemd":
        problem = installer.user_manager_problem()
        if problem:
            return Outcome().failed(1, _cron_offer(reminder, problem))
    try:
        state = installer.install(reminder, method, old.last_fired if old else None)
    except installer.InstallError as exc:
        return Outcome().failed(1, f"{exc}. The reminder was not set.")
    outcome = Outcome()
    # Undo the old reminder where the new one did not simply take its place.
    if old is not None and (old.method != method or old.cron_line != state.cron_line):
        outcome.problems += [f"the old reminder: {p}" for p in installer.remove(old)]
    try:
        reminder_file.write(state)
    except OSError as exc:
        installer.remove(state)  # never leave a timer that `off` could not find
        return outcome.failed(
            1, f"could not write {reminder_file.path} ({exc.strerror}); the reminder was not set."
        )
    outcome.said.append(
        f"Reminder set: {reminder.time_text}, {reminder.days_text}. On a day you have not "
        f"stretched by then, one desktop notification.\nHow: {describe_method(state)}"
    )
    if method == "cron":
        outcome.said.append(PROMPT_HINT)
    return outcome


def _cron_offer(reminder: Reminder, problem: str) -> str:
    days = f" --days {reminder.days_option}" if reminder.days_option else ""
    return (
        f"no systemd user manager here ({problem}), so there is no timer to set "
        "(SSH-only servers, containers and WSL1 have none). Nothing was changed.\n"
        f"Cron can run the reminder instead: `supple remind at {reminder.time_text}{days} "
        "--cron` adds this line to your crontab (or add it yourself with `crontab -e`):\n"
        f"  {crontab_line(reminder)}\n{PROMPT_HINT}"
    )


def remove_reminder(folder: Path) -> Outcome:
    """Remove the reminder and everything written for it; code 1 if something was left."""
    reminder_file = ReminderFile(folder)
    try:
        state = reminder_file.read()
    except ReminderFileError as exc:
        return Outcome().failed(1, str(exc))
    if state is None:
        leftovers = installer.leftover_units() if installer.native_method() == "systemd" else ()
        if not leftovers:
            return Outcome(said=["No reminder is set; nothing to remove."])
        problems = installer.remove_systemd(leftovers)
        removed = " and ".join(leftovers)
    else:
        problems = installer.remove(state)
        removed = describe_method(state)
        reminder_file.remove()
    return Outcome(
        code=1 if problems else 0, said=[f"Reminder removed ({removed})."], problems=problems
    )
