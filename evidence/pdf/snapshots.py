"""Building a PDF snapshot of a dossier: rendered, stored encrypted with the dossier's key
with its own SHA-256, recorded in the journal, never changed afterwards.

The worker side: ``evidence.tasks.build_document`` and ``manage.py render_dossier_pdf``
call it; it is the one place that loads the renderer for a snapshot, and it imports
nothing that queues work (no import cycle with ``evidence.tasks``).
"""

import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from evidence.custody import integrity, scratch, stamps, storage, timestamps
from evidence.custody.journal import lock_dossier, record_event
from evidence.models import Dossier, Event, Exhibit, GeneratedDocument
from evidence.pdf import render, seal
from evidence.services import document_states

logger = logging.getLogger(__name__)

Kind = GeneratedDocument.Kind
Progress = GeneratedDocument.Progress

# Each kind of document: how it is rendered, and what the journal says of it.
# The last argument: lay it out without the file's own timestamp (the authority failed).
WRITERS: dict[str, Callable[[GeneratedDocument, BinaryIO, bool], seal.SealResult]] = {
    Kind.COMPLAINT: lambda document, output, without_timestamp: render.write_complaint_pdf(
        document.dossier,
        output,
        leave_out_located=document.leaves_out_located_originals,
        without_timestamp=without_timestamp,
    ),
    Kind.SIGNALEMENT: lambda document, output, without_timestamp: render.write_signalement_pdf(
        document.required_signalement, output, without_timestamp=without_timestamp
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
    _report(document, Progress.CHECKING, started=True)
    included = list(dossier.exhibits.filter(withdrawn_at=None))
    for exhibit in included:
        exhibit.dossier = dossier  # one key for all, unwrapped once
    altered = integrity.altered(included)
    if altered:
        return _refuse_altered(document, altered)
    _stamp_journal_first(dossier)
    # On disk, not in memory: with the originals attached, the PDF is as large as the
    # dossier. The temporary file has no name, sits in the private scratch folder, and
    # vanishes when closed.
    with scratch.temporary_file() as output:
        _report(document, Progress.RENDERING)
        try:
            with time_limit(settings.CYBERAIDE_PDF_TIMEOUT_SECONDS):
                sealed = _write(document, output)
        except RenderTimedOut:
            logger.error("Rendering document %s took too long", document.public_id)
            document_states.fail(document, GeneratedDocument.Failure.TIMED_OUT)
            return document
        except Exception:
            logger.exception("Rendering document %s failed", document.public_id)
            document_states.fail(document, GeneratedDocument.Failure.RENDERING)
            raise
        _report(document, Progress.STORING)
        output.seek(0)
        name, sha256, size = storage.save_stream(dossier, output, suffix=".pdf.bin")
    try:
        with transaction.atomic():
            lock_dossier(dossier)
            printed = {exhibit.pk for exhibit in included}
            if len(printed) != dossier.exhibits.filter(pk__in=printed).count():
                # An exhibit was erased while the PDF was being made: it must not survive.
                document_states.fail(document, GeneratedDocument.Failure.RENDERING)
                storage.delete_files([name])
                return document
            document.file = name
            document.sha256 = sha256
            document.size = size
            document.exhibit_count = len(included)
            document.sealed_by = sealed.sealed_by
            document.timestamped_at = sealed.timestamped_at
            document.timestamp_authority = sealed.timestamp_authority
            document.status = GeneratedDocument.Status.READY
            document.progress = ""
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


def _stamp_journal_first(dossier: Dossier) -> None:
    """The PDF prints the journal's tokens: stamp its head now if the queue has not yet
    (the worker, not an upload, waits for the authority). A failure is only logged: the
    annex then says which entries no token covers."""
    try:
        stamps.stamp_head(dossier)
    except timestamps.TimestampFailed as error:
        logger.warning("Stamping the journal of dossier %s failed: %s", dossier.public_id, error)


def _write(document: GeneratedDocument, output: BinaryIO) -> seal.SealResult:
    """Lay out and seal the document; if the authority fails at the last step, lay it out
    again, saying the file has no timestamp of its own, and seal it without one."""
    try:
        return WRITERS[document.kind](document, output, False)
    except timestamps.TimestampFailed as error:
        logger.warning("Timestamping document %s failed: %s", document.public_id, error)
        output.seek(0)
        output.truncate()
        return WRITERS[document.kind](document, output, True)


class RenderTimedOut(BaseException):
    """Not an ``Exception``: the renderer's own ``except Exception`` must not swallow it."""


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Stop what runs inside after ``seconds`` of wall-clock time (``RenderTimedOut``).

    A timer signal, so only in the main thread: the database worker and a gunicorn sync
    worker run tasks there. Elsewhere (the development server's threads) the render runs
    unbounded, and a document left pending is failed as stale after the same time.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise RenderTimedOut

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _report(document: GeneratedDocument, progress: str, *, started: bool = False) -> None:
    """Say where the making of this document is (the page shows it while it waits)."""
    fields: dict[str, Any] = {"progress": progress}
    if started:
        fields["started_at"] = timezone.now()
    GeneratedDocument.objects.filter(
        pk=document.pk, status=GeneratedDocument.Status.PENDING
    ).update(**fields)


def _refuse_altered(document: GeneratedDocument, altered: list[Exhibit]) -> GeneratedDocument:
    logger.error(
        "Document %s not made: exhibit(s) %s no longer match their recorded SHA-256",
        document.public_id,
        ", ".join(str(exhibit.public_id) for exhibit in altered),
    )
    document_states.fail(document, GeneratedDocument.Failure.ALTERED_EXHIBIT)
    with transaction.atomic():
        lock_dossier(document.dossier)
        for exhibit in altered:
            record_event(
                dossier=document.dossier,
                actor=None,
                action=Event.Action.EXHIBIT_ALTERED,
                exhibit=exhibit,
                details={"document": str(document.public_id)},
            )
    return document
