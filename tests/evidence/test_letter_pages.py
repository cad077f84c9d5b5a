"""The complaint letter through its pages: the steps, the preview, the PDF snapshot and its
download, who may see them, and the command line."""

import datetime
import hashlib
import io
import re
import uuid

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from pypdf import PdfReader

from evidence.custody import storage
from evidence.models import Complaint, GeneratedDocument
from evidence.services import documents
from evidence.views.letter import STEP_SLUGS, STEPS
from tests.evidence.factories import (
    add_image,
    make_complaint,
    make_dossier,
    make_user,
)

pytestmark = pytest.mark.django_db

ANSWERS = {
    "you": {
        "last_name": "Martin",
        "first_names": "Alice",
        "date_of_birth": "1990-05-17",
        "place_of_birth": "Lyon",
        "occupation": "infirmière",
        "address": "12 rue des Lilas\r\n69003 Lyon",
        "phone": "06 12 34 56 78",
        "email": "",
    },
    "representative": {
        "filed_by": "victim",
        "representative_name": "",
        "representative_relationship": "",
        "representative_address": "",
        "representative_phone": "",
        "representative_email": "",
        "second_representative_name": "",
        "second_representative_relationship": "",
        "second_representative_phone": "",
    },
    "recipient": {"recipient": "gendarmerie", "recipient_town": "Bron", "recipient_address": ""},
    "authors": {"authors_known": "no", "authors": ""},
    "facts": {
        "facts_period": "depuis la rentrée de septembre, et encore aujourd'hui",
        "facts": "Des insultes chaque soir sur Snapchat depuis la rentrée.",
        "harm": "Je dors mal.",
        "harm_amount": "",
        "witnesses": "",
    },
    "offences": {
        "offences": ["harcelement_moral", "menaces"],
        "partie_civile": "on",
        "signed_in_town": "Bron",
    },
}
assert list(ANSWERS) == [step.slug for step in STEPS]


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"evidence:{name}", args=args)


def step_url(dossier, slug, lang="en"):
    """A step's URL, by the name the tests know it by (its URL has only its number)."""
    number = STEP_SLUGS.index(slug) + 1 if slug in STEP_SLUGS else 99
    return url("letter_step", dossier.public_id, number, lang=lang)


@pytest.fixture
def alice(django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def dossier(alice):
    dossier = make_dossier(alice, title="Harcèlement Lucas")
    add_image(dossier)
    return dossier


def walk(client, dossier, answers=ANSWERS):
    for slug, data in answers.items():
        response = client.post(step_url(dossier, slug), data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
        index = list(ANSWERS).index(slug)
        expected = (
            step_url(dossier, list(ANSWERS)[index + 1])
            if index + 1 < len(ANSWERS)
            else url("letter_preview", dossier.public_id)
        )
        assert response.url == expected


def complaint_of(dossier):
    return Complaint.objects.get(dossier=dossier)


# The steps ---------------------------------------------------------------------------


def test_walking_every_step_saves_the_complaint(alice_client, dossier):
    walk(alice_client, dossier)
    complaint = complaint_of(dossier)
    assert (complaint.last_name, complaint.first_names) == ("Martin", "Alice")
    assert complaint.date_of_birth == datetime.date(1990, 5, 17)
    assert complaint.address == "12 rue des Lilas\r\n69003 Lyon"
    assert complaint.phone == "06 12 34 56 78"
    assert (complaint.recipient, complaint.recipient_town) == ("gendarmerie", "Bron")
    assert complaint.authors_known is False
    assert complaint.facts.startswith("Des insultes")
    assert complaint.harm == "Je dors mal."
    assert complaint.offences == ["harcelement_moral", "menaces"]
    assert complaint.partie_civile is True
    assert complaint.signed_in_town == "Bron"


def test_each_step_is_saved_as_soon_as_it_is_sent(alice_client, dossier):
    response = alice_client.post(step_url(dossier, "you"), ANSWERS["you"])
    assert response.status_code == 302
    complaint = complaint_of(dossier)
    assert complaint.last_name == "Martin"
    assert complaint.recipient == ""
    assert complaint.facts == ""


def test_going_back_to_a_step_shows_and_changes_what_was_saved(alice_client, dossier):
    walk(alice_client, dossier)
    page = alice_client.get(step_url(dossier, "recipient")).content.decode()
    assert 'value="Bron"' in page
    assert re.search(r'value="gendarmerie"[^>]*checked', page)
    page = alice_client.get(step_url(dossier, "authors")).content.decode()
    assert re.search(r'value="no"[^>]*checked', page)

    response = alice_client.post(
        step_url(dossier, "recipient"),
        {"recipient": "commissariat", "recipient_town": "Villeurbanne", "recipient_address": ""},
    )
    assert response.status_code == 302
    assert response.url == step_url(dossier, "authors")
    response = alice_client.post(
        step_url(dossier, "authors"), {"authors_known": "yes", "authors": "@kev_du_69"}
    )
    assert response.status_code == 302

    complaint = complaint_of(dossier)
    assert (complaint.recipient, complaint.recipient_town) == ("commissariat", "Villeurbanne")
    assert (complaint.authors_known, complaint.authors) == (True, "@kev_du_69")
    assert complaint.last_name == "Martin"  # the other steps are untouched
    assert complaint.offences == ["harcelement_moral", "menaces"]
    preview = alice_client.get(url("letter_preview", dossier.public_id)).content.decode()
    assert "Commissariat de police de Villeurbanne" in preview
    assert "Brigade de gendarmerie" not in preview
    assert "contre @kev_du_69" in preview
    assert "contre X" not in preview


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_each_step_says_why_each_field_is_asked(alice_client, dossier, step, lang):
    response = alice_client.get(step_url(dossier, step.slug, lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(lang):
        form = step.form_class()
        assert f"<h1>{escape(str(step.title))}</h1>" in html
        helped = [field for field in form if field.help_text]
        for field in helped:
            assert str(field.help_text) in html, field.name  # Django prints it as HTML
            # Linked to its field for screen readers.
            assert f'aria-describedby="{field.auto_id}_helptext"' in html
    # Every field says why it is asked; the first names go with the last name's reason.
    assert {field.name for field in form if not field.help_text} <= {"first_names"}


# Invalid input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "data", "error"),
    [
        ("you", {**ANSWERS["you"], "date_of_birth": "2999-01-01"}, "Check your date of birth."),
        ("you", {**ANSWERS["you"], "date_of_birth": "tomorrow"}, "Enter a valid date."),
        (
            "recipient",
            {"recipient": "", "recipient_town": "Lyon", "recipient_address": ""},
            "This field is required.",
        ),
        (
            "recipient",
            {"recipient": "tribunal", "recipient_town": "Lyon", "recipient_address": ""},
            "Select a valid choice.",
        ),
        ("authors", {"authors_known": "yes", "authors": "  "}, "Say who, even a nickname"),
        ("facts", {"facts": "", "harm": "", "witnesses": ""}, "This field is required."),
        (
            "facts",
            {"facts": "x" * 20_001, "harm": "", "witnesses": ""},
            "Ensure this value has at most 20000 characters (it has 20001).",
        ),
    ],
)
def test_invalid_input_is_refused_and_nothing_is_lost(alice_client, dossier, slug, data, error):
    walk(alice_client, dossier)
    before = Complaint.objects.filter(dossier=dossier).values().get()
    response = alice_client.post(step_url(dossier, slug), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please correct the following" in html
    assert escape(error) in html
    assert Complaint.objects.filter(dossier=dossier).values().get() == before


def test_a_future_birth_date_keeps_what_was_typed(alice_client, dossier):
    typed = {**ANSWERS["you"], "last_name": "Durand", "date_of_birth": "2999-01-01"}
    response = alice_client.post(step_url(dossier, "you"), typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Durand"' in html  # shown again, to correct only the date
    assert 'value="2999-01-01"' in html
    assert not [c for c in Complaint.objects.filter(dossier=dossier) if c.last_name == "Durand"]


def test_today_is_not_a_valid_birth_date(alice_client, dossier):
    today = timezone.localdate().isoformat()
    response = alice_client.post(
        step_url(dossier, "you"), {**ANSWERS["you"], "date_of_birth": today}
    )
    assert response.status_code == 400


def test_an_unknown_step_is_not_found(alice_client, dossier):
    assert alice_client.get(step_url(dossier, "secret")).status_code == 404


# The preview -------------------------------------------------------------------------


def test_the_preview_shows_the_french_letter_on_an_english_page(alice_client, dossier):
    walk(alice_client, dossier)
    response = alice_client.get(url("letter_preview", dossier.public_id))
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    for french in [
        "Brigade de gendarmerie de Bron",
        "Objet : plainte contre X — souhait de constitution de partie civile",
        "né(e) le 17 mai 1990 à Lyon, infirmière, demeurant 12 rue des Lilas, 69003 Lyon",
        "Exposé des faits",
        "Des insultes chaque soir sur Snapchat depuis la rentrée.",
        "harcèlement moral, y compris en ligne (article 222-33-2-2 du code pénal)",
        "menaces (articles 222-17 et 222-18 du code pénal)",
        "Je dors mal.",
    ]:
        assert escape(french) in html, french
    assert "17 May 1990" not in html
    day = timezone.localdate().day
    assert f"À Bron, le {'1er' if day == 1 else day} " in html
    assert "Make the PDF" in html
    assert "Before the PDF can be made" not in html


def test_the_preview_decrypts_no_exhibit_file(alice_client, dossier, monkeypatch):
    """Only the PDF shows the images: a page showing the letter reads none of them."""
    walk(alice_client, dossier)
    read = []
    monkeypatch.setattr(storage, "read_file", lambda *args: read.append(args))
    response = alice_client.get(url("letter_preview", dossier.public_id))
    assert response.status_code == 200
    assert "Exposé des faits" in response.content.decode()
    assert read == []


def test_an_incomplete_preview_lists_the_problems(alice_client, dossier):
    alice_client.post(step_url(dossier, "you"), ANSWERS["you"])
    response = alice_client.get(url("letter_preview", dossier.public_id))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Before the PDF can be made" in html
    assert "Choose who the letter is for, and the town." in html
    assert "Describe what happened." in html
    assert "Exposé des faits" not in html
    assert url("letter_generate", dossier.public_id) not in html


def test_a_preview_before_any_step_says_to_fill_in_the_letter_and_stores_nothing(
    alice_client, dossier
):
    response = alice_client.get(url("letter_preview", dossier.public_id))
    assert response.status_code == 200
    assert "Fill in the letter first." in response.content.decode()
    assert not Complaint.objects.filter(dossier=dossier).exists()


# Generating the PDF ------------------------------------------------------------------


def generate(client, dossier, capture):
    with capture(execute=True) as callbacks:
        response = client.post(url("letter_generate", dossier.public_id))
    return response, callbacks


def test_the_pdf_is_an_immutable_snapshot_with_its_hash_in_the_journal(
    alice_client, dossier, django_capture_on_commit_callbacks
):
    walk(alice_client, dossier)
    response, callbacks = generate(alice_client, dossier, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response.url == url("letter_preview", dossier.public_id) + "#documents"
    assert len(callbacks) == 1  # the task is queued once the request is committed
    document = GeneratedDocument.objects.get(dossier=dossier)
    assert document.status == GeneratedDocument.Status.READY
    assert document.exhibit_count == 1
    assert document.completed_at is not None

    download = alice_client.get(url("document_download", dossier.public_id, document.public_id))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.streaming  # never held whole in memory: it is as large as the dossier
    content = download.getvalue()
    assert hashlib.sha256(content).hexdigest() == document.sha256
    assert int(download["Content-Length"]) == document.size == len(content)
    assert content == storage.read_file(dossier, document.file)
    assert PdfReader(io.BytesIO(content)).xmp_metadata.pdfaid_part == "3"

    disposition = download["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="document-\d{4}-\d\d-\d\d-\d{4}-[0-9a-f]{8}\.pdf"', disposition
    )
    for private in ["Lucas", "Harc", "Martin", "Alice", "plainte"]:
        assert private.lower() not in disposition.lower()
    assert "no-store" in download["Cache-Control"]

    event = dossier.events.get(action="document_generated")
    assert event.details["sha256"] == document.sha256
    assert event.details["document"] == str(document.public_id)
    assert event.actor == "cyberaide"  # recorded by the task, for alice's request
    assert event.details["requested_by"] == "alice"
    assert dossier.events.order_by("sequence").last() == event

    with pytest.raises(TypeError, match="snapshot"):
        document.save()

    preview = alice_client.get(url("letter_preview", dossier.public_id)).content.decode()
    assert url("document_download", dossier.public_id, document.public_id) in preview
    assert document.sha256 in preview


def test_a_pending_document_shows_as_being_prepared_and_is_not_downloadable(
    alice_client, dossier, alice
):
    make_complaint(dossier)
    document = documents.request_document(dossier=dossier, actor=alice)  # task not run
    assert document.status == GeneratedDocument.Status.PENDING
    preview = alice_client.get(url("letter_preview", dossier.public_id)).content.decode()
    assert "waiting its turn to be prepared" in preview
    download = url("document_download", dossier.public_id, document.public_id)
    assert download not in preview
    assert alice_client.get(download).status_code == 404


def thirteen_years_ago():
    return timezone.localdate() - datetime.timedelta(days=13 * 365)


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        ("no_exhibit", "The dossier has no exhibit yet: add your screenshots first."),
        ("no_letter", "Fill in the letter first."),
        ("no_last_name", "Your identity is incomplete: last name is missing."),
        ("no_birth_date", "Your identity is incomplete: date of birth is missing."),
        ("minor_alone", "A minor can be a civil party only through a legal representative"),
    ],
)
def test_an_unready_dossier_gets_a_clear_error_and_nothing_is_made(
    alice_client, alice, django_capture_on_commit_callbacks, setup, problem
):
    dossier = make_dossier(alice)
    if setup != "no_exhibit":
        add_image(dossier)
    if setup != "no_letter":
        make_complaint(
            dossier,
            **{
                "no_exhibit": {},
                "no_last_name": {"last_name": ""},
                "no_birth_date": {"date_of_birth": None},
                "minor_alone": {
                    "date_of_birth": thirteen_years_ago(),
                    "partie_civile": True,
                    "representative_name": "",
                },
            }[setup],
        )
    events_before = dossier.events.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url("letter_generate", dossier.public_id), follow=True)
    assert response.redirect_chain == [(url("letter_preview", dossier.public_id), 302)]
    html = response.content.decode()
    assert escape(problem) in html
    if setup != "no_letter":  # (the preview starts an empty letter: other problems then)
        assert html.count(escape(problem)) == 2  # the message, and the list on the page
    assert not GeneratedDocument.objects.exists()
    assert dossier.events.count() == events_before


# Who may see it ----------------------------------------------------------------------


def letter_urls(dossier, document):
    return [
        ("get", url("letter_preview", dossier.public_id)),
        ("post", url("letter_generate", dossier.public_id)),
        ("get", url("document_download", dossier.public_id, document.public_id)),
        *[("get", step_url(dossier, step.slug)) for step in STEPS],
        *[("post", step_url(dossier, slug)) for slug in ANSWERS],
    ]


@pytest.fixture
def ready_document(alice_client, dossier, django_capture_on_commit_callbacks):
    walk(alice_client, dossier)
    generate(alice_client, dossier, django_capture_on_commit_callbacks)
    return GeneratedDocument.objects.get(dossier=dossier)


def test_another_user_gets_404_on_every_letter_and_document_url(
    client, dossier, ready_document, django_user_model, django_capture_on_commit_callbacks
):
    bob = make_user(django_user_model, "bob")
    client.force_login(bob)
    before = Complaint.objects.filter(dossier=dossier).values().get()
    with django_capture_on_commit_callbacks(execute=True):
        for method, address in letter_urls(dossier, ready_document):
            data = ANSWERS.get(address.rstrip("/").rsplit("/", 1)[-1], {})
            response = getattr(client, method)(address, data)
            assert response.status_code == 404, (method, address)
    # Bob's own dossier does not open Alice's document either.
    own = make_dossier(bob)
    address = url("document_download", own.public_id, ready_document.public_id)
    assert client.get(address).status_code == 404
    assert Complaint.objects.filter(dossier=dossier).values().get() == before
    assert not Complaint.objects.filter(dossier=own).exists()
    assert GeneratedDocument.objects.count() == 1


def test_a_logged_out_visitor_is_sent_to_log_in(client, dossier, ready_document):
    client.logout()
    login = reverse(settings.LOGIN_URL)
    for method, address in letter_urls(dossier, ready_document):
        response = getattr(client, method)(address)
        assert response.status_code == 302, (method, address)
        assert response.url.startswith(login + "?next="), (method, address)
    assert GeneratedDocument.objects.count() == 1


# The command line --------------------------------------------------------------------


def test_render_dossier_pdf_writes_the_stored_snapshot(alice_client, dossier, tmp_path):
    walk(alice_client, dossier)
    output = tmp_path / "plainte.pdf"
    stdout = io.StringIO()
    call_command(
        "render_dossier_pdf", str(dossier.public_id), "--output", str(output), stdout=stdout
    )
    document = GeneratedDocument.objects.get(dossier=dossier)
    assert document.status == GeneratedDocument.Status.READY
    written = output.read_bytes()
    assert written == storage.read_file(dossier, document.file)
    assert hashlib.sha256(written).hexdigest() == document.sha256
    assert document.sha256 in stdout.getvalue()
    reader = PdfReader(io.BytesIO(written))
    assert written.startswith(b"%PDF-1.7")
    assert "Brigade de gendarmerie de Bron" in reader.pages[0].extract_text()
    assert dossier.events.filter(action="document_generated").count() == 1


@pytest.mark.parametrize("public_id", [str(uuid.uuid4()), "not-a-uuid"])
def test_render_dossier_pdf_refuses_an_unknown_dossier(db, tmp_path, public_id):
    output = tmp_path / "plainte.pdf"
    with pytest.raises(CommandError, match=f"No dossier with the id {public_id}"):
        call_command("render_dossier_pdf", public_id, "--output", str(output))
    assert not output.exists()


def test_render_dossier_pdf_refuses_an_unready_dossier(alice, tmp_path):
    dossier = make_dossier(alice)
    make_complaint(dossier)
    output = tmp_path / "plainte.pdf"
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("render_dossier_pdf", str(dossier.public_id), "--output", str(output))
    assert "not ready" in str(refused.value)
    assert "no exhibit" in str(refused.value)
    assert not output.exists()
    assert not GeneratedDocument.objects.exists()
