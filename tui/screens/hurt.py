""" "This hurts": the session stops, and a large choice readable from the floor."""

from __future__ import annotations

from enum import StrEnum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.dismiss_once import DismissOnce
from tui.widgets.big_word import BigWord


class _BigKey(BigWord):
    """One key of the choice in big letters."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    # Set against the words it goes with, not centred: A, N and Q are narrower than SPACE.
    ALIGN_RIGHT = True

    def on_mount(self) -> None:
        self.show(self.key, 1)


class HurtChoice(StrEnum):
    """What the person chose to do after saying a pose hurts."""

    ALTERNATIVE = "alternative"
    SKIP = "skip"
    END = "end"
    CARRY_ON = "carry on"


class HurtScreen(ModalScreen[HurtChoice | None], DismissOnce[HurtChoice | None]):
    """Paused for pain: the gentler pose, skip it, end the session, or carry on."""

    DEFAULT_CSS = """
    HurtScreen {
        align: center middle;
    }
    HurtScreen > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 3;
        border: heavy $error;
        background: $surface;
    }
    HurtScreen #hurt-title {
        text-style: bold;
        color: $error;
        margin-bottom: 1;
    }
    HurtScreen .choice {
        height: 3;
        margin-bottom: 1;
    }
    HurtScreen .choice BigWord {
        width: 19;
        margin-right: 2;
        color: $error;
    }
    HurtScreen .choice-text {
        width: 1fr;
        height: 3;
        content-align: left middle;
        text-style: bold;
    }
    HurtScreen #hurt-advice {
        color: $text-muted;
    }
    """

    QUESTION = True

    BINDINGS = [
        Binding("a", "choose('alternative')", "Gentler pose", id="hurt.alternative"),
        Binding("n", "choose('skip')", "Skip this pose", id="hurt.skip"),
        Binding("q", "choose('end')", "End the session", id="hurt.end"),
        Binding("space", "choose('carry on')", "Carry on", id="hurt.carry_on"),
    ]

    HELP_TITLE = "This hurts"

    def __init__(
        self, pose_name: str, side: str | None, alternative: str | None, scope: str = ""
    ) -> None:
        super().__init__()
        self.pose_name = pose_name
        self.side = side
        self.alternative = alternative
        self.scope = scope  # "this side", "both sides", or "" (a pose done once)

    def compose(self) -> ComposeResult:
        side = f" ({self.side} side)" if self.side else ""
        with Vertical():
            yield Static(f"Paused — {self.pose_name}{side} hurts.", id="hurt-title", markup=False)
            for key, words in self._choices():
                # The key in letters three rows tall: read from the mat, two metres away.
                with Horizontal(classes="choice"):
                    yield _BigKey(key.upper())
                    yield Static(
                        Content.assemble((key, "reverse"), "  ", words), classes="choice-text"
                    )
            yield Static(
                "Stretching should feel like gentle tension, never sharp pain. "
                "Don't push into pain. What you held is saved, marked as hurt.",
                id="hurt-advice",
            )

    def _choices(self) -> list[tuple[str, str]]:
        """Each key and what it does, the gentler pose first where there is one."""
        choices = [("n", "Skip this pose"), ("q", "End the session"), ("space", "Carry on, gently")]
        if self.alternative and self.scope:
            # One line at 80 columns: "Figure-Four Stretch instead, both sides".
            choices.insert(0, ("a", f"{self.alternative} instead, {self.scope}"))
        elif self.alternative:
            choices.insert(0, ("a", f"Switch to {self.alternative}"))
        return choices

    @property
    def alternative_said(self) -> str:
        """ "Figure-Four Stretch, this side": the gentler pose, and which sides it takes."""
        return f"{self.alternative}, {self.scope}" if self.scope else str(self.alternative)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`a` only where the pose has a gentler alternative."""
        if action == "choose" and parameters == ("alternative",):
            return self.alternative is not None
        return True

    def action_choose(self, choice: str) -> None:
        """Close with the choice."""
        self.dismiss(HurtChoice(choice))
