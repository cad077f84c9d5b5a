"""What happens to a file on arrival: real files of every kind, good and bad.

Each file is made here with Pillow, pillow-heif or pypdf, then sent to
``exhibit_services.add_file_exhibit`` (or through the upload page). A refused or failed file must
leave nothing behind: no exhibit, no event, no file in the evidence storage.
"""

import datetime
import hashlib
import io
import os
import struct
import zlib
from pathlib import Path

import pillow_heif
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from PIL import ExifTags, Image, ImageDraw, ImageFile
from pypdf import PdfWriter

from evidence.custody import storage
from evidence.ingest.files import UploadRefused
from evidence.models import Event, Exhibit
from evidence.services import exhibits as exhibit_services
from tests.evidence.factories import details, jpeg_bytes, make_dossier, make_user, upload

pytestmark = pytest.mark.django_db

NOT_A_PICTURE = "This file is not a picture or a PDF we can read (PNG, JPEG, WebP, HEIC, GIF, PDF)."
DAMAGED_PICTURE = "This picture is damaged or incomplete and cannot be read."
HAS_HEIF_ENCODER = bool(pillow_heif.libheif_info().get("HEIF"))


# --- Real files ---------------------------------------------------------------------------


def encoded(image, format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def screenshot_image(size=(1170, 2532)):
    """A phone screenshot: light background, a header and chat bubbles."""
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], size[1] // 10), fill=(246, 246, 248))
    for index, top in enumerate(range(size[1] // 8, size[1] - 200, 220)):
        left = 60 if index % 3 else size[0] // 3
        colour = (233, 233, 235) if index % 3 else (0, 122, 255)
        draw.rounded_rectangle((left, top, left + size[0] // 2, top + 150), 40, fill=colour)
        draw.text((left + 30, top + 50), f"message {index}", fill=(0, 0, 0))
    return image


def screenshot_png(size=(1170, 2532)):
    return encoded(screenshot_image(size), "PNG")


def noise_png(side):
    """A PNG that does not compress: about 3 bytes per pixel."""
    return encoded(Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)), "PNG")


def phone_photo_with_gps():
    """A 2000×1500 JPEG stored landscape, with EXIF saying "turn 90° clockwise" (6) and
    GPS coordinates, as a phone writes them. A red block marks the stored top-left corner."""
    image = Image.new("RGB", (2000, 1500), (200, 200, 200))
    ImageDraw.Draw(image).rectangle((0, 0, 300, 300), fill=(255, 0, 0))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Apple"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (48.0, 51.0, 24.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (2.0, 21.0, 7.0),
    }
    return encoded(image, "JPEG", quality=90, exif=exif)


def pdf_bytes(password=None):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(user_password=password, owner_password=password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bomb(width, height):
    """A valid 1-bit PNG of ``width``×``height`` white pixels: a few hundred KB on disk,
    ``width * height`` pixels once decoded. Written row by row, never held in memory."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    stream = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", stream) + chunk(b"IEND", b"")
    )


def half(data):
    return data[: len(data) // 2]


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b'<script type="text/javascript">alert(document.cookie)</script>'
    b'<rect width="100" height="100" fill="red"/></svg>\n'
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script>Hello</body></html>\n"

# name shown to the user, bytes, English reason
BAD_FILES = {
    "empty": ("empty.png", lambda: b"", "This file is empty."),
    "plain_text": ("notes.txt", lambda: b"just some words\nand a line\n", NOT_A_PICTURE),
    "html_renamed_png": ("page.png", lambda: HTML_PAGE, NOT_A_PICTURE),
    "svg_renamed_png": ("drawing.png", lambda: SVG_WITH_SCRIPT, NOT_A_PICTURE),
    "truncated_png": ("cut.png", lambda: half(screenshot_png()), DAMAGED_PICTURE),
    "truncated_jpeg": ("cut.jpg", lambda: half(jpeg_bytes()), DAMAGED_PICTURE),
    "random_bytes": ("noise.png", lambda: os.urandom(20_000), NOT_A_PICTURE),
    "truncated_pdf": (
        "cut.pdf",
        lambda: half(pdf_bytes()),
        "This PDF is damaged or incomplete and cannot be read.",
    ),
    "password_pdf": (
        "locked.pdf",
        lambda: pdf_bytes(password="secret"),
        "This PDF is protected by a password. Remove the password and try again.",
    ),
    "decompression_bomb": (
        "bomb.png",
        lambda: png_bomb(30_000, 30_000),
        "This picture is too large (more than 64 million pixels).",
    ),
}


# --- Helpers --------------------------------------------------------------------------------


@pytest.fixture
def alice(django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def dossier(alice):
    return make_dossier(alice)


@pytest.fixture(autouse=True)
def _default_limits(settings):
    # The messages quote these numbers; the environment must not change them under us.
    settings.CYBERAIDE_MAX_IMAGE_PIXELS = 64_000_000
    settings.CYBERAIDE_MAX_FILE_BYTES = 25 * 1024 * 1024
    settings.CYBERAIDE_DOSSIER_QUOTA_BYTES = 500 * 1024 * 1024


def stored_files():
    root = Path(settings.STORAGES["evidence"]["OPTIONS"]["location"])
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def add(dossier, data, name="capture.png"):
    with translation.override("en"):
        return exhibit_services.add_file_exhibit(
            dossier=dossier,
            actor=dossier.owner,
            uploaded_file=upload(data, name, "application/octet-stream"),
            details=details(),
        )


def opened(dossier, name):
    return Image.open(io.BytesIO(storage.read_file(dossier, name)))


def assert_refused(dossier, data, name, message):
    """The file is refused with this English message and leaves nothing behind."""
    exhibits, events, files = (
        Exhibit.objects.count(),
        Event.objects.filter(dossier=dossier).count(),
        stored_files(),
    )
    with pytest.raises(UploadRefused) as refusal:
        add(dossier, data, name)
    with translation.override("en"):  # the message is translated when shown
        assert str(refusal.value.message) == message
    assert Exhibit.objects.count() == exhibits
    assert Event.objects.filter(dossier=dossier).count() == events
    assert stored_files() == files


def form_data(**overrides):
    values = {
        "occurred_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "occurred_time": "21:14",
        "platform": "instagram",
        "author_name": "@someone",
        "description": "Insults in the group",
    }
    values.update(overrides)
    return values


def add_files_url(dossier):
    with translation.override("en"):
        return reverse("evidence:add_files", args=[dossier.public_id])


# --- Accepted pictures ----------------------------------------------------------------------


def test_phone_screenshot_is_hashed_timed_and_kept_with_display_copy_and_thumbnail(dossier):
    data = screenshot_png()
    before = timezone.now()
    exhibit = add(dossier, data, "Screenshot 2026-10-03.png")
    after = timezone.now()
    exhibit.refresh_from_db()

    assert exhibit.kind == Exhibit.Kind.IMAGE
    assert exhibit.content_type == "image/png"
    assert exhibit.sha256 == hashlib.sha256(data).hexdigest()
    assert exhibit.size == len(data)
    assert (exhibit.width, exhibit.height) == (1170, 2532)
    assert exhibit.original_name == "Screenshot 2026-10-03.png"
    assert exhibit.ingest_note == ""
    assert before <= exhibit.received_at <= after
    assert exhibit.received_at.utcoffset() == datetime.timedelta(0)

    assert storage.read_file(dossier, exhibit.original_file) == data
    display = opened(dossier, exhibit.display_file)
    assert display.format == "JPEG"
    assert display.mode == "RGB"
    assert display.height == 1600
    assert abs(display.width - 1170 * 1600 / 2532) <= 1
    thumbnail = opened(dossier, exhibit.thumbnail_file)
    assert thumbnail.format == "JPEG"
    assert max(thumbnail.size) == 320

    event = Event.objects.get(dossier=dossier, action=Event.Action.EXHIBIT_ADDED)
    assert event.exhibit_sha256 == exhibit.sha256
    assert len(stored_files()) == 3


def test_files_are_encrypted_at_rest_under_server_chosen_names(dossier):
    data = screenshot_png()
    exhibit = add(dossier, data, "my secret name.png")
    files = stored_files()
    assert len(files) == 3
    for path in files:
        assert "secret" not in str(path)
        assert b"PNG" not in path.read_bytes()[:64]
    assert data not in b"".join(path.read_bytes() for path in files)
    assert storage.read_file(dossier, exhibit.original_file) == data


def test_small_picture_keeps_its_size_in_the_display_copy(dossier):
    exhibit = add(dossier, screenshot_png((390, 844)))
    assert opened(dossier, exhibit.display_file).size == (390, 844)
    assert max(opened(dossier, exhibit.thumbnail_file).size) == 320


def test_photo_display_copy_has_no_exif_no_gps_and_is_turned_upright(dossier):
    data = phone_photo_with_gps()
    source = Image.open(io.BytesIO(data))
    assert source.size == (2000, 1500)
    assert source.getexif()[ExifTags.Base.Orientation] == 6
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo really has GPS

    exhibit = add(dossier, data, "IMG_0042.jpg")

    # The original is evidence: kept byte for byte, metadata included.
    assert storage.read_file(dossier, exhibit.original_file) == data
    for name in (exhibit.display_file, exhibit.thumbnail_file):
        copy = opened(dossier, name)
        assert not copy.getexif()
        assert "exif" not in copy.info
        assert b"Exif\x00\x00" not in storage.read_file(dossier, name)
    display = opened(dossier, exhibit.display_file)
    assert display.size == (1200, 1600)  # portrait: width and height swapped
    # Turned 90° clockwise: the stored top-left corner is now the top-right one.
    red, green, blue = display.getpixel((display.width - 20, 20))
    assert red > 200 and green < 60 and blue < 60
    assert display.getpixel((20, 20))[1] > 150
    assert (exhibit.width, exhibit.height) == (1500, 2000)  # as shown


def jpeg_segments(data):
    """The markers of a JPEG's header segments, up to the image data (start of scan)."""
    assert data[:2] == b"\xff\xd8"
    markers, position = [], 2
    while True:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: the compressed picture follows
            return markers
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length


SECRET = "SECRET rendez-vous 48.85N 2.35E"


def commented(format, **options):
    image = Image.new("RGB", (640, 480), (90, 160, 220))
    ImageDraw.Draw(image).rectangle((40, 40, 300, 200), fill=(250, 250, 250))
    icc = b"\x00" * 128 if format == "JPEG" else None
    return encoded(
        image, format, comment=SECRET.encode(), **({"icc_profile": icc} if icc else {}), **options
    )


@pytest.mark.parametrize(
    ("format", "name"), [("JPEG", "photo.jpg"), ("GIF", "anim.gif"), ("PNG", "capture.png")]
)
def test_display_copies_carry_no_metadata_at_all(dossier, format, name):
    if format == "PNG":
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", SECRET)
        data = encoded(Image.new("RGB", (640, 480), (90, 160, 220)), "PNG", pnginfo=info)
    else:
        data = commented(format)
    assert SECRET.encode() in data  # the test file really carries its comment
    exhibit = add(dossier, data, name)
    for stored in (exhibit.display_file, exhibit.thumbnail_file):
        copy = storage.read_file(dossier, stored)
        assert SECRET.encode() not in copy
        assert b"48.85" not in copy
        # Only what a bare JPEG needs: JFIF header, tables, frame, scan. No APP1 (EXIF,
        # XMP), APP2 (ICC), other APPn, and no COM (comment) segment.
        segments = set(jpeg_segments(copy))
        assert segments <= {0xE0, 0xDB, 0xC0, 0xC4, 0xDA}, [hex(m) for m in segments]
        assert not set(Image.open(io.BytesIO(copy)).info) & {"comment", "exif", "icc_profile"}


OTHER_FORMATS = {
    "webp": ("WEBP", "image/webp", {"quality": 85}),
    "heic": ("HEIF", "image/heic", {"quality": 80}),
    "gif_still": ("GIF", "image/gif", {}),
}


@pytest.mark.parametrize("kind", list(OTHER_FORMATS))
def test_other_picture_formats_are_accepted(dossier, kind):
    format, content_type, options = OTHER_FORMATS[kind]
    if format == "HEIF" and not HAS_HEIF_ENCODER:
        pytest.skip("this pillow-heif build has no HEIF (x265) encoder to make a test file")
    pillow_heif.register_heif_opener()
    data = encoded(screenshot_image((600, 1300)), format, **options)

    exhibit = add(dossier, data, f"capture.{kind}")

    assert exhibit.content_type == content_type
    assert exhibit.ingest_note == ""
    assert (exhibit.width, exhibit.height) == (600, 1300)
    assert storage.read_file(dossier, exhibit.original_file) == data
    assert opened(dossier, exhibit.display_file).size == (600, 1300)
    assert opened(dossier, exhibit.display_file).format == "JPEG"
    assert max(opened(dossier, exhibit.thumbnail_file).size) == 320


def test_animated_gif_keeps_its_first_frame_and_says_so(dossier):
    first, second = Image.new("RGB", (200, 100), (255, 0, 0)), Image.new("RGB", (200, 100), "blue")
    data = encoded(first, "GIF", save_all=True, append_images=[second], duration=200, loop=0)
    assert Image.open(io.BytesIO(data)).n_frames == 2

    exhibit = add(dossier, data, "reaction.gif")

    assert exhibit.ingest_note == "first_frame_only"
    assert exhibit.content_type == "image/gif"
    red, green, blue = opened(dossier, exhibit.display_file).getpixel((100, 50))
    assert red > 200 and green < 60 and blue < 60
    assert storage.read_file(dossier, exhibit.original_file) == data


def test_transparent_png_display_copy_is_rgb_on_white(dossier):
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((0, 0, 99, 99), fill=(255, 0, 0, 255))
    exhibit = add(dossier, encoded(image, "PNG"))

    display = opened(dossier, exhibit.display_file)
    assert display.mode == "RGB"
    assert all(channel > 245 for channel in display.getpixel((300, 200)))  # white, not black
    red, green, blue = display.getpixel((50, 50))
    assert red > 200 and green < 60 and blue < 60
    assert opened(dossier, exhibit.thumbnail_file).mode == "RGB"


def test_pdf_is_kept_as_a_document_with_pictures_of_its_pages(dossier):
    data = pdf_bytes()
    exhibit = add(dossier, data, "convocation.pdf")

    assert exhibit.kind == Exhibit.Kind.DOCUMENT
    assert exhibit.content_type == "application/pdf"
    assert exhibit.sha256 == hashlib.sha256(data).hexdigest()
    assert storage.read_file(dossier, exhibit.original_file) == data
    # The original, its first page as display copy and thumbnail, and each page's picture.
    assert exhibit.display_file and exhibit.thumbnail_file and not exhibit.print_file
    assert len(exhibit.page_files) == exhibit.page_count
    assert len(stored_files()) == 3 + exhibit.page_count


# --- Refused files --------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_refused_with_its_reason_and_leaves_nothing(dossier, case):
    name, make, message = BAD_FILES[case]
    assert_refused(dossier, make(), name, message)
    assert stored_files() == []


@pytest.mark.parametrize("case", ["truncated_png", "truncated_jpeg"])
def test_truncated_picture_is_refused_even_if_a_library_allowed_truncated_images(
    dossier, monkeypatch, case
):
    # WeasyPrint (evidence/pdf.py) sets this process-wide Pillow switch when imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    name, make, message = BAD_FILES[case]
    assert_refused(dossier, make(), name, message)


def test_picture_over_the_configured_pixel_cap_is_refused(dossier, settings):
    settings.CYBERAIDE_MAX_IMAGE_PIXELS = 1_000_000
    data = encoded(Image.new("RGB", (2000, 2000), (250, 250, 250)), "PNG")
    assert_refused(
        dossier, data, "big.png", "This picture is too large (more than 1 million pixels)."
    )
    assert stored_files() == []


def test_file_over_the_size_limit_is_refused(dossier, settings):
    settings.CYBERAIDE_MAX_FILE_BYTES = 1024 * 1024
    data = noise_png(700)
    assert len(data) > 1024 * 1024
    assert_refused(dossier, data, "huge.png", "This file is larger than 1 MB.")
    assert stored_files() == []


def test_file_over_the_dossier_quota_is_refused_and_earlier_files_stay(dossier, settings):
    settings.CYBERAIDE_DOSSIER_QUOTA_BYTES = 2 * 1024 * 1024
    kept = add(dossier, noise_png(700), "first.png")
    files = stored_files()
    assert len(files) == 3

    assert_refused(
        dossier,
        noise_png(700),
        "second.png",
        "This dossier is full (2 MB). Start another dossier for more files.",
    )
    assert list(dossier.exhibits.all()) == [kept]
    assert stored_files() == files


def test_an_account_cannot_fill_the_service_dossier_after_dossier(dossier, settings):
    settings.CYBERAIDE_ACCOUNT_QUOTA_BYTES = 2 * 1024 * 1024
    kept = add(dossier, noise_png(700), "first.png")
    other = make_dossier(dossier.owner, "Un autre")
    files = stored_files()
    assert_refused(
        other,
        noise_png(700),
        "second.png",
        "Your dossiers are full (2 MB in all). Erase what you no longer need, or ask the "
        "association that runs this service for more room.",
    )
    assert list(dossier.exhibits.all()) == [kept] and not other.exhibits.exists()
    assert stored_files() == files


def test_quota_filled_by_another_upload_meanwhile_removes_the_written_files(
    dossier, settings, monkeypatch
):
    # The early check passes; by the time the dossier is locked, another upload filled it.
    settings.CYBERAIDE_DOSSIER_QUOTA_BYTES = 2 * 1024 * 1024
    totals = iter([0, 2 * 1024 * 1024])
    monkeypatch.setattr(exhibit_services, "stored_bytes", lambda dossier: next(totals))
    assert_refused(
        dossier,
        screenshot_png(),
        "late.png",
        "This dossier is full (2 MB). Start another dossier for more files.",
    )
    assert stored_files() == []


# --- Failures after the files were written ------------------------------------------------


class Crash(Exception):
    pass


def crash(*args, **kwargs):
    raise Crash("the server failed here")


@pytest.mark.parametrize(
    "target",
    [
        pytest.param((exhibit_services, "record_event"), id="record_event"),
        pytest.param((Exhibit.objects, "create"), id="exhibit_create"),
    ],
)
def test_crash_after_files_were_written_leaves_no_row_and_no_file(dossier, monkeypatch, target):
    written = []
    save_file = storage.save_file

    def counting_save_file(*args, **kwargs):
        written.append(save_file(*args, **kwargs))
        return written[-1]

    monkeypatch.setattr(storage, "save_file", counting_save_file)
    monkeypatch.setattr(*target, crash)
    events = Event.objects.filter(dossier=dossier).count()

    with pytest.raises(Crash):
        add(dossier, screenshot_png())

    assert len(written) == 3  # the files really were written before the crash
    assert Exhibit.objects.count() == 0
    assert Event.objects.filter(dossier=dossier).count() == events
    assert stored_files() == []


def test_crash_while_writing_the_thumbnail_removes_the_files_already_written(dossier, monkeypatch):
    save_file, calls = storage.save_file, []

    def failing_third_time(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("No space left on device")
        return save_file(*args, **kwargs)

    monkeypatch.setattr(storage, "save_file", failing_third_time)
    with pytest.raises(OSError, match="No space left"):
        add(dossier, screenshot_png())
    assert len(calls) == 3
    assert Exhibit.objects.count() == 0
    assert stored_files() == []


# --- Through the upload page ----------------------------------------------------------------


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def test_upload_page_adds_good_files_and_lists_each_refused_one_with_its_reason(
    alice_client, dossier
):
    files = [
        upload(screenshot_png(), "capture1.png", "image/png"),
        upload(HTML_PAGE, "page.png", "image/png"),
        upload(phone_photo_with_gps(), "IMG_0042.jpg", "image/jpeg"),
        upload(half(jpeg_bytes()), "cut.jpg", "image/jpeg"),
    ]
    response = alice_client.post(add_files_url(dossier), {**form_data(), "files": files})

    html = response.content.decode()
    assert response.status_code == 400
    assert f"<strong><bdi>page.png</bdi></strong>: {NOT_A_PICTURE}" in html
    assert f"<strong><bdi>cut.jpg</bdi></strong>: {DAMAGED_PICTURE}" in html
    assert "<li><bdi>capture1.png</bdi></li>" in html and "<li><bdi>IMG_0042.jpg</bdi></li>" in html
    stored = dossier.exhibits.order_by("position")
    assert [exhibit.original_name for exhibit in stored] == ["capture1.png", "IMG_0042.jpg"]
    assert all(exhibit.platform == "instagram" for exhibit in stored)
    assert len(stored_files()) == 3 * 2


BLANK_FORM = {
    "occurred_on": "",
    "occurred_time": "",
    "platform": "instagram",
    "platform_other": "",
    "author_name": "",
    "author_profile_url": "",
    "content_url": "",
    "description": "",
}


@pytest.mark.parametrize("data", [{}, BLANK_FORM], ids=["no_field_at_all", "blank_fields"])
def test_empty_upload_form_shows_errors_and_stores_nothing(alice_client, dossier, data):
    response = alice_client.post(add_files_url(dossier), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least one file." in html
    assert "Date of the facts — This field is required." in html
    assert dossier.exhibits.count() == 0
    assert stored_files() == []


def test_future_date_is_refused_and_nothing_is_stored(alice_client, dossier):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = alice_client.post(
        add_files_url(dossier),
        {
            **form_data(occurred_on=tomorrow.isoformat()),
            "files": [upload(screenshot_png(), "capture1.png", "image/png")],
        },
    )
    assert response.status_code == 400
    assert "This date is in the future. Enter the date when it happened." in (
        response.content.decode()
    )
    assert dossier.exhibits.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_upload_page_never_answers_500_to_a_bad_file(alice_client, dossier, case):
    name, make, message = BAD_FILES[case]
    response = alice_client.post(
        add_files_url(dossier), {**form_data(), "files": [upload(make(), name, "image/png")]}
    )
    assert response.status_code != 500
    assert response.status_code == 400
    assert dossier.exhibits.count() == 0
    assert stored_files() == []
    if case == "empty":  # Django's file field refuses an empty file before ingest runs
        assert "The submitted file is empty." in response.content.decode()
    else:
        assert f"<strong><bdi>{name}</bdi></strong>: {message}" in response.content.decode()
