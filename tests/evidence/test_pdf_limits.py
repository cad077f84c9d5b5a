"""What one PDF may cost, and that a PDF asked for is made or fails visibly: a long
message printed in part (whole in the attached original), a render stopped by its time
limit, a document whose worker was killed failed after its deadline and made again, one
render at a time per document and a few an hour per account, and a page that refreshes
by itself while it waits."""

import datetime
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from evidence.models import Event, GeneratedDocument
from evidence.services import documents
from tests.evidence.factories import add_image, add_message, make_complaint, make_dossier, make_user

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def french(name, *args):
    with translation.override("fr"):
        return reverse(name, args=args)


@pytest.fixture
def alice(django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def dossier(alice):
    dossier = make_dossier(alice)
    make_complaint(dossier)
    return dossier


def test_a_long_message_prints_in_part_and_rides_whole_in_the_pdf(dossier):
    text = "\n".join(f"msg {n} t'es nul" for n in range(7_000))  # about 100,000 characters
    assert len(text) > 95_000
    message = add_message(dossier, text)
    document = documents.generate_now(dossier=dossier, actor=None)
    from evidence.custody import storage

    reader = pypdf.PdfReader(io.BytesIO(storage.read_file(dossier, document.file)))
    assert len(reader.pages) < 25  # was 853 pages for such a message
    (name,) = reader.attachments
    assert name == f"001-{message.download_name}" and name.endswith(".txt")
    assert reader.attachments[name][0] == text.encode()  # whole, byte for byte
    printed = "".join(page.extract_text() for page in reader.pages)
    assert "Message reproduit en partie" in printed
    assert "msg 299 t'es nul" in printed and "msg 6999 t'es nul" not in printed


def test_a_render_past_its_time_limit_is_failed_and_journaled(dossier, settings):
    for _ in range(12):
        add_image(dossier)
    settings.CYBERAIDE_PDF_TIMEOUT_SECONDS = 0.05
    document = documents.generate_now(dossier=dossier, actor=None)
    assert (document.status, document.failure) == ("failed", "timed_out")
    event = dossier.events.order_by("-sequence").first()
    assert event.action == Event.Action.DOCUMENT_FAILED
    assert event.details["failure"] == "timed_out"


def test_asking_twice_gives_the_one_being_made_and_an_hour_has_a_limit(
    client, alice, dossier, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued only
    add_message(dossier, "Un message.")
    client.force_login(alice)
    generate = french("evidence:letter_generate", dossier.public_id)
    client.post(generate)
    again = client.post(generate, follow=True)
    assert "déjà en préparation" in again.content.decode()
    assert dossier.documents.count() == 1
    preview = client.get(french("evidence:letter_preview", dossier.public_id)).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in preview  # refreshes by itself
    assert "en attente de préparation" in preview
    settings.CYBERAIDE_PDF_PER_HOUR = 1
    GeneratedDocument.objects.update(status="failed")
    refused = client.post(generate, follow=True).content.decode()
    assert "dans la dernière heure" in refused
    assert dossier.documents.count() == 1


def worker_environment(settings):
    """The environment a real ``db_worker`` needs to work on this test's database."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        user = f"{db['USER']}@" if db.get("USER") else ""
        url = f"postgres://{user}{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "CYBERAIDE_STORAGE_KEY": settings.CYBERAIDE_STORAGE_KEY,
        "CYBERAIDE_TASKS_BACKEND": "database",
        # The test's evidence folder is data/evidence, as the worker's settings make it.
        "CYBERAIDE_DATA_DIR": str(
            Path(settings.STORAGES["evidence"]["OPTIONS"]["location"]).parent
        ),
        "DJANGO_SETTINGS_MODULE": "cyberaide.settings",
    }


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_leaves_a_visible_failure_and_try_again_works(
    client, alice, settings
):
    dossier = make_dossier(alice)
    make_complaint(dossier)
    for _ in range(40):  # long enough a render to be killed in the middle of
        add_image(dossier)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(alice)
    generate = french("evidence:letter_generate", dossier.public_id)
    client.post(generate)
    document = dossier.documents.get()
    environment = worker_environment(settings)
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--interval", "0.1"],
        env=environment,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            document.refresh_from_db()
            if document.progress == GeneratedDocument.Progress.RENDERING:
                break
            time.sleep(0.05)
        assert document.progress == GeneratedDocument.Progress.RENDERING
        os.kill(worker.pid, signal.SIGKILL)  # as the kernel's out-of-memory killer does
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    document.refresh_from_db()
    assert document.status == "pending"  # nobody will ever finish it
    # Its deadline passes: the page says it failed, the journal records it.
    GeneratedDocument.objects.filter(pk=document.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    preview = client.get(french("evidence:letter_preview", dossier.public_id)).content.decode()
    document.refresh_from_db()
    assert (document.status, document.failure) == ("failed", "interrupted")
    assert "interrompue" in preview and "Réessayer" in preview
    assert '<meta http-equiv="refresh"' not in preview
    failed = dossier.events.filter(action=Event.Action.DOCUMENT_FAILED).get()
    assert failed.details["failure"] == "interrupted"
    # Try again: a new document, made by a worker that runs to the end.
    client.post(generate)
    batch = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--batch"],
        env=environment,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    assert batch.returncode == 0
    remade = dossier.documents.exclude(pk=document.pk).get()
    assert remade.status == "ready"
    ready = client.get(french("evidence:letter_preview", dossier.public_id)).content.decode()
    assert "Votre PDF est prêt : que faire ensuite" in ready


def test_a_pdf_has_a_page_budget_by_its_exhibits(client, alice, dossier, settings):
    settings.CYBERAIDE_PDF_MAX_EXHIBITS = 2
    for text in ("un", "deux", "trois"):
        add_message(dossier, text)
    client.force_login(alice)
    preview = client.get(french("evidence:letter_preview", dossier.public_id)).content.decode()
    assert "Le dossier contient 3 pièces ; un PDF peut en contenir 2." in preview
    response = client.post(french("evidence:letter_generate", dossier.public_id), follow=True)
    assert "un PDF peut en contenir 2" in response.content.decode()
    assert not dossier.documents.exists()
