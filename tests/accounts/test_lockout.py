"""The lockout behind a reverse proxy: failures count per (name, person's address), so an
abuser elsewhere never locks the victim out, and the proxy's own address locks nobody."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.evidence.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"  # the reverse proxy: every request reaches the app from it


def through_proxy(address, forged=""):
    """A client whose requests come through the proxy, which appends ``address`` (the
    connection it received) to whatever ``X-Forwarded-For`` the client itself sent."""
    header = f"{forged}, {address}" if forged else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)


def login(client, password):
    with translation.override("fr"):
        url = reverse("accounts:login")
    return client.post(url, {"username": "alice", "password": password})


@pytest.fixture
def behind_one_proxy(settings, django_user_model):
    settings.CYBERAIDE_PROXY_COUNT = 1
    make_user(django_user_model, "alice")


def test_an_abuser_elsewhere_never_locks_the_victim_out(behind_one_proxy, settings):
    abuser = through_proxy("203.0.113.66")
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 3):
        login(abuser, "wrong")
    locked = login(abuser, PASSWORD)
    assert locked.status_code == 429  # the abuser's connection is paused, even with it
    page = locked.content.decode()
    assert "depuis cette connexion" in page and "15 minutes" in page
    victim = through_proxy("198.51.100.7")
    assert login(victim, PASSWORD).status_code == 302
    assert "_auth_user_id" in victim.session


def test_a_forged_header_does_not_move_the_abuser_to_a_fresh_address(behind_one_proxy, settings):
    for forged in range(settings.AXES_FAILURE_LIMIT):
        login(through_proxy("203.0.113.66", forged=f"192.0.2.{forged}"), "wrong")
    assert login(through_proxy("203.0.113.66", forged="192.0.2.99"), PASSWORD).status_code == 429


def test_without_a_proxy_count_the_header_is_ignored(settings, django_user_model):
    settings.CYBERAIDE_PROXY_COUNT = 0
    make_user(django_user_model, "alice")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(Client(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}"), "x")
    assert login(Client(REMOTE_ADDR="198.51.100.9"), PASSWORD).status_code == 429
    assert login(Client(REMOTE_ADDR="198.51.100.10"), PASSWORD).status_code == 302
