""" "My data": everything an account holds, as one zip file.

For each of the account's own dossiers: the originals exactly as received, the display
copies, the PDFs it may see, and in ``manifest.json`` every exhibit's metadata and
SHA-256, the complaint letter's contents, the helpers and invitations, and the whole
journal. Then what the account wrote in other people's dossiers: its signalements, and
the dossiers it helps with. A dossier started for a pupil who has not taken it over is
the pupil's and is not in it. Every path in the zip is unique.
"""

from __future__ import annotations

import datetime
import json
import zipfile
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from evidence.custody import keys, scratch, stamps, storage
from evidence.custody.journal import record_event, verify_journal
from evidence.models import Complaint, Dossier, Event, HelperGrant, Signalement

if TYPE_CHECKING:
    from accounts.models import User


def build_account_export(*, user: User) -> IO[bytes]:
    """Write the export to a temporary file and return it, positioned at the start."""
    archive = scratch.temporary_file()  # handed to the response, which closes it
    dossiers: list[dict[str, Any]] = []
    manifest = {
        "format": "cyberaide-export/1",
        "exported_at": timezone.now().isoformat(),
        "account": {"username": user.get_username(), "email": user.email},
        "dossiers": dossiers,
    }
    with zipfile.ZipFile(archive, "w") as zipped:
        for index, dossier in enumerate(Dossier.objects.owned_by(user), start=1):
            with transaction.atomic():
                record_event(dossier=dossier, actor=user, action=Event.Action.DOSSIER_EXPORTED)
            folder = f"dossier-{index}"
            if not storage.can_open(dossier):
                # Said, not skipped silently: the key is missing on the server, not the data.
                dossiers.append(
                    {
                        "id": str(dossier.public_id),
                        "created_at": dossier.created_at.isoformat(),
                        "unreadable": str(keys.DossierUnreadable().message),
                    }
                )
                continue
            dossiers.append(_export_dossier(zipped, dossier, folder, user))
        manifest["helping"] = _helping(user)
        zipped.writestr(
            "manifest.json",
            json.dumps(manifest, ensure_ascii=False, indent=2),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    archive.seek(0)
    return archive


def _export_dossier(
    zipped: zipfile.ZipFile, dossier: Dossier, folder: str, user: User
) -> dict[str, Any]:
    events = list(dossier.events.order_by("sequence"))
    journal_ok, _broken = verify_journal(dossier, events)
    exhibits = []
    for exhibit in dossier.exhibits.all():
        entry = {
            "id": str(exhibit.public_id),
            "position": exhibit.position,
            "withdrawn_at": _iso(exhibit.withdrawn_at),
            "kind": exhibit.kind,
            "occurred_on": exhibit.occurred_on.isoformat(),
            "occurred_time": _iso(exhibit.occurred_time),
            "platform": exhibit.platform_label,
            "author_name": exhibit.author_name,
            "author_profile_url": exhibit.author_profile_url,
            "author_account_id": exhibit.author_account_id,
            "victim_account": exhibit.victim_account,
            "content_url": exhibit.content_url,
            "description": exhibit.description,
            "received_at": exhibit.received_at.isoformat(),
            "sha256": exhibit.sha256,
            "size": exhibit.size,
            "content_type": exhibit.content_type,
            "original_name": exhibit.original_name,
            "original_holds_location": exhibit.holds_location,
            "original_taken_at": (exhibit.original_metadata or {}).get("taken_at", ""),
        }
        if exhibit.kind == exhibit.Kind.MESSAGE:
            entry["message_text"] = exhibit.message_text
        if exhibit.original_file:
            path = _unique(zipped, f"{folder}/originals/{exhibit.download_name}")
            zipped.writestr(path, storage.read_file(dossier, exhibit.original_file))
            entry["original"] = path
        if exhibit.display_file:
            path = f"{folder}/display/{exhibit.public_id}.jpg"
            zipped.writestr(path, storage.read_file(dossier, exhibit.display_file))
            entry["display_copy"] = path
        exhibits.append(entry)
    documents = []
    for document in dossier.documents.visible_to(user).filter(status="ready"):
        path = _unique(zipped, f"{folder}/documents/{document.download_name}")
        with zipped.open(path, "w", force_zip64=True) as target:  # as large as the dossier
            for chunk in storage.read_chunks(dossier, document.file):
                target.write(chunk)
        documents.append(
            {
                "kind": document.kind,
                "created_at": document.created_at.isoformat(),
                "sha256": document.sha256,
                "file": path,
                "sealed_by": document.sealed_by,
                "timestamped_at": _iso(document.timestamped_at),
                "timestamp_authority": document.timestamp_authority,
            }
        )
    complaint = Complaint.objects.filter(dossier=dossier).first()
    return {
        "id": str(dossier.public_id),
        "title": dossier.title,
        "documents": documents,
        "complaint_letter": _fields(complaint, dossier) if complaint else None,
        "helpers": [
            {
                "helper": grant.helper.get_username(),
                "role": grant.role,
                "establishment": grant.establishment,
                "scope": grant.scope,
                "since": grant.created_at.isoformat(),
                "revoked_at": _iso(grant.revoked_at),
            }
            for grant in dossier.helper_grants.select_related("helper")
        ],
        "invitations": [
            {
                "note": invitation.note,
                "scope": invitation.scope,
                "created_at": invitation.created_at.isoformat(),
                "expires_at": invitation.expires_at.isoformat(),
                "used_at": _iso(invitation.used_at),
                "cancelled_at": _iso(invitation.cancelled_at),
            }
            for invitation in dossier.invitations.all()
        ],
        "created_at": dossier.created_at.isoformat(),
        "exhibits": exhibits,
        "journal_verified": journal_ok,
        "journal": [
            {
                "sequence": event.sequence,
                "created_at": event.created_at.isoformat(),
                "action": event.action,
                "actor": event.actor,
                "exhibit": str(event.exhibit_public_id or ""),
                "exhibit_sha256": event.exhibit_sha256,
                "details": event.details,
                "previous_hash": event.previous_hash,
                "hash": event.hash,
            }
            for event in events
        ],
        # RFC 3161 tokens over the chain head (evidence.custody.stamps).
        "timestamp_tokens": [
            stamps.token_record(stamp) for stamp in dossier.stamps.select_related("event")
        ],
    }


def _unique(zipped: zipfile.ZipFile, path: str) -> str:
    """``path``, or ``path`` numbered when the zip already holds it: a zip with two
    entries of one name silently shows only one of them."""
    taken = set(zipped.namelist())
    stem, dot, extension = path.rpartition(".")
    candidate, number = path, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{dot}{extension}"
    return candidate


def _fields(instance: Model, dossier: Dossier) -> dict[str, Any]:
    """Every field the person filled in, under its own name, dates as ISO text."""
    instance.dossier = dossier  # type: ignore[attr-defined]
    values = {}
    for field in instance._meta.concrete_fields:
        if field.is_relation or field.name in ("id",):
            continue
        value = getattr(instance, field.attname)
        values[field.name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


def _helping(user: User) -> list[dict[str, Any]]:
    """The dossiers this account helps with, and the signalements it wrote in them: its
    own words, not the pupil's evidence (which stays the pupil's)."""
    helping = []
    grants = HelperGrant.objects.filter(helper=user).select_related("dossier")
    for grant in grants:
        entry: dict[str, Any] = {
            "dossier": str(grant.dossier.public_id),
            "role": grant.role,
            "establishment": grant.establishment,
            "scope": grant.scope,
            "since": grant.created_at.isoformat(),
            "revoked_at": _iso(grant.revoked_at),
        }
        signalement = Signalement.objects.filter(dossier=grant.dossier, author=user).first()
        if signalement is not None and storage.can_open(grant.dossier):
            entry["signalement"] = _fields(signalement, grant.dossier)
        helping.append(entry)
    return helping


def _iso(value: datetime.date | datetime.time | None) -> str | None:
    return value.isoformat() if value else None
