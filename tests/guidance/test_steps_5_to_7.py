"""Steps 5 to 7: reporting to platforms, PHAROS, and the complaint — the key facts."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.helpers import outline


def page(client, language, number):
    with translation.override(language):
        url = reverse("guidance:step", args=[number])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_5_links_to_each_platforms_own_help(client, language):
    with translation.override(language):
        links = outline(client.get(reverse("guidance:step", args=[5]))).links
    hosts = {
        re.sub(r"^https://([^/]+)/.*$", r"\1", link)
        for link in links
        if link.startswith("https://")
    }
    platforms = {
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
    assert platforms <= hosts


@pytest.mark.parametrize("language", ["fr", "en"])
def test_step_6_gives_the_pharos_address_and_its_limits(client, language):
    html = page(client, language, 6)
    assert "www.internet-signalement.gouv.fr" in html
    assert 'href="https://www.internet-signalement.gouv.fr/"' in html
    private = {"fr": "messages privés", "en": "Private messages"}[language]
    assert private in html
    assert 'href="tel:17"' in html


def test_step_7_names_the_three_places_in_french(client):
    html = page(client, "fr", 7)
    assert "commissariat de police" in html
    assert "brigade de gendarmerie" in html
    assert "procureur de la République" in html
    assert "récépissé" in html
    assert "contre X" in html
    assert "<strong>3 mois</strong>" in html
    assert "6 ans" in html


def test_step_7_in_english_keeps_the_french_names_the_victim_will_meet(client):
    html = page(client, "en", 7)
    for name in (
        "commissariat de police",
        "brigade de gendarmerie",
        "procureur de la République",
        "récépissé",
        "contre X",
    ):
        assert name in html
    assert "<strong>3 months</strong>" in html


@pytest.mark.parametrize("number", [5, 6, 7])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_3018_and_previous_next_links(client, language, number):
    html = page(client, language, number)
    assert 'href="tel:3018"' in html
    with translation.override(language):
        previous_url = reverse("guidance:step", args=[number - 1])
    assert f'href="{previous_url}" rel="prev"' in html
