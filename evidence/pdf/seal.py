"""The finished PDF made verifiable by others: sealed (PAdES) or at least timestamped.

Applied last, once the originals and ``integrite.json`` are attached, as one more
incremental update that leaves the PDF/A-3 document before it untouched:

- with a signing certificate (``CYBERAIDE_SIGNING_PKCS12``), an invisible PAdES seal
  (baseline B-T: the signature's own timestamp from the timestamping authority when one is
  configured, B-B otherwise): the service's statement that it produced this file, from
  the stored items its annex lists, at this time; any change to the file breaks it;
- with only a timestamping authority, a document timestamp over the whole file;
- with neither, nothing, and the annex says so.

pyHanko is imported only here and only when a PDF is made.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings

from evidence.custody import timestamps

FIELD_NAME = "Sceau-cyberaide"


@dataclass(frozen=True)
class SealPlan:
    """What the finished file will carry, known before it is laid out (the annex says it)."""

    seals: bool
    timestamps: bool
    signer: str = ""  # the seal certificate's subject

    @property
    def anything(self) -> bool:
        return self.seals or self.timestamps


@dataclass(frozen=True)
class SealResult:
    sealed_by: str = ""
    timestamped_at: datetime.datetime | None = None
    timestamp_authority: str = ""


def plan(*, without_timestamp: bool = False) -> SealPlan:
    """What the configuration gives; ``without_timestamp`` when the authority just failed."""
    stamping = timestamps.configured() and not without_timestamp
    if settings.CYBERAIDE_SIGNING_PKCS12:
        return SealPlan(seals=True, timestamps=stamping, signer=signer_name())
    return SealPlan(seals=False, timestamps=stamping)


def signer_name() -> str:
    return timestamps.display_name(_signer(*_signing_configuration()).signing_cert.subject)


def _signing_configuration() -> tuple[str, float, str]:
    path = settings.CYBERAIDE_SIGNING_PKCS12
    return path, Path(path).stat().st_mtime, settings.CYBERAIDE_SIGNING_PKCS12_PASSWORD


@functools.cache
def _signer(path: str, modified: float, password: str) -> Any:
    from pyhanko.sign.signers import SimpleSigner

    signer = SimpleSigner.load_pkcs12(path, passphrase=password.encode() or None)
    if signer is None:
        raise ValueError("CYBERAIDE_SIGNING_PKCS12 cannot be read with its password.")
    return signer


def seal_signer_certificate() -> Any:
    if not settings.CYBERAIDE_SIGNING_PKCS12:
        return None
    return _signer(*_signing_configuration()).signing_cert


def seal_chain() -> tuple[Any, ...]:
    """The certificates that came with the seal's key (its issuers), for the verifier."""
    if not settings.CYBERAIDE_SIGNING_PKCS12:
        return ()
    signer = _signer(*_signing_configuration())
    return tuple(signer.cert_registry) if signer.cert_registry is not None else ()


def apply(output: BinaryIO, chosen: SealPlan, *, reason: str) -> SealResult:
    """Seal or timestamp the PDF in ``output`` (seekable, read and written), as
    ``chosen``. Raises ``timestamps.TimestampFailed`` when the authority fails: the caller
    lays the document out again without the timestamp."""
    if not chosen.anything:
        return SealResult()
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps import HTTPTimeStamper

    output.seek(0)
    writer = IncrementalPdfFileWriter(output, strict=False)
    timestamper = HTTPTimeStamper(
        settings.CYBERAIDE_TSA_URL, timeout=settings.CYBERAIDE_TSA_TIMEOUT_SECONDS
    )
    try:
        if chosen.seals:
            metadata = signers.PdfSignatureMetadata(
                field_name=FIELD_NAME,
                md_algorithm="sha256",
                subfilter=fields.SigSeedSubFilter.PADES,
                reason=reason,
                name="cyberaide",
            )
            timestamps.run(
                signers.async_sign_pdf(
                    writer,
                    metadata,
                    signer=_signer(*_signing_configuration()),
                    timestamper=timestamper if chosen.timestamps else None,
                    in_place=True,
                )
            )
        else:
            timestamps.run(
                signers.PdfTimeStamper(timestamper, field_name=FIELD_NAME).async_timestamp_pdf(
                    writer, "sha256", in_place=True
                )
            )
    except timestamps.TimestampFailed:
        raise
    except OSError as error:  # the authority down or slow (aiohttp's errors are OSErrors)
        raise timestamps.TimestampFailed(f"{type(error).__name__}: {error}") from error
    return _result(output, chosen)


def _result(output: BinaryIO, chosen: SealPlan) -> SealResult:
    """What the seal just written says (read back, not assumed)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    output.seek(0)
    reader = PdfFileReader(output, strict=False)
    signature = reader.embedded_signatures[-1]
    token = (
        next(extract_tst_data_iter(signature.signer_info, signed=False), None)
        if chosen.seals
        else signature.signed_data
    )
    time, authority = None, ""
    if chosen.timestamps and token is not None:
        info = token["encap_content_info"]["content"].parsed
        time = info["gen_time"].native.astimezone(datetime.UTC)
        authority = _tsa_subject(token)
    sealed_by = timestamps.display_name(signature.signer_cert.subject) if chosen.seals else ""
    return SealResult(sealed_by=sealed_by, timestamped_at=time, timestamp_authority=authority)


def _tsa_subject(signed_data: Any) -> str:
    info = signed_data["signer_infos"][0]
    sid = info["sid"].chosen
    for certificate in signed_data["certificates"]:
        candidate = certificate.chosen
        if (
            candidate.issuer == sid["issuer"]
            and candidate.serial_number == sid["serial_number"].native
        ):
            return timestamps.display_name(candidate.subject)
    return ""
