"""The guided-session display: what to do, on which side, how long is left, what is next.

One widget draws the words line by line; the parts that change several times a
second (each big character, slices of the hold bar) are small children placed over
it. Textual rewrites a changed line from the left edge of the widget that owns it,
and on every redraw renders each child of a widget the change overlaps, so this is
the fewest widgets that keep each change a few cells wide. The routine's progress
changes once a second at most and sits at the left edge, where it is cheap anyway.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.geometry import Region
from textual.strip import Strip

from tui.core.big_words import word_width
from tui.core.countdown_layout import (
    BAR_WIDTH,
    BREATH_GAP,
    BREATH_WIDTH,
    ROUTINE_BAR_GAP,
    Box,
    DigitsPlace,
    Rows,
    bar_span,
    digits_area,
    face_rows,
    figure_box,
    place_digits,
    wanted_digit_rows,
)
from tui.core.countdown_math import (
    breath_level,
    format_clock,
    format_remaining,
    is_urgent,
    pose_progress,
    routine_progress,
    steps_done,
)
from tui.core.engine import EngineState, Phase
from tui.core.figure import Figure, posed
from tui.core.routine import Pose
from tui.core.spans import changed_span
from tui.widgets.big_digits import SLOTS, Glyph
from tui.widgets.big_word import BigWord
from tui.widgets.figure import FigureView
from tui.widgets.progress import (
    WINDOW,
    BarEnd,
    LevelColumn,
    bar_cells,
    thin_bar_cells,
    window_start,
)
from tui.widgets.steady import SteadyLines

_PHASE_CLASSES = {
    Phase.GET_READY: "-get-ready",
    Phase.HOLD: "-hold",
    Phase.SWITCH_SIDES: "-switch",
    Phase.INHALE: "-breath",
    Phase.EXHALE: "-breath",
    Phase.DONE: "-done",
}

# A line of words: runs of text, each with the component class that styles it.
Runs = tuple[tuple[str, str], ...]


def headline(state: EngineState) -> Runs:
    """The line above the digits: the phase in words."""
    pose = state.pose
    if state.paused:
        text = "❚❚  PAUSED  —  press space to resume"
    elif pose is None or state.phase is Phase.DONE:
        text = "Session complete"
    elif state.phase is Phase.GET_READY:
        # "first" only where another side follows: a get-ready for the right side alone
        # (the gentler pose taken for it) is not the first of two.
        first = " first" if pose.sides and state.side == pose.sides[0] else ""
        side = f" ({state.side} side{first})" if state.side else ""
        text = f"Get ready: {pose.name}{side}"
    elif state.phase is Phase.SWITCH_SIDES:
        text = "Switch sides"
    elif state.phase is Phase.INHALE:
        text = f"Inhale — {pose.inhale or 'in'}"
    elif state.phase is Phase.EXHALE:
        text = f"Exhale — {pose.exhale or 'out'}"
    else:
        text = pose.name
    return ((text, "countdown--headline"),)


def side_line(state: EngineState) -> Runs:
    """The line under the headline: which side, or which breath."""
    pose = state.pose
    if pose is None:
        return ()
    badge = _side_badge(state.side)
    if state.phase in (Phase.INHALE, Phase.EXHALE):
        return ((f"{pose.name} · breath {state.cycle} of {state.cycles}", "countdown--side"),)
    if state.phase is Phase.SWITCH_SIDES:
        return (("now the ", "countdown--side"), *badge)
    if state.paused or state.phase is Phase.GET_READY:
        return ((pose.name + ("  " if badge else ""), "countdown--side"), *badge)
    return badge


def _side_badge(side: str | None) -> Runs:
    if side is None:
        return ()
    arrow = ("◀ ", "") if side == "left" else ("", " ▶")
    return ((f" {arrow[0]}{side.upper()} SIDE{arrow[1]} ", "countdown--badge"),)


def next_line(state: EngineState) -> str:
    """What comes after this pose."""
    if state.phase is Phase.DONE:
        return ""
    pose = state.pose
    if pose is not None and pose.per_side and state.side == pose.sides[0]:
        return f"Next: {pose.sides[-1]} side"
    if state.next_pose is None:
        return "Last pose — nearly done"
    return f"Next: {state.next_pose.name}"


def big_word(state: EngineState) -> str:
    """The word in big letters: the breath, or the side being held (or about to be)."""
    if state.phase is Phase.INHALE:
        return "INHALE"
    if state.phase is Phase.EXHALE:
        return "EXHALE"
    if state.phase is Phase.DONE or state.side is None:
        return ""
    return "◀ LEFT" if state.side == "left" else "RIGHT ▶"


# Every word big_word gives, to choose a size at which the widest of them fits.
BIG_WORDS = ("INHALE", "EXHALE", "◀ LEFT", "RIGHT ▶")


def word_scale(rows: Rows, width: int) -> int:
    """The big word's scale: twice the size on a tall screen, if the widest word fits across."""
    scale = rows.word_scale
    while scale > 1 and max(word_width(w, scale) for w in BIG_WORDS) > width:
        scale -= 1
    return scale


def big_number(state: EngineState) -> str:
    """The big digits: the breath count while breathing, else the time left."""
    if state.phase in (Phase.INHALE, Phase.EXHALE):
        return str(state.cycle)
    return format_remaining(state.remaining)


# Shapes per half-breath: each is a redraw of much of the figure (a body with a thick
# torso), so one: the figure takes the shape the word names as the word appears. With 2
# (half way at the start, the full shape from mid-breath) Cat-Cow cost 2,160 B/s at 100x30,
# over its 2,000 B/s budget; with 1, 1,910 B/s in the same run (bench/countdown.py).
FIGURE_BREATH_STEPS = 1


def figure_shape(figure: Figure, state: EngineState, reduced_motion: bool) -> Figure:
    """The figure as it should look now: its side, and for Cat-Cow where the breath is."""
    inhaled: float | None = None
    if state.phase in (Phase.INHALE, Phase.EXHALE):
        inhale = state.phase is Phase.INHALE
        if reduced_motion:
            inhaled = 1.0 if inhale else 0.0  # the two shapes, no in-betweens
        else:
            # The figure leads the breath: the moment INHALE shows (and is spoken) it is
            # at least a step on its way to Cow, never still in the Cat it is leaving.
            steps = FIGURE_BREATH_STEPS
            moved = max(1, math.ceil(state.progress * steps)) / steps
            inhaled = moved if inhale else 1.0 - moved
    return posed(figure, state.side, inhaled)


def cue_line(pose: Pose | None) -> str:
    """The pose's one-line cue."""
    return pose.cue if pose else ""


def plain(runs: Runs) -> str:
    """The text of a line without its styles."""
    return "".join(text for text, _ in runs)


class Countdown(SteadyLines):
    """Everything the person on the floor reads at a glance."""

    COMPONENT_CLASSES = {
        "countdown--headline",
        "countdown--side",
        "countdown--badge",
        "countdown--cue",
        "countdown--next",
        "countdown--routine",
        "countdown--routine-bar",
        "countdown--routine-track",
        "countdown--compact",
        "countdown--bar",
        "countdown--notice",
    }
    DEFAULT_CSS = """
    Countdown { overflow: hidden hidden; }
    Countdown > * { position: absolute; }
    """

    def __init__(self, figure_of: Callable[[str], Figure | None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        # The screen says where figures come from: a widget never reads files.
        self._figure_of = figure_of
        self._glyphs = [Glyph() for _ in range(SLOTS)]
        self._digits_box = _DigitsBox()
        self._bar_end = BarEnd()
        self._bar_x = self._bar_width = 0
        self._hold_fraction = 0.0
        self._routine_fraction = 0.0
        self._routine_words = ""
        self._width = 0
        self._routine_key: tuple[str, int, int] = ("", -1, -1)
        self._class_key: tuple[Phase, bool, bool] | None = None
        self._styles: dict[str, Style] = {}
        self._breath = [LevelColumn(classes="breath"), LevelColumn(classes="breath")]
        self._lines: dict[str, Runs] = {}
        self._words: tuple[object, ...] = ()
        self._rows = face_rows(0, 0)
        self._row_names: dict[int, str] = {}
        self._place: DigitsPlace | None = None
        self._breathing = False
        self._word = BigWord()
        self._word_scale = 1
        self._figure = FigureView(classes="countdown-figure")
        self._figure_box: Box | None = None
        self._pose_figure: Figure | None = None
        self._area = (0, 0)  # first column and width of the digits and the words beside them
        self.reduced_motion = False
        self.digits_text = ""

    def compose(self) -> ComposeResult:
        with self._digits_box:
            yield from self._glyphs
        yield self._bar_end
        yield from self._breath
        yield self._word
        yield self._figure

    # --- what the screen asks for its timing ---------------------------------------

    @property
    def bar_cells(self) -> int:
        """Width of the hold bar in cells."""
        return self._bar_width

    @property
    def routine_bar_steps(self) -> int:
        """How many visible steps the whole-routine bar has (half cells)."""
        return 2 * self._routine_bar_width()

    def _routine_bar_width(self) -> int:
        room = self._width - len(self._routine_words) - ROUTINE_BAR_GAP
        return max(0, min(BAR_WIDTH, room))

    @property
    def breath_rows(self) -> int:
        """Height of the breathing guide in rows."""
        return self._breath[0].rows

    @property
    def compact(self) -> bool:
        """Whether the time shows as plain text because big digits do not fit."""
        return self._place is None

    @property
    def figure(self) -> FigureView:
        """The pose's figure beside the digits."""
        return self._figure

    @property
    def word(self) -> str:
        """The word shown in big letters ("" if none)."""
        return self._word.word

    def line(self, name: str) -> str:
        """The text of one line: headline, side, cue, next, notice or routine."""
        if name == "routine":
            return self._routine_words.rstrip()
        return plain(self._lines.get(name, ()))

    # --- drawing ---------------------------------------------------------------------

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        """Place every part for the current size; a full redraw."""
        width, height = self.size
        self._width = width  # kept: `size` works it out anew on every read
        rows = self._rows = face_rows(height, wanted_digit_rows(self.screen.size.height))
        self._row_names = {
            rows.headline: "headline",
            rows.side: "side",
            rows.cue: "cue",
            rows.next: "next",
            rows.notice: "notice",
            rows.routine: "routine",
            rows.bar: "bar",
        }
        if rows.compact:
            self._row_names[rows.digits] = "compact"
        box = self._figure_box = figure_box(width, rows) if self._pose_figure else None
        self._area = digits_area(width, box)
        self._figure.display = box is not None
        if box is not None:
            self._figure.styles.offset = (box.x, box.y)
            self._figure.styles.width = box.width
            self._figure.styles.height = box.height
        word = self._word
        word.display = rows.word_rows > 0
        word.styles.offset = (self._area[0], rows.word)
        word.styles.width = self._area[1]
        word.styles.height = max(1, rows.word_rows)
        self._word_scale = word_scale(rows, self._area[1])
        word.show(word.word, self._word_scale)
        self._bar_x, self._bar_width = bar_span(width)
        self._bar_end.styles.width = min(WINDOW, self._bar_width)
        self._bar_end.start = -1
        self._set_hold(self._hold_fraction)
        self._lines["routine"] = self._routine_runs()
        self._place = None
        self._show_digits(self.digits_text, force=True)
        self.refresh()

    def _show_digits(self, text: str, force: bool = False) -> None:
        if text == self.digits_text and not force:
            return
        old = self._place
        left, width = self._area
        place = place_digits(text, width, self._rows, left)
        if force or place != old:
            self._place = place
            box = self._digits_box
            box.display = place is not None
            if place is not None:
                box.styles.offset = (place.left, place.top)
                box.styles.width = place.right - place.left
                box.styles.height = place.height
            for index, glyph in enumerate(self._glyphs):
                visible = place is not None and index < len(place.glyphs)
                glyph.display = visible
                if visible and place is not None:
                    x, width = place.glyphs[index]
                    glyph.styles.offset = (x - place.left, 0)
                    glyph.styles.width = width
                    glyph.styles.height = place.height
            self._place_breath()
        if text != self.digits_text or force:
            compact_changed = self._lines.get("compact") != ((text, "countdown--compact"),)
            self.digits_text = text
            self._lines["compact"] = ((text, "countdown--compact"),)
            if place is None and compact_changed:
                self.refresh(Region(0, self._rows.digits, self.size.width, 1))
        if place is not None:
            for glyph, char in zip(self._glyphs, text, strict=False):
                glyph.show(char, place.height)

    def _place_breath(self) -> None:
        place = self._place
        for column in self._breath:
            column.display = self._breathing and place is not None
        if place is None:
            return
        left, right = self._breath
        left.place(place.left - BREATH_GAP - BREATH_WIDTH, place.top, place.height)
        right.place(place.right + BREATH_GAP, place.top, place.height)

    def _set_line(self, name: str, runs: Runs) -> None:
        old = self._lines.get(name, ())
        if old == runs:
            return
        self._lines[name] = runs
        width = self.size.width
        before, after = self._cells(name, old, width), self._cells(name, runs, width)
        span = changed_span(before, after) if len(before) == len(after) else (0, width)
        if span is None:
            return
        for y, row_name in self._row_names.items():
            if row_name == name:
                self.refresh(Region(span[0], y, span[1] - span[0], 1))

    def _place_runs(self, name: str, runs: Runs, width: int) -> list[tuple[int, str, str]]:
        """Where each run of a line goes: centred, or from the left for the routine."""
        text_width = sum(cell_len(text) for text, _ in runs)
        left = 0
        if name == "side":  # beside the figure: centred over the digits
            left, width = self._area
        if text_width > width:
            runs = ((set_cell_size(plain(runs), max(0, width - 1)) + "…", runs[0][1]),)
            text_width = width
        x = 0 if name == "routine" else left + max(0, (width - text_width) // 2)
        placed = []
        for text, style in runs:
            placed.append((x, text, style))
            x += cell_len(text)
        return placed

    def _cells(self, name: str, runs: Runs, width: int) -> list[tuple[str, str]]:
        """A line as (character, style) per cell, to find what a change touches."""
        cells = [(" ", "")] * width
        for x, text, style in self._place_runs(name, runs, width):
            for offset, char in enumerate(text[: max(0, width - x)]):
                cells[x + offset] = (char, style)
        return cells

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        name = self._row_names.get(y)
        runs = self._lines.get(name, ()) if name else ()
        if not name or not runs:
            return Strip.blank(width, base)
        # The routine row starts with its own colour so a tick rewrites one style run.
        fill = base
        if name in ("headline", "routine"):
            fill = self._style(f"countdown--{name}")
        segments = []
        x = 0
        for start, text, style in self._place_runs(name, runs, width):
            if start > x:
                segments.append(Segment(" " * (start - x), fill))
            segments.append(Segment(text, self._style(style)))
            x = start + cell_len(text)
        segments.append(Segment(" " * max(0, width - x), fill))
        return Strip(segments, width).crop(0, width).simplify()

    def _style(self, component: str) -> Style:
        # Textual forgets component styles on every refresh; these change only with CSS.
        style = self._styles.get(component)
        if style is None:
            style = self._styles[component] = self.get_component_rich_style(component)
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}

    def _set_hold(self, fraction: float) -> None:
        """Fill the hold bar to `fraction`: the end moves in its window, which moves on."""
        self._hold_fraction = fraction
        width = self._bar_width
        eighths = steps_done(fraction, width * 8)
        start = window_start(eighths, width)
        if start != self._bar_end.start:
            self._bar_end.styles.offset = (self._bar_x + start, self._rows.bar)
            # Everything before the window is full, everything after it empty.
            self._set_line("bar", ((bar_cells(8 * start, 0, width), "countdown--bar"),))
        self._bar_end.update_cells(eighths, start)

    def _routine_runs(self) -> Runs:
        width = self._routine_bar_width()
        filled, track = thin_bar_cells(steps_done(self._routine_fraction, 2 * width), width)
        gap = " " * ROUTINE_BAR_GAP if width else ""
        return (
            (self._routine_words + gap, "countdown--routine"),
            (filled, "countdown--routine-bar"),
            (track, "countdown--routine-track"),
        )

    # --- the state --------------------------------------------------------------------

    def show(self, state: EngineState) -> None:
        """Bring the display up to `state`, touching only what changed."""
        if not self.is_mounted:
            return  # a key typed as the screen opens; the first frame after mount draws it
        self._set_classes(state)
        breathing = state.phase in (Phase.INHALE, Phase.EXHALE)
        if breathing != self._breathing:
            self._breathing = breathing
            self._place_breath()
        words = (state.phase, state.paused, state.step_index, state.side, state.cycle, state.pose)
        if words != self._words:
            # The words change a few times a pose; building them every frame would not.
            self._words = words
            self._set_line("headline", headline(state))
            self._set_line("side", side_line(state))
            self._set_line("cue", ((cue_line(state.pose), "countdown--cue"),))
            self._set_line("next", ((next_line(state), "countdown--next"),))
            self._show_figure(state)
            self._word.show(big_word(state), self._word_scale)
        words_left = format_clock(state.routine_remaining)
        fraction = routine_progress(state)
        halves = steps_done(fraction, self.routine_bar_steps)
        if (words_left, halves, state.step_index) != self._routine_key:
            # Built only when it changes: about once a second.
            self._routine_key = (words_left, halves, state.step_index)
            self._routine_words = (
                f"pose {state.step_index + 1} of {state.step_count} · {words_left} left"
            )
            self._routine_fraction = fraction
            self._set_line("routine", self._routine_runs())
        self._show_digits(big_number(state))
        self._set_hold(pose_progress(state))
        if breathing:
            for column in self._breath:
                column.set_level(breath_level(state))
            if self._pose_figure is not None:
                self._figure.show(figure_shape(self._pose_figure, state, self.reduced_motion))

    def _show_figure(self, state: EngineState) -> None:
        """The figure of the pose being held, or about to be, on its side."""
        figure = self._figure_of(state.pose.id) if state.pose else None
        if state.phase is Phase.DONE:
            figure = None
        if (figure is None) != (self._pose_figure is None):
            self._pose_figure = figure
            self._layout()  # the digits move over to make room, or back
        self._pose_figure = figure
        caption = ""
        if figure is not None and state.side is not None:
            caption = figure.side_meaning(state.side)
        shape = None if figure is None else figure_shape(figure, state, self.reduced_motion)
        self._figure.show(shape, caption)

    def set_notice(self, text: str) -> None:
        """Show a message on the line kept for it ("" clears it)."""
        self._set_line("notice", ((text, "countdown--notice"),) if text else ())

    def _set_classes(self, state: EngineState) -> None:
        key = (state.phase, state.paused, is_urgent(state))
        if key == self._class_key:
            return
        self._class_key = key
        wanted = {_PHASE_CLASSES[state.phase]}
        if state.paused:
            wanted.add("-paused")
        if is_urgent(state):
            wanted.add("-urgent")
        managed = {*_PHASE_CLASSES.values(), "-paused", "-urgent"}
        current = set(self.classes) & managed
        if current != wanted:
            self.remove_class(*(current - wanted))
            self.add_class(*(wanted - current))


class _DigitsBox(SteadyLines):
    """Holds the big characters, so a redraw elsewhere does not render each of them."""

    DEFAULT_CSS = "_DigitsBox > Glyph { position: absolute; }"
