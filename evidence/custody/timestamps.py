"""Trusted time: RFC 3161 timestamp tokens from the operator's timestamping authority.

A token is the authority's signed statement that a given SHA-256 digest existed at its
time. The service asks for one over the journal's chain head (``evidence.custody.stamps``)
and over each PDF (``evidence.pdf.seal``), through pyHanko's client, and checks every
token it receives before keeping it: the authority's signature, its certificate (the
time-stamping usage, a chain to ``CYBERAIDE_TSA_CA_FILE``) and the digest it covers.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import functools
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from asn1crypto import cms, pem, x509
from django.conf import settings
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
from pyhanko_certvalidator import ValidationContext

T = TypeVar("T")


class TimestampFailed(Exception):
    """No token: the authority is down, slow, refused, or sent one that does not verify."""


class UntrustedAuthority(TimestampFailed):
    """The token verifies, but its authority does not chain to a trusted root."""


@dataclass(frozen=True)
class Token:
    """A token that verified, and what it says."""

    der: bytes  # the TimeStampToken (a CMS ContentInfo), DER-encoded
    digest: str  # the SHA-256 it covers, hexadecimal
    authority: str  # the authority's name (its certificate's subject)
    time: datetime.datetime  # genTime, UTC
    serial: int
    policy: str  # the authority's policy OID


def configured() -> bool:
    return bool(settings.CYBERAIDE_TSA_URL)


def request_token(digest: bytes) -> Token:
    """A verified token over ``digest`` (32 bytes of SHA-256). Raises ``TimestampFailed``."""
    stamper = HTTPTimeStamper(
        settings.CYBERAIDE_TSA_URL, timeout=settings.CYBERAIDE_TSA_TIMEOUT_SECONDS
    )
    try:
        token = run(stamper.async_timestamp(digest, "sha256"))
    except Exception as error:  # the network, the authority's refusal, a malformed reply
        raise TimestampFailed(f"{type(error).__name__}: {error}") from error
    return check_token(token.dump(), digest)


def check_token(der: bytes, digest: bytes, *, trust: ValidationContext | None = None) -> Token:
    """What a token says, once it verifies over ``digest`` against ``trust`` (by default,
    the configured authority's roots). Raises ``TimestampFailed``."""
    try:
        content = cms.ContentInfo.load(der)
        signed = content["content"]
        info = signed["encap_content_info"]["content"].parsed
        status = run(
            validate_tst_signed_data(
                signed, trust or tsa_trust(), expected_tst_imprint=lambda _algorithm: digest
            )
        )
    except Exception as error:
        raise TimestampFailed(f"Unreadable token: {type(error).__name__}: {error}") from error
    if info["message_imprint"]["hash_algorithm"]["algorithm"].native != "sha256":
        raise TimestampFailed("The token does not cover a SHA-256 digest.")
    if not status.get("intact"):
        raise TimestampFailed("The token does not cover this digest, or its content changed.")
    if not status.get("valid"):
        raise TimestampFailed("The authority's signature on the token does not verify.")
    if status.get("trust_problem_indic") is not None:
        raise UntrustedAuthority(f"The authority is not trusted: {status['trust_problem_indic']}.")
    return Token(
        der=der,
        digest=digest.hex(),
        authority=display_name(status["signing_cert"].subject),
        time=info["gen_time"].native.astimezone(datetime.UTC),
        serial=info["serial_number"].native,
        policy=info["policy"].dotted,
    )


def display_name(name: x509.Name) -> str:
    """A certificate subject as people read it: "cyberaide TSA (Association X)"."""
    parts = name.native
    common, organization = parts.get("common_name"), parts.get("organization_name")
    if not common:
        return name.human_friendly
    return f"{common} ({organization})" if organization else common


def tsa_trust() -> ValidationContext:
    """The roots a token from the configured authority must chain to."""
    return ValidationContext(trust_roots=certificates(settings.CYBERAIDE_TSA_CA_FILE))


@functools.cache
def _certificates(path: str, modified: float) -> tuple[x509.Certificate, ...]:
    data = Path(path).read_bytes()
    blocks = [der for _kind, _headers, der in pem.unarmor(data, multiple=True)]
    return tuple(x509.Certificate.load(der) for der in blocks)


def certificates(path: str) -> tuple[x509.Certificate, ...]:
    """The certificates of a PEM file (none for no file), read again when it changes."""
    if not path:
        return ()
    return _certificates(path, Path(path).stat().st_mtime)


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run pyHanko's asynchronous API from synchronous code, in a thread of its own when
    this one already runs an event loop (a browser test drives one in the main thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
