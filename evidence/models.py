"""Evidence dossiers: the dossier, its exhibits and its append-only journal.

Every lookup of a dossier goes through ``Dossier.objects.visible_to(user)``; nothing else
filters by owner. The journal (``Event``) can only grow: the model refuses updates and
deletes, database triggers refuse them too, and each event's hash covers the previous one.
"""

import datetime
import enum
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Capability(enum.IntEnum):
    """What a person may do in a dossier; each level includes the ones below it."""

    READ = 1
    ADD = 2
    PDF = 3
    OWN = 4


@dataclass(frozen=True)
class Access:
    """A person's capability in one dossier, as templates and views ask about it."""

    capability: Capability

    def allows(self, need):
        return self.capability >= need

    @property
    def is_owner(self):
        return self.capability == Capability.OWN

    @property
    def is_helper(self):
        return self.capability < Capability.OWN

    @property
    def can_add(self):
        return self.capability >= Capability.ADD

    @property
    def can_make_pdf(self):
        return self.capability >= Capability.PDF


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The dossiers this user may open: their own, and those a pupil lets them help
        with (an active grant). Everything else answers 404.

        Each dossier carries ``helper_scope``: the scope of the user's active grant, if any.
        """
        if not user.is_authenticated:
            return self.none()
        grants = HelperGrant.objects.filter(dossier=OuterRef("pk"), helper=user, revoked_at=None)
        return self.annotate(helper_scope=Subquery(grants.values("scope")[:1])).filter(
            Q(owner=user) | Q(helper_scope__isnull=False)
        )

    def owned_by(self, user):
        """The user's own dossiers: not those they help with, nor those they started
        for a pupil who has not taken them over yet."""
        return (
            self.visible_to(user)
            .filter(owner=user)
            .filter(Q(handover=None) | Q(handover__claimed_at__isnull=False))
        )

    def helped_by(self, user):
        """The dossiers other people let this user help with."""
        return self.visible_to(user).exclude(owner=user)

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

    def capability_of(self, user):
        """What ``user`` may do here; the dossier must come from ``visible_to(user)``."""
        if self.owner_id == user.pk:
            return Capability.OWN
        return HelperGrant.CAPABILITIES[self.helper_scope]

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
        SIGNALEMENT_GENERATED = "signalement_generated", _("Report to the prosecutor generated")
        HELPER_INVITED = "helper_invited", _("Helper invited")
        INVITATION_CANCELLED = "invitation_cancelled", _("Invitation cancelled")
        HELPER_JOINED = "helper_joined", _("Helper joined")
        HELPER_GRANTED = "helper_granted", _("Helper given access")
        HELPER_REVOKED = "helper_revoked", _("Helper's access revoked")
        HELPER_SCOPE_CHANGED = "helper_scope_changed", _("What a helper may do changed")
        CLAIM_CODE_MADE = "claim_code_made", _("Code made for the pupil to take the dossier")
        DOSSIER_CLAIMED = "dossier_claimed", _("Dossier taken over by the pupil")

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


def age_on(date_of_birth, day):
    """Age in whole years on ``day``; None when the date of birth is unknown."""
    if not date_of_birth:
        return None
    birth = date_of_birth
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_minor(date_of_birth):
    age = age_on(date_of_birth, timezone.localdate())
    return age is not None and age < 18


class Complaint(models.Model):
    """What the complaint letter needs, collected step by step when the victim gets there.

    Identity is asked only here, never at sign-up.
    """

    class Recipient(models.TextChoices):
        PROSECUTOR = "procureur", _("The public prosecutor (procureur de la République)")
        POLICE = "commissariat", _("A police station (commissariat de police)")
        GENDARMERIE = "gendarmerie", _("A gendarmerie (brigade de gendarmerie)")

    class Competence(models.TextChoices):
        """Why this prosecutor may act (article 43 of the code de procédure pénale)."""

        VICTIM_HOME = "victim_home", _("It is the court of the place where I live")
        FACTS = "facts", _("It is the court of the place where the facts happened")
        AUTHOR_HOME = "author_home", _("It is the court of the place where the author lives")

    class FiledBy(models.TextChoices):
        VICTIM = "victim", _("I file it myself")
        REPRESENTATIVE = "representative", _("A parent or guardian files it in the child's name")

    class Role(models.TextChoices):
        """A legal representative, in the words the letter prints (their gender shows)."""

        MOTHER = "mother", _("Mother")
        FATHER = "father", _("Father")
        GUARDIAN_WOMAN = "guardian_woman", _("Guardian (a woman)")
        GUARDIAN_MAN = "guardian_man", _("Guardian (a man)")

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
        _("who they are"), max_length=16, choices=Role.choices, blank=True
    )
    representative_address = models.TextField(_("legal representative's address"), blank=True)
    representative_phone = models.CharField(
        _("legal representative's phone number"), max_length=40, blank=True
    )
    representative_email = models.EmailField(_("legal representative's e-mail"), blank=True)
    second_representative_name = models.CharField(
        _("second legal representative's full name"), max_length=200, blank=True
    )
    second_representative_relationship = models.CharField(
        _("who they are"), max_length=16, choices=Role.choices, blank=True
    )
    second_representative_phone = models.CharField(
        _("second legal representative's phone number"), max_length=40, blank=True
    )
    filed_by = models.CharField(
        _("who files the complaint"),
        max_length=16,
        choices=FiledBy.choices,
        default=FiledBy.VICTIM,
    )

    recipient = models.CharField(
        _("who the letter is for"), max_length=16, choices=Recipient.choices, blank=True
    )
    recipient_town = models.CharField(_("town"), max_length=150, blank=True)
    competence = models.CharField(
        _("why this court"), max_length=16, choices=Competence.choices, blank=True
    )
    recipient_address = models.TextField(_("address, if you know it"), blank=True)

    authors_known = models.BooleanField(_("I know who did it"), null=True, blank=True)
    authors = models.TextField(_("who did it"), max_length=5_000, blank=True)

    facts_period = models.CharField(_("since when"), max_length=200, blank=True)
    facts = models.TextField(_("what happened"), max_length=20_000, blank=True)
    harm = models.TextField(_("the harm it caused you"), max_length=5_000, blank=True)
    harm_amount = models.CharField(_("amount of the harm"), max_length=100, blank=True)
    witnesses = models.TextField(_("witnesses"), max_length=5_000, blank=True)
    offences = models.JSONField(default=list, blank=True)
    partie_civile = models.BooleanField(_("I wish to be a civil party"), default=False)
    signed_in_town = models.CharField(_("town where you sign"), max_length=150, blank=True)

    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.dossier}"

    def age_on(self, day):
        return age_on(self.date_of_birth, day)

    @property
    def is_minor(self):
        return is_minor(self.date_of_birth)

    @property
    def filed_by_representative(self):
        """A parent files in the child's name: only for a minor with a representative."""
        return (
            self.filed_by == self.FiledBy.REPRESENTATIVE
            and self.is_minor
            and bool(self.representative_name)
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
    # The staff member's report this document renders (signalement kind only).
    signalement = models.ForeignKey(
        "Signalement", on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )

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


class Scope(models.TextChoices):
    """What a pupil lets a helper do in their dossier."""

    READ = "read", _("See the dossier")
    ADD = "add", _("See it and add exhibits")
    PDF = "pdf", _("See it, add exhibits and prepare the PDFs")


# The scope inside a sentence ("You may: see it and add exhibits.").
SCOPE_PHRASES = {
    Scope.READ: _("see the dossier"),
    Scope.ADD: _("see it and add exhibits"),
    Scope.PDF: _("see it, add exhibits and prepare the PDFs"),
}


class HelperInvitation(models.Model):
    """A single-use code a pupil gives one person so they can help with one dossier.

    Only the code's SHA-256 is stored: the code itself is shown once, to the pupil.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="invitations")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scope = models.CharField(_("what this person may do"), max_length=8, choices=Scope.choices)
    note = models.CharField(_("who it is for (only you see it)"), max_length=100, blank=True)
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
        return SCOPE_PHRASES[self.scope]

    @property
    def is_open(self):
        return self.used_at is None and self.cancelled_at is None and not self.has_expired

    @property
    def has_expired(self):
        return self.expires_at <= timezone.now()


class HelperGrant(models.Model):
    """One person helping with one dossier, within a scope, until the pupil revokes it."""

    CAPABILITIES = {
        Scope.READ: Capability.READ,
        Scope.ADD: Capability.ADD,
        Scope.PDF: Capability.PDF,
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="helper_grants")
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
        return SCOPE_PHRASES[self.scope]


class Handover(models.Model):
    """A dossier a staff member started with a pupil at their side, until the pupil takes
    it over with a one-time code and becomes its owner."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="handover")
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

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="signalements")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    staff_name = models.CharField(_("your full name"), max_length=200)
    function = models.CharField(_("your function"), max_length=150)
    establishment = models.CharField(_("establishment"), max_length=200)
    establishment_address = models.TextField(_("establishment's postal address"), max_length=500)
    contact = models.CharField(_("professional phone or e-mail"), max_length=200, blank=True)

    pupil_name = models.CharField(_("pupil's full name"), max_length=200)
    pupil_class = models.CharField(_("pupil's class"), max_length=50, blank=True)
    pupil_date_of_birth = models.DateField(_("pupil's date of birth"), null=True, blank=True)
    pupil_address = models.TextField(_("pupil's postal address"), max_length=500, blank=True)
    representatives = models.TextField(
        _("the pupil's legal representatives and how to reach them"),
        max_length=2_000,
        blank=True,
    )
    presumed_authors = models.TextField(
        _("presumed author or authors"), max_length=5_000, blank=True
    )

    reported_on = models.DateField(_("when the pupil told you"))
    facts = models.TextField(_("the facts as the pupil reported them"), max_length=20_000)
    actions_taken = models.TextField(
        _("what the establishment has done"), max_length=5_000, blank=True
    )
    parents_informed = models.BooleanField(
        _("the pupil's legal representatives have been told about this report"), default=False
    )
    recipient_town = models.CharField(_("town of the tribunal judiciaire"), max_length=150)
    through_head = models.BooleanField(
        _("sent through the head of the establishment (sous couvert du chef d'établissement)"),
        default=False,
    )
    copy_to_dasen = models.BooleanField(
        _("a copy goes to the IA-DASEN (the local head of national education)"), default=False
    )
    signed_in_town = models.CharField(_("town where you sign"), max_length=150, blank=True)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "author"], name="one_signalement_per_helper")
        ]

    def __str__(self):
        return f"{self.dossier} {self.staff_name}"
