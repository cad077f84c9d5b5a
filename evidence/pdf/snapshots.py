"""Building a PDF snapshot of a dossier: rendered, stored encrypted with the dossier's key
with its own SHA-256, recorded in the journal, never changed afterwards.

The worker side: ``evidence.tasks.build_document`` and ``manage.py render_dossier_pdf``
call it; it is the one place that loads the renderer for a snapshot, and it imports
nothing that queues work (no import cycle with ``evidence.tasks``).
"""

import logging
import tempfile
from collections.abc import Callable
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone

from evidence.custody import storage
from evidence.custody.journal import lock_dossier, record_event
from evidence.models import Event, GeneratedDocument
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
    """Render and store one requested document. Safe to run twice."""
    document = GeneratedDocument.objects.select_related("dossier", "signalement").get(
        pk=document_id
    )
    if document.status != GeneratedDocument.Status.PENDING:
        return document
    dossier = document.dossier
    # On disk, not in memory: with the originals attached, the PDF is as large as the
    # dossier. The temporary file has no name and vanishes when closed.
    with tempfile.TemporaryFile() as output:
        try:
            WRITERS[document.kind](document, output)
        except Exception:
            logger.exception("Rendering document %s failed", document.public_id)
            GeneratedDocument.objects.filter(pk=document.pk).update(
                status=GeneratedDocument.Status.FAILED, completed_at=timezone.now()
            )
            raise
        output.seek(0)
        name, sha256, size = storage.save_stream(dossier, output, suffix=".pdf.bin")
    try:
        with transaction.atomic():
            lock_dossier(dossier)
            document.file = name
            document.sha256 = sha256
            document.size = size
            document.exhibit_count = dossier.exhibits.filter(withdrawn_at=None).count()
            document.status = GeneratedDocument.Status.READY
            document.completed_at = timezone.now()
            document.save()
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
