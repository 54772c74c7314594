"""The main screen: the routine on the left, the highlighted pose on the right; edit it here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from tui.core import editing
from tui.core.figure import posed
from tui.core.routine import (
    Pose,
    Routine,
    RoutineError,
    Step,
    format_duration,
    swap_word,
    total_seconds,
)
from tui.core.safe_text import terminal_safe
from tui.store.figures import figure_or_none
from tui.widgets.figure import FigureView
from tui.widgets.key_bar import KeyBar
from tui.widgets.pose_detail import PoseDetail
from tui.widgets.routine_list import RoutineList

if TYPE_CHECKING:
    from tui.app import SuppleApp
    from tui.core.stats import StatusFacts
    from tui.store.routines import RoutineStore

Edit = Callable[[Routine, int], Routine]
MOVE = Binding.Group("Move", compact=True)
HOLD = Binding.Group("Hold", compact=True)


class MainScreen(Screen[None]):
    """Choose, read about, shape and start today's routine."""

    # Below 80 columns the pose pane beside the list is a sliver (~18 columns at 60).
    MIN_SIZE = (80, 24)

    # A callable, so the picker's module loads when the palette opens, not at startup.
    COMMANDS = {lambda: _routine_commands()}

    BINDINGS = [
        Binding("s", "start", "Start", id="main.start"),
        # J/K first: the bar shows the first key, and shifted arrows get lost in some tmuxes.
        Binding("J,shift+down", "move(1)", "Move pose down", group=MOVE, id="main.move_down"),
        Binding("K,shift+up", "move(-1)", "Move pose up", group=MOVE, id="main.move_up"),
        Binding("space", "toggle_pose", "On/off", id="main.toggle"),
        Binding("plus,equals_sign", "amount(1)", "Longer", group=HOLD, id="main.longer"),
        Binding("minus", "amount(-1)", "Shorter", group=HOLD, id="main.shorter"),
        Binding("a", "swap", "Gentler", id="main.swap"),
        Binding("u,ctrl+z", "undo", "Undo", id="main.undo"),
        Binding("ctrl+r", "reset", "Reset", show=False, id="main.reset"),
        Binding("h", "history", "History", id="main.history"),
        # Short words: at 80 columns they show on a pose without a gentler one.
        Binding("1", "start_only", "Only", id="main.only"),
        Binding("f", "start_from", "From", id="main.from"),
        # Last but for ?: at 80 columns, on a pose with a gentler one, the bar leaves it out.
        Binding("R", "routines", "Routines", id="main.routines"),
        Binding("q", "app.quit", "Quit", show=False, id="main.quit"),
        Binding("m", "phone_link", "Phone link", show=False, id="main.phone"),
        # Priority, so the keys reach the pose text rather than paging the list: with the
        # mouse off (SSH) this is how "Why" and "Care" come into view at 80x24.
        Binding(
            "pageup",
            "scroll_detail(-1)",
            "Scroll pose text up",
            show=False,
            priority=True,
            id="main.detail_up",
        ),
        Binding(
            "pagedown",
            "scroll_detail(1)",
            "Scroll pose text down",
            show=False,
            priority=True,
            id="main.detail_down",
        ),
    ]

    app: SuppleApp

    def __init__(self) -> None:
        super().__init__()
        self.editor: editing.RoutineEditor | None = None
        self._seen_version: tuple[int, int] | None = None
        self._warned = 0
        self._keys_shown: tuple[object, ...] = ()
        self._figures_drawn = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main-body"):
            with Vertical(id="routine-pane"):
                yield Static(id="routine-title")
                yield RoutineList(id="routine-list")
                yield Static(id="routine-total")
                yield Static(id="routine-today")
            with Vertical(id="detail-pane"):
                door = self.app.remote_door
                if door is not None:
                    from tui.widgets.phone_link import PhoneCode  # with --remote only

                    yield PhoneCode(door.link, id="phone-code")
                yield FigureView(id="pose-figure")
                yield PoseDetail(id="pose-detail")
        if self.app.remote_door is not None:
            from tui.widgets.phone_link import PhoneLine

            yield PhoneLine(self.app.remote_door.link, "m: code", id="phone-line")
        yield KeyBar()

    def on_mount(self) -> None:
        self.editor = editing.RoutineEditor(self.app.routine)
        store = self.app.routine_store
        if store is not None:
            self._seen_version = store.version()
            self._warned = len(store.warnings)  # the app shows those at start
        routine_list = self.query_one(RoutineList)
        routine_list.follow_highlight = self._on_highlight
        self.refresh_routine()
        routine_list.focus()
        self.watch(self.app, "app_focus", self._on_app_focus, init=False)
        if self.app.remote_door is not None:
            self.app.remote_pages_signal.subscribe(self, self._show_phone_code)
            self._show_phone_code(self.app.remote_pages)

    def _show_phone_code(self, pages: int) -> None:
        """The code takes the figure's place until a phone has the page open."""
        self.query_one("#phone-code").display = pages == 0
        self._show_detail()

    @property
    def routine(self) -> Routine:
        """The routine shown, with every edit so far."""
        return self.app.routine if self.editor is None else self.editor.routine

    def refresh_routine(self, highlight: int | None = None) -> None:
        """Redraw the list, the total and the detail pane from the routine being edited."""
        routine = self.routine
        self.query_one("#routine-title", Static).update(Content(terminal_safe(routine.name)))
        routine_list = self.query_one(RoutineList)
        routine_list.show_routine(routine)
        if highlight is not None and routine.steps:
            routine_list.highlighted = max(0, min(highlight, len(routine.steps) - 1))
        total = total_seconds(routine, self.app.timing)
        label = self.query_one("#routine-total", Static)
        over = total > routine.target_minutes * 60
        label.set_class(over, "-over-target")
        count = len(routine.active_steps())
        note = (
            f"over {routine.target_minutes} min" if over else f"under {routine.target_minutes} min"
        )
        # "In all": get-ready and side-switch pauses included, as `supple status` estimates it
        # and the summary counts a session; history shows the time held in the poses.
        label.update(f"{count} poses · {format_duration(total)} in all ({note})")
        self._show_detail()
        self._refresh_keys()
        if self.app.remote is not None:
            self.app.remote.changed()  # a phone shows the routine as edited here

    def highlighted_index(self) -> int | None:
        """The position of the step under the cursor, if any."""
        index = self.query_one(RoutineList).highlighted
        return index if index is not None and index < len(self.routine.steps) else None

    def highlighted_step(self) -> Step | None:
        """The step under the cursor, if any."""
        index = self.highlighted_index()
        return None if index is None else self.routine.steps[index]

    def _show_detail(self) -> None:
        step = self.highlighted_step()
        if step is not None:
            self.query_one(PoseDetail).show(self.routine, step)
            self._show_figure(self.routine.pose(step.pose_id))

    def first_frame_drawn(self) -> None:
        """What is not worth delaying the routine's first frame for: the line about today
        (it reads the history) and the figure (rasterising it)."""
        self.show_today()
        self._draw_figures()

    def _draw_figures(self) -> None:
        """From now on the detail pane shows the highlighted pose's figure."""
        self._figures_drawn = True
        step = self.highlighted_step()
        if step is not None:
            self._show_figure(self.routine.pose(step.pose_id))

    def _show_figure(self, pose: Pose) -> None:
        """The highlighted pose's figure; two-sided poses show the left side, named in words."""
        figure = figure_or_none(pose.id)
        view = self.query_one(FigureView)
        # With --remote the phone's code has the figure's place until a phone is in.
        waiting = self.app.remote_door is not None and not self.app.remote_pages
        view.display = figure is not None and not waiting
        if figure is None:
            return
        side = "left" if pose.per_side else None
        caption = figure.left if side else ""
        if not self._figures_drawn:
            # The first frame keeps the figure's place empty, as tall as it will be: the
            # drawing follows at once, and the words below it do not move.
            view.plan(posed(figure, side), caption)
            return
        view.show(posed(figure, side), caption)

    def _on_highlight(self) -> None:
        self._show_detail()
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Update the footer only when what it shows changes: rebuilding it costs a layout."""
        shown = tuple(
            self.check_action(action, params)
            for action, params in (
                ("move", (-1,)),
                ("move", (1,)),
                ("swap", ()),
                ("amount", (-1,)),
                ("amount", (1,)),
                ("undo", ()),
            )
        )
        step = self.highlighted_step()
        swap = swap_word(self.routine.pose(step.pose_id)) if step is not None else ""
        shown_now = (*shown, swap)
        if shown_now != self._keys_shown:
            self._keys_shown = shown_now
            self.refresh_bindings()

    @on(OptionList.OptionSelected, "#routine-list")
    def _on_select(self) -> None:
        self.action_start()

    # What can apply now

    def key_label(self, binding: Binding, default: str) -> str:
        """The key bar's and help's word for `binding`: `a` says which way the swap goes."""
        if binding.action == "select":
            return "Start"  # Enter on the list starts the session, as s does
        index = self.highlighted_index()
        if binding.id != "main.swap" or index is None:
            return default
        return swap_word(self.routine.pose(self.routine.steps[index].pose_id), default)

    def key_unavailable(self, binding: Binding) -> str:
        """Why `binding` cannot act on the highlighted pose now, for the help screen."""
        if binding.id == "main.undo":
            return "nothing to undo yet"
        if binding.id == "main.swap":
            return "only on a pose with a gentler one (Pigeon)"
        if binding.id == "main.phone":
            return "only with supple --remote"
        unit = "breaths" if self._highlighted_breaths() else "hold"
        return {
            "main.move_up": "the pose is already first",
            "main.move_down": "the pose is already last",
            "main.longer": f"the {unit} is at its longest",
            "main.shorter": f"the {unit} is at its shortest",
        }.get(binding.id or "", "")

    def _highlighted_breaths(self) -> bool:
        step = self.highlighted_step()
        return step is not None and self.routine.pose(step.pose_id).is_breath_paced

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out edits that cannot apply to the highlighted pose."""
        if action == "phone_link":
            return self.app.remote_door is not None
        if action not in ("move", "toggle_pose", "swap", "amount", "undo"):
            return True
        if self.editor is None:
            return None
        if action == "undo":
            return True if self.editor.can_undo else None
        index = self.highlighted_index()
        if index is None:
            return None
        routine = self.routine
        if action == "move":
            return True if editing.can_move(routine, index, _direction(parameters)) else None
        if action == "swap":  # hidden, not greyed: most poses have no alternative
            return editing.alternative_of(routine, index) is not None
        if action == "amount":
            return (
                True if editing.can_change_amount(routine, index, _direction(parameters)) else None
            )
        return True

    # Edits

    def action_move(self, delta: int) -> None:
        """Move the highlighted pose up (-1) or down (1); it stays highlighted."""
        self._edit(lambda r, i: editing.move(r, i, delta), follow=delta)

    def action_toggle_pose(self) -> None:
        """Include or leave out the highlighted pose today."""
        self._edit(editing.toggle)

    def action_swap(self) -> None:
        """Do the highlighted pose's alternative instead (Pigeon ↔ Figure-Four).

        For two two-sided poses, ask first: both sides, the left only or the right only.
        """
        index = self.highlighted_index()
        if index is None or not editing.can_choose_sides(self.routine, index):
            self._edit(editing.swap_alternative)
            return
        from tui.screens.sides import SidesScreen

        step = self.routine.steps[index]
        pose = self.routine.pose(step.pose_id)
        alternative = editing.alternative_of(self.routine, index)
        assert alternative is not None  # can_choose_sides

        def chosen(choice: str | None) -> None:
            if choice is not None and self.highlighted_index() == index:
                self._edit(lambda r, i: editing.alternative_on(r, i, choice))

        screen = SidesScreen(pose.name, alternative.name, bool(step.alternative_sides))
        self.app.push_screen(screen, chosen)

    def action_amount(self, direction: int) -> None:
        """Hold the highlighted pose longer (1) or shorter (-1), within its range."""
        self._edit(lambda r, i: editing.change_amount(r, i, direction))

    def action_scroll_detail(self, direction: int) -> None:
        """Scroll the pose text a page down (1) or up (-1)."""
        detail = self.query_one(PoseDetail)
        if direction > 0:
            detail.scroll_page_down(animate=False)
        else:
            detail.scroll_page_up(animate=False)

    def action_undo(self) -> None:
        """Take back the last edit."""
        self._pick_up_outside_changes()
        step, index = self.highlighted_step(), self.highlighted_index()
        if self.editor is None or not self.editor.undo():
            return
        # The highlight follows the pose (an undone move), else stays in place.
        ids = [s.pose_id for s in self.routine.steps]
        self._edited(ids.index(step.pose_id) if step and step.pose_id in ids else index)

    def action_reset(self) -> None:
        """Put the routine back as shipped (or imported), after asking."""
        question = f"Reset {self.routine.name!r} to its default order, poses and holds?"
        from tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question, yes="reset", no="keep"), self._reset)

    def _reset(self, confirmed: bool | None) -> None:
        if not confirmed or self.editor is None:
            return
        store = self.app.routine_store
        default = store.reset(self.routine.id) if store else self.app.routine
        if self.editor.apply(default):  # undo can still bring the edits back
            self._edited(self.highlighted_index())
        self.notify("Routine reset to default; u undoes it.")

    def _edit(self, change: Edit, follow: int = 0) -> None:
        self._pick_up_outside_changes()
        index = self.highlighted_index()
        if self.editor is None or index is None:
            return
        if self.editor.apply(change(self.editor.routine, index)):
            self._edited(index + follow)

    def _edited(self, highlight: int | None) -> None:
        self.app.routine = self.routine
        store = self.app.routine_store
        if store is not None:
            store.save(self.routine)
            self._seen_version = store.version()
            self._show_new_warnings(store)
            if store.waiting:
                self.app.routine_edits_waiting()
        self.refresh_routine(highlight)

    def _show_new_warnings(self, store: RoutineStore) -> None:
        for message in store.warnings[self._warned :]:
            self.notify(terminal_safe(message), severity="warning", timeout=15, markup=False)
        self._warned = len(store.warnings)

    # Other Supples on the same data

    def show_today(self) -> None:
        """Say whether today's practice is done, and the streak ("done today · 5-day streak")."""
        label = self.query_one("#routine-today", Static)
        history = self.app.history
        # Opening after the first frame: the line keeps its row meanwhile, so nothing moves.
        label.display = self.app.history_expected
        if history is None:
            return
        from tui.core.clock import local_now
        from tui.store.day_index import status_of

        facts = status_of(history, local_now().date())
        label.update(today_text(facts))
        label.set_class(facts.done_today, "-done")

    def on_screen_resume(self) -> None:
        self.show_today()  # back from a session: it may be done now
        if self.editor is not None and self.app.routine is not self.editor.routine:
            self.editor.replace(self.app.routine)  # changed elsewhere in this app
            self.refresh_routine()
        self._pick_up_outside_changes(announce=True)

    def _on_app_focus(self, focused: bool) -> None:
        if focused:
            self._pick_up_outside_changes(announce=True)

    def _pick_up_outside_changes(self, announce: bool = False) -> None:
        """Load the routine again if another process saved since we last looked."""
        store = self.app.routine_store
        if store is None or self.editor is None:
            return
        version = store.version()
        if version == self._seen_version or store.waiting:
            return  # or ours wait to be written over theirs: loading theirs would lose them
        self._seen_version = version
        try:
            fresh = store.load(self.routine.id)
        except (KeyError, RoutineError):
            return  # deleted or broken elsewhere: keep ours; the next save recreates it
        if fresh != self.routine:
            step, index = self.highlighted_step(), self.highlighted_index()
            self.editor.replace(fresh)
            self.app.routine = fresh
            # Stay on the same pose, so a key pressed next applies to the pose the person sees.
            ids = [s.pose_id for s in fresh.steps]
            self.refresh_routine(ids.index(step.pose_id) if step and step.pose_id in ids else index)
            if announce:
                self.notify("Updated with changes saved by another Supple window.")

    # Other screens

    def action_routines(self) -> None:
        """Open the routine picker: switch, save as, rename, delete, reset."""
        store = self.app.routine_store
        if store is None:
            self.notify("Routines cannot be saved in this run.", severity="warning")
            return
        from tui.screens.routines import RoutinesScreen

        screen = RoutinesScreen(store, self.routine, self.app.timing, self._routine_changed)
        self.app.push_screen(screen, self._switch_to)

    def _routine_changed(self) -> Routine:
        """The picker renamed, reset or deleted the open routine: show that now, behind it."""
        self._switch_to(None)
        return self.routine

    def _switch_to(self, routine_id: str | None) -> None:
        """Open `routine_id` (None: the same one again, as the picker may have changed it)."""
        store = self.app.routine_store
        if store is None or self.editor is None:
            return
        try:
            fresh = store.load(routine_id or self.routine.id)
        except KeyError:  # the routine shown was deleted in the picker
            fresh = store.load_current()
        except RoutineError as exc:
            message = terminal_safe(f"Could not open that routine: {exc}")
            self.notify(message, severity="error", timeout=15, markup=False)
            return
        same = fresh.id == self.routine.id
        keep_place = same or fresh.steps == self.routine.steps  # e.g. just saved as a copy
        if same:
            self.editor.apply(fresh)  # a reset in the picker can still be undone
            self.editor.routine = fresh  # and a new name shows at once
        else:
            self.editor.replace(fresh)
        if routine_id is not None or not same:
            store.set_current(fresh.id)
            if store.waiting:
                self.app.routine_edits_waiting()
        self._seen_version = store.version()
        self.app.routine = fresh
        self._show_new_warnings(store)
        self.refresh_routine(None if keep_place else 0)

    def action_start(self) -> None:
        """Begin a guided session of today's routine."""
        self.app.routine = self.routine
        self.app.start_session()

    def action_start_only(self) -> None:
        """Begin a session of just the highlighted pose (a bad day), on or off."""
        step = self.highlighted_step()
        if step is not None:
            self.app.routine = self.routine
            self.app.start_session(routine=self.routine.only(step.pose_id))

    def action_start_from(self) -> None:
        """Begin a session from the highlighted pose on."""
        step = self.highlighted_step()
        if step is not None:
            self.app.routine = self.routine
            self.app.start_session(routine=self.routine.starting_at(step.pose_id))

    def action_phone_link(self) -> None:
        """Show the phone page's QR code and link, with --remote."""
        self.app.show_phone_link()

    def action_history(self) -> None:
        """Open the history of past sessions."""
        self.app.show_history()


def _routine_commands() -> type[Provider]:
    from tui.screens.routines import RoutineCommands

    return RoutineCommands


def today_text(facts: StatusFacts) -> str:
    """ "done today · 5-day streak", "not done today · 4-day streak" or "not done today"."""
    state = "done today" if facts.done_today else "not done today"
    return f"{state} · {facts.streak:,}-day streak" if facts.streak else state


def _direction(parameters: tuple[object, ...]) -> int:
    value = parameters[0] if parameters else 1
    return value if isinstance(value, int) else 1
