"""Every dossier URL, for Alice (the pupil), Bob (a stranger), Claire (a helper Alice
granted, at each scope) and Dan (a helper Alice revoked), plus a logged-out visitor.

Alice reaches everything of hers. Bob and Dan get 404 on everything of Alice's, GET or
POST. Claire reaches what her scope allows and gets 403 (a page that says why) for the
rest. Whatever is refused changes nothing: the snapshot of Alice's dossier is the same.
"""

import html
import uuid

import pytest
from django.urls import URLPattern, reverse
from django.utils import translation

from evidence import urls
from evidence.models import (
    Capability,
    Event,
    Exhibit,
    GeneratedDocument,
    HelperGrant,
    Scope,
    Signalement,
)
from evidence.services import documents
from evidence.services import exhibits as exhibit_services
from evidence.sharing import grants
from tests.evidence.factories import (
    PASSWORD,
    add_image,
    make_complaint,
    make_dossier,
    make_helper,
    make_signalement,
    make_user,
)

pytestmark = pytest.mark.django_db

# The helper who may write a report to the prosecutor: not the owner.
HELPER_PDF = "helper with the PDF scope"
# Any helper, whatever their scope, and nobody else (leaving a dossier one helps with).
HELPER = "helper"

# What each URL of a dossier asks of the person requesting it.
REQUIRED = {
    "dossier_detail": Capability.READ,
    "exhibit_file": Capability.READ,
    "add_files": Capability.ADD,
    "file_details": Capability.ADD,
    "add_message": Capability.ADD,
    "add_link": Capability.ADD,
    "letter_preview": Capability.PDF,
    "letter_step": Capability.PDF,
    "letter_generate": Capability.PDF,
    "document_download": Capability.PDF,
    "document_delete": Capability.OWN,  # a complaint letter; a signalement is its author's
    "dossier_rename": Capability.OWN,
    "dossier_erase": Capability.OWN,
    "renumber": Capability.OWN,
    "exhibit_edit": Capability.OWN,
    "exhibit_move": Capability.OWN,
    "exhibit_withdraw": Capability.OWN,
    "exhibit_restore": Capability.OWN,
    "exhibit_erase": Capability.OWN,
    "helpers": Capability.OWN,
    "invite_helper": Capability.OWN,
    "revoke_helper": Capability.OWN,
    "change_helper_scope": Capability.OWN,
    "cancel_invitation": Capability.OWN,
    "invitation_code": Capability.OWN,
    "claim_code": Capability.OWN,
    "renew_claim_code": Capability.OWN,
    "leave_dossier": HELPER,
    "signalement_edit": HELPER_PDF,
    "signalement_preview": HELPER_PDF,
    "signalement_generate": HELPER_PDF,
}
# POST-only views answer 405 to any GET before looking at the dossier: that tells nothing.
POST_ONLY = {
    "letter_generate",
    "renumber",
    "exhibit_move",
    "exhibit_withdraw",
    "exhibit_restore",
    "invite_helper",
    "revoke_helper",
    "leave_dossier",
    "change_helper_scope",
    "cancel_invitation",
    "renew_claim_code",
    "signalement_generate",
}
# Answer 404 even to Alice: the dossier was not started by a staff member for her.
NOT_APPLICABLE_TO_ALICE = {"claim_code", "renew_claim_code"}


@pytest.fixture(autouse=True)
def _french():
    """The refusal pages are read in French, the site's language."""
    with translation.override("fr"):
        yield


@pytest.fixture
def world(django_user_model, django_capture_on_commit_callbacks):
    alice = make_user(django_user_model, "alice")
    claire = make_user(django_user_model, "claire")
    dan = make_user(django_user_model, "dan")
    bob = make_user(django_user_model, "bob")
    make_dossier(bob, "Bob's")
    dossier = make_dossier(alice)
    image = add_image(dossier)
    withdrawn = add_image(dossier)
    exhibit_services.withdraw_exhibit(exhibit=withdrawn, actor=alice)
    make_complaint(dossier)
    grant = make_helper(dossier, claire, Scope.PDF)
    dan_grant = make_helper(dossier, dan, Scope.PDF)
    grants.revoke_helper(grant=dan_grant, actor=alice)
    invitation, _code = grants.invite_helper(dossier=dossier, actor=alice, scope=Scope.READ)
    signalement = make_signalement(dossier, claire)
    with django_capture_on_commit_callbacks(execute=True):
        document = documents.request_document(dossier=dossier, actor=alice)
    return {
        "alice": alice,
        "bob": bob,
        "claire": claire,
        "dan": dan,
        "dossier": dossier,
        "image": image,
        "withdrawn": withdrawn,
        "grant": grant,
        "invitation": invitation,
        "signalement": signalement,
        "document": document,
    }


def dossier_urls(world):
    """``{url name: url}`` for every URL of a dossier, filled with Alice's objects."""
    kwargs = {
        "public_id": world["dossier"].public_id,
        "exhibit_id": world["image"].public_id,
        "document_id": world["document"].public_id,
        "grant_id": world["grant"].public_id,
        "invitation_id": world["invitation"].public_id,
        "variant": "original",
        "number": 1,
    }
    found = {}
    for pattern in urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = pattern.pattern.regex.groupindex
        if "public_id" not in names:
            continue
        assert pattern.name in REQUIRED, f"{pattern.name}: say who may open it"
        found[pattern.name] = reverse(
            f"evidence:{pattern.name}", kwargs={name: kwargs[name] for name in names}
        )
    assert set(found) == set(REQUIRED)
    return found


def snapshot(world, settings):
    dossier = world["dossier"]
    location = settings.STORAGES["evidence"]["OPTIONS"]["location"]
    return (
        type(dossier).objects.get(pk=dossier.pk).title,
        type(dossier).objects.get(pk=dossier.pk).owner_id,
        list(Exhibit.objects.filter(dossier=dossier).values_list("pk", "withdrawn_at", "position")),
        [(e.occurred_on, e.description) for e in Exhibit.objects.filter(dossier=dossier)],
        Event.objects.filter(dossier=dossier).count(),
        GeneratedDocument.objects.filter(dossier=dossier).count(),
        list(HelperGrant.objects.filter(dossier=dossier).values_list("pk", "scope", "revoked_at")),
        list(dossier.invitations.values_list("pk", "used_at", "cancelled_at")),
        [(s.pk, s.facts) for s in Signalement.objects.filter(dossier=dossier)],
        sorted(path.name for path in location.rglob("*.bin")),
    )


ATTEMPT = {"title": "pwned", "direction": "up", "scope": "pdf", "facts": "x", "text": "x"}


# Pages about the files a person has just added: with none in the session, back to the
# dossier.
AFTER_AN_UPLOAD = {"file_details"}


def allowed(capability, requirement):
    if requirement == HELPER_PDF:
        return capability == Capability.PDF
    if requirement == HELPER:
        return capability < Capability.OWN
    return capability >= requirement


def test_alice_reaches_every_url_of_her_dossier(client, world):
    client.force_login(world["alice"])
    for name, url in dossier_urls(world).items():
        response = client.get(url)
        if name in POST_ONLY:
            assert response.status_code == 405, name
        elif REQUIRED[name] == HELPER_PDF:
            assert response.status_code == 403, name  # her report is the complaint
        elif name in NOT_APPLICABLE_TO_ALICE:
            assert response.status_code == 404, name
        elif name in AFTER_AN_UPLOAD:
            assert response.headers["Location"] == dossier_urls(world)["dossier_detail"], name
        else:
            assert response.status_code == 200, name
            assert "no-store" in response.headers["Cache-Control"], name
    assert client.post(dossier_urls(world)["renew_claim_code"]).status_code == 404


@pytest.mark.parametrize("scope", [Scope.READ, Scope.ADD, Scope.PDF])
def test_claire_gets_what_her_scope_allows_and_a_clear_403_for_the_rest(
    client, world, settings, scope
):
    HelperGrant.objects.filter(pk=world["grant"].pk).update(scope=scope)
    capability = Scope(scope).capability
    client.force_login(world["claire"])
    before = snapshot(world, settings)
    for name, url in dossier_urls(world).items():
        response = client.get(url)
        if name in POST_ONLY:
            assert response.status_code == 405, name
        elif allowed(capability, REQUIRED[name]):
            assert response.status_code in (200, 302), name
        else:
            assert response.status_code == 403, name
            assert "Rien n'a été modifié." in html.unescape(response.text), name
        if not allowed(capability, REQUIRED[name]):
            assert client.post(url, ATTEMPT).status_code == 403, name
    assert snapshot(world, settings) == before


@pytest.mark.parametrize("stranger", ["bob", "dan"])
def test_bob_and_revoked_dan_get_404_everywhere_and_change_nothing(
    client, world, settings, stranger
):
    client.force_login(world[stranger])
    before = snapshot(world, settings)
    for name, url in dossier_urls(world).items():
        assert client.get(url).status_code == (405 if name in POST_ONLY else 404), name
        assert client.post(url, ATTEMPT).status_code == 404, name
    assert snapshot(world, settings) == before


def test_visitor_is_sent_to_login_then_gets_404_as_bob(client, world):
    for url in dossier_urls(world).values():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith(reverse("accounts:login")), url
    target = dossier_urls(world)["dossier_detail"]
    login = client.post(
        reverse("accounts:login") + "?next=" + target,
        {"username": "bob", "password": PASSWORD, "next": target},
    )
    assert login.status_code == 302
    assert client.get(login.headers["Location"]).status_code == 404


def test_a_signalement_pdf_is_its_authors_alone(
    client, world, django_user_model, django_capture_on_commit_callbacks
):
    """Claire's report to the prosecutor: Erin, a second helper with the PDF scope, and
    Alice herself get 404 for it, as for something that does not exist; Claire gets it."""
    dossier = world["dossier"]
    erin = make_user(django_user_model, "erin")
    make_helper(dossier, erin, Scope.PDF)
    with django_capture_on_commit_callbacks(execute=True):
        report = documents.request_document(
            dossier=dossier,
            actor=world["claire"],
            kind=GeneratedDocument.Kind.SIGNALEMENT,
            signalement=world["signalement"],
        )
    args = [dossier.public_id, report.public_id]
    download = reverse("evidence:document_download", args=args)
    delete = reverse("evidence:document_delete", args=args)
    letter = reverse("evidence:letter_preview", args=[dossier.public_id])
    for person in ("erin", "alice"):
        client.force_login(world.get(person) or erin)
        assert client.get(download).status_code == 404, person
        assert client.post(delete).status_code == 404, person
        assert str(report.public_id) not in client.get(letter).text, person
    assert GeneratedDocument.objects.filter(pk=report.pk).exists()
    client.force_login(world["claire"])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    preview = client.get(reverse("evidence:signalement_preview", args=[dossier.public_id]))
    assert str(report.public_id) in preview.text
    report.refresh_from_db()
    assert client.post(delete).status_code == 302
    assert not GeneratedDocument.objects.filter(pk=report.pk).exists()
    deleted = dossier.events.order_by("-sequence").first()
    assert (deleted.action, deleted.actor) == (Event.Action.DOCUMENT_DELETED, "claire")
    assert deleted.details["sha256"] == report.sha256 != ""


def test_helpers_never_see_withdrawn_exhibits(client, world):
    client.force_login(world["claire"])
    dossier, withdrawn = world["dossier"], world["withdrawn"]
    url = reverse("evidence:exhibit_file", args=[dossier.public_id, withdrawn.public_id, "display"])
    assert client.get(url).status_code == 404
    page = client.get(reverse("evidence:dossier_detail", args=[dossier.public_id]))
    assert str(withdrawn.public_id) not in page.text
    client.force_login(world["alice"])
    assert client.get(url).status_code == 200


def test_unknown_ids_and_foreign_exhibits_are_404(client, world, django_user_model):
    bob_exhibit = add_image(make_dossier(world["bob"]))
    client.force_login(world["alice"])
    dossier_id = world["dossier"].public_id
    assert client.get(reverse("evidence:dossier_detail", args=[uuid.uuid4()])).status_code == 404
    foreign = reverse("evidence:exhibit_file", args=[dossier_id, bob_exhibit.public_id, "display"])
    assert client.get(foreign).status_code == 404
    erase = reverse("evidence:exhibit_erase", args=[dossier_id, bob_exhibit.public_id])
    assert client.post(erase).status_code == 404
    assert Exhibit.objects.filter(pk=bob_exhibit.pk).exists()
    other_grant = reverse("evidence:revoke_helper", args=[dossier_id, uuid.uuid4()])
    assert client.post(other_grant).status_code == 404


def test_a_helper_revoked_with_the_page_open_is_refused_on_submit(client, world):
    HelperGrant.objects.filter(pk=world["grant"].pk).update(scope=Scope.ADD)
    client.force_login(world["claire"])
    url = reverse("evidence:add_message", args=[world["dossier"].public_id])
    assert client.get(url).status_code == 200
    grants.revoke_helper(grant=world["grant"], actor=world["alice"])
    response = client.post(
        url, {"text": "ajouté après la révocation", "occurred_on": "2026-10-03", "platform": "sms"}
    )
    assert response.status_code == 404
    assert "ajouté après la révocation" not in [e.message_text for e in Exhibit.objects.all()]
