"""`supple history import` counts every record once, in one bucket, and exits by the buckets."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.import_process import run_import
from tests.history_paths import own_folder
from tests.store.session_factory import make_record
from tui.cli import main
from tui.commands import history_import
from tui.core.record import Outcome, PoseRecord, SessionRecord, to_dict
from tui.store.history import History, month_of

BUCKETS = re.compile(r"(\d+) (added|already present|updated|refused|repeated|not written)")


def _session(number: int, *, short: bool = False) -> SessionRecord:
    full = make_record(number, started_at=make_record(0).started_at - timedelta(days=number))
    pose = PoseRecord("pose-0", None, 60.0, 10.0, Outcome.SHORTENED)
    return full.with_changes(poses=(pose,)) if short else full


def _buckets(out: str) -> dict[str, int]:
    return {name: int(count) for count, name in BUCKETS.findall(out.splitlines()[-1])}


def test_the_privacy_notice_is_said_but_is_not_a_failure(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)  # whatever the umask: a folder others can look into
    code, out, err = run_import(data, [to_dict(_session(0))])
    assert _buckets(out) == {"added": 1, "already present": 0, "updated": 0, "refused": 0}
    assert "Other people on this computer can look into" in err
    assert code == 0


def test_three_copies_of_one_session_are_each_counted_once(tmp_path: Path) -> None:
    full, short = to_dict(_session(0)), to_dict(_session(0, short=True))
    code, out, _ = run_import(tmp_path / "data", [short, full, full])
    assert _buckets(out) == {
        "added": 1, "already present": 0, "updated": 0, "refused": 0, "repeated": 2
    }  # fmt: skip
    assert "2 repeated in the file" in out
    assert code == 0
    assert History(tmp_path / "data").get("session-0") == _session(0)


def test_a_session_whose_copy_here_cannot_be_read_is_not_written_and_fails(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    History(data).save(_session(0))
    month = own_folder(data) / f"{month_of(_session(0).started_at)}.json"
    stored = json.loads(month.read_text())
    stored["sessions"]["1"]["status"] = "gone sideways"
    month.write_text(json.dumps(stored))
    code, out, err = run_import(data, [to_dict(_session(0)), to_dict(_session(1))])
    assert _buckets(out) == {
        "added": 1, "already present": 0, "updated": 0, "refused": 0, "not written": 1
    }  # fmt: skip
    assert "session session-0 was not merged" in err
    assert code == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    here=st.lists(st.integers(0, 4), max_size=4),
    incoming=st.lists(st.tuples(st.integers(0, 4), st.sampled_from(["full", "short", "bad"]))),
)
def test_every_record_is_counted_in_exactly_one_bucket(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    here: list[int],
    incoming: list[tuple[int, str]],
) -> None:
    # Batches of two: a session repeated across batches is still counted once.
    monkeypatch.setattr(history_import, "BATCH", 2, raising=False)
    data = tmp_path_factory.mktemp("counts") / "data"
    history = History(data)
    for number in here:
        history.save(_session(number, short=number % 2 == 1))
    items: list[object] = [
        {"id": f"session-{n}"} if kind == "bad" else to_dict(_session(n, short=kind == "short"))
        for n, kind in incoming
    ]
    file = data.parent / "shared.json"
    file.write_bytes(orjson.dumps(items))
    code = main(["--data-dir", str(data), "history", "import", str(file)])
    counts = _buckets(capsys.readouterr().out)
    assert sum(counts.values()) == len(items)
    assert code == (1 if counts["refused"] or counts.get("not written") else 0)
