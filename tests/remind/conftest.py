"""The reminder tests never reach the real home, systemd user manager, crontab or desktop.

Every test here gets a home of its own, the fake schedulers first on PATH, and no session
bus unless a test starts its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.remind.fake_schedulers import Schedulers, install_fakes


@pytest.fixture(autouse=True)
def schedulers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Schedulers]:
    """Fake schedulers on PATH, a private home, and no desktop bus."""
    fakes = tmp_path / "fake-bin"
    found = install_fakes(fakes)
    monkeypatch.setenv("PATH", f"{fakes}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SCHEDULERS", str(fakes))
    monkeypatch.delenv("FAKE_NO_USER_MANAGER", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))  # no `bus` socket in it
    yield found


@pytest.fixture
def unit_dir(tmp_path: Path) -> Path:
    """Where `supple remind at` writes the systemd units ($XDG_CONFIG_HOME/systemd/user)."""
    return tmp_path / "xdg-config" / "systemd" / "user"
