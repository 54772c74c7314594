"""A routine file or a history from a stranger: rejected clearly, never obeyed by the terminal."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fixture_data import fixture_routine
from tui.cli import main
from tui.core.engine import EngineState, Phase
from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.screens.session import window_title
from tui.store.history import History
from tui.store.routine_toml import routine_to_toml

ESCAPES = ("\x1b", "\x07", "\x9b", "\x9d")
CLIPBOARD = "Clip\x1b]52;c;ZWNobyBwd25lZA==\x1b\\"


def _toml_string(text: str) -> str:
    return (
        '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or c in '"\\' else c for c in text) + '"'
    )


def _routine_with_name(name: str) -> str:
    text = routine_to_toml(fixture_routine())
    return text.replace('name = "Daily hip & back"', f"name = {_toml_string(name)}", 1)


def _import(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "shared.toml"
    path.write_text(text, encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "data"), "routine", "import", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_an_osc52_routine_name_is_rejected_naming_the_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = _import(tmp_path, _routine_with_name(CLIPBOARD), capsys)
    assert code == 1
    assert "shared.toml" in said and "'name'" in said and "control characters" in said
    assert not any(e in said for e in ESCAPES)
    assert not (tmp_path / "data" / "routines.json").exists()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=80))
def test_any_name_is_rejected_or_shown_without_escapes(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("fuzz")
    code, said = _import(tmp_path, _routine_with_name(name), capsys)
    assert not any(e in said for e in ESCAPES)
    if code != 0:
        assert len(said.strip().splitlines()) <= 2 and "shared.toml" in said
        assert not (tmp_path / "data" / "routines.json").exists()


def test_a_huge_or_deep_file_is_refused_not_crashed_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = _import(tmp_path, "a = " + "[" * 100_000 + "]" * 100_000, capsys)
    assert code == 1 and "too deeply" in said
    code, said = _import(tmp_path, "# " + "x" * 1_100_000, capsys)
    assert code == 1 and "larger than 1 MB" in said


def test_history_output_never_carries_a_stored_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = datetime(2026, 11, 3, 8, tzinfo=timezone(timedelta(hours=1)))
    record = SessionRecord(
        "s1", "x", CLIPBOARD, started, started, Status.COMPLETED, 45, 45,
        (PoseRecord("p\x1b[2J", None, 45, 45, Outcome.DONE),), note="bad\x07note",
    )  # fmt: skip
    History(tmp_path).save(record)
    for extra in ([], ["--csv"]):
        assert main(["--data-dir", str(tmp_path), "history", *extra]) == 0
        out = capsys.readouterr().out
        assert "Clip" in out and not any(e in out for e in ESCAPES)


def test_the_window_title_cannot_be_ended_early_by_a_name() -> None:
    pose = fixture_routine().pose("pigeon")
    from dataclasses import replace

    state = EngineState(
        Phase.HOLD, False, 0, 5, replace(pose, name="Pig\x07\x1b]0;owned"), "left",
        30, 60, 0, 0, None, 100, 400, False,
    )  # fmt: skip
    title = window_title(state)
    assert "Pig" in title and not any(e in title for e in ESCAPES)
