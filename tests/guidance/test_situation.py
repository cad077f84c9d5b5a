"""The situation finder: the order of the channels, and the page through the client."""

import pytest
from django.urls import reverse
from django.utils import translation

from guidance.channels import recommend_channels


def keys(**answers):
    with translation.override("en"):
        return [channel.key for channel in recommend_channels(**answers)]


def test_danger_comes_first_and_the_complaint_last():
    order = keys(danger="yes", visibility="public", minor="yes", insults="yes")
    assert order[0] == "emergency"
    assert order.index("evidence") == 1
    assert order.index("complaint") > order.index("pharos")
    assert order[-2:] == ["complaint", "support"]


def test_pharos_only_for_public_content():
    assert "pharos" in keys(visibility="public")
    assert "pharos" in keys(visibility="both")
    assert "pharos" in keys(visibility="unsure")
    assert "pharos" not in keys(visibility="private")


def test_insults_bring_the_three_month_warning():
    assert "press_law_deadline" in keys(insults="yes")
    assert "press_law_deadline" not in keys(insults="no")


def test_a_minor_is_told_to_talk_to_an_adult_and_the_3018_before_the_complaint():
    order = keys(minor="yes")
    assert order.index("trusted_adult") < order.index("complaint")
    assert "trusted_adult" not in keys(minor="no")


def test_intimate_images_and_no_danger():
    order = keys(intimate="yes", danger="no")
    assert "intimate_images" in order
    assert "emergency" not in order


def situation_url(language):
    with translation.override(language):
        return reverse("guidance:situation")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_empty_page_shows_the_questions_and_no_answer(client, language):
    response = client.get(situation_url(language))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="danger"' in html and 'name="visibility"' in html
    assert 'class="channels"' not in html


def test_answers_show_the_channels_in_order(client):
    answers = {
        "danger": "no",
        "visibility": "public",
        "minor": "yes",
        "intimate": "no",
        "insults": "yes",
        "threats": "no",
        "answer": "1",
    }
    html = client.post(situation_url("fr"), answers).content.decode()
    assert 'class="channels"' in html
    assert html.index("PHAROS") < html.index("Porter plainte")
    assert "3 mois" in html
    assert "3018" in html


def test_danger_answer_puts_the_emergency_numbers_in_a_box_on_top(client):
    html = client.post(situation_url("en"), {"danger": "yes", "answer": "1"}).content.decode()
    results = html[html.index('class="channels"') :]
    assert results.index("Call 17 or 112 now") < results.index("Keep the evidence")
    assert 'class="channel box box-alert"' in results


def test_garbage_answers_get_a_translated_error_not_a_crash(client):
    response = client.post(
        situation_url("fr"), {"danger": "<script>", "visibility": "42", "answer": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in html
    assert "<script>" not in html
    assert 'class="channels"' not in html


def test_answers_in_a_link_are_never_read(client):
    """An old link with answers in its query shows the questions, not a result: answers
    travel only in a form's body."""
    html = client.get(situation_url("fr") + "?danger=yes&answer=1").content.decode()
    assert 'class="channels"' not in html
    assert 'method="post"' in html
