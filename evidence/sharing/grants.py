"""A pupil lets one person help with one dossier: an invitation with a code, accepted with
that person's own account, within the scope the pupil chose, until the pupil revokes it.
Every step is recorded in the dossier's journal."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.custody.journal import lock_dossier, record_event
from evidence.models import Event, HelperGrant, HelperInvitation
from evidence.sharing.codes import CodeRefused, code_expiry, code_hash, new_code

Action = Event.Action


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
            expires_at=code_expiry(),
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
        remember_establishment(helper, establishment)
        return create_grant(
            actor=helper,
            action=Action.HELPER_JOINED,
            dossier=dossier,
            helper=helper,
            granted_by=invitation.created_by,
            scope=invitation.scope,
            role=role,
            establishment=establishment,
        )


def remember_establishment(user, establishment):
    """Offered again the next time this person fills in a form (their profile field)."""
    if user.establishment != establishment:
        user.establishment = establishment
        user.save(update_fields=["establishment"])


def create_grant(*, actor, action, **fields):
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
