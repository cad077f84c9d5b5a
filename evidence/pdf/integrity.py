"""The PDF's integrity annex and its machine-readable copy, ``integrite.json``.

Everything a reader needs to check the dossier without the server: each exhibit's
SHA-256, every journal event with every field its hash covers, the method, and the
timestamp tokens over the chain head. ``tools/verify_dossier_pdf.py`` recomputes it all
from the attached ``integrite.json``; the annex prints the same, for a reader on paper.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from evidence.custody import stamps
from evidence.custody.journal import (
    GENESIS_HASH,
    canonical_fields,
    canonical_json,
    verify_journal,
)
from evidence.models import Dossier, Event, JournalStamp
from evidence.pdf.attachments import Original

if TYPE_CHECKING:
    from evidence.pdf.context import PdfExhibit

MANIFEST_NAME = "integrite.json"
MANIFEST_FORMAT = "cyberaide-integrite/1"

# The method, as printed in the annex and written in the manifest (French: the PDF is).
METHOD = {
    "pieces": "SHA-256 du fichier original tel que reçu, octet pour octet ; pour un message "
    "recopié, de son texte en UTF-8 ; pour un lien, de son adresse en UTF-8.",
    "evenements": "empreinte = SHA-256(empreinte précédente || contenu), en hexadécimal "
    "minuscule ; l'empreinte précédente est écrite en 64 caractères ASCII (64 zéros pour "
    "la première entrée) ; le contenu est l'objet JSON des champs dossier, sequence, "
    "created_at, action, actor, exhibit, exhibit_sha256 et details, clés triées, sans "
    "espace (séparateurs « , » et « : »), caractères non ASCII écrits tels quels, encodé "
    "en UTF-8.",
    "jetons": "jeton d'horodatage RFC 3161 (TimeStampToken, DER, en base64) dont "
    "l'empreinte (messageImprint) est SHA-256 avec pour valeur les 32 octets de l'empreinte "
    "de l'entrée qu'il couvre : il date cette entrée et toutes celles qui la précèdent.",
}


@dataclass(frozen=True)
class AnnexEvent:
    event: Event
    fields: dict[str, Any]  # what its hash covers
    details_json: str  # its details, in the canonical form
    stamp: JournalStamp | None  # the first token that covers it


def integrity_context(dossier: Dossier, exhibits: Sequence[PdfExhibit]) -> dict[str, Any]:
    """The annex's part of the context (``manifest_attachment`` turns it into
    integrite.json, for the PDF only)."""
    events = list(dossier.events.order_by("sequence"))
    journal_ok, _broken = verify_journal(dossier, events)
    covering = stamps.stamped_events(dossier, events)
    annex_events = []
    for event in events:
        fields = canonical_fields(event)
        annex_events.append(
            AnnexEvent(
                event, fields, canonical_json(fields["details"]), covering.get(event.sequence)
            )
        )
    tokens = sorted({s.pk: s for s in covering.values()}.values(), key=lambda s: s.stamped_at)
    return {
        "events": annex_events,
        "journal_ok": journal_ok,
        "chain_hash": events[-1].hash if events else GENESIS_HASH,
        "tokens": tokens,
        "unstamped_from": next(
            (item.event.sequence for item in annex_events if item.stamp is None), None
        ),
        "generated_at": timezone.now(),
        "method": METHOD,
        "manifest_name": MANIFEST_NAME,
    }


def manifest_attachment(context: dict[str, Any]) -> Original:
    """integrite.json: what the annex prints, for machines."""
    generated_at = context["generated_at"].astimezone(datetime.UTC)
    manifest = {
        "format": MANIFEST_FORMAT,
        "dossier": str(context["dossier"].public_id),
        "document_made_at": generated_at.isoformat(),
        "method": METHOD,
        "exhibits": [_exhibit(item) for item in context["exhibits"]],
        "events": [
            {**item.fields, "previous_hash": item.event.previous_hash, "hash": item.event.hash}
            for item in context["events"]
        ],
        "chain_head": context["chain_hash"],
        "tokens": [stamps.token_record(stamp) for stamp in context["tokens"]],
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    return Original(
        name=MANIFEST_NAME,
        description="Copie lisible par machine de l'annexe d'intégrité : pièces, empreintes, "
        "journal complet et jetons d'horodatage (voir tools/verify_dossier_pdf.py).",
        content_type="application/json",
        received_at=generated_at,
        read=lambda: data,
        relationship="/Data",
    )


def _exhibit(item: PdfExhibit) -> dict[str, Any]:
    exhibit = item.exhibit
    return {
        "number": item.number,
        "id": str(exhibit.public_id),
        "kind": exhibit.kind,
        "sha256": exhibit.sha256,
        "size": exhibit.size,
        "received_at": _utc(exhibit.received_at),
        "attachment": item.attachment_name or None,
    }


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat()
