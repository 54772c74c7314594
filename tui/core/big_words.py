"""A few words in letters three rows tall, to read the side and the breath from the floor.

Half blocks, like the big digits, so every terminal font (the Linux console too) has
them. Only the letters of LEFT, RIGHT, INHALE and EXHALE, and of the keys the "this hurts"
choice names (A, N, Q, SPACE), are drawn: a general banner library (pyfiglet) would bring
hundreds of fonts for sixteen letters.
"""

from __future__ import annotations

from functools import lru_cache

ROWS = 3
_LETTERS = {
    "A": ("▄▀▄", "█▀█", "█ █"),
    "C": ("█▀▀", "█  ", "█▄▄"),
    "E": ("█▀▀", "█▀ ", "█▄▄"),
    "F": ("█▀▀", "█▀ ", "█  "),
    "G": ("█▀▀", "█ ▄", "█▄█"),
    "H": ("█ █", "█▀█", "█ █"),
    "I": ("█", "█", "█"),
    "L": ("█  ", "█  ", "█▄▄"),
    "N": ("█▄ █", "█ ▀█", "█  █"),
    "P": ("█▀█", "█▀▀", "█  "),
    "Q": ("█▀▀█", "█  █", "▀▀█▄"),
    "R": ("█▀▄", "█▀▄", "█ █"),
    "S": ("█▀▀", "▀▀█", "▄▄█"),
    "T": ("▀█▀", " █ ", " █ "),
    # Five wide, so each arm steps inward a pixel a row: three wide, its crossing was a
    # stem four pixels tall with a bar each end, which read as I ("EIHALE").
    "X": ("▀▄ ▄▀", "  █  ", "▄▀ ▀▄"),
    " ": ("  ", "  ", "  "),
    "◀": (" ▄█", "███", " ▀█"),
    "▶": ("█▄ ", "███", "█▀ "),
}
# Words shown in turn in one place: each is padded on the left to the widest, so the
# ending they share (HALE) stays put and a breath redraws only the letters that differ.
_TAKING_TURNS = ("INHALE", "EXHALE")
# Scaling a half block by 2: its top half fills the upper row, its bottom half the lower.
_DOUBLED = {" ": ("  ", "  "), "▀": ("██", "  "), "▄": ("  ", "██"), "█": ("██", "██")}


@lru_cache(maxsize=32)
def word_lines(word: str, scale: int = 1) -> tuple[str, ...]:
    """The rows of `word` in big letters (3 rows, or 6 at scale 2), a column between letters."""
    rows = [" ".join(_LETTERS[c][r] for c in word) for r in range(ROWS)]
    if word in _TAKING_TURNS:
        width = max(len(" ".join(_LETTERS[c][0] for c in other)) for other in _TAKING_TURNS)
        rows = [row.rjust(width) for row in rows]
    if scale == 1:
        return tuple(rows)
    doubled: list[str] = []
    for row in rows:
        doubled.append("".join(_DOUBLED[c][0] for c in row))
        doubled.append("".join(_DOUBLED[c][1] for c in row))
    return tuple(doubled)


def word_width(word: str, scale: int = 1) -> int:
    """Columns the word takes in big letters."""
    return len(word_lines(word, scale)[0]) if word else 0
