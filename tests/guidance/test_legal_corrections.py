"""Each fact corrected by the legal review of 1 December 2026, where a reader meets it.

One test per fact and page, in both languages where the page states it, so that a later
edit cannot silently undo a correction (the issue lists them; DESIGN.md §6 cites them).
"""

import dataclasses

import pytest
from django.urls import reverse
from django.utils import translation

from guidance.channels import recommend_channels


def page(client, language, name, *args):
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def cards(**answers):
    """The finder's cards for these answers, their text in English (lazy strings are
    translated here, inside the override)."""
    with translation.override("en"):
        return {
            channel.key: dataclasses.replace(
                channel, title=str(channel.title), why=str(channel.why)
            )
            for channel in recommend_channels(**answers)
        }


# The situation finder ---------------------------------------------------------------


@pytest.mark.parametrize("intimate", ["yes", "unsure"])
@pytest.mark.parametrize("minor", ["yes", "no", ""])
def test_with_intimate_images_the_evidence_card_never_says_to_capture_them(intimate, minor):
    why = str(cards(intimate=intimate, minor=minor)["evidence"].why)
    assert "never of the intimate images themselves" in why
    assert "Do not keep them and do not forward them" in why
    assert "article 227-23" in why
    assert "The 3018, PHAROS and the police can act without them" in why


def test_without_intimate_images_the_evidence_card_is_the_usual_one():
    why = str(cards(intimate="no")["evidence"].why)
    assert "intimate" not in why
    assert "take screenshots showing the content" in why


def test_a_minor_with_intimate_images_gets_take_it_down_with_its_case_number_and_pin():
    removal = cards(intimate="yes", minor="yes")["image_removal"]
    assert removal.link == "https://takeitdown.ncmec.org/"
    why = str(removal.why)
    assert "before you were 18" in why
    assert "never sent" in why
    assert "case number and the PIN" in why and "nobody can recover them" in why
    assert "note in your dossier" in why


def test_an_adult_with_intimate_images_gets_stopncii_and_take_it_down():
    removal = cards(intimate="unsure", minor="no")["image_removal"]
    assert removal.link == "https://stopncii.org/"
    assert "Take It Down (for images taken before 18)" in str(removal.why)


def test_thesee_is_offered_only_for_money_in_an_online_only_relationship():
    why = str(cards(intimate="yes", minor="yes")["intimate_images"].why)
    assert "If they ask for money and you know them only online, you can also use THESEE" in why
    assert "minors included" in why
    # A demand for more images is not THESEE's.
    assert "If they ask for more images, send none and call the 3018" in why
    assert "adults can also use THESEE" not in why


def test_pharos_card_names_what_it_takes_and_what_it_does_not():
    why = str(cards(visibility="public")["pharos"].why)
    assert "sexual propositions to a minor" in why
    assert "a private dispute with someone you know" in why
    assert "insults or defamation aimed at you" in why
    assert "does not handle private messages" not in why


def test_pharos_is_offered_for_a_minor_with_intimate_images_even_in_private():
    assert "pharos" in cards(visibility="private", minor="yes", intimate="yes")
    assert "pharos" not in cards(visibility="private", minor="no", intimate="no")


@pytest.mark.parametrize("visibility", ["private", "public", ""])
def test_the_insults_banner_says_repeated_insults_may_be_harassment(visibility):
    why = str(cards(insults="yes", visibility=visibility)["press_law_deadline"].why)
    assert "3 months from publication" in why
    assert "A simple complaint does not stop this clock" in why
    assert "Repeated insults, or several people acting together, may be harassment" in why
    assert "up to 6 years after the last act" in why


def test_the_3018_card_covers_school_harassment():
    assert "school harassment" in str(cards(minor="yes")["trusted_adult"].why)


def test_the_complaint_card_names_the_prosecutor_of_the_victims_home_and_video():
    why = str(cards()["complaint"].why)
    assert "by video" in why
    assert "public prosecutor of the place where you live" in why


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_finder_page_gives_its_sources_and_their_date(client, language):
    with translation.override(language):
        url = reverse("guidance:situation")
    answers = {"intimate": "yes", "minor": "yes", "answer": "1"}
    html = " ".join(client.post(url, answers).content.decode().split())
    assert "https://takeitdown.ncmec.org/" in html
    assert {"fr": "vérifiées le 1er décembre 2026", "en": "checked on 1 December 2026"}[
        language
    ] in html
    assert "F31979" in html and "227-23" in html


def test_the_finder_in_french_never_tells_a_minor_to_capture_the_images(client):
    with translation.override("fr"):
        url = reverse("guidance:situation")
    answers = {"intimate": "yes", "minor": "yes", "answer": "1"}
    html = " ".join(client.post(url, answers).content.decode().split())
    assert "mais jamais des images intimes elles-mêmes" in html
    assert "Take It Down" in html and "code PIN" in html


# The law page ------------------------------------------------------------------------


LAW_FACTS = {
    "en": [
        "7 years and €100,000",  # 227-22-2
        "10 years and €150,000 when the minor is under 15",
        "Sexual or sexist harassment",
        "Harassment by a partner or ex-partner",
        "Broadcasting the images: 5 years and €75,000",
        "When it is followed by a suicide or a suicide attempt",
        "suspend the author’s accounts",
        "the deadline only starts on the victim’s 18th birthday",
        "“altération de sa santé physique ou mentale”",
        "a medical certificate matters",
        "“simples renseignements”, ordonnance no. 2016-728, article 1",
        "only the prosecutor’s written requests for an investigation stop it "
        "(article 65, second paragraph)",
        "doyen des juges d’instruction, article 85",
        "it can also be the prosecutor of <strong>your own home</strong>",
        "article 113-2-1",
        "by video (visioplainte)",
        "décret of 23 February 2024",
        "no longer exists since 15 October 2024",
        "takes only thefts and other property offences by an unknown author",
        "Parents may file in their child’s name, even if the child does not agree",
        "is represented by a legal representative",
        "prosecutor general (procureur général, article 40-3",
        "who learn of a crime or a délit in their work must tell the prosecutor",
        "<strong>money</strong> is demanded, by someone you know only online",
        "Minors can use it in that case",
        "If the blackmailer asks for more images, THESEE is not the way",
        "Repeated insults, or insults by several people acting together, may be harassment",
    ],
    "fr": [
        "7 ans et 100 000 €",
        "Harcèlement sexuel ou sexiste",
        "suspendre les comptes en ligne de l’auteur",
        "le délai ne commence qu’à ses 18 ans",
        "« altération de sa santé physique ou mentale »",
        "« simples renseignements » (ordonnance n° 2016-728, article 1)",
        "seules les réquisitions d’enquête écrites du procureur l’interrompent "
        "(article 65, alinéa 2)",
        "le procureur de <strong>votre propre domicile</strong>",
        "par vidéo (visioplainte)",
        "La pré-plainte en ligne n’existe plus depuis le 15 octobre 2024",
        "même s’il n’est pas d’accord",
        "un recours auprès du procureur général (article 40-3",
        "un crime ou un délit dans leur travail",
        "Les mineurs peuvent l’utiliser dans ce cas",
    ],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_law_page_states_each_corrected_fact(client, language):
    html = page(client, language, "guidance:law")
    missing = [fact for fact in LAW_FACTS[language] if fact not in html]
    assert not missing
    # Out-of-date or wrong statements that must not come back.
    for wrong in [
        "carries more weight",
        "22-81.814",
        "for blackmail in an online relationship",
        "who learn of an offence must",
    ]:
        assert wrong not in html


# The steps ---------------------------------------------------------------------------


STEP_7_FACTS = {
    "en": [
        "It can be the court of the town where you live",
        "the prosecutor of the victim’s home can always act",
        "article 43 of the code de procédure pénale and article 113-2-1 of the code pénal",
        "The online pre-complaint (pré-plainte en ligne) no longer exists: "
        "it was replaced on 15 October 2024",
        "Writing it in the letter is allowed (article 420-1",
        "You can ask to be told what happens to it (article 40-2",
        "You can appeal to the prosecutor general (procureur général, article 40-3",
        "can also file the complaint in your name, even if you do not agree",
        "a minor is represented by a legal representative",
        "Harassment is punished when it harms your living conditions or your health",
        "only the prosecutor’s written requests for an investigation stop it",
        "For some sexual offences against a minor, it only starts on the victim’s 18th birthday",
        "must tell the procureur de la République about a crime or délit",
    ],
    "fr": [
        "le procureur du domicile de la victime peut toujours agir",
        "La pré-plainte en ligne n’existe plus : elle a été remplacée le 15 octobre 2024",
        "Vous pouvez demander à être informé de ses suites (article 40-2",
        "même si vous n’êtes pas d’accord",
        "former un recours auprès du procureur général",
        "d’un crime ou d’un délit appris dans leur travail",
    ],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_7_states_each_corrected_fact(client, language):
    html = page(client, language, "guidance:step", 7)
    missing = [fact for fact in STEP_7_FACTS[language] if fact not in html]
    assert not missing
    for wrong in ["22-81.814", "22-82.838", "Cour de cassation", "avec l’assistance"]:
        assert wrong not in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_1_offers_thesee_only_for_money_and_take_it_down_for_images(client, language):
    html = page(client, language, "guidance:step", 1)
    facts = {
        "en": [
            "Does the blackmailer ask for <strong>money</strong>, "
            "and do you know them only online?",
            "If they ask for more pictures, send none: THESEE is not the way",
            "https://takeitdown.ncmec.org/",
            "https://stopncii.org/",
            "the PIN",
            "but never of the intimate pictures themselves",
        ],
        "fr": [
            "demande de l’<strong>argent</strong>, et vous ne la connaissez qu’en ligne",
            "ce n’est pas le rôle de THESEE",
            "code PIN",
            "mais jamais des images intimes elles-mêmes",
        ],
    }[language]
    missing = [fact for fact in facts if fact not in html]
    assert not missing


@pytest.mark.parametrize("number", [1, 2, 3, 4])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_steps_1_to_4_cite_their_sources_and_the_date_checked(client, language, number):
    html = page(client, language, "guidance:step", number)
    source = html[html.index('<p class="source">') :]
    assert "service-public.fr/particuliers/vosdroits/F32239" in source
    assert {"fr": "Vérifié le 1er décembre 2026", "en": "Checked on 1 December 2026"}[
        language
    ] in source


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_2_says_the_3018_answers_school_harassment(client, language):
    html = page(client, language, "guidance:step", 2)
    assert {
        "en": "the former 3020 line is now part of the 3018",
        "fr": "l’ancienne ligne 3020 fait désormais partie du 3018",
    }[language] in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_3_says_what_a_constat_is_worth_and_keeps_the_advice_for_the_victim(client, language):
    html = page(client, language, "guidance:step", 3)
    facts = {
        "en": [
            "is more reliable and harder to contest",
            "the judge weighs it freely",
            "https://commissaire-justice.fr/",
        ],
        "fr": [
            "est plus fiable et plus difficile à contester",
            "le juge l’apprécie librement",
            "https://commissaire-justice.fr/",
        ],
    }[language]
    assert not [fact for fact in facts if fact not in html]
    assert "carries more weight" not in html
