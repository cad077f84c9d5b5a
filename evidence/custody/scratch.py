"""Private scratch space: where plaintext may rest for the length of one request or task.

An upload larger than ``FILE_UPLOAD_MAX_MEMORY_SIZE`` is written by Django into
``FILE_UPLOAD_TEMP_DIR`` while it arrives; a PDF being rendered and a "My data" zip being
written sit in a temporary file too. All of them go to one folder under the data
directory, readable by the service's own user only, never the shared ``/tmp``. Django and
the code here delete each file when done; a worker killed midway can leave one behind,
which ``manage.py sweep_evidence_files`` removes.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, cast

from django.conf import settings


def folder() -> Path:
    """The scratch folder, created owner-only if it is missing."""
    path = Path(settings.FILE_UPLOAD_TEMP_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def temporary_file() -> BinaryIO:
    """An unnamed temporary file in the scratch folder (gone when closed by the caller)."""
    return cast(BinaryIO, tempfile.TemporaryFile(dir=folder()))


def sweep(older_than: datetime.timedelta, *, dry_run: bool = False) -> int:
    """Delete scratch files older than ``older_than``; return how many there were."""
    cutoff = datetime.datetime.now().timestamp() - older_than.total_seconds()
    swept = 0
    for path in folder().iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            swept += 1
            if not dry_run:
                path.unlink(missing_ok=True)
    return swept
