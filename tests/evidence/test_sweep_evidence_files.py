import io
import os
import time

import pytest
from django.core.management import call_command

from evidence.custody import storage
from tests.evidence.factories import add_image, make_dossier, make_user

pytestmark = pytest.mark.django_db


def test_sweep_deletes_only_old_unreferenced_files(django_user_model, settings):
    dossier = make_dossier(make_user(django_user_model, "alice"))
    exhibit = add_image(dossier)
    orphan = storage.save_file(dossier, b"left by a crash", suffix=".bin")
    fresh = storage.save_file(dossier, b"upload in progress", suffix=".bin")
    location = settings.STORAGES["evidence"]["OPTIONS"]["location"]
    an_hour_ago = time.time() - 2 * 3600
    for name in (orphan, exhibit.original_file):
        os.utime(location / name, (an_hour_ago, an_hour_ago))

    out = io.StringIO()
    call_command("sweep_evidence_files", "--dry-run", stdout=out)
    assert "would delete 1" in out.getvalue()
    assert (location / orphan).exists()

    call_command("sweep_evidence_files", stdout=io.StringIO())
    assert not (location / orphan).exists()
    assert (location / fresh).exists()
    for name in (exhibit.original_file, exhibit.display_file, exhibit.thumbnail_file):
        assert (location / name).exists()


def test_sweep_with_nothing_stored_yet():
    out = io.StringIO()
    call_command("sweep_evidence_files", stdout=out)
    assert "deleted 0" in out.getvalue()


def test_a_large_upload_is_written_only_to_the_private_scratch_folder(settings):
    from pathlib import Path

    from django.core.files.uploadedfile import TemporaryUploadedFile

    upload = TemporaryUploadedFile("capture.png", "image/png", 0, None)
    try:
        path = Path(upload.temporary_file_path())
        assert path.parent == Path(settings.FILE_UPLOAD_TEMP_DIR)
        assert path.parent.stat().st_mode & 0o777 == 0o700
        assert path.stat().st_mode & 0o077 == 0  # readable by the service's user only
    finally:
        upload.close()


def test_what_a_killed_worker_left_in_the_scratch_folder_is_swept(settings, tmp_path):
    """A process killed while an upload is written (SIGKILL: no cleanup runs) leaves the
    plaintext in the scratch folder; the sweep removes it."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import os, django; django.setup()\n"
        "from django.core.files.uploadedfile import TemporaryUploadedFile\n"
        "f = TemporaryUploadedFile('capture.png', 'image/png', 0, None)\n"
        "f.write(b'plaintext evidence'); f.flush()\n"
        "os.kill(os.getpid(), 9)\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cyberaide.settings",
        "CYBERAIDE_DATA_DIR": str(tmp_path / "data"),
        "CYBERAIDE_STORAGE_KEY": settings.CYBERAIDE_STORAGE_KEY,
    }
    killed = subprocess.run([sys.executable, "-c", script], env=environment, check=False)
    assert killed.returncode == -9
    scratch = tmp_path / "data" / "tmp"
    (left,) = list(scratch.iterdir())
    assert left.read_bytes() == b"plaintext evidence"
    an_hour_ago = time.time() - 2 * 3600
    os.utime(left, (an_hour_ago, an_hour_ago))
    settings.FILE_UPLOAD_TEMP_DIR = str(scratch)
    out = io.StringIO()
    call_command("sweep_evidence_files", stdout=out)
    assert "1 scratch file(s)" in out.getvalue()
    assert not list(Path(scratch).iterdir())
