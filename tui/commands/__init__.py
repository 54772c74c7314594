"""Sub-commands that print and exit; none of them imports Textual."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    """Run the sub-command named in `args` and return the exit code."""
    if args.command == "history" and getattr(args, "history_command", None) == "import":
        from tui.commands.history_import import import_history

        return import_history(args)
    if args.command == "history":
        from tui.commands.history import print_history

        return print_history(args)
    if args.command == "poses":
        from tui.commands.poses import print_poses

        return print_poses(args)
    if args.command == "remind" and args.remind_command == "now":
        # What the timer runs: kept to what `status` reads until a notification is due.
        from tui.commands.remind_now import remind_now

        return remind_now(args)
    if args.command == "remind":
        from tui.commands.remind import run_remind

        return run_remind(args)
    if args.command == "status":
        from tui.commands.history import print_status

        return print_status(args)
    from tui.commands.routine import run_routine_command

    return run_routine_command(args)
