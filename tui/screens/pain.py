"""The pain check-in: one key for a rating from 0 to 10, Enter to skip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.engine import Phase
from tui.screens.welcome import SAFETY_ADVICE

if TYPE_CHECKING:
    from tui.app import SuppleApp
    from tui.session import ActiveSession

# "t" for ten: one key per rating, no function keys, the same on every keyboard layout.
TEN_KEY = "t"

QUESTIONS = {
    "before": "Before you start: how much pain do you feel right now?",
    "after": "Well done. How much pain do you feel now?",
}


class PainScreen(ModalScreen[int | None]):
    """Ask for a pain rating 0-10; returns it, or None when skipped."""

    BINDINGS = [
        *(Binding(str(n), f"rate({n})", str(n), show=False, id=f"pain.{n}") for n in range(10)),
        Binding(TEN_KEY, "rate(10)", "10", show=False, id="pain.10"),
        Binding("enter,escape", "skip", "Skip", id="pain.skip"),
        Binding("d", "never", "Don't ask again", id="pain.never"),
    ]

    app: SuppleApp

    def __init__(self, when: str) -> None:
        super().__init__()
        self.when = when

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-box", classes="supple-dialog"):
            yield Static(QUESTIONS.get(self.when, QUESTIONS["before"]), classes="dialog-title")
            yield Static(
                "0 = no pain   5 = moderate   10 = worst imaginable\n\n"
                f"Press 0 … 9, or {TEN_KEY} for 10.",
                id="pain-scale",
            )
            yield Static(
                "Enter or Esc: skip  ·  d: don't ask again (Settings can turn it back on)",
                classes="dialog-hint",
            )

    def action_rate(self, rating: int) -> None:
        """Answer with `rating`."""
        self.dismiss(rating)

    def action_skip(self) -> None:
        """Answer nothing this time."""
        self.dismiss(None)

    def action_never(self) -> None:
        """Stop asking, and remember that."""
        self.app.update_settings(pain_checkins=False)
        self.app.notify("Pain check-ins are off. Turn them on again in Settings.")
        self.dismiss(None)


def this_hurts(app: SuppleApp, session: ActiveSession) -> None:
    """End the hold (or breathing pose) now, note it, and suggest a gentler alternative."""
    engine = session.engine
    state = engine.state()
    pose = state.pose
    if pose is None or engine.finished:
        return
    if state.phase is Phase.HOLD:
        engine.end_hold()
    elif state.phase in (Phase.INHALE, Phase.EXHALE):
        engine.next_pose()
    side = f" ({state.side} side)" if state.side else ""
    session.note_hurt(f"{pose.name}{side} hurt")
    alternative = pose.alternative
    if alternative and alternative in engine.routine.poses and not state.alternative_used:
        gentler = engine.routine.pose(alternative).name
        app.notify(
            f"Hold ended. {gentler} is a gentler alternative: press a to switch to it.",
            title="This hurts",
            timeout=12,
        )
    else:
        app.notify(f"Hold ended. {SAFETY_ADVICE.split('.')[0]}.", title="This hurts", timeout=8)
