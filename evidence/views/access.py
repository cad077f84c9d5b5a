"""The one way in to a dossier from a view: ``get_dossier``. Every lookup goes through
``Dossier.objects.visible_to``; anything else is a 404, and every page that uses it is sent
with ``Cache-Control: no-store``.

A helper sees a dossier a pupil shared with them; what they lack the scope for answers
403 with a page that says so, and changes nothing.
"""

import functools
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from evidence.models import Capability, Dossier, Exhibit, HelperGrant, Scope

OWNER_ONLY = gettext_lazy(
    "Only the person whose dossier this is can do this. You can see it because they asked "
    "you to help."
)


BEYOND_SCOPE = gettext_lazy(
    "What you may do in this dossier does not include this. The person whose dossier it is "
    "can give you more on their “Who helps” page."
)


def private(view):
    """A page only its user may see: logged in, never cached, and with a neutral tab
    title (history entries and tabs on a shared computer say nothing of what it is)."""

    @functools.wraps(view)
    def marked(request, *args, **kwargs):
        request.private_page = True
        return view(request, *args, **kwargs)

    return login_required(never_cache(marked))


@dataclass(frozen=True)
class DossierAccess:
    """A dossier and what the requester may do in it: what every dossier view receives
    from ``get_dossier`` and hands its templates as ``access``."""

    dossier: Dossier
    capability: Capability
    grant: HelperGrant | None = None  # the requester's active grant, for a helper

    def allows(self, need: Capability) -> bool:
        return self.capability >= need

    @property
    def is_owner(self) -> bool:
        return self.capability == Capability.OWN

    @property
    def is_helper(self) -> bool:
        return self.capability < Capability.OWN

    @property
    def can_add(self) -> bool:
        return self.capability >= Capability.ADD

    @property
    def can_make_pdf(self) -> bool:
        return self.capability >= Capability.PDF


def get_dossier(request, public_id, need=Capability.READ) -> DossierAccess:
    """The user's access to a dossier they may see (else 404), if it allows ``need``
    (else 403)."""
    dossier = get_object_or_404(
        Dossier.objects.visible_to(request.user).select_related("complaint", "handover"),
        public_id=public_id,
    )
    if dossier.owner_id == request.user.pk:
        access = DossierAccess(dossier, Capability.OWN)
    else:
        grant = dossier.helper_grants.get(helper=request.user, revoked_at=None)
        access = DossierAccess(dossier, Scope(grant.scope).capability, grant)
    if not access.allows(need):
        raise PermissionDenied(OWNER_ONLY if need == Capability.OWN else BEYOND_SCOPE)
    return access


def get_exhibit(
    request, public_id, exhibit_id, need=Capability.READ
) -> tuple[DossierAccess, Exhibit]:
    """An exhibit of a dossier the user may see, with that access; helpers never see
    withdrawn ones."""
    access = get_dossier(request, public_id, need)
    exhibits = access.dossier.exhibits.all()
    if not access.is_owner:
        exhibits = exhibits.filter(withdrawn_at=None)
    exhibit = get_object_or_404(exhibits, public_id=exhibit_id)
    exhibit.dossier = access.dossier  # the row already fetched, not a second query
    return access, exhibit
