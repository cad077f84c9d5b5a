"""A piece of evidence: a file, a pasted message or a link, with what the victim says
of it and what the server recorded when it arrived."""

import datetime
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from evidence.custody.fields import EncryptedTextField


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
    # A medical certificate, a letter from the school: evidence that is not online.
    NONE = "none", _("Not online (a certificate, a letter…)")


# Places the letter may name as where the facts took place ("sur Snapchat, Instagram").
def is_online_place(exhibit):
    if exhibit.platform == Platform.NONE:
        return False
    return exhibit.platform != Platform.OTHER or bool(exhibit.platform_other)


FILE_EXTENSIONS = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/heic": "heic",
    "application/pdf": "pdf",
    "text/plain; charset=utf-8": "txt",
}


class Exhibit(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Screenshot or photo")
        DOCUMENT = "document", _("PDF document")
        MESSAGE = "message", _("Message text")
        LINK = "link", _("Link")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        "evidence.Dossier", on_delete=models.CASCADE, related_name="exhibits"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Explicit order of the exhibits ("Pièce n° k" follows it).
    position = models.PositiveIntegerField(default=0)

    # What the victim states about it.
    occurred_on = models.DateField(_("date of the facts"))
    occurred_time = models.TimeField(_("time"), null=True, blank=True)
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    platform_other = EncryptedTextField(
        _("other platform"), max_length=80, blank=True, form_input="line"
    )
    author_name = EncryptedTextField(
        _("author's name or handle"), max_length=200, blank=True, form_input="line"
    )
    author_profile_url = EncryptedTextField(
        _("author's profile link"), max_length=2000, blank=True, form_input="url"
    )
    content_url = EncryptedTextField(
        _("link to the content"), max_length=2000, blank=True, form_input="url"
    )
    # What a réquisition to the platform needs besides the link: the account's own number
    # (a handle can be changed, the number cannot) and the victim's account there.
    author_account_id = EncryptedTextField(
        _("author's account number"),
        max_length=100,
        blank=True,
        default="",
        db_default="",
        form_input="line",
    )
    victim_account = EncryptedTextField(
        _("your account on this platform"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
        form_input="line",
    )
    description = EncryptedTextField(_("description"), blank=True)

    # What the server recorded on arrival; never changed afterwards.
    received_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    message_text = EncryptedTextField(blank=True)
    original_name = EncryptedTextField(max_length=255, blank=True, form_input="line")
    content_type = models.CharField(max_length=100, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    original_file = models.CharField(max_length=100, blank=True)
    display_file = models.CharField(max_length=100, blank=True)
    thumbnail_file = models.CharField(max_length=100, blank=True)
    # A tall picture (a scrolling screenshot) at a width that keeps its text readable in
    # the PDF, where it is cut into parts; empty when the display copy is enough.
    print_file = models.CharField(max_length=100, blank=True)
    # A PDF document's first pages as pictures, rendered once on arrival, and its length.
    page_files = models.JSONField(default=list, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    ingest_note = models.CharField(max_length=200, blank=True)
    # What the original itself says of where and when it was made (a photo's EXIF):
    # {"location": bool, "taken_at": "2026-10-03T14:22:10" as the device wrote it, or ""}.
    # Only that the original holds a position, never the position: it stays sealed in the
    # original. None: not looked at yet (``manage.py refresh_exhibit_copies`` does).
    original_metadata = models.JSONField(null=True, blank=True, default=dict)

    withdrawn_at = models.DateTimeField(null=True, blank=True)

    # Every stored file of an exhibit (with ``page_files``): what erasure deletes and the
    # sweep keeps; ``stored_files`` lists them.
    FILE_FIELDS = ("original_file", "display_file", "thumbnail_file", "print_file")

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["dossier", "occurred_on", "occurred_time"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_on}"

    def stored_files(self):
        """The names of every file of this exhibit in the evidence storage."""
        return [
            name
            for name in (*(getattr(self, f) for f in self.FILE_FIELDS), *self.page_files)
            if name
        ]

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
    def holds_location(self) -> bool:
        """The original says where it was made (GPS coordinates)."""
        return bool((self.original_metadata or {}).get("location"))

    @property
    def taken_at(self) -> datetime.datetime | None:
        """When the original says it was made, by its device's clock (a naive time: the
        device's zone is unknown), or None."""
        written = (self.original_metadata or {}).get("taken_at")
        try:
            return datetime.datetime.fromisoformat(written) if written else None
        except ValueError:
            return None

    @property
    def platform_label(self):
        if self.platform == Platform.OTHER and self.platform_other:
            return self.platform_other
        return self.get_platform_display()
