"""What the PDF tells an investigator, read back from the real PDF: which time is which,
what a réquisition to the platform needs, where an original holds a GPS position (and
the victim's choice to attach it or not), and addresses that wrap without losing or
seeming to lose a character."""

import datetime
import hashlib
import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from evidence.custody import storage
from evidence.models import Exhibit, GeneratedDocument
from evidence.pdf.render import render_complaint_pdf, write_signalement_pdf
from evidence.services.copies import refresh_exhibit
from tests.evidence.factories import (
    add_file,
    add_image,
    add_link,
    add_message,
    located_photo,
    make_complaint,
    make_dossier,
    make_signalement,
    make_user,
    png_bytes,
)
from tests.evidence.test_pdf_documents import certificate
from tests.evidence.test_pdf_pictures import screenshot

pytestmark = pytest.mark.django_db


def text_of(data):
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def attachments(data):
    """The originals attached to a PDF (integrite.json, the annex for machines, aside)."""
    return {
        name: files[0]
        for name, files in PdfReader(io.BytesIO(data)).attachments.items()
        if name != "integrite.json"
    }


@pytest.fixture
def alice(django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def dossier(alice):
    return make_dossier(alice)


# Which time is which -----------------------------------------------------------------


def test_each_time_says_what_it_is_and_the_annex_gives_utc_alongside(dossier):
    exhibit = add_image(dossier, occurred_time=datetime.time(21, 5))
    make_complaint(dossier)
    text = text_of(render_complaint_pdf(dossier))
    received = exhibit.received_at.astimezone(datetime.UTC)
    paris = exhibit.received_at.astimezone(datetime.timezone(datetime.timedelta(hours=1)))
    assert "Date des faits, selon la victime : 3 octobre 2026 à 21:05" in text
    assert f"Reçue par le service le : {paris.day}" in text
    assert f"à {paris:%H:%M:%S}" in text  # December: Paris is UTC+1
    # The zone is said once, in the chronology, not on every piece.
    assert "Toutes les heures de ce document sont à l'heure de Paris" in text
    piece = text[text.index("Pièce n° 1\nNature") : text.index("Annexe")]
    assert "heure de Paris" not in piece and "UTC" not in piece
    annex = " ".join(text[text.index("Annexe") :].split())
    # The journal is said to be what it is: kept by the service, dated by its clock.
    assert "ne peut être ni modifié" not in annex
    assert "non une date certifiée par un tiers" in annex
    assert f"{paris:%d/%m/%Y %H:%M:%S} {received:%Y-%m-%d %H:%M:%S} UTC" in annex


# What a réquisition needs ------------------------------------------------------------


def test_the_account_number_and_the_victims_own_account_are_printed(dossier):
    add_image(
        dossier,
        author_account_id="738291045566",
        victim_account="lea.martin_07",
        platform="instagram",
    )
    add_image(dossier, victim_account="lea.martin_07", platform="instagram")
    make_complaint(dossier)
    text = text_of(render_complaint_pdf(dossier))
    assert "Numéro du compte de l'auteur : 738291045566" in text
    assert "Compte de la victime sur cette plateforme : lea.martin_07" in text
    assert "compte n° 738291045566 (pièce n° 1)" in text  # in the letter's list of authors
    assert "Instagram : lea.martin_07 (pièces n° 1, 2)." in text


def test_the_correction_page_asks_for_them_and_keeps_them_sealed(alice, dossier, client):
    exhibit = add_image(dossier)
    client.force_login(alice)
    with translation.override("en"):
        edit = reverse("evidence:exhibit_edit", args=[dossier.public_id, exhibit.public_id])
    page = client.get(edit).content.decode()
    assert 'name="author_account_id"' in page and 'name="victim_account"' in page
    response = client.post(
        edit,
        {
            "occurred_on": "2026-10-03",
            "platform": "discord",
            "author_name": "@harceleur",
            "author_account_id": "80351110224678912",
            "victim_account": "lea#0420",
        },
    )
    assert response.status_code == 302
    exhibit = Exhibit.objects.get(pk=exhibit.pk)
    exhibit.dossier = dossier
    assert (exhibit.author_account_id, exhibit.victim_account) == ("80351110224678912", "lea#0420")
    stored = Exhibit.objects.filter(pk=exhibit.pk).values_list("victim_account", flat=True)[0]
    assert "lea" not in stored.stored  # sealed with the dossier's key, like the handle
    event = dossier.events.order_by("-sequence").first()
    assert event.details["fields"] == ["platform", "author_account_id", "victim_account"]
    assert "80351110224678912" not in str(event.details)


# Where an original says it was taken -------------------------------------------------


def test_ingest_notes_a_gps_position_and_a_capture_date_and_nothing_else(dossier):
    located = add_file(dossier, located_photo(), "IMG_0042.jpg", "image/jpeg")
    assert located.holds_location
    assert located.taken_at == datetime.datetime(2026, 10, 3, 14, 22, 10)
    assert "45" not in str(located.original_metadata)  # never the position itself
    plain = add_file(dossier, png_bytes(), "capture.png", "image/png")
    assert not plain.holds_location and plain.taken_at is None
    display = Image.open(io.BytesIO(storage.read_file(dossier, located.display_file)))
    assert not display.getexif()  # the copies never hold it


def test_the_piece_page_says_what_the_original_holds_and_attaches_it_by_default(dossier):
    photo = located_photo()
    add_file(dossier, photo, "IMG_0042.jpg", "image/jpeg")
    make_complaint(dossier)
    data = render_complaint_pdf(dossier)
    text = " ".join(text_of(data).split())
    assert "Données de l'original : position GPS du lieu de la prise de vue ; date" in text
    assert "selon l'horloge de l'appareil, le 3 octobre 2026 à 14:22:10" in text
    assert "ne figurent pas dans la copie reproduite ici, mais dans l'original joint" in text
    (attached,) = attachments(data).values()
    assert attached == photo


def test_left_out_the_original_is_not_attached_and_the_pdf_says_where_it_is(dossier):
    add_image(dossier)
    add_file(dossier, located_photo(), "IMG_0042.jpg", "image/jpeg")
    make_complaint(dossier)
    data = render_complaint_pdf(dossier, leave_out_located=True)
    text = " ".join(text_of(data).split())
    assert "Original : non joint au présent PDF" in text
    assert "l'original n'est pas joint au présent PDF pour ne pas diffuser ce lieu" in text
    assert (
        "L'original de la pièce n° 2, qui contient la position du lieu de la prise de vue, "
        "n'y est pas joint" in text
    )
    (name,) = attachments(data)  # the other piece's original only
    assert name.startswith("001-")


def test_a_staff_members_report_never_sends_on_a_pupils_position(dossier, django_user_model):
    add_file(dossier, located_photo(), "IMG_0042.jpg", "image/jpeg")
    staff = make_user(django_user_model, "claire")
    signalement = make_signalement(dossier, staff)
    output = io.BytesIO()
    write_signalement_pdf(signalement, output)
    assert attachments(output.getvalue()) == {}
    assert "n'y est pas joint" in " ".join(text_of(output.getvalue()).split())


def preview_and_generate(dossier, lang="en"):
    with translation.override(lang):
        return (
            reverse("evidence:letter_preview", args=[dossier.public_id]),
            reverse("evidence:letter_generate", args=[dossier.public_id]),
        )


def test_before_the_pdf_the_victim_chooses_and_no_answer_is_chosen_for_them(
    alice, dossier, client, django_capture_on_commit_callbacks
):
    add_file(dossier, located_photo(), "IMG_0042.jpg", "image/jpeg")
    make_complaint(dossier)
    client.force_login(alice)
    preview, generate = preview_and_generate(dossier)
    page = client.get(preview).content.decode()
    assert "Some photos say where they were taken" in page
    assert "Exhibit 1 (Screenshot or photo)" in page
    assert page.count('name="located_originals"') == 2 and "checked" not in page
    refused = client.post(generate, {})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "<title>Error – " in html
    assert "Choose whether the PDF attaches the originals that hold a position." in html
    assert not GeneratedDocument.objects.exists()  # nothing asked for
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(generate, {"located_originals": "leave_out"})
    assert made.status_code == 302
    document = GeneratedDocument.objects.get()
    assert document.leaves_out_located_originals
    assert document.status == GeneratedDocument.Status.READY
    data = b"".join(storage.read_chunks(dossier, document.file))
    assert attachments(data) == {}


def test_without_a_located_original_nothing_is_asked(alice, dossier, client):
    add_image(dossier)
    make_complaint(dossier)
    client.force_login(alice)
    preview, _generate = preview_and_generate(dossier)
    page = client.get(preview).content.decode()
    assert "located_originals" not in page and "Make the PDF" in page


# Addresses that wrap safely ----------------------------------------------------------

LONG_URL = (
    "https://www.instagram.com/jean-marc-le-harceleur-officiel/p/C8xYz-AbCdEfGhIjKlMnOp/"
    "?igsh=MTc4MmM1YmI2Ng-a-very-long-tracking-parameter&utm_source=share-link-de-test"
)


def test_links_handles_and_hashes_wrap_only_where_nothing_seems_cut(dossier):
    link = add_link(dossier, LONG_URL, author_name="@jean-marc-le-harceleur-officiel-2026")
    make_complaint(dossier)
    data = render_complaint_pdf(dossier)
    lines = text_of(data).splitlines()
    assert not any(char in "".join(lines) for char in "\u200b\u2060")  # never extracted
    start = next(i for i, line in enumerate(lines) if line.startswith("https://www.instagram"))
    wrapped = []
    for line in lines[start:]:
        wrapped.append(line)
        if "".join(wrapped) == LONG_URL:
            break
    else:
        pytest.fail(f"the link does not read back whole: {lines[start : start + 6]}")
    assert len(wrapped) > 1  # it did wrap
    assert not any(line.endswith("-") for line in wrapped[:-1])  # never after a hyphen
    # A fingerprint wraps anywhere (it has no hyphen) and reads back whole.
    compact = re.sub(r"\s", "", text_of(data))
    assert compact.count(link.sha256) >= 2
    assert hashlib.sha256(LONG_URL.encode()).hexdigest() == link.sha256


# Exhibits stored before today's ingest -----------------------------------------------


def test_refresh_exhibit_copies_makes_what_older_exhibits_lack(dossier, capsys):
    tall = add_file(dossier, screenshot(1170, 9000), "long.png", "image/png")
    photo = add_file(dossier, located_photo(), "IMG_0042.jpg", "image/jpeg")
    document = add_file(dossier, certificate(pages=2), "certificat.pdf", "application/pdf")
    storage.delete_files([tall.print_file, *document.page_files])
    Exhibit.objects.filter(pk=tall.pk).update(print_file="")
    Exhibit.objects.filter(pk=photo.pk).update(original_metadata=None)
    Exhibit.objects.filter(pk=document.pk).update(page_files=[], page_count=None)
    call_command("refresh_exhibit_copies")
    assert "refreshed 3 exhibit(s); 0 already current" in capsys.readouterr().out
    tall, photo, document = (Exhibit.objects.get(pk=e.pk) for e in (tall, photo, document))
    assert Image.open(io.BytesIO(storage.read_file(dossier, tall.print_file))).size == (
        1170,
        9000,
    )
    assert photo.holds_location and photo.taken_at.day == 3
    assert document.page_count == 2 and len(document.page_files) == 2
    call_command("refresh_exhibit_copies")
    assert "refreshed 0 exhibit(s); 3 already current" in capsys.readouterr().out


def test_refresh_leaves_an_altered_original_alone(dossier):
    photo = add_file(dossier, located_photo(), "IMG_0042.jpg", "image/jpeg")
    Exhibit.objects.filter(pk=photo.pk).update(original_metadata=None, sha256="0" * 64)
    photo = Exhibit.objects.get(pk=photo.pk)
    assert refresh_exhibit(photo).outcome == "altered"
    assert Exhibit.objects.get(pk=photo.pk).original_metadata is None


def test_the_chronology_does_not_say_the_kind_twice(dossier):
    add_message(dossier, "t'es mort demain", description="Message WhatsApp reçu à 23 h")
    add_image(dossier, description="Photo de la conversation de groupe")
    make_complaint(dossier)
    text = " ".join(text_of(render_complaint_pdf(dossier)).split())
    chronology = text[text.index("Chronologie des faits") : text.index("Bordereau")]
    assert "Message WhatsApp reçu à 23 h" in chronology
    assert "Message — Message" not in chronology
    assert "Capture ou photo — Photo de la conversation de groupe" in chronology
