"""The complaint PDF, parsed back with pypdf: what an officer or a magistrate reads."""

import datetime
import hashlib
import io
import re
import socket
import threading
import time

import pytest
from django.utils import translation
from pypdf import PdfReader

from evidence import pdf, services, storage
from evidence.pdf import DossierNotReady, DossierResources, render_complaint_pdf
from tests.evidence.factories import (
    details,
    jpeg_bytes,
    make_complaint,
    make_dossier,
    make_user,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def text_of(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def dossier(django_user_model):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    # Added out of date order, on purpose.
    for day, data, name in [
        (datetime.date(2026, 10, 12), png_bytes(text="second"), "b.png"),
        (datetime.date(2026, 9, 30), jpeg_bytes(), "a.jpg"),
    ]:
        services.add_file_exhibit(
            dossier=dossier,
            actor=alice,
            uploaded_file=upload(data, name),
            details=details(occurred_on=day),
        )
    services.add_message_exhibit(
        dossier=dossier,
        actor=alice,
        text="t'es qu'un·e nul·le\nsupprime ton compte",
        details=details(occurred_on=datetime.date(2026, 10, 20), platform="whatsapp"),
    )
    services.add_link_exhibit(
        dossier=dossier,
        actor=alice,
        details=details(
            occurred_on=datetime.date(2026, 9, 1),
            platform="tiktok",
            content_url="https://www.tiktok.com/@x/video/1",
        ),
    )
    make_complaint(dossier)
    return dossier


@pytest.mark.parametrize(
    ("recipient", "expected"),
    [
        ("procureur", ["procureur de la République", "tribunal judiciaire de Lyon"]),
        ("commissariat", ["Commissariat de police de Lyon"]),
        ("gendarmerie", ["Brigade de gendarmerie de Lyon"]),
    ],
)
def test_letter_is_addressed_to_the_chosen_recipient(dossier, recipient, expected):
    make_complaint(dossier, recipient=recipient)
    _reader, text = text_of(render_complaint_pdf(dossier))
    flat = " ".join(text.split())
    for line in expected:
        assert line in flat


def test_contre_x_or_the_known_author(dossier):
    _reader, text = text_of(render_complaint_pdf(dossier))
    assert "contre X" in text
    make_complaint(dossier, authors_known=True, authors="Kevin D., @kev_du_93")
    _reader, text = text_of(render_complaint_pdf(dossier))
    assert "@kev_du_93" in text
    assert "plainte contre X" not in " ".join(text.split())


def test_exhibits_numbered_in_order_with_their_hashes_and_a_dated_chronology(dossier):
    reader, text = text_of(render_complaint_pdf(dossier))
    exhibits = list(dossier.exhibits.order_by("position"))
    headers = [
        page.extract_text().split("\n")[0]
        for page in reader.pages
        if "Pièce n°" in page.extract_text()
    ]
    numbers = [int(n) for n in re.findall(r"^Pièce n° (\d+)$", "\n".join(headers), re.MULTILINE)]
    assert numbers == list(range(1, len(exhibits) + 1))
    for exhibit in exhibits:
        assert exhibit.sha256 in text.replace("\n", "")
    chronology = text[text.index("Chronologie des faits") : text.index("Bordereau de pièces")]
    dates = re.findall(r"(\d\d)/(\d\d)/(\d{4})", chronology)
    as_dates = [datetime.date(int(y), int(m), int(d)) for d, m, y in dates]
    assert len(as_dates) == len(exhibits)
    assert as_dates == sorted(as_dates)


def test_originals_ride_inside_and_hash_to_the_stored_files(dossier):
    reader, _text = text_of(render_complaint_pdf(dossier))
    attachments = reader.attachments
    files = [exhibit for exhibit in dossier.exhibits.order_by("position") if exhibit.original_file]
    assert len(attachments) == len(files)
    attached = {hashlib.sha256(data[0]).hexdigest() for data in attachments.values()}
    assert attached == {exhibit.sha256 for exhibit in files}
    for exhibit in files:
        assert (
            hashlib.sha256(storage.read_file(dossier, exhibit.original_file)).hexdigest()
            == exhibit.sha256
        )


def test_pdf_a_3b_with_outline_and_page_numbers(dossier):
    reader, text = text_of(render_complaint_pdf(dossier))
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in metadata
    assert 'pdfaid:conformance="B"' in metadata
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    for title in [
        "Plainte",
        "Chronologie des faits",
        "Bordereau de pièces",
        "Pièces",
        "Pièce n° 1",
        "Pièce n° 4",
        "Annexe — intégrité des pièces",
    ]:
        assert title in titles
    assert f"Page 1 / {len(reader.pages)}" in text


def test_always_in_french_and_offences_only_as_chosen(dossier):
    make_complaint(dossier, offences=["harcelement_moral", "menaces"])
    with translation.override("en"):
        _reader, text = text_of(render_complaint_pdf(dossier))
    flat = " ".join(text.split())
    assert "Exposé des faits" in flat
    assert "Capture d’écran ou photo" in flat
    assert "harcèlement moral, y compris en ligne (article 222-33-2-2 du code pénal)" in flat
    assert "menaces (articles 222-17 et 222-18 du code pénal)" in flat
    assert "226-2-1" not in flat
    assert "commissaire de justice" in flat


def test_a_minor_names_the_legal_representative(dossier):
    make_complaint(
        dossier,
        date_of_birth=datetime.date.today().replace(year=datetime.date.today().year - 14),
        representative_name="Sophie Martin",
        representative_relationship="sa mère",
        partie_civile=True,
    )
    _reader, text = text_of(render_complaint_pdf(dossier))
    flat = " ".join(text.split())
    assert "Sophie Martin" in flat
    assert "mineur(e)" in flat


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"last_name": ""}, "identity is incomplete"),
        ({"recipient": ""}, "Choose who the letter is for"),
        ({"facts": ""}, "Describe what happened"),
        (
            {
                "date_of_birth": datetime.date(2013, 1, 1),
                "partie_civile": True,
                "representative_name": "",
            },
            "civil party only through a legal representative",
        ),
    ],
)
def test_bad_states_are_refused_with_a_clear_reason(dossier, change, problem):
    make_complaint(dossier, **change)
    with translation.override("en"), pytest.raises(DossierNotReady) as refused:
        render_complaint_pdf(dossier)
    assert any(problem in str(reason) for reason in refused.value.problems)


def test_a_dossier_without_exhibit_is_refused(django_user_model):
    dossier = make_dossier(make_user(django_user_model, "bob"))
    make_complaint(dossier)
    with translation.override("en"), pytest.raises(DossierNotReady) as refused:
        render_complaint_pdf(dossier)
    assert "no exhibit" in str(refused.value)


class Listener:
    """A local server that only records whether anyone connected."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while self.running:
            try:
                connection, _address = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self.running = False
        self.thread.join(timeout=2)
        self.socket.close()


def test_user_text_stays_text_and_the_renderer_fetches_nothing(dossier):
    listener = Listener()
    try:
        hostile = (
            f'<img src="file:///etc/passwd"> <link rel=stylesheet href="http://127.0.0.1:{listener.port}/x.css">'
            f'<img src="http://127.0.0.1:{listener.port}/x.png"> file:///etc/passwd '
            f"http://127.0.0.1:{listener.port}/y"
        )
        make_complaint(dossier, facts=hostile, authors_known=True, authors=hostile)
        exhibit = dossier.exhibits.order_by("position").first()
        exhibit.description = hostile
        exhibit.save(update_fields=["description"])
        _reader, text = text_of(render_complaint_pdf(dossier))
    finally:
        listener.close()
    assert listener.connections == 0
    flat = "".join(text.split())
    assert '<imgsrc="file:///etc/passwd">' in flat
    assert "root:x:0:0" not in text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.org/x.png",
        "data:text/plain,hi",
        "ftp://x/y",
    ],
)
def test_the_fetcher_refuses_every_other_url(url):
    fetcher = DossierResources({"cyberaide:exhibit/1.jpg": ("image/jpeg", b"\xff\xd8")})
    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch(url)
    assert fetcher.fetch("cyberaide:exhibit/1.jpg").read() == b"\xff\xd8"


def test_a_100000_character_unbroken_message_renders_whole_in_bounded_time(dossier):
    message = "".join(chr(ord("a") + (i * 7) % 26) for i in range(100_000))
    services.add_message_exhibit(
        dossier=dossier, actor=dossier.owner, text=message, details=details()
    )
    started = time.perf_counter()
    reader, _text = text_of(render_complaint_pdf(dossier))
    elapsed = time.perf_counter() - started
    assert elapsed < 60
    running = re.compile(r"^(Pièce n° \d+|Page \d+ / \d+|Plainte — .*)$")
    body = "".join(
        line
        for page in reader.pages
        for line in page.extract_text().split("\n")
        if not running.match(line.strip())
    )
    assert message in re.sub(r"\s|\u200b", "", body)


def test_break_opportunities_only_inside_long_tokens():
    assert pdf.with_break_opportunities("short words stay") == "short words stay"
    broken = pdf.with_break_opportunities("x" * 45)
    assert broken.replace("\u200b", "") == "x" * 45
    assert broken.count("\u200b") == 2
