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


@dataclass(frozen=True)
class Rows:
    """The row of each part; `band` is how many rows the digits may take (1 if compact)."""

    headline: int
    side: int
    digits: int
    band: int
    bar: int
    cue: int
    next: int
    routine: int  # the routine's progress: words, then a thin bar

    @property
    def compact(self) -> bool:
        """Whether the time is one line of plain text instead of big digits."""
        return self.band < MIN_HEIGHT


def wanted_digit_rows(screen_rows: int) -> int:
    """About a third of the screen, at least the smallest big digits, at most the cap."""
    return max(MIN_HEIGHT, min(MAX_DIGIT_ROWS, screen_rows // 3))


def face_rows(height: int, wanted: int) -> Rows:
    """The rows of a countdown `height` rows tall aiming for digits `wanted` rows tall."""
    for gap in (1, 0):  # squeeze out the blank rows before giving up on big digits
        # headline, side, gap | digits | gap, bar, gap, cue, next | gap, routine
        above, below, footer = 2 + gap, 3 + 2 * gap, 1 + gap
        band = min(wanted, height - above - below - footer)
        if band >= MIN_HEIGHT:
            break
    else:
        band = 1
    top = max(0, (height - footer - above - band - below) // 2)
    digits = top + above
    bar = digits + band + gap
    routine = max(bar + 3 + gap, height - 1)
    return Rows(
        headline=top,
        side=top + 1,
        digits=digits,
        band=band,
        bar=bar,
        cue=bar + 1 + gap,
        next=bar + 2 + gap,
        routine=routine,
    )


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


def place_digits(text: str, width: int, rows: Rows) -> DigitsPlace | None:
    """Centre `text` in big digits on the band, or None if it must be shown compact."""
    if rows.compact or not text:
        return None
    room = width - 2 * (BREATH_WIDTH + BREATH_GAP)
    height = fit_height(text, room, rows.band, rows.band)
    if height is None:
        return None
    size = glyph_size(height)
    x = (width - size.text_width(text)) // 2
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
