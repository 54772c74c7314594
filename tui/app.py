"""SuppleApp: holds the routine, the clock and the stores, and moves between screens."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import ThemeProvider
from textual.timer import Timer

from tui import flows, paths
from tui.core.clock import Clock, scaled_clock
from tui.core.routine import Routine, RoutineError, Timing
from tui.core.safe_text import terminal_safe
from tui.screens.dismiss_once import DropsLateKeys
from tui.screens.main import MainScreen
from tui.screens.too_small import guard_screen
from tui.signals import ShutdownGuard
from tui.store.settings import Settings, SettingsStore
from tui.themes import NAMED_THEMES, THEMES

if TYPE_CHECKING:
    import socket

    from tui.active_session import ActiveSession, SaveRecord
    from tui.core.cues import Cue
    from tui.core.record import SessionRecord
    from tui.remote.address import Door
    from tui.remote.bridge import RemoteBridge
    from tui.sound.player import CuePlayer
    from tui.sound.speech import SpeechChoice
    from tui.store.history import History
    from tui.store.routines import RoutineStore
    from tui.store.save_keeper import SaveKeeper

# What the main screen and the dialogs over it use; the other screens carry their own.
STYLESHEETS = ("app.tcss", "main.tcss", "dialogs.tcss")


def _discard(record: SessionRecord) -> None:
    """Saving nowhere, for apps built without history (some tests)."""


class SuppleApp(DropsLateKeys[None]):
    """The Supple terminal app."""

    TITLE = "Supple"
    SUB_TITLE = "daily hip & back stretches"
    CSS_PATH = [paths.styles_dir() / name for name in STYLESHEETS]
    BINDINGS = [
        Binding("question_mark", "show_keys", "Keys", id="app.keys"),
        Binding("o", "settings", "Settings", show=False, id="app.settings"),
    ]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast, or during a session a line of its own, so nothing covers the countdown."""
        show_notice = getattr(
            self.screen_stack[-1] if self.screen_stack else None, "show_notice", None
        )
        if show_notice is not None:
            show_notice(message, title=title, timeout=timeout, markup=markup)
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def __init__(
        self,
        routine: Routine,
        *,
        clock: Clock | None = None,
        speed: float = 1.0,
        timing: Timing | None = None,
        save_record: SaveRecord = _discard,
        settings: SettingsStore | None = None,
        routines: RoutineStore | None = None,
        data_dir: Path | None = None,
        reduced_motion: bool = False,
        warnings: list[str] | None = None,
        unfinished: SessionRecord | None = None,
        history: History | None = None,
        speech: SpeechChoice | None = None,
        saves: SaveKeeper | None = None,
        remote: tuple[Door, socket.socket] | None = None,
        start_with: Routine | None = None,
        history_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.routine = routine
        self.start_with = start_with  # --only / --from: the session started at once
        self.clock = clock or scaled_clock()
        self.speed = speed  # how much faster `clock` runs than real time (--speed)
        self.settings_store = settings
        self.routine_store = routines
        self.settings = settings.settings if settings else Settings()
        self.timing = timing or self.settings.timing()
        self.save_record = save_record
        self.data_dir = data_dir
        # --reduced-motion or TEXTUAL_ANIMATIONS=none: for this whole run, whatever the settings.
        self.reduced_motion_for_this_run = reduced_motion
        self.startup_warnings = list(warnings or ())
        self.active_session: ActiveSession | None = None
        # A session that ended and still waits for its "pain after" check-in.
        self.awaiting_after_checkin: ActiveSession | None = None
        self.unfinished = unfinished  # today's partial session, offered for resuming
        self.history = history
        # With a folder, the history there (and the voice) opens once the first frame is up.
        self._history_folder = history_folder
        self.welcoming = False  # the first-run welcome is up, not yet read
        self.first_screen_up = False  # keys typed ahead of it do nothing but quit
        self.started = False  # after_first_frame has run: history open, first offer made
        self._saves_watched = False
        self.saves = saves  # what saving failed to write, and why (None: saving never fails)
        self.save_retry_timer: Timer | None = None  # runs while sessions wait in memory
        self._routine_retry: Timer | None = None  # runs while routine edits wait for the lock
        self.farewell: list[str] = []  # printed on stderr once the terminal is restored
        self._cue_player: CuePlayer | None = None  # made at the first cue of a session
        self.speech = speech  # the speech engine found at start; None: this app never speaks
        # --remote: the phone page's address and secrets (known at once, for the link), its
        # bound socket, and once the first screen is up, the server (aiohttp loads only then).
        self.remote_door: Door | None = remote[0] if remote else None
        self._remote_socket: socket.socket | None = remote[1] if remote else None
        self.remote: RemoteBridge | None = None
        self.remote_pages_signal: Signal[int] = Signal(self, "remote-pages")
        for theme in THEMES:
            self.register_theme(theme)
        if settings is not None and self.settings.theme not in self.available_themes:
            named = [name for name in NAMED_THEMES if name in self.available_themes]
            settings.reject_theme(named, " (and Textual's others, listed in ctrl+p → Theme)")
            self.settings = settings.settings
        if settings is not None:
            self.startup_warnings += settings.warnings
        self.theme = self.settings.theme

    @property
    def history_expected(self) -> bool:
        """Whether this run has a history, open now or opening after the first frame."""
        return self.history is not None or self._history_folder is not None

    def after_first_frame(self) -> None:
        """Open the history and the voice, draw the figure, then say what start found and make
        the first offer; once. Also called when the welcome is read: a welcome dismissed
        before its first refresh takes the callbacks waiting on it along."""
        if self.started or not self.is_running:  # or quit before its first frame
            return
        self.started = True
        self.open_history()
        self._watch_saves()
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None:  # under the welcome, on a first run
            main.first_frame_drawn()
        flows.on_first_frame(self)

    def _watch_saves(self) -> None:
        if self.saves is not None and not self._saves_watched:
            from tui.save_failures import watch_saves

            self._saves_watched = True
            watch_saves(self)

    def open_history(self) -> None:
        """Open the history and find the voice now, if they wait for the first frame still:
        a key that starts a session (or opens History or the settings) may come first."""
        folder = self._history_folder
        if folder is None:
            return
        from tui.core.clock import local_now
        from tui.sound.speech import find_engine
        from tui.store.history import History
        from tui.store.save_keeper import SaveKeeper

        history = History(folder)
        # Saves never wait on a lock held elsewhere; what cannot be written waits in memory.
        saves = SaveKeeper(history)
        self.history, self.saves, self.save_record = history, saves, saves.save
        self._history_folder = None
        self.unfinished = history.unfinished_today(local_now())
        self.startup_warnings[:0] = history.warnings  # said first, as they were found first
        if self.speech is None:
            self.speech = find_engine(self.settings.speech_command, os.environ)
        self._watch_saves()

    def show_startup_warnings(self) -> None:
        """What start found wrong (files, settings, folder permissions), once, as toasts."""
        for message in self.startup_warnings:
            # Warnings quote files and values: shown as written, never read as markup.
            self.notify(terminal_safe(message), severity="warning", timeout=15, markup=False)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux and macOS, one that reads keys quietly."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver":  # not headless (tests), web or an override
            try:
                from tui.terminal_driver import QuietLinuxDriver
            except ImportError:  # a Textual that moved the private parts it builds on
                return driver
            return QuietLinuxDriver
        return driver

    def on_ready(self) -> None:
        if not self.is_running:  # quit while starting
            return
        # The first screen is pushed now, not at mount: Textual's mount runs in a start-up
        # batch whose frames it drops yet counts as drawn, so the terminal got a part of the
        # screen, and the whole only after a second layout and render (~10 ms, startup.py).
        self.push_screen(MainScreen())
        self.first_screen_up = True
        flows.on_startup(self)  # the welcome, on a first run, is in that first frame
        # What the routine does not need waits for its first frame: history, TinyDB and the
        # voice cost ~15 ms of imports (bench/startup.py), the figure and the line about
        # today as much again.
        self.call_after_refresh(self.after_first_frame)
        # `supple` starts with the cyclic garbage collector off (see tui.cli); on again once
        # the first screen is up, after a beat so its one long first pass does not delay the
        # figure drawn just after that frame.
        self.set_timer(0.5, gc.enable)
        if self.remote_door is not None:
            # After a beat, like the collector: importing aiohttp (~150 ms) right away would
            # hold up the writing of the first frame. A phone that calls meanwhile waits in
            # the socket's queue.
            self.set_timer(
                0.25,
                lambda: self.run_worker(self._open_remote(), name="phone page", exit_on_error=True),
            )

    async def _open_remote(self) -> None:
        """Serve the phone page on the socket bound at start."""
        from tui.remote.bridge import RemoteBridge

        assert self.remote_door is not None and self._remote_socket is not None
        if not self.is_running:  # quit within that beat: nothing to serve (the socket closes)
            return
        bridge = RemoteBridge(self, self.remote_door, self._remote_socket)
        self.remote = bridge  # set first: quitting while it starts still stops it
        await bridge.start()

    @property
    def remote_pages(self) -> int:
        """How many phone pages are connected now (0 without --remote)."""
        return self.remote.pages if self.remote is not None else 0

    def show_phone_link(self) -> None:
        """Show the phone page's QR code and link over the screen (m), with --remote."""
        from tui.screens.phone_link import PhoneLinkScreen

        if self.remote_door is not None and not isinstance(self.screen, PhoneLinkScreen):
            self.push_screen(PhoneLinkScreen())

    def on_resize(self, event: events.Resize) -> None:
        guard_screen(self, self.screen, event.size)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Settings are greyed during a session: its timing is fixed once started. Before the
        first screen is up, only quitting works: help or settings opened by a key typed
        ahead would end up beneath the main screen."""
        if not self.first_screen_up and action != "quit":
            return False
        if action == "settings" and self.session_running:
            return None
        return True

    @property
    def reduced_motion(self) -> bool:
        """Whether the countdown moves once a second, without animation."""
        return self.reduced_motion_for_this_run or self.settings.reduced_motion

    @property
    def session_running(self) -> bool:
        """Whether a session is under way (not yet finished)."""
        session = self.active_session
        return session is not None and not session.engine.finished

    def action_show_keys(self) -> None:
        """Show every key of the current screen."""
        flows.show_keys(self)

    def action_settings(self) -> None:
        """Open the settings."""
        flows.show_settings(self)

    def action_command_palette(self) -> None:
        """Show the command palette (a variant that survives fast page keys)."""
        # No id (Textual gives its palette one): a palette closed a moment ago, or left under a
        # question that came on top of it, is still the app's child, and a second one with the
        # same id raised DuplicateIds (a storm of clicks on the header's palette icon).
        from tui.screens.palette import SafeCommandPalette

        if self.use_command_palette and not SafeCommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(SafeCommandPalette())

    def search_themes(self) -> None:
        """Pick a theme from a searchable list (the same safe palette)."""
        from tui.screens.palette import SafeCommandPalette

        self.push_screen(
            SafeCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…")
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: start, history, routines, settings, theme and the rest."""
        yield from flows.system_commands(self, screen)

    def update_settings(self, **changes: object) -> None:
        """Change settings now and keep them for next time."""
        self.settings = self.settings.with_changes(**changes)
        if self.settings_store is not None and not self.settings_store.save(self.settings):
            for message in self.settings_store.warnings[-1:]:
                self.notify(message, severity="warning", markup=False)

    @property
    def cue_player(self) -> CuePlayer:
        """What rings the bell patterns and speaks the phrases of a session."""
        if self._cue_player is None:
            from tui.sound.player import CuePlayer
            from tui.sound.speech import Speaker

            engine = self.speech.engine if self.speech is not None else None
            voice = Speaker(engine, self._speech_problem) if engine is not None else None
            self._cue_player = CuePlayer(lambda: self.settings, self.bell, self.speed, voice)
        return self._cue_player

    def play_cues(self, cues: list[Cue]) -> None:
        """Ring and speak `cues` as the settings say, without waiting for either."""
        if cues:
            self.cue_player.play(cues, speak=self.voice_on)
            if self.remote is not None:
                self.remote.on_cues(cues)

    @property
    def voice_on(self) -> bool:
        """Whether phrases are spoken now: an engine was found and the setting wants it."""
        from tui.sound.speech import voice_wanted

        speech = self.speech
        if speech is None or speech.engine is None:
            return False
        return voice_wanted(self.settings.voice, speech.over_ssh)

    def toggle_voice(self) -> None:
        """Turn the voice off if it speaks, else on, and remember the choice."""
        self.open_history()  # the voice is found with it
        if self.speech is None or self.speech.engine is None:
            self.notify("No voice: " + self._voice_unavailable(), severity="warning")
            return
        on = not self.voice_on
        self.update_settings(voice="on" if on else "off")
        if not on:
            self.cue_player.silence()
        self.notify("Voice on" if on else "Voice off", timeout=2)

    def _voice_unavailable(self) -> str:
        return self.speech.source if self.speech is not None else "speech is off in this run"

    def _speech_problem(self, message: str) -> None:
        """Tell the person once that the speech command failed (called from its thread)."""
        with contextlib.suppress(RuntimeError):  # the app has already stopped
            self.call_from_thread(
                self.notify, message, severity="warning", timeout=10, markup=False
            )

    def start_session(
        self, resume: SessionRecord | None = None, routine: Routine | None = None
    ) -> None:
        """Open the session screen (after the pain check-in), fresh or resuming `resume`;
        `routine`: today's session when it is not the whole routine (one pose, or from one)."""
        flows.start_session(self, resume, routine)

    def show_history(self) -> None:
        """Open the history screen."""
        from tui.screens.history import HistoryScreen

        self.open_history()
        if self.history is None:
            self.notify("No history in this run.", severity="warning")
            return
        self.push_screen(HistoryScreen(self.history, pose_name=self.pose_name))

    def pose_name(self, pose_id: str) -> str:
        """The name of a pose in the current routine, or its id if it has left the routine."""
        pose = self.routine.poses.get(pose_id)
        return pose.name if pose is not None else pose_id

    def end_active_session(self) -> None:
        """Stop and save the session in progress, if any; what was done is kept."""
        session = self.active_session
        if session is not None and not session.engine.finished:
            session.engine.stop()  # SessionEnded makes ActiveSession save it

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q); with sessions not yet saved, ask what to do with them first."""
        self.quit_safely()

    def quit_safely(self) -> None:
        """End the session, then quit, asking first if some session could not be saved."""
        from tui.save_failures import quit_safely

        quit_safely(self)

    def rescue_unsaved(self) -> str | None:
        """Write sessions that could not be saved to a file elsewhere; the line saying where."""
        from tui.save_failures import rescue_unsaved

        return rescue_unsaved(self)

    def routine_edits_waiting(self) -> None:
        """Say once that routine edits wait for the file's lock, and retry until written."""
        if self._routine_retry is not None:
            return
        self.notify(
            "Another program is using your routines file: your change is kept, and saved "
            "as soon as the file is free.",
            severity="warning",
            timeout=8,
        )
        from tui.save_failures import RETRY_SECONDS

        self._routine_retry = self.set_interval(RETRY_SECONDS, self._retry_routine_edits)

    def _retry_routine_edits(self) -> None:
        store = self.routine_store
        if store is None or store.retry():
            if self._routine_retry is not None:
                self._routine_retry.stop()
            self._routine_retry = None
            self.notify("Routine saved.", timeout=3)

    async def on_unmount(self) -> None:
        # Whatever ends the app (q, Ctrl+C, a closed terminal) keeps the session so far.
        self.end_active_session()
        store = self.routine_store
        if store is not None and not store.retry(wait=True):  # the screen is gone: may wait
            self.farewell.append(
                terminal_safe(
                    f"supple: your last routine changes were not saved: {store.path} was "
                    "locked by another program until the end."
                )
            )
        if self._cue_player is not None:
            self._cue_player.close()
        if self.remote is not None:
            await self.remote.stop()
        elif self._remote_socket is not None:
            self._remote_socket.close()


def _mouse_wanted(args: argparse.Namespace) -> bool:
    if args.mouse is not None:
        return bool(args.mouse)
    # Over SSH every mouse movement costs bytes on the link; local terminals keep it on.
    return not (os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"))


def run_app(args: argparse.Namespace) -> int:
    """Build the app from command-line arguments and run it until the person quits."""
    from tui.store.routines import RoutineStore

    remote = None
    if args.remote is not None:
        from tui.remote.address import AddressError, open_door

        try:
            # Bound now, so a port in use is said before the screen changes, and the link
            # is known for the first frame; the server itself starts after that frame.
            remote = open_door(args.remote)
        except AddressError as exc:
            print(f"supple: {terminal_safe(str(exc))}", file=sys.stderr)
            return 2
    data_dir = paths.data_dir(args.data_dir)
    try:
        paths.ensure_private_dir(data_dir)
    except OSError as exc:
        print(
            terminal_safe(f"supple: cannot create the data folder {data_dir} ({exc.strerror}).")
            + "\nChoose another with --data-dir DIR or SUPPLE_DATA_DIR.",
            file=sys.stderr,
        )
        return 2
    try:
        routines = RoutineStore(data_dir, wait_for_lock=False)
        routines.adopt_shipped_changes()  # poses Supple added or removed since the last start
        routine = routines.load_current()
        routines.warn_unusable(already_told=routines.current_id())  # load_current told
    except RoutineError as exc:
        print(f"supple: {terminal_safe(str(exc))}", file=sys.stderr)
        return 2
    start_with = _start_with(routine, args)
    if isinstance(start_with, str):
        print(start_with, file=sys.stderr)
        return 2
    settings = SettingsStore(paths.config_dir(args.data_dir))
    app = SuppleApp(
        routine,
        clock=scaled_clock(args.speed),
        speed=args.speed,
        settings=settings,
        routines=routines,
        data_dir=data_dir,
        warnings=list(routines.warnings),  # and the settings' own, and the history's
        reduced_motion=args.reduced_motion or os.environ.get("TEXTUAL_ANIMATIONS") == "none",
        remote=remote,
        start_with=start_with,
        history_folder=data_dir,
    )
    # Hang-up, kill or Ctrl+C: the session is saved and the process ends within a second.
    guard = ShutdownGuard(app)
    guard.install()
    guard.watch_terminal()
    try:
        app.run(mouse=_mouse_wanted(args))
    finally:
        guard.uninstall()
        # Any way out that asked no one (an error, a closed loop) still loses nothing.
        left_behind = app.rescue_unsaved()
        for line in [*app.farewell, *([left_behind] if left_behind else [])]:
            print(line, file=sys.stderr)
        guard.say_farewell()
    return app.return_code or 0


def _start_with(routine: Routine, args: argparse.Namespace) -> Routine | str | None:
    """The session --only ID or --from ID asks for, or what to say when ID is not a pose."""
    only, start_from = getattr(args, "only", None), getattr(args, "start_from", None)
    option, pose_id = ("--only", only) if only else ("--from", start_from)
    if not pose_id:
        return None
    known = routine.step_ids()
    if pose_id not in known:
        return terminal_safe(
            f"supple: {option} {pose_id!r} is not a pose of {routine.name}. "
            f"Its poses: {', '.join(known)} (see supple poses)."
        )
    return routine.only(pose_id) if option == "--only" else routine.starting_at(pose_id)
