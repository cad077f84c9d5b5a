"""School staff helping a pupil, through the real views: Alice (pupil), Claire (CPE),
Bob (someone else). Pages are read in English; the access matrix is in
test_access_matrix.py, the signalement PDF in test_signalement_pdf.py."""

import datetime
import html
import io
import json
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from evidence.models import Dossier, Event, Exhibit, HelperGrant, HelperInvitation, Scope
from evidence.sharing import grants, handovers
from tests.evidence.factories import (
    PASSWORD,
    add_image,
    make_complaint,
    make_dossier,
    make_helper,
    make_user,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db

CODE = re.compile(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def alice(django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def claire(django_user_model):
    return make_user(django_user_model, "claire")


@pytest.fixture
def dossier(alice):
    dossier = make_dossier(alice, "Mes captures")
    add_image(dossier)
    return dossier


def actions(dossier):
    return list(dossier.events.order_by("sequence").values_list("action", "actor"))


def invite(client, dossier, scope="add", note="Mme Durand, CPE"):
    response = client.post(
        reverse("evidence:invite_helper", args=[dossier.public_id]),
        {"scope": scope, "note": note},
        follow=True,
    )
    assert response.status_code == 200
    return CODE.search(response.text).group(1)


def accept(client, code, role="CPE", establishment="Collège Jean Moulin, Lyon"):
    return client.post(
        reverse("evidence:accept_invitation"),
        {"code": code, "role": role, "establishment": establishment},
    )


def test_alice_invites_claire_who_accepts_and_sees_the_dossier(client, alice, claire, dossier):
    client.force_login(alice)
    code = invite(client, dossier)
    invitation = HelperInvitation.objects.get(dossier=dossier)
    assert invitation.code_hash != code and code.replace("-", "") not in invitation.code_hash
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)

    client.force_login(claire)
    # Typed by hand: lower case, spaces instead of dashes.
    response = accept(client, code.lower().replace("-", " "))
    assert response.status_code == 302
    assert response.headers["Location"] == reverse(
        "evidence:dossier_detail", args=[dossier.public_id]
    )
    page = client.get(response.headers["Location"])
    assert "You help alice with this dossier. You may: see it and add exhibits." in page.text
    assert "Correct the details" not in page.text  # only the owner corrects
    assert "Mes captures" in client.get(reverse("evidence:helping")).text
    assert "Mes captures" not in client.get(reverse("evidence:dossier_list")).text

    grant = HelperGrant.objects.get(dossier=dossier, helper=claire)
    assert (grant.scope, grant.role, grant.establishment) == (
        Scope.ADD,
        "CPE",
        "Collège Jean Moulin, Lyon",
    )
    assert actions(dossier)[-2:] == [
        (Event.Action.HELPER_INVITED, "alice"),
        (Event.Action.HELPER_JOINED, "claire"),
    ]
    client.force_login(alice)
    helpers_page = client.get(reverse("evidence:helpers", args=[dossier.public_id]))
    assert "claire" in helpers_page.text and "See it and add exhibits" in helpers_page.text


def test_the_link_carries_the_code_through_signup(client, alice, dossier):
    client.force_login(alice)
    response = client.post(
        reverse("evidence:invite_helper", args=[dossier.public_id]), {"scope": "read"}, follow=True
    )
    link = re.search(r'<code class="hash">(http[^<]+)</code>', response.text).group(1)
    path = link.removeprefix("http://testserver").replace("&amp;", "&")
    client.logout()
    login_redirect = client.get(path)
    assert login_redirect.status_code == 302
    login_page = client.get(login_redirect.headers["Location"])
    signup_link = re.search(r'href="(/en/accounts/signup/\?next=[^"]+)"', login_page.text)
    signup_url = signup_link.group(1).replace("&amp;", "&")
    signup = client.post(
        signup_url,
        {
            "username": "claire",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": path,
        },
    )
    assert signup.status_code == 302
    code_page = client.get(signup.headers["Location"])  # the recovery code, then onwards
    assert f'href="{path.replace("&", "&amp;")}"' in code_page.text
    form = client.get(path)
    code = CODE_FIELD.search(form.text).group(1)
    assert accept(client, code).status_code == 302


CODE_FIELD = re.compile(r'name="code" value="([A-Z0-9-]+)"')


def test_a_code_is_shown_once_and_reloading_makes_no_other(client, alice, claire, dossier):
    client.force_login(alice)
    response = client.post(
        reverse("evidence:invite_helper", args=[dossier.public_id]), {"scope": "read"}
    )
    assert response.status_code == 302
    shown = client.get(response.headers["Location"])
    assert CODE.search(shown.text)
    again = client.get(response.headers["Location"])
    assert not CODE.search(again.text)
    assert "This code has already been shown" in again.text
    assert HelperInvitation.objects.filter(dossier=dossier).count() == 1

    client.force_login(claire)
    start = client.post(
        reverse("evidence:start_for_pupil"),
        {"title": "D", "role": "CPE", "establishment": "Collège X", "pupil_agrees": "on"},
    )
    assert CODE.search(client.get(start.headers["Location"]).text)
    assert not CODE.search(client.get(start.headers["Location"]).text)
    assert [d.title for d in Dossier.objects.all()].count("D") == 1


def test_signup_never_sends_anyone_to_another_site(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "eve",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302
    assert not response.headers["Location"].startswith("https://evil")


@pytest.mark.parametrize("problem", ["unknown", "used", "expired", "cancelled", "own"])
def test_unusable_codes_get_a_clear_answer_and_change_nothing(
    client, alice, claire, django_user_model, dossier, problem
):
    invitation, code = grants.invite_helper(dossier=dossier, actor=alice, scope=Scope.PDF)
    user = claire
    expected = {
        "unknown": "This code is not valid.",
        "used": "This code has already been used.",
        "expired": "This code has expired.",
        "cancelled": "The pupil cancelled this invitation.",
        "own": "This is your own dossier",
    }[problem]
    if problem == "unknown":
        code = "ABCD-EFGH-JKMN"
    elif problem == "used":
        grants.accept_invitation(code=code, helper=claire, role="CPE", establishment="Collège")
        user = make_user(django_user_model, "bob")
    elif problem == "expired":
        HelperInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    elif problem == "cancelled":
        grants.cancel_invitation(invitation=invitation, actor=alice)
    elif problem == "own":
        user = alice
    grants_before = list(HelperGrant.objects.values_list("pk", "helper", "scope"))
    events_before = dossier.events.count()
    client.force_login(user)
    response = accept(client, code)
    assert response.status_code == 400
    assert expected in response.text
    assert list(HelperGrant.objects.values_list("pk", "helper", "scope")) == grants_before
    assert dossier.events.count() == events_before
    if problem in ("expired", "own"):
        assert HelperInvitation.objects.get(pk=invitation.pk).used_at is None


def test_an_empty_acceptance_form_says_what_is_missing(client, claire):
    client.force_login(claire)
    response = client.post(reverse("evidence:accept_invitation"), {})
    assert response.status_code == 400
    # Each of the three fields: in the summary at the top, and under the field.
    assert response.text.count("This field is required.") == 6


def test_accepting_twice_is_refused(client, alice, claire, dossier):
    make_helper(dossier, claire, Scope.READ, establishment="Collège")
    _invitation, second = grants.invite_helper(dossier=dossier, actor=alice, scope=Scope.PDF)
    client.force_login(claire)
    response = accept(client, second)
    assert "You already help with this dossier." in response.text
    assert HelperGrant.objects.get(helper=claire).scope == Scope.READ


def test_revoking_ends_access_at_once_and_is_in_the_journal(client, alice, claire, dossier):
    grant = make_helper(dossier, claire, Scope.ADD, establishment="C")
    detail = reverse("evidence:dossier_detail", args=[dossier.public_id])
    client.force_login(claire)
    assert client.get(detail).status_code == 200
    client.force_login(alice)
    revoke = reverse("evidence:revoke_helper", args=[dossier.public_id, grant.public_id])
    response = client.post(revoke, follow=True)
    assert "claire can no longer see this dossier." in response.text
    assert client.post(revoke).status_code == 302  # twice: nothing more happens
    assert actions(dossier)[-1] == (Event.Action.HELPER_REVOKED, "alice")
    assert dossier.events.filter(action=Event.Action.HELPER_REVOKED).count() == 1
    client.force_login(claire)
    assert client.get(detail).status_code == 404
    assert "Mes captures" not in client.get(reverse("evidence:helping")).text


def test_the_pupil_changes_what_a_helper_may_do(client, alice, claire, dossier):
    grant = make_helper(dossier, claire, Scope.READ, establishment="C")
    add_message_url = reverse("evidence:add_message", args=[dossier.public_id])
    client.force_login(claire)
    assert client.get(add_message_url).status_code == 403
    client.force_login(alice)
    change = reverse("evidence:change_helper_scope", args=[dossier.public_id, grant.public_id])
    response = client.post(change, {"scope": "add"}, follow=True)
    assert "claire may now: see it and add exhibits." in response.text
    assert actions(dossier)[-1] == (Event.Action.HELPER_SCOPE_CHANGED, "alice")
    assert dossier.events.order_by("sequence").last().details == {
        "helper": "claire",
        "from": "read",
        "to": "add",
    }
    client.post(change, {"scope": "add"})  # the same again: nothing to record
    client.post(change, {"scope": "owner"})  # not a scope: refused
    assert dossier.events.filter(action=Event.Action.HELPER_SCOPE_CHANGED).count() == 1
    client.force_login(claire)
    assert client.get(add_message_url).status_code == 200


def test_a_helper_can_stop_helping_and_the_pupil_sees_it(client, alice, claire, dossier):
    make_helper(dossier, claire, Scope.READ, establishment="Collège X")
    leave = reverse("evidence:leave_dossier", args=[dossier.public_id])
    client.force_login(alice)
    assert client.post(leave).status_code == 403  # her own dossier
    client.force_login(claire)
    response = client.post(leave, follow=True)
    assert "You no longer help with this dossier." in response.text
    assert actions(dossier)[-1] == (Event.Action.HELPER_REVOKED, "claire")
    detail = reverse("evidence:dossier_detail", args=[dossier.public_id])
    assert client.get(detail).status_code == 404


def test_the_establishment_is_offered_again_next_time(client, alice, claire, dossier):
    client.force_login(alice)
    code = invite(client, dossier)
    client.force_login(claire)
    accept(client, code, establishment="Lycée Ampère, Lyon")
    claire.refresh_from_db()
    assert claire.establishment == "Lycée Ampère, Lyon"
    form = client.get(reverse("evidence:start_for_pupil"))
    assert 'value="Lycée Ampère, Lyon"' in form.text


def test_a_helper_adds_exhibits_and_the_pupil_sees_who_did(client, alice, claire, dossier):
    make_helper(dossier, claire, Scope.ADD, establishment="Collège X")
    client.force_login(claire)
    response = client.post(
        reverse("evidence:add_files", args=[dossier.public_id]),
        {
            "files": [upload(png_bytes(text="capture"))],
            "occurred_on": "2026-10-05",
            "platform": "instagram",
        },
    )
    assert response.status_code == 302
    added = dossier.exhibits.order_by("-id").first()
    assert dossier.events.get(exhibit_public_id=added.public_id).actor == "claire"
    client.force_login(alice)
    page = client.get(reverse("evidence:dossier_detail", args=[dossier.public_id]))
    assert "helper: CPE, Collège X" in page.text


def test_a_helper_cannot_erase_the_pupils_exhibits(client, alice, claire, dossier):
    make_helper(dossier, claire, Scope.PDF, establishment="Collège X")
    exhibit = dossier.exhibits.get()
    client.force_login(claire)
    response = client.post(
        reverse("evidence:exhibit_erase", args=[dossier.public_id, exhibit.public_id])
    )
    assert response.status_code == 403
    assert "Only the person whose dossier this is can do this." in response.text
    assert Exhibit.objects.filter(pk=exhibit.pk).exists()


def test_helping_never_reaches_the_pupils_account(client, alice, claire, dossier, settings):
    other = make_dossier(alice, "Autre dossier")
    make_helper(dossier, claire, Scope.PDF, establishment="Collège X")
    client.force_login(claire)
    assert client.get(reverse("evidence:dossier_detail", args=[other.public_id])).status_code == 404
    export = client.post(reverse("accounts:export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.streaming_content)))
    assert "Mes captures" not in json.dumps(
        [archive.read(name).decode(errors="ignore") for name in archive.namelist()]
    )
    client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert Dossier.objects.filter(pk=dossier.pk).exists()
    assert dossier.exhibits.count() == 1


def test_claire_starts_a_dossier_alice_takes_it_over(client, alice, claire, django_user_model):
    client.force_login(claire)
    start = reverse("evidence:start_for_pupil")
    refused = client.post(start, {"title": "Dossier", "role": "CPE", "establishment": "C"})
    assert refused.status_code == 400
    assert "Start a dossier only with the pupil's agreement." in html.unescape(refused.text)
    response = client.post(
        start,
        {"title": "Dossier A.", "role": "CPE", "establishment": "Collège X", "pupil_agrees": "on"},
        follow=True,
    )
    code = CODE.search(response.text).group(1)
    dossier = next(d for d in Dossier.objects.all() if d.title == "Dossier A.")
    add_image(dossier)
    assert dossier.owner == claire and dossier.awaiting_claim
    assert "Dossier A." not in client.get(reverse("evidence:dossier_list")).text
    assert "Dossier A." in client.get(reverse("evidence:helping")).text
    # Claire cannot take it over herself.
    claimed_by_claire = client.post(reverse("evidence:claim_dossier"), {"code": code})
    assert "You started this dossier" in claimed_by_claire.text

    client.force_login(alice)
    choice = client.post(reverse("evidence:claim_dossier"), {"code": code})
    assert "was started with you by claire (CPE, Collège X)" in choice.text
    no_choice = client.post(reverse("evidence:claim_dossier"), {"code": code, "step": "confirm"})
    assert no_choice.status_code == 400  # nothing is assumed
    assert Dossier.objects.get(pk=dossier.pk).owner == claire
    done = client.post(
        reverse("evidence:claim_dossier"),
        {"code": code, "step": "confirm", "starter_scope": "add"},
    )
    assert done.headers["Location"] == reverse("evidence:dossier_detail", args=[dossier.public_id])
    dossier.refresh_from_db()
    assert dossier.owner == alice
    grant = HelperGrant.objects.get(dossier=dossier, helper=claire, revoked_at=None)
    assert grant.scope == Scope.ADD and grant.granted_by == alice
    assert [action for action, _actor in actions(dossier)][-2:] == [
        Event.Action.DOSSIER_CLAIMED,
        Event.Action.HELPER_GRANTED,
    ]
    # Claire is a helper now: she can add, not erase.
    client.force_login(claire)
    exhibit = dossier.exhibits.get()
    erase = reverse("evidence:exhibit_erase", args=[dossier.public_id, exhibit.public_id])
    assert client.post(erase).status_code == 403
    # The code works once.
    bob = make_user(django_user_model, "bob")
    client.force_login(bob)
    again = client.post(reverse("evidence:claim_dossier"), {"code": code})
    assert "This dossier has already been taken over." in again.text
    assert Dossier.objects.get(pk=dossier.pk).owner == alice


def test_taking_over_and_granting_nothing_leaves_the_staff_member_out(client, alice, claire):
    dossier, code = handovers.start_dossier_for_pupil(
        staff=claire, title="D", role="CPE", establishment="Collège X"
    )
    client.force_login(alice)
    client.post(
        reverse("evidence:claim_dossier"),
        {"code": code, "step": "confirm", "starter_scope": "none"},
    )
    assert Dossier.objects.get(pk=dossier.pk).owner == alice
    client.force_login(claire)
    assert (
        client.get(reverse("evidence:dossier_detail", args=[dossier.public_id])).status_code == 404
    )


def test_a_new_code_replaces_the_old_one_and_codes_expire(client, alice, claire):
    dossier, old = handovers.start_dossier_for_pupil(
        staff=claire, title="D", role="CPE", establishment="Collège X"
    )
    client.force_login(claire)
    renewed = client.post(
        reverse("evidence:renew_claim_code", args=[dossier.public_id]), follow=True
    )
    new = CODE.search(renewed.text).group(1)
    client.force_login(alice)
    stale = client.post(reverse("evidence:claim_dossier"), {"code": old})
    assert "This code is not valid." in stale.text
    dossier.handover.__class__.objects.filter(dossier=dossier).update(expires_at=timezone.now())
    expired = client.post(reverse("evidence:claim_dossier"), {"code": new})
    assert "This code has expired." in expired.text
    assert Dossier.objects.get(pk=dossier.pk).owner == claire


def test_the_pupil_cannot_invite_helpers_before_taking_the_dossier(client, claire):
    dossier, _code = handovers.start_dossier_for_pupil(
        staff=claire, title="D", role="CPE", establishment="Collège X"
    )
    client.force_login(claire)
    response = client.post(
        reverse("evidence:invite_helper", args=[dossier.public_id]), {"scope": "read"}, follow=True
    )
    assert "The pupil chooses who helps once they have taken the dossier." in response.text
    assert not HelperInvitation.objects.filter(dossier=dossier).exists()


@pytest.mark.parametrize(
    ("date_of_birth", "expected", "absent"),
    [
        (datetime.date(2012, 3, 9), "You are under 18", "If you are under 18"),
        (None, "If you are under 18", "You are under 18"),
        (datetime.date(1990, 5, 17), None, "under 18"),
    ],
)
def test_pages_a_minor_sees_point_to_a_trusted_adult_and_the_3018(
    client, alice, dossier, date_of_birth, expected, absent
):
    if date_of_birth:
        make_complaint(dossier, date_of_birth=date_of_birth)
    client.force_login(alice)
    for url in (
        reverse("evidence:dossier_detail", args=[dossier.public_id]),
        reverse("evidence:letter_preview", args=[dossier.public_id]),
    ):
        main = client.get(url).text.split('<footer class="site-footer">')[0]
        if expected:
            assert expected in main, url
            assert "Tell an adult you trust" in main and 'href="tel:3018"' in main, url
        assert absent not in main, url


def test_refusals_are_translated(client, alice, claire, dossier):
    make_helper(dossier, claire, Scope.READ, establishment="Collège X")
    client.force_login(claire)
    with translation.override("fr"):
        url = reverse("evidence:dossier_rename", args=[dossier.public_id])
        missing = reverse("evidence:dossier_detail", args=["00000000-0000-4000-8000-000000000000"])
    forbidden = client.get(url)
    assert forbidden.status_code == 403
    assert "Seule la personne" in forbidden.text
    assert "Rien n'a été modifié." in html.unescape(forbidden.text)
    not_found = client.get(missing)
    assert not_found.status_code == 404
    assert "Page introuvable" in not_found.text
