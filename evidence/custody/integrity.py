"""Does each exhibit still hold what arrived? Its stored content, hashed again and checked
against the SHA-256 recorded on arrival.

A file is read back from the encrypted store (the encryption also authenticates it); a
pasted message and a link are hashed from their text. The PDF builder checks every exhibit
it prints, and ``manage.py verify_dossiers`` checks every dossier, journal chain included.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag

from evidence.custody import storage
from evidence.custody.journal import verify_journal

if TYPE_CHECKING:
    from evidence.models import Dossier, Exhibit


def stored_sha256(exhibit: Exhibit) -> str | None:
    """The SHA-256 of what is stored for this exhibit now; None when it cannot be read
    (a file missing, or altered so that it no longer decrypts)."""
    if exhibit.kind == exhibit.Kind.MESSAGE:
        return hashlib.sha256(exhibit.message_text.encode("utf-8")).hexdigest()
    if exhibit.kind == exhibit.Kind.LINK:
        return hashlib.sha256(exhibit.content_url.encode("utf-8")).hexdigest()
    return file_sha256(exhibit.dossier, exhibit.original_file)


def file_sha256(dossier: Dossier, name: str) -> str | None:
    """The SHA-256 of a stored file's plaintext, read a chunk at a time; None when it
    cannot be read (missing, or altered so that it no longer decrypts)."""
    digest = hashlib.sha256()
    try:
        for chunk in storage.read_chunks(dossier, name):
            digest.update(chunk)
    except (OSError, InvalidTag, ValueError):
        return None
    return digest.hexdigest()


def is_intact(exhibit: Exhibit) -> bool:
    return stored_sha256(exhibit) == exhibit.sha256


def altered(exhibits: Iterable[Exhibit]) -> list[Exhibit]:
    """The exhibits whose stored content no longer matches their recorded hash."""
    return [exhibit for exhibit in exhibits if not is_intact(exhibit)]


@dataclass
class DossierCheck:
    """What ``verify_dossier`` found: empty lists and a sound journal mean all is well."""

    dossier: Dossier
    journal_ok: bool = True
    altered_exhibits: list[Exhibit] = field(default_factory=list)
    unreadable_documents: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.journal_ok and not self.altered_exhibits and not self.unreadable_documents


def verify_dossier(dossier: Dossier) -> DossierCheck:
    """The journal chain, every exhibit (withdrawn ones too) and every generated PDF."""
    check = DossierCheck(dossier)
    check.journal_ok, _first_bad = verify_journal(dossier)
    check.altered_exhibits = altered(dossier.exhibits.all())
    for document in dossier.documents.filter(status="ready"):
        if file_sha256(dossier, document.file) != document.sha256:
            check.unreadable_documents.append(str(document.public_id))
    return check
