"""A FIFO or a device where a file belongs: refused at once, naming it, never waited on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SUPPLE = Path(sys.executable).parent / "supple"
# A hang is the bug: give up long before a person would, and fail instead of waiting on.
PATIENCE = 30


def _run(argv: list[str], env_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(env_dir / "config")}
    return subprocess.run(
        argv,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        env=env,
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "shared.fifo"
    os.mkfifo(path)  # no one ever writes to it
    return path


@pytest.mark.parametrize("command", [["routine", "import"], ["history", "import"]], ids=str)
@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
def test_import_of_a_special_file_is_refused_at_once(
    tmp_path: Path, fifo: Path, command: list[str], special: str
) -> None:
    path = {"fifo": str(fifo), "/dev/zero": "/dev/zero", "folder": str(tmp_path)}[special]
    data = tmp_path / "data"
    result = _run([str(SUPPLE), "--data-dir", str(data), *command, path], tmp_path)
    assert result.returncode == 1
    assert path in result.stderr and "not a regular file" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fifo_as_settings_toml_gives_the_defaults_and_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    os.mkfifo(folder / "settings.toml")
    probe = (
        "import sys; from pathlib import Path; from tui.store.settings import SettingsStore; "
        "s = SettingsStore(Path(sys.argv[1])); print(s.writable); print(*s.warnings)"
    )
    result = _run([sys.executable, "-c", probe, str(folder)], tmp_path)
    writable, warning = result.stdout.splitlines()
    assert writable == "False"  # never written over: it is not ours to replace
    assert f"{folder / 'settings.toml'}" in warning and "not a regular file" in warning
