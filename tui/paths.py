"""Where Supple keeps user data and where its shipped styles and routines live."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

import platformdirs

APP_NAME = "supple"
DATA_DIR_ENV = "SUPPLE_DATA_DIR"
# Tests (and a routine author trying a new pose) point this at a folder laid out like
# `data/` (routines/, poses/), read instead of the shipped one.
SHIPPED_DATA_ENV = "SUPPLE_SHIPPED_DATA"

_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_root() -> Path:
    """The folder holding `styles/` and `data/`: inside the wheel, or the checkout's top level."""
    # The wheel force-includes both folders under tui/_shipped; an editable install
    # (pip install -e .) has no copy and reads them from the checkout instead.
    installed = _PACKAGE_DIR / "_shipped"
    if (installed / "styles").is_dir():
        return installed
    return _PACKAGE_DIR.parent


def styles_dir() -> Path:
    """The folder of the app's .tcss files."""
    return shipped_root() / "styles"


def shipped_data_dir() -> Path:
    """The folder of the shipped routines and figures: $SUPPLE_SHIPPED_DATA, else `data/`."""
    chosen = os.environ.get(SHIPPED_DATA_ENV)
    return Path(chosen) if chosen else shipped_root() / "data"


def routines_dir() -> Path:
    """The folder of the shipped routines (TOML)."""
    return shipped_data_dir() / "routines"


def poses_dir() -> Path:
    """The folder of the shipped pose figures (TOML, one per pose id)."""
    return shipped_data_dir() / "poses"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: --data-dir, then $SUPPLE_DATA_DIR, then the platform's default."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def override_of(data_folder: Path | None) -> str | None:
    """The --data-dir that names `data_folder`; None for the platform's default folder."""
    if data_folder is None or data_folder == platformdirs.user_data_path(APP_NAME, appauthor=False):
        return None
    return str(data_folder)


def config_dir(data_override: str | os.PathLike[str] | None = None) -> Path:
    """Where settings live: the data folder when it was overridden, so one flag isolates all."""
    if data_override or os.environ.get(DATA_DIR_ENV):
        return data_dir(data_override)
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def ensure_private_dir(path: Path) -> Path:
    """Create `path` and any missing parents readable only by the user (history is health data).

    A folder that already exists keeps the mode its owner gave it: a person who made it
    read-only, or shares it on purpose, decides that, not Supple (see `exposure_warning`).
    """
    missing: list[Path] = []
    probe = path
    while not probe.is_dir():
        if probe.exists() or probe.is_symlink():  # a file, or a link to nowhere, in the way
            raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(probe))
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        # mkdir's mode, not a chmod afterwards: nothing is ever chmodded through a symlink.
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            folder.mkdir(mode=0o700)
    return path
