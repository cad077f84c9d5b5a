"""Fixtures for the browser tests: Debian's Chromium driven by Playwright's sync API.

One browser for the whole session (starting Chromium is the slow part); a fresh context,
so fresh cookies and history, for every test. The site is served by pytest-django's
`live_server`, in this process, so the `settings` fixture reaches it.
"""

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an asyncio event loop in the main thread (in a greenlet).
# Django sees that running loop and refuses database access from the test itself
# ("You cannot call this from an async context"). The tests are plain synchronous code
# that only shares the thread with that loop, so the check does not apply to them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # The machine may be offline: no update checks, sync or other calls home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
NEUTRAL_TITLE = "Météo"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        # Fail, not skip: a skipped browser suite looks green. `make test` installs it.
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(run `make system-packages`, or `make test` which installs it). "
            "Never download a browser with `playwright install`."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    context.set_default_timeout(5_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


class NeutralSiteHandler(BaseHTTPRequestHandler):
    """An everyday page where the quick exit lands in the tests, in place of a real site."""

    def do_GET(self):
        body = (
            f'<!doctype html><html lang="fr"><head><meta charset="utf-8">'
            f"<title>{NEUTRAL_TITLE}</title></head><body><h1>{NEUTRAL_TITLE}</h1></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # keep the test output clean


@pytest.fixture(scope="session")
def neutral_site():
    """URL of a local stand-in for the neutral site (the machine may be offline)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), NeutralSiteHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def quick_exit_to_neutral_site(settings, neutral_site):
    settings.QUICK_EXIT_URL = neutral_site
    return neutral_site


def log_in(page, live_server, username, password, language="fr"):
    """Log in through the real login page, as a person would, and wait to be let in."""
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
