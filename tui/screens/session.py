"""The guided session: phase, pose, side and time left, with the controls in the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.core.engine import EngineState, Event, Phase, SessionEnded
from tui.core.routine import format_duration
from tui.session import ActiveSession

if TYPE_CHECKING:
    from tui.app import SuppleApp


def describe_state(state: EngineState) -> str:
    """Plain text of what is happening now."""
    if state.phase is Phase.DONE or state.pose is None:
        return "Session complete. Well done."
    side = f" — {state.side.upper()}" if state.side else ""
    if state.phase is Phase.GET_READY:
        head = f"Get ready: {state.pose.name}"
    elif state.phase in (Phase.INHALE, Phase.EXHALE):
        label = state.pose.inhale if state.phase is Phase.INHALE else state.pose.exhale
        head = (
            f"{state.phase.value.capitalize()} — {label} · breath {state.cycle} of {state.cycles}"
        )
    else:
        head = f"{state.phase.value.capitalize()}: {state.pose.name}"
    paused = "   PAUSED" if state.paused else ""
    return (
        f"{head}{side}{paused}\n\n{format_duration(state.remaining)}\n\n"
        f"pose {state.step_index + 1} of {state.step_count} · "
        f"{format_duration(state.routine_remaining)} left"
    )


class SessionScreen(Screen[None]):
    """Times every hold; the person only has to breathe."""

    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="session.pause"),
        Binding("n,right", "next_pose", "Next", id="session.next"),
        Binding("p,left", "previous_pose", "Back", id="session.previous"),
        Binding("plus,equals_sign", "add_time", "+10 s", id="session.add"),
        Binding("minus", "remove_time", "-10 s", id="session.remove"),
        Binding("r", "restart_pose", "Restart", id="session.restart"),
        Binding("a", "swap_alternative", "Alternative", id="session.alternative"),
        Binding("exclamation_mark", "this_hurts", "This hurts", id="session.hurts"),
        Binding("q,escape", "end_session", "End", id="session.end"),
    ]

    app: SuppleApp

    def __init__(self, session: ActiveSession) -> None:
        super().__init__()
        self.session = session
        self.engine = session.engine

    def compose(self) -> ComposeResult:
        yield Static(id="session-status")
        yield Footer()

    def on_mount(self) -> None:
        self.engine.subscribe(self._on_engine_event)
        self.engine.start()
        self._render_state()
        self.set_interval(0.25, self._tick)

    def _tick(self) -> None:
        self.engine.update()
        self._render_state()

    def _render_state(self) -> None:
        self.query_one("#session-status", Static).update(describe_state(self.engine.state()))

    def _on_engine_event(self, event: Event) -> None:
        if isinstance(event, SessionEnded) and self.is_current:
            self.dismiss()

    def _control(self, action: str) -> None:
        getattr(self.engine, action)()
        self._render_state()

    def action_toggle_pause(self) -> None:
        """Pause or resume the clock."""
        self._control("toggle_pause")

    def action_next_pose(self) -> None:
        """Skip to the next pose."""
        self._control("next_pose")

    def action_previous_pose(self) -> None:
        """Go back one pose."""
        self._control("previous_pose")

    def action_add_time(self) -> None:
        """Hold ten seconds longer."""
        self._control("add_time")

    def action_remove_time(self) -> None:
        """Hold ten seconds less."""
        self._control("remove_time")

    def action_restart_pose(self) -> None:
        """Start this pose again."""
        self._control("restart_pose")

    def action_this_hurts(self) -> None:
        """End the hold now and suggest a gentler pose."""
        from tui.screens.pain import this_hurts

        this_hurts(self.app, self.session)
        self._render_state()

    def action_swap_alternative(self) -> None:
        """Swap to the pose's alternative."""
        self._control("swap_alternative")

    def action_end_session(self) -> None:
        """Stop here; what was done is kept."""
        self.engine.stop()
