"""Writes to a dossier's exhibits: each one a transaction that records its event.

Views parse input with a form, call one of these functions, and redirect. Files are
written before the transaction that references them and removed if it fails; files of
erased exhibits are removed only after the erasure commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.custody import storage
from evidence.custody.fields import EncryptedTextField
from evidence.custody.journal import lock_dossier, record_event
from evidence.ingest.files import UploadRefused, inspect_upload
from evidence.models import Dossier, Event, Exhibit

if TYPE_CHECKING:
    from accounts.models import User

Action = Event.Action


def stored_bytes(dossier: Dossier) -> int:
    return dossier.exhibits.aggregate(total=Sum("size"))["total"] or 0


def _next_position(dossier: Dossier) -> int:
    return (dossier.exhibits.aggregate(last=Max("position"))["last"] or 0) + 1


def _create_exhibit(
    *, dossier: Dossier, actor: User, details: dict[str, Any], **fields: Any
) -> Exhibit:
    """Create one exhibit and its event, in the caller's transaction."""
    lock_dossier(dossier)
    exhibit = Exhibit.objects.create(
        dossier=dossier, position=_next_position(dossier), **fields, **details
    )
    record_event(
        dossier=dossier,
        actor=actor,
        action=Action.EXHIBIT_ADDED,
        exhibit=exhibit,
        details={"kind": exhibit.kind, "size": exhibit.size},
    )
    return exhibit


def add_file_exhibit(
    *, dossier: Dossier, actor: User, uploaded_file: UploadedFile, details: dict[str, Any]
) -> Exhibit:
    """Inspect, store and record one uploaded file. Raises ``UploadRefused``.

    ``details`` are the victim's statements (date, platform, author…), shared by every
    file of one upload.
    """
    inspected = inspect_upload(uploaded_file)
    _check_quota(dossier, inspected.size)  # early, before any work; again under the lock
    suffix = {"application/pdf": ".pdf"}.get(inspected.content_type, "")
    written: list[str] = []
    stored = dict.fromkeys(Exhibit.FILE_FIELDS, "")
    copies = {
        "display_file": inspected.display,
        "thumbnail_file": inspected.thumbnail,
        "print_file": inspected.print_copy,
    }
    try:
        stored["original_file"] = storage.save_file(dossier, inspected.data, suffix=suffix + ".bin")
        written.append(stored["original_file"])
        for field, data in copies.items():
            if data:
                stored[field] = storage.save_file(dossier, data, suffix=".jpg.bin")
                written.append(stored[field])
        pages = [storage.save_file(dossier, page, suffix=".jpg.bin") for page in inspected.pages]
        written += pages
        with transaction.atomic():
            lock_dossier(dossier)
            _check_quota(dossier, inspected.size)
            return _create_exhibit(
                dossier=dossier,
                actor=actor,
                details=details,
                kind=Exhibit.Kind.IMAGE if inspected.is_image else Exhibit.Kind.DOCUMENT,
                received_at=inspected.received_at,
                sha256=inspected.sha256,
                size=inspected.size,
                original_name=inspected.original_name,
                content_type=inspected.content_type,
                width=inspected.width,
                height=inspected.height,
                ingest_note=inspected.note,
                page_files=pages,
                page_count=inspected.page_count,
                original_metadata=inspected.metadata,
                **stored,
            )
    except BaseException:
        storage.delete_files(written)
        raise


def _check_quota(dossier: Dossier, size: int) -> None:
    if stored_bytes(dossier) + size > settings.CYBERAIDE_DOSSIER_QUOTA_BYTES:
        raise UploadRefused(
            _("This dossier is full (%(limit)s MB). Start another dossier for more files.")
            % {"limit": settings.CYBERAIDE_DOSSIER_QUOTA_BYTES // (1024 * 1024)}
        )
    # One account cannot fill the service by starting dossier after dossier.
    account_total = (
        Exhibit.objects.filter(dossier__owner_id=dossier.owner_id).aggregate(total=Sum("size"))[
            "total"
        ]
        or 0
    )
    if account_total + size > settings.CYBERAIDE_ACCOUNT_QUOTA_BYTES:
        raise UploadRefused(
            _(
                "Your dossiers are full (%(limit)s MB in all). Erase what you no longer "
                "need, or ask the association that runs this service for more room."
            )
            % {"limit": settings.CYBERAIDE_ACCOUNT_QUOTA_BYTES // (1024 * 1024)}
        )


def add_message_exhibit(
    *, dossier: Dossier, actor: User, text: str, details: dict[str, Any]
) -> Exhibit:
    """Keep a pasted message exactly as received (line endings made uniform)."""
    data = text.encode("utf-8")
    with transaction.atomic():
        return _create_exhibit(
            dossier=dossier,
            actor=actor,
            details=details,
            kind=Exhibit.Kind.MESSAGE,
            received_at=timezone.now(),
            sha256=_sha256(data),
            size=len(data),
            message_text=text,
            content_type="text/plain; charset=utf-8",
        )


def add_link_exhibit(*, dossier: Dossier, actor: User, details: dict[str, Any]) -> Exhibit:
    """Record a link. The server never fetches it: the victim's screenshot is the proof."""
    data = details["content_url"].encode("utf-8")
    with transaction.atomic():
        return _create_exhibit(
            dossier=dossier,
            actor=actor,
            details=details,
            kind=Exhibit.Kind.LINK,
            received_at=timezone.now(),
            sha256=_sha256(data),
            size=0,
        )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


EDITABLE_FIELDS = (
    "occurred_on",
    "occurred_time",
    "platform",
    "platform_other",
    "author_name",
    "author_profile_url",
    "author_account_id",
    "victim_account",
    "content_url",
    "description",
)


# What an exhibit of a kind holds as its content, hashed on arrival: never a correction.
FIXED_ON_ARRIVAL: dict[str, tuple[str, ...]] = {Exhibit.Kind.LINK: ("content_url",)}


def edit_exhibit(*, exhibit: Exhibit, actor: User, details: dict[str, Any]) -> bool:
    """Correct what the victim stated. The journal names every field that changed, and
    keeps the old and new values of those not sealed (the date, the time, the platform):
    a sealed value (a handle, a description) must not sit in clear in the journal."""
    fields, changes = [], {}
    for field in EDITABLE_FIELDS:
        if field not in details or field in FIXED_ON_ARRIVAL.get(exhibit.kind, ()):
            continue
        old, new = getattr(exhibit, field), details[field]
        if old != new:
            fields.append(field)
            if not isinstance(Exhibit._meta.get_field(field), EncryptedTextField):
                changes[field] = {"from": _json_value(old), "to": _json_value(new)}
            setattr(exhibit, field, new)
    if not fields:
        return False
    with transaction.atomic():
        lock_dossier(exhibit.dossier)
        exhibit.save(update_fields=fields)
        record_event(
            dossier=exhibit.dossier,
            actor=actor,
            action=Action.EXHIBIT_EDITED,
            exhibit=exhibit,
            details={"fields": fields, "changes": changes},
        )
    return True


def _json_value(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def move_exhibit(*, exhibit: Exhibit, actor: User, offset: int) -> bool:
    """Swap the exhibit with its neighbour above (offset -1) or below (+1). A withdrawn
    exhibit has no place in the order: nothing moves, and False comes back."""
    with transaction.atomic():
        lock_dossier(exhibit.dossier)
        ordered = list(
            exhibit.dossier.exhibits.filter(withdrawn_at=None).order_by("position", "id")
        )
        index = next((i for i, other in enumerate(ordered) if other.pk == exhibit.pk), None)
        if index is None:
            return False
        target = index + offset
        if not 0 <= target < len(ordered):
            return False
        ordered[index], ordered[target] = ordered[target], ordered[index]
        for position, other in enumerate(ordered, start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])
        record_event(
            dossier=exhibit.dossier,
            actor=actor,
            action=Action.EXHIBIT_MOVED,
            exhibit=exhibit,
            details={"position": target + 1},
        )
    return True


def withdraw_exhibit(*, exhibit: Exhibit, actor: User) -> None:
    """Take the exhibit out of the dossier and its PDF; it stays in the journal and can
    be put back."""
    with transaction.atomic():
        lock_dossier(exhibit.dossier)
        exhibit.withdrawn_at = timezone.now()
        exhibit.save(update_fields=["withdrawn_at"])
        record_event(
            dossier=exhibit.dossier, actor=actor, action=Action.EXHIBIT_WITHDRAWN, exhibit=exhibit
        )


def restore_exhibit(*, exhibit: Exhibit, actor: User) -> None:
    with transaction.atomic():
        lock_dossier(exhibit.dossier)
        exhibit.withdrawn_at = None
        exhibit.position = _next_position(exhibit.dossier)
        exhibit.save(update_fields=["withdrawn_at", "position"])
        record_event(
            dossier=exhibit.dossier, actor=actor, action=Action.EXHIBIT_RESTORED, exhibit=exhibit
        )


def erase_exhibit(*, exhibit: Exhibit, actor: User) -> None:
    """Erase the exhibit and its files for good, and every PDF that holds it (a picture
    that must not be kept disappears completely). Its hash stays in the journal."""
    from evidence.services.documents import delete_document

    files = exhibit.stored_files()
    with transaction.atomic():
        lock_dossier(exhibit.dossier)
        for document in exhibit.documents.select_related("dossier"):
            delete_document(document=document, actor=actor, reason="exhibit_erased")
        record_event(
            dossier=exhibit.dossier,
            actor=actor,
            action=Action.EXHIBIT_ERASED,
            exhibit=exhibit,
            details={"kind": exhibit.kind},
        )
        exhibit.delete()
        transaction.on_commit(lambda: storage.delete_files(files))


def renumber_in_date_order(*, dossier: Dossier, actor: User, key: Callable[[Exhibit], Any]) -> None:
    """Number the exhibits in the order of the facts."""
    with transaction.atomic():
        lock_dossier(dossier)
        exhibits = sorted(dossier.exhibits.filter(withdrawn_at=None), key=key)
        for position, exhibit in enumerate(exhibits, start=1):
            if exhibit.position != position:
                exhibit.position = position
                exhibit.save(update_fields=["position"])
        record_event(
            dossier=dossier, actor=actor, action=Action.EXHIBIT_MOVED, details={"order": "date"}
        )
