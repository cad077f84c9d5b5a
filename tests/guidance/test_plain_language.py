"""Pupils of 11 to 14 read the guide: short sentences, and every legal word explained.

A sentence ends at ".", "!", "?" or ";" (list items in the law's style); abbreviations
such as "a.m." only make sentences look shorter, never longer, so the check cannot hide a
long one.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from guidance.glossary import GLOSSARY
from tests.html import main_text_blocks, outline

MAX_WORDS = 30
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
WORD = re.compile(r"\w", re.UNICODE)
# Every answer at once: the finder shows all its cards (answers are sent by POST).
ALL_ANSWERS = {
    "danger": "yes",
    "visibility": "both",
    "minor": "yes",
    "intimate": "yes",
    "insults": "yes",
    "threats": "yes",
    "answer": "1",
}


def guide_pages(language):
    with translation.override(language):
        pages = [reverse("guidance:home"), reverse("guidance:law"), reverse("guidance:contacts")]
        pages += [reverse("guidance:step", args=[number]) for number in range(1, 8)]
        pages += [reverse("guidance:glossary"), reverse("guidance:situation")]
    return pages


def fetch(client, url):
    """A guide page; the finder with every answer given, so that all its cards show."""
    if url.rstrip("/").endswith("/situation"):
        response = client.post(url, ALL_ANSWERS)
        assert 'class="channels"' in response.content.decode()
        return response
    return client.get(url)


def long_sentences(blocks):
    for block in blocks:
        for sentence in SENTENCE_END.split(block):
            words = [token for token in sentence.split() if WORD.search(token)]
            if len(words) > MAX_WORDS:
                yield f"{len(words)} words: {sentence}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_sentence_on_the_guide_pages_is_over_30_words(client, language):
    too_long = []
    for url in guide_pages(language):
        response = fetch(client, url)
        assert response.status_code == 200
        too_long += [
            f"{url}: {sentence}" for sentence in long_sentences(main_text_blocks(response))
        ]
    assert not too_long, "\n".join(too_long)


def test_the_check_finds_a_long_sentence():
    blocks = ["Short one. " + " ".join(["word"] * 31) + ". Another short one."]
    assert len(list(long_sentences(blocks))) == 1


ISSUE_TERMS = {
    "procureur": "procureur de la République",
    "partie-civile": "partie civile",
    "recepisse": "récépissé",
    "tribunal-judiciaire": "tribunal judiciaire",
    "classement-sans-suite": "classement sans suite",
    "delit": "délit",
    "prescription": "prescription",
    "representant-legal": "représentant légal",
    "bordereau": "bordereau de pièces",
    "sha256": "empreinte SHA-256",
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_glossary_explains_each_legal_term(client, language):
    with translation.override(language):
        response = client.get(reverse("guidance:glossary"))
    html = response.content.decode()
    for anchor, term in ISSUE_TERMS.items():
        assert f'<dt id="{anchor}" lang="fr">{term}' in html, anchor
    assert len({entry.anchor for entry in GLOSSARY}) == len(GLOSSARY)


def glossary_anchors_linked(client, url):
    with translation.override("fr"):
        glossary = reverse("guidance:glossary")
    return {
        link.split("#", 1)[1]
        for link in outline(client.get(url)).links
        if link.startswith(glossary + "#")
    }


def test_step_7_and_the_law_page_link_each_term_to_its_explanation(client):
    with translation.override("fr"):
        step_7, law = reverse("guidance:step", args=[7]), reverse("guidance:law")
    linked = glossary_anchors_linked(client, step_7)
    for anchor in (
        "procureur",
        "tribunal-judiciaire",
        "recepisse",
        "partie-civile",
        "classement-sans-suite",
        "delit",
        "prescription",
        "representant-legal",
        "bordereau",
    ):
        assert anchor in linked, anchor
    assert {"plainte-simple", "partie-civile", "classement-sans-suite"} <= (
        glossary_anchors_linked(client, law)
    )


def test_every_glossary_link_in_the_templates_has_its_entry():
    from pathlib import Path

    anchors = {entry.anchor for entry in GLOSSARY}
    root = Path(__file__).resolve().parents[2]
    used = set()
    for template in [*root.glob("*/templates/**/*.html"), *root.glob("templates/**/*.html")]:
        used |= set(re.findall(r"\{\{ glossary_url \}\}#([\w-]+)", template.read_text()))
    assert used, "the templates link to the glossary"
    assert used <= anchors, used - anchors
