"""Every picture readable in the PDF: a tall scrolling screenshot gets a print copy on
arrival and is printed in parts, one a page, each labelled; a wide desktop capture gets a
landscape page. Read back from the real PDF with pypdf."""

import io
import itertools

import pytest
from PIL import ExifTags, Image, ImageDraw
from pypdf import PdfReader

from evidence.custody import storage
from evidence.pdf import pictures
from evidence.pdf.render import render_complaint_pdf
from evidence.services import exhibits as exhibit_services
from tests.evidence.factories import add_file, make_complaint, make_dossier, make_user

pytestmark = pytest.mark.django_db


def screenshot(width, height, image_format="PNG", exif=None):
    image = Image.new("RGB", (width, height), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for top in range(0, height, 60):
        draw.text((40, top + 10), f"ligne {top // 60} du fil de discussion", fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, image_format, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


@pytest.fixture
def dossier(django_user_model):
    return make_dossier(make_user(django_user_model, "alice"))


def size_of(dossier, name):
    return Image.open(io.BytesIO(storage.read_file(dossier, name))).size


def test_a_tall_screenshot_gets_a_print_copy_a_phone_one_does_not(dossier):
    tall = add_file(dossier, screenshot(1170, 9000), "long.png", "image/png")
    assert size_of(dossier, tall.print_file) == (1170, 9000)
    assert size_of(dossier, tall.display_file) == (208, 1600)
    phone = add_file(dossier, screenshot(1170, 2532), "phone.png", "image/png")
    assert phone.print_file == ""


def test_a_tall_photo_stored_on_its_side_gets_an_upright_print_copy(dossier):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # stored turned a quarter: shown tall
    exhibit = add_file(dossier, screenshot(6000, 1500, "JPEG", exif), "p.jpg", "image/jpeg")
    assert (exhibit.width, exhibit.height) == (1500, 6000)
    assert size_of(dossier, exhibit.print_file) == (1240, 4960)


def test_erasing_the_exhibit_erases_its_print_copy(
    dossier, settings, django_capture_on_commit_callbacks
):
    exhibit = add_file(dossier, screenshot(1170, 9000), "long.png", "image/png")
    location = settings.STORAGES["evidence"]["OPTIONS"]["location"]
    assert len(list(location.rglob("*.bin"))) == 4
    with django_capture_on_commit_callbacks(execute=True):
        exhibit_services.erase_exhibit(exhibit=exhibit, actor=dossier.owner)
    assert list(location.rglob("*.bin")) == []


def test_the_pdf_prints_a_tall_screenshot_in_labelled_parts_that_cover_it(dossier):
    add_file(dossier, screenshot(1170, 9000), "long.png", "image/png")
    make_complaint(dossier)
    reader = PdfReader(io.BytesIO(render_complaint_pdf(dossier)))
    expected = pictures.parts(1170, 9000)
    assert len(expected) == 4
    pages = {}
    for page in reader.pages:
        text = page.extract_text()
        for part in expected:
            if f"Pièce n° 1 ({part.index}/4)" in text:
                pages[part.index] = page
    assert sorted(pages) == [1, 2, 3, 4]
    # WeasyPrint shares one image dictionary between pages: the parts are all in it.
    printed = sorted(image.image.size for image in reader.pages[0].images)
    assert printed == sorted((1170, part.bottom - part.top) for part in expected)
    for width, height in printed:
        assert height / width <= pictures.PART_RATIO + 0.01  # fits 80 × 165 mm: readable
    assert expected[-1].bottom == 9000  # to the last pixel
    assert all(after.top < before.bottom for before, after in itertools.pairwise(expected))


def test_a_wide_desktop_capture_gets_a_landscape_page(dossier):
    add_file(dossier, screenshot(1920, 1080), "desktop.png", "image/png")
    make_complaint(dossier)
    reader = PdfReader(io.BytesIO(render_complaint_pdf(dossier)))
    (page,) = [page for page in reader.pages if "Pièce n° 1" in page.extract_text()[:200]]
    box = page.mediabox
    assert box.width > box.height
    portrait = [page for page in reader.pages if page.mediabox.width < page.mediabox.height]
    assert len(portrait) == len(reader.pages) - 1
