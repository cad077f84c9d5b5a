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
    assert response.status_code == 200
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
