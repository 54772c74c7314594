"""`supple status` from the day index: the same answer as from every session, at any size."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.history_paths import own_folder
from tests.store.session_factory import make_record
from tui.cli import main
from tui.core.record import Status
from tui.core.stats import status_facts
from tui.store.day_index import status_of
from tui.store.history import History

ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 20)


def _at(day: date, hour: int = 8) -> datetime:
    return datetime.combine(day, time(hour), ZONE)


def _status(capsys: pytest.CaptureFixture[str], folder: Path) -> str:
    assert main(["--data-dir", str(folder), "status"]) == 0
    return capsys.readouterr().out


def test_status_of_a_years_long_streak_opens_only_the_day_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened_files: list[str]
) -> None:
    today = datetime.now().astimezone()
    # Three unbroken years, brought in the way two machines' histories are: an import.
    History(tmp_path).merge(
        make_record(n, started_at=today - timedelta(days=n)) for n in range(3 * 365)
    )
    opened_files.clear()
    assert _status(capsys, tmp_path) == f"supple: {3 * 365:,}-day streak · done today\n"
    # No month, no month index (and this machine's device id, from the config folder).
    assert [Path(p).name for p in opened_files if "history" in p] == ["days.json"]


def test_a_session_saved_since_costs_status_its_own_month_index_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened_files: list[str]
) -> None:
    today = datetime.now().astimezone()
    history = History(tmp_path)
    history.merge(make_record(n, started_at=today - timedelta(days=n)) for n in range(1, 400))
    assert _status(capsys, tmp_path) == "supple: 399-day streak · not done today (≈10 min)\n"
    history.save(make_record(0, started_at=today))  # the app does not touch the day index
    opened_files.clear()
    assert _status(capsys, tmp_path) == "supple: 400-day streak · done today\n"
    own = own_folder(tmp_path)
    names = sorted(Path(p).relative_to(own).as_posix() for p in opened_files if "history" in p)
    assert names == sorted(["index/days.json", f"index/{today:%Y-%m}.json"])


def test_the_reading_commands_never_write_the_day_index(tmp_path: Path) -> None:
    history = History(tmp_path)
    history.save(make_record(0, started_at=_at(TODAY)))
    status_of(History(tmp_path, read_only=True), TODAY)
    assert not (own_folder(tmp_path) / "index" / "days.json").exists()
    status_of(history, TODAY)  # the app, which writes, keeps it
    assert (own_folder(tmp_path) / "index" / "days.json").exists()


def test_a_damaged_day_index_is_rebuilt_not_believed(tmp_path: Path) -> None:
    history = History(tmp_path)
    history.merge(make_record(n, started_at=_at(TODAY - timedelta(days=n))) for n in range(40))
    days = own_folder(tmp_path) / "index" / "days.json"
    days.write_text('{"months": {"2026-11": {"days": "all"}}, "meta": {"days": {"version": 1}}}')
    assert status_of(History(tmp_path, read_only=True), TODAY).streak == 40
    days.write_text("{not json")
    assert status_of(History(tmp_path, read_only=True), TODAY).streak == 40


# Days before TODAY (0 = today) with a session, and what kind of session it was.
KINDS = st.sampled_from(["completed", "partial", "abandoned", "demo", "no hold"])
HISTORIES = st.dictionaries(st.integers(-40, 120), KINDS, max_size=60)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sessions=HISTORIES, planned=st.integers(60, 900))
def test_status_from_the_day_index_is_status_from_every_session(
    tmp_path_factory: pytest.TempPathFactory, sessions: dict[int, str], planned: int
) -> None:
    folder = tmp_path_factory.mktemp("days")
    history = History(folder)
    records = []
    for n, (days_ago, kind) in enumerate(sorted(sessions.items())):
        changes: dict[str, object] = {"planned_seconds": float(planned + n)}
        if kind == "partial":
            changes["status"] = Status.PARTIAL
        elif kind == "abandoned":
            changes["status"] = Status.ABANDONED
        elif kind == "demo":
            changes["speed"] = 8.0
        elif kind == "no hold":
            changes.update(status=Status.PARTIAL, poses=())
        records.append(make_record(n, started_at=_at(TODAY - timedelta(days=days_ago)), **changes))
    history.merge(records[: len(records) // 2])  # written into the day index
    for record in records[len(records) // 2 :]:
        history.save(record)  # saved since: their months are read afresh
    expected = status_facts(History(folder).summaries(), TODAY)
    assert status_of(History(folder, read_only=True), TODAY) == expected
    assert status_of(History(folder), TODAY) == expected  # and again once it was rewritten
