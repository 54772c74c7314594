"""The session engine on a fake clock: phases, controls, records; unit and property tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from tui.core.engine import (
    EngineState,
    Event,
    PausedChanged,
    Phase,
    PhaseStarted,
    PoseFinished,
    SessionEnded,
    SessionEngine,
)
from tui.core.record import Outcome, PoseRecord, SessionRecord, Status
from tui.core.routine import Routine, Step, Timing, total_seconds

T0 = 1000.0
# Offsets from the start of the fixture routine (tests/fixtures) with the default Timing:
# Child's Pose  get ready 0-10, hold 10-55
# Cat-Cow       get ready 55-65, 12 breaths of 3 s in + 3 s out, 65-137
# Thread        get ready 137-147, left 147-177, switch 177-182, right 182-212
# Pigeon        get ready 212-222, left 222-282, switch 282-287, right 287-347
# Twist         get ready 347-357, left 357-387, switch 387-392, right 392-422
TOTAL = 422.0


@dataclass
class Session:
    """An engine on a fake clock, with the events it emitted."""

    engine: SessionEngine
    clock: FakeClock
    events: list[Event] = field(default_factory=list)

    def at(self, offset: float) -> EngineState:
        """Move the clock to `offset` seconds after the start, update, and read the state."""
        target = T0 + offset
        assert target >= self.clock.now, "the clock is monotonic"
        self.clock.now = target
        self.engine.update()
        return self.engine.state()

    def record_of(self, pose_id: str, side: str | None = None) -> PoseRecord:
        matches = [r for r in self.engine.results() if r.pose_id == pose_id and r.side == side]
        assert len(matches) == 1, self.engine.results()
        return matches[0]

    def phases(self) -> list[tuple[Phase, int, str | None, int]]:
        return [
            (e.phase, e.step_index, e.side, e.cycle)
            for e in self.events
            if isinstance(e, PhaseStarted)
        ]


def start(routine: Routine, timing: Timing | None = None) -> Session:
    clock = FakeClock(T0)
    engine = SessionEngine(routine, clock, timing)
    session = Session(engine, clock)
    engine.subscribe(session.events.append)
    engine.start()
    return session


@pytest.fixture
def s(routine: Routine) -> Session:
    return start(routine)


# --- phases -------------------------------------------------------------------


def test_before_start_it_shows_the_first_get_ready_and_controls_do_nothing(
    routine: Routine,
) -> None:
    clock = FakeClock(T0)
    engine = SessionEngine(routine, clock)
    for control in (
        engine.pause,
        engine.next_pose,
        engine.add_time,
        engine.remove_time,
        engine.stop,
    ):
        control()
        clock.advance(30)
    state = engine.state()
    assert state.phase is Phase.GET_READY
    assert state.pose is not None and state.pose.id == "childs-pose"
    assert state.remaining == 10.0
    assert state.routine_remaining == state.routine_total == TOTAL
    assert not engine.finished and engine.results() == ()


def test_a_routine_with_nothing_switched_on_is_refused(routine: Routine) -> None:
    off = routine.with_steps(tuple(Step(s.pose_id, s.amount, False) for s in routine.steps))
    with pytest.raises(ValueError):
        SessionEngine(off, FakeClock())


def test_single_hold_get_ready_then_hold_then_next_pose(s: Session) -> None:
    state = s.at(0)
    assert (state.phase, state.pose and state.pose.id) == (Phase.GET_READY, "childs-pose")
    assert state.remaining == 10 and state.duration == 10
    assert state.next_pose is not None and state.next_pose.id == "cat-cow"
    assert s.at(9.9).phase is Phase.GET_READY
    state = s.at(10)
    assert (state.phase, state.side, state.remaining, state.duration) == (
        Phase.HOLD,
        None,
        45,
        45,
    )
    assert s.at(54.5).remaining == pytest.approx(0.5)
    state = s.at(55)
    assert (state.phase, state.step_index, state.pose and state.pose.id) == (
        Phase.GET_READY,
        1,
        "cat-cow",
    )


def test_per_side_pose_left_switch_right_then_next_get_ready(s: Session) -> None:
    expected = [
        (136.9, Phase.EXHALE, 1, None, 0.1),
        (137, Phase.GET_READY, 2, "left", 10),
        (147, Phase.HOLD, 2, "left", 30),
        (176.9, Phase.HOLD, 2, "left", 0.1),
        (177, Phase.SWITCH_SIDES, 2, "right", 5),
        (182, Phase.HOLD, 2, "right", 30),
        (211.9, Phase.HOLD, 2, "right", 0.1),
        (212, Phase.GET_READY, 3, "left", 10),
    ]
    for offset, phase, index, side, remaining in expected:
        state = s.at(offset)
        assert (state.phase, state.step_index, state.side) == (phase, index, side), offset
        assert state.remaining == pytest.approx(remaining), offset
    # The events name the same phases, in order, each once.
    thread = [p for p in s.phases() if p[1] == 2]
    assert thread == [
        (Phase.GET_READY, 2, "left", 0),
        (Phase.HOLD, 2, "left", 0),
        (Phase.SWITCH_SIDES, 2, "right", 0),
        (Phase.HOLD, 2, "right", 0),
    ]


def test_cat_cow_inhales_and_exhales_with_cycle_n_of_n(s: Session) -> None:
    state = s.at(65)
    assert (state.phase, state.cycle, state.cycles, state.remaining) == (Phase.INHALE, 1, 12, 3)
    state = s.at(68)
    assert (state.phase, state.cycle, state.remaining) == (Phase.EXHALE, 1, 3)
    state = s.at(71)
    assert (state.phase, state.cycle) == (Phase.INHALE, 2)
    state = s.at(65 + 6 * 11 + 3.5)
    assert (state.phase, state.cycle, state.cycles) == (Phase.EXHALE, 12, 12)
    assert state.remaining == pytest.approx(2.5)
    cat_cow = [p for p in s.phases() if p[1] == 1]
    breaths = [(phase, cycle) for phase, _, _, cycle in cat_cow[1:]]
    assert breaths == [(phase, n) for n in range(1, 13) for phase in (Phase.INHALE, Phase.EXHALE)]


def test_the_session_ends_done_and_completed_at_exactly_the_total(s: Session) -> None:
    assert s.at(TOTAL - 0.001).phase is not Phase.DONE
    state = s.at(TOTAL)
    assert state.phase is Phase.DONE and state.remaining == 0 and state.routine_remaining == 0
    assert s.engine.finished and s.engine.status is Status.COMPLETED
    assert [e for e in s.events if isinstance(e, SessionEnded)] == [SessionEnded(Status.COMPLETED)]
    finished = [e.pose_id for e in s.events if isinstance(e, PoseFinished)]
    assert finished == [
        "childs-pose",
        "cat-cow",
        "thread-the-needle",
        "pigeon",
        "seated-spinal-twist",
    ]
    s.at(TOTAL + 100)
    assert len([e for e in s.events if isinstance(e, SessionEnded)]) == 1


def full_results() -> list[tuple[str, str | None, float, Outcome]]:
    return [
        ("childs-pose", None, 45, Outcome.DONE),
        ("cat-cow", None, 72, Outcome.DONE),
        ("thread-the-needle", "left", 30, Outcome.DONE),
        ("thread-the-needle", "right", 30, Outcome.DONE),
        ("pigeon", "left", 60, Outcome.DONE),
        ("pigeon", "right", 60, Outcome.DONE),
        ("seated-spinal-twist", "left", 30, Outcome.DONE),
        ("seated-spinal-twist", "right", 30, Outcome.DONE),
    ]


def summary(engine: SessionEngine) -> list[tuple[str, str | None, float, Outcome]]:
    return [(r.pose_id, r.side, r.held_seconds, r.outcome) for r in engine.results()]


@pytest.mark.parametrize("every", [0.1, 1.0, 7.3, 61.7, 1000.0])
def test_late_or_rare_updates_still_land_every_boundary(routine: Routine, every: float) -> None:
    s = start(routine)
    t = 0.0
    while not s.engine.finished:
        t += every
        s.at(t)
    assert summary(s.engine) == full_results()
    cat_cow = s.record_of("cat-cow")
    assert (cat_cow.cycles_done, cat_cow.cycles_planned) == (12, 12)
    # Events are the same as if it had been watched all along.
    assert len(s.phases()) == 2 + 25 + 4 + 4 + 4


def test_one_late_jump_lands_mid_hold_exactly(s: Session) -> None:
    state = s.at(150.5)
    assert (state.phase, state.side, state.pose and state.pose.id) == (
        Phase.HOLD,
        "left",
        "thread-the-needle",
    )
    assert state.remaining == 26.5
    assert state.routine_remaining == TOTAL - 150.5


# --- pause and resume -----------------------------------------------------------


def test_paused_time_does_not_count(s: Session) -> None:
    s.at(20)
    s.engine.pause()
    state = s.at(500)
    assert state.paused and state.phase is Phase.HOLD and state.remaining == 35
    assert not s.engine.finished
    s.engine.resume()
    assert s.at(500 + 34.9).phase is Phase.HOLD
    state = s.at(500 + 35)
    assert state.pose is not None and state.pose.id == "cat-cow"
    assert s.record_of("childs-pose").held_seconds == 45
    assert [e for e in s.events if isinstance(e, PausedChanged)] == [
        PausedChanged(True),
        PausedChanged(False),
    ]
    # The whole session is 480 s later than planned, no more, no less.
    assert s.at(TOTAL + 480 - 0.01).phase is not Phase.DONE
    assert s.at(TOTAL + 480).phase is Phase.DONE


def test_toggle_pause_and_double_pause(s: Session) -> None:
    s.at(3)
    s.engine.toggle_pause()
    s.engine.pause()
    assert s.at(50).remaining == 7 and s.engine.paused
    s.engine.toggle_pause()
    assert not s.engine.paused
    assert s.at(57).phase is Phase.HOLD
    assert len([e for e in s.events if isinstance(e, PausedChanged)]) == 2


def test_controls_while_paused_stay_paused(s: Session) -> None:
    s.at(20)
    s.engine.pause()
    s.engine.next_pose()
    state = s.at(300)
    assert state.paused and state.phase is Phase.GET_READY and state.remaining == 10
    assert state.pose is not None and state.pose.id == "cat-cow"
    assert s.record_of("childs-pose").held_seconds == 10


# --- next, previous, restart ---------------------------------------------------


def test_next_mid_hold_records_it_shortened_and_starts_the_next_get_ready(s: Session) -> None:
    s.at(30)
    s.engine.next_pose()
    state = s.engine.state()
    assert (state.phase, state.step_index, state.remaining) == (Phase.GET_READY, 1, 10)
    childs = s.record_of("childs-pose")
    assert (childs.planned_seconds, childs.held_seconds, childs.outcome) == (
        45,
        20,
        Outcome.SHORTENED,
    )
    assert [e for e in s.events if isinstance(e, PoseFinished)] == [PoseFinished(0, "childs-pose")]
    # The rest of the routine shifts earlier by the 25 s skipped.
    assert s.at(TOTAL - 25).phase is Phase.DONE


def test_next_during_the_first_sides_get_ready_goes_to_the_other_side(s: Session) -> None:
    # The screen says "Next: right side" from the get-ready on: that is where n goes.
    s.at(140)
    s.engine.next_pose()
    assert s.record_of("thread-the-needle", "left").outcome is Outcome.SKIPPED
    state = s.engine.state()
    assert (state.phase, state.side) == (Phase.SWITCH_SIDES, "right")
    s.engine.next_pose()  # and from the second side, on to the next pose
    assert s.record_of("thread-the-needle", "right").held_seconds == 0
    assert s.record_of("thread-the-needle", "right").outcome is Outcome.SKIPPED
    assert s.engine.state().pose == s.engine.routine.pose("pigeon")


def test_next_during_the_first_side_keeps_its_hold_and_the_second_side_runs_in_full(
    s: Session,
) -> None:
    s.at(160)  # the left side held for a while
    s.engine.next_pose()
    left = s.record_of("thread-the-needle", "left")
    assert (left.outcome, left.held_seconds) == (Outcome.SHORTENED, 13)
    assert s.engine.state().phase is Phase.SWITCH_SIDES
    s.at(160 + 5 + 30 + 1)  # the switch, then the whole right side
    right = s.record_of("thread-the-needle", "right")
    assert (right.outcome, right.held_seconds) == (Outcome.DONE, 30)


def test_skip_pose_leaves_every_side_of_it(s: Session) -> None:
    # What the hurt dialog's n does: the pose hurts, so neither side.
    s.at(160)
    s.engine.skip_pose()
    assert s.record_of("thread-the-needle", "left").held_seconds == 13
    assert s.record_of("thread-the-needle", "right").outcome is Outcome.SKIPPED
    assert s.engine.state().pose == s.engine.routine.pose("pigeon")


def test_next_after_the_first_side_keeps_it_done(s: Session) -> None:
    s.at(179)  # switching sides
    s.engine.next_pose()
    assert s.record_of("thread-the-needle", "left").outcome is Outcome.DONE
    assert s.record_of("thread-the-needle", "right").outcome is Outcome.SKIPPED


def test_next_in_cat_cow_counts_finished_breaths(s: Session) -> None:
    s.at(65 + 6 * 4 + 1)  # four breaths done, fifth inhale under way
    s.engine.next_pose()
    rec = s.record_of("cat-cow")
    assert (rec.cycles_planned, rec.cycles_done) == (12, 4)
    assert rec.held_seconds == 25
    assert rec.outcome is Outcome.SHORTENED
    assert rec.planned_seconds == 72


def test_next_on_the_last_pose_ends_the_session(s: Session) -> None:
    s.at(400)
    s.engine.next_pose()
    assert s.engine.finished and s.engine.state().phase is Phase.DONE
    assert s.engine.status is Status.COMPLETED
    assert s.record_of("seated-spinal-twist", "right").held_seconds == 8


def test_previous_goes_back_to_the_previous_get_ready_and_keeps_what_was_held(
    s: Session,
) -> None:
    s.at(150)  # Thread the Needle, left, 3 s held
    s.engine.previous_pose()
    state = s.engine.state()
    assert (state.phase, state.step_index, state.remaining) == (Phase.GET_READY, 1, 10)
    assert state.pose is not None and state.pose.id == "cat-cow"
    assert [r.pose_id for r in s.engine.results()] == [
        "childs-pose",
        "cat-cow",
        "thread-the-needle",
    ]
    assert s.record_of("thread-the-needle", "left").held_seconds == 3
    # Cat-Cow runs again in full (its breaths add up), then Thread the Needle.
    assert s.at(150 + 10 + 72).phase is Phase.GET_READY
    assert s.engine.state().step_index == 2
    assert s.record_of("cat-cow").cycles_done == 24
    # Done again, not "extended": each attempt is judged on its own (issue 19, item 4).
    assert s.record_of("cat-cow").outcome is Outcome.DONE
    assert s.record_of("cat-cow").attempts == 2


def test_previous_on_the_first_pose_restarts_it(s: Session) -> None:
    s.at(40)
    s.engine.previous_pose()
    state = s.engine.state()
    assert (state.phase, state.step_index, state.remaining) == (Phase.GET_READY, 0, 10)
    assert s.record_of("childs-pose").held_seconds == 30  # what was held stays held
    assert s.at(40 + 10 + 45).step_index == 1
    assert s.record_of("childs-pose").held_seconds == 75


def test_restart_pose_starts_it_again_from_get_ready(s: Session) -> None:
    s.at(300)  # Pigeon, right side
    s.engine.restart_pose()
    state = s.engine.state()
    assert (state.phase, state.side, state.remaining) == (Phase.GET_READY, "left", 10)
    assert s.record_of("pigeon", "left").outcome is Outcome.DONE
    s.at(300 + 135)
    assert s.engine.state().pose is not None
    assert s.engine.state().step_index == 4
    assert s.record_of("pigeon", "left").held_seconds == 120
    assert s.record_of("pigeon", "right").held_seconds == 13 + 60  # both attempts add up


def test_restart_in_cat_cow_resets_the_breath_count(s: Session) -> None:
    s.at(100)
    s.engine.restart_pose()
    state = s.at(100 + 10)
    assert (state.phase, state.cycle, state.cycles) == (Phase.INHALE, 1, 12)


# --- adding and removing time ------------------------------------------------------


def test_add_ten_seconds_extends_the_hold(s: Session) -> None:
    s.at(20)
    s.engine.add_time()
    state = s.engine.state()
    assert (state.remaining, state.duration) == (45, 55)
    assert s.at(64.9).phase is Phase.HOLD
    assert s.at(65).phase is Phase.GET_READY
    rec = s.record_of("childs-pose")
    assert (rec.planned_seconds, rec.held_seconds, rec.outcome) == (45, 55, Outcome.EXTENDED)


def test_remove_ten_seconds_shortens_the_hold(s: Session) -> None:
    s.at(20)
    s.engine.remove_time()
    assert s.engine.state().remaining == 25
    s.at(45)
    rec = s.record_of("childs-pose")
    assert (rec.held_seconds, rec.outcome) == (35, Outcome.SHORTENED)


def test_remove_never_leaves_less_than_five_seconds(s: Session) -> None:
    s.at(47)  # 8 s left
    s.engine.remove_time()
    assert s.engine.state().remaining == 5
    s.engine.remove_time()
    assert s.engine.state().remaining == 5
    s.at(51)  # 1 s left
    s.engine.remove_time()
    state = s.engine.state()
    assert state.remaining == 1 and state.duration == 42
    assert s.at(52).phase is Phase.GET_READY


def test_remove_with_under_five_seconds_left_does_nothing(s: Session) -> None:
    s.at(51)
    s.engine.remove_time()
    state = s.engine.state()
    assert (state.remaining, state.duration) == (4, 45)


def test_time_controls_do_nothing_outside_a_hold(s: Session) -> None:
    s.at(3)
    s.engine.add_time()
    s.engine.remove_time()
    assert s.engine.state().remaining == 7
    s.at(179)  # switching sides
    s.engine.add_time()
    assert s.engine.state().remaining == 3


def test_adjustments_apply_to_one_side_only(s: Session) -> None:
    s.at(150)
    s.engine.add_time()
    s.at(187 + 5)  # left ended at 187, switch to 192
    assert s.engine.state().remaining == 30
    assert s.record_of("thread-the-needle", "left").outcome is Outcome.EXTENDED


def test_breaths_plus_adds_one_cycle(s: Session) -> None:
    s.at(80)
    s.engine.add_time()
    state = s.engine.state()
    assert state.cycles == 13
    assert s.at(65 + 13 * 6 - 1).cycle == 13
    assert s.at(65 + 13 * 6).step_index == 2
    rec = s.record_of("cat-cow")
    assert (rec.cycles_done, rec.cycles_planned, rec.outcome) == (13, 12, Outcome.EXTENDED)
    assert rec.held_seconds == 78


def test_breaths_minus_drops_one_cycle_still_to_come(s: Session) -> None:
    s.at(80)
    s.engine.remove_time()
    s.engine.remove_time()
    assert s.engine.state().cycles == 10
    assert s.at(65 + 10 * 6).step_index == 2
    rec = s.record_of("cat-cow")
    assert (rec.cycles_done, rec.outcome) == (10, Outcome.SHORTENED)


def test_breaths_minus_never_cuts_the_breath_under_way(s: Session) -> None:
    s.at(65 + 6 * 11 + 1)  # breath 12 of 12
    s.engine.remove_time()
    state = s.engine.state()
    assert (state.cycle, state.cycles, state.remaining) == (12, 12, 2)
    s.at(137)
    assert s.record_of("cat-cow").outcome is Outcome.DONE


# --- alternatives -------------------------------------------------------------------


def test_swap_pigeon_for_figure_four_mid_session(s: Session) -> None:
    s.at(230)  # Pigeon, left
    assert s.engine.swap_alternative()
    state = s.engine.state()
    assert state.pose is not None and state.pose.id == "figure-four"
    assert (state.phase, state.side, state.remaining) == (Phase.GET_READY, "left", 10)
    assert state.alternative_used
    assert [st.pose_id for st in s.engine.steps][3] == "figure-four"
    # Figure-Four is held for its own default, not Pigeon's 60 s.
    assert s.engine.steps[3] == Step("figure-four", 45)
    s.at(230 + 105)
    left, right = s.record_of("figure-four", "left"), s.record_of("figure-four", "right")
    assert left.alternative_used and right.alternative_used
    assert (left.held_seconds, left.outcome) == (45, Outcome.DONE)
    # The 8 s of Pigeon held before the swap stay in the record.
    assert s.record_of("pigeon", "left").held_seconds == 8
    assert not s.engine.state().alternative_used  # Twist is not an alternative


def test_swap_back_to_pigeon(s: Session) -> None:
    s.at(215)
    s.engine.swap_alternative()
    assert s.engine.swap_alternative()
    state = s.engine.state()
    assert state.pose is not None and state.pose.id == "pigeon"
    assert not state.alternative_used
    assert s.engine.steps[3] == Step("pigeon", 60)  # the person's own Pigeon hold is back


def test_swap_on_a_pose_without_alternative_changes_nothing(s: Session) -> None:
    s.at(20)
    assert not s.engine.swap_alternative()
    state = s.engine.state()
    assert (state.phase, state.remaining) == (Phase.HOLD, 35)


def test_swap_uses_the_alternative_default_and_back_restores_the_persons_hold(
    routine: Routine,
) -> None:
    steps = tuple(
        Step(st.pose_id, 90 if st.pose_id == "pigeon" else st.amount) for st in routine.steps
    )
    s = start(routine.with_steps(steps))
    for _ in range(3):
        s.engine.skip_pose()
    s.engine.swap_alternative()
    assert s.engine.steps[3] == Step("figure-four", 45)
    assert s.at(10).remaining == 45
    s.engine.swap_alternative()
    assert s.engine.steps[3] == Step("pigeon", 90)


# --- stopping and records --------------------------------------------------------------


def test_stop_mid_session_is_partial_and_keeps_what_was_held(s: Session) -> None:
    s.at(160)
    s.engine.stop()
    assert s.engine.finished and s.engine.status is Status.PARTIAL
    assert s.engine.state().phase is Phase.DONE
    assert summary(s.engine) == [
        ("childs-pose", None, 45, Outcome.DONE),
        ("cat-cow", None, 72, Outcome.DONE),
        ("thread-the-needle", "left", 13, Outcome.SHORTENED),
        ("thread-the-needle", "right", 0, Outcome.SKIPPED),
    ]
    assert s.events[-1] == SessionEnded(Status.PARTIAL)
    s.engine.stop()
    s.engine.next_pose()
    assert s.events[-1] == SessionEnded(Status.PARTIAL)


def test_stop_before_holding_anything_is_abandoned(s: Session) -> None:
    s.at(8)
    s.engine.stop()
    assert s.engine.status is Status.ABANDONED
    assert s.engine.active_seconds == 0


def test_skipping_every_pose_is_not_a_completed_session(s: Session) -> None:
    for _ in range(5):
        s.engine.skip_pose()
    assert s.engine.finished
    assert all(r.outcome is Outcome.SKIPPED for r in s.engine.results())
    assert s.engine.status is Status.ABANDONED


def test_record_builds_the_session_record(s: Session) -> None:
    s.at(TOTAL)
    started = datetime(2025, 9, 14, 7, 0, tzinfo=UTC)
    ended = datetime(2025, 9, 14, 7, 7, 2, tzinfo=UTC)
    rec = s.engine.record("abc", started, ended)
    assert isinstance(rec, SessionRecord)
    assert (rec.id, rec.routine_id, rec.routine_name) == (
        "abc",
        "hip-back-daily",
        "Daily hip & back",
    )
    assert (rec.started_at, rec.ended_at, rec.status) == (started, ended, Status.COMPLETED)
    assert rec.planned_seconds == 45 + 72 + 60 + 120 + 60
    assert rec.active_seconds == rec.planned_seconds
    assert rec.poses == s.engine.results()
    assert str(rec.counts) == "5 of 5 poses · 8 of 8 holds"


def test_record_in_progress_is_partial(s: Session) -> None:
    s.at(100)
    rec = s.engine.record("abc", datetime(2025, 9, 14, tzinfo=UTC), None)
    assert rec.status is Status.PARTIAL and rec.ended_at is None
    assert [p.pose_id for p in rec.poses] == ["childs-pose"]


# --- properties ----------------------------------------------------------------------

CONTROLS = (
    "update",
    "state",
    "pause",
    "resume",
    "toggle",
    "next",
    "previous",
    "add",
    "remove",
    "restart",
    "swap",
    "stop",
)


def apply(engine: SessionEngine, control: str) -> None:
    actions = {
        "update": engine.update,
        "state": engine.state,
        "pause": engine.pause,
        "resume": engine.resume,
        "toggle": engine.toggle_pause,
        "next": engine.next_pose,
        "previous": engine.previous_pose,
        "add": engine.add_time,
        "remove": engine.remove_time,
        "restart": engine.restart_pose,
        "swap": engine.swap_alternative,
        "hurt": engine.hurt,
        "stop": engine.stop,
    }
    actions[control]()


# Time steps that hit boundaries exactly as well as in between.
DT = st.one_of(
    st.sampled_from([0.0, 0.5, 1.0, 3.0, 5.0, 10.0, 30.0]),
    st.floats(0, 90, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=200, deadline=None)
@given(plan=st.lists(st.tuples(DT, st.sampled_from(CONTROLS)), max_size=60))
def test_any_controls_at_any_times_keep_time_consistent(
    routine: Routine, plan: list[tuple[float, str]]
) -> None:
    s = start(routine)
    paused_total = 0.0
    for dt, control in plan:
        was_paused = s.engine.paused
        s.clock.advance(dt)
        if was_paused:
            paused_total += dt
        apply(s.engine, control)
        state = s.engine.state()
        elapsed = s.clock.now - T0
        assert 0 <= state.remaining <= state.duration
        # Not bounded by routine_total: +10 s and extra breaths lengthen what is left.
        assert state.routine_remaining >= state.remaining
        records = s.engine.results()
        for rec in records:
            # held_seconds is rounded to 0.1 s for display.
            assert 0 <= rec.held_seconds <= elapsed + 0.05
        active = s.engine.active_seconds
        assert active <= elapsed - paused_total + 0.05 * len(records) + 1e-6
        if state.phase is Phase.DONE:
            assert s.engine.finished
    s.engine.stop()
    assert s.engine.finished
    assert s.engine.status in (Status.COMPLETED, Status.PARTIAL, Status.ABANDONED)
    ended = [e for e in s.events if isinstance(e, SessionEnded)]
    assert len(ended) == 1 and ended[0].status is s.engine.status
    assert s.engine.state().remaining == 0


HALVES = st.integers(0, 40).map(lambda n: n / 2)  # exact in binary: totals add up exactly


@st.composite
def routines(draw: st.DrawFn, routine: Routine) -> Routine:
    steps = []
    for step in routine.steps:
        pose_id = step.pose_id
        if pose_id == "pigeon" and draw(st.booleans()):
            pose_id = "figure-four"
        rng = routine.pose(pose_id).amount_range
        steps.append(Step(pose_id, draw(st.integers(rng.min, rng.max)), draw(st.booleans())))
    if not any(st_.enabled for st_ in steps):
        steps[draw(st.integers(0, len(steps) - 1))] = Step("childs-pose", 30)
    return routine.with_steps(tuple(steps))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_without_controls_every_side_gets_its_full_hold_and_totals_add_up(
    routine: Routine, data: st.DataObject
) -> None:
    drawn = data.draw(routines(routine))
    timing = Timing(
        get_ready=data.draw(HALVES),
        switch_sides=data.draw(HALVES),
        inhale=data.draw(HALVES.filter(bool)),
        exhale=data.draw(HALVES.filter(bool)),
    )
    total = total_seconds(drawn, timing)
    s = start(drawn, timing)
    assert s.engine.state().routine_remaining == total == s.engine.state().routine_total
    last = total
    t = 0.0
    while t < total - 0.01:
        t = min(total - 0.01, t + data.draw(st.floats(0.01, 40)))
        state = s.at(t)
        assert not s.engine.finished, (t, total)
        assert state.routine_remaining <= last
        assert state.routine_remaining == pytest.approx(total - t, abs=1e-6)
        last = state.routine_remaining
    assert s.at(total).phase is Phase.DONE
    assert s.engine.status is Status.COMPLETED
    expected = []
    for step in drawn.active_steps():
        pose = drawn.pose(step.pose_id)
        for side in pose.sides:
            held = step.amount * timing.breath if pose.is_breath_paced else step.amount
            expected.append((step.pose_id, side, round(held, 1), Outcome.DONE))
    assert summary(s.engine) == expected
    for rec in s.engine.results():
        if rec.cycles_planned is not None:
            assert rec.cycles_done == rec.cycles_planned
        assert rec.alternative_used is False


@settings(max_examples=100, deadline=None)
@given(times=st.lists(st.floats(0, 500), min_size=1, max_size=30))
def test_routine_remaining_never_increases_while_running(
    routine: Routine, times: list[float]
) -> None:
    s = start(routine)
    last = TOTAL
    for t in sorted(times):
        state = s.at(t)
        assert state.routine_remaining <= last
        assert state.routine_remaining == pytest.approx(max(0.0, TOTAL - t))
        last = state.routine_remaining


# --- a finished hold is never erased -------------------------------------------------

TICK = 0.5  # every duration below is a multiple of it, so boundaries fall on tick ends
KEEPING_CONTROLS = [
    *("next", "previous", "restart", "add", "remove", "toggle", "swap", "hurt", "wait")
]


@settings(max_examples=150, deadline=None)
@given(plan=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(KEEPING_CONTROLS)), max_size=50))
def test_every_side_records_exactly_the_time_spent_holding_it(
    routine: Routine, plan: list[tuple[int, str]]
) -> None:
    s = start(routine)
    spent: dict[tuple[int, str, str | None], float] = {}
    best: dict[tuple[str, str | None, bool], tuple[float, bool]] = {}
    for ticks, control in plan:
        for _ in range(ticks):
            state = s.engine.state()
            holding = state.phase in (Phase.HOLD, Phase.INHALE, Phase.EXHALE)
            if holding and not state.paused and state.pose is not None:
                key = (state.step_index, state.pose.id, state.side)
                spent[key] = spent.get(key, 0.0) + TICK
            s.clock.advance(TICK)
            s.engine.update()
        if control != "wait":
            apply(s.engine, control)
        for rec in s.engine.results():
            # Held seconds never go down and a done hold is never downgraded.
            key2 = (rec.pose_id, rec.side, rec.alternative_used)
            held_before, done_before = best.get(key2, (0.0, False))
            done = rec.outcome in (Outcome.DONE, Outcome.EXTENDED)
            assert rec.held_seconds >= held_before - 1e-9, rec
            assert done or not done_before, rec
            best[key2] = (rec.held_seconds, done)
    s.engine.stop()
    recorded: dict[tuple[str, str | None], float] = {}
    for rec in s.engine.results():
        recorded[(rec.pose_id, rec.side)] = recorded.get((rec.pose_id, rec.side), 0.0)
        recorded[(rec.pose_id, rec.side)] += rec.held_seconds
    expected: dict[tuple[str, str | None], float] = {}
    for (_, pose_id, side), seconds in spent.items():
        expected[(pose_id, side)] = expected.get((pose_id, side), 0.0) + seconds
    assert {k: v for k, v in recorded.items() if v} == {k: v for k, v in expected.items() if v}


def test_going_back_after_a_finished_pose_keeps_its_hold(s: Session) -> None:
    s.at(56)  # Child's Pose done, Cat-Cow getting ready
    s.engine.previous_pose()
    s.engine.next_pose()  # straight on again, without holding Child's Pose twice
    record = s.record_of("childs-pose")
    assert (record.held_seconds, record.outcome) == (45, Outcome.DONE)
    assert s.engine.active_seconds == 45


def test_a_side_held_then_restarted_keeps_it_and_adds_the_repeat(s: Session) -> None:
    s.at(185)  # Thread the Needle: left held in full, right 3 s in
    s.engine.restart_pose()
    assert s.record_of("thread-the-needle", "left").outcome is Outcome.DONE
    s.engine.next_pose()
    assert s.record_of("thread-the-needle", "left").held_seconds == 30
    assert s.record_of("thread-the-needle", "right").held_seconds == 3
