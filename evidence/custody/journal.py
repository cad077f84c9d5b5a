"""The chain of custody: append events, verify the chain.

Callers hold a transaction that locked the dossier (``lock_dossier``), so two writers
never append the same sequence number.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from evidence.models import Dossier, Event

if TYPE_CHECKING:
    from accounts.models import User
    from evidence.models import Exhibit

GENESIS_HASH = "0" * 64


def lock_dossier(dossier: Dossier) -> None:
    """Take the dossier's row lock for the rest of the transaction (no-op on SQLite,
    whose IMMEDIATE transactions already serialize writers)."""
    Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk").first()


def canonical_fields(event: Event) -> dict[str, Any]:
    """Every field of an event but the hashes: what its hash covers."""
    return {
        "dossier": str(event.dossier.public_id),
        "sequence": event.sequence,
        "created_at": event.created_at.isoformat(),
        "action": event.action,
        "actor": event.actor,
        "exhibit": str(event.exhibit_public_id) if event.exhibit_public_id else "",
        "exhibit_sha256": event.exhibit_sha256,
        "details": event.details,
    }


def canonical_json(value: Any) -> str:
    """The fixed JSON form: keys sorted, no spaces, non-ASCII characters as themselves."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_content(event: Event) -> bytes:
    """The bytes an event's hash covers: the canonical JSON of its fields, in UTF-8. The
    PDF's annex states this method; ``tools/verify_dossier_pdf.py`` applies it."""
    return canonical_json(canonical_fields(event)).encode()


def chain_hash(previous_hash: str, event: Event) -> str:
    return hashlib.sha256(previous_hash.encode() + canonical_content(event)).hexdigest()


def record_event(
    *,
    dossier: Dossier,
    actor: User | None,
    action: str,
    exhibit: Exhibit | None = None,
    details: dict[str, Any] | None = None,
) -> Event:
    """Append one event to the dossier's journal and return it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the transaction that locked the dossier")
    last = Event.objects.filter(dossier=dossier).order_by("-sequence").first()
    event = Event(
        dossier=dossier,
        sequence=last.sequence + 1 if last else 1,
        created_at=timezone.now(),
        action=action,
        actor=actor_label(actor),
        exhibit_public_id=exhibit.public_id if exhibit else None,
        exhibit_sha256=exhibit.sha256 if exhibit else "",
        details=details or {},
        previous_hash=last.hash if last else GENESIS_HASH,
    )
    event.hash = chain_hash(event.previous_hash, event)
    event.save()
    if action in Event.STAMPED_ACTIONS:
        from evidence.custody.stamps import ask_for_stamp

        ask_for_stamp(dossier.pk)
    return event


def actor_label(actor: User | None) -> str:
    return actor.get_username() if actor is not None else "cyberaide"


def verify_journal(
    dossier: Dossier, events: Sequence[Event] | None = None
) -> tuple[bool, Event | None]:
    """Check the whole chain. Returns ``(True, None)`` or ``(False, first_bad_event)``."""
    events = list(events if events is not None else dossier.events.order_by("sequence"))
    previous_hash = GENESIS_HASH
    for expected_sequence, event in enumerate(events, start=1):
        event.dossier = dossier  # already known; avoids one query per event
        if (
            event.sequence != expected_sequence
            or event.previous_hash != previous_hash
            or event.hash != chain_hash(previous_hash, event)
        ):
            return False, event
        previous_hash = event.hash
    return True, None
