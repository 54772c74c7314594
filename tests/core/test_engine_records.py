"""Whatever a person does to a session, the record says exactly what their body did."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from tui.core.engine import Phase, SessionEngine
from tui.core.record import FINISHED
from tui.core.routine import Routine

# Whole seconds everywhere (holds, get-ready, breaths), so a one-second step of the fake
# clock never straddles a boundary and each step belongs to exactly one segment.
CONTROLS = (
    "next_pose",
    "previous_pose",
    "restart_pose",
    "add_time",
    "remove_time",
    "toggle_pause",
    "swap_alternative",
    "hurt",
)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("wait"), st.integers(1, 40)),
        st.tuples(st.sampled_from(CONTROLS), st.just(0)),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(steps=actions)
def test_every_sides_held_seconds_equal_the_time_spent_holding_it(
    shipped: Routine, steps: list[tuple[str, int]]
) -> None:
    clock = FakeClock()
    engine = SessionEngine(shipped, clock)
    engine.start()
    truth: dict[tuple[int, str, str | None], float] = defaultdict(float)
    finished_before: set[tuple[int | None, str, str | None]] = set()
    for action, seconds in steps:
        if engine.finished:
            break
        if action != "wait":
            getattr(engine, action)()
        for _ in range(seconds):
            engine.update()
            if engine.finished:
                break
            state = engine.state()
            if not state.paused and state.pose is not None:
                holding = state.phase in (Phase.HOLD, Phase.INHALE, Phase.EXHALE)
                if holding:
                    truth[(state.step_index, state.pose.id, state.side)] += 1
            clock.advance(1)
        # A side once done in full is never downgraded, whatever comes next.
        done_now = {(r.step, r.pose_id, r.side) for r in engine.results() if r.finished}
        assert finished_before <= done_now
        finished_before = done_now
    engine.stop()
    recorded = {(r.step, r.pose_id, r.side): r.held_seconds for r in engine.results()}
    for key, held in truth.items():
        assert recorded.get(key) == held, (key, engine.results())
    assert all(held == 0 for key, held in recorded.items() if key not in truth)
    assert all(r.held_seconds >= 0 for r in engine.results())
    assert engine.active_seconds == sum(truth.values())
    assert all(
        r.outcome in FINISHED or r.held_seconds < r.planned_seconds + 0.05 or r.note
        for r in engine.results()
    )
