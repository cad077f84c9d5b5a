"""Asking for a PDF snapshot of a dossier: checked, recorded, and queued for the task that
builds it (``evidence.tasks``, then ``evidence.pdf.snapshots``) once the request commits.

This is the web side: it never imports the renderer.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from evidence.custody import storage
from evidence.custody.journal import actor_label, lock_dossier, record_event
from evidence.models import Event, GeneratedDocument
from evidence.pdf.context import (
    DossierNotReady,
    complaint_problems,
    signalement_problems,
)
from evidence.refusals import Refused
from evidence.services import document_states
from evidence.tasks import build_document

if TYPE_CHECKING:
    from accounts.models import User
    from evidence.models import Dossier, Signalement

Kind = GeneratedDocument.Kind

# Each kind of document: what it still lacks before it can be made.
PROBLEM_CHECKS: dict[str, Callable[[GeneratedDocument], list[Any]]] = {
    Kind.COMPLAINT: lambda document: complaint_problems(document.dossier),
    Kind.SIGNALEMENT: lambda document: signalement_problems(document.required_signalement),
}


def record_request(
    *,
    dossier: Dossier,
    actor: User | None,
    kind: str,
    signalement: Signalement | None = None,
    leave_out_located: bool = False,
) -> GeneratedDocument:
    document = GeneratedDocument(
        dossier=dossier,
        kind=kind,
        requested_by=actor_label(actor),
        author=actor,
        signalement=signalement,
        # A staff member's report never sends on where a pupil's photo was taken.
        leaves_out_located_originals=leave_out_located or kind == Kind.SIGNALEMENT,
    )
    problems = PROBLEM_CHECKS[kind](document)
    if problems:
        raise DossierNotReady(problems)
    document.save()
    return document


class TooManyDocuments(Refused):
    def __init__(self) -> None:
        super().__init__(
            ngettext_lazy(
                "You have asked for %(count)s PDF in the last hour, the most one account "
                "may. The ones already made are below; ask again in a while.",
                "You have asked for %(count)s PDFs in the last hour, the most one account "
                "may. The ones already made are below; ask again in a while.",
                settings.CYBERAIDE_PDF_PER_HOUR,
            )
            % {"count": settings.CYBERAIDE_PDF_PER_HOUR}
        )


def waiting_document(
    dossier: Dossier, kind: str, signalement: Signalement | None = None
) -> GeneratedDocument | None:
    """The same document already asked for and still being made, if there is one (a
    stale one is failed first, so that asking again makes a new one)."""
    document_states.fail_stale(dossier.documents.all())
    return dossier.documents.filter(
        kind=kind, status=GeneratedDocument.Status.PENDING, signalement=signalement
    ).first()


def request_document(
    *,
    dossier: Dossier,
    actor: User,
    kind: str = Kind.COMPLAINT,
    signalement: Signalement | None = None,
    leave_out_located: bool = False,
) -> GeneratedDocument:
    """Record the request and queue the rendering once the request is committed.

    Asking again while the same document is being made returns that one; one account may
    ask for ``CYBERAIDE_PDF_PER_HOUR`` documents an hour (``TooManyDocuments``).
    ``leave_out_located``: attach no original that holds a GPS position."""
    with transaction.atomic():
        lock_dossier(dossier)
        waiting = waiting_document(dossier, kind, signalement)
        if waiting is not None:
            return waiting
        an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
        if (
            GeneratedDocument.objects.filter(author=actor, created_at__gte=an_hour_ago).count()
            >= settings.CYBERAIDE_PDF_PER_HOUR
        ):
            raise TooManyDocuments
        document = record_request(
            dossier=dossier,
            actor=actor,
            kind=kind,
            signalement=signalement,
            leave_out_located=leave_out_located,
        )
        transaction.on_commit(lambda: build_document.enqueue(document.pk))
    return document


def delete_document(*, document: GeneratedDocument, actor: User | None, reason: str = "") -> None:
    """Delete one generated PDF and its file, in the caller's transaction or its own; the
    journal keeps its SHA-256. ``reason`` says why when the victim did not ask directly
    (``"exhibit_erased"``: it held an exhibit being erased)."""
    name = document.file
    with transaction.atomic():
        lock_dossier(document.dossier)
        record_event(
            dossier=document.dossier,
            actor=actor,
            action=Event.Action.DOCUMENT_DELETED,
            details={
                "document": str(document.public_id),
                "kind": document.kind,
                "sha256": document.sha256,
                **({"reason": reason} if reason else {}),
            },
        )
        document.delete()
        transaction.on_commit(lambda: storage.delete_files([name]))


def generate_now(
    *,
    dossier: Dossier,
    actor: User | None,
    kind: str = Kind.COMPLAINT,
    leave_out_located: bool = False,
) -> GeneratedDocument:
    """Request and build a document in this process (the command line), returning it."""
    from evidence.pdf.snapshots import build_document as build

    document = record_request(
        dossier=dossier, actor=actor, kind=kind, leave_out_located=leave_out_located
    )
    return build(document.pk)
