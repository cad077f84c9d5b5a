"""``manage.py verify_dossiers`` reports every dossier whose custody does not hold, and the
backup drill (back up, erase, restore into a fresh directory, verify) passes on the
database the suite runs on (SQLite, or PostgreSQL under ``make test-postgres``)."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from evidence.models import Exhibit
from tests.evidence.factories import add_image, add_message, make_dossier, make_user

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_verify_dossiers_passes_a_sound_dossier_and_names_an_altered_one(
    django_user_model, settings
):
    alice = make_user(django_user_model, "alice")
    sound, damaged = make_dossier(alice, "sain"), make_dossier(alice, "abîmé")
    add_image(sound)
    image = add_image(damaged)
    message = add_message(damaged, "Le texte reçu.")
    out = io.StringIO()
    call_command("verify_dossiers", stdout=out)
    assert "2 dossier(s) checked, 0 problem(s)" in out.getvalue()

    # A stored file damaged on disk, and a message rewritten behind the app's back.
    location = Path(settings.STORAGES["evidence"]["OPTIONS"]["location"])
    path = location / image.original_file
    data = bytearray(path.read_bytes())
    data[40] ^= 0xFF
    path.write_bytes(bytes(data))
    altered = Exhibit.objects.get(pk=message.pk)
    altered.message_text = "Un autre texte."
    altered.save(update_fields=["message_text"])

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("verify_dossiers", stdout=out, stderr=err)
    assert failure.value.returncode == 1
    report = err.getvalue()
    assert str(image.public_id) in report and str(message.public_id) in report
    assert str(sound.public_id) not in report
    assert "2 problem(s)" in out.getvalue()


def test_the_backup_drill_restores_and_verifies_everything(settings):
    environment = {**os.environ, "CYBERAIDE_STORAGE_KEY": settings.CYBERAIDE_STORAGE_KEY}
    drill = subprocess.run(
        [sys.executable, str(ROOT / "bin" / "backup-drill")],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert "Backup drill passed" in drill.stdout
    assert "'GeneratedDocument': 1" in drill.stdout


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_owner_only_and_never_restored_over_a_live_installation(
    django_user_model, tmp_path
):
    add_image(make_dossier(make_user(django_user_model, "alice")))
    target = tmp_path / "backup"
    call_command("backup", str(target), stdout=io.StringIO())
    assert target.stat().st_mode & 0o777 == 0o700
    names = {path.name for path in target.iterdir()}
    assert {"manifest.json", "evidence.tar"} <= names and len(names) == 3
    for path in target.iterdir():
        assert path.stat().st_mode & 0o077 == 0, path
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(target), stdout=io.StringIO())
    # This installation holds files: restoring over it is refused, nothing is touched.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(target), stdout=io.StringIO())
