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
    name, manifest = reader.attachments
    assert manifest == "integrite.json"
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


# Run by ``manage.py shell`` in an installation of its own (a data directory, its own
# SQLite database): a worker killed with SIGKILL must not share the suite's database.
SETUP = """
import datetime
from accounts.models import User
from evidence.models import Complaint
from evidence.services import documents, dossiers, exhibits
from tests.evidence.factories import add_image
alice = User.objects.create_user("alice")
dossier = dossiers.create_dossier(owner=alice, title="d")
Complaint.objects.create(dossier=dossier, last_name="Martin", first_names="Alice",
    date_of_birth=datetime.date(1990, 5, 17), place_of_birth="Lyon",
    address="1 rue\\n69001 Lyon", recipient="procureur", recipient_town="Lyon",
    authors_known=False, facts="Des messages.", signed_in_town="Lyon")
for _ in range(40):  # long enough a render to be killed in the middle of
    add_image(dossier)
print(documents.request_document(dossier=dossier, actor=alice).pk)
"""
STATE = """
from evidence.models import GeneratedDocument
document = GeneratedDocument.objects.get(pk=THE_DOCUMENT_ID)
print(document.status, document.progress or "-", document.failure or "-")
"""
AFTER_THE_DEADLINE = """
import datetime
from django.utils import timezone
from evidence.models import Event, GeneratedDocument
from evidence.services import document_states, documents
document = GeneratedDocument.objects.get(pk=THE_DOCUMENT_ID)
GeneratedDocument.objects.filter(pk=document.pk).update(
    started_at=timezone.now() - datetime.timedelta(hours=1))
document_states.fail_stale(GeneratedDocument.objects.all())
document.refresh_from_db()
failed = document.dossier.events.filter(action=Event.Action.DOCUMENT_FAILED).count()
again = documents.request_document(dossier=document.dossier, actor=document.dossier.owner)
print(document.status, document.failure, failed, again.pk)
"""


def installation(tmp_path, settings):
    environment = {
        **os.environ,
        "CYBERAIDE_DATA_DIR": str(tmp_path / "site"),
        "CYBERAIDE_STORAGE_KEY": settings.CYBERAIDE_STORAGE_KEY,
        "CYBERAIDE_TASKS_BACKEND": "database",
        "DJANGO_SETTINGS_MODULE": "cyberaide.settings",
    }
    environment.pop("DATABASE_URL", None)

    def manage(*args, script=None):
        command = [sys.executable, str(ROOT / "manage.py"), *args]
        if script is not None:
            command += ["-v", "0", "-c", script]
        result = subprocess.run(
            command,
            env=environment,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        return result.stdout.strip()

    manage("migrate", "-v", "0")
    return environment, manage


def test_a_worker_killed_mid_render_is_found_stale_and_made_again(tmp_path, settings):
    environment, manage = installation(tmp_path, settings)
    document = manage("shell", script=SETUP).splitlines()[-1]
    state = STATE.replace("THE_DOCUMENT_ID", document)
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--interval", "0.1"],
        env=environment,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if manage("shell", script=state).startswith("pending rendering"):
                break
            time.sleep(0.2)
        assert manage("shell", script=state).startswith("pending rendering")
        os.kill(worker.pid, signal.SIGKILL)  # as the kernel's out-of-memory killer does
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert manage("shell", script=state).startswith("pending")  # nobody will finish it
    status, failure, failed_events, again = manage(
        "shell", script=AFTER_THE_DEADLINE.replace("THE_DOCUMENT_ID", document)
    ).split()
    assert (status, failure, failed_events) == ("failed", "interrupted", "1")
    manage("db_worker", "--batch")  # a worker that runs to the end makes the new one
    assert manage("shell", script=STATE.replace("THE_DOCUMENT_ID", again)).startswith("ready")


def test_a_stale_document_is_shown_failed_with_try_again(
    client, alice, dossier, django_capture_on_commit_callbacks
):
    add_message(dossier, "Un message.")
    document = documents.request_document(dossier=dossier, actor=alice)  # never run
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status="pending", started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(alice)
    preview = client.get(french("evidence:letter_preview", dossier.public_id)).content.decode()
    document.refresh_from_db()
    assert (document.status, document.failure) == ("failed", "interrupted")
    assert "interrompue" in preview and "Réessayer" in preview
    assert '<meta http-equiv="refresh"' not in preview
    failed = dossier.events.filter(action=Event.Action.DOCUMENT_FAILED).get()
    assert failed.details["failure"] == "interrupted"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(french("evidence:letter_generate", dossier.public_id))
    remade = dossier.documents.exclude(pk=document.pk).get()
    assert remade.status == "ready"  # the immediate backend made it in the request
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
