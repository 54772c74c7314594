"""The pure event -> cue mapping, driven by a real engine on the fake clock."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from tests.conftest import FakeClock
from tui.core.cues import (
    BELLS,
    PATTERNS,
    Cue,
    CueOptions,
    CueTracker,
    Moment,
    bells_to_ring,
    breath_phrases,
    event_cue,
    fitted,
    get_ready_phrase,
    hold_schedule,
    rings,
    says,
    speaking_seconds,
)
from tui.core.engine import Phase, PhaseStarted, SessionEngine
from tui.core.routine import Routine, Timing

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
        self.tracker = CueTracker(
            lambda i: routine.pose(engine.steps[i].pose_id), timing=engine.timing
        )
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
    # Child's Pose holds 45 s: long enough to hear where you are in it.
    assert said[1:5] == ["Begin", "Halfway", "10 seconds left", "Hold ends in three"]
    assert said[5].startswith("Cat-Cow. Inhale into Cow")
    breaths = said[6:30]
    assert breaths == ["Inhale, Cow", "Exhale, Cat"] * 12
    assert said[30:36] == [
        "Thread the Needle, left side. Thread one arm under the other; "
        "shoulder and ear to the mat.",
        "Begin",  # 30 s a side: too short for halfway and 10 s left
        "Hold ends in three",
        "Switch sides",
        "Begin",
        "Hold ends in three",
    ]
    assert said[-1] == "Session complete"
    assert said.count("Switch sides") == 3


def test_bell_patterns_tell_hold_start_switch_and_pose_end_apart(run: Run) -> None:
    assert patterns(run.to(10.1)) == [1]  # Child's Pose's hold starts
    assert patterns(run.to(55.1)) == [2, 3, 5]  # halfway, 10 s left, it ends
    assert patterns(run.to(65.1)) == [1]  # Cat-Cow's breathing starts like a hold
    assert patterns(run.to(137.1)) == [5]  # 11 more inhales ring only if asked
    assert patterns(run.to(177.1)) == [1, 4]  # Thread the Needle: hold, switch sides
    assert patterns(run.to(212.1)) == [1, 5]


def test_every_pattern_has_its_own_count_or_rhythm() -> None:
    heard = {moment: pattern for moment, pattern in PATTERNS.items()}
    once_a_second = {Moment.COUNTDOWN, Moment.INHALE}  # single bells, told apart by when
    distinct = [p for m, p in heard.items() if m not in once_a_second]
    assert len(set(distinct)) == len(distinct)
    # Switch sides has a pause in it; a pose's end is one steady run: after a countdown of
    # single bells a second apart, neither sounds like the other.
    switch, end = heard[Moment.SWITCH_SIDES], heard[Moment.POSE_END]
    assert max(b - a for a, b in itertools.pairwise(switch)) > 1
    assert all(b - a == 1 for a, b in itertools.pairwise(end)) and len(end) != len(switch)


def test_optional_bells_count_down_and_mark_each_inhale(run: Run) -> None:
    # begin, halfway, 10 s left, 3, 2, 1, then the end
    assert patterns(run.to(55.1), ALL_BELLS) == [1, 2, 3, 1, 1, 1, 5]
    cat_cow = patterns(run.to(137.1), ALL_BELLS)
    assert cat_cow == [1] * 12 + [5]


def test_time_cues_off_leave_a_long_hold_its_start_and_its_end(run: Run) -> None:
    quiet = CueOptions(time_cues=False)
    cues = run.tracker.take() + run.to(55.1)
    assert [c.phrase for c in cues if says(c, quiet)][1:3] == ["Begin", "Hold ends in three"]
    assert patterns(cues, quiet) == [1, 5]


def test_the_countdown_speaks_once_even_when_frames_come_late(run: Run) -> None:
    cues = run.to(55.1, step=2.5)  # frames at 52.5 and 55: the last three seconds in one go
    assert [c.phrase for c in cues if c.moment is Moment.COUNTDOWN] == ["Hold ends in three"]


def test_more_time_in_the_last_seconds_counts_down_again(run: Run) -> None:
    run.to(53.0)
    run.engine.add_time()
    run.tracker.on_state(run.engine.state())
    cues = run.to(65.0)
    assert phrases(cues).count("Hold ends in three") == 1
    # The added seconds bring 10 s left round again, then the countdown and the end.
    assert patterns(cues, ALL_BELLS) == [3, 1, 1, 1, 5]


def test_a_pose_skipped_by_key_is_spoken_but_never_rung(routine: Routine, clock: FakeClock) -> None:
    engine = SessionEngine(routine, clock)
    tracker = CueTracker(lambda i: routine.pose(engine.steps[i].pose_id))
    engine.subscribe(lambda event: tracker.on_event(event, by_time=False))
    engine.start()
    clock.advance(20)
    engine.next_pose()
    cues = tracker.take()
    assert [c.moment for c in cues][-1] is Moment.GET_READY
    assert bells_to_ring(cues, ALL_BELLS) == ()
    assert phrases(cues)[-1].startswith("Cat-Cow")


def test_a_stopped_session_is_not_complete(run: Run) -> None:
    run.to(20)
    run.engine.stop()
    assert "Session complete" not in phrases(run.tracker.take())


def test_several_moments_at_once_ring_only_the_latest_pattern() -> None:
    end = Cue(Moment.POSE_END, BELLS[Moment.POSE_END])
    cues = [end, Cue(Moment.GET_READY, 0, "Cat-Cow"), Cue(Moment.COUNTDOWN, 1)]
    assert bells_to_ring(cues, CueOptions()) == PATTERNS[Moment.POSE_END]
    assert bells_to_ring(cues, ALL_BELLS) == (0,)


def test_phrases_come_from_the_data_made_safe(routine: Routine) -> None:
    pigeon = routine.pose("pigeon")
    assert get_ready_phrase(pigeon, "left", "left knee forward").startswith(
        "Pigeon Pose, left side: left knee forward. Knee toward your wrist"
    )
    hostile = replace(pigeon, name="--rm \x1b]2;pwned\x07Pose", cue="")
    phrase = get_ready_phrase(hostile, None)
    assert "\x1b" not in phrase and "\x07" not in phrase
    assert not phrase.startswith("-")  # never read as an option by the speech command


def test_a_60_second_hold_is_heard_in_order_and_no_phrase_runs_into_the_next() -> None:
    schedule = hold_schedule(60.0)
    said = [(at, cue.phrase) for at, cue in schedule]
    assert said == [
        (0.0, "Begin"),
        (30.0, "Halfway"),
        (50.0, "10 seconds left"),
        (57.0, "Hold ends in three"),
    ]
    ends = [at + speaking_seconds(phrase) for at, phrase in said]
    starts = [at for at, _ in said[1:]] + [60.0]
    assert all(end <= start for end, start in zip(ends, starts, strict=True))


@pytest.mark.parametrize("seconds", [30.0, 39.0])
def test_a_hold_under_40_seconds_has_no_halfway_or_10_seconds_left(seconds: float) -> None:
    said = [cue.phrase for _, cue in hold_schedule(seconds)]
    assert said == ["Begin", "Hold ends in three"]


def test_time_cues_off_leave_only_the_start_and_the_end() -> None:
    said = [cue.phrase for _, cue in hold_schedule(60.0, time_cues=False)]
    assert said == ["Begin", "Hold ends in three"]


@pytest.mark.parametrize("breath", [2.0, 2.5, 3.0, 6.0, 20.0])
def test_a_breath_phrase_always_ends_before_its_half_breath_does(
    routine: Routine, breath: float
) -> None:
    cat_cow = routine.pose("cat-cow")
    half = breath / 2
    for phase in (Phase.INHALE, Phase.EXHALE):
        phrase = fitted(breath_phrases(phase, cat_cow), half)
        assert speaking_seconds(phrase) <= half
    # A hurried 2 s breath says "In" / "Out", not "Inhale, Cow" cut off by "Exhale, Cat".
    if breath == 2.0:
        assert fitted(breath_phrases(Phase.INHALE, cat_cow), half) == "In"
        assert fitted(breath_phrases(Phase.EXHALE, cat_cow), half) == "Out"
    if breath == 6.0:
        assert fitted(breath_phrases(Phase.INHALE, cat_cow), half) == "Inhale, Cow"


def test_a_2_second_breath_session_says_in_and_out(routine: Routine, clock: FakeClock) -> None:
    timing = Timing(inhale=1.0, exhale=1.0)
    engine = SessionEngine(routine, clock, timing)
    tracker = CueTracker(lambda i: routine.pose(engine.steps[i].pose_id), timing=timing)
    engine.subscribe(tracker.on_event)
    engine.start()
    while not engine.finished and clock.now < 1000.0 + 140.0:
        clock.advance(0.25)
        engine.update()
        if not engine.finished:
            tracker.on_state(engine.state())
    breaths = [c.phrase for c in tracker.take() if c.moment in (Moment.INHALE, Moment.EXHALE)]
    assert breaths[:3] == ["Out", "In", "Out"]  # the first inhale rings as the hold start


def test_a_short_get_ready_says_the_pose_not_a_cue_cut_off(routine: Routine) -> None:
    pigeon = routine.pose("pigeon")
    event = PhaseStarted(Phase.GET_READY, 0, "left")
    short = event_cue(event, pigeon, timing=Timing(get_ready=3.0))
    assert short is not None and short.phrase == "Pigeon Pose, left side"
    none = event_cue(event, pigeon, timing=Timing(get_ready=0.0))
    assert none is not None and none.phrase == "Pigeon Pose"  # what comes next, at least
