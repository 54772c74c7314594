"""`supple history` and `supple status`: print the history without starting the app."""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TextIO

import orjson

from tui.core.pain_text import pain_change
from tui.core.record import SessionRecord, SessionSummary
from tui.core.routine import Timing, format_duration
from tui.core.safe_text import terminal_safe
from tui.core.stats import StatusFacts
from tui.paths import config_dir, data_dir
from tui.store.day_index import status_of
from tui.store.device import device_file
from tui.store.history import History
from tui.store.privacy import exposure_warning
from tui.store.settings import SettingsStore

# Stable column names of `supple history --csv` (documented in the README).
CSV_FIELDS = (
    "id",
    "routine_id",
    "routine_name",
    "started_at",
    "ended_at",
    "status",
    "planned_seconds",
    "active_seconds",
    "poses_done",
    "poses_total",
    "pain_before",
    "pain_after",
    "note",
    "holds_done",
    "holds_total",
    "speed",
    "pain_where",
    "pain_note",
)
# The widest routine name the table shows, so a row fits 80 columns (--csv and --json have all).
ROUTINE_CELLS = 24
# Read from the record's counts (what the summary, history screen and status also use).
_COUNTED = frozenset(("poses_done", "poses_total", "holds_done", "holds_total"))


def _cut(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells, ending in … when it was longer."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"  # a half wide character is dropped


def history_table(summaries: Sequence[SessionSummary]) -> list[str]:
    """The plain-text table of `supple history`, one line per session, newest first."""
    header = ("Date", "Routine", "Held", "Poses", "Holds", "Pain", "Status")
    rows = [
        (
            s.started_at.strftime("%Y-%m-%d %H:%M"),
            _cut(terminal_safe(s.routine_name), ROUTINE_CELLS),
            format_duration(s.active_seconds),
            f"{s.poses_done}/{s.poses_total}",
            f"{s.holds_done}/{s.holds_total}",
            pain_change(s.pain_before, s.pain_after),
            f"{s.status} (demo)" if s.is_demo else str(s.status),
        )
        for s in summaries
    ]
    # Widths in terminal cells, not characters: a CJK or emoji name takes two cells a
    # character, and every column must still start at the same place.
    from rich.cells import cell_len  # only for the table: --json, --csv and status skip it

    widths = [max(cell_len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    return [
        "  ".join(
            cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in (header, *rows)
    ]


def csv_row(record: SessionRecord) -> dict[str, Any]:
    """One session as a `--csv` row."""
    row: dict[str, Any] = {}
    counts = record.counts
    for name in CSV_FIELDS:
        value = getattr(counts if name in _COUNTED else record, name)
        if isinstance(value, datetime):
            value = value.isoformat()
        # Text from a file (names, notes) must not reach a terminal with its control codes.
        row[name] = (
            "" if value is None else terminal_safe(value) if isinstance(value, str) else value
        )
    return row


def _print_warnings(history: History) -> None:
    for warning in [*history.notices, *history.warnings]:
        print(f"supple: {terminal_safe(warning)}", file=sys.stderr)


def _write(out: TextIO, text: str) -> None:
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:  # `supple history | head`: the reader has all it wants
        _silence_stdout()


def _silence_stdout() -> None:
    # Python would otherwise complain again when it flushes stdout at exit.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# JSON escapes C0 controls but leaves DEL, the C1 controls (U+0080-U+009F, whose CSI and
# OSC a terminal may obey) and the bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069,
# which reorder what a person reads) as raw bytes; a \u escape means the same text to every
# reader.
_UNESCAPED_CONTROL = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def _json_escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode())


def json_chunks(records: Iterable[SessionRecord]) -> Iterator[bytes]:
    """One JSON document (a list, newest first, indented by two) written record by record."""
    first = True
    for record in records:
        # orjson encodes the dataclass itself: `asdict` + `json.dumps` was ~90 % of the time.
        item = orjson.dumps(record, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n  ")
        if b"\x7f" in item or b"\xc2" in item or b"\xe2" in item:
            item = _UNESCAPED_CONTROL.sub(_json_escape, item)
        yield (b"[\n  " if first else b",\n  ") + item
        first = False
    yield b"[]\n" if first else b"\n]\n"


def _stream_json(history: History) -> None:
    out = sys.stdout.buffer
    try:
        for chunk in json_chunks(history.stream_sessions()):
            out.write(chunk)
        out.flush()
    except BrokenPipeError:
        _silence_stdout()


def _stream_csv(history: History) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, lineterminator="\n")
    try:
        writer.writeheader()
        writer.writerows(csv_row(r) for r in history.stream_sessions())
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def print_history(args: argparse.Namespace) -> int:
    """Print every session, newest first, as a table, JSON or CSV; 1 if some could not be read."""
    folder = data_dir(args.data_dir)
    history = History(folder, read_only=True)
    fmt = getattr(args, "format", None)
    if fmt == "json":
        _stream_json(history)
    elif fmt == "csv":
        _stream_csv(history)
    else:
        summaries = history.summaries()
        text = "\n".join(history_table(summaries)) if summaries else _nothing_shown(history)
        _write(sys.stdout, text + "\n")
    incomplete = bool(history.warnings)  # in read-only use, every warning is something unread
    _print_warnings(history)
    exposed = exposure_warning(folder)
    if exposed:  # said here, where a person looks at their history, not in a shell prompt
        print(f"supple: {terminal_safe(exposed)}", file=sys.stderr)
    return 1 if incomplete else 0


def _nothing_shown(history: History) -> str:
    if history.warnings:  # the folder or its files could not be read: not an empty history
        return "No sessions could be read; the messages below say why."
    return "No sessions yet."


def status_line(facts: StatusFacts, timing: Callable[[], Timing] = Timing) -> str:
    """The one-line status, such as "supple: 5-day streak · not done today (≈9 min)".

    The estimate counts as the main screen's total does: the newest completed session's
    holds with its get-ready and side-switch pauses, at `timing` (read only when needed).
    """
    if not facts.has_sessions:
        return "supple: no sessions yet"
    streak = facts.streak
    head = f"supple: {streak:,}-day streak" if streak else "supple: no current streak"
    if facts.done_today:
        return f"{head} · done today"
    plan = facts.last_completed
    seconds = plan.in_all(timing()) if plan is not None and plan.hold_seconds else 0
    estimate = f" (≈{max(1, round(seconds / 60))} min)" if seconds else ""
    return f"{head} · not done today{estimate}"


def print_status(args: argparse.Namespace) -> int:
    """Print the one-line status for a shell prompt (with --if-not-done, only then); always 0."""
    history = History(data_dir(args.data_dir), read_only=True)
    today = datetime.now().astimezone().date()
    facts = status_of(history, today)
    if not facts.has_sessions and history.warnings:  # unreadable, not empty: never "none yet"
        line = "supple: could not read your history (see the message below)"
    elif facts.done_today and getattr(args, "if_not_done", False):
        line = ""  # a prompt or tmux line says nothing once today is done
    else:
        # The get-ready and side-switch seconds the person set, as the main screen uses them.
        line = status_line(
            facts, lambda: SettingsStore(config_dir(args.data_dir)).settings.timing()
        )
    if line:
        _write(sys.stdout, line + "\n")
    if getattr(args, "verbose", False):
        _write(sys.stdout, "\n".join(where_data_lives(history)) + "\n")
    for warning in history.warnings:  # a conflict copy's notice waits for `supple history`
        print(f"supple: {terminal_safe(warning)}", file=sys.stderr)
    return 0


def where_data_lives(history: History) -> list[str]:
    """Lines naming the data folder, this machine's device id and every device folder seen."""
    own = history.device or f"none yet (made at the first start, kept in {device_file()})"
    devices = sorted(
        {file.device or "(from before device folders)" for file in history.month_files()}
    )
    return [
        f"data folder: {terminal_safe(str(history.root.parent))}",
        f"this machine's device id: {terminal_safe(own)}"
        + (f" (kept in {terminal_safe(str(device_file()))})" if history.device else ""),
        "history from: " + (", ".join(terminal_safe(d) for d in devices) or "no sessions yet"),
    ]
