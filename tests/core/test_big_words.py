"""The words in big letters read as the words: EXHALE is not EIHALE."""

from __future__ import annotations

from tui.core.big_words import ROWS, word_lines

# Each cell is two pixels tall: its top half, its bottom half.
_PIXELS = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}


def pixels(letter: str) -> list[list[bool]]:
    """One letter's image, two pixel rows per text row."""
    grid: list[list[bool]] = []
    for row in word_lines(letter):
        cells = [_PIXELS[c] for c in row]
        grid += [[top for top, _ in cells], [bottom for _, bottom in cells]]
    return grid


def longest_stroke_down(grid: list[list[bool]], column: int) -> int:
    """The most pixels lit one under another in a column."""
    best = run = 0
    for row in grid:
        run = run + 1 if row[column] else 0
        best = max(best, run)
    return best


def test_x_is_two_crossing_diagonals_not_a_stem() -> None:
    # Its old form, a stem four pixels tall under a bar each end, read as I from the mat.
    grid = pixels("X")
    width = len(grid[0])
    outer = [column for column, lit in enumerate(grid[0]) if lit]
    assert outer == [0, width - 1] and grid[-1] == grid[0]
    assert all(longest_stroke_down(grid, column) <= 2 for column in range(width))
    # Each arm steps one column inward per pixel row until they cross.
    for y in range(len(grid) // 2):
        lit = [column for column, on in enumerate(grid[y]) if on]
        assert lit[0] == min(y, width // 2)


def test_inhale_and_exhale_keep_their_shared_ending_in_place() -> None:
    # The breath word alternates every few seconds: only what differs is redrawn.
    for scale in (1, 2):
        inhale, exhale = word_lines("INHALE", scale), word_lines("EXHALE", scale)
        assert len(inhale) == len(exhale) == ROWS * scale
        ending = len(word_lines("HALE", scale)[0])
        for a, b in zip(inhale, exhale, strict=True):
            assert len(a) == len(b)
            assert a[-ending:] == b[-ending:]
