"""The PDFs made from a dossier: downloading one, deleting one.

A complaint letter belongs to the dossier: whoever may make PDFs downloads it, and its
owner may delete it. A signalement belongs to the staff member who wrote it: to anyone
else, their own pupil included, it does not exist (404).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from evidence.custody import storage
from evidence.models import Capability, GeneratedDocument
from evidence.pdf.context import DossierNotReady
from evidence.services import documents
from evidence.views.access import OWNER_ONLY, get_dossier, private

# Where each kind of document is listed, to come back to once one is deleted.
LISTED_ON = {
    GeneratedDocument.Kind.COMPLAINT: "evidence:letter_preview",
    GeneratedDocument.Kind.SIGNALEMENT: "evidence:signalement_preview",
}


def get_document(request, public_id, document_id, **filters):
    access = get_dossier(request, public_id, Capability.PDF)
    document = get_object_or_404(
        access.dossier.documents.visible_to(request.user), public_id=document_id, **filters
    )
    document.dossier = access.dossier
    return access, document


def ask_for_document(request, dossier, *, kind, signalement=None, leave_out_located=False):
    """Ask for a PDF (the letter's and the signalement's "Make the PDF" buttons), then go
    back to where it is listed, saying what happened: being prepared, already being
    prepared, not ready, or too many asked for."""
    back = reverse(LISTED_ON[kind], args=[dossier.public_id])
    if documents.waiting_document(dossier, kind, signalement) is not None:
        messages.info(request, _("This PDF is already being prepared: it appears below soon."))
        return redirect(back + "#documents")
    try:
        documents.request_document(
            dossier=dossier,
            actor=request.user,
            kind=kind,
            signalement=signalement,
            leave_out_located=leave_out_located,
        )
    except DossierNotReady as not_ready:
        for problem in not_ready.problems:
            messages.error(request, problem)
        return redirect(back)
    except documents.TooManyDocuments as refusal:
        messages.error(request, refusal.message)
        return redirect(back + "#documents")
    messages.success(request, _("The PDF is being prepared. It appears below when it is ready."))
    return redirect(back + "#documents")


@private
def document_download(request, public_id, document_id):
    access, document = get_document(
        request, public_id, document_id, status=GeneratedDocument.Status.READY
    )
    # Streamed: with the originals attached, a PDF is as large as the dossier.
    response = StreamingHttpResponse(
        storage.read_chunks(access.dossier, document.file), content_type="application/pdf"
    )
    response["Content-Length"] = document.size
    response["Content-Disposition"] = f'attachment; filename="{document.download_name}"'
    return response


@private
def document_delete(request, public_id, document_id):
    """Delete one PDF, after a confirmation page; the journal keeps its fingerprint."""
    access, document = get_document(request, public_id, document_id)
    if document.kind == GeneratedDocument.Kind.COMPLAINT and not access.is_owner:
        raise PermissionDenied(OWNER_ONLY)
    if document.status == GeneratedDocument.Status.PENDING:
        messages.error(request, _("This PDF is still being prepared: delete it once it is ready."))
        return redirect(LISTED_ON[document.kind], access.dossier.public_id)
    if request.method == "POST":
        documents.delete_document(document=document, actor=request.user)
        messages.success(request, _("The PDF was deleted. Its fingerprint stays in the journal."))
        return redirect(LISTED_ON[document.kind], access.dossier.public_id)
    context = {"dossier": access.dossier, "document": document, "back": LISTED_ON[document.kind]}
    return render(request, "evidence/documents/delete.html", context)
