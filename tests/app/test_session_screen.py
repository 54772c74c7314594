"""The guided session screen: every control, the bell, the summary, on a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.flow_helpers import open_session, run_to_the_end, tick
from tests.conftest import FakeClock
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp
from tui.core.engine import Phase
from tui.core.record import SessionRecord, Status
from tui.screens.confirm import ConfirmScreen
from tui.screens.session import SessionScreen, window_title
from tui.screens.summary import SummaryScreen, headline
from tui.sound.bells import BellPlayer
from tui.store.settings import Settings, SettingsStore
from tui.widgets.countdown import Countdown

SIZE = (100, 30)


def make_app(
    clock: FakeClock, saved: list[SessionRecord] | None = None, settings_dir: Path | None = None
) -> SuppleApp:
    store = SettingsStore(settings_dir) if settings_dir is not None else None
    app = SuppleApp(
        fixture_routine(),
        clock=clock,
        settings=store,
        save_record=saved.append if saved is not None else (lambda record: None),
    )
    app.settings = app.settings.with_changes(pain_checkins=False)
    return app


def shown(screen: SessionScreen, line: str) -> str:
    return screen.query_one(Countdown).line(line)


def digits(screen: SessionScreen) -> str:
    return screen.query_one(Countdown).digits_text


async def test_get_ready_then_hold(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        assert "Get ready: Child's Pose" in shown(screen, "headline")
        assert digits(screen) == "10"
        assert "Next: Cat-Cow" in shown(screen, "next")
        await tick(pilot, clock, screen, 10.5)
        assert screen.engine.state().phase is Phase.HOLD
        assert digits(screen) == "45"
        assert shown(screen, "routine").startswith("pose 1 of ")
        assert shown(screen, "routine").endswith(" left")


async def test_space_pauses_and_stops_every_timer(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 12)
        await pilot.press("space")
        assert screen.engine.paused
        assert "PAUSED" in shown(screen, "headline")
        assert screen.query_one(Countdown).has_class("-paused")
        assert screen._timer is None  # nothing redraws while paused
        clock.advance(30)
        await pilot.press("space")
        assert not screen.engine.paused
        assert digits(screen) == "43"  # the 30 s paused did not count
        assert screen._timer is not None


async def test_next_and_previous(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("n")
        assert screen.engine.state().step_index == 1
        await pilot.press("right")
        assert screen.engine.state().step_index == 2
        assert "(left side first)" in shown(screen, "headline")
        await pilot.press("p")
        assert screen.engine.state().step_index == 1
        await pilot.press("left")
        state = screen.engine.state()
        assert (state.step_index, state.phase) == (0, Phase.GET_READY)


async def test_add_and_remove_time(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10)  # the 45 s hold starts
        await pilot.press("plus")
        assert digits(screen) == "55"
        await pilot.press("equals_sign")
        assert digits(screen) == "1:05"
        await pilot.press("minus")
        assert digits(screen) == "55"


async def test_restart_pose(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 20)
        await pilot.press("r")
        state = screen.engine.state()
        assert (state.step_index, state.phase, digits(screen)) == (0, Phase.GET_READY, "10")


async def test_alternative_swaps_pigeon_and_not_child_pose(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("a")  # Child's Pose has none: a note, no change
        assert screen.engine.state().pose.name == "Child's Pose"  # type: ignore[union-attr]
        while screen.engine.state().pose.name != "Pigeon Pose":  # type: ignore[union-attr]
            await pilot.press("n")
        await pilot.press("a")
        assert "Figure-Four" in shown(screen, "headline")


async def test_end_asks_first_and_keeps_the_partial_session(clock: FakeClock) -> None:
    saved: list[SessionRecord] = []
    app = make_app(clock, saved)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 20)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        assert screen.engine.paused  # the hold waits while the question is open
        await pilot.press("n")
        # mypy keeps app.screen narrowed to the dialog across the key that closed it
        assert app.screen is screen  # type: ignore[comparison-overlap]
        assert screen.engine.paused  # "keep going" waits for an explicit space
        assert "PAUSED" in shown(screen, "headline")
        await pilot.press("space")
        assert not screen.engine.paused
        await pilot.press("escape")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert saved[-1].status is Status.PARTIAL
        assert saved[-1].active_seconds == pytest.approx(10, abs=0.2)
        await pilot.press("enter")
        assert not isinstance(app.screen, SummaryScreen | SessionScreen)


async def test_completed_session_shows_the_summary(clock: FakeClock) -> None:
    saved: list[SessionRecord] = []
    app = make_app(clock, saved)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10)
        await pilot.press("plus")  # one hold longer than planned
        await run_to_the_end(pilot, clock, screen)
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.summary
        assert summary.status is Status.COMPLETED
        assert str(summary.counts) == "5 of 5 poses · 8 of 8 holds"
        assert headline(summary) == "Session complete — well done."
        assert len(summary.changes) == 1
        assert saved[-1].status is Status.COMPLETED


async def test_summary_counts_skipped_poses(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10 + 45)  # Child's Pose held in full
        await pilot.press("n")  # Cat-Cow skipped
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.summary
        assert str(summary.counts) == "1 of 5 poses · 1 of 8 holds"
        assert "well done" not in headline(summary)


async def test_the_summary_history_and_cli_say_the_same_numbers(
    clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main
    from tui.store.history import History

    history = History(tmp_path)
    app = make_app(clock, [])

    def save(record: SessionRecord) -> None:
        history.save(record)

    app.save_record = save
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10 + 45)  # Child's Pose done
        await pilot.press("n", "n")  # Cat-Cow and Thread the Needle skipped
        await tick(pilot, clock, screen, 10 + 60)  # Pigeon left done
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        said = str(app.screen.summary.counts)
    assert said == "1 of 5 poses · 2 of 8 holds"
    (summary,) = History(tmp_path).summaries()
    assert str(summary.counts) == said
    main(["--data-dir", str(tmp_path), "history"])
    table = capsys.readouterr().out.splitlines()
    assert "1/5" in table[1] and "2/8" in table[1]
    main(["--data-dir", str(tmp_path), "history", "--csv"])
    row = capsys.readouterr().out.splitlines()[1]
    assert ",1,5," in row and ",2,8," in row


async def test_a_session_ended_in_its_first_seconds_is_not_congratulated(
    clock: FakeClock,
) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 12)  # 2 s into Child's Pose
        for _ in range(8):  # a press per pose, one more for each side of the two-sided ones
            await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "well done" not in headline(app.screen.summary).lower()


async def test_n_on_the_first_side_goes_to_the_side_the_screen_names_next(
    clock: FakeClock,
) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("n", "n")  # to Thread the Needle
        await tick(pilot, clock, screen, 10 + 8)  # 8 s into the left side
        assert "Next: right side" in shown(screen, "next")
        await pilot.press("n")
        assert "Switch sides" in shown(screen, "headline")
        await tick(pilot, clock, screen, 5 + 30)  # the switch, then the whole right side
        records = {(r.pose_id, r.side): r for r in screen.engine.results()}
        assert records["thread-the-needle", "left"].held_seconds == 8
        assert records["thread-the-needle", "right"].held_seconds == 30
        assert "Get ready: Pigeon Pose" in shown(screen, "headline")


async def test_bell_patterns_at_hold_start_switch_and_pose_end(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(clock)
    rings: list[int] = []  # how many bells each pattern rang
    monkeypatch.setattr(BellPlayer, "play", lambda player, bells: rings.append(len(bells)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        for _ in range(2):
            await pilot.press("n")  # to Thread the Needle, by key: no bell
        assert rings == []
        await tick(pilot, clock, screen, 10.1)  # get ready ends: hold the left side
        assert rings == [1]
        await tick(pilot, clock, screen, 30)  # left side done: switch sides
        assert rings == [1, 4]
        assert screen.engine.state().phase is Phase.SWITCH_SIDES
        assert "Switch sides" in shown(screen, "headline")
        await tick(pilot, clock, screen, 5)  # the right side begins
        assert rings == [1, 4, 1]
        await tick(pilot, clock, screen, 30)  # the pose ends
        assert rings == [1, 4, 1, 5]
        assert "Get ready: Pigeon Pose (left side first)" in shown(screen, "headline")


async def test_b_turns_the_bell_off_and_remembers(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = make_app(clock, settings_dir=tmp_path)
    rings: list[str] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append("ding"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("b")
        assert app.settings.bell is False
        await tick(pilot, clock, screen, 10.1)  # would ring: the hold starts
        await tick(pilot, clock, screen, 45)  # would ring: the pose ends
        assert rings == []
    assert SettingsStore(tmp_path).settings.bell is False


async def test_cat_cow_breathes(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("n")
        await tick(pilot, clock, screen, 10.5)
        assert shown(screen, "headline") == "Inhale — Cow"
        assert "breath 1 of 12" in shown(screen, "side")
        assert screen.query_one(Countdown).has_class("-breath")
        await tick(pilot, clock, screen, 3)
        assert shown(screen, "headline") == "Exhale — Cat"


async def test_last_seconds_are_emphasised(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10 + 39)
        assert not screen.query_one(Countdown).has_class("-urgent")
        await tick(pilot, clock, screen, 1.5)
        assert digits(screen) == "5"
        assert screen.query_one(Countdown).has_class("-urgent")


async def test_too_small_for_big_digits_shows_plain_ones(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_session(app, pilot)
        await pilot.pause()
        countdown = screen.query_one(Countdown)
        assert countdown.compact
        assert shown(screen, "compact") == "10"


def test_window_title_names_time_and_pose(clock: FakeClock) -> None:
    from tui.core.engine import SessionEngine

    engine = SessionEngine(fixture_routine(), clock)
    engine.start()
    assert window_title(engine.state()) == "0:10 · Child's Pose — Supple"


def test_settings_default_rings() -> None:
    assert Settings().bell is True


@pytest.mark.parametrize("opener", ["question_mark", "ctrl+p"])
async def test_any_overlay_pauses_the_session_until_space(clock: FakeClock, opener: str) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 20)  # Child's Pose, 10 s into the hold
        left = screen.engine.state().remaining
        await pilot.press(opener)
        await pilot.pause()
        assert app.screen is not screen, "the overlay opened"
        clock.advance(5)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        screen.frame()
        state = screen.engine.state()
        assert state.paused and state.remaining == left  # 5 s behind the overlay did not count
        assert "PAUSED" in shown(screen, "headline")
        await pilot.press("space")
        assert not screen.engine.paused


async def test_too_small_pauses_and_a_blind_space_does_not_resume(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 20)
        left = screen.engine.state().remaining
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.press("space")
        clock.advance(5)
        screen.frame()
        assert screen.engine.paused and screen.engine.state().remaining == left
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("space")
        assert not screen.engine.paused


async def test_the_summary_headline_wraps_whole_at_80x24(clock: FakeClock) -> None:
    app = make_app(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10 + 45)  # Child's Pose in full
        await pilot.press("n")  # Cat-Cow skipped: the longest headline
        await run_to_the_end(pilot, clock, screen)
        assert isinstance(app.screen, SummaryScreen)
        assert headline(app.screen.summary).endswith("What you did is saved.")
        # Its last words are on screen, not cut off at the box's edge.
        assert "saved." in app.export_screenshot()


async def test_a_pause_is_drawn_before_it_is_saved(clock: FakeClock) -> None:
    # A save writes and fsyncs the history file: on a slow disk (an SD card on a home
    # server) that held up the PAUSED frame. Each save now looks at what was drawn.
    headlines: list[str] = []
    screens: list[SessionScreen] = []

    def save(record: SessionRecord) -> None:
        if screens and screens[0].is_current:
            headlines.append(shown(screens[0], "headline"))

    app = SuppleApp(fixture_routine(), clock=clock, save_record=save)
    app.settings = Settings(pain_checkins=False)
    async with app.run_test(size=SIZE) as pilot:
        screens.append(await open_session(app, pilot))
        await tick(pilot, clock, screens[0], 12)  # into Child's Pose's hold
        headlines.clear()
        await pilot.press("space")
        await pilot.pause()
        assert headlines and all("PAUSED" in h for h in headlines), headlines
