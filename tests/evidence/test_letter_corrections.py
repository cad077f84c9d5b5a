"""The letter after the legal review of 1 December 2026: the press-law deadline in the
letter flow and in the PDF, the representative who files for a child, the prosecutor of
the victim's home, the facts' period, real platforms, the subject line, the harm, the
receipt, the originals on paper; each through the real pages and the real PDF."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from evidence.letter.deadlines import add_months, press_law_deadline
from evidence.letter.offences import OFFENCES_BY_KEY
from evidence.models import Complaint, Platform
from tests.evidence.factories import (
    add_image,
    add_link,
    make_complaint,
    make_dossier,
    make_user,
)
from tests.evidence.test_complaint_pdf import render

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days_ago(days):
    return TODAY() - datetime.timedelta(days=days)


@pytest.fixture
def alice(django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def dossier(alice):
    return make_dossier(alice, title="Mes captures")


def page(client, user, name, *args, lang="en"):
    client.force_login(user)
    with translation.override(lang):
        url = reverse(f"evidence:{name}", args=args)
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


# The deadline itself -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 9, 1), 3, datetime.date(2026, 12, 1)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 11, 30), 3, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 31), 12, datetime.date(2027, 3, 31)),
    ],
)
def test_months_are_added_as_the_calendar_has_them(day, months, expected):
    assert add_months(day, months) == expected


class Seen:
    def __init__(self, occurred_on, platform=Platform.INSTAGRAM, platform_other=""):
        self.occurred_on = occurred_on
        self.platform = platform
        self.platform_other = platform_other


def test_the_last_safe_date_is_the_day_before_three_months_from_the_earliest_publication():
    exhibits = [
        (1, Seen(datetime.date(2026, 10, 20))),
        (2, Seen(datetime.date(2026, 9, 15))),
        # A medical certificate is not a publication, even when it is older.
        (3, Seen(datetime.date(2026, 9, 1), platform=Platform.NONE)),
    ]
    deadline = press_law_deadline(["injure_publique"], exhibits)
    assert (deadline.months, deadline.published_on, deadline.exhibit_number) == (
        3,
        datetime.date(2026, 9, 15),
        2,
    )
    assert deadline.last_safe_date == datetime.date(2026, 12, 14)


def test_the_discriminatory_forms_have_one_year_and_the_shortest_deadline_wins():
    exhibits = [(1, Seen(datetime.date(2026, 9, 15)))]
    assert press_law_deadline(["injure_publique_discriminatoire"], exhibits).months == 12
    both = ["diffamation_publique_discriminatoire", "diffamation_publique"]
    assert press_law_deadline(both, exhibits).months == 3
    assert press_law_deadline(["harcelement_moral", "menaces"], exhibits) is None


def test_the_new_qualifications_are_offered_with_their_articles():
    for key, article in [
        ("incitation_mineur", "227-22-2"),
        ("harcelement_sexuel", "222-33 "),
        ("harcelement_conjoint", "222-33-2-1"),
        ("violences_filmees", "222-33-3"),
        ("provocation_suicide", "223-13"),
        ("injure_publique_discriminatoire", "article 33, alinéas 3 et 4"),
        ("diffamation_publique_discriminatoire", "article 32, alinéas 2 et 3"),
    ]:
        assert article in OFFENCES_BY_KEY[key].french_label


# The deadline in the letter flow ----------------------------------------------------


def test_the_letter_steps_preview_and_dossier_page_show_the_last_safe_date(client, alice, dossier):
    add_image(dossier, occurred_on=days_ago(10), platform=Platform.INSTAGRAM)
    make_complaint(dossier, offences=["injure_publique"])
    last_safe = add_months(days_ago(10), 3) - datetime.timedelta(days=1)
    with translation.override("en"):
        from evidence.templatetags.french_dates import long_date

        expected = f"Last safe date: {long_date(last_safe)}."
    for name, args in [
        ("letter_step", (dossier.public_id, 6)),  # the offences step
        ("letter_preview", (dossier.public_id,)),
        ("dossier_detail", (dossier.public_id,)),
    ]:
        html = page(client, alice, name, *args)
        assert expected in html, name
        assert "it does <strong>not</strong> stop that clock" in html
        assert "article 85 of the code de procédure pénale" in html
        assert "citation directe" in html and 'href="tel:116006"' in html
    # The other steps carry the date in one line, linked to the full explanation.
    for number in (1, 2, 3, 4, 5):  # about you, representative, recipient, authors, facts
        html = page(client, alice, "letter_step", dossier.public_id, number)
        assert expected in html, number
        assert "This letter does <strong>not</strong> stop that clock." in html
        assert "/letter/#press-law-deadline" in html


def test_in_french_the_box_says_the_plainte_simple_does_not_stop_the_clock(client, alice, dossier):
    add_image(dossier, occurred_on=days_ago(10))
    make_complaint(dossier, offences=["diffamation_publique"])
    html = page(client, alice, "letter_preview", dossier.public_id, lang="fr")
    assert "Dernière date sûre : le" in html
    assert "elle n’arrête <strong>pas</strong> ce délai" in html
    assert "doyen" in html or "juges d’instruction" in html


def test_past_the_date_the_victim_is_told_kindly_and_can_still_make_the_letter(
    client, alice, dossier
):
    add_image(dossier, occurred_on=days_ago(200))
    make_complaint(dossier, offences=["injure_publique", "harcelement_moral"])
    html = page(client, alice, "letter_preview", dossier.public_id)
    assert "the last safe date was" in html
    assert "This is not your fault." in html
    assert "You can still send this letter" in html
    assert "up to 6 years after the last act" in html
    assert "Make the PDF" in html  # the letter can still be made


def test_without_a_press_law_offence_there_is_no_deadline_box(client, alice, dossier):
    add_image(dossier, occurred_on=days_ago(10))
    make_complaint(dossier, offences=["harcelement_moral"])
    assert 'id="press-law-deadline"' not in page(client, alice, "letter_preview", dossier.public_id)
    assert 'id="press-law-deadline"' not in page(client, alice, "dossier_detail", dossier.public_id)


def test_the_pdf_tells_the_prosecutor_the_earliest_publication_date(dossier):
    add_image(dossier, occurred_on=datetime.date(2026, 10, 3), platform=Platform.INSTAGRAM)
    add_link(
        dossier,
        "https://www.tiktok.com/@x/video/7412",
        occurred_on=datetime.date(2026, 9, 1),
        platform=Platform.TIKTOK,
    )
    make_complaint(dossier, offences=["injure_publique"])
    flat = render(dossier).flat
    assert (
        "j'attire votre attention sur leur délai de prescription de trois mois (article 65 de "
        "la loi du 29 juillet 1881) : la plus ancienne publication jointe (pièce n° 2) date du "
        "1er septembre 2026."
    ) in flat
    # Advice meant for the victim stays on the victim's pages.
    assert "dernière date sûre" not in flat.lower()
    make_complaint(dossier, offences=["injure_publique_discriminatoire"])
    assert "délai de prescription de un an (article 65-3 de la loi" in render(dossier).flat


# Who files, and in whose name ---------------------------------------------------------


FOURTEEN = datetime.timedelta(days=14 * 365 + 10)


def test_a_mother_files_in_her_childs_name_with_the_father(dossier):
    add_image(dossier)
    make_complaint(
        dossier,
        date_of_birth=TODAY() - FOURTEEN,
        filed_by=Complaint.FiledBy.REPRESENTATIVE,
        representative_name="Sophie Martin",
        representative_relationship=Complaint.Role.MOTHER,
        representative_phone="06 12 34 56 78",
        second_representative_name="Paul Martin",
        second_representative_relationship=Complaint.Role.FATHER,
        partie_civile=True,
        competence=Complaint.Competence.VICTIM_HOME,
    )
    flat = render(dossier).flat
    assert "les messages lui ont été adressés à son domicile de 12 rue des Lilas" in flat
    assert "Sophie Martin, représentante légale d'Alice MARTIN" in flat  # the sender
    assert (
        "Je soussignée Sophie Martin, mère et représentante légale d'Alice MARTIN, né(e) le"
    ) in flat
    assert (
        "mineur(e)" in flat
        and "agissant en son nom, ai l'honneur de porter plainte contre X" in flat
    )
    assert "Paul Martin, son père, représentant légal, s'associe à la présente plainte." in flat
    assert (
        "Je souhaite constituer Alice MARTIN partie civile, en ma qualité de représentante "
        "légale (article 420-1 du code de procédure pénale)"
    ) in flat
    assert flat.count("Signature") == 2
    assert "Je soussigné(e) Alice" not in flat


def test_a_guardian_man_is_named_with_his_gender(dossier):
    add_image(dossier)
    make_complaint(
        dossier,
        date_of_birth=TODAY() - FOURTEEN,
        representative_name="Marc Durand",
        representative_relationship=Complaint.Role.GUARDIAN_MAN,
    )
    flat = render(dossier).flat
    assert "représenté(e) par Marc Durand, son tuteur, représentant légal," in flat


def test_the_representative_step_refuses_a_parent_filing_without_a_name(client, alice, dossier):
    add_image(dossier)
    make_complaint(dossier, date_of_birth=TODAY() - FOURTEEN)
    client.force_login(alice)
    with translation.override("en"):
        url = reverse("evidence:letter_step", args=[dossier.public_id, 2])
    response = client.post(url, {"filed_by": "representative", "representative_name": ""})
    assert response.status_code == 400
    assert "Give the name of the parent who files." in response.content.decode()
    assert Complaint.objects.get(dossier=dossier).filed_by == Complaint.FiledBy.VICTIM
    response = client.post(
        url,
        {
            "filed_by": "representative",
            "representative_name": "Sophie Martin",
            "representative_relationship": "mother",
        },
    )
    assert response.status_code == 302
    assert Complaint.objects.get(dossier=dossier).filed_by_representative


# Which prosecutor, and why ---------------------------------------------------------------


def test_the_prosecutor_of_the_victims_home_is_told_why_it_may_act(dossier):
    add_image(dossier)
    make_complaint(dossier, competence=Complaint.Competence.VICTIM_HOME)
    flat = render(dossier).flat
    assert (
        "les messages m'ont été adressés à mon domicile de 12 rue des Lilas, 69003 Lyon, situé "
        "dans le ressort de votre tribunal (article 43, alinéa 1, du code de procédure pénale "
        "et article 113-2-1 du code pénal)"
    ) in flat


def test_a_letter_to_the_prosecutor_must_say_why_the_court_may_act(client, alice, dossier):
    add_image(dossier)
    make_complaint(dossier)
    client.force_login(alice)
    with translation.override("en"):
        url = reverse("evidence:letter_step", args=[dossier.public_id, 3])
    form = client.get(url).content.decode()
    assert "It is the court of the place where I live" in form
    assert "That court can always act for an offence committed online" in form
    response = client.post(url, {"recipient": "procureur", "recipient_town": "Lyon"})
    assert response.status_code == 400
    assert "Say why this court can act" in response.content.decode()
    response = client.post(
        url, {"recipient": "procureur", "recipient_town": "Lyon", "competence": "victim_home"}
    )
    assert response.status_code == 302
    assert Complaint.objects.get(dossier=dossier).competence == "victim_home"


# The facts, the places, the authors --------------------------------------------------------


def test_the_facts_period_is_the_victims_and_the_exhibits_only_date_themselves(dossier):
    add_image(dossier, occurred_on=datetime.date(2026, 10, 22), platform=Platform.SNAPCHAT)
    add_image(dossier, occurred_on=datetime.date(2026, 11, 2), platform=Platform.NONE)
    add_image(dossier, occurred_on=datetime.date(2026, 11, 3), platform=Platform.OTHER)
    make_complaint(dossier, facts_period="depuis la rentrée de septembre")
    flat = render(dossier).flat
    assert "Période des faits : depuis la rentrée de septembre." in flat
    assert "3 pièces numérotées sont jointes, datées du 22 octobre 2026 au 3 novembre 2026" in flat
    assert "Les faits se sont déroulés" not in flat
    # A certificate and an unnamed "Autre" are not platforms.
    assert "Les faits ont eu lieu sur Snapchat." in flat


def test_the_subject_never_cuts_a_name_and_the_body_gives_every_author_in_full(dossier):
    add_image(dossier, author_name="@un_pseudo_vraiment_tres_long_de_harceleur_2026")
    authors = " ".join(f"Prénom{index} Nom{index} (@handle_{index})," for index in range(12))
    make_complaint(dossier, authors_known=True, authors=authors)
    rendered = render(dossier)
    subject = rendered.flat.split("Objet : plainte contre ", 1)[1].split(" Plainte ", 1)[0]
    assert subject.endswith("(désignation complète ci-dessous)")
    shown = subject.removesuffix(" (désignation complète ci-dessous)")
    assert authors.startswith(shown)
    assert authors[len(shown)] == " "  # cut at a space, never inside a name
    body = rendered.squeezed(rendered.section("Auteur des faits", "Préjudice subi"))
    assert authors.replace(" ", "") in body
    assert "@un_pseudo_vraiment_tres_long_de_harceleur_2026(pièce" in body


# The harm, the receipt, the originals ---------------------------------------------------------


def test_the_harm_carries_an_amount_or_says_it_is_to_be_assessed(dossier):
    add_image(dossier)
    make_complaint(dossier, harm="Je ne dors plus.")
    assert "Le montant du préjudice reste à évaluer." in render(dossier).flat
    make_complaint(dossier, harm="Je ne dors plus.", harm_amount="1 200 €")
    flat = render(dossier).flat
    assert "J'évalue ce préjudice à 1 200 €." in flat
    assert "reste à évaluer" not in flat


def test_the_letter_asks_for_a_receipt_and_says_how_the_originals_reach_paper(dossier):
    add_image(dossier)
    make_complaint(dossier)
    flat = render(dossier).flat
    assert (
        "Je vous remercie de bien vouloir m'adresser un récépissé de cette plainte et de "
        "m'aviser des suites qui lui seront données (article 40-2 du code de procédure pénale)."
    ) in flat
    assert (
        "Les fichiers originaux sont joints au présent fichier PDF ; ils peuvent être remis sur "
        "clé USB ou sur simple demande."
    ) in flat


def test_the_integrity_annex_no_longer_advises_the_victim_or_overstates_a_constat(dossier):
    add_image(dossier)
    make_complaint(dossier)
    annex = render(dossier).flat.split("Annexe — intégrité des pièces")[-1]
    assert "force probante" not in annex
    assert "commissaire de justice" not in annex
    assert "identique à celui que le service a reçu" in annex


# Plain words and the pupil's consent --------------------------------------------------------


def test_each_letter_step_links_its_legal_words_to_the_glossary(client, alice, dossier):
    add_image(dossier)
    html = page(client, alice, "letter_step", dossier.public_id, 3)  # the recipient
    with translation.override("en"):
        glossary = reverse("guidance:glossary")
    assert f'href="{glossary}#procureur"' in html
    assert f'href="{glossary}#tribunal-judiciaire"' in html
    make_complaint(dossier)
    preview = page(client, alice, "letter_preview", dossier.public_id)
    assert f'href="{glossary}#bordereau"' in preview and f'href="{glossary}#sha256"' in preview


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pupil_learns_about_article_40_before_letting_staff_prepare_the_pdfs(
    client, alice, dossier, language
):
    html = page(client, alice, "helpers", dossier.public_id, lang=language)
    notice = {
        "en": "must tell the prosecutor (article 40 of the code de procédure pénale)",
        "fr": "doivent le signaler au procureur (article 40 du code de procédure pénale)",
    }
    assert notice[language] in html
    assert html.index('id="article-40"') < html.index('name="scope"')
