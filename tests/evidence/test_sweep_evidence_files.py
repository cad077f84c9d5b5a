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
