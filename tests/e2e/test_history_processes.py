"""Real processes sharing one history: concurrent writers, and writers killed mid-save."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from tui.core.record import Status
from tui.store.history import History

# The child saves sessions and says so on stdout after each save returns.
WRITER = """
import sys
from datetime import datetime, timedelta, timezone
from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.store.history import History

data_dir, prefix, count, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
history = History(data_dir)
start = datetime(2026, 10, 20, 7, 0, tzinfo=timezone(timedelta(hours=2)))
pose = PoseRecord("pigeon", "left", 60.0, 60.0, Outcome.DONE)
for n in range(count):
    began = start + timedelta(days=n % 25, minutes=n)  # two months, so two files and indexes
    record = SessionRecord(f"{prefix}-{n}", "daily", "Daily", began, None, Status.PARTIAL,
                           600.0, 0.0)
    for step in range(steps):  # progressive saves, as at each pose boundary
        record = record.with_changes(poses=(pose,) * step, active_seconds=60.0 * step)
        history.save(record)
        print("partial", record.id, flush=True)
    history.save(record.with_changes(status=Status.COMPLETED, ended_at=began))
    print("completed", record.id, flush=True)
if history.warnings:
    print("warnings", history.warnings, file=sys.stderr)
    sys.exit(1)
"""


def _writer(data_dir: Path, prefix: str, count: int, steps: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), prefix, str(count), str(steps)],
        stdout=subprocess.PIPE,
        text=True,
    )


def _assert_every_file_is_valid(data_dir: Path) -> None:
    history_dir = data_dir / "history"
    assert not list(history_dir.rglob("*.corrupt-*"))
    for path in history_dir.rglob("*.json"):
        json.loads(path.read_text())  # raises on a torn or truncated file


def test_two_processes_saving_200_sessions_each_lose_nothing(tmp_path: Path) -> None:
    writers = [_writer(tmp_path, name, 200, 0) for name in ("laptop", "ssh")]
    for writer in writers:
        writer.communicate()
        assert writer.returncode == 0
    _assert_every_file_is_valid(tmp_path)
    history = History(tmp_path)
    summaries = history.summaries()
    assert len(summaries) == 400
    assert {s.status for s in summaries} == {Status.COMPLETED}
    assert len(history.sessions()) == 400
    assert history.warnings == []


def test_writers_killed_at_random_points_never_corrupt_or_lose_a_finished_session(
    tmp_path: Path,
) -> None:
    rng = random.Random(4)
    completed: set[str] = set()
    for attempt in range(50):
        writer = _writer(tmp_path, f"run{attempt}", 1000, 3)
        assert writer.stdout is not None
        # Let it get some saves done, then kill it wherever it is in the next one.
        for _ in range(rng.randint(1, 12)):
            kind, session_id = writer.stdout.readline().split()
            if kind == "completed":
                completed.add(session_id)
        os.kill(writer.pid, signal.SIGKILL)
        writer.communicate()
        if attempt % 10 == 9:
            _assert_every_file_is_valid(tmp_path)
    _assert_every_file_is_valid(tmp_path)
    history = History(tmp_path)
    by_id = {s.id: s for s in history.summaries()}
    assert history.warnings == []
    assert completed, "the writers should have finished some sessions"
    assert all(by_id[i].status is Status.COMPLETED for i in completed)
    records = {r.id: r for r in history.sessions()}
    assert set(records) == set(by_id)  # the index agrees with the month files
