"""The renderer fetches nothing it was not given.

A local listener records every connection made to it. User text full of HTML and URLs
must come out of the PDF as text, with no connection to the listener and no local file
read; the URL fetcher itself refuses every URL except our in-memory ``cyberaide:`` ones.
"""

import datetime
import io
import re
import socket
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from evidence.pdf import context
from evidence.pdf.render import DossierResources, RefusedResource, render_complaint_pdf
from tests.evidence.factories import (
    add_file,
    add_link,
    add_message,
    make_complaint,
    make_dossier,
    make_user,
    png_bytes,
)

PASSWD = Path("/etc/passwd")


class Listener:
    """A TCP server on 127.0.0.1 (ephemeral port) that records who connected."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.requests = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while not self.stopping.is_set():
            try:
                connection, _address = self.server.accept()
            except TimeoutError:
                continue
            self.record(connection)

    def record(self, connection):
        with connection:
            connection.settimeout(0.5)
            try:
                self.requests.append(connection.recv(200))
            except OSError:
                self.requests.append(b"")

    def close(self):
        """Stop, then count the connections still waiting in the backlog."""
        self.stopping.set()
        self.thread.join(timeout=5)
        self.server.setblocking(False)
        while True:
            try:
                connection, _address = self.server.accept()
            except BlockingIOError:
                break
            self.record(connection)
        self.server.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def hostile_snippets(port):
    return [
        '<img src="file:///etc/passwd">',
        f'<link rel=stylesheet href="http://127.0.0.1:{port}/x.css">',
        f'<img src="http://127.0.0.1:{port}/x.png">',
        f"<style>@import url(http://127.0.0.1:{port}/i.css);</style>",
        f'<iframe src="http://127.0.0.1:{port}/frame"></iframe>',
        f'<object data="http://127.0.0.1:{port}/object"></object>',
        f'<a rel="attachment" href="http://127.0.0.1:{port}/attach">pièce</a>',
        f'<p style="background: url(http://127.0.0.1:{port}/bg.png)">fond</p>',
        "file:///etc/passwd",
        f"http://127.0.0.1:{port}/plain",
        "</div></section><h1>Faux titre</h1>",
    ]


def squeezed(text):
    return re.sub(r"[\s\u200b]", "", text)


@pytest.fixture
def fetched(monkeypatch):
    """Every URL the renderer asks its fetcher for, during the test."""
    urls = []
    original = DossierResources.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(DossierResources, "fetch", spy)
    return urls


@pytest.mark.django_db
def test_hostile_user_text_stays_text_and_nothing_is_fetched(django_user_model, fetched):
    dossier = make_dossier(make_user(django_user_model, "alice"))
    with Listener() as listener:
        snippets = hostile_snippets(listener.port)
        hostile = "\n".join(snippets)
        short = snippets[2]  # fits the 200 characters of an author's name
        add_file(
            dossier,
            png_bytes(),
            "capture.png",
            "image/png",
            author_name=short,
            description=hostile,
            occurred_on=datetime.date(2026, 10, 1),
        )
        add_message(dossier, hostile, author_name=short)
        add_link(dossier, f"http://127.0.0.1:{listener.port}/link", author_name=short)
        make_complaint(
            dossier,
            address=hostile,
            recipient_address=hostile,
            authors_known=True,
            authors=hostile,
            facts=hostile,
            harm=hostile,
            witnesses=hostile,
            signed_in_town=short,
        )
        data = render_complaint_pdf(dossier)
    assert listener.requests == []
    # The fetcher was only asked for the exhibit's own display copy.
    exhibit = dossier.exhibits.get(kind="image")
    assert fetched == [f"cyberaide:exhibit/{exhibit.public_id}.jpg"]

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = squeezed(text)
    for snippet in snippets:
        # In the letter (facts, authors, harm, witnesses, addresses) and in the exhibits.
        assert flat.count(squeezed(snippet)) >= 8, snippet
    assert "<img" in text
    assert "Faux titre" not in [item.title for item in reader.outline if not isinstance(item, list)]
    assert "root:x:0:0" not in text
    if PASSWD.exists():
        first_line = PASSWD.read_text().splitlines()[0]
        assert squeezed(first_line) not in flat
    # Nothing else rode inside the file: the picture's original and the message's text.
    message = dossier.exhibits.get(kind="message")
    assert list(reader.attachments) == [
        f"001-{exhibit.download_name}",
        f"002-{message.download_name}",
        "integrite.json",  # the annex, for machines: written by cyberaide, not by the text
    ]
    assert reader.attachments[f"002-{message.download_name}"] == [hostile.encode()]


HOSTILE_PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">
<style>@import url("http://127.0.0.1:{port}/i.css");
body {{ background: url(http://127.0.0.1:{port}/bg.png) }}</style></head><body>
<img src="http://127.0.0.1:{port}/x.png"><img src="file:///etc/passwd">
<img src="data:image/png;base64,iVBORw0KGgo="><img src="relative.png">
<iframe src="http://127.0.0.1:{port}/frame"></iframe>
<a rel="attachment" href="http://127.0.0.1:{port}/attach">pièce</a>
<object data="file:///etc/passwd"></object><p>texte</p></body></html>"""


def test_weasyprint_with_our_fetcher_makes_no_request_for_raw_html():
    """The second line of defence: even HTML that did reach WeasyPrint fetches nothing."""
    with Listener() as listener:
        fetcher = DossierResources({})
        HTML(
            string=HOSTILE_PAGE.format(port=listener.port),
            base_url="cyberaide:/",
            url_fetcher=fetcher,
        ).write_pdf()
    assert listener.requests == []
    port = listener.port
    for url in [
        f"http://127.0.0.1:{port}/x.css",
        f"http://127.0.0.1:{port}/i.css",
        f"http://127.0.0.1:{port}/x.png",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
    ]:
        assert url in fetcher.refused


def test_the_listener_does_see_what_weasyprint_fetches_by_default(monkeypatch):
    """Control: without our fetcher, the same page does call the listener, so the two
    tests above would notice a request."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with Listener() as listener:
        HTML(string=HOSTILE_PAGE.format(port=listener.port)).write_pdf()
    assert any(b"GET /x.png" in request for request in listener.requests)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:{port}/",
        "https://example.org/",
        "data:text/plain,hi",
        "ftp://x",
        "//127.0.0.1:{port}/x.png",
        "/etc/passwd",
        "cyberaide:exhibit/not-given.jpg",
        "CYBERAIDE:exhibit/given.jpg",
    ],
)
def test_the_fetcher_refuses_every_url_it_was_not_given(url):
    with Listener() as listener:
        url = url.format(port=listener.port)
        fetcher = DossierResources({"cyberaide:exhibit/given.jpg": ("image/jpeg", b"\xff\xd8")})
        with pytest.raises(RefusedResource, match="Refused"):
            fetcher.fetch(url)
        with pytest.raises(RefusedResource):
            fetcher(url)  # how WeasyPrint calls it
    assert listener.requests == []
    assert fetcher.refused == [url, url]


def test_the_fetcher_returns_a_resource_it_was_given():
    body = png_bytes(size=(60, 130))
    fetcher = DossierResources({"cyberaide:exhibit/abc.jpg": ("image/jpeg", body)})
    response = fetcher.fetch("cyberaide:exhibit/abc.jpg")
    assert response.read() == body
    assert response.content_type == "image/jpeg"
    assert response.url == "cyberaide:exhibit/abc.jpg"
    assert fetcher("cyberaide:exhibit/abc.jpg").read() == body
    assert fetcher.refused == []


def test_break_opportunities_only_inside_long_tokens():
    assert context.with_break_opportunities("des mots courts") == "des mots courts"
    token = "x" * 45
    broken = context.with_break_opportunities(f"lien {token} fin")
    assert broken.replace("\u200b", "") == f"lien {token} fin"
    assert broken.count("\u200b") == 2
    assert max(len(part) for part in re.split(r"[\s\u200b]", broken)) <= context.BREAK_EVERY
