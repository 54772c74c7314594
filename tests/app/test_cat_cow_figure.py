"""Cat-Cow's figure moves with the word: at every INHALE frame it is Cow or on its way there."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tui.core.engine import Phase, SessionEngine
from tui.store.figures import load_figure
from tui.widgets.countdown import figure_shape


@pytest.mark.parametrize("reduced_motion", [False, True], ids=["moving", "reduced-motion"])
def test_the_figure_is_in_phase_with_inhale_and_exhale(
    engine: SessionEngine, clock: FakeClock, reduced_motion: bool
) -> None:
    figure = load_figure("cat-cow")
    assert figure is not None
    middle = figure.breathing(0.5).point("back")[1]
    engine.start()
    seen: dict[Phase, int] = {Phase.INHALE: 0, Phase.EXHALE: 0}
    last: tuple[Phase, int, float] | None = None
    # Every tenth of a second through the first minutes (the fake clock moves, nothing waits).
    for _ in range(1800):
        clock.advance(0.1)
        engine.update()
        state = engine.state()
        if state.phase not in seen:
            continue
        seen[state.phase] += 1
        back = figure_shape(figure, state, reduced_motion).point("back")[1]
        if state.phase is Phase.INHALE:
            # The belly drops into Cow: the back at or below half way, never rising.
            assert back <= middle + 1e-9, (state.cycle, state.progress)
        else:
            assert back >= middle - 1e-9, (state.cycle, state.progress)
        if last is not None and last[:2] == (state.phase, state.cycle):
            moving_down = state.phase is Phase.INHALE
            assert (back <= last[2]) if moving_down else (back >= last[2])
        last = (state.phase, state.cycle, back)
    assert seen[Phase.INHALE] > 100 and seen[Phase.EXHALE] > 100
