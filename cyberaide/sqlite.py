"""A SQLite database file holds every account and dossier: readable by its owner only.

SQLite creates the file, and its write-ahead log and shared-memory files beside it, with
the process's umask (often world-readable). Each new connection makes all three
owner-only; the file is still empty when the first connection creates it.
"""

import os
from pathlib import Path

SUFFIXES = ("", "-wal", "-shm")


def owner_only(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return
    for suffix in SUFFIXES:
        path = Path(name + suffix)
        if path.exists() and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
