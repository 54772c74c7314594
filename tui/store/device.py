"""This machine's device id: made once, kept in the user config folder, never in the data folder.

A data folder synced between machines (Syncthing, Nextcloud, Dropbox) holds one folder of
month files per device, `history/<device>/`, and each machine writes only its own, so a
sync tool never has to pick between two versions of one file. The id must therefore differ
per machine: it lives in the config folder (`~/.config/supple/device-id-HOST`), which a
synced `--data-dir` never contains.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import socket
from pathlib import Path

import platformdirs

from tui.paths import APP_NAME, ensure_private_dir
from tui.store.atomic import atomic_write

# Lower-case letters, digits and dashes: a folder name on every system and sync tool.
DEVICE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")


def device_file() -> Path:
    """Where this machine's device id is kept (the platform's config folder).

    The host name is part of the file's name: on macOS and Windows the config folder is the
    default data folder, so if that is synced each machine still finds only its own id.
    """
    config = platformdirs.user_config_path(APP_NAME, appauthor=False)
    return config / f"device-id-{_host_part()}"


def _host_part() -> str:
    # The host name makes the folder recognisable ("laptop-3f9a1c"); the random part unique.
    host = re.sub(r"[^a-z0-9-]+", "-", socket.gethostname().lower()).strip("-")[:24]
    return host or "device"


def read_device_id() -> str | None:
    """The stored device id, or None when none was made yet (or the file is not one)."""
    try:
        text = device_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if DEVICE_NAME.match(text) else None


def device_id() -> str:
    """This machine's device id, made and stored on first use."""
    stored = read_device_id()
    if stored is not None:
        return stored
    made = f"{_host_part()}-{secrets.token_hex(3)}"
    path = device_file()
    try:
        ensure_private_dir(path.parent)
        atomic_write(path, (made + "\n").encode())
    except OSError:
        # An unwritable config folder: an id that is the same at every start of this machine.
        seed = (
            f"{socket.gethostname()}:{_machine_id()}:{os.getuid() if hasattr(os, 'getuid') else 0}"
        )
        return f"{_host_part()}-{hashlib.blake2b(seed.encode(), digest_size=3).hexdigest()}"
    return read_device_id() or made  # another Supple may have made it first: use what is stored


def _machine_id() -> str:
    for name in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            return Path(name).read_text(encoding="utf-8").strip()
        except OSError:
            continue
    return ""
