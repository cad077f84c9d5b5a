"""A phone at 320 px, with a touch screen: nothing scrolls sideways, no keyboard hint."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, log_in
from tests.evidence.factories import PASSWORD, make_dossier

pytestmark = pytest.mark.browser
NARROW = {"width": 320, "height": 640}


def test_nothing_scrolls_sideways_at_320_px(browser, live_server, django_user_model):
    alice = django_user_model.objects.create_user("alice", password=PASSWORD)
    # A title of one long word, as a pupil might type it.
    dossier = make_dossier(alice, "Harcèlementsurlesréseauxdepuislarentréeenseptembre")
    context = browser.new_context(viewport=NARROW, locale="fr-FR")
    try:
        page = context.new_page()
        log_in(page, live_server, "alice", PASSWORD)
        for path in (
            f"/fr/dossiers/{dossier.public_id}/",
            f"/fr/dossiers/{dossier.public_id}/add/files/",
            "/fr/contacts/",
        ):
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= NARROW["width"], (path, width)
    finally:
        context.close()


def test_the_esc_hint_is_for_keyboards_only(browser, live_server):
    touch = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="fr-FR")
    desk = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    try:
        on_phone, on_desk = touch.new_page(), desk.new_page()
        for page in (on_phone, on_desk):
            page.goto(f"{live_server.url}/fr/")
        expect(on_phone.locator(".quick-exit-hint")).to_be_hidden()
        expect(on_desk.locator(".quick-exit-hint")).to_be_visible()
    finally:
        touch.close()
        desk.close()
