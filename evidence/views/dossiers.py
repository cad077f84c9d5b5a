"""A victim's dossiers: the list, a new one, a dossier's page, renaming it."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cyberaide.http import posted
from evidence.custody import stamps, timestamps
from evidence.custody.journal import verify_journal
from evidence.forms.exhibits import (
    DossierEraseForm,
    DossierForm,
    DossierRenameForm,
)
from evidence.letter.deadlines import press_law_deadline
from evidence.models import (
    Capability,
    Complaint,
    Dossier,
    Event,
    Exhibit,
    GeneratedDocument,
    HelperGrant,
    JournalStamp,
    Signalement,
)
from evidence.services import dossiers as dossier_services
from evidence.views.access import get_dossier, private


@dataclass(frozen=True)
class JournalLine:
    """An event as the dossier's page shows it: who asked, and as which helper."""

    event: Event
    requested_by: str  # for a PDF made by the task: the person who asked for it
    helper: HelperGrant | None  # when the person is one of the dossier's helpers
    changed: tuple[str, ...] = ()  # the fields an edit changed, in the reader's words
    stamp: JournalStamp | None = None  # the first timestamp token that covers it


# The model whose fields each kind of edit names in the journal.
EDITED_MODELS: dict[str, type[Model]] = {
    Event.Action.EXHIBIT_EDITED: Exhibit,
    Event.Action.LETTER_EDITED: Complaint,
    Event.Action.SIGNALEMENT_EDITED: Signalement,
}


def changed_labels(event: Event) -> tuple[str, ...]:
    model = EDITED_MODELS.get(event.action)
    if model is None:
        return ()
    labels = []
    for name in event.details.get("fields", ()):
        try:
            labels.append(str(getattr(model._meta.get_field(name), "verbose_name", name)))
        except FieldDoesNotExist:
            labels.append(name)
    return tuple(labels)


@dataclass(frozen=True)
class NumberedExhibit:
    number: int  # its number in the complaint, in the dossier's order
    exhibit: Exhibit


def dossier_list(request):
    """ "My dossiers": logged out, what a dossier is and that it is private, before any
    log-in form (a menu entry that jumps to a login page explains nothing)."""
    if not request.user.is_authenticated:
        return render(request, "evidence/dossiers/about.html")
    return _own_dossiers(request)


@private
def _own_dossiers(request):
    dossiers = Dossier.objects.owned_by(request.user)
    return render(
        request, "evidence/dossiers/list.html", {"dossiers": dossiers, "form": DossierForm()}
    )


@private
def dossier_create(request):
    form = DossierForm(posted(request))
    if request.method == "POST" and form.is_valid():
        dossier = dossier_services.create_dossier(
            owner=request.user, title=form.cleaned_data["title"]
        )
        return redirect("evidence:dossier_detail", dossier.public_id)
    status = 400 if form.errors else 200
    return render(request, "evidence/dossiers/create.html", {"form": form}, status=status)


@private
def dossier_detail(request, public_id):
    access = get_dossier(request, public_id)
    dossier = access.dossier
    exhibits = list(dossier.exhibits.all())
    events = list(dossier.events.order_by("sequence"))
    journal_ok, broken_event = verify_journal(dossier, events)
    grants = list(dossier.helper_grants.select_related("helper"))
    helpers_by_name = {grant.helper.get_username(): grant for grant in grants}
    journal = []
    covering = stamps.stamped_events(dossier, events)
    for event in events:
        # A PDF is recorded by the task that made it, for the person who asked for it.
        requested_by = event.details.get("requested_by", "")
        helper = helpers_by_name.get(requested_by or event.actor)
        journal.append(
            JournalLine(
                event, requested_by, helper, changed_labels(event), covering.get(event.sequence)
            )
        )
    numbered = [exhibit for exhibit in exhibits if exhibit.withdrawn_at is None]
    complaint = getattr(dossier, "complaint", None)
    context = {
        "dossier": dossier,
        "access": access,
        # In the order of the facts, each with its number in the complaint ("Pièce n° k").
        "chronology": sorted(
            (NumberedExhibit(number, exhibit) for number, exhibit in enumerate(numbered, 1)),
            key=lambda item: Exhibit.chronological_key(item.exhibit),
        ),
        "withdrawn": [
            exhibit for exhibit in exhibits if exhibit.withdrawn_at is not None and access.is_owner
        ],
        "active_grants": [grant for grant in grants if grant.revoked_at is None],
        "my_grant": next(
            (g for g in grants if g.helper_id == request.user.pk and g.revoked_at is None), None
        ),
        "events": events,
        "journal": journal,
        "journal_ok": journal_ok,
        "broken_event": broken_event,
        "trusted_time": timestamps.configured() or bool(covering),
        "stamped_up_to": max(covering, default=0),
        "in_date_order": numbered == sorted(numbered, key=Exhibit.chronological_key),
        "press_law": complaint
        and press_law_deadline(complaint.offences, enumerate(numbered, start=1)),
        # The pupil is told plainly when a staff member has reported to the prosecutor.
        "signalements_made": dossier.documents.filter(
            kind=GeneratedDocument.Kind.SIGNALEMENT, status=GeneratedDocument.Status.READY
        ).select_related("signalement")
        if access.is_owner
        else (),
    }
    return render(request, "evidence/dossiers/detail.html", context)


@private
def dossier_rename(request, public_id):
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    form = DossierRenameForm(posted(request), instance=dossier)
    if request.method == "POST" and form.is_valid():
        dossier_services.rename_dossier(
            dossier=dossier, actor=request.user, title=form.cleaned_data["title"]
        )
        return redirect("evidence:dossier_detail", dossier.public_id)
    context = {"dossier": dossier, "form": form}
    status = 400 if form.errors else 200
    return render(request, "evidence/dossiers/rename.html", context, status=status)


@private
def dossier_erase(request, public_id):
    """Erase one dossier, with everything in it, after the owner confirms."""
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    form = DossierEraseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        awaiting = dossier.awaiting_claim
        dossier_services.erase_dossier(dossier=dossier)
        messages.success(request, _("The dossier and everything in it have been erased."))
        return redirect("evidence:helping" if awaiting else "evidence:dossier_list")
    context = {"dossier": dossier, "form": form}
    return render(
        request, "evidence/dossiers/erase.html", context, status=400 if form.errors else 200
    )
