"""Storage keys: required and never derived, a key id on each wrapped key, old keys kept
for reading, rotation without downtime, and a clear page when a key is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from evidence.custody import keys, storage
from evidence.models import Dossier
from tests import keys as test_keys
from tests.evidence.factories import add_image, make_dossier, make_user

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(django_user_model):
    return make_user(django_user_model, "alice")


def test_a_malformed_key_is_reported_for_what_it_is(settings):
    settings.CYBERAIDE_STORAGE_KEY = "c2hvcnQ="  # 5 bytes
    assert keys.configuration_problems() == [
        "CYBERAIDE_STORAGE_KEY is not a storage key: it is 5 bytes long, not 32"
    ]
    settings.CYBERAIDE_STORAGE_KEY = ""
    assert keys.configuration_problems() == ["CYBERAIDE_STORAGE_KEY is not set"]
    settings.CYBERAIDE_STORAGE_KEY = test_keys.CURRENT
    settings.CYBERAIDE_STORAGE_KEY_FALLBACKS = ["not base64!"]
    assert keys.configuration_problems() == [
        "CYBERAIDE_STORAGE_KEY_FALLBACKS entry 1: it is not URL-safe base64"
    ]


def clean_environment(**extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CYBERAIDE_", "DATABASE_URL"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="cyberaide.settings", **extra)
    return environment


def test_the_web_process_refuses_to_start_without_a_key(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import cyberaide.wsgi"],
        cwd=ROOT,
        env=clean_environment(CYBERAIDE_DATA_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: CYBERAIDE_STORAGE_KEY is not set" in result.stderr


def test_the_deploy_check_reports_a_missing_key_as_an_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=clean_environment(CYBERAIDE_DATA_DIR=str(tmp_path), DJANGO_SECRET_KEY="x" * 60),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "cyberaide.E001" in result.stderr + result.stdout


def test_rotating_the_secret_key_leaves_the_evidence_readable(settings, alice):
    exhibit = add_image(make_dossier(alice))
    before = storage.read_file(exhibit.dossier, exhibit.original_file)
    settings.SECRET_KEY = "an entirely different secret key " * 2
    assert storage.read_file(Dossier.objects.get(), exhibit.original_file) == before


def test_a_wrapped_key_names_its_key_and_opens_only_on_its_own_dossier(alice):
    first, second = make_dossier(alice), make_dossier(alice)
    assert first.key_id == keys.key_id(keys.parse_key(test_keys.CURRENT))
    exhibit = add_image(first)
    # A wrapped key copied onto another dossier: its associated data is not that dossier.
    Dossier.objects.filter(pk=second.pk).update(wrapped_key=first.wrapped_key)
    second = Dossier.objects.get(pk=second.pk)
    assert not storage.can_open(second)
    with pytest.raises(keys.DossierUnreadable):
        storage.read_file(second, exhibit.original_file)


def test_an_old_key_still_reads_and_rotation_moves_every_dossier_over(settings, alice):
    settings.CYBERAIDE_STORAGE_KEY = test_keys.OLD
    dossiers = [make_dossier(alice, f"d{n}") for n in range(5)]
    exhibit = add_image(dossiers[0])
    original = storage.read_file(dossiers[0], exhibit.original_file)
    settings.CYBERAIDE_STORAGE_KEY = test_keys.CURRENT
    settings.CYBERAIDE_STORAGE_KEY_FALLBACKS = [test_keys.OLD]
    assert storage.read_file(Dossier.objects.get(pk=dossiers[0].pk), exhibit.original_file) == (
        original
    )
    current_id = keys.key_id(keys.parse_key(test_keys.CURRENT))
    out = []
    call_command("rotate_storage_key", "--batch-size", "2", stdout=FakeStream(out))
    assert "Re-wrapped 5 dossier key(s)" in "".join(out)
    assert "0 dossier(s) not on the current key" in "".join(out)
    assert set(Dossier.objects.values_list("key_id", flat=True)) == {current_id}
    # Resumable: a second run has nothing left to do.
    out.clear()
    call_command("rotate_storage_key", stdout=FakeStream(out))
    assert "Re-wrapped 0 dossier key(s)" in "".join(out)
    # The old key can now go.
    settings.CYBERAIDE_STORAGE_KEY_FALLBACKS = []
    assert storage.read_file(Dossier.objects.get(pk=dossiers[0].pk), exhibit.original_file) == (
        original
    )


def test_rotation_says_which_dossiers_no_key_opens(settings, alice):
    settings.CYBERAIDE_STORAGE_KEY = test_keys.OLD
    make_dossier(alice)
    settings.CYBERAIDE_STORAGE_KEY = test_keys.CURRENT  # the old key forgotten
    with pytest.raises(CommandError, match="1 dossier key"):
        call_command("rotate_storage_key", stdout=FakeStream([]), stderr=FakeStream([]))


class FakeStream:
    def __init__(self, lines):
        self.lines = lines

    def write(self, text):
        self.lines.append(text)

    def flush(self):
        pass


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "This dossier cannot be opened right now"),
        ("fr", "Ce dossier ne peut pas être ouvert pour le moment"),
    ],
)
def test_a_missing_key_gives_a_translated_page_and_my_data_says_so(
    client, settings, alice, language, expected
):
    settings.CYBERAIDE_STORAGE_KEY = test_keys.OLD
    dossier = make_dossier(alice, "Mes captures")
    add_image(dossier)
    settings.CYBERAIDE_STORAGE_KEY = test_keys.CURRENT
    client.force_login(alice)
    with translation.override(language):
        detail = reverse("evidence:dossier_detail", args=[dossier.public_id])
        exhibit = dossier.exhibits.get()
        thumbnail = reverse(
            "evidence:exhibit_file", args=[dossier.public_id, exhibit.public_id, "thumbnail"]
        )
        my_data = reverse("accounts:my_data")
    for url in (detail, thumbnail):  # the title and descriptions are sealed like the files
        response = client.get(url)
        assert response.status_code == 503, url
        assert expected in response.content.decode()
    listing = client.get(reverse("evidence:dossier_list")).content.decode()
    assert {"en": "cannot be opened right now", "fr": "ne peut pas être ouvert"}[
        language
    ] in listing
    page = client.get(my_data).content.decode()
    assert "Mes captures" not in page
    assert f"{dossier.created_at.year}" in page
    assert {"en": "cannot be opened right now", "fr": "ne peut pas être ouvert"}[language] in page


def test_make_run_keeps_its_development_key_outside_the_repository(tmp_path):
    key_file = tmp_path / "config" / "cyberaide" / "dev-storage-key"
    environment = {**os.environ, "CYBERAIDE_DEV_KEY_FILE": str(key_file)}
    first = subprocess.run(
        [str(ROOT / "bin" / "dev-storage-key")],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(key_file) in first.stderr  # it says where
    assert keys.parse_key(first.stdout.strip())
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    again = subprocess.run(
        [str(ROOT / "bin" / "dev-storage-key")],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert again.stdout == first.stdout and again.stderr == ""
    assert "dev-storage-key" not in subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.replace("bin/dev-storage-key", "")


def test_a_key_wrapped_before_key_ids_still_opens_and_rotation_binds_it(alice):
    dossier = make_dossier(alice)
    exhibit = add_image(dossier)
    plain = keys.unwrap(dossier.wrapped_key, dossier.key_id, dossier.public_id)
    legacy = test_keys.legacy_wrapped_key(plain)
    Dossier.objects.filter(pk=dossier.pk).update(wrapped_key=legacy, key_id="")
    dossier.refresh_from_db()
    original = storage.read_file(dossier, exhibit.original_file)
    call_command("rotate_storage_key", stdout=FakeStream([]))
    dossier.refresh_from_db()
    assert dossier.key_id == keys.key_id(keys.parse_key(test_keys.CURRENT))
    assert storage.read_file(dossier, exhibit.original_file) == original
