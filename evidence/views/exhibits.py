"""Adding, correcting, reordering, withdrawing and erasing exhibits, and serving their
files. Only the owner corrects, reorders, withdraws or erases."""

import time

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from cyberaide.http import posted
from evidence.custody import storage
from evidence.forms.exhibits import (
    ExhibitDetailsForm,
    FileDetailsForm,
    FileExhibitForm,
    LinkExhibitForm,
    MessageExhibitForm,
    MoveForm,
)
from evidence.ingest.files import UploadRefused
from evidence.ingest.limits import refusals as upload_refusals
from evidence.models import Capability, Exhibit
from evidence.services import exhibits as exhibit_services
from evidence.views.access import get_dossier, get_exhibit, private

OUT_OF_TIME = gettext_lazy(
    "Not added: this upload took too long to process and stopped before this file. "
    "Send it again on its own."
)


@private
def add_files(request, public_id):
    access = get_dossier(request, public_id, Capability.ADD)
    dossier = access.dossier
    data = posted(request)
    form = FileExhibitForm(data, request.FILES if data is not None else None)
    accepted, refused = [], []
    # Files the upload handler stopped before they reached the disk, each with its reason.
    stopped = [(refusal.name, refusal.reason) for refusal in upload_refusals(request)]
    if stopped and not request.FILES:  # nothing left to add: say why, keep what was typed
        form = FileExhibitForm(initial=data.dict() if data is not None else None)
        refused = stopped
    elif request.method == "POST" and form.is_valid():
        # File by file within a time budget, below the web worker's own timeout: what is
        # left when it runs out is named as not added, never lost without a word.
        deadline = time.monotonic() + settings.CYBERAIDE_UPLOAD_TIME_BUDGET_SECONDS
        for uploaded_file in form.cleaned_data["files"]:
            if time.monotonic() >= deadline:
                refused.append((uploaded_file.name, OUT_OF_TIME))
                continue
            try:
                exhibit = exhibit_services.add_file_exhibit(
                    dossier=dossier,
                    actor=request.user,
                    uploaded_file=uploaded_file,
                    details=form.details(),
                )
            except UploadRefused as refusal:
                refused.append((uploaded_file.name, refusal.message))
            else:
                accepted.append((uploaded_file.name, exhibit))
        refused += stopped
        if not refused:
            messages.success(
                request,
                ngettext(
                    "%(count)s file added to the dossier.",
                    "%(count)s files added to the dossier.",
                    len(accepted),
                )
                % {"count": len(accepted)},
            )
            if len(accepted) > 1:
                keep_batch(request, dossier, [exhibit for _name, exhibit in accepted])
                return redirect("evidence:file_details", dossier.public_id)
            return redirect(card_url(accepted[0][1]))
        form = FileExhibitForm(initial=form.details())
    elif request.method == "POST" and request.FILES:
        form.ask_to_choose_again()
    status = 400 if refused or form.errors else 200
    context = {"dossier": dossier, "form": form, "accepted": accepted, "refused": refused}
    return render(request, "evidence/exhibits/add_files.html", context, status=status)


def card_url(exhibit):
    """The dossier page, scrolled to this exhibit's card."""
    url = reverse("evidence:dossier_detail", args=[exhibit.dossier.public_id])
    return f"{url}#exhibit-{exhibit.public_id}"


def keep_batch(request, dossier, exhibits):
    """The files just added together, for the page that gives each its own details."""
    request.session[f"batch-{dossier.public_id}"] = [str(e.public_id) for e in exhibits]


@private
def file_details(request, public_id):
    """After several files at once: each with its own date, place and author, prefilled
    with what was typed for all. Only the files this person has just added, from their
    session; a change is a correction, noted in the journal like any other."""
    access = get_dossier(request, public_id, Capability.ADD)
    dossier = access.dossier
    batch = request.session.get(f"batch-{dossier.public_id}") or []
    exhibits = {str(e.public_id): e for e in dossier.exhibits.filter(public_id__in=batch)}
    files = [exhibits[public_id] for public_id in batch if public_id in exhibits]
    if not files:
        return redirect("evidence:dossier_detail", dossier.public_id)
    data = posted(request)
    forms = [
        FileDetailsForm(
            data,
            prefix=f"file-{number}",
            initial={name: getattr(exhibit, name) for name in FileDetailsForm.PER_FILE},
        )
        for number, exhibit in enumerate(files, 1)
    ]
    if data is not None and all(form.is_valid() for form in forms):
        corrected = sum(
            exhibit_services.edit_exhibit(
                exhibit=exhibit, actor=request.user, details=form.details()
            )
            for exhibit, form in zip(files, forms, strict=True)
        )
        del request.session[f"batch-{dossier.public_id}"]
        if corrected:
            messages.success(request, _("The details of each file are saved."))
        return redirect("evidence:dossier_detail", dossier.public_id)
    has_errors = any(form.errors for form in forms)
    context = {
        "dossier": dossier,
        "items": list(zip(files, forms, strict=True)),
        "has_errors": has_errors,
    }
    status = 400 if has_errors else 200
    return render(request, "evidence/exhibits/file_details.html", context, status=status)


def _add_text_exhibit(request, public_id, *, form_class, add, done, template_name):
    """The message and link pages: one form, one service call, back to the dossier."""
    access = get_dossier(request, public_id, Capability.ADD)
    dossier = access.dossier
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        add(dossier=dossier, actor=request.user, form=form)
        messages.success(request, done)
        return redirect("evidence:dossier_detail", dossier.public_id)
    context = {"dossier": dossier, "form": form}
    return render(request, template_name, context, status=400 if form.errors else 200)


@private
def add_message(request, public_id):
    return _add_text_exhibit(
        request,
        public_id,
        form_class=MessageExhibitForm,
        add=lambda *, form, **kwargs: exhibit_services.add_message_exhibit(
            text=form.cleaned_data["text"], details=form.details(), **kwargs
        ),
        done=_("The message was added to the dossier."),
        template_name="evidence/exhibits/add_message.html",
    )


@private
def add_link(request, public_id):
    return _add_text_exhibit(
        request,
        public_id,
        form_class=LinkExhibitForm,
        add=lambda *, form, **kwargs: exhibit_services.add_link_exhibit(
            details=form.details(), **kwargs
        ),
        done=_("The link was added to the dossier."),
        template_name="evidence/exhibits/add_link.html",
    )


@private
@require_POST
def renumber(request, public_id):
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    exhibit_services.renumber_in_date_order(
        dossier=dossier, actor=request.user, key=Exhibit.chronological_key
    )
    messages.success(request, _("The exhibits are now numbered in date order."))
    return redirect("evidence:dossier_detail", dossier.public_id)


@private
def exhibit_edit(request, public_id, exhibit_id):
    _access, exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    initial = {name: getattr(exhibit, name) for name in ExhibitDetailsForm.base_fields}
    form = ExhibitDetailsForm(posted(request), initial=initial)
    for name in exhibit_services.FIXED_ON_ARRIVAL.get(exhibit.kind, ()):
        # The link is the exhibit itself, hashed on arrival: shown, not corrected.
        form.fields[name].disabled = True
        form.fields[name].help_text = _(
            "The link is the exhibit itself and cannot be corrected. If it is wrong, add "
            "the right link as a new exhibit and erase this one."
        )
    if request.method == "POST" and form.is_valid():
        place_before = chronology_place(exhibit)
        if exhibit_services.edit_exhibit(
            exhibit=exhibit, actor=request.user, details=form.details()
        ):
            messages.success(request, _("The correction is saved and noted in the journal."))
            if chronology_place(exhibit) != place_before:
                # The list is in the order of the facts: say why the card is elsewhere now.
                messages.info(
                    request,
                    _(
                        "Its date changed, so the exhibit now stands at its new place in "
                        "the chronology. Its number stays the same."
                    ),
                )
        return redirect(card_url(exhibit))
    context = {"exhibit": exhibit, "form": form, "number": exhibit_number(exhibit)}
    return render(
        request, "evidence/exhibits/edit.html", context, status=400 if form.errors else 200
    )


def numbered_exhibits(dossier):
    """The exhibits of the complaint, in their numbered order (withdrawn ones have none)."""
    return list(dossier.exhibits.filter(withdrawn_at__isnull=True))


def exhibit_number(exhibit):
    """Its number in the complaint ("Pièce n°"), None when withdrawn."""
    numbered = [item.pk for item in numbered_exhibits(exhibit.dossier)]
    return numbered.index(exhibit.pk) + 1 if exhibit.pk in numbered else None


def chronology_place(exhibit):
    """Where it stands in the dossier page's list, in the order of the facts."""
    ordered = sorted(numbered_exhibits(exhibit.dossier), key=Exhibit.chronological_key)
    return [item.pk for item in ordered].index(exhibit.pk) if exhibit.withdrawn_at is None else None


@private
@require_POST
def exhibit_move(request, public_id, exhibit_id):
    _access, exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    form = MoveForm(request.POST)
    if exhibit.withdrawn_at is not None:
        messages.error(request, _("This exhibit is withdrawn: put it back before moving it."))
    elif form.is_valid():
        offset = -1 if form.cleaned_data["direction"] == "up" else 1
        exhibit_services.move_exhibit(exhibit=exhibit, actor=request.user, offset=offset)
    return redirect("evidence:dossier_detail", exhibit.dossier.public_id)


@private
@require_POST
def exhibit_withdraw(request, public_id, exhibit_id):
    _access, exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    if exhibit.withdrawn_at is None:
        exhibit_services.withdraw_exhibit(exhibit=exhibit, actor=request.user)
        messages.success(
            request, _("The exhibit was withdrawn from the dossier. You can put it back.")
        )
    return redirect("evidence:dossier_detail", exhibit.dossier.public_id)


@private
@require_POST
def exhibit_restore(request, public_id, exhibit_id):
    _access, exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    if exhibit.withdrawn_at is not None:
        exhibit_services.restore_exhibit(exhibit=exhibit, actor=request.user)
        messages.success(request, _("The exhibit is back in the dossier."))
    return redirect("evidence:dossier_detail", exhibit.dossier.public_id)


@private
def exhibit_erase(request, public_id, exhibit_id):
    _access, exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    if request.method == "POST":
        dossier_id = exhibit.dossier.public_id
        exhibit_services.erase_exhibit(exhibit=exhibit, actor=request.user)
        messages.success(
            request, _("The exhibit was erased. Its fingerprint stays in the journal.")
        )
        return redirect("evidence:dossier_detail", dossier_id)
    # Every PDF that holds it goes with it: the page says how many, before anything goes.
    context = {"exhibit": exhibit, "documents_holding_it": exhibit.documents.count()}
    return render(request, "evidence/exhibits/erase.html", context)


FILE_VARIANTS = {
    "thumbnail": "thumbnail_file",
    "display": "display_file",
    "original": "original_file",
}


@private
def exhibit_file(request, public_id, exhibit_id, variant):
    """Serve one of an exhibit's files after the access check; the original only as a
    download, under a name chosen by the server."""
    _access, exhibit = get_exhibit(request, public_id, exhibit_id)
    field = FILE_VARIANTS.get(variant)
    name = getattr(exhibit, field) if field else ""
    if not name:
        raise Http404
    data = storage.read_file(exhibit.dossier, name)
    if variant == "original":
        response = HttpResponse(data, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="{exhibit.download_name}"'
    else:
        response = HttpResponse(data, content_type="image/jpeg")
        response["Content-Disposition"] = f'inline; filename="{exhibit.public_id}-{variant}.jpg"'
    return response
