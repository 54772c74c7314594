"""Which sides get the alternative pose: both, the left only, the right only, or neither."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.safe_text import terminal_safe
from tui.screens.dismiss_once import DismissOnce


class SidesScreen(ModalScreen[str | None], DismissOnce[str | None]):
    """Ask where to do the alternative of a two-sided pose (a key each; Esc keeps it as is)."""

    DEFAULT_CSS = """
    SidesScreen {
        align: center middle;
    }
    SidesScreen > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    SidesScreen .hint {
        margin-top: 1;
        color: $text-muted;
    }
    """

    QUESTION = True

    BINDINGS = [
        Binding("b", "choose('both')", "Both sides", id="sides.both"),
        Binding("l", "choose('left')", "Left only", id="sides.left"),
        Binding("r", "choose('right')", "Right only", id="sides.right"),
        Binding("n", "choose('neither')", "Neither", id="sides.neither"),
        Binding("escape", "choose(None)", "Keep as it is", id="sides.keep"),
    ]

    HELP_TITLE = "Alternative by side"

    def __init__(self, pose_name: str, alternative: str, per_side_now: bool) -> None:
        super().__init__()
        self.pose_name = terminal_safe(pose_name)
        self.alternative = terminal_safe(alternative)
        self.per_side_now = per_side_now  # "neither" undoes a one-side choice

    def compose(self) -> ComposeResult:
        alt, pose = self.alternative, self.pose_name
        lines = [
            f"Do {alt} instead of {pose} on:",
            "",
            f"  b  both sides ({alt} in the routine)",
            f"  l  the left side only ({pose} on the right)",
            f"  r  the right side only ({pose} on the left)",
        ]
        if self.per_side_now:
            lines.append(f"  n  neither ({pose} on both sides)")
        with Vertical():
            yield Static("\n".join(lines), markup=False)  # names come from the routine file
            yield Static("Esc: keep it as it is", classes="hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`n` only when one side already has the alternative."""
        if action == "choose" and parameters == ("neither",):
            return self.per_side_now
        return True

    def action_choose(self, choice: str | None) -> None:
        """Close with the sides chosen (None: nothing changes)."""
        self.dismiss(choice)
