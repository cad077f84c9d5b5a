"""School staff helping a pupil, only with the pupil's consent.

A pupil invites one person with a single-use code that expires; that person accepts with
their own account and helps within the scope the pupil chose, until the pupil revokes it.
A staff member can also start a dossier with a pupil who has no account yet: the pupil
takes it over with a one-time code, becomes its owner, and then decides what the staff
member may still do. Every step is recorded in the dossier's journal.

Codes are shown once and stored only as their SHA-256.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence import storage
from evidence.journal import lock_dossier, record_event
from evidence.models import Dossier, Event, Handover, HelperGrant, HelperInvitation

Action = Event.Action

# No 0/O, 1/I/L or U: a code is read aloud and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 12  # 29^12, about 2^58: not guessable, even without throttling


class CodeRefused(Exception):
    """A code that cannot be used; ``message`` says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def new_code():
    """A fresh code, formatted for reading (``ABCD-EFGH-JKMN``), and its hash."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4)), code_hash(raw)


def code_hash(code):
    """The hash of a code as typed: case, spaces and dashes do not matter."""
    normalized = "".join(character for character in code.upper() if character.isalnum())
    return hashlib.sha256(normalized.encode()).hexdigest()


def _expiry():
    return timezone.now() + timedelta(days=settings.CYBERAIDE_CODE_VALID_DAYS)


def invite_helper(*, dossier, actor, scope, note=""):
    """Make a single-use invitation; returns it with its code (shown once)."""
    if dossier.awaiting_claim:
        raise CodeRefused(_("The pupil chooses who helps once they have taken the dossier."))
    code, hashed = new_code()
    with transaction.atomic():
        lock_dossier(dossier)
        invitation = HelperInvitation.objects.create(
            dossier=dossier,
            created_by=actor,
            scope=scope,
            note=note,
            code_hash=hashed,
            expires_at=_expiry(),
        )
        record_event(
            dossier=dossier, actor=actor, action=Action.HELPER_INVITED, details={"scope": scope}
        )
    return invitation, code


def cancel_invitation(*, invitation, actor):
    with transaction.atomic():
        lock_dossier(invitation.dossier)
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
        record_event(dossier=invitation.dossier, actor=actor, action=Action.INVITATION_CANCELLED)


def accept_invitation(*, code, helper, role, establishment):
    """Turn an invitation into a grant for ``helper``. Raises ``CodeRefused``."""
    with transaction.atomic():
        invitation = (
            HelperInvitation.objects.select_for_update(of=("self",))
            .select_related("dossier")
            .filter(code_hash=code_hash(code))
            .first()
        )
        if invitation is None:
            raise CodeRefused(_("This code is not valid. Check it, or ask for a new one."))
        if invitation.used_at is not None:
            raise CodeRefused(_("This code has already been used. Ask the pupil for a new one."))
        if invitation.cancelled_at is not None:
            raise CodeRefused(_("The pupil cancelled this invitation."))
        if invitation.has_expired:
            raise CodeRefused(_("This code has expired. Ask the pupil for a new one."))
        dossier = invitation.dossier
        if dossier.owner_id == helper.pk:
            raise CodeRefused(
                _("This is your own dossier: give the code to the person who will help you.")
            )
        lock_dossier(dossier)
        if HelperGrant.objects.filter(dossier=dossier, helper=helper, revoked_at=None).exists():
            raise CodeRefused(
                _(
                    "You already help with this dossier. To change what you may do, ask the "
                    "pupil: they can change it on their “Who helps” page."
                )
            )
        invitation.used_at = timezone.now()
        invitation.used_by = helper
        invitation.save(update_fields=["used_at", "used_by"])
        _remember_establishment(helper, establishment)
        return _grant(
            actor=helper,
            action=Action.HELPER_JOINED,
            dossier=dossier,
            helper=helper,
            granted_by=invitation.created_by,
            scope=invitation.scope,
            role=role,
            establishment=establishment,
        )


def _remember_establishment(user, establishment):
    """Offered again the next time this person fills in a form (their profile field)."""
    if user.establishment != establishment:
        user.establishment = establishment
        user.save(update_fields=["establishment"])


def _grant(*, actor, action, **fields):
    """Create a grant and record it in the dossier's journal, in the caller's transaction."""
    try:
        with transaction.atomic():
            grant = HelperGrant.objects.create(**fields)
    except IntegrityError:
        # Two acceptances racing for the same person: the constraint keeps one.
        raise CodeRefused(_("You already help with this dossier.")) from None
    record_event(dossier=grant.dossier, actor=actor, action=action, details=_grant_details(grant))
    return grant


def _grant_details(grant):
    return {
        "helper": grant.helper.get_username(),
        "role": grant.role,
        "establishment": grant.establishment,
        "scope": grant.scope,
    }


def revoke_helper(*, grant, actor):
    """End a helper's access at once: their next request answers 404. The pupil revokes;
    a helper may also leave on their own (``actor`` is then the helper)."""
    with transaction.atomic():
        lock_dossier(grant.dossier)
        updated = HelperGrant.objects.filter(pk=grant.pk, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        if updated:
            record_event(
                dossier=grant.dossier,
                actor=actor,
                action=Action.HELPER_REVOKED,
                details={"helper": grant.helper.get_username()},
            )
    return bool(updated)


def change_scope(*, grant, actor, scope):
    """Give a helper more or less to do; the journal keeps the old and new scope."""
    with transaction.atomic():
        lock_dossier(grant.dossier)
        old = grant.scope
        updated = HelperGrant.objects.filter(pk=grant.pk, revoked_at=None).exclude(scope=scope)
        if not updated.update(scope=scope):
            return False
        record_event(
            dossier=grant.dossier,
            actor=actor,
            action=Action.HELPER_SCOPE_CHANGED,
            details={"helper": grant.helper.get_username(), "from": old, "to": scope},
        )
    return True


def start_dossier_for_pupil(*, staff, title, role, establishment):
    """A dossier a staff member opens with a pupil; returns it with the pupil's code."""
    code, hashed = new_code()
    with transaction.atomic():
        _remember_establishment(staff, establishment)
        dossier = Dossier.objects.create(
            owner=staff, title=title, wrapped_key=storage.new_wrapped_key()
        )
        Handover.objects.create(
            dossier=dossier,
            started_by=staff,
            role=role,
            establishment=establishment,
            code_hash=hashed,
            expires_at=_expiry(),
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
            code_hash=hashed, expires_at=_expiry()
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
            _grant(
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
