"""A right-to-left override typed into a name must not turn the service's own words
around it, on the page or in the PDF; a pasted message keeps it (it is evidence)."""

import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from evidence.custody import storage
from evidence.services import documents
from tests.evidence.factories import make_complaint, make_dossier, make_user

pytestmark = pytest.mark.django_db
RLO = "\u202e"


def french(name, *args):
    with translation.override("fr"):
        return reverse(name, args=args)


def test_overrides_are_dropped_from_names_but_kept_in_a_pasted_message(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    make_complaint(dossier)
    client.force_login(alice)
    response = client.post(
        french("evidence:add_message", dossier.public_id),
        {
            "text": f"regarde {RLO}ça\nligne deux",
            "occurred_on": "2026-10-03",
            "platform": "snapchat",
            "author_name": f"@kev{RLO}in",
            "description": f"{RLO}insultes",
        },
    )
    assert response.status_code == 302
    message = dossier.exhibits.get()
    assert (message.author_name, message.description) == ("@kevin", "insultes")
    assert message.message_text == f"regarde {RLO}ça\nligne deux"  # as pasted, hashed so
    rename = client.post(
        french("evidence:dossier_rename", dossier.public_id), {"title": f"a{RLO}b"}
    )
    assert rename.status_code == 302
    dossier.refresh_from_db()
    assert dossier.title == "ab"
    document = documents.generate_now(dossier=dossier, actor=None)
    reader = pypdf.PdfReader(io.BytesIO(storage.read_file(dossier, document.file)))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Auteur : @kevin" in text  # our words after the name read in their order
    assert RLO not in text.split("regarde")[0]  # none of the server's text is overridden
