"""What the page shows, read from the same screens and engine state the terminal draws.

The countdown is sent as the time left when the state changed; the page counts down from
it by itself, so a steady hold sends nothing per second. Every text from a file goes
through `terminal_safe`, as everywhere else (the page puts it in as text, never markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from textual.screen import Screen

from tui.core.engine import EngineState, Phase
from tui.core.record import PAIN_PLACES
from tui.core.routine import format_duration, step_summary, total_seconds
from tui.core.safe_text import terminal_safe
from tui.screens.hurt import HurtScreen
from tui.screens.main import MainScreen
from tui.screens.pain import QUESTIONS, PainScreen
from tui.screens.pain_where import PainWhereScreen
from tui.screens.session import SessionScreen
from tui.screens.summary import SummaryScreen, headline, summary_facts
from tui.store.figures import figure_or_none
from tui.widgets.countdown import big_word, next_line, plain
from tui.widgets.countdown import headline as phase_headline

if TYPE_CHECKING:
    from tui.app import SuppleApp

State = dict[str, Any]
_BASES = (MainScreen, SessionScreen, SummaryScreen)


def page_state(app: SuppleApp, stack: list[Screen[object]]) -> State:
    """The whole state for the page, from `stack` (the app's screens, bottom first)."""
    base = next((s for s in reversed(stack) if isinstance(s, _BASES)), None)
    state: State = {"speed": app.speed, "ask": ask(stack[-1]) if stack else None}
    if isinstance(base, MainScreen):
        state["screen"] = "main"
        state["main"] = routine_state(app, base)
    elif isinstance(base, SessionScreen):
        state["screen"] = "session"
        # Before its first frame the session has not started: nothing worth showing yet.
        started = base.frames > 0 and not base.engine.finished
        state["session"] = session_state(base.engine.state()) if started else None
        remembered = base.remembered() if started else None
        if state["session"] is not None and remembered is not None:
            line, gentler = remembered
            state["session"]["remembered"] = {
                "line": terminal_safe(line),
                "gentler": terminal_safe(gentler) if gentler else None,
            }
    elif isinstance(base, SummaryScreen):
        state["screen"] = "summary"
        summary = base.summary
        state["summary"] = {
            "headline": headline(summary),
            "unsaved": summary.unsaved.whole_story() if summary.unsaved else None,
            "demo": summary.demo,
            "facts": summary_facts(summary),
        }
    else:
        state["screen"] = "starting"
    return state


def ask(top: Screen[Any]) -> State | None:
    """The question on top in the terminal, as the page asks it (None: none)."""
    if isinstance(top, HurtScreen):
        side = f" ({top.side} side)" if top.side else ""
        gentler = top.check_action("choose", ("alternative",)) and top.alternative_said
        return {
            "kind": "hurt",
            "title": f"Paused — {top.pose_name}{side} hurts.",
            "gentler": terminal_safe(gentler) if gentler else None,
        }
    if isinstance(top, PainScreen):
        return {
            "kind": "pain",
            "question": QUESTIONS.get(top.when, QUESTIONS["before"]),
            "where_asked": top.wants_where,  # after the number, where it hurts is asked
        }
    if isinstance(top, PainWhereScreen) and not top.asking_note:
        return {"kind": "where", "question": "Where does it hurt?", "places": list(PAIN_PLACES)}
    if isinstance(top, _BASES):
        return None
    # Help, settings, history, a yes/no question: answered at the terminal.
    title = getattr(top, "HELP_TITLE", "") or type(top).__name__.removesuffix("Screen")
    return {"kind": "terminal", "title": terminal_safe(str(title))}


def routine_state(app: SuppleApp, screen: MainScreen) -> State:
    """The routine about to be started: its name, poses and total time."""
    routine = screen.routine
    return {
        "name": terminal_safe(routine.name),
        "poses": [
            {
                "name": terminal_safe(routine.pose(step.pose_id).name),
                "amount": step_summary(routine, step),
            }
            for step in routine.active_steps()
        ],
        "total": format_duration(total_seconds(routine, app.timing)),
    }


def session_state(state: EngineState) -> State:
    """One moment of the session: what the countdown shows, and its figure."""
    pose = state.pose
    assert pose is not None  # only a finished session has none
    breathing = state.phase in (Phase.INHALE, Phase.EXHALE)
    return {
        "pose": terminal_safe(pose.name),
        "side": state.side,
        "phase": state.phase.value,
        "headline": terminal_safe(plain(phase_headline(state))),
        "word": big_word(state),
        "paused": state.paused,
        "remaining": round(state.remaining, 2),
        "duration": state.duration,
        "breath": {"cycle": state.cycle, "cycles": state.cycles} if breathing else None,
        "next": terminal_safe(next_line(state)),
        "step": state.step_index + 1,
        "steps": state.step_count,
        "cue": terminal_safe(pose.cue),
        "figure": figure_links(pose.id, state.side, pose.is_breath_paced),
    }


def figure_links(pose_id: str, side: str | None, breath_paced: bool) -> State | None:
    """Where the page fetches the pose's figure: one shape, or Cat-Cow's two breaths."""
    if figure_or_none(pose_id) is None:
        return None
    base = f"/figure/{quote(pose_id)}"
    if breath_paced:
        return {"inhale": f"{base}?breath=in", "exhale": f"{base}?breath=out"}
    return {"still": f"{base}?side={side}" if side else base}


def moment_key(state: EngineState) -> tuple[object, ...]:
    """What the page shows of a moment, bar the seconds ticking away: if equal, send nothing."""
    return (
        state.phase,
        state.step_index,
        state.side,
        state.cycle,
        state.cycles,
        state.paused,
        state.duration,
        state.pose,
    )
