"""The journal of a dossier (its chain of custody): it can only grow.

The model refuses updates and deletes, database triggers refuse them too (migration 0002),
and each event's hash covers the previous one (``evidence.custody.journal``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The journal is append-only: events cannot be updated.")

    def delete(self):
        raise TypeError("The journal is append-only: events cannot be deleted.")


class Event(models.Model):
    """One entry of a dossier's chain of custody.

    ``hash = sha256(previous event's hash + this event's canonical content)``, so changing
    or removing an event breaks every hash after it. The actor and the exhibit are stored
    as text, not foreign keys: the journal must outlive a helper's account or an erased
    exhibit without being rewritten.
    """

    class Action(models.TextChoices):
        DOSSIER_CREATED = "dossier_created", _("Dossier created")
        DOSSIER_RENAMED = "dossier_renamed", _("Dossier renamed")
        EXHIBIT_ADDED = "exhibit_added", _("Exhibit added")
        EXHIBIT_EDITED = "exhibit_edited", _("Exhibit details corrected")
        EXHIBIT_MOVED = "exhibit_moved", _("Exhibits reordered")
        EXHIBIT_WITHDRAWN = "exhibit_withdrawn", _("Exhibit withdrawn from the dossier")
        EXHIBIT_RESTORED = "exhibit_restored", _("Exhibit put back in the dossier")
        EXHIBIT_ERASED = "exhibit_erased", _("Exhibit erased for good")
        DOSSIER_EXPORTED = "dossier_exported", _("Data exported")
        DOCUMENT_GENERATED = "document_generated", _("PDF generated")
        DOCUMENT_DELETED = "document_deleted", _("PDF deleted")
        DOCUMENT_FAILED = "document_failed", _("PDF could not be made")
        EXHIBIT_ALTERED = (
            "exhibit_altered",
            _("Exhibit found altered: it no longer matches its fingerprint"),
        )
        LETTER_EDITED = "letter_edited", _("Complaint letter changed")
        SIGNALEMENT_EDITED = "signalement_edited", _("Report to the prosecutor changed")
        SIGNALEMENT_GENERATED = "signalement_generated", _("Report to the prosecutor generated")
        HELPER_INVITED = "helper_invited", _("Helper invited")
        INVITATION_CANCELLED = "invitation_cancelled", _("Invitation cancelled")
        HELPER_JOINED = "helper_joined", _("Helper joined")
        HELPER_GRANTED = "helper_granted", _("Helper given access")
        HELPER_REVOKED = "helper_revoked", _("Helper's access revoked")
        HELPER_SCOPE_CHANGED = "helper_scope_changed", _("What a helper may do changed")
        CLAIM_CODE_MADE = "claim_code_made", _("Code made for the pupil to take the dossier")
        DOSSIER_CLAIMED = "dossier_claimed", _("Dossier taken over by the pupil")

    # What adds or changes evidence, and a PDF made: the journal's head is stamped after
    # each (evidence.custody.stamps), when a timestamping authority is configured.
    STAMPED_ACTIONS = frozenset(
        {
            Action.EXHIBIT_ADDED,
            Action.EXHIBIT_EDITED,
            Action.EXHIBIT_WITHDRAWN,
            Action.EXHIBIT_RESTORED,
            Action.EXHIBIT_ERASED,
            Action.EXHIBIT_ALTERED,
            Action.DOCUMENT_GENERATED,
            Action.SIGNALEMENT_GENERATED,
        }
    )

    dossier = models.ForeignKey(
        "evidence.Dossier", on_delete=models.DO_NOTHING, related_name="events", db_constraint=True
    )
    sequence = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    action = models.CharField(max_length=32, choices=Action.choices)
    actor = models.CharField(max_length=150)
    exhibit_public_id = models.UUIDField(null=True, blank=True)
    exhibit_sha256 = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["dossier", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "sequence"], name="event_sequence_unique")
        ]

    def __str__(self):
        return f"{self.sequence} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("The journal is append-only: events cannot be updated.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The journal is append-only: events cannot be deleted.")


class JournalStamp(models.Model):
    """An RFC 3161 token over a journal's chain head: a timestamping authority's signed
    statement that the head, and so every event up to it, existed at ``stamped_at``.

    The token covers the 32 bytes of ``event.hash`` as its message imprint; it was checked
    on receipt (``evidence.custody.timestamps.check_token``) and is printed in the PDF's
    annex and in its ``integrite.json``. An event is stamped once a stamp covers it or a
    later event.
    """

    dossier = models.ForeignKey("evidence.Dossier", on_delete=models.CASCADE, related_name="stamps")
    event = models.OneToOneField(Event, on_delete=models.DO_NOTHING, related_name="stamp")
    chain_head = models.CharField(max_length=64)
    token = models.BinaryField()
    authority = models.CharField(max_length=500)
    stamped_at = models.DateTimeField()
    serial = models.CharField(max_length=50)
    policy = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "stamped_at"]

    def __str__(self):
        return f"{self.chain_head[:12]} {self.stamped_at:%Y-%m-%d %H:%M:%S}"
