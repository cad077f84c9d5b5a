"""Encrypted storage of evidence files: a large file saved a chunk at a time reads back
like any other, and stays bound to its name."""

import hashlib
import io
import os

import pytest
from cryptography.exceptions import InvalidTag

from evidence.custody import storage
from tests.evidence.factories import make_dossier, make_user

pytestmark = pytest.mark.django_db

# Over two chunks, and not a whole number of them.
DATA = os.urandom(2 * storage.CHUNK_SIZE + 12345)


@pytest.fixture
def dossier(django_user_model):
    return make_dossier(make_user(django_user_model, "alice"))


def test_a_stream_saved_in_chunks_reads_back_whole(dossier):
    source = io.BytesIO(b"skipped" + DATA)
    source.seek(len(b"skipped"))  # read from where the file stands
    name, sha256, size = storage.save_stream(dossier, source, suffix=".pdf.bin")
    assert (sha256, size) == (hashlib.sha256(DATA).hexdigest(), len(DATA))
    assert storage.read_file(dossier, name) == DATA
    with storage.evidence_storage().open(name, "rb") as handle:
        blob = handle.read()
    # The same format as save_file: version, nonce, ciphertext, tag.
    assert blob[:1] == storage.FORMAT_VERSION
    assert len(blob) == 1 + storage.NONCE_SIZE + len(DATA) + 16
    assert DATA[:4096] not in blob


def test_a_stream_saved_is_bound_to_its_name_and_dossier(dossier, django_user_model):
    name, _sha256, _size = storage.save_stream(dossier, io.BytesIO(DATA), suffix=".pdf.bin")
    with storage.evidence_storage().open(name, "rb") as handle:
        blob = handle.read()
    moved = storage.evidence_storage().save(f"{dossier.public_id}/moved.pdf.bin", io.BytesIO(blob))
    with pytest.raises(InvalidTag):
        storage.read_file(dossier, moved)
    other = make_dossier(make_user(django_user_model, "bob"))
    with pytest.raises(InvalidTag):
        storage.read_file(other, name)


def test_a_large_file_reads_back_a_chunk_at_a_time(dossier):
    name, _sha256, _size = storage.save_stream(dossier, io.BytesIO(DATA), suffix=".pdf.bin")
    chunks = list(storage.read_chunks(dossier, name))
    assert len(chunks) == 3
    assert max(len(chunk) for chunk in chunks) == storage.CHUNK_SIZE
    assert b"".join(chunks) == DATA


def test_an_altered_file_gives_out_nothing(dossier):
    name = storage.save_file(dossier, DATA, suffix=".pdf.bin")
    path = storage.evidence_storage().path(name)
    with open(path, "r+b") as handle:  # one bit flipped near the end
        handle.seek(-100, os.SEEK_END)
        byte = handle.read(1)
        handle.seek(-100, os.SEEK_END)
        handle.write(bytes([byte[0] ^ 1]))
    # Refused before a single chunk is handed out, not after most of the file.
    with pytest.raises(InvalidTag):
        storage.read_chunks(dossier, name)
