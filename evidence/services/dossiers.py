"""Writes to dossiers as a whole: create, rename, erase; and erasing an account.

Each is a transaction that records its event in the journal; files are removed only
after the erasure commits.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from evidence.custody import keys, storage
from evidence.custody.journal import lock_dossier, record_event
from evidence.models import Dossier, Event, Exhibit
from evidence.refusals import Refused

if TYPE_CHECKING:
    from accounts.models import User

Action = Event.Action


def create_dossier(*, owner: User, title: str) -> Dossier:
    public_id = uuid.uuid4()
    wrapped, wrapping_id = keys.new_dossier_key(public_id)
    with transaction.atomic():
        dossier = Dossier.objects.create(
            owner=owner, title=title, public_id=public_id, wrapped_key=wrapped, key_id=wrapping_id
        )
        record_event(dossier=dossier, actor=owner, action=Action.DOSSIER_CREATED)
    return dossier


def rename_dossier(*, dossier: Dossier, actor: User, title: str) -> None:
    with transaction.atomic():
        lock_dossier(dossier)
        dossier.title = title
        dossier.save(update_fields=["title"])
        record_event(dossier=dossier, actor=actor, action=Action.DOSSIER_RENAMED)


def erase_dossier(*, dossier: Dossier) -> None:
    """Erase a dossier with its exhibits, journal, key and files.

    The journal's database triggers allow deleting events only once their dossier is
    gone, so the dossier row goes first (foreign keys are checked at commit).
    """
    files = [
        name
        for exhibit in dossier.exhibits.only(*Exhibit.FILE_FIELDS, "page_files")
        for name in exhibit.stored_files()
    ]
    files += dossier.documents.values_list("file", flat=True)
    with transaction.atomic():
        dossier.exhibits.all().delete()
        Dossier.objects.filter(pk=dossier.pk).delete()
        Event.objects.filter(dossier_id=dossier.pk)._raw_delete(Event.objects.db)
        transaction.on_commit(lambda: storage.delete_files(files))


class DossiersAwaitingClaim(Refused):
    def __init__(self) -> None:
        super().__init__(
            _("Dossiers started for pupils wait to be taken over: hand each over or erase it.")
        )


def erase_account(*, user: User) -> None:
    """Erase the account and everything in it, files included. Refused while the account
    holds a dossier started for a pupil who has not taken it over: that is the pupil's."""
    if Dossier.objects.awaiting_claim_from(user).exists():
        raise DossiersAwaitingClaim
    from accounts import lockout

    with transaction.atomic():
        for dossier in Dossier.objects.filter(owner=user):
            erase_dossier(dossier=dossier)
        lockout.forget(user.get_username())
        user.delete()
