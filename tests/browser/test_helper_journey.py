"""A CPE helps a pupil, with her consent, in two browsers side by side (in English).

Claire (CPE) starts a dossier with Alice at her side; Alice takes it over on her own
account with the code and lets Claire add exhibits; Claire adds a screenshot; Alice sees
it in her journal, then revokes Claire, whose next page is a 404.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.evidence.factories import PASSWORD, png_bytes

pytestmark = pytest.mark.browser


def field(page, label):
    return page.get_by_label(re.compile("^" + re.escape(label) + r"\s*:?$"))


@pytest.fixture
def users(django_user_model):
    for username in ("alice", "claire"):
        django_user_model.objects.create_user(username, password=PASSWORD)


def test_claire_starts_alice_claims_grants_then_revokes(browser, live_server, users, tmp_path):
    claire = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    alice = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    claire.set_default_timeout(5_000)
    alice.set_default_timeout(5_000)
    try:
        staff, pupil = claire.new_page(), alice.new_page()

        # Claire starts the dossier with Alice at her side.
        log_in(staff, live_server, "claire", PASSWORD, language="en")
        expect(staff.get_by_role("heading", level=1)).to_have_text("My dossiers")
        staff.get_by_role("link", name="Dossiers I help with").click()
        staff.get_by_role("link", name="Start a dossier with a pupil").click()
        field(staff, "A neutral title for the dossier").fill("Notes A.")
        field(staff, "Your role").fill("CPE")
        field(staff, "Your establishment").fill("Collège Jean Moulin, Lyon")
        staff.get_by_label("The pupil is with me and agrees").check()
        staff.get_by_role("button", name="Start the dossier").click()
        expect(staff.get_by_role("heading", level=1)).to_have_text("The pupil's code")
        code = staff.locator("p.code code").inner_text()
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)

        # Alice takes it over and lets Claire add exhibits.
        log_in(pupil, live_server, "alice", PASSWORD, language="en")
        expect(pupil.get_by_role("heading", level=1)).to_have_text("My dossiers")
        pupil.get_by_role("link", name="Take over the dossier").click()
        field(pupil, "Code").fill(code.lower())
        pupil.get_by_role("button", name="Continue").click()
        expect(pupil.get_by_text("was started with you by claire (CPE")).to_be_visible()
        pupil.get_by_label("See it and add exhibits").check()
        pupil.get_by_role("button", name="Take the dossier").click()
        expect(pupil.get_by_role("heading", level=1)).to_have_text("Notes A.")
        expect(pupil.get_by_role("status")).to_contain_text("The dossier is yours now.")

        # Claire adds a screenshot.
        staff.goto(f"{live_server.url}/en/dossiers/helping/")
        staff.get_by_role("link", name="Notes A.").click()
        expect(staff.get_by_text("You help alice with this dossier.")).to_be_visible()
        staff.get_by_role("link", name="Add screenshots or photos").click()
        screenshot = tmp_path / "capture.png"
        screenshot.write_bytes(png_bytes(text="insulte"))
        field(staff, "Screenshots, photos or PDF documents").set_input_files(screenshot)
        field(staff, "Date of the facts").fill("2026-11-02")
        field(staff, "Where did it happen?").select_option("snapchat")
        staff.get_by_role("button", name="Add to the dossier").click()
        expect(staff.get_by_role("status")).to_contain_text("1 file added")
        expect(staff.get_by_role("link", name="Erase for good")).to_have_count(0)

        # Alice sees who added it, then revokes Claire.
        pupil.reload()
        expect(pupil.locator("ol.exhibits > li")).to_have_count(1)
        pupil.get_by_text("Show the journal").click()
        expect(pupil.get_by_text("helper: CPE, Collège Jean Moulin, Lyon").first).to_be_visible()
        pupil.get_by_role("link", name="Manage who helps").click()
        pupil.get_by_role("button", name="Stop claire's access").click()
        expect(pupil.get_by_role("status")).to_contain_text("claire can no longer see")

        # Claire's next page is a 404.
        response = staff.reload()
        assert response.status == 404
        expect(staff.get_by_role("heading", level=1)).to_have_text("Page not found")
    finally:
        claire.close()
        alice.close()
