"""One pose on a bad day, or from pose N: `1` and `f` on the main screen, --only and --from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.flow_helpers import SIZE, Saved, make_app, run_to_the_end
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp, run_app
from tui.cli import build_parser
from tui.core.record import Status
from tui.screens.session import SessionScreen
from tui.store.settings import Settings
from tui.widgets.routine_list import RoutineList


async def _session_by_key(key: str, highlight: int) -> Saved:
    clock = FakeClock()
    saved = Saved()
    app = make_app(clock=clock, saved=saved, settings=Settings(pain_checkins=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one(RoutineList).highlighted = highlight
        await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await run_to_the_end(pilot, clock, screen)
    return saved


async def test_1_does_only_the_highlighted_pose_and_the_record_plans_only_it() -> None:
    saved = await _session_by_key("1", highlight=3)  # Pigeon, two sides
    record = saved[-1]
    assert {p.pose_id for p in record.poses} == {"pigeon"}
    assert (record.planned_poses, record.planned_holds) == (1, 2)
    assert record.status is Status.COMPLETED  # all that was planned was done


async def test_f_starts_from_the_highlighted_pose() -> None:
    saved = await _session_by_key("f", highlight=3)  # Pigeon, then Seated Spinal Twist
    record = saved[-1]
    assert record.poses[0].pose_id == "pigeon"
    assert {p.pose_id for p in record.poses} == {"pigeon", "seated-spinal-twist"}
    assert record.planned_poses == 2


async def test_only_from_the_shell_starts_that_session_at_once() -> None:
    clock = FakeClock()
    saved = Saved()
    app = SuppleApp(
        fixture_routine(),
        clock=clock,
        save_record=saved.append,
        start_with=fixture_routine().only("cat-cow"),
    )
    app.settings = Settings(pain_checkins=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await run_to_the_end(pilot, clock, screen)
    assert {p.pose_id for p in saved[-1].poses} == {"cat-cow"}
    assert saved[-1].planned_poses == 1


@pytest.mark.parametrize("option", ["--only", "--from"])
def test_an_unknown_pose_is_named_with_the_known_ones(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args(["--data-dir", str(tmp_path), option, "pigeonn"])
    assert run_app(args) == 2
    err = capsys.readouterr().err
    assert f"{option} 'pigeonn' is not a pose" in err
    assert "pigeon" in err.replace("'pigeonn'", "") and "childs-pose" in err
