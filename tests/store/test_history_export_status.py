"""Streaming `--json`/`--csv` export and a `supple status` that reads only what it needs."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.store.session_factory import make_record
from tui.cli import main
from tui.commands.history import CSV_FIELDS
from tui.core.record import Status, to_dict
from tui.store.history import History

ZONES = [timezone(timedelta(hours=h)) for h in (-11, -5, 0, 1, 9, 13)]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.fixture
def travelled(tmp_path: Path) -> History:
    """Sessions over four months in zones from -11 to +13 hours, crowding month ends."""
    history = History(tmp_path)
    base = datetime(2026, 8, 30, 20, 0, tzinfo=UTC)
    for n in range(90):
        zone = ZONES[n % len(ZONES)]
        started = (base + timedelta(hours=29 * n % 2600)).astimezone(zone)
        history.save(make_record(n, started_at=started, note=f"day {n} ✓"))
    # Late September in Samoa began after early October in Tonga did.
    history.save(make_record(100, started_at=datetime(2026, 9, 30, 23, 0, tzinfo=ZONES[0])))
    history.save(make_record(101, started_at=datetime(2026, 10, 1, 1, 0, tzinfo=ZONES[-1])))
    return history


def test_streaming_json_equals_the_old_writer(
    travelled: History, capsys: pytest.CaptureFixture[str]
) -> None:
    old = json.dumps([to_dict(r) for r in travelled.sessions()], indent=2, ensure_ascii=False)
    assert _run(capsys, "--data-dir", str(travelled.root.parent), "history", "--json") == old + "\n"


def test_streaming_csv_equals_the_old_writer(
    travelled: History, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = io.StringIO()
    writer = csv.DictWriter(expected, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in travelled.sessions():
        data = to_dict(record) | vars(record.counts)
        writer.writerow({f: "" if data[f] is None else data[f] for f in CSV_FIELDS})
    out = _run(capsys, "--data-dir", str(travelled.root.parent), "history", "--csv")
    assert out == expected.getvalue()


def test_stream_keeps_only_a_few_months_in_memory(travelled: History) -> None:
    reader = History(travelled.root.parent, read_only=True)
    held = [len(reader._shards) for _ in reader.stream_sessions()]
    assert max(held) <= 1  # each month file is dropped once read


def test_empty_history_exports_an_empty_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "--data-dir", str(tmp_path / "none"), "history", "--json") == "[]\n"


def test_status_on_a_long_streak_reads_a_few_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened_files: list[str]
) -> None:
    history = History(tmp_path)
    today = datetime.now().astimezone()
    # Two years of daily sessions, a day off, then a 40-day streak up to today.
    for n in range(40 + 1 + 730):
        if n != 40:
            history.save(make_record(n, started_at=today - timedelta(days=n)))
    opened_files.clear()
    out = _run(capsys, "--data-dir", str(tmp_path), "status")
    assert out == "supple: 40-day streak · done today\n"
    history_files = [p for p in opened_files if "device-id" not in p]
    assert 1 <= len(history_files) <= 3  # the index of each month the streak touches, no more


def test_status_reaches_back_for_the_last_completed_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = History(tmp_path)
    today = datetime.now().astimezone()
    history.save(make_record(0, started_at=today - timedelta(days=400), planned_seconds=720.0))
    history.save(make_record(1, started_at=today - timedelta(days=1), status=Status.PARTIAL))
    out = _run(capsys, "--data-dir", str(tmp_path), "status")
    assert out == "supple: 1-day streak · not done today (≈13 min)\n"
