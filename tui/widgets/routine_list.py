"""The routine as a list of poses, one row each with its hold summary."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.routine import Routine, Step, step_summary
from tui.core.safe_text import terminal_safe

NAME_WIDTH = 19  # the longest shipped name, "Seated Spinal Twist"
SUMMARY_WIDTH = 14  # "30 s × 2 sides"


def step_prompt(number: int | None, routine: Routine, step: Step) -> Content:
    """One list row: place in today's session, pose name and its hold; "off" rows dimmed."""
    pose = routine.pose(step.pose_id)
    summary = f"{step_summary(routine, step):>{SUMMARY_WIDTH}}"
    # Cut and padded by terminal cells, not characters: a CJK or emoji name is two cells a
    # character, and the holds must still line up (the detail pane shows the whole name).
    shown = pose.name
    if step.alternative_sides and pose.alternative is not None:
        shown = f"{pose.name}/{routine.pose(pose.alternative).name}"  # one side each
    name = Content(terminal_safe(shown)).truncate(NAME_WIDTH, ellipsis=True, pad=True)
    if number is None or not step.enabled:
        # Same width as a numbered row, so nothing wraps in the narrow pane.
        return Content.assemble("off ", name.stylize("strike"), " ", summary).stylize("dim")
    return Content.assemble(f"{number:>2}. ", name, " ", summary)


def numbered(routine: Routine) -> list[int | None]:
    """Each step's place in today's session, None for steps left out."""
    places: list[int | None] = []
    count = 0
    for step in routine.steps:
        count += step.enabled
        places.append(count if step.enabled else None)
    return places


class RoutineList(OptionList):
    """Poses of the routine; the highlighted one is shown in the detail pane."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    # Called as the highlight moves, before the frame that shows it is drawn: a handler of
    # OptionHighlighted runs a turn later and its changes would need a frame of their own.
    follow_highlight: Callable[[], None] | None = None

    # OptionList repaints every row when the highlight moves; only two rows change, and over
    # a slow link the rest (the empty rows under the list, too) cost a third of a key press.
    highlighted: reactive[int | None] = reactive(None, repaint=False)

    _shown_highlight: int | None = None  # the row drawn highlighted, to repaint once it moves

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Scroll to the new highlight, post OptionHighlighted, and call `follow_highlight`."""
        super().watch_highlighted(highlighted)
        self._repaint_rows(self._shown_highlight, highlighted)
        self._shown_highlight = highlighted
        if highlighted is not None and self.follow_highlight is not None:
            self.follow_highlight()

    def _repaint_rows(self, *indexes: int | None) -> None:
        """Repaint the rows of these options, or everything if one cannot be placed."""
        width = self.scrollable_content_region.width
        top = self.scroll_offset.y
        try:
            # OptionList's own map from an option to its first line and its height.
            regions = [
                Region(0, self._index_to_line[i] - top, width, self._heights[i])
                for i in indexes
                if i is not None
            ]
        except (KeyError, AttributeError):  # not laid out yet, or a Textual that renamed them
            self.refresh()
            return
        self.refresh(*regions)

    def show_routine(self, routine: Routine) -> None:
        """Fill the list from `routine`, keeping the highlight where it was."""
        highlighted = self.highlighted
        self.set_options(
            Option(step_prompt(n, routine, step), id=step.pose_id)
            for n, step in zip(numbered(routine), routine.steps, strict=True)
        )
        if routine.steps:
            self.highlighted = min(highlighted or 0, len(routine.steps) - 1)
