"""The staff member's report to the prosecutor (signalement, article 40 CPP): the form, its
preview and its PDF, rendered like the complaint."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cyberaide.http import posted
from evidence.forms.signalement import SignalementForm
from evidence.models import Capability, GeneratedDocument, Signalement
from evidence.pdf import context as pdf_context
from evidence.services import document_states, letters
from evidence.views.access import get_dossier, private
from evidence.views.documents import ask_for_document


def get_signalement_dossier(request, public_id):
    """A dossier where this user may write a report to the prosecutor: a helper with the
    PDF scope, or the staff member who started it while the pupil has not taken it yet."""
    access = get_dossier(request, public_id, Capability.PDF)
    dossier = access.dossier
    if access.is_owner and not dossier.awaiting_claim:
        raise PermissionDenied(
            _(
                "A report to the prosecutor is written by the staff member who helps you. "
                "Your own letter is the complaint."
            )
        )
    return access


@private
def signalement_edit(request, public_id):
    access = get_signalement_dossier(request, public_id)
    dossier = access.dossier
    signalement = Signalement.objects.filter(dossier=dossier, author=request.user).first()
    # A first draft starts from what the grant says of its author; a saved one from itself.
    initial = _signalement_initial(request, dossier) if signalement is None else {}
    form = SignalementForm(posted(request), instance=signalement, initial=initial)
    if request.method == "POST" and form.is_valid():
        letters.save_signalement(form=form, dossier=dossier, actor=request.user)
        return redirect("evidence:signalement_preview", dossier.public_id)
    context = {"dossier": dossier, "form": form}
    status = 400 if form.errors else 200
    return render(request, "evidence/signalement/form.html", context, status=status)


def _signalement_initial(request, dossier):
    grant = dossier.helper_grants.filter(helper=request.user, revoked_at=None).first()
    source = grant or getattr(dossier, "handover", None)
    if source is None:
        return {}
    return {"function": source.role, "establishment": source.establishment}


@private
def signalement_preview(request, public_id):
    access = get_signalement_dossier(request, public_id)
    dossier = access.dossier
    signalement = Signalement.objects.filter(dossier=dossier, author=request.user).first()
    if signalement is None:
        return redirect("evidence:signalement_edit", dossier.public_id)
    signalement.dossier = dossier
    problems = pdf_context.signalement_problems(signalement)
    context = {"dossier": dossier, "signalement": signalement, "problems": problems}
    if not problems:
        letter_context, _resources = pdf_context.signalement_context(signalement)
        context.update(letter_context)
    document_states.fail_stale(dossier.documents.all())
    listed = list(signalement.documents.all())
    context["documents"] = listed
    context["documents_pending"] = any(d.status == GeneratedDocument.Status.PENDING for d in listed)
    context["can_delete_documents"] = True  # the author's own
    return render(request, "evidence/signalement/preview.html", context)


@private
@require_POST
def signalement_generate(request, public_id):
    access = get_signalement_dossier(request, public_id)
    dossier = access.dossier
    signalement = get_object_or_404(Signalement, dossier=dossier, author=request.user)
    signalement.dossier = dossier
    return ask_for_document(
        request, dossier, kind=GeneratedDocument.Kind.SIGNALEMENT, signalement=signalement
    )
