"""The reminder tests never reach the real home, systemd user manager, crontab or desktop.

Every test here gets a home of its own and no session bus unless it starts its own; the
fake schedulers first on PATH are every test's (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def no_desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A private home and no session bus (the fake schedulers are every test's: tests/conftest)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))  # no `bus` socket in it


@pytest.fixture
def unit_dir(tmp_path: Path) -> Path:
    """Where `supple remind at` writes the systemd units ($XDG_CONFIG_HOME/systemd/user)."""
    return tmp_path / "xdg-config" / "systemd" / "user"
