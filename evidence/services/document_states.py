"""Where a requested PDF stands, and the one way it fails: visibly, with a journal entry.

A document is asked for (pending), taken by a worker (``started_at``, then ``progress``),
and ends ready or failed. It is never "being prepared" forever: one whose worker died (a
timeout, an out-of-memory kill, a crash, a web worker restarted under the immediate
backend) is found stale after ``CYBERAIDE_PDF_TIMEOUT_SECONDS`` and a margin, and one
never taken after ``CYBERAIDE_PDF_QUEUE_DEADLINE_SECONDS``; either is failed here.

Both the web side (listing documents) and the worker (``evidence.pdf.snapshots``) use
this module; it imports neither the renderer nor the task queue.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from evidence.custody.journal import lock_dossier, record_event
from evidence.models import Event, GeneratedDocument

Status = GeneratedDocument.Status
Failure = GeneratedDocument.Failure
# How long past its render's time limit a started document may stay pending.
MARGIN = datetime.timedelta(seconds=60)


def fail(document: GeneratedDocument, failure: str) -> None:
    """Mark a pending document failed and say so in its dossier's journal (once)."""
    with transaction.atomic():
        lock_dossier(document.dossier)
        updated = GeneratedDocument.objects.filter(pk=document.pk, status=Status.PENDING).update(
            status=Status.FAILED, failure=failure, completed_at=timezone.now(), progress=""
        )
        if updated:
            record_event(
                dossier=document.dossier,
                actor=None,
                action=Event.Action.DOCUMENT_FAILED,
                details={
                    "document": str(document.public_id),
                    "kind": document.kind,
                    "failure": failure,
                    "requested_by": document.requested_by,
                },
            )
    document.refresh_from_db(fields=["status", "failure", "completed_at", "progress"])


def stale(documents: QuerySet[GeneratedDocument]) -> QuerySet[GeneratedDocument]:
    """Pending documents whose worker is gone, or that no worker ever took."""
    now = timezone.now()
    started_before = now - datetime.timedelta(seconds=settings.CYBERAIDE_PDF_TIMEOUT_SECONDS)
    queued_before = now - datetime.timedelta(seconds=settings.CYBERAIDE_PDF_QUEUE_DEADLINE_SECONDS)
    return documents.filter(status=Status.PENDING).filter(
        Q(started_at__lt=started_before - MARGIN) | Q(started_at=None, created_at__lt=queued_before)
    )


def fail_stale(documents: QuerySet[GeneratedDocument]) -> int:
    """Fail every stale document among these; return how many there were."""
    count = 0
    for document in stale(documents).select_related("dossier"):
        fail(document, Failure.INTERRUPTED)
        count += 1
    return count
