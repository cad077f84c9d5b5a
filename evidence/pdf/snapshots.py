"""Building a PDF snapshot of a dossier: rendered, stored encrypted with the dossier's key
with its own SHA-256, recorded in the journal, never changed afterwards.

The worker side: ``evidence.tasks.build_document`` and ``manage.py render_dossier_pdf``
call it; it is the one place that loads the renderer for a snapshot, and it imports
nothing that queues work (no import cycle with ``evidence.tasks``).
"""

import logging
from collections.abc import Callable
from typing import BinaryIO

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from evidence.custody import integrity, scratch, storage
from evidence.custody.journal import lock_dossier, record_event
from evidence.models import Event, Exhibit, GeneratedDocument
from evidence.pdf import render

logger = logging.getLogger(__name__)

Kind = GeneratedDocument.Kind

# Each kind of document: how it is rendered, and what the journal says of it.
WRITERS: dict[str, Callable[[GeneratedDocument, BinaryIO], None]] = {
    Kind.COMPLAINT: lambda document, output: render.write_complaint_pdf(document.dossier, output),
    Kind.SIGNALEMENT: lambda document, output: render.write_signalement_pdf(
        document.required_signalement, output
    ),
}
EVENTS: dict[str, str] = {
    Kind.COMPLAINT: Event.Action.DOCUMENT_GENERATED,
    Kind.SIGNALEMENT: Event.Action.SIGNALEMENT_GENERATED,
}


def build_document(document_id: int) -> GeneratedDocument:
    """Render and store one requested document. Safe to run twice.

    Every exhibit it will print is hashed again first: one whose stored content no longer
    matches the hash recorded on arrival stops the document (it would print altered
    evidence as intact), and the journal says which. The exhibits it holds are recorded
    with it, so that erasing one of them deletes it; one erased while it was being made
    discards it.
    """
    document = GeneratedDocument.objects.select_related("dossier", "signalement").get(
        pk=document_id
    )
    if document.status != GeneratedDocument.Status.PENDING:
        return document
    dossier = document.dossier
    included = list(dossier.exhibits.filter(withdrawn_at=None))
    for exhibit in included:
        exhibit.dossier = dossier  # one key for all, unwrapped once
    altered = integrity.altered(included)
    if altered:
        return _refuse_altered(document, altered)
    # On disk, not in memory: with the originals attached, the PDF is as large as the
    # dossier. The temporary file has no name, sits in the private scratch folder, and
    # vanishes when closed.
    with scratch.temporary_file() as output:
        try:
            WRITERS[document.kind](document, output)
        except Exception:
            logger.exception("Rendering document %s failed", document.public_id)
            _fail(document, GeneratedDocument.Failure.RENDERING)
            raise
        output.seek(0)
        name, sha256, size = storage.save_stream(dossier, output, suffix=".pdf.bin")
    try:
        with transaction.atomic():
            lock_dossier(dossier)
            printed = {exhibit.pk for exhibit in included}
            if len(printed) != dossier.exhibits.filter(pk__in=printed).count():
                # An exhibit was erased while the PDF was being made: it must not survive.
                _fail(document, GeneratedDocument.Failure.RENDERING)
                storage.delete_files([name])
                return document
            document.file = name
            document.sha256 = sha256
            document.size = size
            document.exhibit_count = len(included)
            document.status = GeneratedDocument.Status.READY
            document.completed_at = timezone.now()
            document.save()
            # Those printed, and any added meanwhile: never fewer than the PDF may hold.
            document.exhibits.set(dossier.exhibits.filter(Q(pk__in=printed) | Q(withdrawn_at=None)))
            record_event(
                dossier=dossier,
                actor=None,
                action=EVENTS[document.kind],
                details={
                    "document": str(document.public_id),
                    "kind": document.kind,
                    "sha256": document.sha256,
                    "requested_by": document.requested_by,
                    "exhibits": document.exhibit_count,
                },
            )
    except BaseException:
        storage.delete_files([name])
        raise
    return document


def _fail(document: GeneratedDocument, failure: str) -> None:
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=GeneratedDocument.Status.FAILED, failure=failure, completed_at=timezone.now()
    )
    document.refresh_from_db(fields=["status", "failure", "completed_at"])


def _refuse_altered(document: GeneratedDocument, altered: list[Exhibit]) -> GeneratedDocument:
    logger.error(
        "Document %s not made: exhibit(s) %s no longer match their recorded SHA-256",
        document.public_id,
        ", ".join(str(exhibit.public_id) for exhibit in altered),
    )
    with transaction.atomic():
        lock_dossier(document.dossier)
        _fail(document, GeneratedDocument.Failure.ALTERED_EXHIBIT)
        for exhibit in altered:
            record_event(
                dossier=document.dossier,
                actor=None,
                action=Event.Action.EXHIBIT_ALTERED,
                exhibit=exhibit,
                details={"document": str(document.public_id)},
            )
    return document
