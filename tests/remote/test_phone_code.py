"""The QR code in the terminal scans: what an 80x24 screen shows decodes to the link."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widget import Widget

from tests.app.flow_helpers import screen_lines
from tests.conftest import FakeClock
from tests.remote.phone import phone_app, until
from tui.app import SuppleApp
from tui.remote.qr import qr_matrix
from tui.screens.phone_link import PhoneLinkScreen
from tui.screens.session import SessionScreen

_MODULES = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}
SCALE = 6  # pixels a module, as a phone's camera sees a terminal cell's half


def modules_on_screen(app: SuppleApp, code: Widget) -> list[list[bool]]:
    """The code's modules read back from the terminal's rows (True: dark)."""
    region = code.region
    lines = screen_lines(app)
    assert region.right <= app.size.width and region.bottom <= app.size.height  # all in view
    rows = [lines[y][region.x : region.right] for y in range(region.y, region.bottom)]
    matrix: list[list[bool]] = []
    for row in rows:
        pairs = [_MODULES[cell] for cell in row]
        matrix += [[top for top, _ in pairs], [bottom for _, bottom in pairs]]
    return matrix


def scan(matrix: list[list[bool]], tmp_path: Path) -> str:
    """What a QR reader (zbarimg) reads from the modules drawn as an image."""
    image = tmp_path / "code.pbm"
    width = len(matrix[0]) * SCALE
    lines = [
        " ".join("1" if dark else "0" for dark in row for _ in range(SCALE))
        for row in matrix
        for _ in range(SCALE)
    ]
    image.write_text(f"P1\n{width} {len(lines)}\n" + "\n".join(lines) + "\n")
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


needs_zbar = pytest.mark.skipif(
    shutil.which("zbarimg") is None, reason="needs zbarimg (zbar-tools, .ci/apt-packages)"
)


@needs_zbar
async def test_the_code_on_the_main_screen_scans_at_80x24(clock: FakeClock, tmp_path: Path) -> None:
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)) as pilot:
        code = app.screen.query_one("#phone-code")
        await until(pilot, lambda: code.region.height > 0 and "█" in str(code.render()))
        door = app.remote_door
        assert door is not None
        matrix = modules_on_screen(app, code)
        # The drawing is the code itself, cell for cell (an odd last row gets a light half).
        assert matrix[: len(qr_matrix(door.link))] == qr_matrix(door.link)
        assert scan(matrix, tmp_path) == door.link
        assert door.link in "\n".join(screen_lines(app))  # and as text, on one line


@needs_zbar
async def test_m_shows_the_code_during_a_session(clock: FakeClock, tmp_path: Path) -> None:
    app = phone_app(clock, [])
    async with app.run_test(size=(80, 24)) as pilot:
        app.settings = app.settings.with_changes(pain_checkins=False)
        app.start_session()
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, PhoneLinkScreen))
        code = app.screen.query_one("#phone-code")
        await until(pilot, lambda: "█" in str(code.render()))
        door = app.remote_door
        assert door is not None
        assert scan(modules_on_screen(app, code), tmp_path) == door.link
        assert any(door.link in line for line in screen_lines(app))
        assert "no phone yet" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)
