"""Guide pages are kept for visitors without cookies, and only for them."""

import pytest
from django.core.cache import cache
from django.middleware.csrf import get_token

from guidance import views


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def renders(monkeypatch):
    """Counts the pages the guidance views really render."""
    count = []
    real_render = views.render

    def counting_render(request, *args, **kwargs):
        count.append(request.path)
        return real_render(request, *args, **kwargs)

    monkeypatch.setattr(views, "render", counting_render)
    return count


def test_a_guide_page_is_rendered_once_for_visitors_without_cookies(client, db, renders):
    first = client.get("/fr/guide/3/")
    second = client.get("/fr/guide/3/")
    assert renders == ["/fr/guide/3/"]
    assert second.status_code == 200
    assert second.content == first.content
    assert "Cookie" in second.headers["Vary"]
    # Kept on the server only: no browser or proxy copy that outlives a login.
    assert "max-age" not in second.headers.get("Cache-Control", "")
    assert "Expires" not in second.headers


def test_each_page_and_language_has_its_own_copy(client, db, renders):
    urls = ["/fr/guide/3/", "/fr/guide/4/", "/en/guide/3/"]
    pages = [client.get(url).content.decode() for url in urls + urls]
    assert renders == urls
    assert pages[3:] == pages[:3]
    assert '<html lang="fr">' in pages[0] and "/fr/guide/3/" in pages[0]
    assert '<html lang="fr">' in pages[1] and "/fr/guide/4/" in pages[1]
    assert '<html lang="en">' in pages[2]


def test_a_logged_in_visitor_neither_gets_nor_leaves_a_copy(client, db, django_user_model):
    client.get("/fr/guide/3/")
    alice = django_user_model.objects.create_user("alice", password="a long passphrase 42")
    client.force_login(alice)
    logged_in = client.get("/fr/guide/3/")
    assert 'name="csrfmiddlewaretoken"' in logged_in.content.decode()
    assert "no-store" in logged_in.headers["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert 'name="csrfmiddlewaretoken"' not in client.get("/fr/guide/3/").content.decode()


@pytest.mark.parametrize(
    ("url", "cookies"),
    [
        ("/fr/situation/", {}),  # a form: never kept
        ("/fr/guide/3/?from=home", {}),
        ("/fr/guide/3/", {"messages": "anything"}),
    ],
)
def test_pages_rendered_every_time(client, db, renders, url, cookies):
    client.cookies.load(cookies)
    client.get(url)
    client.get(url)
    assert len(renders) == 2


def test_a_page_that_hands_out_a_csrf_token_is_not_kept(client, db, renders, monkeypatch):
    counting_render = views.render

    def render_with_a_form(request, *args, **kwargs):
        get_token(request)
        return counting_render(request, *args, **kwargs)

    monkeypatch.setattr(views, "render", render_with_a_form)
    first = client.get("/fr/guide/3/")
    assert "csrftoken" in first.cookies
    client.cookies.clear()  # the next visitor has no cookie either
    client.get("/fr/guide/3/")
    assert len(renders) == 2
