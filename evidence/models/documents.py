"""The PDFs made from a dossier: immutable snapshots with their own SHA-256."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from evidence.models.sharing import Signalement


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The documents this user may see among those of dossiers they may open: every
        complaint letter, and only the signalements they wrote themselves."""
        return self.filter(
            Q(kind=GeneratedDocument.Kind.COMPLAINT) | Q(author=user, author__isnull=False)
        )


class GeneratedDocument(models.Model):
    """A PDF made from the dossier: an immutable snapshot with its own SHA-256."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint letter")
        SIGNALEMENT = "signalement", _("Report to the prosecutor (article 40)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Progress(models.TextChoices):
        CHECKING = "checking", _("checking every exhibit against its fingerprint")
        RENDERING = "rendering", _("laying out the pages")
        STORING = "storing", _("attaching the originals and storing it")

    class Failure(models.TextChoices):
        RENDERING = "rendering", _("The PDF could not be made; try again.")
        TIMED_OUT = (
            "timed_out",
            _(
                "Making the PDF took too long and was stopped. Try again; if it fails again, "
                "withdraw the longest messages from the dossier and make it without them."
            ),
        )
        INTERRUPTED = (
            "interrupted",
            _(
                "Making the PDF was interrupted (the server stopped meanwhile). Nothing is lost: "
                "try again."
            ),
        )
        ALTERED_EXHIBIT = (
            "altered_exhibit",
            _(
                "An exhibit no longer matches the fingerprint recorded when it arrived, so no PDF "
                "was made: it would have shown altered evidence as intact. The people who run "
                "this service have been told."
            ),
        )

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        "evidence.Dossier", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    requested_by = models.CharField(max_length=150)
    # Who it belongs to: a complaint letter is the dossier's, seen by whoever may make
    # PDFs; a signalement is its author's alone (``GeneratedDocument.objects.visible_to``).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    file = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    exhibit_count = models.PositiveIntegerField(default=0)
    # While it is being made: when the worker started, and where it is (``Progress``).
    started_at = models.DateTimeField(null=True, blank=True)
    progress = models.CharField(max_length=16, choices=Progress.choices, blank=True)
    # The exhibits it prints and attaches: erasing one of them deletes this document.
    exhibits = models.ManyToManyField("evidence.Exhibit", related_name="documents", blank=True)
    failure = models.CharField(max_length=16, choices=Failure.choices, blank=True)
    # Originals that hold the place they were made (a photo's GPS position) left out of
    # the PDF, as the victim chose before asking for it; their copies are still printed.
    leaves_out_located_originals = models.BooleanField(default=False, db_default=False)
    # What makes the file verifiable by others (evidence.pdf.seal): the seal's signer, and
    # the time its timestamping authority gave the file ("" and None without them).
    sealed_by = models.CharField(max_length=500, blank=True, default="", db_default="")
    timestamped_at = models.DateTimeField(null=True, blank=True)
    timestamp_authority = models.CharField(max_length=500, blank=True, default="", db_default="")
    # The staff member's report this document renders (signalement kind only).
    signalement = models.ForeignKey(
        "Signalement", on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk, status=self.Status.READY).exists():
            raise TypeError("A generated document is a snapshot: it cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def required_signalement(self) -> Signalement:
        """The report a signalement document renders (it always has one)."""
        if self.signalement is None:
            raise ValueError("A signalement document has lost its signalement.")
        return self.signalement

    @property
    def download_name(self):
        """Neutral (a shared computer's downloads folder says nothing of a complaint), and
        unique: two documents made in the same minute never share a name."""
        return f"document-{self.created_at:%Y-%m-%d-%H%M}-{str(self.public_id)[:8]}.pdf"
