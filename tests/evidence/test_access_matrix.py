"""Every dossier, exhibit, file, letter and document URL, for Alice, Bob and a visitor.

Alice owns the dossier; Bob is another user; the visitor is logged out. Bob gets 404 on
everything of Alice's, GET or POST, and nothing of hers changes; the visitor is sent to
the login page, and after logging in as Bob still gets 404.
"""

import uuid

import pytest
from django.urls import URLPattern, reverse

from evidence import documents, services, urls
from evidence.models import Event, Exhibit
from tests.evidence.factories import PASSWORD, add_image, make_complaint, make_dossier, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_world(django_user_model, django_capture_on_commit_callbacks):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    image = add_image(dossier)
    withdrawn = add_image(dossier)
    services.withdraw_exhibit(exhibit=withdrawn, actor=alice)
    make_complaint(dossier)
    with django_capture_on_commit_callbacks(execute=True):
        document = documents.request_document(dossier=dossier, actor=alice)
    document.refresh_from_db()
    return {"alice": alice, "dossier": dossier, "image": image, "document": document}


def alice_urls(world):
    """One URL per evidence pattern, filled with Alice's objects; fails if one is missed."""
    kwargs = {
        "public_id": world["dossier"].public_id,
        "exhibit_id": world["image"].public_id,
        "document_id": world["document"].public_id,
        "variant": "original",
        "slug": "you",
    }
    found = []
    for pattern in urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = pattern.pattern.regex.groupindex
        args = {name: kwargs[name] for name in names}
        found.append(reverse(f"evidence:{pattern.name}", kwargs=args))
    assert len(found) == len(urls.urlpatterns)
    return [
        url
        for url in found
        if url != reverse("evidence:dossier_list") and url != reverse("evidence:dossier_create")
    ]


def snapshot(world, settings):
    dossier = world["dossier"]
    location = settings.STORAGES["evidence"]["OPTIONS"]["location"]
    return (
        dossier.title,
        Exhibit.objects.filter(dossier=dossier).count(),
        list(Exhibit.objects.filter(dossier=dossier).values_list("withdrawn_at", "position")),
        Event.objects.filter(dossier=dossier).count(),
        dossier.documents.count(),
        sorted(path.name for path in location.rglob("*.bin")),
    )


def test_alice_reaches_every_url_of_her_dossier(client, alice_world):
    client.force_login(alice_world["alice"])
    for url in alice_urls(alice_world):
        response = client.get(url)
        assert response.status_code in (200, 405), url
        if response.status_code == 200:
            assert "no-store" in response.headers["Cache-Control"], url


def test_bob_gets_404_everywhere_and_changes_nothing(
    client, alice_world, django_user_model, settings
):
    bob = make_user(django_user_model, "bob")
    make_dossier(bob, "Bob's")
    client.force_login(bob)
    before = snapshot(alice_world, settings)
    for url in alice_urls(alice_world):
        # POST-only URLs answer 405 to a GET whatever the id: that tells nothing.
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"title": "pwned", "direction": "up"}).status_code == 404, url
    assert snapshot(alice_world, settings) == before


def test_visitor_is_sent_to_login_then_gets_404_as_bob(client, alice_world, django_user_model):
    make_user(django_user_model, "bob")
    for url in alice_urls(alice_world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith(reverse("accounts:login")), url
    login = client.post(
        reverse("accounts:login") + "?next=" + alice_urls(alice_world)[0],
        {"username": "bob", "password": PASSWORD, "next": alice_urls(alice_world)[0]},
    )
    assert login.status_code == 302
    assert client.get(login.headers["Location"]).status_code == 404


def test_unknown_ids_and_foreign_exhibits_are_404(client, alice_world, django_user_model):
    bob = make_user(django_user_model, "bob")
    bob_exhibit = add_image(make_dossier(bob))
    client.force_login(alice_world["alice"])
    dossier_id = alice_world["dossier"].public_id
    assert client.get(reverse("evidence:dossier_detail", args=[uuid.uuid4()])).status_code == 404
    foreign = reverse("evidence:exhibit_file", args=[dossier_id, bob_exhibit.public_id, "display"])
    assert client.get(foreign).status_code == 404
    erase = reverse("evidence:exhibit_erase", args=[dossier_id, bob_exhibit.public_id])
    assert client.post(erase).status_code == 404
    assert Exhibit.objects.filter(pk=bob_exhibit.pk).exists()
