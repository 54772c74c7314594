"""Without --remote nothing of the phone page loads and no port is opened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The app as `supple` starts it, bar the terminal: its first screen up, then its modules.
SCRIPT = """
import asyncio, sys
from tests.fixture_data import fixture_routine
from tui.app import SuppleApp

async def main():
    app = SuppleApp(fixture_routine())
    async with app.run_test() as pilot:
        await pilot.pause()
        print(app.remote_door, app.remote)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("aiohttp", "segno"))
    print(loaded, sorted(m for m in sys.modules if m.startswith("tui.remote")))

asyncio.run(main())
"""


def test_without_remote_no_server_and_no_web_modules() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.splitlines() == ["None None", "[] []"]
