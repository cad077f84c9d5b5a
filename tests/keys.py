"""The storage keys the tests use: fixed, so a failure can be reproduced."""

CURRENT = "q7PzJ7qQqlV0B1h2a3b4c5d6e7f8g9h0i1j2k3l4m5o="
OLD = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="


def legacy_wrapped_key(plain=None):
    """A dossier key wrapped as before key ids existed (bound to no dossier), by CURRENT:
    what a dossier made by migrations before 0007 holds."""
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from evidence.custody import keys

    plain = plain or AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(keys.NONCE_SIZE)
    sealed = AESGCM(keys.parse_key(CURRENT)).encrypt(nonce, plain, keys.LEGACY_ASSOCIATED_DATA)
    return keys.FORMAT_VERSION + nonce + sealed
