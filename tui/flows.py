"""The app's small journeys: first run, resuming, check-ins around a session, help, commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from tui.screens.too_small import guard_screen
from tui.store.settings import Settings
from tui.themes import HIGH_CONTRAST

# Screens and the engine are imported where they are first needed: importing them all
# up front cost ~35 ms of every start, against a budget of 1.4x a bare Textual app.
if TYPE_CHECKING:
    from tui.active_session import ActiveSession
    from tui.app import SuppleApp
    from tui.core.hurt_memory import HurtMemory
    from tui.core.record import SessionRecord
    from tui.core.routine import Routine


def on_startup(app: SuppleApp) -> None:
    """Over the main screen, before its first frame: the welcome, on a first run."""
    from tui.screens.welcome import WelcomeScreen, needs_welcome

    if needs_welcome(app.data_dir):
        app.welcoming = True
        app.push_screen(WelcomeScreen(app.routine), callback=lambda _: _welcomed(app))


def on_first_frame(app: SuppleApp) -> None:
    """Once the first frame is up and the history open: what start found wrong, then the
    first offer; both wait while the welcome is read (a toast hid half its words at 80x24)."""
    app.screen_change_signal.subscribe(app, lambda screen: _screen_changed(app, screen))
    app.theme_changed_signal.subscribe(app, lambda theme: _remember_theme(app, theme.name))
    guard_screen(app, app.screen)
    if not app.welcoming:
        _greet(app)


def _greet(app: SuppleApp) -> None:
    app.show_startup_warnings()
    if app.start_with is not None:  # --only or --from: the session asked for
        start_session(app, routine=app.start_with)
        return
    from tui.screens.main import MainScreen

    # Keys typed while Supple started may have moved on already (a session begun): then
    # the offer to resume would come over it.
    if isinstance(app.screen, MainScreen):
        offer_resume(app)


def _screen_changed(app: SuppleApp, screen: Screen[object]) -> None:
    guard_screen(app, screen)
    session = app.awaiting_after_checkin
    if session is None:
        return
    from tui.screens.main import MainScreen
    from tui.screens.summary import SummaryScreen

    # Asked on the summary or the main screen once the session screen is gone; not over an
    # overlay opened meanwhile (a palette left beneath the question took a second palette's id).
    if not isinstance(screen, SummaryScreen | MainScreen):
        return
    # The session screen is gone (summary or main screen now): ask how it feels.
    app.awaiting_after_checkin = None

    def record_after(pain: int | None) -> None:
        if pain is not None:
            session.pain_after = pain
            session.save()
        from tui.screens.summary import SummaryScreen

        if isinstance(app.screen, SummaryScreen):
            app.screen.show_pain_after(pain)

    ask_pain(app, "after", record_after, session)


def _welcomed(app: SuppleApp) -> None:
    from tui.screens.welcome import mark_welcomed

    mark_welcomed(app.data_dir)
    app.welcoming = False
    if app.started:
        _greet(app)
    else:  # read before the frame after it: the greeting comes with the history
        app.after_first_frame()


def _remember_theme(app: SuppleApp, name: str) -> None:
    if app.settings.theme != name:
        app.update_settings(theme=name)


def offer_resume(app: SuppleApp) -> None:
    """Ask whether to go on with today's unfinished session, if there is one that fits."""
    record = app.unfinished
    if record is None or record.routine_id != app.routine.id:
        return
    from tui.core.resume import resume_point
    from tui.screens.resume import ResumeScreen

    steps = app.routine.active_steps()
    point = resume_point(app.routine, steps, record.poses, record.stopped_at_pose)
    if point is None:
        return
    pose = app.routine.pose(steps[point.step_index].pose_id)
    stopped = record.stopped_at_pose
    if stopped is not None and stopped in (pose.id, pose.alternative):
        pose = app.routine.pose(stopped)  # as it was done then: Figure-Four if swapped in
    # On the session's own clock, as history shows it: the same day and time everywhere.
    started = record.started_at.strftime("%H:%M")

    def answered(resume: bool | None) -> None:
        if resume:
            start_session(app, record)

    counts = record.counts
    app.push_screen(
        ResumeScreen(started, pose.name, counts.poses_done, counts.poses_total),
        callback=answered,
    )


def ask_pain(
    app: SuppleApp,
    when: str,
    then: Callable[[int | None], None],
    session: ActiveSession | None = None,
) -> None:
    """Ask for a 0-10 rating unless check-ins are off; `then` gets it (None when skipped).

    With `session`, a person who pressed w is then asked where it hurts and for a note."""
    if not app.settings.pain_checkins:
        then(None)
        return
    from tui.screens.pain import PainScreen

    screen = PainScreen(when)

    def rated(pain: int | None) -> None:
        if session is not None and screen.wants_where and pain is not None:
            ask_where(app, session, lambda: then(pain))
        else:
            then(pain)

    app.push_screen(screen, callback=rated)


def ask_where(app: SuppleApp, session: ActiveSession, then: Callable[[], None]) -> None:
    """Ask where it hurts and for a note (both optional), keep them in `session`, then `then`."""
    from tui.screens.pain_where import PainWhereScreen, WhereAndNote

    def answered(answer: WhereAndNote | None) -> None:
        if answer is not None:
            where, note = answer
            session.pain_where = where or session.pain_where
            session.pain_note = note or session.pain_note
        then()

    app.push_screen(PainWhereScreen(), callback=answered)


def start_session(
    app: SuppleApp, resume: SessionRecord | None = None, routine: Routine | None = None
) -> None:
    """Ask about pain, then open the session screen: fresh, or resuming `resume` (one record).

    `routine` is today's session when it is not the whole routine (one pose, or from one on)."""
    from tui.active_session import ActiveSession
    from tui.core.engine import SessionEngine
    from tui.core.resume import resume_point
    from tui.screens.pain import PainScreen
    from tui.screens.session import SessionScreen

    app.open_history()  # a session saves there: it may start before the first frame's end
    running = app.active_session
    if running is not None and not running.engine.finished:
        return  # one session at a time (the palette can ask from anywhere)
    if any(isinstance(screen, PainScreen) for screen in app.screen_stack):
        return  # already asking before a start: a second Enter of the same read
    planned = routine if routine is not None and resume is None else app.routine
    steps = planned.active_steps()
    if not steps:
        app.notify("Switch on at least one pose first.", severity="warning")
        return
    engine = SessionEngine(planned, app.clock, app.timing)
    point = (
        resume_point(app.routine, steps, resume.poses, resume.stopped_at_pose)
        if resume is not None
        else None
    )
    if resume is not None:
        if point is None:
            app.notify("That session has nothing left to do.")
            return
        session = ActiveSession(
            engine,
            app.save_record,
            session_id=resume.id,
            speed=app.speed,
            later=app.call_after_refresh,
        )
        session.started_at = resume.started_at
        session.pain_before = resume.pain_before
        session.pain_where, session.pain_note = resume.pain_where, resume.pain_note
        session.hurts = [resume.note] if resume.note else []
        session.resumed = True
        app.unfinished = None
    else:
        session = ActiveSession(
            engine, app.save_record, speed=app.speed, later=app.call_after_refresh
        )
    session.remembered = _recent_hurts(app)

    def rated(pain: int | None) -> None:
        if pain is not None:
            session.pain_before = pain
        begin()

    def begin() -> None:
        if point is not None:
            engine.resume_from(point.records, point.step_index, point.carried)
        engine.subscribe(lambda event: _maybe_ask_after(app, session, event))
        app.active_session = session
        app.push_screen(SessionScreen(session))

    if resume is not None:
        begin()
    else:
        ask_pain(app, "before", rated, session)


def _recent_hurts(app: SuppleApp) -> dict[tuple[str, str | None], HurtMemory]:
    """Pose sides that hurt in the last days, to say so at their get-ready."""
    from tui.core.clock import local_now
    from tui.core.hurt_memory import recent_hurts

    if app.history is None:
        return {}
    # A week is at most a few dozen sessions: more than enough, without reading years.
    return recent_hurts(app.history.sessions(limit=60), local_now().date())


def _maybe_ask_after(app: SuppleApp, session: ActiveSession, event: object) -> None:
    from tui.core.engine import SessionEnded
    from tui.core.record import Status

    if not isinstance(event, SessionEnded) or event.status is Status.ABANDONED:
        return
    if app.return_code is not None:  # quitting: the session is saved, ask nothing
        return
    # Asked once the session screen has given way (see _screen_changed).
    app.awaiting_after_checkin = session


def show_keys(app: SuppleApp) -> None:
    """Show every key of the current screen."""
    from tui.screens.help import HelpScreen, key_rows

    screen = app.screen
    if isinstance(screen, HelpScreen):
        return
    title = getattr(screen, "HELP_TITLE", None) or type(screen).__name__.removesuffix("Screen")
    notes = str(getattr(screen, "HELP_NOTES", ""))
    # A screen that pauses under an overlay (the session) pauses first, so help lists its keys
    # as they will be: "space Resume", not the "Pause" of a clock that is about to stop.
    pause = getattr(screen, "pause_hidden", None)
    if callable(pause):
        pause()
    app.push_screen(HelpScreen(key_rows(screen), str(title), notes))


def show_settings(app: SuppleApp) -> None:
    """Open the settings, unless a session is running (its timing is fixed once started)."""
    from tui.screens.settings import SettingsScreen

    app.open_history()  # the settings say which voice was found
    if isinstance(app.screen, SettingsScreen):
        return
    session = app.active_session
    if session is not None and not session.engine.finished:
        app.notify("Settings open from the main screen, after the session.")
        return
    app.push_screen(SettingsScreen())


def system_commands(app: SuppleApp, screen: Screen[object]) -> Iterable[SystemCommand]:
    """The command palette: Supple's own actions, and only those that can apply now."""
    if not app.session_running:
        yield SystemCommand("Start", "Start today's routine", app.start_session)
        yield SystemCommand("History", "Your past sessions", app.show_history)
        yield SystemCommand(
            "Settings", "Theme, bell, timings, check-ins", lambda: show_settings(app)
        )
    yield SystemCommand("High contrast", _contrast_help(app), lambda: toggle_high_contrast(app))
    yield SystemCommand("Theme", "Colours, including high contrast", app.search_themes)
    yield SystemCommand("Keys", "Every key of this screen", lambda: show_keys(app))
    yield SystemCommand("Safety advice", "When to stop and seek care", _welcome_command(app))
    quit_help = "What you did so far is kept" if app.session_running else "Leave Supple"
    yield SystemCommand("Quit", quit_help, app.quit_safely)


def _contrast_help(app: SuppleApp) -> str:
    if app.theme == HIGH_CONTRAST.name:
        return "On now: choose to go back to Dark"
    return "White on black, bold accents: easier to read"


def toggle_high_contrast(app: SuppleApp) -> None:
    """Switch high contrast on, or back to the default theme (remembered)."""
    from tui.screens.settings import apply_settings

    on = app.theme != HIGH_CONTRAST.name
    apply_settings(app, theme=HIGH_CONTRAST.name if on else Settings().theme)


def _welcome_command(app: SuppleApp) -> Callable[[], None]:
    def show() -> None:
        from tui.screens.welcome import WelcomeScreen

        app.push_screen(WelcomeScreen(app.routine))

    return show
