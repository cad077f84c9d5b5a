"""One kind of refusal: every user-facing one is a ``Refused`` carrying its translated
messages, raised by the real code for real bad input."""

import pytest
from django.utils import translation

from evidence.ingest.files import UploadRefused, inspect_upload
from evidence.pdf.context import DossierNotReady
from evidence.pdf.render import render_complaint_pdf
from evidence.refusals import Refused
from evidence.sharing import grants
from evidence.sharing.codes import CodeRefused
from tests.evidence.factories import make_dossier, make_user, upload


def test_each_user_facing_refusal_is_a_refused():
    for kind in (UploadRefused, CodeRefused, DossierNotReady):
        assert issubclass(kind, Refused)


def test_a_refused_file_says_why_in_the_users_language():
    with pytest.raises(Refused) as refusal:
        inspect_upload(upload(b"not an image at all", "photo.png", "image/png"))
    with translation.override("fr"):
        assert str(refusal.value.message).startswith("Ce fichier n’est pas une image ou un PDF")
    with translation.override("en"):
        assert str(refusal.value.message).startswith("This file is not a picture or a PDF")


@pytest.mark.django_db
def test_an_unknown_code_and_an_empty_dossier_are_refused_with_their_messages(
    django_user_model,
):
    claire = make_user(django_user_model, "claire")
    with pytest.raises(Refused) as refusal:
        grants.accept_invitation(code="ABCDEFGHJKMN", helper=claire, role="CPE", establishment="C")
    assert refusal.value.messages == [refusal.value.message]
    dossier = make_dossier(make_user(django_user_model, "alice"))
    with translation.override("en"), pytest.raises(Refused) as not_ready:
        render_complaint_pdf(dossier)
    shown = [str(message) for message in not_ready.value.messages]
    assert "The dossier has no exhibit yet: add your screenshots first." in shown
    assert "Fill in the letter first." in shown
