"""The originals that ride inside the PDF/A-3 file, exactly as the victim sent them."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from evidence.custody import storage

if TYPE_CHECKING:
    from evidence.models import Dossier
    from evidence.pdf.context import PdfExhibit


@dataclass
class Original:
    """A file as the victim sent it, to ride inside the PDF/A-3 file."""

    name: str
    description: str
    content_type: str
    received_at: datetime.datetime  # UTC
    read: Callable[[], bytes]  # decrypts and returns them, when called
    relationship: str = "/Source"  # PDF/A-3's /AFRelationship: /Data for integrite.json


def original_attachments(dossier: Dossier, exhibits: Iterable[PdfExhibit]) -> Iterator[Original]:
    """The originals of these exhibits, exactly as received."""
    for item in exhibits:
        exhibit = item.exhibit
        if not item.attachment_name:
            continue  # no original, or one left out of this PDF
        if exhibit.kind == exhibit.Kind.MESSAGE:
            # The whole text, as pasted: exactly the bytes its SHA-256 is of.
            yield Original(
                name=item.attachment_name,
                description=f"Pièce n° {item.number} — message reçu le "
                f"{exhibit.received_at:%Y-%m-%d %H:%M:%S} UTC, en entier, UTF-8 — "
                f"SHA-256 {exhibit.sha256}",
                content_type="text/plain",
                received_at=exhibit.received_at,
                read=partial(str.encode, exhibit.message_text, "utf-8"),
            )
        elif exhibit.original_file:
            yield Original(
                name=item.attachment_name,
                description=f"Pièce n° {item.number} — original reçu le "
                f"{exhibit.received_at:%Y-%m-%d %H:%M:%S} UTC — SHA-256 {exhibit.sha256}",
                content_type=exhibit.content_type,
                received_at=exhibit.received_at,
                read=partial(storage.read_file, dossier, exhibit.original_file),
            )
