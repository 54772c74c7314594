"""The pure event -> cue mapping, driven by a real engine on the fake clock."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import FakeClock
from tui.core.cues import (
    Cue,
    CueOptions,
    CueTracker,
    Moment,
    bells_to_ring,
    get_ready_phrase,
    rings,
)
from tui.core.engine import SessionEngine
from tui.core.routine import Routine

# Offsets from the start of the fixture routine (see test_engine.py): Child's Pose's hold
# 10-55, Cat-Cow's breaths 65-137, Thread the Needle's left 147-177, right 182-212.
TOTAL = 422.0
ALL_BELLS = CueOptions(countdown_bells=True, breath_bells=True)
DEFAULT_BELLS = CueOptions()


class Run:
    """An engine on a fake clock whose events and countdown feed a CueTracker."""

    def __init__(self, routine: Routine, clock: FakeClock) -> None:
        self.clock = clock
        self.engine = SessionEngine(routine, clock)
        engine = self.engine
        self.tracker = CueTracker(lambda i: routine.pose(engine.steps[i].pose_id))
        engine.subscribe(self.tracker.on_event)
        engine.start()
        self.tracker.on_state(engine.state())

    def to(self, offset: float, step: float = 0.25) -> list[Cue]:
        """Advance to `offset` seconds after the start, a frame every `step`; the cues."""
        while self.clock.now < 1000.0 + offset - 1e-9:
            self.clock.advance(min(step, 1000.0 + offset - self.clock.now))
            self.engine.update()
            if not self.engine.finished:
                self.tracker.on_state(self.engine.state())
        return self.tracker.take()


@pytest.fixture
def run(routine: Routine, clock: FakeClock) -> Run:
    return Run(routine, clock)


def phrases(cues: list[Cue]) -> list[str]:
    return [c.phrase for c in cues if c.phrase]


def patterns(cues: list[Cue], options: CueOptions = DEFAULT_BELLS) -> list[int]:
    return [c.bells for c in cues if rings(c, options)]


def test_a_whole_session_speaks_every_pose_breath_and_switch_in_order(run: Run) -> None:
    said = phrases(run.tracker.take() + run.to(TOTAL))
    assert said[0].startswith("Child's Pose. Sink your hips back")
    assert said[1] == "Hold ends in three"
    assert said[2].startswith("Cat-Cow. Inhale into Cow")
    breaths = said[3:27]
    assert breaths == ["Inhale, Cow", "Exhale, Cat"] * 12
    assert said[27:31] == [
        "Thread the Needle, left side. Thread one arm under the other; "
        "shoulder and ear to the mat.",
        "Hold ends in three",
        "Switch sides",
        "Hold ends in three",
    ]
    assert said[-1] == "Session complete"
    assert said.count("Switch sides") == 3


def test_bell_patterns_tell_hold_start_switch_and_pose_end_apart(run: Run) -> None:
    assert patterns(run.to(10.1)) == [1]  # Child's Pose's hold starts
    assert patterns(run.to(55.1)) == [3]  # it ends
    assert patterns(run.to(65.1)) == [1]  # Cat-Cow's breathing starts like a hold
    assert patterns(run.to(137.1)) == [3]  # 11 more inhales ring only if asked
    assert patterns(run.to(177.1)) == [1, 2]  # Thread the Needle: hold, switch sides
    assert patterns(run.to(212.1)) == [1, 3]


def test_optional_bells_count_down_and_mark_each_inhale(run: Run) -> None:
    assert patterns(run.to(55.1), ALL_BELLS) == [1, 1, 1, 1, 3]  # 3, 2, 1, then the end
    cat_cow = patterns(run.to(137.1), ALL_BELLS)
    assert cat_cow == [1] * 12 + [3]


def test_the_countdown_speaks_once_even_when_frames_come_late(run: Run) -> None:
    cues = run.to(55.1, step=2.5)  # frames at 52.5 and 55: the last three seconds in one go
    assert [c.phrase for c in cues if c.moment is Moment.COUNTDOWN] == ["Hold ends in three"]


def test_more_time_in_the_last_seconds_counts_down_again(run: Run) -> None:
    run.to(53.0)
    run.engine.add_time()
    run.tracker.on_state(run.engine.state())
    cues = run.to(65.0)
    assert phrases(cues).count("Hold ends in three") == 1
    assert patterns(cues, ALL_BELLS) == [1, 1, 1, 3]


def test_a_pose_skipped_by_key_is_spoken_but_never_rung(routine: Routine, clock: FakeClock) -> None:
    engine = SessionEngine(routine, clock)
    tracker = CueTracker(lambda i: routine.pose(engine.steps[i].pose_id))
    engine.subscribe(lambda event: tracker.on_event(event, by_time=False))
    engine.start()
    clock.advance(20)
    engine.next_pose()
    cues = tracker.take()
    assert [c.moment for c in cues] == [Moment.GET_READY, Moment.GET_READY]  # nothing rung
    assert bells_to_ring(cues, ALL_BELLS) == 0
    assert phrases(cues)[-1].startswith("Cat-Cow")


def test_a_stopped_session_is_not_complete(run: Run) -> None:
    run.to(20)
    run.engine.stop()
    assert "Session complete" not in phrases(run.tracker.take())


def test_several_moments_at_once_ring_only_the_latest_pattern() -> None:
    cues = [Cue(Moment.POSE_END, 3), Cue(Moment.GET_READY, 0, "Cat-Cow"), Cue(Moment.COUNTDOWN, 1)]
    assert bells_to_ring(cues, CueOptions()) == 3
    assert bells_to_ring(cues, ALL_BELLS) == 1


def test_phrases_come_from_the_data_made_safe(routine: Routine) -> None:
    pigeon = routine.pose("pigeon")
    assert get_ready_phrase(pigeon, "left", "left knee forward").startswith(
        "Pigeon Pose, left side: left knee forward. Knee toward your wrist"
    )
    hostile = replace(pigeon, name="--rm \x1b]2;pwned\x07Pose", cue="")
    phrase = get_ready_phrase(hostile, None)
    assert "\x1b" not in phrase and "\x07" not in phrase
    assert not phrase.startswith("-")  # never read as an option by the speech command
