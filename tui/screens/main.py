"""The main screen: the routine on the left, the highlighted pose on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static

from tui.core.routine import Routine, Step, format_duration, total_seconds
from tui.widgets.pose_detail import PoseDetail
from tui.widgets.routine_list import RoutineList

if TYPE_CHECKING:
    from tui.app import SuppleApp


class MainScreen(Screen[None]):
    """Choose, read about and start today's routine."""

    BINDINGS = [
        Binding("s", "start", "Start", id="main.start"),
        Binding("h", "history", "History", id="main.history"),
        Binding("q", "app.quit", "Quit", id="main.quit"),
    ]

    app: SuppleApp

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main-body"):
            with Vertical(id="routine-pane"):
                yield Static(id="routine-title")
                yield RoutineList(id="routine-list")
                yield Static(id="routine-total")
            yield PoseDetail(id="pose-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_routine()
        self.query_one(RoutineList).focus()

    @property
    def routine(self) -> Routine:
        """The routine shown, as the app holds it now."""
        return self.app.routine

    def refresh_routine(self) -> None:
        """Redraw the list, the total and the detail pane from the app's routine."""
        routine = self.routine
        self.query_one("#routine-title", Static).update(routine.name)
        self.query_one(RoutineList).show_routine(routine)
        total = total_seconds(routine, self.app.timing)
        label = self.query_one("#routine-total", Static)
        over = total > routine.target_minutes * 60
        label.set_class(over, "-over-target")
        count = len(routine.active_steps())
        note = (
            f"over {routine.target_minutes} min" if over else f"under {routine.target_minutes} min"
        )
        label.update(f"{count} poses · total {format_duration(total)} ({note})")
        self._show_detail()

    def highlighted_step(self) -> Step | None:
        """The step under the cursor, if any."""
        index = self.query_one(RoutineList).highlighted
        steps = self.routine.steps
        return steps[index] if index is not None and index < len(steps) else None

    def _show_detail(self) -> None:
        step = self.highlighted_step()
        if step is not None:
            self.query_one(PoseDetail).show(self.routine, step)

    @on(OptionList.OptionHighlighted, "#routine-list")
    def _on_highlight(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected, "#routine-list")
    def _on_select(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        """Begin a guided session of today's routine."""
        self.app.start_session()

    def action_history(self) -> None:
        """Open the history of past sessions."""
        self.app.show_history()
