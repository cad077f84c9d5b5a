"""The staff member's report to the prosecutor (article 40 CPP), made through the real
pages by Claire, a CPE Alice lets help her with the PDF scope, and parsed back with pypdf."""

import datetime
import hashlib
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from evidence.custody import storage
from evidence.models import Event, GeneratedDocument, Platform, Scope
from evidence.sharing import grants, handovers
from tests.evidence.factories import add_image, add_message, make_dossier, make_helper, make_user

pytestmark = pytest.mark.django_db

FORM = {
    "staff_name": "Claire Durand",
    "function": "Conseillère principale d'éducation",
    "establishment": "Collège Jean Moulin",
    "establishment_address": "1 place de la République\n69001 Lyon",
    "contact": "cpe@college-jean-moulin.example",
    "pupil_name": "Alice Martin",
    "pupil_class": "4e B",
    "pupil_date_of_birth": "2012-03-09",
    "reported_on": "2026-11-20",
    "facts": "Alice m'a montré des messages reçus sur Snapchat depuis la rentrée.",
    "actions_taken": "Chef d'établissement informé ; protocole pHARe engagé.",
    "parents_informed": "on",
    "recipient_town": "Lyon",
    "signed_in_town": "Lyon",
}


@pytest.fixture
def world(django_user_model):
    alice = make_user(django_user_model, "alice")
    claire = make_user(django_user_model, "claire")
    dossier = make_dossier(alice, "Mes captures")
    image = add_image(dossier, occurred_on=datetime.date(2026, 10, 3))
    message = add_message(
        dossier, "t'es nulle", occurred_on=datetime.date(2026, 9, 14), platform=Platform.SMS
    )
    make_helper(dossier, claire, Scope.PDF, establishment="Collège Jean Moulin")
    return {"alice": alice, "claire": claire, "dossier": dossier, "exhibits": [image, message]}


def make_signalement(client, dossier, **overrides):
    data = {**FORM, **overrides}
    edit = reverse("evidence:signalement_edit", args=[dossier.public_id])
    response = client.post(edit, data)
    assert response.status_code == 302, response.text
    assert response.headers["Location"] == reverse(
        "evidence:signalement_preview", args=[dossier.public_id]
    )
    return response


def generate(client, dossier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evidence:signalement_generate", args=[dossier.public_id]))
    assert response.status_code == 302
    return GeneratedDocument.objects.get(dossier=dossier, kind=GeneratedDocument.Kind.SIGNALEMENT)


def test_claire_makes_the_report_and_alice_sees_it_in_her_journal(
    client, world, django_capture_on_commit_callbacks
):
    dossier = world["dossier"]
    client.force_login(world["claire"])
    form = client.get(reverse("evidence:signalement_edit", args=[dossier.public_id]))
    # What the grant already says about Claire is filled in.
    assert 'value="CPE"' in form.text and 'value="Collège Jean Moulin"' in form.text
    make_signalement(client, dossier)
    preview = client.get(reverse("evidence:signalement_preview", args=[dossier.public_id]))
    assert "article 40, alinéa 2, du code de procédure pénale" in preview.text
    document = generate(client, dossier, django_capture_on_commit_callbacks)
    assert document.status == GeneratedDocument.Status.READY
    assert document.requested_by == "claire"

    download = client.get(
        reverse("evidence:document_download", args=[dossier.public_id, document.public_id])
    )
    assert download.status_code == 200
    content = download.getvalue()
    assert hashlib.sha256(content).hexdigest() == document.sha256
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    squeezed = re.sub(r"[\s\u200b]", "", text)
    for expected in [
        "Madame, Monsieur le procureur de la République près le tribunal judiciaire de Lyon",
        "En application de l'article 40, alinéa 2, du code de procédure pénale",
        "Claire Durand",
        "Conseillère principale d'éducation",
        "Collège Jean Moulin",
        "Alice Martin, né(e) le 9 mars 2012, mineur(e), élève en classe de 4e B",
        "Le 20 novembre 2026, l'élève m'a fait part des faits suivants",
        "Alice m'a montré des messages reçus sur Snapchat depuis la rentrée.",
        "Chef d'établissement informé ; protocole pHARe engagé.",
        "Les représentants légaux de l'élève ont été informés du présent signalement.",
        "du 14 septembre 2026 au 3 octobre 2026",
        "Chronologie des faits",
        "Bordereau de pièces",
        "Annexe — intégrité des pièces",
    ]:
        assert expected in flat, expected
    assert "Plainte" not in flat
    footer = "Signalement — article 40 du code de procédure pénale — Alice Martin"
    assert footer not in reader.pages[0].extract_text()
    # On every other page: at the foot, and on the exhibits' at the head, beside the
    # piece's number, with the dossier's reference.
    reference = f"{footer} — dossier {str(world['dossier'].public_id)[:8]}"
    for page in reader.pages[1:]:
        page_text = page.extract_text()
        assert reference in page_text, page_text[:80]
        if page_text.startswith("Pièce n° "):
            assert f"{reference} Pièce n° " in page_text
    assert "Pièce n° 1" in text and "Pièce n° 2" in text
    for exhibit in world["exhibits"]:
        assert exhibit.sha256 in squeezed
    assert reader.xmp_metadata.pdfaid_part == "3"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[0] == "Signalement"
    attached = reader.attachments
    image = world["exhibits"][0]
    [name] = [name for name in attached if image.download_name in name]
    assert attached[name][0] == storage.read_file(dossier, image.original_file)

    event = dossier.events.order_by("sequence").last()
    assert event.action == Event.Action.SIGNALEMENT_GENERATED
    assert event.details["requested_by"] == "claire"
    assert event.details["sha256"] == document.sha256

    client.force_login(world["alice"])
    with translation.override("en"):
        page = client.get(reverse("evidence:dossier_detail", args=[dossier.public_id]))
    assert "Report to the prosecutor generated" in page.text
    assert "claire (made by cyberaide)" in page.text


def test_the_report_says_when_the_parents_were_not_told(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["claire"])
    data = {key: value for key, value in FORM.items() if key != "parents_informed"}
    data.update(pupil_date_of_birth="", pupil_class="", actions_taken="", contact="")
    edit = reverse("evidence:signalement_edit", args=[world["dossier"].public_id])
    assert client.post(edit, data).status_code == 302
    document = generate(client, world["dossier"], django_capture_on_commit_callbacks)
    data = storage.read_file(world["dossier"], document.file)
    flat = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )
    assert "n'ont pas été informés du présent signalement à sa date" in flat
    assert "Alice Martin." in flat  # no birth date, no class: nothing left hanging
    assert "mineur" not in flat.split("Faits rapportés")[0]
    assert "Aucune mesure n'est mentionnée" in flat


def test_an_empty_report_form_is_refused_and_nothing_is_made(client, world):
    client.force_login(world["claire"])
    with translation.override("en"):
        edit = reverse("evidence:signalement_edit", args=[world["dossier"].public_id])
    response = client.post(edit, {})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not world["dossier"].signalements.exists()


def test_a_dossier_without_exhibits_cannot_be_reported(client, world):
    dossier = world["dossier"]
    for exhibit in world["exhibits"]:
        exhibit.delete()
    client.force_login(world["claire"])
    make_signalement(client, dossier)
    with translation.override("en"):
        url = reverse("evidence:signalement_generate", args=[dossier.public_id])
    response = client.post(url, follow=True)
    assert "The dossier has no exhibit yet: add the screenshots first." in response.text
    assert not dossier.documents.exists()


def test_only_a_helper_with_the_pdf_scope_writes_a_report(client, world, django_user_model):
    dossier = world["dossier"]
    grant = dossier.helper_grants.get()
    for scope in (Scope.READ, Scope.ADD):
        type(grant).objects.filter(pk=grant.pk).update(scope=scope)
        client.force_login(world["claire"])
        url = reverse("evidence:signalement_edit", args=[dossier.public_id])
        assert client.post(url, FORM).status_code == 403
    client.force_login(world["alice"])
    assert client.post(url, FORM).status_code == 403
    assert not dossier.signalements.exists()


def test_the_staff_member_who_started_the_dossier_can_report_before_the_handover(
    client, django_user_model, django_capture_on_commit_callbacks
):
    claire = make_user(django_user_model, "claire")
    dossier, _code = handovers.start_dossier_for_pupil(
        staff=claire, title="D", role="CPE", establishment="Collège X"
    )
    add_image(dossier)
    client.force_login(claire)
    make_signalement(client, dossier)
    assert generate(client, dossier, django_capture_on_commit_callbacks).status == "ready"


def test_two_helpers_keep_their_own_report(client, world, django_user_model):
    dossier = world["dossier"]
    dan = make_user(django_user_model, "dan")
    _invitation, code = grants.invite_helper(dossier=dossier, actor=world["alice"], scope=Scope.PDF)
    grants.accept_invitation(code=code, helper=dan, role="Infirmier", establishment="Collège")
    client.force_login(world["claire"])
    make_signalement(client, dossier)
    client.force_login(dan)
    form = client.get(reverse("evidence:signalement_edit", args=[dossier.public_id]))
    assert "Claire Durand" not in form.text
    make_signalement(client, dossier, staff_name="Dan Roux")
    assert sorted(s.staff_name for s in dossier.signalements.all()) == [
        "Claire Durand",
        "Dan Roux",
    ]


def pdf_text(client, dossier, document):
    download = client.get(
        reverse("evidence:document_download", args=[dossier.public_id, document.public_id])
    )
    reader = PdfReader(io.BytesIO(download.getvalue()))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def test_the_report_names_the_presumed_authors_the_family_and_the_route(
    client, world, django_capture_on_commit_callbacks
):
    dossier = world["dossier"]
    client.force_login(world["claire"])
    make_signalement(
        client,
        dossier,
        pupil_address="3 rue des Tilleuls\n69003 Lyon",
        representatives="Sophie Martin, mère, 06 12 34 56 78\nPaul Martin, père, 06 98 76 54 32",
        presumed_authors="Kevin D., élève de 4e C du collège (@kev_du_69)",
        through_head="on",
        copy_to_dasen="on",
    )
    flat = pdf_text(client, dossier, generate(client, dossier, django_capture_on_commit_callbacks))
    for expected in [
        "sous couvert de Madame, Monsieur le chef d'établissement",
        "élève en classe de 4e B, demeurant 3 rue des Tilleuls, 69003 Lyon.",
        "Représentants légaux : Sophie Martin, mère, 06 12 34 56 78 Paul Martin, père",
        "Auteur(s) présumé(s) Kevin D., élève de 4e C du collège (@kev_du_69)",
        "Mesures prises par l'établissement Chef d'établissement informé",
        "Copie : Madame, Monsieur l'inspecteur d'académie",
        "(IA-DASEN)",
        "ils peuvent être remis sur clé USB ou sur simple demande",
    ]:
        assert expected in flat, expected


def test_without_route_or_authors_the_report_says_so_and_names_no_copy(
    client, world, django_capture_on_commit_callbacks
):
    dossier = world["dossier"]
    client.force_login(world["claire"])
    make_signalement(client, dossier)
    flat = pdf_text(client, dossier, generate(client, dossier, django_capture_on_commit_callbacks))
    assert "L'identité de l'auteur des faits n'est pas connue" in flat
    assert "sous couvert" not in flat
    assert "IA-DASEN" not in flat


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "A report to the prosecutor was made",
                "Claire Durand (Conseillère principale",
                "The police or the gendarmerie may then ask to hear you",
            ],
        ),
        (
            "fr",
            [
                "Un signalement au procureur a été fait",
                "Claire Durand (Conseillère principale",
                "peut alors demander à vous entendre",
            ],
        ),
    ],
)
def test_the_pupil_is_told_plainly_that_a_report_was_made(
    client, world, django_capture_on_commit_callbacks, language, expected
):
    dossier = world["dossier"]
    detail = reverse("evidence:dossier_detail", args=[dossier.public_id])
    client.force_login(world["alice"])
    with translation.override(language):
        before = client.get(detail).text
    assert expected[0] not in before
    client.force_login(world["claire"])
    make_signalement(client, dossier)
    document = generate(client, dossier, django_capture_on_commit_callbacks)
    client.force_login(world["alice"])
    with translation.override(language):
        url = reverse("evidence:dossier_detail", args=[dossier.public_id])
    html = " ".join(client.get(url).text.split())
    for text in expected:
        assert text in html, text
    assert f"{document.completed_at:%Y}" in html
    # The staff member sees their own work in the list of documents, not this notice.
    client.force_login(world["claire"])
    assert expected[0] not in client.get(url).text
