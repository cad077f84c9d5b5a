"""Accessibility: an axe-core scan of every public page at phone width, and the keyboard path
(skip link, visible focus)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.test_site import public_urls

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}

axe = Axe()


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {', '.join(map(str, node['target']))}" for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("url", public_urls())
def test_page_has_no_serious_accessibility_violation(page, live_server, url):
    page.goto(live_server.url + url)
    violations = axe.run(page).response["violations"]
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(f"axe on {url}:\n{describe(blocking)}")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_situation_answer_is_accessible_and_leaves_nothing_in_the_url(
    page, live_server, language
):
    """The finder's answer page, reached by answering as a person would: axe finds
    nothing serious, and the address (what history keeps) holds no answer."""
    page.goto(f"{live_server.url}/{language}/situation/")
    page.locator("input[name=danger][value=no]").check()
    page.locator("input[name=minor][value=yes]").check()
    page.locator("main form button[name=answer]").click()
    expect(page.locator(".channels")).to_be_visible()
    assert "?" not in page.url and "minor" not in page.url
    violations = axe.run(page).response["violations"]
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(f"axe on the answer:\n{describe(blocking)}")


def test_first_tab_focuses_the_skip_link_which_moves_focus_to_main(page, live_server):
    page.goto(f"{live_server.url}/en/guide/2/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    # The next Tab starts from the content, not from the top of the page again.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


FOCUS_STYLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def test_focus_indicator_is_visible_on_every_tab_stop(page, live_server):
    page.goto(f"{live_server.url}/fr/")
    for _ in range(8):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        name = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        assert focus["outline"] != "none", (name, focus)
        assert focus["width"] >= 2, (name, focus)


def test_focus_changes_what_the_reader_sees(page, live_server):
    page.goto(f"{live_server.url}/en/")
    link = page.get_by_role("navigation", name="Main menu").get_by_role("link").first
    box = link.bounding_box()
    around = {
        "x": box["x"] - 10,
        "y": box["y"] - 10,
        "width": box["width"] + 20,
        "height": box["height"] + 20,
    }
    before = page.screenshot(clip=around)
    for _ in range(10):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    expect(link).to_be_focused()
    assert page.screenshot(clip=around) != before


def test_helper_pages_have_no_serious_accessibility_violation(page, live_server, django_user_model):
    from evidence.models import Scope
    from evidence.sharing import grants
    from tests.evidence.factories import PASSWORD, add_image, make_dossier, make_helper

    alice = django_user_model.objects.create_user("alice", password=PASSWORD)
    claire = django_user_model.objects.create_user("claire", password=PASSWORD)
    dossier = make_dossier(alice)
    image = add_image(dossier)
    make_helper(dossier, claire, Scope.PDF, establishment="Collège")
    _invitation, _code = grants.invite_helper(dossier=dossier, actor=alice, scope=Scope.READ)
    base = f"{live_server.url}/fr/dossiers"
    pages = {
        "alice": [
            f"{base}/{dossier.public_id}/",
            f"{base}/{dossier.public_id}/helpers/",
            f"{base}/{dossier.public_id}/erase/",
            f"{base}/{dossier.public_id}/exhibits/{image.public_id}/erase/",
            f"{live_server.url}/fr/accounts/my-data/",
        ],
        "claire": [
            f"{base}/helping/",
            f"{base}/helping/accept/",
            f"{base}/helping/start/",
            f"{base}/claim/",
            f"{base}/{dossier.public_id}/",
            f"{base}/{dossier.public_id}/signalement/",
            f"{base}/{dossier.public_id}/rename/",  # the 403 page
        ],
    }
    for username, urls in pages.items():
        page.context.clear_cookies()
        log_in(page, live_server, username, PASSWORD)
        for url in urls:
            page.goto(url)
            violations = axe.run(page).response["violations"]
            blocking = [item for item in violations if item["impact"] in BLOCKING_IMPACTS]
            if blocking:
                pytest.fail(f"axe on {url}:\n{describe(blocking)}")
