"""Writes to the complaint letter and to a staff member's signalement: each one a
transaction that records, in the dossier's journal, which fields changed and who changed
them (a helper with the PDF scope may edit the victim's letter: the victim sees it).

The journal names the fields, never their contents: the letter's text is sealed with the
dossier's key (``evidence.custody.fields``) and must not sit in clear in the journal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.forms import ModelForm

from evidence.custody.journal import lock_dossier, record_event
from evidence.models import Complaint, Dossier, Event, Signalement

if TYPE_CHECKING:
    from accounts.models import User

Action = Event.Action


def changed_fields(form: ModelForm) -> list[str]:
    """The model fields a valid form changes: those it fills in, for a new record."""
    model_fields = {field.name for field in form._meta.model._meta.get_fields()}
    if form.instance._state.adding:
        names = [name for name, value in form.cleaned_data.items() if value not in ("", None, [])]
    else:
        names = form.changed_data
    return [name for name in names if name in model_fields]


def _save_and_record(
    form: ModelForm, *, dossier: Dossier, actor: User, action: str, details: dict[str, Any]
) -> Any:
    fields = changed_fields(form)
    if not fields and not form.instance._state.adding:
        return form.instance
    with transaction.atomic():
        lock_dossier(dossier)
        instance = form.save()
        record_event(
            dossier=dossier, actor=actor, action=action, details={**details, "fields": fields}
        )
    return instance


def save_letter_step(*, form: ModelForm, dossier: Dossier, actor: User, step: str) -> Complaint:
    """Save one step of the complaint letter, and say in the journal what it changed."""
    return _save_and_record(
        form, dossier=dossier, actor=actor, action=Action.LETTER_EDITED, details={"step": step}
    )


def save_signalement(*, form: ModelForm, dossier: Dossier, actor: User) -> Signalement:
    """Save a staff member's report to the prosecutor (theirs alone) and journal it."""
    form.instance.dossier = dossier
    form.instance.author = actor
    return _save_and_record(
        form, dossier=dossier, actor=actor, action=Action.SIGNALEMENT_EDITED, details={}
    )
