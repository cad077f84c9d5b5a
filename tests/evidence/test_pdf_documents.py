"""A PDF sent as evidence (a medical certificate) is shown in the complaint as pictures
of its pages, rendered once on arrival by poppler in a limited process; a PDF the
renderer cannot handle keeps its upload and says so, never failing the whole complaint."""

import hashlib
import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from evidence.custody import storage
from evidence.pdf.render import render_complaint_pdf
from tests.evidence.factories import add_file, make_complaint, make_dossier, make_user

pytestmark = pytest.mark.django_db


def certificate(pages=3):
    body = "".join(
        f'<section style="break-after: page"><h1>Certificat médical</h1><p>Page {number}</p>'
        "</section>"
        for number in range(1, pages + 1)
    )
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def huge_page():
    """One page that claims to be 2.5 km wide: the renderer must not believe it."""
    writer = PdfWriter()
    writer.add_blank_page(width=7_000_000, height=7_000_000)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def dossier(django_user_model):
    return make_dossier(make_user(django_user_model, "alice"))


def test_a_pdf_exhibit_gets_pictures_of_its_pages_on_arrival(dossier):
    exhibit = add_file(dossier, certificate(), "certificat.pdf", "application/pdf")
    assert exhibit.kind == "document"
    assert exhibit.page_count == 3
    assert len(exhibit.page_files) == 3
    for name in exhibit.page_files:
        page = Image.open(io.BytesIO(storage.read_file(dossier, name)))
        assert page.format == "JPEG" and max(page.size) == 1240
    assert exhibit.thumbnail_file and exhibit.display_file  # the card shows its first page
    assert (exhibit.width, exhibit.height) == Image.open(
        io.BytesIO(storage.read_file(dossier, exhibit.page_files[0]))
    ).size


def test_the_complaint_shows_every_page_under_its_piece_number(dossier):
    exhibit = add_file(dossier, certificate(), "certificat.pdf", "application/pdf")
    make_complaint(dossier)
    reader = PdfReader(io.BytesIO(render_complaint_pdf(dossier)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Document PDF transmis par la victime, de 3 pages" in text
    assert "Pièce n° 1 — page 2/3" in text and "Pièce n° 1 — page 3/3" in text
    printed = sorted(image.image.size for image in reader.pages[0].images)
    assert len(printed) == 3 and all(max(size) == 1240 for size in printed)
    assert exhibit.sha256 in text  # and the original still rides inside
    assert list(reader.attachments) == [f"001-{exhibit.download_name}", "integrite.json"]


def test_a_page_claiming_an_absurd_size_is_rendered_small(dossier):
    exhibit = add_file(dossier, huge_page(), "enorme.pdf", "application/pdf")
    (name,) = exhibit.page_files
    assert max(Image.open(io.BytesIO(storage.read_file(dossier, name))).size) <= 1240


def test_only_the_first_pages_of_a_long_document_are_pictured(dossier, settings):
    settings.CYBERAIDE_PDF_EXHIBIT_PAGES = 2
    exhibit = add_file(dossier, certificate(5), "bulletin.pdf", "application/pdf")
    assert (exhibit.page_count, len(exhibit.page_files)) == (5, 2)
    make_complaint(dossier)
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_complaint_pdf(dossier))).pages
    )
    assert "de 5 pages" in " ".join(text.split()) and "Ses 2 premières pages" in text


def test_a_pdf_the_renderer_cannot_finish_is_kept_and_the_complaint_says_so(dossier, settings):
    settings.CYBERAIDE_PDF_EXHIBIT_RENDER_SECONDS = 0  # no time at all: the renderer stops
    exhibit = add_file(dossier, certificate(), "certificat.pdf", "application/pdf")
    assert exhibit.page_files == [] and exhibit.ingest_note == "pages_not_shown"
    kept = storage.read_file(dossier, exhibit.original_file)
    assert hashlib.sha256(kept).hexdigest() == exhibit.sha256  # the evidence is whole
    make_complaint(dossier)
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(render_complaint_pdf(dossier))).pages
    )
    assert "Ses pages n'ont pas pu être reproduites ici" in text
