"""The README's custody claims, each tested on the real thing: the database file and the
storage tree searched for a marker in clear, the journal read back, the PDF parsed back."""

import io
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from PIL import Image, PngImagePlugin

from evidence.models import Event, Scope
from evidence.sharing import grants
from tests.evidence.factories import (
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
    step = reverse("evidence:letter_step", args=[dossier.public_id, "facts"])
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
