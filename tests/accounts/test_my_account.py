"""Accounts: sign up without e-mail, no user enumeration, lockout, export, erasure."""

import hashlib
import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from evidence.custody import storage
from evidence.models import Dossier, Event, Exhibit
from evidence.services import documents
from tests.evidence.factories import PASSWORD, add_image, make_complaint, make_dossier, make_user

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_sign_up_with_no_email_and_argon2(client):
    response = client.post(
        en("accounts:signup"),
        {"username": "alice", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("accounts:recovery_code")
    assert (
        f'href="{reverse("evidence:dossier_list")}"'
        in client.get(response.headers["Location"]).text
    )
    user = get_user_model().objects.get(username="alice")
    assert user.email == ""
    assert user.password.startswith("argon2")


def signup_error(client, username):
    response = client.post(
        en("accounts:signup"),
        {"username": username, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 400
    html = response.content.decode()
    start = html.index('class="box box-alert error-summary"')
    return html[start : html.index("</div>", start)]


def test_taken_username_gets_the_same_words_as_any_unusable_one(client, django_user_model):
    make_user(django_user_model, "alice")
    exact, other_case = signup_error(client, "alice"), signup_error(client, "ALICE")
    assert exact == other_case
    assert "This username cannot be used" in exact
    # Django's own words would tell a stranger that the account exists.
    assert "already exists" not in exact


def login_error(client, username, password):
    response = client.post(en("accounts:login"), {"username": username, "password": password})
    html = response.content.decode()
    start = html.index('class="box box-alert error-summary"')
    return html[start : html.index("</div>", start)]


def test_wrong_password_and_unknown_user_read_the_same(client, django_user_model):
    make_user(django_user_model, "alice")
    assert login_error(client, "alice", "wrong password") == login_error(client, "nobody", "x")


def test_repeated_failures_lock_the_username_out_from_that_address(
    client, django_user_model, settings
):
    make_user(django_user_model, "alice")
    make_user(django_user_model, "bob")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(en("accounts:login"), {"username": "alice", "password": "wrong"})
    locked = client.post(en("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    other = client.post(en("accounts:login"), {"username": "bob", "password": PASSWORD})
    assert other.status_code == 302


def test_logout_is_a_post(client, django_user_model):
    client.force_login(make_user(django_user_model, "alice"))
    assert client.get(en("accounts:logout")).status_code == 405
    assert client.post(en("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_export_holds_every_original_with_its_hash_and_the_journal(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    exhibits = [add_image(dossier), add_image(dossier)]
    client.force_login(alice)
    assert client.get(en("accounts:export")).status_code == 405
    response = client.post(en("accounts:export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    listed = manifest["dossiers"][0]["exhibits"]
    assert {entry["sha256"] for entry in listed} == {exhibit.sha256 for exhibit in exhibits}
    for entry in listed:
        assert hashlib.sha256(archive.read(entry["original"])).hexdigest() == entry["sha256"]
        assert archive.read(entry["display_copy"])[:2] == b"\xff\xd8"
    journal = manifest["dossiers"][0]["journal"]
    assert manifest["dossiers"][0]["journal_verified"] is True
    assert journal[-1]["action"] == "dossier_exported"


def test_export_holds_each_generated_pdf_byte_for_byte(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    add_image(dossier)
    make_complaint(dossier)
    document = documents.generate_now(dossier=dossier, actor=alice)
    client.force_login(alice)
    response = client.post(en("accounts:export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    [listed] = manifest["dossiers"][0]["documents"]
    assert listed["sha256"] == document.sha256
    data = archive.read(listed["file"])
    assert hashlib.sha256(data).hexdigest() == document.sha256
    assert data == storage.read_file(dossier, document.file)


def test_delete_account_needs_the_password_then_erases_everything(
    client, django_user_model, settings, django_capture_on_commit_callbacks
):
    alice = make_user(django_user_model, "alice")
    add_image(make_dossier(alice))
    client.force_login(alice)
    location = settings.STORAGES["evidence"]["OPTIONS"]["location"]
    refused = client.post(en("accounts:delete"), {"password": "wrong", "confirm": "on"})
    assert refused.status_code == 400
    assert Dossier.objects.filter(owner=alice).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(en("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(username="alice").exists()
    assert not Dossier.objects.exists()
    assert not Exhibit.objects.exists()
    assert not Event.objects.exists()
    assert list(location.rglob("*.bin")) == []
