"""The storage keys the tests use: fixed, so a failure can be reproduced."""

CURRENT = "q7PzJ7qQqlV0B1h2a3b4c5d6e7f8g9h0i1j2k3l4m5o="
OLD = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
