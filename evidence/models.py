"""Evidence dossiers: the dossier, its exhibits and its append-only journal.

Every lookup of a dossier goes through ``Dossier.objects.visible_to(user)``; nothing else
filters by owner. The journal (``Event``) can only grow: the model refuses updates and
deletes, database triggers refuse them too, and each event's hash covers the previous one.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The dossiers this user may open. Everything else answers 404."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class Dossier(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossiers"
    )
    title = models.CharField(
        _("title"),
        max_length=120,
        help_text=_("Only you see it. Choose a neutral title if someone else may see your screen."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The key that encrypts this dossier's files, itself encrypted with the server key.
    # Erasing the dossier erases the key: its files become unreadable, backups included.
    wrapped_key = models.BinaryField(editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self):
        return self.title


class Platform(models.TextChoices):
    SNAPCHAT = "snapchat", "Snapchat"
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    WHATSAPP = "whatsapp", "WhatsApp"
    DISCORD = "discord", "Discord"
    FACEBOOK = "facebook", "Facebook"
    MESSENGER = "messenger", "Messenger"
    X = "x", "X (Twitter)"
    YOUTUBE = "youtube", "YouTube"
    TWITCH = "twitch", "Twitch"
    TELEGRAM = "telegram", "Telegram"
    ROBLOX = "roblox", "Roblox"
    ONLINE_GAME = "game", _("Online game")
    SMS = "sms", _("SMS / phone")
    EMAIL = "email", _("E-mail")
    WEBSITE = "website", _("Website or forum")
    OTHER = "other", pgettext_lazy("platform", "Other")


FILE_EXTENSIONS = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/heic": "heic",
    "application/pdf": "pdf",
}


class Exhibit(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Screenshot or photo")
        DOCUMENT = "document", _("PDF document")
        MESSAGE = "message", _("Message text")
        LINK = "link", _("Link")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="exhibits")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Explicit order of the exhibits ("Pièce n° k" follows it).
    position = models.PositiveIntegerField(default=0)

    # What the victim states about it.
    occurred_on = models.DateField(_("date of the facts"))
    occurred_time = models.TimeField(_("time"), null=True, blank=True)
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    platform_other = models.CharField(_("other platform"), max_length=80, blank=True)
    author_name = models.CharField(_("author's name or handle"), max_length=200, blank=True)
    author_profile_url = models.URLField(_("author's profile link"), max_length=2000, blank=True)
    content_url = models.URLField(_("link to the content"), max_length=2000, blank=True)
    description = models.TextField(_("description"), blank=True)

    # What the server recorded on arrival; never changed afterwards.
    received_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    message_text = models.TextField(blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    original_file = models.CharField(max_length=100, blank=True)
    display_file = models.CharField(max_length=100, blank=True)
    thumbnail_file = models.CharField(max_length=100, blank=True)
    ingest_note = models.CharField(max_length=200, blank=True)

    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["dossier", "occurred_on", "occurred_time"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_on}"

    @property
    def has_file(self):
        return bool(self.original_file)

    def chronological_key(self):
        """Sort key for "in the order of the facts": date, then time when known."""
        return (
            self.occurred_on,
            self.occurred_time is not None,
            self.occurred_time or datetime.time.min,
            self.position,
        )

    @property
    def download_name(self):
        """A neutral file name chosen by the server, never the name the file came with."""
        extension = FILE_EXTENSIONS.get(self.content_type, "bin")
        return f"piece-{self.occurred_on:%Y-%m-%d}-{str(self.public_id)[:8]}.{extension}"

    @property
    def platform_label(self):
        if self.platform == Platform.OTHER and self.platform_other:
            return self.platform_other
        return self.get_platform_display()


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

    dossier = models.ForeignKey(
        Dossier, on_delete=models.DO_NOTHING, related_name="events", db_constraint=True
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


class Complaint(models.Model):
    """What the complaint letter needs, collected step by step when the victim gets there.

    Identity is asked only here, never at sign-up.
    """

    class Recipient(models.TextChoices):
        PROSECUTOR = "procureur", _("The public prosecutor (procureur de la République)")
        POLICE = "commissariat", _("A police station (commissariat de police)")
        GENDARMERIE = "gendarmerie", _("A gendarmerie (brigade de gendarmerie)")

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="complaint")

    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    first_names = models.CharField(_("first names"), max_length=150, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    place_of_birth = models.CharField(_("place of birth"), max_length=150, blank=True)
    occupation = models.CharField(_("occupation or school"), max_length=150, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    representative_name = models.CharField(
        _("legal representative's full name"), max_length=200, blank=True
    )
    representative_relationship = models.CharField(
        _("relationship to you"), max_length=100, blank=True
    )
    representative_address = models.TextField(_("legal representative's address"), blank=True)
    representative_phone = models.CharField(
        _("legal representative's phone number"), max_length=40, blank=True
    )
    representative_email = models.EmailField(_("legal representative's e-mail"), blank=True)

    recipient = models.CharField(
        _("who the letter is for"), max_length=16, choices=Recipient.choices, blank=True
    )
    recipient_town = models.CharField(_("town"), max_length=150, blank=True)
    recipient_address = models.TextField(_("address, if you know it"), blank=True)

    authors_known = models.BooleanField(_("I know who did it"), null=True, blank=True)
    authors = models.TextField(_("who did it"), blank=True)

    facts = models.TextField(_("what happened"), blank=True)
    harm = models.TextField(_("the harm it caused you"), blank=True)
    witnesses = models.TextField(_("witnesses"), blank=True)
    offences = models.JSONField(default=list, blank=True)
    partie_civile = models.BooleanField(_("I wish to be a civil party"), default=False)
    signed_in_town = models.CharField(_("town where you sign"), max_length=150, blank=True)

    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.dossier}"

    def age_on(self, day):
        if not self.date_of_birth:
            return None
        birth = self.date_of_birth
        return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))

    @property
    def is_minor(self):
        age = self.age_on(timezone.localdate())
        return age is not None and age < 18


class GeneratedDocument(models.Model):
    """A PDF made from the dossier: an immutable snapshot with its own SHA-256."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint letter")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    requested_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    file = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    exhibit_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk, status=self.Status.READY).exists():
            raise TypeError("A generated document is a snapshot: it cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def download_name(self):
        return f"document-{self.created_at:%Y-%m-%d-%H%M}.pdf"
