"""Whether other people on this computer can see the history: said, never silently changed."""

from __future__ import annotations

import os
import shlex
import stat
from pathlib import Path

# Any permission for the group or for others: they may list the folder or read its files.
_OTHERS = stat.S_IRWXG | stat.S_IRWXO


def exposure_warning(data_dir: Path) -> str | None:
    """A plain warning naming the folders others can open and the command that closes them."""
    if os.name == "nt":  # Windows reports every folder as 777: its access lists say who may look
        return None
    open_to_others: list[Path] = []
    first_mode = 0
    for folder in (data_dir, data_dir / "history"):
        try:
            mode = folder.stat().st_mode
        except OSError:
            continue
        if stat.S_ISDIR(mode) and mode & _OTHERS:
            first_mode = first_mode or stat.S_IMODE(mode)
            open_to_others.append(folder)
    if not open_to_others:
        return None
    names = " and ".join(str(folder) for folder in open_to_others)
    command = "chmod go-rwx " + " ".join(shlex.quote(str(f)) for f in open_to_others)
    return (
        f"Other people on this computer can look into {names}, where your session history "
        f"is kept (its permissions are {first_mode:o}). Supple leaves them as they are; to keep "
        f"your history private, run: {command}"
    )
