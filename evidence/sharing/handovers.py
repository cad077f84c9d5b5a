"""A staff member starts a dossier with a pupil who has no account yet; the pupil takes it
over with a one-time code, becomes its owner, and decides what the staff member may still
do."""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.custody import keys
from evidence.custody.journal import lock_dossier, record_event
from evidence.models import Dossier, Event, Handover
from evidence.sharing.codes import CodeRefused, code_expiry, code_hash, new_code
from evidence.sharing.grants import create_grant, remember_establishment

Action = Event.Action


def start_dossier_for_pupil(*, staff, title, role, establishment):
    """A dossier a staff member opens with a pupil; returns it with the pupil's code."""
    code, hashed = new_code()
    public_id = uuid.uuid4()
    wrapped, wrapping_id = keys.new_dossier_key(public_id)
    with transaction.atomic():
        remember_establishment(staff, establishment)
        dossier = Dossier.objects.create(
            owner=staff, title=title, public_id=public_id, wrapped_key=wrapped, key_id=wrapping_id
        )
        Handover.objects.create(
            dossier=dossier,
            started_by=staff,
            role=role,
            establishment=establishment,
            code_hash=hashed,
            expires_at=code_expiry(),
        )
        record_event(dossier=dossier, actor=staff, action=Action.DOSSIER_CREATED)
        record_event(dossier=dossier, actor=staff, action=Action.CLAIM_CODE_MADE)
    return dossier, code


def renew_claim_code(*, dossier, actor):
    """A new code for the pupil; the previous one stops working."""
    code, hashed = new_code()
    with transaction.atomic():
        lock_dossier(dossier)
        Handover.objects.filter(dossier=dossier, claimed_at=None).update(
            code_hash=hashed, expires_at=code_expiry()
        )
        record_event(dossier=dossier, actor=actor, action=Action.CLAIM_CODE_MADE)
    return code


def usable_handover(*, code, pupil, for_update=False):
    """The handover this code opens for ``pupil``. Raises ``CodeRefused``."""
    handovers = Handover.objects.select_related("dossier", "started_by")
    if for_update:
        # Only the handover's row: PostgreSQL cannot lock the nullable side of the join.
        handovers = handovers.select_for_update(of=("self",))
    handover = handovers.filter(code_hash=code_hash(code)).first()
    if handover is None:
        raise CodeRefused(_("This code is not valid. Check it, or ask for a new one."))
    if handover.claimed_at is not None:
        raise CodeRefused(_("This dossier has already been taken over."))
    if handover.has_expired:
        raise CodeRefused(
            _("This code has expired. The person who started the dossier can make a new one.")
        )
    if handover.started_by_id == pupil.pk:
        raise CodeRefused(
            _("You started this dossier: the pupil takes it over with their own account.")
        )
    return handover


def claim_dossier(*, code, pupil, starter_scope):
    """The pupil takes over a dossier a staff member started, and becomes its owner.

    The staff member keeps only ``starter_scope`` (a ``Scope``, or "" for nothing).
    Raises ``CodeRefused``.
    """
    with transaction.atomic():
        handover = usable_handover(code=code, pupil=pupil, for_update=True)
        dossier = handover.dossier
        lock_dossier(dossier)
        starter = handover.started_by
        dossier.owner = pupil
        dossier.save(update_fields=["owner"])
        handover.claimed_at = timezone.now()
        handover.claimed_by = pupil
        handover.save(update_fields=["claimed_at", "claimed_by"])
        record_event(
            dossier=dossier,
            actor=pupil,
            action=Action.DOSSIER_CLAIMED,
            details={"started_by": starter.get_username() if starter else ""},
        )
        if starter is not None and starter_scope:
            create_grant(
                actor=pupil,
                action=Action.HELPER_GRANTED,
                dossier=dossier,
                helper=starter,
                granted_by=pupil,
                scope=starter_scope,
                role=handover.role,
                establishment=handover.establishment,
            )
    return dossier
