"""The routine as a list of poses, one row each with its hold summary."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.routine import Routine, Step, hold_summary

NAME_WIDTH = 19  # the longest shipped name, "Seated Spinal Twist"
SUMMARY_WIDTH = 14  # "30 s × 2 sides"


def step_prompt(number: int, routine: Routine, step: Step) -> Content:
    """One list row: number, pose name and its hold, dimmed when left out today."""
    pose = routine.pose(step.pose_id)
    summary = hold_summary(pose, step.amount)
    row = f"{number:>2}. {pose.name:<{NAME_WIDTH}} {summary:>{SUMMARY_WIDTH}}"
    if not step.enabled:
        return Content.from_markup("[dim strike]$row[/]  [dim](off)[/]", row=row)
    return Content(row)


class RoutineList(OptionList):
    """Poses of the routine; the highlighted one is shown in the detail pane."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    def show_routine(self, routine: Routine) -> None:
        """Fill the list from `routine`, keeping the highlight where it was."""
        highlighted = self.highlighted
        self.set_options(
            Option(step_prompt(n, routine, step), id=step.pose_id)
            for n, step in enumerate(routine.steps, start=1)
        )
        if routine.steps:
            self.highlighted = min(highlighted or 0, len(routine.steps) - 1)
