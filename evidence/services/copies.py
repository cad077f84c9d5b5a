"""Bringing exhibits stored by older versions up to what ingest makes today: the print
copy of a tall picture, the pages of a PDF document as pictures, and what an original
says of where and when it was made (``manage.py refresh_exhibit_copies``).

Only derived data changes: the original, its hash, its receipt time and the victim's
statements stay as they are. An original that no longer matches its hash is left alone
(``manage.py verify_dossiers`` reports it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from evidence.custody import storage
from evidence.custody.journal import lock_dossier
from evidence.ingest.files import UploadRefused, inspect_upload, print_copy_size
from evidence.models import Exhibit


@dataclass(frozen=True)
class Refreshed:
    """What refreshing one exhibit did: ``"refreshed"``, ``"current"`` (nothing to do),
    ``"altered"`` (its original no longer matches its hash) or ``"unreadable"``."""

    outcome: str


def needs_refresh(exhibit: Exhibit) -> bool:
    """Stored before ingest made print copies, page pictures or read the metadata."""
    if not exhibit.original_file:
        return False
    if exhibit.kind == Exhibit.Kind.DOCUMENT:
        return exhibit.page_count is None
    return exhibit.original_metadata is None or (
        not exhibit.print_file and _is_tall(exhibit.width, exhibit.height)
    )


def _is_tall(width: int | None, height: int | None) -> bool:
    return bool(width and height) and print_copy_size((width or 0, height or 0)) is not None


def refresh_exhibit(exhibit: Exhibit) -> Refreshed:
    """Make what this exhibit lacks from its original, as ingest would today."""
    if not needs_refresh(exhibit):
        return Refreshed("current")
    dossier = exhibit.dossier
    data = storage.read_file(dossier, exhibit.original_file)
    if hashlib.sha256(data).hexdigest() != exhibit.sha256:
        return Refreshed("altered")
    try:
        inspected = inspect_upload(SimpleUploadedFile("original", data))
    except UploadRefused:
        return Refreshed("unreadable")
    updates: dict[str, object] = {}
    written: list[str] = []
    try:
        if exhibit.kind == Exhibit.Kind.DOCUMENT:
            pages = [
                storage.save_file(dossier, page, suffix=".jpg.bin") for page in inspected.pages
            ]
            written += pages
            updates.update(page_files=pages, page_count=inspected.page_count)
            if inspected.note:
                updates["ingest_note"] = inspected.note
        else:
            if exhibit.original_metadata is None:
                updates["original_metadata"] = inspected.metadata
            if not exhibit.print_file and inspected.print_copy:
                name = storage.save_file(dossier, inspected.print_copy, suffix=".jpg.bin")
                written.append(name)
                updates["print_file"] = name
        with transaction.atomic():
            lock_dossier(dossier)
            Exhibit.objects.filter(pk=exhibit.pk).update(**updates)
    except BaseException:
        storage.delete_files(written)
        raise
    for name, value in updates.items():
        setattr(exhibit, name, value)
    return Refreshed("refreshed")
