"""Nobody loses their evidence to a forgotten password: the recovery code (shown once,
kept as a hash, spent when used, throttled like a password), the link by e-mail only
where the site sends e-mail, and no way for a helper to reset a pupil's password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts import recovery
from cyberaide.email_url import email_settings
from evidence.models import Scope
from tests.evidence.factories import PASSWORD, add_image, make_dossier, make_helper, make_user
from tests.html import by_id, ids

pytestmark = pytest.mark.django_db

CODE = re.compile(r"<code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</code>")
NEW_PASSWORD = "une autre phrase de passe 77"


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


def sign_up(client, username="lea"):
    response = client.post(
        reverse("accounts:signup"),
        {"username": username, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    return client.get(response.headers["Location"])


def shown_code(page):
    return CODE.search(page.text).group(1)


def recover(client, username, code, password=NEW_PASSWORD, again=None):
    return client.post(
        reverse("accounts:recover"),
        {
            "username": username,
            "code": code,
            "new_password1": password,
            "new_password2": again or password,
        },
    )


def user(username="lea"):
    return get_user_model().objects.get(username=username)


def test_sign_up_shows_a_code_once_and_keeps_only_its_hash(client):
    page = sign_up(client)
    code = shown_code(page)
    assert page.headers["Cache-Control"].startswith("max-age=0")
    assert "no-store" in page.headers["Cache-Control"]
    assert "<title>Mon espace · cyberaide</title>" in page.text
    stored = user().recovery_code
    assert stored.startswith("argon2") and code.replace("-", "") not in stored
    assert recovery.matches(user(), code)

    again = client.get(reverse("accounts:recovery_code"))
    assert not CODE.search(again.text)
    assert "Ce code a déjà été affiché" in again.text
    assert code not in str(dict(client.session))


def test_the_code_sets_a_new_password_once_and_a_new_code_is_shown(client):
    code = shown_code(sign_up(client))
    add_image(make_dossier(user(), "Mes captures"))
    client.logout()

    typed = code.lower().replace("-", " ")  # copied by hand: case, spaces and dashes do not count
    response = recover(client, "lea", typed)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    new_code = shown_code(client.get(response.headers["Location"]))
    assert new_code != code
    assert user().check_password(NEW_PASSWORD) and not user().check_password(PASSWORD)
    assert user().dossiers.get().exhibits.count() == 1

    client.logout()
    spent = recover(Client(), "lea", code, password="encore une autre 4242")
    assert spent.status_code == 400
    assert "Ce nom d’utilisateur et ce code de secours ne correspondent pas" in spent.text
    assert user().check_password(NEW_PASSWORD)
    assert recovery.matches(user(), new_code)


@pytest.mark.parametrize("username", ["lea", "nobody"])
def test_a_wrong_code_or_an_unknown_name_gets_the_same_answer(client, django_user_model, username):
    make_user(django_user_model, "lea")
    recovery.issue(user())
    response = recover(client, username, "ABCD-EFGH-JKLM-NPQR")
    assert response.status_code == 400
    summary = response.text[response.text.index("error-summary") :]
    assert "ne correspondent pas" in summary[: summary.index("</div>")]
    assert user().check_password(PASSWORD)


def test_wrong_codes_are_throttled_like_passwords(client, settings, django_user_model):
    make_user(django_user_model, "lea")
    code = recovery.issue(user())
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert recover(client, "lea", "ABCD-EFGH-JKLM-NPQR").status_code == 400
    locked = recover(client, "lea", "ABCD-EFGH-JKLM-NPQR")
    assert locked.status_code == 429
    assert "Trop de tentatives" in locked.text
    # The right code no longer works from this address, nor the password: one counter.
    assert recover(client, "lea", code).status_code == 429
    assert (
        client.post(
            reverse("accounts:login"), {"username": "lea", "password": PASSWORD}
        ).status_code
        == 429
    )
    assert user().check_password(PASSWORD)
    # Elsewhere, the person is not locked out of her own account.
    assert recover(Client(REMOTE_ADDR="198.51.100.7"), "lea", code).status_code == 302


def test_the_new_password_follows_the_rules_on_its_first_field(client, django_user_model):
    make_user(django_user_model, "lea")
    code = recovery.issue(user())
    response = recover(client, "lea", code, password="12345678")
    assert response.status_code == 400
    assert by_id(response.text, "id_new_password1").get("aria-invalid") == "true"
    assert "aria-invalid" not in by_id(response.text, "id_new_password2")
    assert recovery.matches(user(), code)  # nothing spent by a refused password


def test_a_new_code_from_my_data_voids_the_old_one(client, django_user_model):
    make_user(django_user_model, "lea")
    old = recovery.issue(user())
    client.force_login(user())
    page = client.get(reverse("accounts:my_data")).text
    assert "recovery-code" in ids(page)
    assert len(set(ids(page))) == len(ids(page))  # two password fields, two ids

    refused = client.post(reverse("accounts:new_recovery_code"), {"code-password": "wrong"})
    assert refused.status_code == 400
    assert "Ce mot de passe n’est pas le bon." in refused.text
    assert recovery.matches(user(), old)

    made = client.post(reverse("accounts:new_recovery_code"), {"code-password": PASSWORD})
    new = shown_code(client.get(made.headers["Location"]))
    assert not recovery.matches(user(), old) and recovery.matches(user(), new)


def test_without_e_mail_configured_no_address_is_asked_for_nor_promised(client, settings):
    settings.CYBERAIDE_EMAIL_ENABLED = False
    signup = client.get(reverse("accounts:signup"))
    assert 'name="email"' not in signup.text
    form = signup.text[signup.text.index("<form", signup.text.index("<main")) :]
    assert "e-mail" not in form[: form.index("</form>")].lower()
    for page in ("accounts:login", "accounts:recover"):
        assert reverse("accounts:password_reset") not in client.get(reverse(page)).text
    assert client.get(reverse("accounts:password_reset")).status_code == 404


def test_with_e_mail_configured_a_link_by_mail_sets_a_new_password(client, settings):
    settings.CYBERAIDE_EMAIL_ENABLED = True
    signup = client.get(reverse("accounts:signup"))
    assert 'name="email"' in signup.text
    client.post(
        reverse("accounts:signup"),
        {
            "username": "lea",
            "email": "lea@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    client.logout()
    for page in ("accounts:login", "accounts:recover"):
        assert reverse("accounts:password_reset") in client.get(reverse(page)).text

    sent = client.post(reverse("accounts:password_reset"), {"email": "lea@example.org"})
    assert sent.headers["Location"] == reverse("accounts:password_reset_sent")
    (message,) = mail.outbox
    assert message.to == ["lea@example.org"]
    assert "cyberaide" not in message.subject.lower()  # a shared inbox learns little
    link = re.search(r"http://testserver(\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.headers["Location"] == reverse("accounts:password_reset_complete")
    assert user().check_password(NEW_PASSWORD)


def test_a_helper_cannot_reset_a_pupils_password(client, django_user_model):
    pupil = make_user(django_user_model, "lea")
    code = recovery.issue(pupil)
    dossier = make_dossier(pupil, "Mes captures")
    staff = make_user(django_user_model, "mme.durand")
    make_helper(dossier, staff, Scope.ADD)
    client.force_login(staff)
    for url in (
        reverse("evidence:dossier_detail", args=[dossier.public_id]),
        reverse("accounts:my_data"),
    ):
        page = client.get(url).text
        assert reverse("accounts:recover") not in page
        assert reverse("accounts:password_reset") not in page
    # Logged in, the recovery page is one's own password change, never someone else's.
    response = recover(client, "lea", code)
    assert response.headers["Location"] == reverse("accounts:password_change")
    assert user("lea").check_password(PASSWORD) and recovery.matches(user("lea"), code)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://mailer:p%40ss@mail.example.org:587",
            {
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 587,
                "EMAIL_USE_TLS": True,
                "EMAIL_HOST_USER": "mailer",
                "EMAIL_HOST_PASSWORD": "p@ss",
                "EMAIL_USE_SSL": False,
            },
        ),
        (
            "smtps://mail.example.org",
            {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False},
        ),
        ("smtp://localhost:25", {"EMAIL_PORT": 25, "EMAIL_USE_TLS": False}),
    ],
)
def test_email_url_is_read_into_djangos_settings(url, expected):
    values = email_settings(url)
    assert {key: values[key] for key in expected} == expected


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "mail.example.org"])
def test_a_wrong_email_url_is_named(url):
    with pytest.raises(ValueError, match="EMAIL_URL"):
        email_settings(url)
