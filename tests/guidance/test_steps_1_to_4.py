"""The home page and steps 1 to 4 of the guide carry the facts a victim needs, in both languages."""

from html.parser import HTMLParser

import pytest

from tests.html import outline

PLATFORM_HELP_PAGES = [
    "https://help.instagram.com/",
    "https://support.tiktok.com/",
    "https://help.snapchat.com/",
    "https://faq.whatsapp.com/",
    "https://support.discord.com/",
    "https://support.google.com/youtube/",
    "https://help.x.com/",
    "https://www.facebook.com/help/",
]
SERVICE_PUBLIC_CYBERHARASSMENT = "https://www.service-public.fr/particuliers/vosdroits/F32239"
ARTICLE_222_33_2_2 = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000029334247"
ARTICLE_427_CPP = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006576542"
ARTICLE_227_23 = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006418087"

# Text each page must show, per language. French is written here with a plain apostrophe;
# the pages use the typographic one (see `expected_facts`).
FACTS = {
    "home": {
        "en": [
            "Cyberharassment means posting words or behaving online",
            "intimidation",
            "rumours",
            "instant messaging",
            "dropping out of school",
            "It is not your fault",
            "you are not alone",
            "anyone under 18",
            "3 years in prison and a €45,000 fine",
            "Checked in November 2026",
        ],
        "fr": [
            "Le cyberharcèlement, c'est tenir des propos",
            "intimidations",
            "rumeurs",
            "messageries instantanées",
            "décrochage scolaire",
            "Ce n'est pas de votre faute",
            "vous n'êtes pas seul ou seule",
            "moins de 18 ans",
            "3 ans d'emprisonnement et 45 000 € d'amende",
            "Vérifié en novembre 2026",
        ],
    },
    1: {
        "en": ["Ignore the messages", "Do not delete anything", "sextortion", "Do not pay"],
        "fr": ["Ignorez les messages", "Ne supprimez rien", "sextorsion", "Ne payez pas"],
    },
    2: {
        "en": ["not to keep quiet", "CPE", "school nurse", "pHARe", "take their phone away"],
        "fr": ["ne pas se taire", "CPE", "infirmière scolaire", "pHARe", "confisquez pas"],
    },
    3: {
        "en": [
            "handle or identifier",
            "the date and time",
            "URL",
            "a few messages before and after",
            "Keep the original files",
            "Do not delete the conversation",
            "side button and the volume up button",
            "Home button and the side (or top) button",
            "power button and the volume down button",
            "Windows + Shift + S",
            "Print Screen",
            "Cmd + Shift + 3",
            "Cmd + Shift + 4",
            "Copy link",
            "commissaire de justice",
            "huissier",
            "under 18",
            "Checked on 1 December 2026",
            "more reliable and harder to contest",
            "Take It Down",
            "StopNCII",
        ],
        "fr": [
            "captures d'écran",
            "pseudo ou identifiant",
            "la date et l'heure",
            "URL",
            "quelques messages avant et après",
            "Conservez les fichiers d'origine",
            "Ne supprimez pas la conversation",
            "bouton latéral et sur le bouton d'augmentation du volume",
            "bouton marche/arrêt et sur le bouton de baisse du volume",
            "Windows + Maj + S",
            "Impr. écran",
            "Cmd + Maj + 3",
            "Copier le lien",
            "commissaire de justice",
            "moins de 18 ans",
            "Vérifié le 1er décembre 2026",
            "plus fiable et plus difficile à contester",
            "Take It Down",
        ],
    },
    4: {
        "en": [
            "privacy settings",
            "friends or followers",
            "Block the authors",
            "two-step verification",
            "devices and sessions",
            "private browsing",
            "For parents",
        ],
        "fr": [
            "paramètres de confidentialité",
            "liste d'amis",
            "Bloquez les auteurs",
            "validation en deux étapes",
            "appareils et les sessions",
            "navigation privée",
            "Pour les parents",
        ],
    },
}


class ExternalLinks(HTMLParser):
    """Every <a> pointing to another host, with its rel attribute."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href", "").startswith(("http://", "https://")):
            self.links.append((attrs["href"], attrs.get("rel") or ""))


def expected_facts(which, language):
    return [fact.replace("'", "\N{RIGHT SINGLE QUOTATION MARK}") for fact in FACTS[which][language]]


def page(client, language, which):
    url = f"/{language}/" if which == "home" else f"/{language}/guide/{which}/"
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("which", list(FACTS))
def test_page_states_its_key_facts(client, language, which):
    html = page(client, language, which).content.decode()
    missing = [fact for fact in expected_facts(which, language) if fact not in html]
    assert not missing


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("which", list(FACTS))
def test_external_links_open_without_referrer(client, language, which):
    parser = ExternalLinks()
    parser.feed(page(client, language, which).content.decode())
    assert parser.links
    for href, rel in parser.links:
        assert set(rel.split()) >= {"noopener", "noreferrer"}, href


@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_lists_the_seven_steps_before_the_explanations(client, language):
    response = page(client, language, "home")
    links = outline(response).links
    for number in range(1, 8):
        assert f"/{language}/guide/{number}/" in links
    html = response.content.decode()
    assert html.index('class="steps"') < html.index(SERVICE_PUBLIC_CYBERHARASSMENT)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_shows_every_contact_after_the_danger_box(client, language):
    html = page(client, language, "home").content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    for href in ["tel:3018", "tel:119", "tel:3114", "tel:116006", "tel:17", "tel:112", "sms:114"]:
        assert f'href="{href}"' in main, href
    assert main.index('class="box box-alert"') < main.index('class="contact-list"')


@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_states_the_law_for_any_minor_with_its_sources(client, language):
    response = page(client, language, "home")
    links = outline(response).links
    law_path = "/en/law/" if language == "en" else "/fr/loi/"
    assert law_path in links
    assert f"/{language}/situation/" in links
    assert SERVICE_PUBLIC_CYBERHARASSMENT in links
    assert ARTICLE_222_33_2_2 in links
    # The seed's "minor under 15" is out of date since the law of 2 March 2022.
    html = response.content.decode()
    assert "under 15" not in html
    assert "moins de 15 ans" not in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_step_1_keeps_evidence_and_points_to_emergency_and_sextortion_help(client, language):
    response = page(client, language, 1)
    links = outline(response).links
    assert f"/{language}/guide/3/" in links
    for href in ["tel:17", "tel:112", "sms:114", "tel:3018"]:
        assert href in links
    assert "https://www.thesee.interieur.gouv.fr/" in links


@pytest.mark.parametrize("language", ["en", "fr"])
def test_step_2_points_to_the_3018(client, language):
    links = outline(page(client, language, 2)).links
    assert "tel:3018" in links
    assert "https://3018.fr/" in links
    assert f"/{language}/contacts/" in links


@pytest.mark.parametrize("language", ["en", "fr"])
def test_step_3_cites_the_law_on_evidence_and_on_images_of_minors(client, language):
    links = outline(page(client, language, 3)).links
    for source in [SERVICE_PUBLIC_CYBERHARASSMENT, ARTICLE_427_CPP, ARTICLE_227_23]:
        assert source in links
    assert f"/{language}/guide/4/" in links
    assert "tel:3018" in links


@pytest.mark.parametrize("language", ["en", "fr"])
def test_step_4_warns_to_capture_before_blocking_and_links_platform_help(client, language):
    response = page(client, language, 4)
    links = outline(response).links
    for help_page in PLATFORM_HELP_PAGES:
        assert help_page in links
    assert f"/{language}/guide/3/" in links
    html = response.content.decode()
    warning = html.index('class="box box-warn"')
    assert warning < html.index(f'href="/{language}/guide/3/"') < html.index("<h2>")
