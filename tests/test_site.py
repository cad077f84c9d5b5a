"""Site-wide guards: every public page, both languages, headers, catalogs, migrations."""

import gettext
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.html import outline

BASE_DIR = Path(__file__).resolve().parent.parent
LANGUAGES = ["fr", "en"]


def public_url_names():
    """Every page of the guide, from its URL configuration: a page added there is checked
    here without anyone listing it (the step pages once for each step)."""
    from guidance.content import STEPS
    from guidance.urls import app_name, urlpatterns

    names = []
    for pattern in urlpatterns:
        name = f"{app_name}:{pattern.name}"
        if pattern.pattern.converters:
            names += [(name, (step.number,)) for step in STEPS]
        else:
            names.append((name, ()))
    return names


def test_the_public_url_list_is_the_guides_whole_url_configuration():
    names = {name for name, _args in public_url_names()}
    assert {"guidance:home", "guidance:law", "guidance:glossary", "guidance:step"} <= names
    assert len([1 for name, _args in public_url_names() if name == "guidance:step"]) == 7


def public_urls():
    urls = []
    for language in LANGUAGES:
        with translation.override(language):
            urls += [reverse(name, args=args) for name, args in public_url_names()]
    return urls


@pytest.mark.parametrize("url", public_urls())
def test_public_page_answers_with_one_h1(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert outline(response).h1_count == 1


@pytest.mark.parametrize("url", public_urls())
def test_public_page_loads_nothing_from_another_host(client, url):
    resources = outline(client.get(url)).resources
    assert resources, "every page loads at least its stylesheet"
    for tag, attribute, value in resources:
        assert value.startswith("/") and not value.startswith("//"), (tag, attribute, value)


@pytest.mark.parametrize("url", public_urls())
def test_public_page_shows_emergency_numbers_and_3018(client, url):
    html = client.get(url).content.decode()
    assert 'href="tel:17"' in html
    assert 'href="tel:112"' in html
    assert 'href="tel:3018"' in html
    assert 'id="quick-exit"' in html


def test_no_template_references_an_external_host_in_a_resource():
    pattern = re.compile(
        r"<(script|img|iframe|frame|source|link|embed|object)\b[^>]*(src|href|data)=\"(https?:)?//",
        re.IGNORECASE,
    )
    for template in BASE_DIR.glob("*/templates/**/*.html"):
        assert not pattern.search(template.read_text()), template
    for template in (BASE_DIR / "templates").glob("**/*.html"):
        assert not pattern.search(template.read_text()), template


@pytest.mark.parametrize("url", ["/fr/", "/en/guide/3/", "/exit/", "/fr/nowhere/"])
def test_security_headers_on_every_response(client, url, db):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-GB,en;q=0.9", "/en/"), ("fr-FR,fr;q=0.9", "/fr/"), ("de-DE", "/fr/"), ("", "/fr/")],
)
def test_root_redirects_by_browser_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_unknown_step_is_404(client):
    assert client.get("/fr/guide/0/").status_code == 404
    assert client.get("/fr/guide/8/").status_code == 404


def test_language_switch_links_to_the_same_page(client):
    links = outline(client.get("/fr/guide/4/")).links
    assert "/en/guide/4/" in links
    links = outline(client.get("/en/law/")).links
    assert "/fr/loi/" in links


def test_quick_exit_logs_out_and_leaves_for_the_neutral_site(client, django_user_model, settings):
    settings.QUICK_EXIT_URL = "https://neutral.example/"
    user = django_user_model.objects.create_user("alice", password="a long passphrase 42")
    client.force_login(user)
    response = client.get("/exit/")
    assert response.status_code == 302
    assert response.headers["Location"] == "https://neutral.example/"
    assert "no-store" in response.headers["Cache-Control"]
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("fetch_site", "logged_out"), [("same-origin", True), ("none", True), ("cross-site", False)]
)
def test_another_site_cannot_log_anyone_out_through_the_quick_exit(
    client, django_user_model, settings, fetch_site, logged_out
):
    settings.QUICK_EXIT_URL = "https://neutral.example/"
    user = django_user_model.objects.create_user("alice", password="a long passphrase 42")
    client.force_login(user)
    response = client.get("/exit/", headers={"Sec-Fetch-Site": fetch_site})
    assert response.headers["Location"] == "https://neutral.example/"
    assert ("_auth_user_id" not in client.session) is logged_out


def test_no_pending_migrations(db):
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_compiled(language):
    po = BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    text = po.read_text()
    assert "#, fuzzy" not in text.split("\n\n", 1)[1]
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 1


def test_catalog_covers_every_string_in_the_code(tmp_path):
    """makemessages finds no msgid that the committed French catalog lacks."""
    result = subprocess.run(
        [
            "msgcmp",
            "--use-untranslated",
            str(BASE_DIR / "locale/fr/LC_MESSAGES/django.po"),
            str(extract_template(tmp_path)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def extract_template(tmp_path):
    """Run makemessages into a scratch copy of the locale folder and return the new .po."""
    scratch = tmp_path / "project"
    shutil.copytree(
        BASE_DIR,
        scratch,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "tests", "bench", "__pycache__"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--ignore=.venv",
            "-v",
            "0",
        ],
        cwd=scratch,
        check=True,
    )
    return scratch / "locale/fr/LC_MESSAGES/django.po"


def test_english_catalog_is_the_msgids_themselves():
    """The msgids are English: a fuzzy match or a stale string must never stand in."""
    with (BASE_DIR / "locale/en/LC_MESSAGES/django.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    wrong = []
    for key, value in catalog.items():
        if key == "":
            continue
        if isinstance(key, tuple):  # plural: (msgid, index)
            continue
        msgid = key.split("\x04", 1)[-1]
        if value != msgid:
            wrong.append((msgid, value))
    assert wrong == []


@pytest.mark.parametrize(
    ("url", "heading"),
    [("/fr/nulle-part/", "Page introuvable"), ("/en/nowhere/", "Page not found")],
)
def test_an_unknown_address_gets_a_translated_page_not_found(client, db, url, heading):
    response = client.get(url)
    assert response.status_code == 404
    assert outline(response).h1_count == 1
    assert f"<h1>{heading}</h1>" in response.text
