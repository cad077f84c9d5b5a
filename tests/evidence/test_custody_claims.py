"""The README's custody claims, each tested on the real thing: the database file and the
storage tree searched for a marker in clear, the journal read back, the PDF parsed back."""

import html
import io
import json
import zipfile
from pathlib import Path

import pypdf
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation
from PIL import Image, PngImagePlugin

from evidence.models import Dossier, Event, Exhibit, Scope
from evidence.sharing import grants
from tests.evidence.factories import (
    PASSWORD,
    add_file,
    add_link,
    add_message,
    make_complaint,
    make_dossier,
    make_helper,
    make_signalement,
    make_user,
)

MARKER = "MARQUEUR-7f3a-EN-CLAIR"


@pytest.fixture(autouse=True)
def _french():
    """The pages are read in French, the site's language, whatever ran before."""
    with translation.override("fr"):
        yield


def png_with_text(text):
    """A real PNG whose own metadata (a tEXt chunk) carries ``text``."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (250, 250, 250)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def every_row_in_clear():
    """Every row of every table, as text, straight from the database."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows += [f"{table}: {row}" for row in cursor.fetchall()]
    return rows


def database_files():
    """The SQLite database file and its write-ahead log (where new pages sit first)."""
    name = Path(connection.settings_dict["NAME"])
    return [path for path in (name, Path(f"{name}-wal")) if path.exists()]


def fill_a_dossier_with(marker, django_user_model):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice, f"Dossier {marker}")
    add_message(dossier, f"Message {marker}", author_name=f"@{marker}")
    add_link(
        dossier,
        f"https://example.org/{marker}",
        description=f"Description {marker}",
        author_profile_url=f"https://example.org/u/{marker}",
    )
    add_file(dossier, png_with_text(marker), f"{marker}.png", "image/png")
    make_complaint(dossier, last_name=marker, facts=f"Faits {marker}", witnesses=marker)
    claire = make_user(django_user_model, "claire")
    make_helper(dossier, claire, Scope.PDF)
    make_signalement(dossier, claire, pupil_name=marker, facts=f"Faits {marker}")
    grants.invite_helper(dossier=dossier, actor=alice, scope=Scope.READ, note=marker)
    return dossier


@pytest.mark.django_db(transaction=True)
def test_text_and_files_are_unreadable_at_rest(django_user_model, settings):
    dossier = fill_a_dossier_with(MARKER, django_user_model)
    rows = every_row_in_clear()
    assert rows  # the search reads the real tables
    assert [row for row in rows if MARKER in row] == []
    if connection.vendor == "sqlite":
        files = database_files()
        assert files
        for path in files:
            assert MARKER.encode() not in path.read_bytes(), path
    storage_root = Path(settings.STORAGES["evidence"]["OPTIONS"]["location"])
    stored = [path for path in storage_root.rglob("*") if path.is_file()]
    assert len(stored) >= 3  # the original, its display copy, its thumbnail
    for path in storage_root.rglob("*"):  # readable by the service's user only
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
    for path in stored:
        content = path.read_bytes()
        assert MARKER.encode() not in content, path
        assert b"PNG" not in content[:16] and b"JFIF" not in content[:16], path
    # And the app still reads all of it back.
    exhibits = {exhibit.kind: exhibit for exhibit in dossier.exhibits.all()}
    assert exhibits["message"].message_text == f"Message {MARKER}"
    assert exhibits["image"].original_name == f"{MARKER}.png"
    assert dossier.complaint.facts == f"Faits {MARKER}"


@pytest.mark.django_db
def test_a_helper_who_edits_the_letter_is_in_the_owners_journal(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    claire = make_user(django_user_model, "claire")
    dossier = make_dossier(alice)
    make_complaint(dossier)
    make_helper(dossier, claire, Scope.PDF, role="CPE", establishment="Collège Jean Moulin")
    client.force_login(claire)
    step = reverse("evidence:letter_step", args=[dossier.public_id, 5])
    response = client.post(step, {"facts": "Ce n'est jamais arrivé.", "facts_period": ""})
    assert response.status_code == 302
    event = dossier.events.order_by("-sequence").first()
    assert (event.action, event.actor) == (Event.Action.LETTER_EDITED, "claire")
    assert event.details == {"step": "facts", "fields": ["facts"]}
    assert "jamais" not in str(event.details)  # the journal names the field, not its text
    client.force_login(alice)
    page = client.get(reverse("evidence:dossier_detail", args=[dossier.public_id])).text
    journal = page[page.index('id="journal"') :]
    assert "claire" in journal and "CPE, Collège Jean Moulin" in journal
    assert "Modifié : les faits" in journal
    # Saving a step that changes nothing adds nothing.
    client.force_login(claire)
    count = dossier.events.count()
    client.post(step, {"facts": "Ce n'est jamais arrivé.", "facts_period": ""})
    assert dossier.events.count() == count


@pytest.mark.django_db
def test_a_signalement_edit_is_journaled_with_its_fields(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    claire = make_user(django_user_model, "claire")
    dossier = make_dossier(alice)
    make_helper(dossier, claire, Scope.PDF)
    client.force_login(claire)
    from tests.evidence.test_signalement_pdf import FORM

    edit = reverse("evidence:signalement_edit", args=[dossier.public_id])
    assert client.post(edit, FORM).status_code == 302
    assert client.post(edit, {**FORM, "facts": "Autre récit."}).status_code == 302
    first, second = dossier.events.filter(action=Event.Action.SIGNALEMENT_EDITED)
    assert "staff_name" in first.details["fields"]
    assert second.details["fields"] == ["facts"]
    assert second.actor == "claire"


def make_pdf(client, dossier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evidence:letter_generate", args=[dossier.public_id]))
    assert response.status_code == 302
    return dossier.documents.order_by("-created_at").first()


def pdf_of(client, document):
    url = reverse(
        "evidence:document_download", args=[document.dossier.public_id, document.public_id]
    )
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def exported(client):
    response = client.post(reverse("accounts:export"))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return archive, json.loads(archive.read("manifest.json"))


@pytest.mark.django_db
def test_an_erased_exhibit_is_in_no_pdf_and_no_export(
    client, django_user_model, settings, django_capture_on_commit_callbacks
):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    make_complaint(dossier)
    kept = add_message(dossier, "Je garde celui-ci.")
    mistake = add_file(dossier, png_with_text("à ne pas garder"), "photo.png", "image/png")
    client.force_login(alice)
    first = make_pdf(client, dossier, django_capture_on_commit_callbacks)
    attached = pypdf.PdfReader(io.BytesIO(pdf_of(client, first))).attachments
    assert any(mistake.download_name in name for name in attached)
    erase = reverse("evidence:exhibit_erase", args=[dossier.public_id, mistake.public_id])
    confirm = client.get(erase).text
    assert "Un PDF fait à partir de ce dossier contient cette pièce" in confirm  # said first
    stored_before = {path.name for path in storage_tree(settings)}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(erase).status_code == 302
    assert not dossier.documents.exists()
    gone = {Path(name).name for name in (first.file, mistake.original_file, mistake.display_file)}
    assert gone <= stored_before
    assert not gone & {path.name for path in storage_tree(settings)}
    events = list(dossier.events.order_by("sequence"))
    deleted = next(event for event in events if event.action == Event.Action.DOCUMENT_DELETED)
    assert deleted.details["reason"] == "exhibit_erased"
    erased = next(event for event in events if event.action == Event.Action.EXHIBIT_ERASED)
    assert erased.exhibit_sha256 == mistake.sha256  # the fingerprint stays
    second = make_pdf(client, dossier, django_capture_on_commit_callbacks)
    data = pdf_of(client, second)
    # Only the message kept, as its text: nothing of the erased picture.
    assert list(pypdf.PdfReader(io.BytesIO(data)).attachments) == [
        f"001-{kept.download_name}",
        "integrite.json",
    ]
    # Its fingerprint is only where the journal must print it for anyone to recompute the
    # chain: the entries that recorded its arrival and its erasure. No piece holds it.
    integrity = json.loads(pypdf.PdfReader(io.BytesIO(data)).attachments["integrite.json"][0])
    assert [e["sha256"] for e in integrity["exhibits"]] == [kept.sha256]
    assert [e["action"] for e in integrity["events"] if e["exhibit_sha256"] == mistake.sha256] == [
        "exhibit_added",
        "exhibit_erased",
    ]
    archive, manifest = exported(client)
    (entry,) = manifest["dossiers"]
    assert [exhibit["id"] for exhibit in entry["exhibits"]] == [str(kept.public_id)]
    assert not [name for name in archive.namelist() if mistake.download_name in name]


def storage_tree(settings):
    root = Path(settings.STORAGES["evidence"]["OPTIONS"]["location"])
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.mark.django_db
def test_a_message_altered_in_the_database_does_not_print_as_intact(
    client, django_user_model, django_capture_on_commit_callbacks
):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    make_complaint(dossier)
    message = add_message(dossier, "Tu vas le regretter.")
    # Someone with the database and the key rewrites it behind the app's back.
    altered = Exhibit.objects.get(pk=message.pk)
    altered.message_text = "Bonne journée !"
    altered.save(update_fields=["message_text"])
    client.force_login(alice)
    document = make_pdf(client, dossier, django_capture_on_commit_callbacks)
    assert (document.status, document.failure) == ("failed", "altered_exhibit")
    assert not document.file
    event = dossier.events.order_by("-sequence").first()
    assert (event.action, event.exhibit_public_id) == (
        Event.Action.EXHIBIT_ALTERED,
        message.public_id,
    )
    preview = client.get(reverse("evidence:letter_preview", args=[dossier.public_id])).text
    assert "empreinte" in html.unescape(preview)


@pytest.mark.django_db
def test_the_owner_deletes_one_pdf_and_one_dossier(
    client, django_user_model, settings, django_capture_on_commit_callbacks
):
    alice = make_user(django_user_model, "alice")
    dossier, other = make_dossier(alice, "Premier"), make_dossier(alice, "Second")
    make_complaint(dossier)
    add_message(dossier, "Un message.")
    add_file(other, png_with_text("autre"), "autre.png", "image/png")
    client.force_login(alice)
    document = make_pdf(client, dossier, django_capture_on_commit_callbacks)
    delete = reverse("evidence:document_delete", args=[dossier.public_id, document.public_id])
    assert "SHA-256" in client.get(delete).text
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete).status_code == 302
    assert not dossier.documents.exists()
    event = dossier.events.order_by("-sequence").first()
    assert (event.action, event.details["sha256"]) == (
        Event.Action.DOCUMENT_DELETED,
        document.sha256,
    )
    erase = reverse("evidence:dossier_erase", args=[dossier.public_id])
    assert client.post(erase, {}).status_code == 400  # not confirmed: nothing happens
    assert Dossier.objects.filter(pk=dossier.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(erase, {"confirm": "on"}).status_code == 302
    assert list(Dossier.objects.filter(owner=alice)) == [other]
    assert not Event.objects.filter(dossier_id=dossier.pk).exists()
    assert {path.parent.name for path in storage_tree(settings)} == {str(other.public_id)}


@pytest.mark.django_db
def test_a_staff_account_with_a_pupils_dossier_waiting_is_not_deleted(client, django_user_model):
    claire = make_user(django_user_model, "claire")
    client.force_login(claire)
    response = client.post(
        reverse("evidence:start_for_pupil"),
        {"title": "Dossier de L.", "role": "CPE", "establishment": "Collège", "pupil_agrees": "on"},
    )
    assert response.status_code == 302
    waiting = Dossier.objects.get(owner=claire)
    add_message(waiting, "Ce que l'élève m'a montré.")
    page = client.get(reverse("accounts:my_data")).text
    assert "Dossier de L." in page
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 400
    assert "code" in html.unescape(response.text)
    assert django_user_model.objects.filter(pk=claire.pk).exists()
    assert Dossier.objects.filter(pk=waiting.pk).exists()
    _archive, manifest = exported(client)
    assert manifest["dossiers"] == []  # the pupil's, not Claire's to carry away


@pytest.mark.django_db
def test_my_data_holds_everything_the_account_holds(
    client, django_user_model, django_capture_on_commit_callbacks
):
    alice = make_user(django_user_model, "alice")
    claire = make_user(django_user_model, "claire")
    dossier = make_dossier(alice)
    make_complaint(dossier, facts="Les faits, en entier.")
    add_message(dossier, "Un message.")
    make_helper(dossier, claire, Scope.PDF, role="CPE")
    grants.invite_helper(dossier=dossier, actor=alice, scope=Scope.READ, note="Maman")
    make_signalement(dossier, claire, facts="Ce que l'élève m'a dit.")
    client.force_login(alice)
    # Two PDFs in the same minute: two entries in the zip.
    first = make_pdf(client, dossier, django_capture_on_commit_callbacks)
    second = make_pdf(client, dossier, django_capture_on_commit_callbacks)
    first.refresh_from_db()
    second.refresh_from_db()
    assert f"{first.created_at:%H%M}" in first.download_name  # named to the minute...
    assert first.download_name != second.download_name  # ...and never alike
    archive, manifest = exported(client)
    (entry,) = manifest["dossiers"]
    assert entry["complaint_letter"]["facts"] == "Les faits, en entier."
    assert [helper["helper"] for helper in entry["helpers"]] == ["claire"]
    assert "Maman" in [invitation["note"] for invitation in entry["invitations"]]
    actions = {event["action"] for event in entry["journal"]}
    assert {"dossier_created", "exhibit_added", "helper_joined", "document_generated"} <= actions
    files = [document["file"] for document in entry["documents"]]
    assert len(files) == len(set(files)) == 2
    assert all(archive.read(name).startswith(b"%PDF") for name in files)
    assert len(archive.namelist()) == len(set(archive.namelist()))
    # Claire's own words: her signalement, in her export, not in Alice's.
    assert "signalement" not in json.dumps(entry["documents"])
    client.force_login(claire)
    _archive, helper_manifest = exported(client)
    (helping,) = helper_manifest["helping"]
    assert helping["signalement"]["facts"] == "Ce que l'élève m'a dit."


@pytest.mark.django_db
def test_a_links_address_is_its_content_and_is_never_corrected(
    client, django_user_model, django_capture_on_commit_callbacks
):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    make_complaint(dossier)
    link = add_link(dossier, "https://example.org/post/1")
    client.force_login(alice)
    edit = reverse("evidence:exhibit_edit", args=[dossier.public_id, link.public_id])
    form = client.get(edit).text
    assert "ne peut pas être corrigé" in html.unescape(form)
    response = client.post(
        edit,
        {
            "occurred_on": "2026-10-03",
            "platform": "snapchat",
            "author_name": "@harceleur",
            "content_url": "https://example.org/post/2",
        },
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.content_url == "https://example.org/post/1"
    document = make_pdf(client, dossier, django_capture_on_commit_callbacks)
    assert document.status == "ready"  # still matches the hash recorded on arrival
