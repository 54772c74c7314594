"""The guided session: the big countdown, cues you can hear, and the controls in the footer.

Redraws happen only when something shown changes: after each frame the screen asks
`countdown_math` when the next digit, bar eighth or breath step falls and sets a
one-shot timer for then. Paused, no timer runs at all.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer

from tui import paths
from tui.active_session import ActiveSession
from tui.core.clock import local_now
from tui.core.countdown_math import (
    format_clock,
    next_frame,
    shown_seconds,
    until_animation_step,
    until_step,
    until_text_change,
)
from tui.core.cues import CueTracker
from tui.core.engine import EngineState, Event, PausedChanged, Phase, PhaseStarted, SessionEnded
from tui.core.routine import Pose, swap_word
from tui.core.safe_text import terminal_safe
from tui.screens.confirm import ConfirmScreen
from tui.screens.summary import SessionSummary, SummaryScreen
from tui.screens.too_small import too_small
from tui.store.figures import figure_or_none
from tui.widgets.countdown import Countdown
from tui.widgets.key_bar import KeyBar
from tui.widgets.steady import SteadyLines

if TYPE_CHECKING:
    from tui.app import SuppleApp

# Seconds a notice stays on its line unless the message asks for longer.
NOTICE_SECONDS = 4.0
# Animation frames a second: enough to look alive, few enough to stay cheap over SSH.
ANIMATION_FPS = 4
# Wake a hair after a change is due, so the engine is surely past it.
_LATE = 0.003

# OSC 2 sets the window title; CSI 22/23 t push and pop it, where terminals keep a stack.
_PUSH_TITLE = "\x1b[22;2t"
_POP_TITLE = "\x1b]2;\x07\x1b[23;2t"


def window_title(state: EngineState) -> str:
    """The terminal window title: time left and pose, readable in a task bar or tmux."""
    if state.pose is None:
        return "Supple"
    side = f" ({state.side})" if state.side else ""
    pause = "paused · " if state.paused else ""
    # A name with BEL or ESC would end this OSC 2 sequence early and start its own.
    return terminal_safe(
        f"{pause}{format_clock(state.remaining)} · {state.pose.name}{side} — Supple"
    )


def _side_meaning(pose: Pose, side: str) -> str:
    """What a side means for the pose ("left knee forward, right leg back"), from its figure."""
    figure = figure_or_none(pose.id)
    return figure.side_meaning(side) if figure is not None and figure.left else ""


def _swap_scope(pose: Pose, side: str | None, alternative: Pose | None) -> str:
    """Which sides taking the alternative now changes: the engine swaps this side and later."""
    if alternative is None or not alternative.per_side or side not in pose.sides:
        return ""
    later = pose.sides[pose.sides.index(side) :]
    return "this side" if len(later) == 1 else "both sides"


# Grouped in the key bar ("n/p Next/Back", "+/- 10 s") so every key fits in 80 columns.
POSE = Binding.Group("Next/Back", compact=True)
TIME = Binding.Group("10 s", compact=True)
SOUND = Binding.Group("Sound", compact=True)


def key_label(binding: Binding, default: str, state: EngineState | None) -> str:
    """What a session key does as things stand: "Resume" while paused, "1 breath" in Cat-Cow."""
    if state is None:
        return default
    breaths = state.pose is not None and state.pose.is_breath_paced
    if binding.id == "session.pause" and state.paused:
        return "Resume"
    if binding.id == "session.alternative" and state.pose is not None:
        return swap_word(state.pose, default)
    if breaths and binding.id in _BREATH_LABELS:
        return _BREATH_LABELS[binding.id] if default != TIME.description else "1 breath"
    return default


_BREATH_LABELS = {"session.add": "One breath more", "session.remove": "One breath less"}


class SessionScreen(Screen[None], SteadyLines):
    """Times every hold; the person only has to breathe."""

    # Its own styles, read when first shown: the app's first frame need not parse them.
    CSS_PATH = paths.styles_dir() / "session.tcss"

    # Restart comes last but for ?: at 80 columns the bar leaves it out, and ? lists it.
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="session.pause"),
        Binding("n,right", "next_pose", "Next", group=POSE, id="session.next"),
        Binding("p,left", "previous_pose", "Back", group=POSE, id="session.previous"),
        Binding("plus,equals_sign", "add_time", "10 s longer", group=TIME, id="session.add"),
        Binding("minus", "remove_time", "10 s shorter", group=TIME, id="session.remove"),
        Binding("exclamation_mark", "this_hurts", "Hurts", id="session.hurts"),
        Binding("a", "swap_alternative", "Gentler", id="session.alternative"),
        Binding("b", "toggle_bell", "Bell", group=SOUND, id="session.bell"),
        Binding("v", "toggle_voice", "Voice", group=SOUND, id="session.voice"),
        Binding("q,escape", "end_session", "End", id="session.end"),
        Binding("r", "restart_pose", "Restart", id="session.restart"),
        Binding("m", "phone_link", "Phone link", show=False, id="session.phone"),
    ]

    HELP_NOTES = (
        "Bells, so you can keep your eyes closed: 1 ring as a hold begins, 2 halfway and 3 "
        "at 10 s left (holds of 40 s or more), 2 + 2 with a pause to switch sides, a run of "
        "5 when the pose is done. In settings (o, before a session): time cues on or off, 1 "
        "ring at each of a hold's last 3 seconds, and 1 at each Cat-Cow inhale. Voice (v), "
        "where this computer can speak: the pose and side, begin, halfway, 10 seconds left, "
        "switch sides, each breath, the last seconds."
    )

    app: SuppleApp

    def __init__(self, session: ActiveSession) -> None:
        super().__init__()
        self.session = session
        self.engine = session.engine
        self._timer: asyncio.TimerHandle | None = None
        self._in_frame = False
        self._cues = CueTracker(self._pose_at, _side_meaning, self.engine.timing)
        self._title = ""
        self._title_key: tuple[object, ...] = ()
        self._summary_shown = False
        self._started = 0.0
        self.frames = 0  # redraws so far, for tests and the bench
        self._countdown = Countdown(figure_or_none, id="countdown")
        self._notice_timer: Timer | None = None
        self._keys_key: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield self._countdown
        yield KeyBar()

    def on_mount(self) -> None:
        self.engine.subscribe(self._on_engine_event)
        self._write_terminal(_PUSH_TITLE)
        self._started = self.app.clock()
        self._countdown.reduced_motion = self.app.reduced_motion
        self.call_after_refresh(self._take_over_toasts)
        self.engine.start()
        # Sizes are known only after the first layout; the bar steps depend on them.
        self.call_after_refresh(self.frame)

    def show_notice(
        self, message: str, *, title: str = "", timeout: float | None = None, markup: bool = True
    ) -> None:
        """Show a message on the countdown's notice line for a while (never over the digits)."""
        text = Content.from_markup(message).plain if markup else message
        text = terminal_safe(f"{title}: {text}" if title else text)
        self._countdown.set_notice(text)
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(
            timeout or NOTICE_SECONDS, lambda: self._countdown.set_notice("")
        )

    def _take_over_toasts(self) -> None:
        """Messages still showing from the main screen move to the notice line."""
        # Textual keeps them in a private collection; there is no public way to read them.
        waiting = list(getattr(self.app, "_notifications", ()))
        if waiting:
            self.app.clear_notifications()
            newest = waiting[-1]
            self.show_notice(newest.message, title=newest.title, markup=newest.markup)

    def on_unmount(self) -> None:
        self._cancel_timer()
        self._write_terminal(_POP_TITLE)

    def on_resize(self) -> None:
        if too_small(self.app.size):
            self.pause_hidden()  # the message covers the digits: the clock must wait
        self.call_after_refresh(self.frame)

    def on_screen_suspend(self) -> None:
        """Any overlay (help, settings, the palette, a question) stops the clock behind it."""
        self.pause_hidden()

    def on_screen_resume(self) -> None:
        """Back from an overlay: draw the PAUSED state at once (it stays until space)."""
        self.call_after_refresh(self.frame)

    def pause_hidden(self) -> None:
        """Pause while the session cannot be seen; only an explicit space resumes it."""
        if not self.engine.finished:
            self.engine.pause()

    # --- drawing and scheduling ------------------------------------------------

    def frame(self) -> None:
        """Pass due boundaries, redraw what changed, and book the next redraw."""
        # A key press draws a frame early: the redraw booked before it is no longer due.
        self._cancel_timer()
        self._in_frame = True
        try:
            self.engine.update()
        finally:
            self._in_frame = False
        if self.engine.finished:
            self._set_title(window_title(self.engine.state()))  # no time left to show
            self.app.play_cues(self._cues.take())
            self._finish()
            return
        state = self.engine.state()
        countdown = self._countdown
        countdown.show(state)
        self.frames += 1
        title_key = (shown_seconds(state.remaining), state.paused, state.pose, state.side)
        if title_key != self._title_key:
            # The title changes once a second; the frames between need not build it.
            self._title_key = title_key
            self._set_title(window_title(state))
        self._refresh_keys(state)
        self._cues.on_state(state)
        # After the title: a pattern's bells then fall between two title changes.
        self.app.play_cues(self._cues.take())
        if self.app.remote is not None:
            self.app.remote.on_frame(state)
        self._schedule(state, countdown)

    def _refresh_keys(self, state: EngineState) -> None:
        """Redraw the key bar when what its keys do changes (paused, breaths, an alternative)."""
        keys_key = (state.paused, state.pose, self.engine.hurt_here)
        if keys_key != self._keys_key:
            self._keys_key = keys_key
            self.refresh_bindings()

    def key_label(self, binding: Binding, default: str) -> str:
        """The key bar's and help's word for `binding` now."""
        return key_label(binding, default, None if self.engine.finished else self.engine.state())

    def key_unavailable(self, binding: Binding) -> str:
        """Why `binding` cannot act now, for the help screen."""
        if binding.id == "session.alternative":
            if self._swap_held_back():
                return "not after this pose hurt: only a gentler pose is offered"
            return "only in a pose with a gentler one (Pigeon)"
        if binding.id == "app.settings":
            return "open them from the main screen, after the session"
        if binding.id == "session.phone":
            return "only with supple --remote"
        return ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide `a` where it cannot act (no alternative, or a harder one after a hurt); nothing
        acts while too small.

        The too-small notice hides the countdown, so a key pressed blind (space) must not
        resume a hold the person cannot see.
        """
        if too_small(self.app.size):
            return False
        if action == "phone_link":
            return self.app.remote_door is not None
        if action == "swap_alternative":
            # Hidden where it cannot act, after a hurt too: the bar offers nothing harder to
            # someone in pain, not even greyed. `?` still lists it, saying why not now.
            return self.engine.can_swap()
        return True

    def _swap_held_back(self) -> bool:
        """Whether the pose has an alternative that a hurt in it rules out (a harder pose)."""
        if self.engine.finished:
            return False
        pose = self.engine.state().pose
        return pose is not None and pose.alternative is not None and self.engine.hurt_here

    def _schedule(self, state: EngineState, countdown: Countdown) -> None:
        self._cancel_timer()
        if state.paused or not self.is_attached:
            return
        if self.app.reduced_motion:
            animation = None
        else:
            animation = until_animation_step(state, countdown.bar_cells, countdown.breath_rows)
            routine_step = until_step(
                state.routine_remaining, state.routine_total, countdown.routine_bar_steps
            )
            animation = min(a for a in (animation, routine_step, 1e9) if a is not None)
        delay = next_frame(
            until_text_change(state), animation, state.remaining, self.app.speed, ANIMATION_FPS
        )
        if delay is not None:
            # A bare event-loop timer: a Textual Timer is a task of its own plus a
            # message, which at four frames a second is a good part of the CPU budget.
            loop = asyncio.get_running_loop()
            self._timer = loop.call_later(delay + _LATE, self._wake)

    def _wake(self) -> None:
        self._timer = None
        if not self.is_attached:
            return
        try:
            self.frame()
        except Exception as error:  # an event-loop callback: hand it to Textual
            self.app._handle_exception(error)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _set_title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            self._write_terminal(f"\x1b]2;{title}\x07")

    def _write_terminal(self, sequence: str) -> None:
        """Write a control sequence straight to the terminal (there is no public API for it)."""
        driver = self.app._driver
        if driver is not None and not self.app.is_headless:
            driver.write(sequence)

    # --- engine events -----------------------------------------------------------

    def _pose_at(self, step_index: int) -> Pose:
        return self.engine.routine.pose(self.engine.steps[step_index].pose_id)

    def _on_engine_event(self, event: Event) -> None:
        # Only boundaries passed by time ring; a key press that skips a pose does not.
        self._cues.on_event(event, by_time=self._in_frame)
        if isinstance(event, PhaseStarted) and event.phase in (Phase.GET_READY, Phase.SWITCH_SIDES):
            self._say_what_hurt(event)
        if isinstance(event, PausedChanged) and event.paused:
            self.app.cue_player.silence()
        if isinstance(event, SessionEnded):
            self._cancel_timer()

    def remembered(self) -> tuple[str, str | None] | None:
        """The hurt remembered for the side now (its line, and the gentler pose on offer)."""
        if self.engine.finished:
            return None
        state = self.engine.state()
        pose = state.pose
        memory = self.session.remembered.get((pose.id, state.side)) if pose else None
        if pose is None or memory is None:
            return None
        gentler = pose.gentler if self.engine.can_swap() else None
        name = self.engine.routine.pose(gentler).name if gentler else None
        return memory.line(local_now().date()), name

    def action_take_gentler(self) -> None:
        """Swap to the gentler pose of the pair, this side on; never to a harder one."""
        pose = None if self.engine.finished else self.engine.state().pose
        if pose is not None and pose.gentler is not None and self.engine.can_swap():
            self._control("swap_alternative")

    def _say_what_hurt(self, event: PhaseStarted) -> None:
        """At the get-ready of a side that hurt lately: say so, and offer the gentler pose.

        Nothing changes without the person's key (a swaps this side, and those after it).
        """
        pose = self._pose_at(event.step_index)
        memory = self.session.remembered.get((pose.id, event.side))
        if memory is None:
            return
        gentler = pose.gentler
        if gentler is not None and self.engine.can_swap():
            name = self.engine.routine.pose(gentler).name
            # The same words as the hurt dialog's: which sides taking it changes.
            scope = _swap_scope(pose, event.side, self.engine.routine.pose(gentler))
            offer = f"a: {name}, {scope}" if scope else f"a: {name} instead"  # 80 columns
        else:
            offer = "go gently, ! if it hurts"
        timing = self.engine.timing
        seconds = timing.get_ready if event.phase is Phase.GET_READY else timing.switch_sides
        line = f"{memory.line(local_now().date())} — {offer}"
        self.show_notice(line, markup=False, timeout=max(seconds / self.app.speed, 3.0))

    def _finish(self) -> None:
        """Show the summary in place of this screen, once no dialog is open over it."""
        if self._summary_shown or not self.is_current:
            return
        self._summary_shown = True
        self._cancel_timer()
        # The session's own clock, so --speed and tests see the time the session took.
        saves = self.app.saves
        unsaved = saves.problem if saves and saves.is_unsaved(self.session.id) else None
        elapsed = self.app.clock() - self._started
        summary = SessionSummary.from_session(self.session, elapsed, unsaved)
        self.app.switch_screen(SummaryScreen(summary, self.session))

    # --- controls ----------------------------------------------------------------

    def _control(self, action: str) -> None:
        getattr(self.engine, action)()
        self.frame()

    def action_toggle_pause(self) -> None:
        """Pause or resume the clock."""
        self._control("toggle_pause")

    def action_next_pose(self) -> None:
        """On to the other side of a two-sided pose, else to the next pose."""
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
        """Pause, record the hold so far as hurt, and offer what to do next."""
        from tui.screens.hurt import HurtChoice, HurtScreen

        state = self.engine.state()
        pose = state.pose
        if pose is None or self.engine.finished:
            return
        self.engine.hurt()
        side = f" ({state.side} side)" if state.side else ""
        self.session.note_hurt(f"{pose.name}{side} hurt")
        self.frame()
        routine = self.engine.routine
        # Only what the routine names as gentler: never the harder pose of a pair.
        gentler_id = pose.gentler  # validation makes it a pose of this routine
        gentler = routine.pose(gentler_id).name if gentler_id else None
        scope = _swap_scope(pose, state.side, routine.pose(gentler_id) if gentler_id else None)

        def chosen(choice: HurtChoice | None) -> None:
            if choice is HurtChoice.ALTERNATIVE:
                self.engine.swap_alternative()
                self.engine.resume()
            elif choice is HurtChoice.SKIP:
                self.engine.skip_pose()
                self.engine.resume()
            elif choice is HurtChoice.END:
                self.engine.stop()
            elif choice is HurtChoice.CARRY_ON:
                self.engine.resume()
            self.frame()

        self.app.push_screen(
            HurtScreen(
                terminal_safe(pose.name), state.side, gentler and terminal_safe(gentler), scope
            ),
            chosen,
        )

    def action_swap_alternative(self) -> None:
        """Swap to the pose's alternative, if it has one (after a hurt, only a gentler one)."""
        if self.engine.finished:
            return
        pose = self.engine.state().pose
        if pose is not None and pose.alternative is None:
            self.notify(f"{pose.name} has no alternative.", timeout=3, markup=False)
            return
        if not self.engine.can_swap():
            self.notify("It hurt: Supple offers only a gentler pose now.", timeout=3)
            return
        self._control("swap_alternative")

    def action_toggle_bell(self) -> None:
        """Turn the bell on or off, and remember it."""
        on = not self.app.settings.bell
        self.app.update_settings(bell=on)
        self.notify("Bell on" if on else "Bell off", timeout=2)

    def action_toggle_voice(self) -> None:
        """Turn spoken guidance on or off, and remember it."""
        self.app.toggle_voice()

    def action_phone_link(self) -> None:
        """Show the phone page's QR code and link (the clock waits behind it)."""
        self.app.show_phone_link()

    def action_end_session(self) -> None:
        """Ask, then stop here; what was done is kept."""
        self.engine.pause()  # the hold must not run out while the person reads the question
        self.frame()

        def answered(end: bool | None) -> None:
            # "Keep going" leaves it paused (PAUSED shows): space resumes when the person is ready.
            if end:
                self.engine.stop()
            self.frame()

        self.app.push_screen(
            ConfirmScreen(
                "End the session now? What you have done so far is kept in your history.",
                yes="end session",
                no="keep going",
            ),
            answered,
        )
