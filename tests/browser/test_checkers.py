"""Checkers nobody here wrote, over every page of both languages, for a visitor, a pupil
and a member of school staff, and over every form sent back with errors:

- axe-core in Debian's Chromium at phone size: no violation, whatever its impact;
- the Nu HTML checker (``vnu.jar`` from npm, run with Debian's Java): no error;
- pa11y (WCAG 2 AA, HTML_CodeSniffer) over the public pages: no error.

The tools come from ``tools/a11y`` (``make a11y-tools``, which ``make test`` runs).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from tests.browser.test_accessibility import describe
from tests.pages import (
    NOT_A_PAGE,
    PUPIL,
    STAFF,
    VISITOR,
    make_world,
    prepare_session,
    refused_posts,
    site_pages,
    url_names,
)

pytestmark = pytest.mark.browser

TOOLS = Path(django_settings.BASE_DIR) / "tools" / "a11y" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = Path(django_settings.BASE_DIR) / "tools" / "a11y" / "pa11y-pages.js"
LANGUAGES = ("fr", "en")

axe = Axe()


def need(path, what):
    if not path.exists():
        # Fail, not skip: a skipped checker looks green.
        pytest.fail(f"{path} is missing: {what} (run `make a11y-tools`, or `make test`).")


@pytest.fixture
def world(django_user_model, settings):
    settings.CYBERAIDE_EMAIL_ENABLED = True  # so that the reset-by-e-mail pages exist
    return make_world(django_user_model)


def clients(world):
    """A test client per person, logged in, with what their pages need in the session."""
    found = {VISITOR: Client()}
    for who in (PUPIL, STAFF):
        client = Client()
        client.force_login(world[who])
        session = client.session
        prepare_session(session, world, who)
        found[who] = client
    return found


def every_page(world):
    for language in LANGUAGES:
        with translation.override(language):
            yield from ((language, page) for page in site_pages(world))


def every_refusal(world):
    for language in LANGUAGES:
        with translation.override(language):
            yield from ((language, page) for page in refused_posts(world))


def fetch(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, f"{page}: {response.status_code}"
    return response.content.decode()


def refused(client, page):
    """The page a form comes back as when sent empty; None for a letter step whose
    fields may all be left empty (it is saved as it is)."""
    response = client.post(page.url, {})
    if response.status_code == 302 and page.name == "evidence:letter_step":
        return None
    assert response.status_code == 400, f"{page}: {response.status_code}"
    html = response.content.decode()
    assert "error-summary" in html, page
    return html


@pytest.mark.django_db
def test_every_page_is_checked(world):
    listed = {page.name for _language, page in every_page(world)}
    assert url_names() == listed | set(NOT_A_PAGE)
    assert listed.isdisjoint(NOT_A_PAGE)


@pytest.mark.django_db
def test_the_nu_html_checker_finds_no_error(world, tmp_path):
    need(VNU, "the Nu HTML checker")
    java = shutil.which("java")
    assert java, "Java is missing: `make system-packages` installs Debian's"
    by_file = {}
    people = clients(world)
    for number, (language, page) in enumerate(every_page(world)):
        path = tmp_path / f"page-{number}.html"
        path.write_text(fetch(people[page.who], page))
        by_file[path.name] = f"{language} {page}"
    for number, (language, page) in enumerate(every_refusal(world)):
        html = refused(people[page.who], page)
        if html is not None:
            path = tmp_path / f"refused-{number}.html"
            path.write_text(html)
            by_file[path.name] = f"{language} {page} (sent back with errors)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(by_file)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    report = [
        f"{by_file[Path(message['url']).name]}:{message.get('lastLine')}: {message['message']}"
        for message in messages
    ]
    assert not report, "\n".join(report)


@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_violation_on_any_page(world, browser, live_server):
    people = clients(world)
    contexts = {}
    for who, client in people.items():
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
        cookie = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
        if cookie:
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        contexts[who] = context.new_page()
    found, checked = [], 0
    try:
        for language, page in every_page(world):
            tab = contexts[page.who]
            if page.who != VISITOR:
                # A code shown once was taken by the other language's visit: put it back.
                prepare_session(people[page.who].session, world, page.who)
            tab.goto(live_server.url + page.url)
            violations = axe.run(tab).response["violations"]
            checked += 1
            if violations:
                found.append(f"{language} {page}:\n{describe(violations)}")
        for language, page in every_refusal(world):
            html = refused(people[page.who], page)
            if html is None:
                continue
            tab = contexts[page.who]
            tab.route(live_server.url + page.url, serve(html))
            tab.goto(live_server.url + page.url)
            tab.unroute(live_server.url + page.url)
            violations = axe.run(tab).response["violations"]
            checked += 1
            if violations:
                found.append(f"{language} {page} (sent back with errors):\n{describe(violations)}")
    finally:
        for tab in contexts.values():
            tab.context.close()
    assert checked > 100
    assert not found, "\n\n".join(found)


def serve(html):
    """A route handler that answers with the page the test client was sent back."""

    def handler(route):
        route.fulfill(status=400, body=html, content_type="text/html; charset=utf-8")

    return handler


@pytest.mark.django_db(transaction=True)
def test_pa11y_finds_no_wcag2aa_error_on_the_public_pages(world, live_server):
    need(PA11Y.parent / "node_modules" / "pa11y", "pa11y")
    node = shutil.which("node")
    assert node, "Node.js is missing: `make system-packages` installs Debian's"
    urls = [
        live_server.url + page.url for _language, page in every_page(world) if page.who == VISITOR
    ]
    result = subprocess.run(
        [node, str(PA11Y), *urls], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr
    issues = json.loads(result.stdout)
    assert len(issues) == len(urls) > 30
    report = [
        f"{url}: {issue['code']}: {issue['message']} ({issue['selector']})"
        for url, found in issues.items()
        for issue in found
    ]
    assert not report, "\n".join(report)
