"""Fake `systemctl`, `crontab`, `launchctl` and `schtasks` that log their arguments (the fake
crontab keeps its table in a file), so no test reaches the real ones."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

FAKE_SYSTEMCTL = """#!/bin/sh
mkdir -p "$FAKE_SCHEDULERS"
echo "$*" >> "$FAKE_SCHEDULERS/systemctl.log"
if [ -n "$FAKE_NO_USER_MANAGER" ]; then
  echo "Failed to connect to bus: No medium found" >&2
  exit 1
fi
"""
FAKE_CRONTAB = """#!/bin/sh
mkdir -p "$FAKE_SCHEDULERS"
table="$FAKE_SCHEDULERS/crontab.txt"
echo "$*" >> "$FAKE_SCHEDULERS/crontab.log"
case "$1" in
  -l) if [ -f "$table" ]; then cat "$table"; else echo "no crontab for tester" >&2; exit 1; fi ;;
  -) cat > "$table" ;;
  *) echo "fake crontab: unexpected $*" >&2; exit 2 ;;
esac
"""
FAKE_LOGGER = """#!/bin/sh
mkdir -p "$FAKE_SCHEDULERS"
echo "$*" >> "$FAKE_SCHEDULERS/$(basename "$0").log"
"""


@dataclass
class Schedulers:
    """Where the fake schedulers keep what they were asked ($FAKE_SCHEDULERS, made on first use)."""

    folder: Path

    def calls(self, program: str) -> list[str]:
        """Each call of `program`, its arguments joined by spaces."""
        log = self.folder / f"{program}.log"
        return log.read_text().splitlines() if log.exists() else []

    @property
    def crontab(self) -> Path:
        """The fake crontab's table."""
        return self.folder / "crontab.txt"


def install_fakes(folder: Path) -> None:
    """Write the fake programs into `folder` (put it first on PATH)."""
    _script(folder / "systemctl", FAKE_SYSTEMCTL)
    _script(folder / "crontab", FAKE_CRONTAB)
    for program in ("launchctl", "schtasks"):
        _script(folder / program, FAKE_LOGGER)


def _script(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
