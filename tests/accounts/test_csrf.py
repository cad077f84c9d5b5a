"""Form posts work under Referrer-Policy: no-referrer, and cross-site posts still fail."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def post_signup(origin, fetch_site, secure=False):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("accounts:signup"), secure=secure)
    token = page.context["csrf_token"]
    return client.post(
        reverse("accounts:signup"),
        {
            "csrfmiddlewaretoken": str(token),
            "username": "alice",
            "password1": "a long passphrase 4242",
            "password2": "a long passphrase 4242",
        },
        headers={"origin": origin, "sec-fetch-site": fetch_site},
        secure=secure,
    )


@pytest.mark.parametrize("secure", [False, True])
def test_own_form_post_with_null_origin_is_accepted(secure):
    assert post_signup("null", "same-origin", secure=secure).status_code == 302


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site", "none", ""])
def test_null_origin_from_elsewhere_is_refused(fetch_site):
    assert post_signup("null", fetch_site).status_code == 403


def test_foreign_origin_is_refused():
    assert post_signup("https://evil.example", "cross-site").status_code == 403
