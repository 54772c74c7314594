"""`supple history import` refuses sessions dated where the app cannot place them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from tests.cli.import_process import run_import
from tests.store.session_factory import make_record
from tui.core.record import to_dict
from tui.store.history import History


def _at(number: int, started: datetime) -> dict[str, object]:
    return to_dict(make_record(number, started_at=started).with_changes(ended_at=started))


def test_year_9999_year_1_and_next_week_are_refused_and_nothing_is_added(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    code, out, err = run_import(
        tmp_path / "data",
        [
            _at(0, datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-12)))),
            _at(1, datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))),
            _at(2, (now + timedelta(days=7)).astimezone()),
        ],
    )
    assert code == 1
    assert "0 added" in out and "3 refused" in out
    assert "record 0 refused: started_at 9999-12-31 is more than a day in the future" in err
    assert "record 1 refused: started_at 0001-01-01 is before 1970" in err
    assert "record 2 refused: started_at" in err
    assert History(tmp_path / "data", read_only=True).summaries() == []


def test_a_session_a_few_hours_ahead_in_another_zone_is_taken(tmp_path: Path) -> None:
    # Kiribati is 14 hours ahead of UTC: its morning may still be tomorrow here.
    ahead = datetime.now(timezone(timedelta(hours=14))) + timedelta(hours=2)
    code, out, _ = run_import(tmp_path / "data", [_at(0, ahead)])
    assert (code, "1 added" in out) == (0, True)
