"""A victim's dossiers: the list, a new one, a dossier's page, renaming it."""

from django.shortcuts import redirect, render

from cyberaide.http import posted
from evidence.custody.journal import verify_journal
from evidence.forms.exhibits import (
    DossierForm,
)
from evidence.letter.deadlines import press_law_deadline
from evidence.models import Capability, Dossier, Exhibit, GeneratedDocument
from evidence.services import dossiers as dossier_services
from evidence.views.access import get_dossier, private


@private
def dossier_list(request):
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
    return render(request, "evidence/dossiers/create.html", {"form": form})


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
    return render(request, "evidence/dossiers/detail.html", context)


@private
def dossier_rename(request, public_id):
    dossier = get_dossier(request, public_id, Capability.OWN)
    form = DossierForm(posted(request), instance=dossier)
    if request.method == "POST" and form.is_valid():
        dossier_services.rename_dossier(
            dossier=dossier, actor=request.user, title=form.cleaned_data["title"]
        )
        return redirect("evidence:dossier_detail", dossier.public_id)
    return render(request, "evidence/dossiers/rename.html", {"dossier": dossier, "form": form})
