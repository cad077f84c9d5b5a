"""Steps 5 to 7: reporting to platforms, PHAROS, and the complaint — the key facts.

Assertions look only inside <main>: the header and footer carry the emergency numbers
and the 3018 on every page, so a check on the whole page could not fail.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from tests.html import PageOutline

PLATFORM_HOSTS = {
    "help.instagram.com",
    "support.tiktok.com",
    "help.snapchat.com",
    "faq.whatsapp.com",
    "support.discord.com",
    "support.google.com",
    "help.x.com",
    "www.facebook.com",
    "help.twitch.tv",
    "en.help.roblox.com",
}


def main_content(client, language, number):
    with translation.override(language):
        url = reverse("guidance:step", args=[number])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    start, end = html.index("<main"), html.index("</main>")
    return html[start:end]


def section(html, heading):
    """The HTML from the <h2> with this text to the next <h2>."""
    start = html.index(f"<h2>{heading}</h2>")
    following = html.find("<h2", start + 1)
    return html[start : following if following != -1 else len(html)]


def external_hosts(html):
    outline = PageOutline()
    outline.feed(html)
    return {urlsplit(link).hostname for link in outline.links if link.startswith("https://")}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_5_links_to_each_platforms_own_help(client, language):
    html = main_content(client, language, 5)
    found = PLATFORM_HOSTS & external_hosts(html)
    assert len(found) >= 8, sorted(found)
    assert found == PLATFORM_HOSTS


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_5_external_links_do_not_leak_the_referrer(client, language):
    html = main_content(client, language, 5)
    external = re.findall(r'<a href="https://[^"]*"[^>]*>', html)
    assert len(external) >= 12
    for tag in external:
        assert 'rel="noopener noreferrer"' in tag, tag


def test_step_5_explains_the_dsa_and_the_trusted_flagger_in_english(client):
    html = main_content(client, "en", 5)
    assert "Digital Services Act" in html
    assert "signaleur de confiance" in html
    assert 'href="https://www.cnil.fr/"' in html
    assert "€15,000" in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_6_gives_the_pharos_address(client, language):
    html = main_content(client, language, 6)
    assert "www.internet-signalement.gouv.fr" in html
    assert 'href="https://www.internet-signalement.gouv.fr/"' in html


@pytest.mark.parametrize(
    ("language", "heading", "private_dispute", "takes_some_private", "no_insults"),
    [
        (
            "fr",
            "Ce que PHAROS ne prend pas en charge",
            "Un différend privé avec quelqu’un que vous connaissez",
            "propositions sexuelles faites à un mineur par messagerie",
            "ne peuvent pas utiliser PHAROS",
        ),
        (
            "en",
            "What PHAROS does not take",
            "A private dispute with someone you know",
            "sexual propositions made to a minor by messaging",
            "cannot use PHAROS",
        ),
    ],
)
def test_step_6_says_which_private_content_pharos_takes(
    client, language, heading, private_dispute, takes_some_private, no_insults
):
    html = main_content(client, language, 6)
    not_taken = section(html, heading)
    # "Private messages" was too broad: PHAROS takes sexual propositions to a minor.
    assert private_dispute in not_taken
    assert no_insults in not_taken  # service-public F31979
    assert 'href="tel:17"' in not_taken
    assert takes_some_private in html.split(heading)[0]


def test_step_7_names_the_three_ways_in_french(client):
    html = main_content(client, "fr", 7)
    ways = section(html, "Trois façons de porter plainte")
    assert "commissariat de police" in ways
    assert "brigade de gendarmerie" in ways
    assert "procureur de la République" in ways
    assert "visioplainte" in ways and "Ma Sécurité" in ways and "FranceConnect" in ways
    assert "récépissé" in html
    assert "contre X" in html
    assert "<strong>3 mois</strong>" in html
    assert "6 ans" in html


def test_step_7_in_english_keeps_the_french_names_the_victim_will_meet(client):
    html = main_content(client, "en", 7)
    ways = section(html, "Three ways to file a complaint")
    assert ways.count("<li>") == 3
    assert "police station (commissariat de police)" in ways
    assert "gendarmerie (brigade de gendarmerie)" in ways
    assert "<strong>By letter</strong> to the procureur de la République" in ways
    assert "<strong>By video</strong>" in ways
    assert '#recepisse">récépissé</a>' in html
    assert "“contre X” (against a person unknown)" in html
    assert "<strong>3 months</strong>" in html
    assert "6 years" in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_7_warns_that_a_simple_complaint_does_not_stop_the_clock(client, language):
    html = main_content(client, language, 7)
    warning = html[html.index('<div class="box box-alert">') :]
    warning = warning[: warning.index("</div>")]
    assert "constitution de partie civile" in warning
    assert "citation directe" in warning
    assert 'href="tel:116006"' in warning


@pytest.mark.parametrize("number", [5, 6, 7])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_3018_in_the_step_itself(client, language, number):
    html = main_content(client, language, number)
    assert 'href="tel:3018"' in html


CHECKED = {
    "november": {"fr": "Vérifié en novembre 2026", "en": "Checked in November 2026"},
    "december": {"fr": "Vérifié le 1er décembre 2026", "en": "Checked on 1 December 2026"},
}


# Steps 6 and 7 were corrected after the legal review of 1 December 2026.
@pytest.mark.parametrize(("number", "when"), [(5, "november"), (6, "december"), (7, "december")])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_legal_sources_and_the_date_they_were_checked(client, language, number, when):
    html = main_content(client, language, number)
    source = html[html.index('<p class="source">') :]
    assert "service-public.fr/particuliers/vosdroits/F" in source
    assert CHECKED[when][language] in source


@pytest.mark.parametrize("number", [5, 6, 7])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_previous_step_link(client, language, number):
    with translation.override(language):
        previous_url = reverse("guidance:step", args=[number - 1])
    assert f'href="{previous_url}" rel="prev"' in main_content(client, language, number)
