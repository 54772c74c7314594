"""`supple history import FILE`: merge sessions exported by `supple history --json`.

The file is read a record at a time (`store/export_stream.py`) and merged in batches, so
memory stays that of a batch however long the file; every record is counted once, in one
bucket, and the exit code follows the buckets.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from tui.core.merge import MergeChoice
from tui.core.record import RecordError, SessionRecord
from tui.core.record_check import validate_record
from tui.core.safe_text import terminal_safe
from tui.paths import data_dir
from tui.store.export_stream import ExportError, read_records
from tui.store.history import History, MergeOutcome
from tui.store.regular_file import NotARegularFile, open_regular

SHOWN_PER_KIND = 20  # a merge of two big histories must not flood the terminal
BATCH = 2000  # sessions merged at a time: a few MB of records, a few month files each
REASON_CHARS = 200  # a refusal quotes what it found; a megabyte of it helps no one


class ImportFileError(Exception):
    """The import file cannot be opened."""


@contextmanager
def opened_export(file: str) -> Iterator[BinaryIO]:
    """The export file (or stdin for `-`) opened for reading; raises ImportFileError."""
    if file == "-":
        yield sys.stdin.buffer
        return
    try:
        opened = open_regular(Path(file))  # a FIFO or /dev/zero: refused at once
    except NotARegularFile as exc:
        raise ImportFileError(f"could not read {file}: {exc} (to read a pipe, give -)") from exc
    except OSError as exc:
        raise ImportFileError(f"could not read {file}: {exc.strerror or exc}") from exc
    with opened:
        yield opened


@dataclass
class Tally:
    """Every record of the file so far, each in one bucket."""

    outcome: MergeOutcome = field(default_factory=MergeOutcome)
    refused: list[tuple[int, str]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # ids merged in earlier batches

    def add(self, batch: list[SessionRecord], merged: MergeOutcome) -> None:
        """Count one merged batch; a session already merged from the file counts as repeated."""
        for choice, ids in merged.choices.items():
            for session_id in ids:
                bucket = self.outcome.repeated if session_id in self.seen else None
                (bucket if bucket is not None else self.outcome.choices[choice]).append(session_id)
        self.outcome.unwritten += merged.unwritten
        self.outcome.repeated += merged.repeated
        self.seen.update(record.id for record in batch)


def _say(lines: list[str], more: int) -> None:
    for line in lines:
        print(f"supple: {terminal_safe(line)}", file=sys.stderr)
    if more > 0:
        print(f"supple: … and {more} more like this", file=sys.stderr)


def _merge_file(
    source: BinaryIO, name: str, folder: Path, tally: Tally
) -> tuple[History | None, str | None]:
    """Merge every record `source` holds, batch by batch; the history and why it stopped."""
    history: History | None = None
    batch: list[SessionRecord] = []
    now = datetime.now().astimezone()

    def merge() -> None:
        nonlocal history, batch
        history = history or History(folder)  # no folder is made for a file with no session
        tally.add(batch, history.merge(batch))
        history.forget_month_files()  # a long file must not keep every month in memory
        batch = []

    stopped = None
    try:
        for index, item in enumerate(read_records(source)):
            try:
                batch.append(validate_record(item, now=now))
            except RecordError as exc:
                tally.refused.append((index, str(exc)[:REASON_CHARS]))
            if len(batch) >= BATCH:
                merge()
    except ExportError as exc:
        stopped = f"{name} {exc}"
    except OSError as exc:
        stopped = f"could not read {name}: {exc.strerror or exc}"
    if batch:
        merge()
    return history, stopped


def import_history(args: argparse.Namespace) -> int:
    """Merge the sessions in `args.file` into the history; 1 if any was refused or not written."""
    name = "standard input" if args.file == "-" else args.file
    tally = Tally()
    try:
        with opened_export(args.file) as source:
            history, stopped = _merge_file(source, name, data_dir(args.data_dir), tally)
    except ImportFileError as exc:
        print(f"supple: {terminal_safe(str(exc))}; nothing was imported.", file=sys.stderr)
        return 1
    refused, outcome = tally.refused, tally.outcome
    _say(
        [f"{name}: record {i} refused: {reason}" for i, reason in refused[:SHOWN_PER_KIND]],
        len(refused) - SHOWN_PER_KIND,
    )
    for choice, verdict in (
        (MergeChoice.UPDATE, f"the copy in {name} is more complete and replaced the one here"),
        (MergeChoice.KEEP, f"the copy here is more complete and was kept over the one in {name}"),
    ):
        ids = outcome.choices[choice]
        lines = [f"session {session_id}: {verdict}" for session_id in ids[:SHOWN_PER_KIND]]
        _say(lines, len(ids) - SHOWN_PER_KIND)
    for warning in history.warnings if history is not None else ():
        print(f"supple: {terminal_safe(warning)}", file=sys.stderr)
    read = len(refused) + sum(map(len, outcome.choices.values()))
    read += len(outcome.repeated) + len(outcome.unwritten)
    if stopped is not None:
        after = (
            f"the {read:,} records before it are counted below" if read else "nothing was imported"
        )
        print(f"supple: {terminal_safe(stopped)}; {after}.", file=sys.stderr)
        if not read:
            return 1
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
    return 1 if refused or outcome.unwritten or stopped is not None else 0
