"""The wheel carries its styles and routine, and runs from a fresh virtual environment."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tui.core.routine import Timing, format_duration, total_seconds
from tui.store.routines import load_shipped

pytestmark = pytest.mark.shipped  # the wheel must carry data/ itself

ROOT = Path(__file__).resolve().parents[2]

HEADLESS_START = """
import asyncio, sys
import tui, tui.paths
from tui.app import SuppleApp
from tui.store.routines import load_shipped

assert tui.paths.styles_dir().is_relative_to(sys.prefix), tui.paths.styles_dir()
async def main():
    app = SuppleApp(load_shipped())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        total = str(app.screen.query_one("#routine-total").render())
        title = str(app.screen.query_one("#routine-title").render())
        print(tui.__file__, "|", title, "|", total)
asyncio.run(main())
"""


@pytest.fixture(scope="module")
def installed_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the built wheel installed (its dependencies borrowed from ours)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(work), str(ROOT)],
        check=True,
    )  # fmt: skip
    wheel = next(work.glob("supple-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    # Install the wheel itself only; textual & co. come from the test environment (see _run).
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env_dir / "bin" / "python"),
         "install", "--no-deps", "-q", str(wheel)],
        check=True,
    )  # fmt: skip
    return env_dir


def _run(env_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": sysconfig.get_path("purelib"),  # dependencies, not our checkout
        "SUPPLE_DATA_DIR": str(env_dir / "data"),
    }
    return subprocess.run(
        args, cwd=env_dir, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_installed_command_prints_version(installed_venv: Path) -> None:
    result = _run(installed_venv, str(installed_venv / "bin" / "supple"), "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("supple 0.")


def test_installed_app_starts_with_shipped_styles_and_routine(installed_venv: Path) -> None:
    result = _run(installed_venv, str(installed_venv / "bin" / "python"), "-c", HEADLESS_START)
    assert result.returncode == 0, result.stderr
    location, title, total = (part.strip() for part in result.stdout.split("|"))
    assert Path(location).is_relative_to(installed_venv), "imported the checkout, not the wheel"
    shipped = load_shipped()  # from the checkout's data/
    assert title == shipped.name
    assert format_duration(total_seconds(shipped, Timing())) in total


def test_the_wheel_carries_the_mit_license_its_metadata_names(installed_venv: Path) -> None:
    [dist_info] = installed_venv.glob("lib/python3*/site-packages/supple-*.dist-info")
    metadata = (dist_info / "METADATA").read_text(encoding="utf-8")
    assert "License-Expression: MIT" in metadata.splitlines()
    assert (dist_info / "licenses" / "LICENSE").read_text(encoding="utf-8").startswith("MIT")
