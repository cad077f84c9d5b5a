"""The complaint letter through the pages, the PDF snapshot, and the command line."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from evidence.models import Complaint, GeneratedDocument
from tests.evidence.factories import add_image, make_dossier, make_user

pytestmark = pytest.mark.django_db

STEPS = [
    (
        "you",
        {
            "last_name": "Martin",
            "first_names": "Alice",
            "date_of_birth": "1990-05-17",
            "place_of_birth": "Lyon",
            "occupation": "",
            "address": "12 rue des Lilas\n69003 Lyon",
            "phone": "",
            "email": "",
        },
    ),
    ("representative", {}),
    ("recipient", {"recipient": "gendarmerie", "recipient_town": "Bron", "recipient_address": ""}),
    ("authors", {"authors_known": "no", "authors": ""}),
    ("facts", {"facts": "Des insultes chaque soir sur Snapchat.", "harm": "", "witnesses": ""}),
    (
        "offences",
        {"offences": ["harcelement_moral"], "partie_civile": "", "signed_in_town": "Bron"},
    ),
]


@pytest.fixture
def alice_client(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    client.force_login(alice)
    client.alice = alice
    return client


def step_url(dossier, slug):
    with translation.override("fr"):
        return reverse("evidence:letter_step", args=[dossier.public_id, slug])


def walk_the_steps(client, dossier):
    for slug, data in STEPS:
        response = client.post(step_url(dossier, slug), data)
        assert response.status_code == 302, (slug, response.content[:2000])


def test_every_step_saves_and_leads_to_the_preview(alice_client):
    dossier = make_dossier(alice_client.alice)
    add_image(dossier)
    walk_the_steps(alice_client, dossier)
    complaint = Complaint.objects.get(dossier=dossier)
    assert complaint.recipient == "gendarmerie"
    assert complaint.authors_known is False
    assert complaint.offences == ["harcelement_moral"]
    preview = alice_client.get(reverse("evidence:letter_preview", args=[dossier.public_id]))
    html = preview.content.decode()
    assert "Brigade de gendarmerie de Bron" in html
    assert "contre X" in html


def test_each_step_says_why_it_asks(alice_client):
    dossier = make_dossier(alice_client.alice)
    with translation.override("en"):
        url = reverse("evidence:letter_step", args=[dossier.public_id, "you"])
    html = alice_client.get(url).content.decode()
    assert "cannot be anonymous" in html
    assert "whether you are a minor" in html


def test_invalid_input_keeps_earlier_steps(alice_client):
    dossier = make_dossier(alice_client.alice)
    walk_the_steps(alice_client, dossier)
    response = alice_client.post(
        step_url(dossier, "you"), {**STEPS[0][1], "date_of_birth": "2999-01-01"}
    )
    assert response.status_code == 400
    response = alice_client.post(
        step_url(dossier, "authors"), {"authors_known": "yes", "authors": ""}
    )
    assert response.status_code == 400
    complaint = Complaint.objects.get(dossier=dossier)
    assert complaint.last_name == "Martin"
    assert complaint.authors_known is False


def test_the_pdf_is_a_snapshot_with_its_hash_and_journal_entry(
    alice_client, django_capture_on_commit_callbacks
):
    dossier = make_dossier(alice_client.alice, title="Lucas et compagnie")
    add_image(dossier)
    walk_the_steps(alice_client, dossier)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("evidence:letter_generate", args=[dossier.public_id]))
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(dossier=dossier)
    assert document.status == GeneratedDocument.Status.READY
    download = alice_client.get(
        reverse("evidence:document_download", args=[dossier.public_id, document.public_id])
    )
    assert hashlib.sha256(download.content).hexdigest() == document.sha256
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "Lucas" not in disposition and "Martin" not in disposition
    assert "no-store" in download.headers["Cache-Control"]
    event = dossier.events.get(action="document_generated")
    assert event.details["sha256"] == document.sha256
    assert len(PdfReader(io.BytesIO(download.content)).pages) >= 5


def test_an_unready_dossier_shows_why_and_makes_nothing(alice_client):
    dossier = make_dossier(alice_client.alice)
    with translation.override("en"):
        url = reverse("evidence:letter_generate", args=[dossier.public_id])
        preview = reverse("evidence:letter_preview", args=[dossier.public_id])
    response = alice_client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == preview
    assert "no exhibit" in response.content.decode()
    assert not GeneratedDocument.objects.exists()


def test_render_dossier_pdf_command(alice_client, tmp_path, django_capture_on_commit_callbacks):
    dossier = make_dossier(alice_client.alice)
    add_image(dossier)
    walk_the_steps(alice_client, dossier)
    output = tmp_path / "plainte.pdf"
    call_command(
        "render_dossier_pdf", str(dossier.public_id), "--output", str(output), stdout=io.StringIO()
    )
    document = GeneratedDocument.objects.get(dossier=dossier)
    assert hashlib.sha256(output.read_bytes()).hexdigest() == document.sha256
    assert output.read_bytes().startswith(b"%PDF-")
    with pytest.raises(CommandError, match="No dossier"):
        call_command("render_dossier_pdf", "not-a-uuid", "--output", str(output))
    empty = make_dossier(alice_client.alice)
    with pytest.raises(CommandError, match="not ready"):
        call_command("render_dossier_pdf", str(empty.public_id), "--output", str(output))
