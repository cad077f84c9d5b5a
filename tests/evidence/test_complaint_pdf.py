"""The complaint PDF, parsed back with pypdf: what an officer or a magistrate will read.

Every test renders the real PDF (about half a second each) from a dossier whose exhibits
were added out of date order, so "Pièce n° k" (the dossier's order) and the chronology
(the order of the facts) differ.
"""

import datetime
import hashlib
import io
import random
import re
import string
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pypdf
import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from evidence.custody import storage
from evidence.letter.offences import OFFENCES, OFFENCES_BY_KEY
from evidence.models import Platform
from evidence.pdf.context import DossierNotReady
from evidence.pdf.render import render_complaint_pdf
from evidence.services import exhibits as exhibit_services
from tests.evidence.factories import (
    add_file,
    add_link,
    add_message,
    jpeg_bytes,
    make_complaint,
    make_dossier,
    make_user,
    png_bytes,
)

pytestmark = pytest.mark.django_db

PNG = png_bytes(text="capture Instagram")
JPEG = jpeg_bytes()
MESSAGE = "t'es qu'un·e nul·le\nsupprime ton compte ou je viens"
PIECE_HEADER = re.compile(r"^Pièce n° (\d+)$")
RUNNING = re.compile(r"^(Pièce n° \d+|Page \d+ / \d+|Plainte — .*)$")
PDFAID = "http://www.aiim.org/pdfa/ns/id/"


@dataclass
class RenderedPdf:
    data: bytes
    reader: PdfReader
    pages: list

    @property
    def text(self):
        return "\n".join(self.pages)

    @property
    def flat(self):
        """The text with every run of whitespace made one space (lines rejoined; a line
        may break after a hyphen, as in "ci-dessous")."""
        return " ".join(self.text.replace("-\n", "-").split())

    def squeezed(self, text=None):
        """The text without any whitespace or zero-width space: hashes split over lines
        in narrow table cells, and long words broken for display, become whole again."""
        return re.sub(r"[\s\u200b]", "", self.text if text is None else text)

    def exhibit_pages(self):
        """{k: text of the first page headed "Pièce n° k"}, in page order."""
        found = {}
        for page in self.pages:
            match = PIECE_HEADER.match(page.split("\n", 1)[0])
            if match:
                found.setdefault(int(match.group(1)), page)
        return found

    def section(self, start, end):
        """The text from the first ``start`` to the next ``end``."""
        begin = self.text.index(start)
        return self.text[begin : self.text.index(end, begin)]


def read_pdf(data):
    reader = PdfReader(io.BytesIO(data))
    return RenderedPdf(data, reader, [page.extract_text() for page in reader.pages])


def render(dossier):
    return read_pdf(render_complaint_pdf(dossier))


@pytest.fixture
def dossier(django_user_model):
    """Four exhibits of four kinds, added out of date order. In date order (the
    chronology) they are: n° 4, n° 2, n° 3 (10:12 09:30), n° 1 (10:12 14:05)."""
    dossier = make_dossier(make_user(django_user_model, "alice"), title="Harcèlement Lucas")
    add_file(
        dossier,
        PNG,
        "IMG_2041.png",
        "image/png",
        occurred_on=datetime.date(2026, 10, 12),
        occurred_time=datetime.time(14, 5),
        platform=Platform.INSTAGRAM,
        author_name="@insta_troll",
    )
    add_file(
        dossier,
        JPEG,
        "photo.jpg",
        "image/jpeg",
        occurred_on=datetime.date(2026, 9, 30),
        platform=Platform.ONLINE_GAME,
    )
    add_message(
        dossier,
        MESSAGE,
        occurred_on=datetime.date(2026, 10, 12),
        occurred_time=datetime.time(9, 30),
        platform=Platform.WHATSAPP,
    )
    add_link(
        dossier,
        "https://www.tiktok.com/@x/video/7412",
        occurred_on=datetime.date(2026, 9, 1),
        platform=Platform.TIKTOK,
    )
    make_complaint(dossier)
    return dossier


def exhibits_in_order(dossier):
    return list(dossier.exhibits.filter(withdrawn_at=None).order_by("position", "id"))


# The letter ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recipient", "expected", "absent"),
    [
        (
            "procureur",
            [
                "Madame, Monsieur le procureur de la République",
                "près le tribunal judiciaire de Villeurbanne",
                "Lettre recommandée avec demande d'avis de réception",
            ],
            ["Commissariat de police", "Brigade de gendarmerie"],
        ),
        (
            "commissariat",
            ["Commissariat de police de Villeurbanne"],
            ["tribunal judiciaire", "Brigade de gendarmerie", "Lettre recommandée"],
        ),
        (
            "gendarmerie",
            ["Brigade de gendarmerie de Villeurbanne"],
            ["tribunal judiciaire", "Commissariat de police", "Lettre recommandée"],
        ),
    ],
)
def test_the_letter_is_addressed_to_the_chosen_recipient(dossier, recipient, expected, absent):
    make_complaint(
        dossier,
        recipient=recipient,
        recipient_town="Villeurbanne",
        recipient_address="Place Lazare Goujon\n69100 Villeurbanne",
    )
    rendered = render(dossier)
    first_page = " ".join(rendered.pages[0].split())
    for line in expected:
        assert line in first_page
    for line in absent:
        assert line not in rendered.flat
    assert "Place Lazare Goujon 69100 Villeurbanne" in first_page


def test_contre_x_when_the_authors_are_unknown(dossier):
    rendered = render(dossier)
    assert "Objet : plainte contre X" in rendered.flat
    assert "ai l'honneur de porter plainte contre X" in rendered.flat


def test_the_known_authors_are_named_instead_of_x(dossier):
    make_complaint(dossier, authors_known=True, authors="Kevin D., en 4e B\n@kev_du_69")
    rendered = render(dossier)
    # The subject names the first line; the body gives every author in full.
    assert (
        "Objet : plainte contre Kevin D., en 4e B (désignation complète ci-dessous)"
        in rendered.flat
    )
    assert "contre la ou les personnes désignées ci-dessous" in rendered.flat
    letter = rendered.section("Auteur des faits", "Préjudice subi")
    assert "Kevin D., en 4e B\n@kev_du_69" in letter
    assert "contre X" not in rendered.flat


def test_a_minor_is_assisted_by_the_named_representative(dossier):
    fourteen = timezone.localdate() - datetime.timedelta(days=14 * 365)
    make_complaint(
        dossier,
        date_of_birth=fourteen,
        representative_name="Sophie Martin",
        representative_relationship="mother",
        representative_phone="06 12 34 56 78",
        partie_civile=True,
    )
    flat = render(dossier).flat
    # A minor is represented, not assisted ("assistance" is a curatelle notion).
    assert "Représenté(e) par Sophie Martin, sa mère, représentante légale" in flat
    assert "mineur(e), représenté(e) par Sophie Martin, sa mère, représentante légale," in flat
    assert "assistance" not in flat
    assert (
        "Je souhaite me constituer partie civile (article 420-1 du code de procédure pénale), "
        "représenté(e) par Sophie Martin, sa mère, représentante légale, afin d'obtenir"
    ) in flat
    assert "Sophie Martin, représentante légale" in flat  # second signature
    assert "souhait de constitution de partie civile" in flat


def test_an_adult_letter_does_not_name_a_leftover_representative(dossier):
    make_complaint(dossier, representative_name="Sophie Martin", partie_civile=True)
    flat = render(dossier).flat
    assert "Sophie Martin" not in flat
    assert "mineur(e)" not in flat
    assert (
        "Je souhaite me constituer partie civile (article 420-1 du code de procédure pénale) "
        "afin d'obtenir réparation"
    ) in flat
    # The heading is not the "plainte avec constitution de partie civile" of article 85.
    assert "Constitution de partie civile" not in flat


def test_qualifications_possibles_lists_only_the_chosen_offences_in_french(dossier):
    chosen = ["harcelement_moral", "menaces"]
    make_complaint(dossier, offences=chosen)
    rendered = render(dossier)
    listed = " ".join(rendered.section("Qualifications possibles", "Préjudice subi").split())
    first, last = (OFFENCES_BY_KEY[key].french_label for key in chosen)
    # An enumeration: each item but the last ends with " ;", the last with a full stop.
    assert f"{first} ; {last}." in listed
    for key in chosen:
        with translation.override("en"):
            assert str(OFFENCES_BY_KEY[key].label) not in rendered.flat
    assert listed.count(" ;") == len(chosen) - 1
    for offence in OFFENCES:
        if offence.key not in chosen:
            assert offence.french_label not in rendered.flat


def test_no_qualifications_section_when_none_is_chosen(dossier):
    flat = render(dossier).flat
    assert "Qualifications possibles" not in flat
    assert "code pénal" not in flat.split("Chronologie des faits")[0]


def test_the_letter_is_in_french_when_the_visitor_reads_english(dossier):
    with translation.override("en"):
        rendered = render(dossier)
        assert translation.get_language() == "en"  # the render did not leak "fr" out
    flat = rendered.flat
    for french in [
        "Exposé des faits",
        "né(e) le 17 mai 1990 à Lyon",
        "Capture d’écran ou photo",
        "Texte d’un message",
        "Jeu en ligne",  # a platform whose name is translated
        "Pièce ajoutée",  # the journal's actions
        "Chronologie des faits",
        "la preuve est libre",
    ]:
        assert french in flat
    for english in [
        "Screenshot or photo",
        "Message text",
        "Online game",
        "Exhibit added",
        "May",
        "October",
    ]:
        assert english not in flat


# Exhibits, chronology, hashes ----------------------------------------------------------


def test_exhibit_pages_are_numbered_1_to_n_in_the_dossier_order(dossier):
    rendered = render(dossier)
    exhibits = exhibits_in_order(dossier)
    headers = [
        int(match.group(1))
        for page in rendered.pages
        if (match := PIECE_HEADER.match(page.split("\n", 1)[0]))
    ]
    assert headers == [1, 2, 3, 4]
    pages = rendered.exhibit_pages()
    kinds = ["Capture d’écran ou photo", "Capture d’écran ou photo", "Texte d’un message", "Lien"]
    for number, (exhibit, kind) in enumerate(zip(exhibits, kinds, strict=True), start=1):
        page = pages[number]
        assert f"Nature : {kind}" in page
        assert f"SHA-256 : {exhibit.sha256}" in page
        # The running header repeats the number at the top of the page.
        assert page.count(f"Pièce n° {number}") == 2
    assert MESSAGE in pages[3]
    assert "https://www.tiktok.com/@x/video/7412" in pages[4]
    assert "Auteur : @insta_troll" in pages[1]
    # Each file's page names its original inside the PDF.
    assert f"Original joint au PDF : 001-{exhibits[0].download_name}" in pages[1]
    # A pasted message rides inside as the UTF-8 text its hash is of.
    assert f"Original joint au PDF : 003-{exhibits[2].download_name}" in pages[3]
    assert exhibits[2].download_name.endswith(".txt")


def test_the_inventory_has_one_line_per_exhibit_and_the_annex_every_hash(dossier):
    rendered = render(dossier)
    inventory = rendered.section("Bordereau de pièces", "Nature")
    annex = rendered.squeezed(rendered.text[rendered.text.index("Annexe — intégrité") :])
    for number, exhibit in enumerate(exhibits_in_order(dossier), start=1):
        assert len(exhibit.sha256) == 64
        [line] = [line for line in inventory.splitlines() if f"Pièce n° {number} " in line]
        assert f"{exhibit.occurred_on:%d/%m/%Y}" in line
        assert exhibit.sha256 in annex
    assert dossier.events.order_by("sequence").last().hash in annex
    assert "intacte" in rendered.flat


def test_the_chronology_lists_the_facts_in_date_order(dossier):
    rendered = render(dossier)
    chronology = rendered.section("Chronologie des faits", "Bordereau de pièces")
    rows = re.findall(r"(\d\d)/(\d\d)/(\d{4})(?: (\d\d):(\d\d))?", chronology)
    moments = [
        datetime.datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0))
        for d, m, y, hh, mm in rows
    ]
    assert moments == [
        datetime.datetime(2026, 9, 1),
        datetime.datetime(2026, 9, 30),
        datetime.datetime(2026, 10, 12, 9, 30),
        datetime.datetime(2026, 10, 12, 14, 5),
    ]
    assert [int(n) for n in re.findall(r"n° (\d+)", chronology)] == [4, 2, 3, 1]
    assert "du 1er septembre 2026 au 12 octobre 2026" in rendered.flat


def test_the_originals_are_attached_byte_for_byte(dossier):
    reader = render(dossier).reader
    exhibits = exhibits_in_order(dossier)
    with_files = {
        f"{number:03d}-{exhibit.download_name}": exhibit
        for number, exhibit in enumerate(exhibits, start=1)
        if exhibit.original_file or exhibit.kind == "message"
    }
    assert len(with_files) == 3  # the PNG, the JPEG and the message; the link has none
    attachments = reader.attachments
    assert set(attachments) == {*with_files, "integrite.json"}  # and the annex, for machines
    message = next(exhibit for exhibit in with_files.values() if exhibit.kind == "message")
    [text] = attachments[f"003-{message.download_name}"]
    assert (
        text == message.message_text.encode() and hashlib.sha256(text).hexdigest() == message.sha256
    )
    del with_files[f"003-{message.download_name}"]
    uploaded = {"image/png": PNG, "image/jpeg": JPEG}
    for name, exhibit in with_files.items():
        [data] = attachments[name]
        stored = storage.read_file(dossier, exhibit.original_file)
        assert hashlib.sha256(data).hexdigest() == exhibit.sha256
        assert hashlib.sha256(stored).hexdigest() == exhibit.sha256
        assert data == stored == uploaded[exhibit.content_type]
    for attachment in reader.attachment_list:
        if attachment.name == "integrite.json":
            assert attachment.pdf_object["/AFRelationship"] == "/Data"
            continue
        exhibit = with_files.get(attachment.name, message)
        assert attachment.pdf_object["/AFRelationship"] == "/Source"
        assert exhibit.sha256 in attachment.pdf_object["/Desc"]
    # The server's names only: never the names the files came with.
    assert not any("IMG_2041" in name or "photo.jpg" in name for name in attachments)


def test_the_file_identifies_itself_as_pdf_a_3a(dossier):
    reader = render(dossier).reader
    xmp = reader.xmp_metadata
    assert xmp.pdfaid_part == "3"
    assert xmp.pdfaid_conformance == "A"  # "accessible": tagged, with a logical structure
    # The same, read from the raw /Metadata stream.
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    found = {}
    for element in ET.fromstring(raw).iter():  # noqa: S314 (the file we just made)
        for name in ("part", "conformance"):
            value = element.get(f"{{{PDFAID}}}{name}")
            if value is None and element.tag == f"{{{PDFAID}}}{name}":
                value = element.text
            if value is not None:
                found[name] = value
    assert found == {"part": "3", "conformance": "A"}
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    assert reader.pdf_header == "%PDF-1.7"


def test_the_outline_has_each_section_and_each_exhibit(dossier):
    rendered = render(dossier)
    reader = rendered.reader
    top = [item for item in reader.outline if not isinstance(item, list)]
    [children] = [item for item in reader.outline if isinstance(item, list)]
    assert [item.title for item in top] == [
        "Plainte",
        "Chronologie des faits",
        "Bordereau de pièces",
        "Pièces",
        "Annexe — intégrité des pièces",
    ]
    assert [item.title for item in children] == [f"Pièce n° {k}" for k in range(1, 5)]
    # Each bookmark opens the page it names.
    for item in children:
        page = rendered.pages[reader.get_destination_page_number(item)]
        assert page.startswith(item.title + "\n")
    for item in top[1:3] + top[4:]:
        assert rendered.pages[reader.get_destination_page_number(item)].startswith(item.title)


def test_every_page_is_numbered_page_k_of_n(dossier):
    rendered = render(dossier)
    total = len(rendered.pages)
    assert total >= 8  # letter, chronology, inventory, 4 exhibits, annex
    for number, page in enumerate(rendered.pages, start=1):
        assert page.rstrip().endswith(f"Page {number} / {total}")
    assert rendered.reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4
    assert rendered.reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.5)


# Long content ----------------------------------------------------------------------------


def test_the_longest_unbroken_account_of_the_facts_renders_whole(dossier):
    facts = "".join(random.Random(7).choices(string.ascii_letters, k=20_000))
    make_complaint(dossier, facts=facts)
    started = time.perf_counter()
    rendered = render(dossier)
    assert time.perf_counter() - started < 60
    section = rendered.section("Exposé des faits", "Auteur des faits")
    body = "\n".join(line for line in section.splitlines() if not RUNNING.match(line))
    assert facts in rendered.squeezed(body)  # whole, over several pages


def test_a_100000_character_unbroken_message_prints_in_part_and_rides_whole(dossier, settings):
    message = "".join(random.Random(5).choices(string.ascii_letters, k=100_000))
    long_one = add_message(dossier, message, occurred_on=datetime.date(2026, 10, 20))
    started = time.perf_counter()
    data = render_complaint_pdf(dossier)
    elapsed = time.perf_counter() - started
    print(f"\n100,000-character message: rendered in {elapsed:.2f} s")
    assert elapsed < 60
    rendered = read_pdf(data)
    number = len(exhibits_in_order(dossier))
    first = next(
        index for index, page in enumerate(rendered.pages) if page.startswith(f"Pièce n° {number}")
    )
    annex = next(
        index for index, page in enumerate(rendered.pages) if page.startswith("Annexe — intégrité")
    )
    message_pages = rendered.pages[first:annex]
    assert len(message_pages) > 3  # it flows over several pages...
    for page in message_pages:  # ...each with the running header
        assert f" Pièce n° {number}\nPage " in page
    body = "\n".join(
        line
        for page in message_pages
        for line in page.split("\n")
        if not RUNNING.match(line.strip())
    )
    printed = settings.CYBERAIDE_PDF_MESSAGE_CHARACTERS
    assert message[:printed] in rendered.squeezed(body)  # its beginning, unbroken...
    assert message[printed : printed + 200] not in rendered.squeezed(body)  # ...not the rest
    assert long_one.sha256 in rendered.squeezed()
    attached = pypdf.PdfReader(io.BytesIO(data)).attachments
    assert attached[f"{number:03d}-{long_one.download_name}"] == [message.encode()]


# Bad states ----------------------------------------------------------------------------


def refused(dossier):
    with translation.override("en"), pytest.raises(DossierNotReady) as caught:
        render_complaint_pdf(dossier)
    return [str(problem) for problem in caught.value.problems]


def test_a_dossier_without_exhibit_is_refused(django_user_model):
    dossier = make_dossier(make_user(django_user_model, "bob"))
    make_complaint(dossier)
    assert refused(dossier) == ["The dossier has no exhibit yet: add your screenshots first."]


def test_a_dossier_whose_exhibits_are_all_withdrawn_is_refused(dossier):
    for exhibit in exhibits_in_order(dossier):
        exhibit_services.withdraw_exhibit(exhibit=exhibit, actor=dossier.owner)
    assert refused(dossier) == ["The dossier has no exhibit yet: add your screenshots first."]


def test_a_dossier_without_letter_is_refused(django_user_model):
    dossier = make_dossier(make_user(django_user_model, "bob"))
    add_message(dossier, "bonjour")
    assert refused(dossier) == ["Fill in the letter first."]


@pytest.mark.parametrize(
    ("field", "empty", "label"),
    [
        ("last_name", "", "last name"),
        ("first_names", "", "first names"),
        ("date_of_birth", None, "date of birth"),
        ("address", "", "postal address"),
    ],
)
def test_missing_identity_fields_are_named(dossier, field, empty, label):
    make_complaint(dossier, **{field: empty})
    assert refused(dossier) == [f"Your identity is incomplete: {label} is missing."]


def test_every_problem_is_listed_at_once(dossier):
    make_complaint(dossier, last_name="", address="", recipient_town="", facts="  ")
    assert refused(dossier) == [
        "Your identity is incomplete: last name is missing.",
        "Your identity is incomplete: postal address is missing.",
        "Choose who the letter is for, and the town.",
        "Describe what happened.",
    ]


def test_a_minor_cannot_be_partie_civile_without_a_representative(dossier):
    thirteen = timezone.localdate() - datetime.timedelta(days=13 * 365)
    make_complaint(dossier, date_of_birth=thirteen, partie_civile=True, representative_name="")
    [problem] = refused(dossier)
    assert "A minor can be a civil party only through a legal representative" in problem
    # Without the civil party wish, a minor may file alone.
    make_complaint(dossier, date_of_birth=thirteen, partie_civile=False)
    assert "mineur(e)" in render(dossier).flat


def test_the_bordereau_gives_each_pieces_page_and_each_piece_page_names_the_plaintiff(dossier):
    rendered = render(dossier)
    reference = str(dossier.public_id)[:8]
    starts = {}
    for index, text in enumerate(rendered.pages, start=1):
        for number in range(1, 5):
            header = f"Plainte — Alice MARTIN — dossier {reference} Pièce n° {number}"
            if text.startswith(f"Pièce n° {number}\n") and header in text:
                starts.setdefault(number, index)
    assert sorted(starts) == [1, 2, 3, 4]  # every exhibit page heads with who and which
    inventory = " ".join(rendered.section("Bordereau de pièces", "Pièce n° 1\n").split())
    for number, page in starts.items():
        assert re.search(rf"Pièce n° {number} .*? \d\d/\d\d/\d{{4}} {page}\b", inventory), number


def structure(reader):
    """The tag tree's element types in reading order, and each figure's alternative."""
    kinds, alternatives = [], []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return  # a marked-content number
        if node.get("/S"):
            kinds.append(node["/S"])
            if node["/S"] == "/Figure":
                alternatives.append(node.get("/Alt"))
        if node.get("/K") is not None:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return kinds, alternatives


def test_the_pdf_is_tagged_for_a_screen_reader(dossier):
    reader = render(dossier).reader
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "fr"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == f"Plainte — Alice MARTIN — dossier {str(dossier.public_id)[:8]}"
    kinds, alternatives = structure(reader)
    headings = [kind for kind in kinds if kind in ("/H1", "/H2", "/H3")]
    assert headings[0] == "/H1"  # the letter's title, "Plainte", comes first
    assert reader.outline[0].title == "Plainte"
    for needed in ("/Table", "/TH", "/TD", "/L", "/LI", "/Figure", "/P"):
        assert needed in kinds, needed
    # Each picture says what it is: its number, its kind, its platform, its date.
    assert alternatives[0] == "Pièce n° 1 : capture d’écran ou photo, Instagram, 12 octobre 2026"
    assert len(alternatives) == 2
