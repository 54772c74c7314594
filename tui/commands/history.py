"""`supple history` and `supple status`: print the history without starting the app."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from tui.core.record import SessionRecord, SessionSummary, to_dict
from tui.core.stats import current_streak, done_on, last_completed_seconds
from tui.paths import data_dir
from tui.store.history import History

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
)
STATUS_LOOKBACK_DAYS = 62


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _pain(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    return f"{'-' if before is None else before} → {'-' if after is None else after}"


def history_table(summaries: Sequence[SessionSummary]) -> list[str]:
    """The plain-text table of `supple history`, one line per session, newest first."""
    header = ("Date", "Routine", "Time", "Poses", "Pain", "Status")
    rows = [
        (
            s.started_at.strftime("%Y-%m-%d %H:%M"),
            s.routine_name,
            _duration(s.active_seconds),
            f"{s.poses_done}/{s.poses_total}",
            _pain(s.pain_before, s.pain_after),
            str(s.status),
        )
        for s in summaries
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]


def csv_row(record: SessionRecord) -> dict[str, Any]:
    """One session as a `--csv` row."""
    data = to_dict(record)
    data["poses_done"] = record.poses_done
    data["poses_total"] = len(record.poses)
    return {field: "" if data[field] is None else data[field] for field in CSV_FIELDS}


def _print_warnings(history: History) -> None:
    for warning in history.warnings:
        print(f"supple: {warning}", file=sys.stderr)


def _write(out: TextIO, text: str) -> None:
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:  # `supple history | head`: the reader has all it wants
        _silence_stdout()


def _silence_stdout() -> None:
    # Python would otherwise complain again when it flushes stdout at exit.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def print_history(args: argparse.Namespace) -> int:
    """Print every session, newest first, as a table, JSON or CSV."""
    history = History(data_dir(args.data_dir), create=False)
    fmt = getattr(args, "format", None)
    if fmt == "json":
        records = [to_dict(r) for r in history.sessions()]
        _write(sys.stdout, json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, lineterminator="\n")
        try:
            writer.writeheader()
            writer.writerows(csv_row(r) for r in history.sessions())
        except BrokenPipeError:
            _silence_stdout()
    else:
        summaries = history.summaries()
        text = "\n".join(history_table(summaries)) if summaries else "No sessions yet."
        _write(sys.stdout, text + "\n")
    _print_warnings(history)
    return 0


def status_line(summaries: Sequence[SessionSummary], today: date) -> str:
    """The one-line status, such as "supple: 5-day streak · not done today (≈9 min)"."""
    if not summaries:
        return "supple: no sessions yet"
    streak = current_streak(summaries, today)
    head = f"supple: {streak}-day streak" if streak else "supple: no current streak"
    if done_on(summaries, today):
        return f"{head} · done today"
    seconds = last_completed_seconds(summaries)
    estimate = f" (≈{max(1, round(seconds / 60))} min)" if seconds else ""
    return f"{head} · not done today{estimate}"


def print_status(args: argparse.Namespace) -> int:
    """Print the one-line status for a shell prompt; always exits 0."""
    history = History(data_dir(args.data_dir), create=False)
    today = datetime.now().astimezone().date()
    summaries = history.summaries(since=today - timedelta(days=STATUS_LOOKBACK_DAYS))
    if current_streak(summaries, today) >= STATUS_LOOKBACK_DAYS - 31:
        summaries = history.summaries()  # a long streak: count it all the way back
    _write(sys.stdout, status_line(summaries, today) + "\n")
    _print_warnings(history)
    return 0
