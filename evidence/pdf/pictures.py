"""How a picture is laid out on the PDF's pages so that its text stays readable.

A tall picture (a scrolling screenshot, 1170×9000) printed whole on one page would have
1.8-point text. It is cut into parts instead, each as wide as a phone screenshot is on
A4 (``PART_WIDTH_MM``) and at most a page tall, each part repeating the bottom of the
previous one (``OVERLAP``) so that no line of text is only ever seen cut in half. The
parts come from the print copy made on arrival (``evidence.ingest.files``), at most 1240
pixels wide (from the display copy for a picture stored before print copies existed).
A wide picture (a desktop capture) gets a landscape page.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PIL import Image

from cyberaide.text import without_bidi_controls
from evidence.ingest.files import DISPLAY_LONG_SIDE, PRINT_WIDTH, TALL_RATIO
from evidence.templatetags.french_dates import long_date

if TYPE_CHECKING:
    from evidence.models import Exhibit

# The picture's room on an exhibit's page (base.css: .exhibit-image img).
PART_WIDTH_MM, PART_HEIGHT_MM = 80, 165
PART_RATIO = PART_HEIGHT_MM / PART_WIDTH_MM
OVERLAP = 0.08  # of the width: about one line of a phone's text
PART_QUALITY = 80
# Wider than this, and large enough to hold small text: a landscape page.
WIDE_RATIO = 1.3
WIDE_MIN_WIDTH = 1200


@dataclass(frozen=True)
class Part:
    index: int  # from 1
    top: int  # pixels of the print copy
    bottom: int


def copy_size(width: int, height: int, *, print_copy: bool) -> tuple[int, int]:
    """The size of the copy the PDF cuts, for a picture shown at ``width``×``height``:
    its print copy, or (a picture stored before print copies) its display copy."""
    scale = min(1, PRINT_WIDTH / width) if print_copy else min(1, DISPLAY_LONG_SIDE / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def parts(width: int | None, height: int | None, *, print_copy: bool = True) -> list[Part]:
    """The parts a picture of this size is printed in; empty when it prints whole."""
    if not width or not height or height < TALL_RATIO * width:
        return []
    copy_width, copy_height = copy_size(width, height, print_copy=print_copy)
    part_height = round(copy_width * PART_RATIO)
    overlap = round(copy_width * OVERLAP)
    stride = part_height - overlap
    count = max(1, math.ceil((copy_height - overlap) / stride))
    return [
        Part(index, (index - 1) * stride, min(copy_height, (index - 1) * stride + part_height))
        for index in range(1, count + 1)
    ]


def is_wide(width: int | None, height: int | None) -> bool:
    return bool(width and height and width >= WIDE_MIN_WIDTH and width >= WIDE_RATIO * height)


def described(exhibit: Exhibit, number: int) -> str:
    """A picture's alternative text in the tagged PDF: what it is, where, when."""
    words = f"Pièce n° {number} : {exhibit.get_kind_display().lower()}, "
    words += f"{exhibit.platform_label}, {long_date(exhibit.occurred_on)}"
    if exhibit.description:
        words += f". {without_bidi_controls(exhibit.description)}"
    return words


@dataclass(frozen=True)
class Piece:
    """One picture the PDF prints on a page of its own: a part of a tall picture, or a
    page of a PDF document."""

    index: int
    label: str  # what tells it apart in its resource's name
    read: Callable[[], bytes]


def pieces(exhibit: Exhibit, read_file: Callable[[str], bytes]) -> list[Piece]:
    """A document's pages (pictured on arrival), or a tall picture's parts."""
    if exhibit.kind == exhibit.Kind.DOCUMENT:
        return [
            Piece(index, f"page-{index}", partial(read_file, name))
            for index, name in enumerate(exhibit.page_files, start=1)
        ]
    source = exhibit.print_file or exhibit.display_file
    if not source:
        return []
    copy = partial(read_file, source)
    return [
        Piece(part.index, str(part.index), partial(_cut_from, copy, part))
        for part in parts(exhibit.width, exhibit.height, print_copy=bool(exhibit.print_file))
    ]


def _cut_from(read: Callable[[], bytes], part: Part) -> bytes:
    return cut(read(), part)


def cut(data: bytes, part: Part) -> bytes:
    """One part of a print copy (JPEG bytes in, JPEG bytes out, no metadata)."""
    with Image.open(io.BytesIO(data)) as image:
        piece = image.crop((0, part.top, image.width, min(part.bottom, image.height)))
        buffer = io.BytesIO()
        piece.save(buffer, "JPEG", quality=PART_QUALITY, optimize=True)
    return buffer.getvalue()
