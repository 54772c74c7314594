"""`supple history import FILE`: merge sessions exported by `supple history --json`."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

import orjson

from tui.core.merge import MergeChoice
from tui.core.record import RecordError, SessionRecord
from tui.core.record_check import validate_record
from tui.core.safe_text import terminal_safe
from tui.paths import data_dir
from tui.store.history import History
from tui.store.regular_file import NotARegularFile, open_regular

SHOWN_PER_KIND = 20  # a merge of two big histories must not flood the terminal


class ImportFileError(Exception):
    """The import file cannot be read as a list of sessions at all."""


def read_export(file: str) -> list[object]:
    """The items of an export file (or of stdin for `-`); raises ImportFileError."""
    name = "standard input" if file == "-" else file
    try:
        if file == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open_regular(Path(file)) as opened:  # a FIFO or /dev/zero: refused at once
                raw = opened.read()
    except NotARegularFile as exc:
        raise ImportFileError(f"could not read {name}: {exc} (to read a pipe, give -)") from exc
    except OSError as exc:
        raise ImportFileError(f"could not read {name}: {exc.strerror or exc}") from exc
    try:
        items = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ImportFileError(f"{name} is not valid JSON ({exc})") from exc
    if not isinstance(items, list):
        raise ImportFileError(
            f"{name} is not a list of sessions; give it a file written by `supple history --json`"
        )
    return items


def validate_all(items: list[object]) -> tuple[list[SessionRecord], list[tuple[int, str]]]:
    """The valid records, and (index, reason) for each item refused."""
    records: list[SessionRecord] = []
    refused: list[tuple[int, str]] = []
    now = datetime.now().astimezone()
    for index, item in enumerate(items):
        try:
            records.append(validate_record(item, now=now))
        except RecordError as exc:
            refused.append((index, str(exc)))
    return records, refused


def _say(lines: list[str], more: int) -> None:
    for line in lines:
        print(f"supple: {terminal_safe(line)}", file=sys.stderr)
    if more > 0:
        print(f"supple: … and {more} more like this", file=sys.stderr)


def import_history(args: argparse.Namespace) -> int:
    """Merge the sessions in `args.file` into the history; 1 if any was refused or not written."""
    name = "standard input" if args.file == "-" else args.file
    try:
        items = read_export(args.file)
    except ImportFileError as exc:
        print(f"supple: {terminal_safe(str(exc))}; nothing was imported.", file=sys.stderr)
        return 1
    records, refused = validate_all(items)
    _say(
        [f"{name}: record {i} refused: {reason}" for i, reason in refused[:SHOWN_PER_KIND]],
        len(refused) - SHOWN_PER_KIND,
    )
    history = History(data_dir(args.data_dir))
    outcome = history.merge(records)
    for choice, verdict in (
        (MergeChoice.UPDATE, f"the copy in {name} is more complete and replaced the one here"),
        (MergeChoice.KEEP, f"the copy here is more complete and was kept over the one in {name}"),
    ):
        ids = outcome.choices[choice]
        lines = [f"session {session_id}: {verdict}" for session_id in ids[:SHOWN_PER_KIND]]
        _say(lines, len(ids) - SHOWN_PER_KIND)
    for warning in history.warnings:
        print(f"supple: {terminal_safe(warning)}", file=sys.stderr)
    present = outcome.count(MergeChoice.SAME) + outcome.count(MergeChoice.KEEP)
    # Every record of the file in exactly one of these, so they add up to its length.
    print(
        f"Imported {terminal_safe(name)}: {outcome.count(MergeChoice.ADD)} added, "
        f"{present} already present, {outcome.count(MergeChoice.UPDATE)} updated, "
        f"{len(refused)} refused"
        + (f", {len(outcome.repeated)} repeated in the file" if outcome.repeated else "")
        + (f", {len(outcome.unwritten)} not written." if outcome.unwritten else ".")
    )
    # Only what was not imported fails: a warning (such as the privacy notice) is said above.
    return 1 if refused or outcome.unwritten else 0
