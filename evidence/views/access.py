"""The one way in to a dossier from a view: ``get_dossier``. Every lookup goes through
``Dossier.objects.visible_to``; anything else is a 404, and every page that uses it is sent
with ``Cache-Control: no-store``.

A helper sees a dossier a pupil shared with them; what they lack the scope for answers
403 with a page that says so, and changes nothing.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from evidence.models import Access, Capability, Dossier

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
