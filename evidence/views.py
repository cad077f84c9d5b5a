"""Dossier pages. Every lookup goes through ``Dossier.objects.visible_to``; anything else
is a 404, and every page here is sent with ``Cache-Control: no-store``.

A helper sees a dossier a pupil shared with them; what they lack the scope for answers
403 with a page that says so, and changes nothing. Only the owner corrects, reorders,
withdraws or erases exhibits.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cyberaide.http import posted
from evidence import services, storage
from evidence.deadlines import press_law_deadline
from evidence.forms import (
    DossierForm,
    ExhibitDetailsForm,
    FileExhibitForm,
    LinkExhibitForm,
    MessageExhibitForm,
    MoveForm,
)
from evidence.ingest import UploadRefused
from evidence.journal import verify_journal
from evidence.models import Access, Capability, Dossier, Exhibit, GeneratedDocument

OWNER_ONLY = gettext_lazy(
    "Only the person whose dossier this is can do this. You can see it because they asked "
    "you to help."
)
BEYOND_SCOPE = gettext_lazy(
    "What you may do in this dossier does not include this. The person whose dossier it is "
    "can give you more on their “Who helps” page."
)


def private(view):
    return login_required(never_cache(view))


def get_dossier(request, public_id, need=Capability.READ):
    """The dossier if the user may see it (else 404) and do ``need`` in it (else 403).

    The dossier comes back with ``access``, the user's ``Access`` to it.
    """
    dossier = get_object_or_404(
        Dossier.objects.visible_to(request.user).select_related("complaint", "handover"),
        public_id=public_id,
    )
    dossier.access = Access(dossier.capability_of(request.user))
    if not dossier.access.allows(need):
        raise PermissionDenied(OWNER_ONLY if need == Capability.OWN else BEYOND_SCOPE)
    return dossier


def get_exhibit(request, public_id, exhibit_id, need=Capability.READ):
    """An exhibit of a dossier the user may see; helpers never see withdrawn ones."""
    dossier = get_dossier(request, public_id, need)
    exhibits = dossier.exhibits.all()
    if not dossier.access.is_owner:
        exhibits = exhibits.filter(withdrawn_at=None)
    exhibit = get_object_or_404(exhibits, public_id=exhibit_id)
    exhibit.dossier = dossier  # keeps ``access``
    return exhibit


@private
def dossier_list(request):
    dossiers = Dossier.objects.owned_by(request.user)
    return render(
        request, "evidence/dossier_list.html", {"dossiers": dossiers, "form": DossierForm()}
    )


@private
def dossier_create(request):
    form = DossierForm(posted(request))
    if request.method == "POST" and form.is_valid():
        dossier = services.create_dossier(owner=request.user, title=form.cleaned_data["title"])
        return redirect("evidence:dossier_detail", dossier.public_id)
    return render(request, "evidence/dossier_create.html", {"form": form})


@private
def dossier_detail(request, public_id):
    dossier = get_dossier(request, public_id)
    exhibits = list(dossier.exhibits.all())
    events = list(dossier.events.order_by("sequence"))
    journal_ok, broken_event = verify_journal(dossier, events)
    grants = list(dossier.helper_grants.select_related("helper"))
    helpers_by_name = {grant.helper.get_username(): grant for grant in grants}
    for event in events:
        # A PDF is recorded by the task that made it, for the person who asked for it.
        event.requested_by = event.details.get("requested_by", "")
        event.helper = helpers_by_name.get(event.requested_by or event.actor)
    numbered = [exhibit for exhibit in exhibits if exhibit.withdrawn_at is None]
    for number, exhibit in enumerate(numbered, start=1):
        exhibit.number = number
    complaint = getattr(dossier, "complaint", None)
    context = {
        "dossier": dossier,
        "chronology": sorted(numbered, key=Exhibit.chronological_key),
        "withdrawn": [
            exhibit
            for exhibit in exhibits
            if exhibit.withdrawn_at is not None and dossier.access.is_owner
        ],
        "active_grants": [grant for grant in grants if grant.revoked_at is None],
        "my_grant": next(
            (g for g in grants if g.helper_id == request.user.pk and g.revoked_at is None), None
        ),
        "events": events,
        "journal_ok": journal_ok,
        "broken_event": broken_event,
        "in_date_order": numbered == sorted(numbered, key=Exhibit.chronological_key),
        "press_law": complaint
        and press_law_deadline(complaint.offences, enumerate(numbered, start=1)),
        # The pupil is told plainly when a staff member has reported to the prosecutor.
        "signalements_made": dossier.documents.filter(
            kind=GeneratedDocument.Kind.SIGNALEMENT, status=GeneratedDocument.Status.READY
        ).select_related("signalement")
        if dossier.access.is_owner
        else (),
    }
    return render(request, "evidence/dossier_detail.html", context)


@private
def dossier_rename(request, public_id):
    dossier = get_dossier(request, public_id, Capability.OWN)
    form = DossierForm(posted(request), instance=dossier)
    if request.method == "POST" and form.is_valid():
        services.rename_dossier(
            dossier=dossier, actor=request.user, title=form.cleaned_data["title"]
        )
        return redirect("evidence:dossier_detail", dossier.public_id)
    return render(request, "evidence/dossier_rename.html", {"dossier": dossier, "form": form})


@private
def add_files(request, public_id):
    dossier = get_dossier(request, public_id, Capability.ADD)
    data = posted(request)
    form = FileExhibitForm(data, request.FILES if data is not None else None)
    accepted, refused = [], []
    if request.method == "POST" and form.is_valid():
        for uploaded_file in form.cleaned_data["files"]:
            try:
                exhibit = services.add_file_exhibit(
                    dossier=dossier,
                    actor=request.user,
                    uploaded_file=uploaded_file,
                    details=form.details(),
                )
            except UploadRefused as refusal:
                refused.append((uploaded_file.name, refusal.message))
            else:
                accepted.append((uploaded_file.name, exhibit))
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
            return redirect("evidence:dossier_detail", dossier.public_id)
        form = FileExhibitForm(initial=form.details())
    status = 400 if refused or form.errors else 200
    context = {"dossier": dossier, "form": form, "accepted": accepted, "refused": refused}
    return render(request, "evidence/add_files.html", context, status=status)


def _add_text_exhibit(request, public_id, *, form_class, add, done, template_name):
    """The message and link pages: one form, one service call, back to the dossier."""
    dossier = get_dossier(request, public_id, Capability.ADD)
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
        add=lambda *, form, **kwargs: services.add_message_exhibit(
            text=form.cleaned_data["text"], details=form.details(), **kwargs
        ),
        done=_("The message was added to the dossier."),
        template_name="evidence/add_message.html",
    )


@private
def add_link(request, public_id):
    return _add_text_exhibit(
        request,
        public_id,
        form_class=LinkExhibitForm,
        add=lambda *, form, **kwargs: services.add_link_exhibit(details=form.details(), **kwargs),
        done=_("The link was added to the dossier."),
        template_name="evidence/add_link.html",
    )


@private
@require_POST
def renumber(request, public_id):
    dossier = get_dossier(request, public_id, Capability.OWN)
    services.renumber_in_date_order(
        dossier=dossier, actor=request.user, key=Exhibit.chronological_key
    )
    messages.success(request, _("The exhibits are now numbered in date order."))
    return redirect("evidence:dossier_detail", dossier.public_id)


@private
def exhibit_edit(request, public_id, exhibit_id):
    exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    initial = {name: getattr(exhibit, name) for name in ExhibitDetailsForm.base_fields}
    form = ExhibitDetailsForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        if services.edit_exhibit(exhibit=exhibit, actor=request.user, details=form.details()):
            messages.success(request, _("The correction is saved and noted in the journal."))
        return redirect("evidence:dossier_detail", exhibit.dossier.public_id)
    return render(
        request,
        "evidence/exhibit_edit.html",
        {"exhibit": exhibit, "form": form},
        status=400 if form.errors else 200,
    )


@private
@require_POST
def exhibit_move(request, public_id, exhibit_id):
    exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    form = MoveForm(request.POST)
    if form.is_valid():
        offset = -1 if form.cleaned_data["direction"] == "up" else 1
        services.move_exhibit(exhibit=exhibit, actor=request.user, offset=offset)
    return redirect("evidence:dossier_detail", exhibit.dossier.public_id)


@private
@require_POST
def exhibit_withdraw(request, public_id, exhibit_id):
    exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    if exhibit.withdrawn_at is None:
        services.withdraw_exhibit(exhibit=exhibit, actor=request.user)
        messages.success(
            request, _("The exhibit was withdrawn from the dossier. You can put it back.")
        )
    return redirect("evidence:dossier_detail", exhibit.dossier.public_id)


@private
@require_POST
def exhibit_restore(request, public_id, exhibit_id):
    exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    if exhibit.withdrawn_at is not None:
        services.restore_exhibit(exhibit=exhibit, actor=request.user)
        messages.success(request, _("The exhibit is back in the dossier."))
    return redirect("evidence:dossier_detail", exhibit.dossier.public_id)


@private
def exhibit_erase(request, public_id, exhibit_id):
    exhibit = get_exhibit(request, public_id, exhibit_id, Capability.OWN)
    if request.method == "POST":
        dossier_id = exhibit.dossier.public_id
        services.erase_exhibit(exhibit=exhibit, actor=request.user)
        messages.success(
            request, _("The exhibit was erased. Its fingerprint stays in the journal.")
        )
        return redirect("evidence:dossier_detail", dossier_id)
    return render(request, "evidence/exhibit_erase.html", {"exhibit": exhibit})


FILE_VARIANTS = {
    "thumbnail": "thumbnail_file",
    "display": "display_file",
    "original": "original_file",
}


@private
def exhibit_file(request, public_id, exhibit_id, variant):
    """Serve one of an exhibit's files after the access check; the original only as a
    download, under a name chosen by the server."""
    exhibit = get_exhibit(request, public_id, exhibit_id)
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
