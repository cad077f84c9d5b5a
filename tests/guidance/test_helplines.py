"""One source for the helplines: the footer of every page, the lockout page, the minor
box, the upload warning and the finder all read ``guidance.content.CONTACTS``."""

import dataclasses
import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from guidance.content import CONTACTS_BY_NUMBER
from tests.evidence.factories import PASSWORD, make_dossier, make_user

pytestmark = pytest.mark.django_db

MARK = "HOURS-FROM-THE-ONE-SOURCE"


@pytest.fixture
def changed_hours(monkeypatch):
    """The 3018's and France Victimes' hours changed in the source, and only there."""
    for dial in ("3018", "116006"):
        contact = CONTACTS_BY_NUMBER[dial]
        monkeypatch.setitem(CONTACTS_BY_NUMBER, dial, dataclasses.replace(contact, hours=MARK))


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_every_place_that_gives_the_3018s_hours_reads_them_from_the_source(
    client, django_user_model, changed_hours
):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    client.force_login(alice)  # a cookie: the guide's pages are rendered afresh
    pages = {
        "footer": en("guidance:step", 3),
        "minor box": en("evidence:dossier_detail", dossier.public_id),
        "upload warning": en("evidence:add_files", dossier.public_id),
        "finder": en("guidance:situation"),
    }
    for where, url in pages.items():
        # The finder answers a form sent by POST; the other pages are simply opened.
        answers = {"minor": "yes", "answer": "1"}
        response = client.post(url, answers) if where == "finder" else client.get(url)
        html = response.content.decode()
        body = html.split('<footer class="site-footer">')[0] if where != "footer" else html
        assert MARK in body, where


def test_the_lockout_page_gives_the_configured_cool_off_and_the_3018(
    client, django_user_model, settings, changed_hours
):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=40)
    make_user(django_user_model, "alice")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(en("accounts:login"), {"username": "alice", "password": "wrong"})
    locked = client.post(en("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    html = locked.content.decode()
    main = html.split('<footer class="site-footer">')[0]
    assert "paused on this connection for 40 minutes. Try again then." in main
    assert "15 minutes" not in main
    assert MARK in main and 'href="tel:3018"' in main


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_footer_lists_each_helpline_with_its_hours(client, language):
    with translation.override(language):
        html = client.get(reverse("guidance:home")).content.decode()
        footer = html.split('<footer class="site-footer">')[1]
        for dial in ("3018", "119", "3114", "116006"):
            contact = CONTACTS_BY_NUMBER[dial]
            assert f'href="tel:{dial}"' in footer
            assert f"{contact.short}, {contact.hours}" in footer


def test_the_contacts_page_headings_do_not_skip_a_level(client):
    import itertools
    import re

    html = client.get(en("guidance:contacts")).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    levels = [int(level) for level in re.findall(r"<h([1-6])", main)]
    assert levels[0] == 1 and 2 in levels
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
