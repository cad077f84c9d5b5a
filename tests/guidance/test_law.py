"""The law page: every offence of the table, the deadlines, the sources and their date."""

import pytest
from django.urls import reverse
from django.utils import translation

ARTICLES = [
    "222-33-2-2",
    "222-33-2-3",
    "226-2-1",
    "226-8-1",
    "226-4-1",
    "222-16",
    "222-17",
    "222-18",
    "223-1-1",
    "2022-299",
    "312-10",
    "227-23",
    # Added after the legal review of 1 December 2026.
    "227-22-2",
    "222-33<",
    "222-33-2-1",
    "222-33-3",
    "223-13",
    "131-35-1",
]


def law_page(client, language):
    with translation.override(language):
        url = reverse("guidance:law")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_offence_and_article_is_listed(client, language):
    html = law_page(client, language)
    for article in ARTICLES:
        assert article in html, article
    assert "29 juillet 1881" in html


def test_deadlines_in_french(client):
    html = law_page(client, "fr")
    assert "<strong>3 mois</strong>" in html
    assert "<strong>6 ans</strong>" in html
    # The two Cour de cassation numbers cited earlier could not be found: article 65
    # al. 2 of the 1881 law is the source.
    assert "22-81.814" not in html and "22-82.838" not in html
    assert "n’arrête <strong>pas</strong> ce délai" in html
    assert "article 65, alinéa 2" in html


def test_penalties_match_the_sources(client):
    html = law_page(client, "en")
    assert "3 years and €45,000" in html  # online harassment of a minor
    assert "10 years and €150,000" in html  # school harassment leading to suicide
    assert "2 years and €60,000" in html  # sexual images without consent


@pytest.mark.parametrize("language", ["fr", "en"])
def test_table_is_accessible_and_sources_are_dated(client, language):
    html = law_page(client, language)
    assert "<caption>" in html
    assert '<th scope="col">' in html and '<th scope="row">' in html
    assert {"fr": "vérifiées le 1er décembre 2026", "en": "checked on 1 December 2026"}[
        language
    ] in html
    assert "https://www.service-public.fr/particuliers/vosdroits/F32239" in html
