"""Preparing the complaint letter: short steps saved as you go, a preview, the PDF."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cyberaide.http import posted
from cyberaide.text import Text
from evidence.forms import letter as letter_forms
from evidence.letter.deadlines import dossier_press_law_deadline
from evidence.models import Capability, Complaint, GeneratedDocument
from evidence.pdf import context as pdf_context
from evidence.services import document_states, letters
from evidence.views.access import get_dossier, private
from evidence.views.documents import ask_for_document
from guidance.glossary import GLOSSARY


@dataclass(frozen=True)
class LetterStep:
    slug: str
    title: Text
    form_class: type
    # The legal words the step uses, linked to their plain-words explanation.
    terms: tuple = ()

    @property
    def number(self) -> int:
        """Its place in the letter, which is all its URL says (``/letter/2/``, not
        ``/letter/representative/``: a history entry tells nothing)."""
        return STEP_SLUGS.index(self.slug) + 1


STEPS = (
    LetterStep("you", gettext_lazy("About you"), letter_forms.IdentityForm, ("plainte-simple",)),
    LetterStep(
        "representative",
        gettext_lazy("Your legal representative"),
        letter_forms.RepresentativeForm,
        ("representant-legal", "partie-civile"),
    ),
    LetterStep(
        "recipient",
        gettext_lazy("Who the letter is for"),
        letter_forms.RecipientForm,
        ("procureur", "tribunal-judiciaire", "recepisse"),
    ),
    LetterStep("authors", gettext_lazy("Who did it"), letter_forms.AuthorsForm),
    LetterStep("facts", gettext_lazy("What happened"), letter_forms.FactsForm, ("itt",)),
    LetterStep(
        "offences",
        gettext_lazy("Offences and civil party"),
        letter_forms.OffencesForm,
        ("delit", "partie-civile", "plainte-partie-civile", "prescription"),
    ),
)
STEP_SLUGS = [step.slug for step in STEPS]


def glossary_terms(anchors):
    by_anchor = {term.anchor: term for term in GLOSSARY}
    return [by_anchor[anchor] for anchor in anchors]


def next_url(dossier, slug):
    index = STEP_SLUGS.index(slug)
    if index + 1 < len(STEPS):
        return reverse("evidence:letter_step", args=[dossier.public_id, STEPS[index + 1].number])
    return reverse("evidence:letter_preview", args=[dossier.public_id])


@private
def letter_step(request, public_id, number):
    access = get_dossier(request, public_id, Capability.PDF)
    dossier = access.dossier
    if not 1 <= number <= len(STEPS):
        raise Http404
    step = STEPS[number - 1]
    slug = step.slug
    # Unsaved until the first valid step: opening the letter stores nothing.
    complaint = getattr(dossier, "complaint", None) or Complaint(dossier=dossier)
    form = step.form_class(posted(request), instance=complaint)
    if request.method == "POST" and form.is_valid():
        letters.save_letter_step(form=form, dossier=dossier, actor=request.user, step=slug)
        return redirect(next_url(dossier, slug))
    context = {
        "dossier": dossier,
        "access": access,
        "complaint": complaint,
        "form": form,
        "step": step,
        "steps": STEPS,
        "step_number": STEP_SLUGS.index(slug) + 1,
        "terms": glossary_terms(step.terms),
        "press_law": dossier_press_law_deadline(dossier),
    }
    return render(request, "evidence/letter/step.html", context, status=400 if form.errors else 200)


def make_pdf_form(dossier, data=None):
    return letter_forms.MakePdfForm(
        data,
        action=reverse("evidence:letter_generate", args=[dossier.public_id]),
        located=dossier.exhibits.filter(
            withdrawn_at=None, original_metadata__location=True
        ).exists(),
    )


@private
def letter_preview(request, public_id):
    access = get_dossier(request, public_id, Capability.PDF)
    return show_preview(request, access, make_pdf_form(access.dossier))


def show_preview(request, access, form):
    """The letter as it will read, its PDFs, and the form that makes one (sent back with
    its error when a choice is missing)."""
    dossier = access.dossier
    complaint = getattr(dossier, "complaint", None)
    problems = pdf_context.complaint_problems(dossier)
    context = {
        "dossier": dossier,
        "access": access,
        "complaint": complaint,
        "problems": problems,
        "steps": STEPS,
        "terms": glossary_terms(("bordereau", "sha256", "recepisse")),
        "press_law": dossier_press_law_deadline(dossier),
        "form": form,
    }
    if not problems:
        letter_context, _resources = pdf_context.complaint_context(dossier)
        context.update(letter_context)
        context["located"] = [
            item for item in letter_context["exhibits"] if item.exhibit.holds_location
        ]
    document_states.fail_stale(dossier.documents.all())
    listed = list(dossier.documents.filter(kind=GeneratedDocument.Kind.COMPLAINT))
    context["documents"] = listed
    context["documents_pending"] = any(d.status == GeneratedDocument.Status.PENDING for d in listed)
    context["document_ready"] = any(d.status == GeneratedDocument.Status.READY for d in listed)
    context["can_delete_documents"] = access.is_owner
    status = 400 if form.errors else 200
    return render(request, "evidence/letter/preview.html", context, status=status)


@private
@require_POST
def letter_generate(request, public_id):
    access = get_dossier(request, public_id, Capability.PDF)
    form = make_pdf_form(access.dossier, request.POST)
    if not form.is_valid():
        return show_preview(request, access, form)
    return ask_for_document(
        request,
        access.dossier,
        kind=GeneratedDocument.Kind.COMPLAINT,
        leave_out_located=form.leave_out_located,
    )
