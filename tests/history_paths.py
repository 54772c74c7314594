"""Where this machine's history files are in a test's data folder (its own device folder)."""

from __future__ import annotations

from pathlib import Path

from tui.store.device import device_id


def own_folder(data: Path) -> Path:
    """This machine's device folder under `data` (the test's config folder holds its id)."""
    return data / "history" / device_id()
