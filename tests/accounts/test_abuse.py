"""Sign-up names that could pass for the service, and cookies that outlive a visit."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.evidence.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_up(client, username):
    with translation.override("fr"):
        url = reverse("accounts:signup")
    return client.post(url, {"username": username, "password1": PASSWORD, "password2": PASSWORD})


@pytest.mark.parametrize(
    "username",
    ["cyberaide", "Admin", "cyber-aide", "support.cyberaide", "Modérateur_3", "l_equipe", "PHAROS"],
)
def test_names_that_look_like_the_service_are_refused(client, username, django_user_model):
    response = sign_up(client, username)
    assert response.status_code == 400
    assert "ressemble au nom du service" in response.content.decode()
    assert not django_user_model.objects.exists()


@pytest.mark.parametrize("username", ["lea.m", "Nathalie", "kevin_2012"])
def test_ordinary_names_are_accepted(client, username, django_user_model):
    assert sign_up(client, username).status_code == 302
    assert django_user_model.objects.filter(username=username).exists()


def test_the_csrf_cookie_ends_with_the_browser_and_the_quick_exit(client):
    with translation.override("fr"):
        page = client.get(reverse("accounts:login"))
    cookie = page.cookies["csrftoken"]
    assert cookie.value
    assert not cookie["max-age"] and not cookie["expires"]  # a session cookie
    leaving = client.get(reverse("quick_exit"), HTTP_SEC_FETCH_SITE="same-origin")
    assert leaving.status_code == 302
    gone = leaving.cookies["csrftoken"]
    assert gone.value == "" and gone["max-age"] == 0


def test_the_export_has_a_neutral_name_and_the_page_says_where_it_goes(client, django_user_model):
    import re

    alice = django_user_model.objects.create_user("alice", password=PASSWORD)
    client.force_login(alice)
    with translation.override("fr"):
        page = client.get(reverse("accounts:my_data")).content.decode()
        response = client.post(reverse("accounts:export"))
    response.close()  # the zip itself is not read here
    assert "supprimez-le des Téléchargements" in page
    disposition = response["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="export-\d{4}-\d\d-\d\d\.zip"', disposition)
    assert "cyberaide" not in disposition


def test_not_my_computer_logs_out_after_five_idle_minutes(client, django_user_model):
    import time

    django_user_model.objects.create_user("alice", password=PASSWORD)
    with translation.override("fr"):
        login = reverse("accounts:login")
        private = reverse("accounts:my_data")
    page = client.get(login).content.decode()
    assert "Ce n’est pas mon ordinateur" in page and "fenêtre de navigation privée" in page
    response = client.post(
        login, {"username": "alice", "password": PASSWORD, "shared_computer": "on"}
    )
    assert response.status_code == 302
    assert client.get(private).status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - 4 * 60  # four minutes: still there
    session.save()
    assert client.get(private).status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - 6 * 60  # six minutes without activity
    session.save()
    gone = client.get(private)
    assert gone.status_code == 302 and gone["Location"].startswith(login)
    assert "_auth_user_id" not in client.session


def test_on_ones_own_computer_the_usual_idle_limit_applies(client, django_user_model):
    import time

    django_user_model.objects.create_user("alice", password=PASSWORD)
    with translation.override("fr"):
        login = reverse("accounts:login")
        private = reverse("accounts:my_data")
    client.post(login, {"username": "alice", "password": PASSWORD})
    session = client.session
    session["last_seen"] = int(time.time()) - 6 * 60
    session.save()
    assert client.get(private).status_code == 200
