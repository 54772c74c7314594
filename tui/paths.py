"""Where Supple keeps user data and where its shipped styles and routines live."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "supple"
DATA_DIR_ENV = "SUPPLE_DATA_DIR"

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


def routines_dir() -> Path:
    """The folder of the shipped routines (TOML)."""
    return shipped_root() / "data" / "routines"


def poses_dir() -> Path:
    """The folder of the shipped pose figures (TOML, one per pose id)."""
    return shipped_root() / "data" / "poses"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: --data-dir, then $SUPPLE_DATA_DIR, then the platform's default."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir(data_override: str | os.PathLike[str] | None = None) -> Path:
    """Where settings live: the data folder when it was overridden, so one flag isolates all."""
    if data_override or os.environ.get(DATA_DIR_ENV):
        return data_dir(data_override)
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable only by the user, as history is health data."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    # A folder we do not own (a shared mount) keeps its mode; writing still works.
    with contextlib.suppress(OSError):
        path.chmod(0o700)
    return path
