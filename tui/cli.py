"""The `supple` command: parse arguments, then run the app or a sub-command."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from tui import paths
from tui.core.safe_text import terminal_safe


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("supple")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


class _LazyVersion(argparse.Action):
    """--version, looked up only when asked: importlib.metadata costs ~25 ms at every start."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(f"supple {_version()}")
        parser.exit()


def _positive_speed(text: str) -> float:
    try:
        speed = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--speed takes a number such as 2 or 0.5, not {text!r}"
        ) from None
    if not 0 < speed <= 1000:
        raise argparse.ArgumentTypeError("--speed must be above 0 and at most 1000")
    return speed


def _figure_width(text: str) -> int:
    if not text.isdigit() or not 8 <= int(text) <= 400:
        raise argparse.ArgumentTypeError(
            f"--width takes a whole number from 8 to 400, not {text!r}"
        )
    return int(text)


def _remote_address(text: str) -> str:
    """`--remote`'s HOST[:PORT], checked as written (whether it can be bound is seen later)."""
    from tui.remote.address import AddressError, parse_address

    try:
        parse_address(text)
    except AddressError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--remote ")) from None
    return text


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The argument parser, shared by `main` and the tests; without `commands`, only the
    app's own options (building the sub-commands' parsers is ~2 ms of every start)."""
    parser = argparse.ArgumentParser(
        prog="supple",
        description="A guided daily stretching routine for hip and back pain.",
    )
    parser.add_argument("--version", action=_LazyVersion, help="show the version and exit")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep history, routines and settings in DIR (default: ${paths.DATA_DIR_ENV}, "
        "else your platform's user data folder)",
    )
    parser.add_argument(
        "--speed",
        type=_positive_speed,
        default=1.0,
        metavar="X",
        help="run every timer X times faster (for demos and trying things out)",
    )
    parser.add_argument(
        "--reduced-motion",
        action="store_true",
        help="update the countdown once a second, without animation",
    )
    parser.add_argument(
        "--mouse",
        action="store_true",
        default=None,
        help="turn mouse support on (off by default over SSH)",
    )
    parser.add_argument(
        "--remote",
        nargs="?",
        const="",
        type=_remote_address,
        metavar="HOST[:PORT]",
        help="serve this session to a phone on your network: a link and QR code to open "
        "(default: this machine's LAN address, a free port; 127.0.0.1:0 for this machine only)",
    )
    today = parser.add_mutually_exclusive_group()
    today.add_argument(
        "--only",
        metavar="ID",
        help="start a session of just this pose at once (a bad day), e.g. --only childs-pose",
    )
    today.add_argument(
        "--from",
        dest="start_from",
        metavar="ID",
        help="start a session from this pose on at once, e.g. --from pigeon",
    )
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    history = sub.add_parser(
        "history",
        help="print your session history",
        description="Print your sessions, newest first: a table, or with --json or --csv a "
        "file another program (or `supple history import`) can read.",
    )
    fmt = history.add_mutually_exclusive_group()
    fmt.add_argument(
        "--json",
        action="store_const",
        const="json",
        dest="format",
        help="a JSON list of sessions, each with its poses (what `history import` reads)",
    )
    fmt.add_argument(
        "--csv",
        action="store_const",
        const="csv",
        dest="format",
        help="one CSV row per session, with a header row (for a spreadsheet)",
    )
    history_sub = history.add_subparsers(dest="history_command", metavar="ACTION")
    merge = history_sub.add_parser(
        "import",
        help="merge sessions from a file written by `supple history --json` (- for stdin)",
    )
    merge.add_argument("file", metavar="FILE")
    poses = sub.add_parser("poses", help="print the figure of each pose (or of one)")
    poses.add_argument("pose_id", metavar="ID", nargs="?", help="only this pose, e.g. pigeon")
    poses.add_argument("--side", choices=("left", "right"), help="the side of a two-sided pose")
    poses.add_argument(
        "--width", type=_figure_width, default=48, metavar="N", help="width in columns (48)"
    )
    poses.add_argument(
        "--breath",
        choices=("in", "out"),
        help="a breath-led pose (Cat-Cow) at the top of the inhale or the end of the exhale",
    )
    poses.add_argument(
        "--svg", action="store_true", help="write the pose's figure as an SVG document instead"
    )
    status = sub.add_parser("status", help="print one line for a shell prompt or login message")
    status.add_argument(
        "--if-not-done",
        action="store_true",
        help="print it only while today's practice is not done (for a prompt or tmux)",
    )
    status.add_argument(
        "--verbose",
        action="store_true",
        help="also say where the data lives and this machine's device id (for synced folders)",
    )
    remind = sub.add_parser(
        "remind",
        help="a daily reminder on days you have not stretched (shows the one set)",
        description="Set, remove or show a daily desktop reminder, run by your system's own "
        "scheduler (a systemd user timer, cron, launchd or Task Scheduler).",
    )
    remind_sub = remind.add_subparsers(dest="remind_command", metavar="ACTION")
    remind_at = remind_sub.add_parser("at", help="remind at this time (HH:MM, 24-hour)")
    remind_at.add_argument("time", metavar="HH:MM")
    remind_at.add_argument(
        "--days", metavar="DAYS", help="only on these days, e.g. mon,wed,fri (default: every day)"
    )
    remind_at.add_argument(
        "--cron", action="store_true", help="add a line to your crontab instead of a timer"
    )
    remind_sub.add_parser("off", help="remove the reminder and everything written for it")
    remind_sub.add_parser(
        "now",
        help="what the timer runs: notify now unless today is done (never starts the app)",
    )
    routine = sub.add_parser("routine", help="export or import a routine as TOML")
    routine_sub = routine.add_subparsers(dest="routine_command", metavar="ACTION", required=True)
    export = routine_sub.add_parser("export", help="write a routine to a TOML file")
    export.add_argument("routine_id", metavar="ID")
    export.add_argument("file", metavar="FILE", help="the file to write (- for standard output)")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    imp = routine_sub.add_parser("import", help="add a routine from a TOML file")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--replace",
        action="store_true",
        help="update your routine with the file's id instead of adding a copy (history stays)",
    )
    _accept_data_dir_anywhere(parser)
    return parser


def _accept_data_dir_anywhere(parser: argparse.ArgumentParser) -> None:
    """Let every sub-command take --data-dir after its name too (`supple history --json
    --data-dir DIR`), as people type it; given there, it wins over one given before."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                command.add_argument(
                    "--data-dir",
                    metavar="DIR",
                    default=argparse.SUPPRESS,  # absent here: keep the one before the command
                    help="as `supple --data-dir DIR` (history, routines and settings in DIR)",
                )
                _accept_data_dir_anywhere(command)


NEEDS_A_TERMINAL = "supple needs a terminal; for scripts use supple history or supple status"


def data_dir_problem(override: str | None) -> str:
    """Why the data folder cannot be one ("" if it can): it, or a folder above it, is a file."""
    chosen = paths.data_dir(override)
    if override:
        what_to_do = "Name a folder with --data-dir DIR (a new one is created), or leave it out"
    else:
        what_to_do = f"Point ${paths.DATA_DIR_ENV} at a folder (a new one is created), or unset it"
    for path in (chosen, *chosen.parents):
        if path.exists() and not path.is_dir():
            inside = "" if path == chosen else f", so {chosen} cannot be made"
            return (
                f"supple: {path} is a file, not a folder{inside}. "
                f"{what_to_do} to use your usual data folder."
            )
        if path.exists():
            break
    return ""


def _asks_for_help(word: str) -> bool:
    # argparse takes a prefix of a long option too: --he is --help.
    return word == "-h" or (len(word) > 2 and "--help".startswith(word))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `supple` command."""
    words = sys.argv[1:] if argv is None else argv
    # Only options (`supple`, `supple --reduced-motion`): the app, whose parser is quicker to
    # build. A word (a command, an option's value, a typo) or a request for help: all of it.
    bare = all(w.startswith("-") and not _asks_for_help(w) for w in words)
    args = build_parser(commands=not bare).parse_args(argv)
    if args.command in ("routine", None):  # `history` and `status` only read: they say so
        problem = data_dir_problem(args.data_dir)
        if problem:
            print(terminal_safe(problem), file=sys.stderr)
            return 2
    if args.command in ("history", "status", "routine", "poses", "remind"):
        # Sub-commands never import Textual: `supple status` runs in a shell prompt.
        from tui import commands

        return commands.run(args)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Textual would draw into a pipe, or hang up on a missing terminal, in escape codes.
        print(NEEDS_A_TERMINAL, file=sys.stderr)
        return 2
    # Starting allocates a few hundred thousand objects that all live on, so the cyclic
    # collector's passes over them are pure cost (about 40 ms of a 350 ms start, measured
    # in bench/startup.py). The app turns it back on once its first screen is drawn.
    gc.disable()
    from tui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
