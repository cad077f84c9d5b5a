"""Asking for a PDF snapshot of a dossier: checked, recorded, and queued for the task that
builds it (``evidence.tasks``, then ``evidence.pdf.snapshots``) once the request commits.

This is the web side: it never imports the renderer.
"""

from django.db import transaction

from evidence.custody.journal import actor_label
from evidence.models import GeneratedDocument
from evidence.pdf.context import (
    DossierNotReady,
    complaint_problems,
    signalement_problems,
)
from evidence.tasks import build_document

Kind = GeneratedDocument.Kind

# Each kind of document: what it still lacks before it can be made.
PROBLEM_CHECKS = {
    Kind.COMPLAINT: lambda document: complaint_problems(document.dossier),
    Kind.SIGNALEMENT: lambda document: signalement_problems(document.signalement),
}


def record_request(*, dossier, actor, kind, signalement=None):
    document = GeneratedDocument(
        dossier=dossier, kind=kind, requested_by=actor_label(actor), signalement=signalement
    )
    problems = PROBLEM_CHECKS[kind](document)
    if problems:
        raise DossierNotReady(problems)
    document.save()
    return document


def request_document(*, dossier, actor, kind=Kind.COMPLAINT, signalement=None):
    """Record the request and queue the rendering once the request is committed."""
    with transaction.atomic():
        document = record_request(dossier=dossier, actor=actor, kind=kind, signalement=signalement)
        transaction.on_commit(lambda: build_document.enqueue(document.pk))
    return document


def generate_now(*, dossier, actor, kind=Kind.COMPLAINT):
    """Request and build a document in this process (the command line), returning it."""
    from evidence.pdf.snapshots import build_document as build

    document = record_request(dossier=dossier, actor=actor, kind=kind)
    return build(document.pk)
