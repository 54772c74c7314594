"""Where the countdown puts things: big digits that scale, words that never move."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tests.app.flow_helpers import make_app, open_session, screen_lines, tick
from tests.conftest import FakeClock
from tui.core.big_font import MIN_HEIGHT
from tui.core.countdown_layout import (
    BREATH_WIDTH,
    MAX_DIGIT_ROWS,
    digits_area,
    face_rows,
    figure_box,
    place_digits,
    wanted_digit_rows,
)
from tui.store.settings import Settings
from tui.widgets.big_digits import Glyph
from tui.widgets.countdown import Countdown
from tui.widgets.progress import LevelColumn

QUIET = Settings(pain_checkins=False, bell=False)  # no check-in before, no bell


@pytest.mark.parametrize(
    ("size", "rows"),
    [((80, 24), MIN_HEIGHT), ((120, 40), 13), ((200, 60), MAX_DIGIT_ROWS)],
)
def test_digits_scale_with_the_terminal(size: tuple[int, int], rows: int) -> None:
    width, height = size
    face = face_rows(height - 1, wanted_digit_rows(height))  # the key bar takes a row
    place = place_digits("1:30", width - 4, face)
    assert place is not None
    assert place.height >= rows
    if size == (120, 40):
        assert place.height == height // 3  # "about a third of the height"


def test_words_stay_clear_of_the_digits() -> None:
    for height in range(17, 70):
        face = face_rows(height, wanted_digit_rows(height + 1))
        assert face.side < face.digits
        assert face.digits + face.band <= face.bar < face.cue < face.next < face.notice
        assert face.notice < face.routine
        assert face.routine < height


def test_too_small_for_big_digits_is_compact() -> None:
    # Blank rows and the big side word go first; the notice line is always kept.
    assert not face_rows(12, wanted_digit_rows(13)).compact
    assert face_rows(11, wanted_digit_rows(12)).compact
    assert place_digits("10", 36, face_rows(11, 5)) is None


def test_at_80x24_digits_figure_and_a_big_side_all_fit() -> None:
    face = face_rows(23, wanted_digit_rows(24))  # the key bar takes a row
    assert face.word_rows >= 3
    box = figure_box(76, face)  # 80 columns less the padding
    assert box is not None and box.height >= 6
    left, width = digits_area(76, box)
    place = place_digits("1:00", width, face, left)
    assert place is not None and place.height >= 5
    assert place.right <= box.x  # beside, not over, the figure
    assert face.word + face.word_rows <= face.digits
    assert face.digits + face.band <= face.bar < face.notice < face.routine


async def test_a_tick_repaints_only_the_glyph_that_changed(clock: FakeClock) -> None:
    app = make_app(clock=clock, settings=QUIET)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10.5)  # the 45 s hold: "45"
        tens, units = [g for g in screen.query(Glyph) if g.display][:2]
        clock.advance(1.0)  # "44": only the units change
        screen.frame()
        assert screen.query_one(Countdown).digits_text == "44"
        assert not tens._repaint_regions
        assert units._repaint_regions


async def test_a_steady_hold_tick_renders_only_the_bar_end(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four times a second the bar's end moves; nothing else on the screen is rendered again."""
    rendered: list[str] = []
    render_lines = Widget.render_lines

    def counting(widget: Widget, crop: Region) -> list[Strip]:
        rendered.append(type(widget).__name__)
        return render_lines(widget, crop)

    monkeypatch.setattr(Widget, "render_lines", counting)
    app = make_app(clock=clock, settings=QUIET)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(app, pilot)
        await tick(pilot, clock, screen, 10.5)  # Child's Pose, 44.5 s of its hold left: "45"
        rendered.clear()
        await tick(pilot, clock, screen, 0.25)  # still "45"; the bar moves on by a few eighths
        assert screen.query_one(Countdown).digits_text == "45"
        assert rendered == ["BarEnd"]


async def test_notices_go_to_their_own_line_not_over_the_digits(clock: FakeClock) -> None:
    app = make_app(clock=clock, settings=QUIET)
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify("Routine reset to default; u undoes it.")  # from the main screen
        app.start_session()
        await pilot.pause()
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        assert countdown.line("notice") == "Routine reset to default; u undoes it."
        assert not list(app._notifications)  # no toast left to cover the countdown
        await pilot.press("b")
        assert countdown.line("notice") != "Routine reset to default; u undoes it."
        assert countdown.line("notice")  # the bell's own message, on the same line
        assert not list(app._notifications)


async def test_the_figure_and_the_side_show_beside_the_digits_at_80x24(clock: FakeClock) -> None:
    app = make_app(clock=clock, settings=QUIET)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("n", "n", "n", "n")  # Pigeon: get ready, left side first
        await tick(pilot, clock, screen, 12)  # into the left hold
        countdown = screen.query_one(Countdown)
        assert countdown.word == "◀ LEFT"
        assert countdown.line("next") == "Next: right side"
        figure = countdown.figure
        left = figure.drawing
        assert left is not None and len(left.rows) >= 6
        assert figure.caption == "left knee forward, right leg back"
        clock.advance(60 + 5 + 1)  # the right side
        screen.frame()
        await pilot.pause()
        assert countdown.word == "RIGHT ▶"
        right = figure.drawing
        assert right is not None
        assert right.inks == tuple(row[::-1] for row in left.inks)  # the mirror image
        assert figure.caption == "right knee forward, left leg back"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_paused_the_breathing_guides_do_not_read_as_ones(
    clock: FakeClock, size: tuple[int, int]
) -> None:
    # Paused, digits and guides turn the same grey: three solid columns read as "111".
    app = make_app(clock=clock, settings=QUIET)
    async with app.run_test(size=size) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("n")  # Cat-Cow
        await tick(pilot, clock, screen, 10 + 2.95)  # the first breath, nearly all in
        await pilot.press("space")
        countdown = screen.query_one(Countdown)
        assert countdown.digits_text == "1" and countdown.word == "INHALE"
        lines = screen_lines(app)
        for guide in screen.query(LevelColumn):
            region = guide.region
            cells = [
                line[region.x : region.x + BREATH_WIDTH] for line in lines[region.y : region.bottom]
            ]
            filled = [row for row in cells if row.strip()]
            assert len(filled) >= 3, cells
            # Segments, an eighth of a row apart: never one solid stroke like the digit's.
            assert all("█" not in row for row in filled), cells
