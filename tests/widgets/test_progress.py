"""Progress bars: their whole length shows, filled to the eighth of a cell."""

from __future__ import annotations

from tui.widgets.progress import bar_cells, thin_bar_cells


def test_an_empty_bar_still_shows_its_track() -> None:
    assert bar_cells(0, 0, 4) == "────"
    assert thin_bar_cells(0, 4) == ("", "────")


def test_a_bar_fills_by_eighths_and_never_past_its_end() -> None:
    assert bar_cells(8 + 4, 0, 3) == "█▌─"
    assert bar_cells(99, 0, 3) == "███"
    assert bar_cells(12, 1, 2) == "▌─"  # the window of a long bar's moving end
    assert thin_bar_cells(3, 4) == ("━╸", "──")
    assert thin_bar_cells(99, 2) == ("━━", "")
