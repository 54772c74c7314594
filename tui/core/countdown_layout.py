"""Where each part of the countdown sits on a screen of a given size.

Rows are fixed for a screen size: the big digits get a band of rows that does not
change with the time shown, so a tick never moves the words around them.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.big_font import MIN_HEIGHT, fit_height, glyph_size

# Digits stop growing here (a third of a 48-row screen): each changed row costs a cursor
# move and a colour, so taller digits would cost SSH bandwidth in proportion to the
# screen (issue 3: 200x60 may cost at most 1.5x the bytes of 100x30; 16 rows give ~1.4x).
MAX_DIGIT_ROWS = 16
BAR_WIDTH = 64
# The whole-routine bar follows its words on the bottom row.
ROUTINE_BAR_GAP = 2
# Columns kept free each side of the digits for the breathing guide and its gap.
BREATH_WIDTH = 3
BREATH_GAP = 3
# The breathing guide fills a row in sevenths of its height: a gap of an eighth above each
# row makes it a stack of segments, a level meter; solid, beside the digit 1 (itself a
# solid stroke), the two guides read as "111".
BREATH_ROW_STEPS = 7


# The side (LEFT / RIGHT) or the breath (INHALE / EXHALE) in big letters: 3 rows, or 6
# rows (letters at twice the size) on a screen this tall.
WORD_ROWS = 3
TALL_SCREEN = 44
# The pose's figure stands right of the digits when it can be at least this many rows.
FIGURE_MIN_ROWS = 6
FIGURE_MIN_WIDTH = 20
FIGURE_GAP = 2
# Width over height of the box laid out for a figure; each figure keeps its own inside it.
FIGURE_ASPECT = 2.0


@dataclass(frozen=True)
class Rows:
    """The row of each part; `band` is how many rows the digits may take (1 if compact)."""

    headline: int
    side: int
    word: int  # first row of the big word
    word_rows: int  # 0 when squeezed out
    digits: int
    band: int
    bar: int
    cue: int
    next: int
    notice: int  # reserved for messages, so none ever covers the digits
    routine: int  # the routine's progress: words, then a thin bar

    @property
    def compact(self) -> bool:
        """Whether the time is one line of plain text instead of big digits."""
        return self.band < MIN_HEIGHT

    @property
    def word_scale(self) -> int:
        """How many times the big word's letters are scaled (0 when not shown)."""
        return self.word_rows // WORD_ROWS


def wanted_digit_rows(screen_rows: int) -> int:
    """About a third of the screen, at least the smallest big digits, at most the cap."""
    return max(MIN_HEIGHT, min(MAX_DIGIT_ROWS, screen_rows // 3))


def face_rows(height: int, wanted: int) -> Rows:
    """The rows of a countdown `height` rows tall aiming for digits `wanted` rows tall."""
    word_first = 2 * WORD_ROWS if height >= TALL_SCREEN else WORD_ROWS
    # Squeeze out blank rows, then the big word, before giving up on big digits.
    for gap, word in ((1, word_first), (0, word_first), (1, 0), (0, 0)):
        # headline, side, word, gap | digits | gap, bar, gap, cue, next, notice | gap, routine
        above, below, footer = 2 + word + gap, 4 + 2 * gap, 1 + gap
        band = min(wanted, height - above - below - footer)
        if band >= MIN_HEIGHT:
            break
    else:
        band = 1
    top = max(0, (height - footer - above - band - below) // 2)
    digits = top + above
    bar = digits + band + gap
    routine = max(bar + 4 + gap, height - 1)
    return Rows(
        headline=top,
        side=top + 1,
        word=top + 2,
        word_rows=word,
        digits=digits,
        band=band,
        bar=bar,
        cue=bar + 1 + gap,
        next=bar + 2 + gap,
        notice=bar + 3 + gap,
        routine=routine,
    )


@dataclass(frozen=True)
class Box:
    """A rectangle of cells."""

    x: int
    y: int
    width: int
    height: int


def figure_box(width: int, rows: Rows) -> Box | None:
    """Where the figure goes, right of the digits from the side line down, or None if no room."""
    if rows.compact:
        return None
    top, bottom = rows.side, rows.digits + rows.band
    height = bottom - top
    # A braille cell is 2 dots wide and 4 tall: a box `height` rows tall is this wide.
    box_width = min(round(height * 2 * FIGURE_ASPECT), int(width * 0.45))
    if height < FIGURE_MIN_ROWS or box_width < FIGURE_MIN_WIDTH:
        return None
    return Box(width - box_width, top, box_width, height)


def digits_area(width: int, figure: Box | None) -> tuple[int, int]:
    """First column and width left for the digits and the words beside the figure."""
    if figure is None:
        return 0, width
    return 0, max(0, figure.x - FIGURE_GAP)


@dataclass(frozen=True)
class DigitsPlace:
    """Big digits placed on a row band: their height, top row and each glyph's columns."""

    height: int
    top: int
    glyphs: tuple[tuple[int, int], ...]  # (x, width) of each character

    @property
    def left(self) -> int:
        """First column of the digits."""
        return self.glyphs[0][0] if self.glyphs else 0

    @property
    def right(self) -> int:
        """One past the last column of the digits."""
        return self.glyphs[-1][0] + self.glyphs[-1][1] if self.glyphs else 0


def place_digits(text: str, width: int, rows: Rows, left: int = 0) -> DigitsPlace | None:
    """Centre `text` in big digits on the band, or None if it must be shown compact."""
    if rows.compact or not text:
        return None
    room = width - 2 * (BREATH_WIDTH + BREATH_GAP)
    height = fit_height(text, room, rows.band, rows.band)
    if height is None:
        return None
    size = glyph_size(height)
    x = left + (width - size.text_width(text)) // 2
    glyphs = []
    for char in text:
        glyphs.append((x, size.char_width(char)))
        x += size.char_width(char) + size.gap
    top = rows.digits + (rows.band - height) // 2
    return DigitsPlace(height, top, tuple(glyphs))


def bar_span(width: int) -> tuple[int, int]:
    """First column and width of a progress bar, centred and of modest width."""
    bar = min(BAR_WIDTH, width)
    return (width - bar) // 2, bar
