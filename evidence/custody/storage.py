"""Private, encrypted storage of evidence files.

Each dossier has its own AES-256-GCM key, kept in the database wrapped (encrypted) by the
server key from the environment (``evidence.custody.keys``). Files are encrypted with the
dossier key and stored under server-generated names; the name is authenticated with the
content, so a file moved to another name or dossier no longer decrypts. Erasing a
dossier's key makes its files unreadable everywhere, backups included (crypto-shredding).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, storages

from evidence.custody import keys, scratch

if TYPE_CHECKING:
    from evidence.models import Dossier

FORMAT_VERSION = b"\x01"
NONCE_SIZE = 12
TAG_SIZE = 16
CHUNK_SIZE = 1024 * 1024


def _encrypt(key: bytes, data: bytes, associated_data: bytes) -> bytes:
    nonce = os.urandom(NONCE_SIZE)
    return FORMAT_VERSION + nonce + AESGCM(key).encrypt(nonce, data, associated_data)


def _decrypt(key: bytes, blob: bytes, associated_data: bytes) -> bytes:
    if blob[:1] != FORMAT_VERSION:
        raise ValueError("Unknown evidence file format.")
    nonce = blob[1 : 1 + NONCE_SIZE]
    return AESGCM(key).decrypt(nonce, blob[1 + NONCE_SIZE :], associated_data)


def can_open(dossier: Dossier) -> bool:
    """Whether the server's keys open this dossier's key (its files are then readable)."""
    try:
        _dossier_key(dossier)
    except keys.DossierUnreadable:
        return False
    return True


def _dossier_key(dossier: Dossier) -> bytes:
    """The dossier's own key, unwrapped once per dossier instance (the text fields of one
    page open with it many times)."""
    wrapped = (bytes(dossier.wrapped_key), dossier.key_id)
    cached = dossier.__dict__.get("_unwrapped_key")
    if cached is not None and cached[0] == wrapped:
        return cached[1]
    key = keys.unwrap(dossier.wrapped_key, dossier.key_id, dossier.public_id)
    dossier.__dict__["_unwrapped_key"] = (wrapped, key)
    return key


def encrypt_bytes(dossier: Dossier, data: bytes, associated_data: bytes) -> bytes:
    """``data`` sealed with the dossier's key (the encrypted text fields use it)."""
    return _encrypt(_dossier_key(dossier), data, associated_data)


def decrypt_bytes(dossier: Dossier, blob: bytes, associated_data: bytes) -> bytes:
    return _decrypt(_dossier_key(dossier), blob, associated_data)


def evidence_storage() -> Storage:
    return storages["evidence"]


def save_file(dossier: Dossier, data: bytes, *, suffix: str) -> str:
    """Encrypt ``data`` for this dossier, store it under a new name and return the name."""
    name = _new_name(dossier, suffix)
    _store(name, ContentFile(_encrypt(_dossier_key(dossier), data, name.encode())))
    return name


def save_stream(dossier: Dossier, source: BinaryIO, *, suffix: str) -> tuple[str, str, int]:
    """``save_file`` for a file too large to hold in memory twice (a generated PDF with
    the originals attached): ``source``, a binary file read from where it stands, is
    encrypted a chunk at a time into the same format. Returns the name, and the SHA-256
    and size of what was read."""
    name = _new_name(dossier, suffix)
    nonce = os.urandom(NONCE_SIZE)
    encryptor = Cipher(algorithms.AES(_dossier_key(dossier)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(name.encode())
    digest = hashlib.sha256()
    size = 0
    with scratch.temporary_file() as blob:
        blob.write(FORMAT_VERSION + nonce)
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            size += len(chunk)
            blob.write(encryptor.update(chunk))
        blob.write(encryptor.finalize() + encryptor.tag)  # as AESGCM: ciphertext, then tag
        blob.seek(0)
        _store(name, File(blob))
    return name, digest.hexdigest(), size


def _new_name(dossier: Dossier, suffix: str) -> str:
    return f"{dossier.public_id}/{uuid.uuid4().hex}{suffix}"


def _store(name: str, content: File) -> None:
    stored_name = evidence_storage().save(name, content)
    if stored_name != name:  # a UUID collision: never let a name differ from its AAD
        evidence_storage().delete(stored_name)
        raise RuntimeError("Evidence file name collision.")


def read_file(dossier: Dossier, name: str) -> bytes:
    with evidence_storage().open(name, "rb") as handle:
        blob = handle.read()
    return _decrypt(_dossier_key(dossier), blob, name.encode())


def read_chunks(dossier: Dossier, name: str) -> Iterator[bytes]:
    """The plaintext of a stored file a chunk at a time, for files too large to hold in
    memory (generated PDFs, with the originals attached).

    The whole file is authenticated first, in a pass that keeps nothing: a file that was
    altered gives out nothing, and ``InvalidTag`` is raised before this returns. (Were it
    altered between that pass and the reading, the reading would fail at its end.) The
    file is opened again only when the chunks are read.
    """
    key = _dossier_key(dossier)
    with evidence_storage().open(name, "rb") as handle:
        header = handle.read(1 + NONCE_SIZE)
        if header[:1] != FORMAT_VERSION:
            raise ValueError("Unknown evidence file format.")
        nonce = header[1:]
        handle.seek(-TAG_SIZE, os.SEEK_END)
        end = handle.tell()
        tag = handle.read(TAG_SIZE)
        check = _decryptor(key, nonce, tag, name)
        for chunk in _ciphertext(handle, end):
            check.update(chunk)
        check.finalize()
    return _plaintext(name, end, _decryptor(key, nonce, tag, name))


def _decryptor(key: bytes, nonce: bytes, tag: bytes, name: str) -> Any:
    decryptor = Cipher(algorithms.AES(key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(name.encode())
    return decryptor


def _ciphertext(handle: IO[bytes], end: int) -> Iterator[bytes]:
    handle.seek(1 + NONCE_SIZE)
    while (remaining := end - handle.tell()) > 0:
        yield handle.read(min(CHUNK_SIZE, remaining))


def _plaintext(name: str, end: int, decryptor: Any) -> Iterator[bytes]:
    with evidence_storage().open(name, "rb") as handle:
        for chunk in _ciphertext(handle, end):
            yield decryptor.update(chunk)
        decryptor.finalize()


def delete_files(names: Iterable[str]) -> None:
    storage = evidence_storage()
    for name in names:
        if name:
            storage.delete(name)
