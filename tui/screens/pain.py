"""The pain check-in: a digit (or 1 then 0), or ← → along a visible 0-10 scale; Enter answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.confirm import ConfirmScreen
from tui.screens.dismiss_once import DismissOnce

if TYPE_CHECKING:
    from tui.app import SuppleApp

QUESTIONS = {
    "before": "Before you start: how much pain do you feel right now?",
    "after": "The session is over. How much pain do you feel now?",
}
SCALE = range(11)
WHERE_OFFER = "w: also say where it hurts, and add a note"
WHERE_ASKED = "Where it hurts and a note are asked next."


def scale_line(chosen: int | None) -> Content:
    """The 0-10 scale as one row of numbers, the chosen one shown reversed."""
    cells = [
        Content(f" {n} ").stylize("reverse") if n == chosen else Content(f" {n} ") for n in SCALE
    ]
    return Content("").join(cells)


def hint(chosen: int | None) -> str:
    """What the keys do now; after a 1, that a 0 makes it 10."""
    if chosen == 1:
        return "1 chosen: Enter answers 1, or press 0 for 10."
    if chosen is not None:
        return f"{chosen} chosen: Enter answers {chosen}."
    return "Press 0 … 9, or 1 then 0 for 10; or choose with ← →, then Enter."


class PainScreen(ModalScreen[int | None], DismissOnce[int | None]):
    """Ask for a pain rating 0-10; returns it, or None when skipped."""

    QUESTION = True

    BINDINGS = [
        Binding("0", "digit(0)", "0", show=False, id="pain.0"),
        Binding("1", "digit(1)", "1", show=False, id="pain.1"),
        *(Binding(str(n), f"rate({n})", str(n), show=False, id=f"pain.{n}") for n in range(2, 10)),
        Binding("right,up,l,k", "step(1)", "Higher", id="pain.higher"),
        Binding("left,down,h,j", "step(-1)", "Lower", id="pain.lower"),
        Binding("enter", "answer", "Answer (skip if none chosen)", id="pain.answer"),
        Binding("escape", "skip", "Skip", id="pain.skip"),
        Binding("d", "never", "Stop asking (asks first)", id="pain.never"),
        Binding("w", "want_where", "Also say where it hurts, and add a note", id="pain.where"),
    ]

    app: SuppleApp

    def __init__(self, when: str) -> None:
        super().__init__()
        self.when = when
        self.chosen: int | None = None
        self.wants_where = False  # w: after the rating, ask where it hurts and for a note

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-box", classes="supple-dialog"):
            yield Static(QUESTIONS.get(self.when, QUESTIONS["before"]), classes="dialog-title")
            yield Static("0 = no pain   5 = moderate   10 = worst imaginable", id="pain-legend")
            yield Static(scale_line(None), id="pain-scale")
            yield Static(hint(None), id="pain-hint")
            yield Static(WHERE_OFFER, id="pain-where-offer")
            yield Static(
                "Enter: answer (nothing chosen: skip)  ·  Esc: skip  ·  d: stop asking…",
                classes="dialog-hint",
            )

    def _choose(self, rating: int) -> None:
        self.chosen = rating
        self.query_one("#pain-scale", Static).update(scale_line(rating))
        self.query_one("#pain-hint", Static).update(hint(rating))

    def _answer(self, rating: int | None) -> None:
        self.dismiss(rating)

    def action_digit(self, digit: int) -> None:
        """0 answers 0, or 10 right after a 1; 1 waits for a possible 0."""
        if digit == 0 and self.chosen == 1:
            self._answer(10)
        elif digit == 1:
            self._choose(1)
        else:
            self._answer(digit)

    def action_rate(self, rating: int) -> None:
        """Answer with `rating`."""
        self._answer(rating)

    def action_step(self, delta: int) -> None:
        """Move the choice along the scale (from the middle when nothing is chosen yet)."""
        start = 5 - delta if self.chosen is None else self.chosen
        self._choose(max(SCALE[0], min(SCALE[-1], start + delta)))

    def action_answer(self) -> None:
        """Answer with the chosen rating, or skip when none is chosen."""
        self._answer(self.chosen)

    def action_want_where(self) -> None:
        """Ask where it hurts, and for a note, once the rating is given."""
        self.wants_where = True
        self.query_one("#pain-where-offer", Static).update(WHERE_ASKED)
        if self.app.remote is not None:
            self.app.remote.changed()  # a phone shows that it will be asked

    def action_skip(self) -> None:
        """Answer nothing this time."""
        self._answer(None)

    def action_never(self) -> None:
        """Ask whether to stop asking; a d typed by mistake among digits changes nothing."""
        if self.dismissed:
            return

        def answered(stop: bool | None) -> None:
            if stop and not self.dismissed:
                self.app.update_settings(pain_checkins=False)
                self.app.notify("Pain check-ins are off. Turn them on again in Settings (o).")
                self._answer(None)

        self.app.push_screen(
            ConfirmScreen(
                "Stop asking about pain before and after each session? "
                "Settings (o) can turn it back on.",
                yes="stop asking",
                no="keep asking",
            ),
            answered,
        )
