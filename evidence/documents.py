"""PDF snapshots of a dossier: requested by a person, built by a task, never changed.

Each snapshot is stored encrypted with the dossier's key, keeps its own SHA-256, and is
recorded in the journal when it is made.
"""

import logging
import tempfile

from django.db import transaction
from django.utils import timezone

from evidence import pdf, storage
from evidence.journal import actor_label, lock_dossier, record_event
from evidence.models import Event, GeneratedDocument

logger = logging.getLogger(__name__)

Kind = GeneratedDocument.Kind

# Each kind of document: what it still lacks, and how it is rendered.
PROBLEM_CHECKS = {
    Kind.COMPLAINT: lambda document: pdf.complaint_problems(document.dossier),
    Kind.SIGNALEMENT: lambda document: pdf.signalement_problems(document.signalement),
}
WRITERS = {
    Kind.COMPLAINT: lambda document, output: pdf.write_complaint_pdf(document.dossier, output),
    Kind.SIGNALEMENT: lambda document, output: pdf.write_signalement_pdf(
        document.signalement, output
    ),
}
EVENTS = {
    Kind.COMPLAINT: Event.Action.DOCUMENT_GENERATED,
    Kind.SIGNALEMENT: Event.Action.SIGNALEMENT_GENERATED,
}


def _record_request(*, dossier, actor, kind, signalement=None):
    document = GeneratedDocument(
        dossier=dossier, kind=kind, requested_by=actor_label(actor), signalement=signalement
    )
    problems = PROBLEM_CHECKS[kind](document)
    if problems:
        raise pdf.DossierNotReady(problems)
    document.save()
    return document


def request_document(*, dossier, actor, kind=Kind.COMPLAINT, signalement=None):
    """Record the request and queue the rendering once the request is committed."""
    from evidence.tasks import build_document

    with transaction.atomic():
        document = _record_request(dossier=dossier, actor=actor, kind=kind, signalement=signalement)
        transaction.on_commit(lambda: build_document.enqueue(document.pk))
    return document


def build_document(document_id):
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


def generate_now(*, dossier, actor, kind=Kind.COMPLAINT):
    """Request and build a document in this process (command line), returning it."""
    document = _record_request(dossier=dossier, actor=actor, kind=kind)
    return build_document(document.pk)
