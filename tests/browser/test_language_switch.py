"""The language switch keeps the reader on the same page, in the other language."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_french_guide_step_to_english(page, live_server):
    page.goto(f"{live_server.url}/fr/guide/4/")
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/en/guide/4/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_english_law_page_to_french(page, live_server):
    page.goto(f"{live_server.url}/en/law/")
    page.get_by_role("link", name="Français", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/fr/loi/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
