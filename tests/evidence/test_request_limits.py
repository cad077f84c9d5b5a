"""No request body is read past its limit, no oversized file reaches the disk, and every
refusal is a translated page that keeps what was already stored. Real requests through
the test client, real files; the bytes that reached the disk counted by Django's own
temporary-file handler."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.evidence.factories import add_image, make_dossier, make_user, png_bytes

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
WRITTEN = []


class CountingTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler that writes uploads to the scratch folder, counting what it wrote."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        WRITTEN.append(0)

    def receive_data_chunk(self, raw_data, start):
        WRITTEN[-1] += len(raw_data)
        return super().receive_data_chunk(raw_data, start)


@pytest.fixture
def counted(settings):
    WRITTEN.clear()
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file to disk, where it is counted
    settings.FILE_UPLOAD_HANDLERS = [
        "evidence.ingest.limits.LimitedUploadHandler",
        f"{__name__}.CountingTemporaryFileUploadHandler",
    ]
    return WRITTEN


def french(name, *args):
    with translation.override("fr"):
        return reverse(name, args=args)


def a_file(name, size):
    """A real PNG, padded after its end to ``size`` bytes (as large as a big photo)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = png_bytes()
    return SimpleUploadedFile(name, data + b"\0" * (size - len(data)), content_type="image/png")


def upload(client, dossier, *files):
    return client.post(
        french("evidence:add_files", dossier.public_id),
        {"files": list(files), "occurred_on": "2026-10-03", "platform": "snapchat"},
    )


def test_an_oversized_file_is_stopped_before_it_reaches_the_disk(
    client, django_user_model, settings, counted
):
    settings.CYBERAIDE_MAX_FILE_BYTES = 2 * MB
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    kept = add_image(dossier)
    client.force_login(alice)
    response = upload(client, dossier, a_file("petite.png", 50_000), a_file("enorme.png", 12 * MB))
    assert response.status_code == 400
    page = response.content.decode()
    assert "<strong><bdi>enorme.png</bdi></strong>: Ce fichier dépasse 2 Mo." in page
    assert "<li><bdi>petite.png</bdi></li>" in page  # named among the files that were added
    # The big file: no more than its limit and one chunk were ever written, then deleted.
    assert max(counted) <= 2 * MB + 64 * 1024
    assert sorted(e.original_name for e in dossier.exhibits.all()) == sorted(
        [kept.original_name, "petite.png"]
    )


def test_an_upload_past_its_total_is_cut_and_the_rest_never_read(
    client, django_user_model, settings, counted
):
    """Within what the request may announce (the files' total and the form around them),
    the files themselves stop at their total: the one that crosses it, and any after it,
    are named and never written; the form's fields after them are still read."""
    settings.CYBERAIDE_MAX_FILE_BYTES = 5 * MB
    settings.CYBERAIDE_MAX_UPLOAD_BYTES = 6 * MB
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    client.force_login(alice)
    files = [a_file(f"capture-{n}.png", 5 * MB // 2) for n in range(3)]
    files.append(a_file("capture-3.png", 10_000))
    response = upload(client, dossier, *files)
    page = response.content.decode()
    for name in ("capture-2.png", "capture-3.png"):
        assert f"<strong><bdi>{name}</bdi></strong>: Pas gardé" in page
    assert sum(counted) <= 6 * MB + 64 * 1024
    assert sorted(e.original_name for e in dossier.exhibits.all()) == [
        "capture-0.png",
        "capture-1.png",
    ]


def test_a_body_announced_too_large_is_refused_unread(client, django_user_model):
    anonymous = Client()
    response = anonymous.post(
        french("accounts:login"),
        data=b"x" * 10,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(400 * MB),
    )
    assert response.status_code == 413
    assert "Rien n’a été modifié" in response.content.decode()
    assert response["Connection"] == "close"


def test_a_visitor_not_logged_in_cannot_make_the_server_write_a_file(client, counted):
    response = client.post(french("accounts:login"), {"username": "x", "f": a_file("x.png", MB)})
    assert response.status_code in (200, 400, 403)
    assert counted == []  # not one byte of it written anywhere


def test_too_many_files_is_a_translated_page(client, django_user_model, settings):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    add_image(dossier)
    client.force_login(alice)
    files = [
        a_file(f"c{n}.png", 10_000) for n in range(settings.CYBERAIDE_MAX_FILES_PER_UPLOAD + 1)
    ]
    response = upload(client, dossier, *files)
    assert response.status_code == 413
    assert "fichiers à la fois" in response.content.decode()
    assert dossier.exhibits.count() == 1  # what was stored stays


def test_a_message_too_long_to_read_is_a_translated_page(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    client.force_login(alice)
    # As a browser sends a form: URL-encoded, 12 bytes for each of these characters.
    body = urlencode({"text": "😡" * 200_000, "occurred_on": "2026-10-03", "platform": "sms"})
    response = client.post(
        french("evidence:add_message", dossier.public_id),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "trop long" in response.content.decode()
    assert not dossier.exhibits.exists()


def rgba_png(side):
    """A real PNG with transparency: a few kilobytes that decode to side² × 4 bytes."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (side, side), (200, 30, 30, 128)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_picture_is_refused_by_its_decoded_size_before_it_is_decoded(
    client, django_user_model, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.CYBERAIDE_MAX_IMAGE_DECODED_BYTES = 32 * MB  # 2100² × 4 channels × 2 (alpha): 35 MB
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    client.force_login(alice)
    big = SimpleUploadedFile("transparent.png", rgba_png(2100), content_type="image/png")
    fine = SimpleUploadedFile("fine.png", rgba_png(1900), content_type="image/png")
    assert len(big.read()) < 100_000  # small on disk: it is its decoded size that counts
    big.seek(0)
    page = upload(client, dossier, big, fine).content.decode()
    assert "<strong><bdi>transparent.png</bdi></strong>: Cette image est trop grande" in page
    assert "32 Mo" in page
    assert [e.original_name for e in dossier.exhibits.all()] == ["fine.png"]


def test_an_upload_out_of_time_names_every_file_it_did_not_add(client, django_user_model, settings):
    settings.CYBERAIDE_UPLOAD_TIME_BUDGET_SECONDS = 0
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    client.force_login(alice)
    page = upload(client, dossier, a_file("a.png", 20_000), a_file("b.png", 20_000)).content
    text = page.decode()
    for name in ("a.png", "b.png"):
        assert f"<strong><bdi>{name}</bdi></strong>: Pas ajouté" in text
    assert not dossier.exhibits.exists()


MEASURE_PEAK = """
import os, sys, django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from evidence.ingest.files import UploadRefused, inspect_upload

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024

data = open(sys.argv[1], "rb").read()
before = peak()
try:
    inspect_upload(SimpleUploadedFile("x.png", data, content_type="image/png"))
    outcome = "kept"
except UploadRefused:
    outcome = "refused"
print(outcome, peak() - before)
"""


def test_a_refused_picture_is_never_decoded_by_measured_peak(tmp_path, settings):
    """An 8000×8000 PNG with transparency: 258 KB on disk, 244 MB decoded, 857 MiB peak
    when it was processed. Refused, it costs the process next to nothing."""
    path = tmp_path / "huge.png"
    path.write_bytes(rgba_png(8000))
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cyberaide.settings",
        "CYBERAIDE_STORAGE_KEY": settings.CYBERAIDE_STORAGE_KEY,
        "CYBERAIDE_DATA_DIR": str(tmp_path / "data"),
    }
    child = subprocess.run(
        [sys.executable, "-c", MEASURE_PEAK, str(path)],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    outcome, growth = child.stdout.split()
    assert outcome == "refused"
    assert int(growth) < 40  # MiB: the 244 MB picture was never decoded
