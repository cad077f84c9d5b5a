"""The dossier, and the one way in to it: ``Dossier.objects.visible_to(user)``.

Nothing else filters dossiers by owner; a dossier the user may not see answers 404.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evidence.custody.fields import EncryptedTextField


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The dossiers this user may open: their own, and those a pupil lets them help
        with (an active grant). Everything else answers 404."""
        if not user.is_authenticated:
            return self.none()
        from evidence.models.sharing import HelperGrant

        grants = HelperGrant.objects.filter(dossier=OuterRef("pk"), helper=user, revoked_at=None)
        return self.filter(Q(owner=user) | Exists(grants))

    def owned_by(self, user):
        """The user's own dossiers: not those they help with, nor those they started
        for a pupil who has not taken them over yet."""
        return (
            self.visible_to(user)
            .filter(owner=user)
            .filter(Q(handover=None) | Q(handover__claimed_at__isnull=False))
        )

    def awaiting_claim_from(self, user):
        """Dossiers this staff member started for a pupil who has not taken them yet."""
        return self.visible_to(user).filter(
            owner=user, handover__isnull=False, handover__claimed_at=None
        )


class Dossier(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossiers"
    )
    title = EncryptedTextField(
        _("title"),
        max_length=120,
        help_text=_("Only you see it. Choose a neutral title if someone else may see your screen."),
        form_input="line",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The key that encrypts this dossier's files, itself encrypted with the server key.
    # Erasing the dossier erases the key: its files become unreadable, backups included.
    wrapped_key = models.BinaryField(editable=False)
    # Which server key wrapped it (evidence.custody.keys.key_id); empty for keys wrapped
    # before key ids existed, which ``rotate_storage_key`` re-wraps.
    key_id = models.CharField(max_length=16, blank=True, editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self):
        return self.title

    @property
    def listed_title(self):
        """The title as a list of dossiers shows it: a dossier the server lacks the key for
        is named as such, and the rest of the list still shows."""
        from evidence.custody.keys import DossierUnreadable

        try:
            return self.title
        except DossierUnreadable:
            return gettext("A dossier that cannot be opened right now")

    @property
    def awaiting_claim(self):
        """Started by a staff member for a pupil who has not claimed it yet."""
        handover = getattr(self, "handover", None)
        return handover is not None and handover.claimed_at is None

    @property
    def victim_is_minor(self):
        """True or False from the date of birth in the letter; None while unknown."""
        complaint = getattr(self, "complaint", None)
        if complaint is None or complaint.date_of_birth is None:
            return None
        return complaint.is_minor
