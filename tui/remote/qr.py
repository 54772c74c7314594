"""The link as a QR code drawn in the terminal: two modules a cell, dark on light."""

from __future__ import annotations

import segno
from textual.content import Content

from tui.core.half_blocks import half_block

# Two light modules round the code: phones read it so from a screen, and it fits 80x24.
BORDER = 2
# Black on white whatever the theme: scanners expect dark modules on a light ground.
_STYLE = "#000000 on #ffffff"


def qr_matrix(link: str) -> list[list[bool]]:
    """The code's modules, quiet zone included (True: dark), at the smallest size that fits."""
    code = segno.make(link, error="L", micro=False, boost_error=True)
    return [[module == 0x1 for module in row] for row in code.matrix_iter(border=BORDER)]


def qr_rows(matrix: list[list[bool]]) -> list[str]:
    """Each pair of module rows as one row of half blocks (an odd last row gets a light one)."""
    rows = [*matrix, [False] * len(matrix[0])] if len(matrix) % 2 else matrix
    return [
        "".join(half_block(top, bottom) for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]


def qr_content(link: str) -> Content:
    """The code as styled terminal text, one line per two module rows."""
    return Content("\n").join(Content.styled(row, _STYLE) for row in qr_rows(qr_matrix(link)))
