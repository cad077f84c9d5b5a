"""The dossier pages, through the test client, as Alice uses them."""

import pytest
from django.urls import reverse
from django.utils import translation

from evidence.models import Complaint, Exhibit
from evidence.services import exhibits as exhibit_services
from tests.evidence.factories import (
    PASSWORD,
    add_image,
    jpeg_bytes,
    make_dossier,
    make_user,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def form_details(**overrides):
    values = {
        "occurred_on": "2026-10-03",
        "occurred_time": "21:14",
        "platform": "instagram",
        "author_name": "@someone",
        "description": "Insults under my photo",
    }
    values.update(overrides)
    return values


def test_alice_starts_a_dossier(alice_client):
    response = alice_client.post(reverse("evidence:dossier_create"), {"title": "Notes"})
    assert response.status_code == 302
    page = alice_client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "Notes" in page.content.decode()
    assert "no-store" in page.headers["Cache-Control"]


def test_empty_dossier_title_is_refused_with_a_message(alice_client):
    response = alice_client.post(reverse("evidence:dossier_create"), {"title": ""})
    assert response.status_code == 400
    assert 'class="box box-alert error-summary"' in response.content.decode()


def test_upload_several_files_some_refused(alice_client, alice):
    dossier = make_dossier(alice)
    files = [
        upload(png_bytes(), "capture1.png"),
        upload(b"<html><script>alert(1)</script></html>", "photo.png", "image/png"),
        upload(jpeg_bytes(), "photo.jpg", "image/jpeg"),
    ]
    with translation.override("en"):
        url = reverse("evidence:add_files", args=[dossier.public_id])
    response = alice_client.post(url, {**form_details(), "files": files})
    html = response.content.decode()
    assert response.status_code == 400
    assert "photo.png" in html and "not a picture or a PDF" in html
    assert "capture1.png" in html and "photo.jpg" in html
    assert dossier.exhibits.count() == 2


def test_message_is_kept_exactly(alice_client, alice):
    dossier = make_dossier(alice)
    text = "  t'es grave nul·le 🤡\r\n\r\n   <b>pas du html</b>  "
    response = alice_client.post(
        reverse("evidence:add_message", args=[dossier.public_id]),
        {**form_details(), "text": text},
    )
    assert response.status_code == 302
    exhibit = dossier.exhibits.get()
    assert exhibit.message_text == text.replace("\r\n", "\n")
    page = alice_client.get(reverse("evidence:dossier_detail", args=[dossier.public_id]))
    assert "&lt;b&gt;pas du html&lt;/b&gt;" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("occurred_on", "2999-01-01", "in the future"),
        ("content_url", "javascript:alert(1)", "http:// or https://"),
        ("content_url", "file:///etc/passwd", "http:// or https://"),
        ("content_url", "ftp://example.org/x", "http:// or https://"),
    ],
)
def test_link_form_refuses_bad_input(alice_client, alice, field, value, error):
    dossier = make_dossier(alice)
    data = {**form_details(), "content_url": "https://www.instagram.com/p/abc/", field: value}
    with translation.override("en"):
        url = reverse("evidence:add_link", args=[dossier.public_id])
    response = alice_client.post(url, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not dossier.exhibits.exists()


def test_edit_is_recorded_in_the_journal(alice_client, alice):
    dossier = make_dossier(alice)
    exhibit = add_image(dossier)
    url = reverse("evidence:exhibit_edit", args=[dossier.public_id, exhibit.public_id])
    response = alice_client.post(url, form_details(author_name="@other", occurred_on="2026-11-03"))
    assert response.status_code == 302
    event = dossier.events.order_by("-sequence").first()
    assert event.action == "exhibit_edited"
    assert {"occurred_on", "author_name"} <= set(event.details["fields"])
    # The date is kept in clear with its old value; the handle is sealed: named, not copied.
    assert event.details["changes"]["occurred_on"] == {
        "from": exhibit.occurred_on.isoformat(),
        "to": "2026-11-03",
    }
    assert "author_name" not in event.details["changes"]
    assert "@harceleur" not in str(event.details) and "@other" not in str(event.details)
    with translation.override("fr"):
        page = alice_client.get(reverse("evidence:dossier_detail", args=[dossier.public_id]))
    changed = page.content.decode().split("Modifié : ", 1)[1].split("<", 1)[0]
    assert "date des faits" in changed and "nom ou pseudo de l’auteur" in changed


def test_withdraw_restore_and_erase(
    alice_client, alice, settings, django_capture_on_commit_callbacks
):
    dossier = make_dossier(alice)
    exhibit = add_image(dossier)
    args = [dossier.public_id, exhibit.public_id]
    alice_client.post(reverse("evidence:exhibit_withdraw", args=args))
    exhibit.refresh_from_db()
    assert exhibit.withdrawn_at is not None
    alice_client.post(reverse("evidence:exhibit_restore", args=args))
    exhibit.refresh_from_db()
    assert exhibit.withdrawn_at is None
    location = settings.STORAGES["evidence"]["OPTIONS"]["location"]
    assert len(list(location.rglob("*.bin"))) == 3
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("evidence:exhibit_erase", args=args))
    assert response.status_code == 302
    assert not Exhibit.objects.filter(pk=exhibit.pk).exists()
    assert list(location.rglob("*.bin")) == []
    erased = dossier.events.get(action="exhibit_erased")
    assert erased.exhibit_sha256 == exhibit.sha256


def test_files_are_served_only_as_decided(alice_client, alice):
    dossier = make_dossier(alice)
    exhibit = add_image(dossier)
    base = [dossier.public_id, exhibit.public_id]
    thumbnail = alice_client.get(reverse("evidence:exhibit_file", args=[*base, "thumbnail"]))
    assert thumbnail.status_code == 200
    assert thumbnail.headers["Content-Type"] == "image/jpeg"
    assert thumbnail.content[:2] == b"\xff\xd8"
    original = alice_client.get(reverse("evidence:exhibit_file", args=[*base, "original"]))
    assert original.headers["Content-Type"] == "application/octet-stream"
    assert original.headers["Content-Disposition"].startswith("attachment;")
    assert "capture" not in original.headers["Content-Disposition"]
    assert original.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in original.headers["Cache-Control"]
    assert original.content == png_bytes()
    assert (
        alice_client.get(reverse("evidence:exhibit_file", args=[*base, "other"])).status_code == 404
    )


def test_login_then_dossiers(client, alice):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("evidence:dossier_list")


def test_moving_a_withdrawn_exhibit_says_why_and_changes_nothing(alice_client, alice):
    dossier = make_dossier(alice)
    first, withdrawn = add_image(dossier), add_image(dossier)
    exhibit_services.withdraw_exhibit(exhibit=withdrawn, actor=alice)
    events = dossier.events.count()
    with translation.override("en"):
        url = reverse("evidence:exhibit_move", args=[dossier.public_id, withdrawn.public_id])
    response = alice_client.post(url, {"direction": "up"}, follow=True)
    assert response.status_code == 200
    assert "This exhibit is withdrawn: put it back before moving it." in response.text
    assert dossier.events.count() == events
    assert [e.pk for e in dossier.exhibits.order_by("position")] == [first.pk, withdrawn.pk]
    # The service itself refuses too, without a StopIteration.
    assert exhibit_services.move_exhibit(exhibit=withdrawn, actor=alice, offset=-1) is False


def test_opening_a_letter_step_stores_nothing(alice_client, alice):
    dossier = make_dossier(alice)
    with translation.override("en"):
        url = reverse("evidence:letter_step", args=[dossier.public_id, 1])
    assert alice_client.get(url).status_code == 200
    assert not Complaint.objects.filter(dossier=dossier).exists()


def test_no_platform_is_chosen_in_advance(alice_client, alice):
    dossier = make_dossier(alice)
    with translation.override("fr"):
        url = reverse("evidence:add_message", args=[dossier.public_id])
    page = alice_client.get(url).content.decode()
    assert '<option value="" selected>Choisir…</option>' in page
    response = alice_client.post(url, {"text": "Un message", "occurred_on": "2026-10-03"})
    assert response.status_code == 400
    assert "Dites où cela s’est passé" in response.content.decode()
    assert not dossier.exhibits.exists()
