"""School staff helping a pupil, only with the pupil's consent: invitations, grants,
the handover of a dossier a staff member started, and the staff member's report to the
prosecutor (signalement, article 40 CPP)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evidence.custody.fields import EncryptedTextField
from evidence.models.access import Scope


class HelperInvitation(models.Model):
    """A single-use code a pupil gives one person so they can help with one dossier.

    Only the code's SHA-256 is stored: the code itself is shown once, to the pupil.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        "evidence.Dossier", on_delete=models.CASCADE, related_name="invitations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scope = models.CharField(_("what this person may do"), max_length=8, choices=Scope.choices)
    note = EncryptedTextField(
        _("who it is for (only you see it)"), max_length=100, blank=True, form_input="line"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.dossier} {self.get_scope_display()}"

    @property
    def scope_phrase(self):
        return Scope(self.scope).phrase

    @property
    def is_open(self):
        return self.used_at is None and self.cancelled_at is None and not self.has_expired

    @property
    def has_expired(self):
        return self.expires_at <= timezone.now()


class HelperGrant(models.Model):
    """One person helping with one dossier, within a scope, until the pupil revokes it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        "evidence.Dossier", on_delete=models.CASCADE, related_name="helper_grants"
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helper_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scope = models.CharField(_("what this person may do"), max_length=8, choices=Scope.choices)
    role = models.CharField(_("your role"), max_length=100)
    establishment = models.CharField(_("your establishment"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "helper"],
                condition=Q(revoked_at=None),
                name="one_active_grant_per_helper",
            )
        ]

    def __str__(self):
        return f"{self.helper} {self.get_scope_display()}"

    @property
    def scope_phrase(self):
        return Scope(self.scope).phrase


class Handover(models.Model):
    """A dossier a staff member started with a pupil at their side, until the pupil takes
    it over with a one-time code and becomes its owner."""

    dossier = models.OneToOneField(
        "evidence.Dossier", on_delete=models.CASCADE, related_name="handover"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(_("your role"), max_length=100)
    establishment = models.CharField(_("your establishment"), max_length=200)
    code_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self):
        return f"{self.dossier}"

    @property
    def has_expired(self):
        return self.expires_at <= timezone.now()


class Signalement(models.Model):
    """What a staff member tells the prosecutor (article 40, second paragraph, of the code
    de procédure pénale): one draft per helper and dossier, rendered like the complaint."""

    dossier = models.ForeignKey(
        "evidence.Dossier", on_delete=models.CASCADE, related_name="signalements"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    staff_name = EncryptedTextField(_("your full name"), max_length=200, form_input="line")
    function = EncryptedTextField(_("your function"), max_length=150, form_input="line")
    establishment = EncryptedTextField(_("establishment"), max_length=200, form_input="line")
    establishment_address = EncryptedTextField(_("establishment's postal address"), max_length=500)
    contact = EncryptedTextField(
        _("professional phone or e-mail"), max_length=200, blank=True, form_input="line"
    )

    pupil_name = EncryptedTextField(_("pupil's full name"), max_length=200, form_input="line")
    pupil_class = EncryptedTextField(
        _("pupil's class"), max_length=50, blank=True, form_input="line"
    )
    pupil_date_of_birth = models.DateField(_("pupil's date of birth"), null=True, blank=True)
    pupil_address = EncryptedTextField(_("pupil's postal address"), max_length=500, blank=True)
    representatives = EncryptedTextField(
        _("the pupil's legal representatives and how to reach them"),
        max_length=2_000,
        blank=True,
    )
    presumed_authors = EncryptedTextField(
        _("presumed author or authors"), max_length=5_000, blank=True
    )

    reported_on = models.DateField(_("when the pupil told you"))
    facts = EncryptedTextField(_("the facts as the pupil reported them"), max_length=20_000)
    actions_taken = EncryptedTextField(
        _("what the establishment has done"), max_length=5_000, blank=True
    )
    parents_informed = models.BooleanField(
        _("the pupil's legal representatives have been told about this report"), default=False
    )
    recipient_town = EncryptedTextField(
        _("town of the tribunal judiciaire"), max_length=150, form_input="line"
    )
    through_head = models.BooleanField(
        _("sent through the head of the establishment (sous couvert du chef d'établissement)"),
        default=False,
    )
    copy_to_dasen = models.BooleanField(
        _("a copy goes to the IA-DASEN (the local head of national education)"), default=False
    )
    signed_in_town = EncryptedTextField(
        _("town where you sign"), max_length=150, blank=True, form_input="line"
    )

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "author"], name="one_signalement_per_helper")
        ]

    def __str__(self):
        return f"{self.dossier} {self.staff_name}"
