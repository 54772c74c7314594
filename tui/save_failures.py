"""Sessions that could not be saved: say so at once, retry, and never quit on them silently."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from tui import paths
from tui.core.clock import local_now
from tui.core.safe_text import terminal_safe
from tui.screens.unsaved import UnsavedChoice, UnsavedScreen, sessions
from tui.store.problems import SaveProblem

if TYPE_CHECKING:
    from tui.app import SuppleApp
    from tui.store.save_keeper import SaveKeeper

# How often to try again while sessions wait in memory (real seconds, whatever --speed says).
RETRY_SECONDS = 2.0


def watch_saves(app: SuppleApp) -> None:
    """From now on, tell the person when saving fails or works again, and retry meanwhile."""
    if app.saves is not None:
        app.saves.subscribe(lambda problem: _saves_changed(app, problem))


def _saves_changed(app: SuppleApp, problem: SaveProblem | None) -> None:
    from tui.screens.summary import SummaryScreen

    keeper = app.saves
    assert keeper is not None
    if problem is not None:
        app.notify(problem.short_line(), severity="error", timeout=30, markup=False)
        if app.save_retry_timer is None:
            app.save_retry_timer = app.set_interval(RETRY_SECONDS, keeper.retry)
    else:
        app.notify("Saved: your sessions are in your history now.", timeout=6)
        if app.save_retry_timer is not None:
            app.save_retry_timer.stop()
            app.save_retry_timer = None
    for screen in app.screen_stack:
        if isinstance(screen, SummaryScreen):
            screen.show_saved(problem if keeper.unsaved() else None)
        if isinstance(screen, UnsavedScreen) and problem is None:
            screen.settle(UnsavedChoice.SAVED)


def quit_safely(app: SuppleApp) -> None:
    """Quit, unless sessions are held only in memory: then ask what to do with them first."""
    app.end_active_session()  # its last save is tried now, before counting what is unsaved
    keeper = app.saves
    unsaved = keeper.unsaved() if keeper is not None else []
    if keeper is None or not unsaved:
        app.exit()
        return
    if any(isinstance(screen, UnsavedScreen) for screen in app.screen_stack):
        return
    problem = keeper.problem or SaveProblem("not written yet", keeper.history.root)

    def answered(choice: UnsavedChoice | None) -> None:
        if choice is UnsavedChoice.WRITE:
            message = _write_elsewhere(app, keeper)
            if message is not None:
                app.farewell.append(message)
                app.exit()
        elif choice is UnsavedChoice.LEAVE:
            keeper.handed_over = True  # as chosen: no file either
            left = keeper.unsaved()
            if left:
                app.farewell.append(
                    f"supple: {sessions(len(left))} not saved: {terminal_safe(str(problem))}."
                )
            app.exit(return_code=1 if left else 0)
        elif choice is UnsavedChoice.SAVED:
            app.exit()

    app.push_screen(UnsavedScreen(len(unsaved), problem), answered)


def _write_elsewhere(app: SuppleApp, keeper: SaveKeeper) -> str | None:
    """Write the unsaved sessions to a file; the farewell line, or None (said in the app)."""
    try:
        return rescue_message(app, keeper)
    except OSError as exc:
        app.notify(
            f"{exc}. Free some space and try again; Supple keeps trying meanwhile.",
            severity="error",
            timeout=30,
            markup=False,
        )
        return None


def rescue_message(app: SuppleApp, keeper: SaveKeeper) -> str:
    """Write the unsaved sessions to a file elsewhere and say where; raises OSError."""
    count = len(keeper.unsaved())
    problem = keeper.problem or SaveProblem("not written yet", keeper.history.root)
    path = keeper.rescue(local_now())
    command = ["supple"]
    if app.data_dir is not None and app.data_dir != paths.data_dir(None):
        command += ["--data-dir", str(app.data_dir)]
    command += ["history", "import", str(path)]
    problem_text, path_text = terminal_safe(str(problem)), terminal_safe(str(path))
    return (
        f"supple: {sessions(count)} could not be saved: {problem_text}.\n"
        f"supple: written to {path_text} instead; once the history can be written, bring "
        f"{'it' if count == 1 else 'them'} back with:\n    {terminal_safe(shlex.join(command))}"
    )


def rescue_unsaved(app: SuppleApp) -> str | None:
    """With no one to ask (a signal, an unexpected exit): write unsaved sessions elsewhere."""
    keeper = app.saves
    if keeper is None or not keeper.unsaved() or keeper.handed_over:
        return None
    try:
        return rescue_message(app, keeper)
    except OSError as exc:
        return terminal_safe(f"supple: {sessions(len(keeper.unsaved()))} lost: {exc}.")
