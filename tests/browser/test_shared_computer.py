"""On a shared family computer, the browser keeps nothing of what a child typed: a real
Chromium profile on disk, searched after the forms were sent."""

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, log_in
from tests.evidence.factories import PASSWORD, add_image, make_dossier

pytestmark = pytest.mark.browser
MARKERS = ("Zorglubette", "Marguerite-Anne", "0611223344", "Collège Bellevue-Ouest")


def test_identity_answers_are_never_saved_for_autofill(
    browser, live_server, tmp_path, django_user_model
):
    alice = django_user_model.objects.create_user("alice", password=PASSWORD)
    dossier = make_dossier(alice)
    add_image(dossier)
    profile = tmp_path / "profile"
    context = browser.browser_type.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, viewport=PHONE
    )
    try:
        page = context.new_page()
        log_in(page, live_server, "alice", PASSWORD)
        page.goto(f"{live_server.url}/fr/dossiers/{dossier.public_id}/letter/1/")
        page.locator("input[name=last_name]").fill(MARKERS[0])
        page.locator("input[name=first_names]").fill(MARKERS[1])
        page.locator("input[name=phone]").fill(MARKERS[2])
        page.locator("input[name=occupation]").fill(MARKERS[3])
        page.locator("input[name=date_of_birth]").fill("2012-03-09")
        page.locator("textarea[name=address]").fill("3 rue des Lilas\n69003 Lyon")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/letter/2/")
        # A tab and a history entry say nothing of what the page is.
        assert page.title() == "Mon espace · cyberaide"
        page.goto(f"{live_server.url}/fr/dossiers/{dossier.public_id}/letter/")
        assert page.title() == "Mon espace · cyberaide"
        for name in ("last_name", "first_names", "phone", "occupation", "address"):
            assert page.goto(f"{live_server.url}/fr/dossiers/{dossier.public_id}/letter/1/")
            field = page.locator(f"[name={name}]")
            assert field.get_attribute("autocomplete") == "off", name
    finally:
        context.close()  # the profile is written to disk
    found = [
        (path.name, marker)
        for path in Path(profile).rglob("*")
        if path.is_file()
        for marker in MARKERS
        if marker.encode() in path.read_bytes()
    ]
    assert found == []
    history = (Path(profile) / "Default" / "History").read_bytes()
    assert b"/letter/2/" in history  # the history was written...
    for telling in (b"representative", b"plainte", b"Plainte", b"repr\xc3\xa9sentant"):
        assert telling not in history, telling  # ...and tells nothing
