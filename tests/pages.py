"""Every page of the site, for the checkers nobody here wrote (axe, the Nu HTML checker,
pa11y): the guide and the account pages for a visitor, and every page a pupil and a
member of school staff see, filled with real objects.

``site_pages(world)`` lists them as ``Page(who, name, url)`` in the active language;
``test_every_page_is_checked`` fails when a URL is added that is neither listed here nor
named in ``NOT_A_PAGE`` with its reason.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.views import RECOVERY_CODE
from cyberaide.http import keep_code_to_show
from evidence.models import Platform, Scope
from evidence.services import documents
from evidence.services import exhibits as exhibit_services
from evidence.sharing import grants, handovers
from evidence.views.exhibits import keep_batch
from evidence.views.letter import STEPS
from tests.evidence.factories import (
    add_file,
    add_image,
    add_link,
    add_message,
    located_photo,
    make_complaint,
    make_dossier,
    make_helper,
    make_signalement,
    make_user,
)
from tests.test_site import public_url_names

VISITOR, PUPIL, STAFF = "visitor", "pupil", "staff"

# URLs that answer no HTML page of their own, each with its reason.
NOT_A_PAGE = {
    "quick_exit": "a redirect to a neutral site",
    "accounts:logout": "POST only, then a redirect",
    "accounts:export": "POST only: a zip file",
    "accounts:delete": "POST only; its errors are shown on My data",
    "accounts:new_recovery_code": "POST only, then the recovery code page",
    "evidence:exhibit_file": "an image or a download",
    "evidence:document_download": "a PDF",
    "evidence:letter_generate": "POST only",
    "evidence:signalement_generate": "POST only",
    "evidence:renumber": "POST only",
    "evidence:exhibit_move": "POST only",
    "evidence:exhibit_withdraw": "POST only",
    "evidence:exhibit_restore": "POST only",
    "evidence:invite_helper": "POST only, then the invitation code page",
    "evidence:revoke_helper": "POST only",
    "evidence:change_helper_scope": "POST only",
    "evidence:cancel_invitation": "POST only",
    "evidence:leave_dossier": "POST only",
    "evidence:renew_claim_code": "POST only, then the claim code page",
}
# Shown only where the site sends e-mail (``CYBERAIDE_EMAIL_ENABLED``, on for the checks).
EMAIL_PAGES = (
    "accounts:password_reset",
    "accounts:password_reset_sent",
    "accounts:password_reset_complete",
)


@dataclass(frozen=True)
class Page:
    who: str
    name: str
    url: str

    def __str__(self):
        return f"{self.who} {self.url}"


def make_world(django_user_model):
    """A pupil with a full dossier (an image, a message, a link, a withdrawn exhibit, a
    letter, a PDF, a helper, an invitation) and a member of staff who helps with it, wrote
    a report to the prosecutor and started another dossier for a pupil."""
    pupil = make_user(django_user_model, "lea")
    staff = make_user(django_user_model, "mme.durand")
    dossier = make_dossier(pupil, "Mes captures")
    image = add_image(dossier, occurred_on=datetime.date(2026, 10, 1))
    second = add_image(dossier, occurred_on=datetime.date(2026, 10, 2), platform=Platform.WHATSAPP)
    add_message(dossier, "t'es trop nul, personne veut de toi")
    add_link(dossier, "https://www.instagram.com/p/abc123/")
    # A photo whose original says where it was taken: the letter asks what to do with it.
    add_file(dossier, located_photo(), "IMG_0042.jpg", "image/jpeg")
    withdrawn = add_image(dossier)
    exhibit_services.withdraw_exhibit(exhibit=withdrawn, actor=pupil)
    make_complaint(dossier)
    make_helper(dossier, staff, Scope.PDF)
    invitation, _code = grants.invite_helper(dossier=dossier, actor=pupil, scope=Scope.READ)
    make_signalement(dossier, staff)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the PDF is made, as by the worker
        document = documents.request_document(dossier=dossier, actor=pupil)
    started, _claim = handovers.start_dossier_for_pupil(
        staff=staff, title="Pour Sami", role="CPE", establishment="Collège Jean Moulin"
    )
    return {
        "pupil": pupil,
        "staff": staff,
        "dossier": dossier,
        "image": image,
        "batch": [image, second],
        "invitation": invitation,
        "document": document,
        "started": started,
    }


def site_pages(world):
    dossier, started = world["dossier"].public_id, world["started"].public_id
    exhibit = world["image"].public_id
    of_dossier = {"public_id": dossier}
    visitor = [Page(VISITOR, name, reverse(name, args=args)) for name, args in public_url_names()]
    visitor += [
        Page(VISITOR, name, reverse(name))
        for name in (
            "accounts:login",
            "accounts:signup",
            "accounts:recover",
            "evidence:dossier_list",
            "verifier",
            *EMAIL_PAGES,
        )
    ]
    visitor.append(
        Page(
            VISITOR,
            "accounts:password_reset_confirm",
            reverse("accounts:password_reset_confirm", args=["MQ", "expired-token"]),
        )
    )
    account = (
        "evidence:dossier_list",
        "evidence:dossier_create",
        "evidence:helping",
        "evidence:claim_dossier",
        "evidence:accept_invitation",
        "evidence:start_for_pupil",
        "accounts:my_data",
        "accounts:password_change",
        "accounts:password_changed",
        "accounts:recovery_code",
    )
    pupil = [Page(PUPIL, name, reverse(name)) for name in account]
    pupil += [
        Page(PUPIL, f"evidence:{name}", reverse(f"evidence:{name}", kwargs=of_dossier))
        for name in (
            "dossier_detail",
            "dossier_rename",
            "dossier_erase",
            "add_files",
            "file_details",
            "add_message",
            "add_link",
            "letter_preview",
            "helpers",
        )
    ]
    pupil += [
        Page(
            PUPIL,
            "evidence:letter_step",
            reverse("evidence:letter_step", args=[dossier, step.number]),
        )
        for step in STEPS
    ]
    pupil += [
        Page(PUPIL, f"evidence:{name}", reverse(f"evidence:{name}", args=[dossier, exhibit]))
        for name in ("exhibit_edit", "exhibit_erase")
    ]
    pupil += [
        Page(
            PUPIL,
            "evidence:document_delete",
            reverse("evidence:document_delete", args=[dossier, world["document"].public_id]),
        ),
        Page(
            PUPIL,
            "evidence:invitation_code",
            reverse("evidence:invitation_code", args=[dossier, world["invitation"].public_id]),
        ),
    ]
    staff = [Page(STAFF, name, reverse(name)) for name in account]
    staff += [
        Page(STAFF, f"evidence:{name}", reverse(f"evidence:{name}", kwargs=of_dossier))
        for name in (
            "dossier_detail",
            "add_files",
            "add_message",
            "add_link",
            "letter_preview",
            "signalement_edit",
            "signalement_preview",
        )
    ]
    staff += [
        Page(STAFF, "evidence:dossier_detail", reverse("evidence:dossier_detail", args=[started])),
        Page(STAFF, "evidence:claim_code", reverse("evidence:claim_code", args=[started])),
    ]
    return visitor + pupil + staff


def url_names():
    """Every named URL of the site, namespaced ("accounts:login")."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name

    return set(walk(get_resolver().url_patterns))


def prepare_session(session, world, who):
    """What some pages need in the session to show themselves whole: the files just
    added (the per-file details page) and a recovery code not yet shown."""
    request = SimpleNamespace(session=session)
    if who == PUPIL:
        keep_batch(request, world["dossier"], world["batch"])
    keep_code_to_show(request, RECOVERY_CODE, "ABCD-EFGH-JKLM-NPQR")
    session.save()


# Pages sent back with errors: each form posted empty, as a person who presses the button
# too early does. (who, URL name, the world's objects in its URL.)
REFUSED_POSTS = (
    (VISITOR, "accounts:signup", ()),
    (VISITOR, "accounts:login", ()),
    (VISITOR, "accounts:recover", ()),
    (PUPIL, "evidence:dossier_create", ()),
    (PUPIL, "evidence:claim_dossier", ()),
    (PUPIL, "accounts:password_change", ()),
    (PUPIL, "accounts:delete", ()),
    (PUPIL, "accounts:new_recovery_code", ()),
    (PUPIL, "evidence:add_files", ("dossier",)),
    (PUPIL, "evidence:file_details", ("dossier",)),
    (PUPIL, "evidence:add_message", ("dossier",)),
    (PUPIL, "evidence:add_link", ("dossier",)),
    (PUPIL, "evidence:dossier_rename", ("dossier",)),
    (PUPIL, "evidence:dossier_erase", ("dossier",)),
    (PUPIL, "evidence:exhibit_edit", ("dossier", "image")),
    (STAFF, "evidence:accept_invitation", ()),
    (STAFF, "evidence:start_for_pupil", ()),
    (STAFF, "evidence:signalement_edit", ("dossier",)),
)


def refused_posts(world):
    pages = [
        Page(who, name, reverse(name, args=[world[arg].public_id for arg in args]))
        for who, name, args in REFUSED_POSTS
    ]
    dossier = world["dossier"].public_id
    pages += [
        Page(
            PUPIL,
            "evidence:letter_step",
            reverse("evidence:letter_step", args=[dossier, step.number]),
        )
        for step in STEPS
    ]
    return pages
