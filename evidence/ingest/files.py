"""What happens to a file the moment it arrives, before anything else.

``inspect_upload`` reads the bytes once, hashes them, notes the receipt time, checks what
the file really is (never trusting its name or declared type), and prepares the display
copy (JPEG, long side at most 1600 px, orientation applied, no metadata) and the
thumbnail. It stores nothing: the caller stores the result in one transaction, so a
refused or failed file leaves nothing behind.
"""

import datetime
import hashlib
import io
import struct
import warnings
from dataclasses import dataclass, field

import pillow_heif
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageFile, UnidentifiedImageError

from cyberaide.text import without_bidi_controls
from evidence.refusals import Refused

pillow_heif.register_heif_opener()

DISPLAY_LONG_SIDE = 1600
THUMBNAIL_LONG_SIDE = 320
DISPLAY_QUALITY = 75
# A picture at least this many times taller than wide (a scrolling screenshot) gets a
# print copy: at most PRINT_WIDTH wide, as tall as it takes, cut into parts in the PDF
# (evidence/pdf/context.py). A phone screenshot (1170×2532) needs none: its display copy
# already prints readable.
TALL_RATIO = 2.5
PRINT_WIDTH = 1240
PRINT_QUALITY = 80
THUMBNAIL_QUALITY = 70
ORIENTATION_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
QUARTER_TURNS = {
    Image.Transpose.TRANSPOSE,
    Image.Transpose.ROTATE_270,
    Image.Transpose.TRANSVERSE,
    Image.Transpose.ROTATE_90,
}
IMAGE_FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "HEIF")
IMAGE_CONTENT_TYPES = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "HEIF": "image/heic",
}


class UploadRefused(Refused):
    """A file we will not keep, with the reason to show the person who sent it."""


@dataclass
class InspectedFile:
    data: bytes
    sha256: str
    received_at: object
    size: int
    content_type: str
    original_name: str
    width: int | None = None
    height: int | None = None
    display: bytes = b""
    thumbnail: bytes = b""
    print_copy: bytes = b""
    pages: list[bytes] = field(default_factory=list)  # a PDF's first pages, as pictures
    page_count: int | None = None
    note: str = ""
    # What the original says of where and when it was made (``original_metadata``).
    metadata: dict = field(default_factory=dict)

    @property
    def is_image(self) -> bool:
        return self.content_type != "application/pdf"


def inspect_upload(uploaded_file: UploadedFile) -> InspectedFile:
    """Read, hash and check one uploaded file; raise ``UploadRefused`` with the reason."""
    if uploaded_file.size > settings.CYBERAIDE_MAX_FILE_BYTES:
        raise UploadRefused(
            _("This file is larger than %(limit)s MB.")
            % {"limit": settings.CYBERAIDE_MAX_FILE_BYTES // (1024 * 1024)}
        )
    received_at = timezone.now()
    data = b"".join(uploaded_file.chunks())
    if not data:
        raise UploadRefused(_("This file is empty."))
    inspected = InspectedFile(
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        received_at=received_at,
        size=len(data),
        content_type="",
        # A name is not the evidence (the bytes are): its bidirectional controls, which
        # would turn the page's text around it, are dropped.
        original_name=without_bidi_controls(uploaded_file.name or "")[-255:],
    )
    if data.startswith(b"%PDF-"):
        inspected.page_count = _check_pdf(data)
        inspected.content_type = "application/pdf"
        _prepare_pages(inspected)
        return inspected
    _prepare_image(inspected)
    return inspected


def _check_pdf(data: bytes) -> int:
    """The number of pages of a PDF we can read; ``UploadRefused`` otherwise."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise UploadRefused(
                    _("This PDF is protected by a password. Remove the password and try again.")
                )
            if len(reader.pages) == 0:
                raise UploadRefused(_("This PDF has no page."))
            return len(reader.pages)
    except UploadRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise UploadRefused(_("This PDF is damaged or incomplete and cannot be read.")) from error


def _prepare_pages(inspected: InspectedFile) -> None:
    """A PDF's first pages as pictures (``evidence.ingest.pdf_pages``), the first of them
    its display copy and thumbnail. Pages that cannot be rendered leave a note, and the
    PDF is kept all the same: it is evidence."""
    from evidence.ingest.pdf_pages import render_pages

    rendered = render_pages(inspected.data, inspected.page_count or 0)
    if rendered.failed:
        inspected.note = "pages_not_shown"
        return
    inspected.pages = rendered.pages
    with Image.open(io.BytesIO(rendered.pages[0])) as first:
        first.load()
        inspected.width, inspected.height = first.size
        inspected.display = rendered.pages[0]
        small = first.convert("RGB")
        small.thumbnail((THUMBNAIL_LONG_SIDE, THUMBNAIL_LONG_SIDE), Image.Resampling.BILINEAR)
        inspected.thumbnail = _jpeg(small, THUMBNAIL_QUALITY)


def _prepare_image(inspected: InspectedFile) -> None:
    # A truncated picture is refused, never padded with grey. WeasyPrint (evidence/pdf.py)
    # turns this process-wide Pillow switch on when imported; it only renders our own
    # complete display copies, so switching it back off costs it nothing.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            # Pillow warns, then errors, on decompression bombs: refuse at the warning.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(inspected.data), formats=IMAGE_FORMATS)
            if image.width * image.height > settings.CYBERAIDE_MAX_IMAGE_PIXELS:
                raise UploadRefused(_too_many_pixels())
            inspected.content_type = IMAGE_CONTENT_TYPES[image.format or ""]
            width, height = image.size
            if getattr(image, "n_frames", 1) > 1:
                image.seek(0)
                inspected.note = "first_frame_only"
            # A smaller decode is enough for the copies (JPEG only: 1/2, 1/4 or 1/8 of the
            # size, never below the largest copy; the hash covers the original bytes). The
            # box keeps the picture's proportions, or a 4032×3024 photo gets no saving.
            print_size = print_copy_size(image.size)
            image.draft("RGB", print_size or _fitted(image.size, DISPLAY_LONG_SIDE))
            # What decoding will take, known before anything is decoded.
            if decoded_bytes(image) > settings.CYBERAIDE_MAX_IMAGE_DECODED_BYTES:
                raise UploadRefused(_too_much_memory(image))
            image.load()
            # After the picture is known to fit: a PNG's EXIF may follow its pixels, and
            # reading it would decode them.
            inspected.metadata = original_metadata(image)
    except UploadRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise UploadRefused(_too_many_pixels()) from error
    except UnidentifiedImageError as error:
        raise UploadRefused(
            _("This file is not a picture or a PDF we can read (PNG, JPEG, WebP, HEIC, GIF, PDF).")
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise UploadRefused(
            _("This picture is damaged or incomplete and cannot be read.")
        ) from error
    transpose = _orientation_transpose(image)
    if transpose in QUARTER_TURNS:
        width, height = height, width
    inspected.width, inspected.height = width, height  # as shown, like the display copy
    # Made small first, then flattened: a full-size RGBA picture is never copied twice
    # (an 8000×8000 one took 857 MiB when it was flattened before being made small).
    small = _resizable(image)
    if print_size is not None:
        printed = (
            small.resize(print_size, Image.Resampling.LANCZOS)
            if small.size != print_size
            else small
        )
        printed = _flatten(printed)
        if transpose is not None:
            printed = printed.transpose(transpose)
        inspected.print_copy = _jpeg(printed, PRINT_QUALITY)
        small = printed
    small.thumbnail((DISPLAY_LONG_SIDE, DISPLAY_LONG_SIDE), Image.Resampling.LANCZOS)
    small = _flatten(small)
    if transpose is not None and print_size is None:
        small = small.transpose(transpose)  # on the small copy: turning 12 MP costs more
    inspected.display = _jpeg(small, DISPLAY_QUALITY)
    small.thumbnail((THUMBNAIL_LONG_SIDE, THUMBNAIL_LONG_SIDE), Image.Resampling.BILINEAR)
    inspected.thumbnail = _jpeg(small, THUMBNAIL_QUALITY)


def print_copy_size(size: tuple[int, int]) -> tuple[int, int] | None:
    """The print copy's size, in the picture's stored orientation, or None when the
    display copy is enough. A picture stored on its side (EXIF orientation) is tall once
    turned: both sides are looked at."""
    long_side, short_side = max(size), min(size)
    if long_side <= DISPLAY_LONG_SIDE or long_side < TALL_RATIO * short_side:
        return None
    scale = min(1, PRINT_WIDTH / short_side)
    scaled = max(1, round(short_side * scale)), max(1, round(long_side * scale))
    return scaled if size[0] < size[1] else (scaled[1], scaled[0])


def _fitted(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    """The size ``thumbnail`` gives for this long side (the same size when smaller)."""
    scale = min(1, long_side / max(size))
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _orientation_transpose(image: Image.Image) -> Image.Transpose | None:
    """How to turn the picture upright, from its EXIF (or XMP) orientation, or None.

    The same table as ``ImageOps.exif_transpose``, applied later to the small copy. A
    damaged EXIF block must not refuse a readable picture: it is then shown as stored.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Corrupt EXIF data" and the like
            orientation = image.getexif().get(ExifTags.Base.Orientation)
            return ORIENTATION_TRANSPOSE.get(orientation) if orientation else None
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, struct.error):
        return None


def original_metadata(image: Image.Image) -> dict:
    """Whether the picture's EXIF holds a GPS position, and when its device says it was
    taken ("2026-10-03T14:22:10", the device's own clock and zone, or ""). The position
    itself is not copied out: it stays in the sealed original. A damaged EXIF block says
    nothing rather than refusing a readable picture."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exif = image.getexif()
            gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
            location = bool(
                gps.get(ExifTags.GPS.GPSLatitude) and gps.get(ExifTags.GPS.GPSLongitude)
            )
            taken = exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal) or exif.get(
                ExifTags.Base.DateTime
            )
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, struct.error):
        return {"location": False, "taken_at": ""}
    return {"location": location, "taken_at": _exif_time(taken)}


def _exif_time(value: object) -> str:
    """EXIF's "2026:10:03 14:22:10" as "2026-10-03T14:22:10"; "" when it is not a time."""
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else str(value or "")
    try:
        moment = datetime.datetime.strptime(text.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return ""
    return moment.isoformat()


def decoded_bytes(image: Image.Image) -> int:
    """What processing the picture costs, in bytes: pixels × bytes per pixel (its
    channels, two bytes each for a 16-bit picture), twice over with transparency (Pillow
    resizes a picture with alpha through a premultiplied copy of it)."""
    channels = len(image.getbands())
    sixteen_bit = image.mode.startswith("I;16") or any(
        ";16" in str(tile[3]) for tile in getattr(image, "tile", ()) if len(tile) > 3
    )
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return image.width * image.height * channels * (2 if sixteen_bit else 1) * (2 if alpha else 1)


def _too_much_memory(image: Image.Image) -> str:
    return _(
        "This picture is too large to process: %(width)s × %(height)s pixels would take "
        "%(megabytes)s MB, more than the %(limit)s MB allowed. Send a screenshot or a "
        "smaller copy of it."
    ) % {
        "width": image.width,
        "height": image.height,
        "megabytes": decoded_bytes(image) // (1024 * 1024),
        "limit": settings.CYBERAIDE_MAX_IMAGE_DECODED_BYTES // (1024 * 1024),
    }


def _resizable(image: Image.Image) -> Image.Image:
    """The picture in a mode Pillow resizes well, converted only when it must be (a
    palette is resized pixel by pixel, badly; transparency is kept for ``_flatten``)."""
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    if image.mode in ("LA", "PA") or "transparency" in image.info:
        return image.convert("RGBA")
    return image.convert("RGB")


def _too_many_pixels() -> str:
    return _("This picture is too large (more than %(limit)s million pixels).") % {
        "limit": settings.CYBERAIDE_MAX_IMAGE_PIXELS // 1_000_000
    }


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white, whatever the mode: transparency in screenshots becomes white."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    if image.mode != "RGB":
        return image.convert("RGB")
    return image


def _jpeg(image: Image.Image, quality: int) -> bytes:
    """Encode as JPEG with no metadata at all: no EXIF or GPS, no ICC profile, no XMP, and
    no comment (Pillow carries a JPEG's or a GIF's comment over from the original unless
    told otherwise: "SECRET … 48.85N" was once read back from a display copy)."""
    image.info.clear()
    buffer = io.BytesIO()
    image.save(
        buffer, "JPEG", quality=quality, optimize=True, progressive=False, comment=b"", exif=b""
    )
    return buffer.getvalue()
