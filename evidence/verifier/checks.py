"""Verify a dossier PDF from the file alone: its seal or timestamp, each attached original
against the SHA-256 printed in the annex and listed in ``integrite.json``, the journal
chain recomputed event by event, and each timestamp token over the chain head.

``manage.py verify_pdf`` and the public page ``/<lang>/verifier/`` both call
``verify_pdf``; nothing here writes the file anywhere or touches a dossier.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import io
import json
import re
from collections.abc import Iterable
from typing import Any, BinaryIO

from django.conf import settings
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from evidence.custody import timestamps
from evidence.custody.journal import GENESIS_HASH, canonical_json
from evidence.pdf import seal
from evidence.pdf.integrity import MANIFEST_FORMAT, MANIFEST_NAME
from evidence.verifier.report import Outcome, Report

SPACES = re.compile(r"\s+")


def verify_pdf(stream: BinaryIO) -> Report:
    """Check the PDF in ``stream`` (seekable) and say what holds, what does not, and where."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    report = Report()
    try:
        reader = PdfReader(stream)
        manifest = _manifest(reader)
    except (PyPdfError, ValueError, KeyError, OSError):
        report.readable = False
        return report
    if manifest is None:
        report.readable = False
        return report
    _check_seals(stream, report)
    printed = _printed_text(reader)
    _check_originals(reader, manifest, printed, report)
    heads = _check_journal(manifest, printed, report)
    _check_tokens(manifest, heads, report)
    return report


def _manifest(reader: Any) -> dict[str, Any] | None:
    files = reader.attachments.get(MANIFEST_NAME)
    if not files:
        return None
    manifest = json.loads(files[0])
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        return None
    return manifest


ANNEX_TITLE = "Annexe—intégritédespièces"


def _printed_text(reader: Any) -> str:
    """The integrity annex's text (the last pages, back to its title), without white
    space: a hash printed across lines reads whole."""
    pages: list[str] = []
    for page in reversed(reader.pages):
        text = SPACES.sub("", page.extract_text() or "")
        pages.append(text)
        if ANNEX_TITLE in text:
            break
    return "".join(reversed(pages))


def trust_roots() -> list[Any]:
    """Whom the verifier trusts: the authority's roots, the issuers of this service's seal
    and CYBERAIDE_TRUSTED_CA_FILE (another service's roots)."""
    roots = [
        *timestamps.certificates(settings.CYBERAIDE_TSA_CA_FILE),
        *timestamps.certificates(settings.CYBERAIDE_TRUSTED_CA_FILE),
    ]
    signer = seal.seal_signer_certificate()
    roots += [cert for cert in seal.seal_chain() if signer is None or cert.sha256 != signer.sha256]
    return roots


def _check_seals(stream: BinaryIO, report: Report) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import pdf_embedded
    from pyhanko_certvalidator import ValidationContext

    stream.seek(0)
    signatures = PdfFileReader(stream, strict=False).embedded_signatures
    if not signatures:
        report.add(
            Outcome.UNPROVEN,
            _("No seal and no timestamp"),
            _(
                "This PDF carries neither the service's seal nor a timestamp: nothing in it "
                "shows that it was not changed after it was made. The checks below only "
                "show whether it agrees with itself."
            ),
        )
        return
    roots = trust_roots()
    for signature in signatures:
        context = ValidationContext(trust_roots=roots)
        status: Any
        if signature.sig_object_type == "/DocTimeStamp":
            status = timestamps.run(
                pdf_embedded.async_validate_pdf_timestamp(signature, validation_context=context)
            )
            _report_signature(report, signature, status, _("Timestamp of the whole file"))
        else:
            status = timestamps.run(
                pdf_embedded.async_validate_pdf_signature(
                    signature, signer_validation_context=context
                )
            )
            _report_signature(report, signature, status, _("Seal of the service"))


def _report_signature(report: Report, signature: Any, status: Any, title: str) -> None:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    who = timestamps.display_name(status.signing_cert.subject)
    end = max(start + length for start, length in _pairs(signature.sig_object["/ByteRange"]))
    if not (status.intact and status.valid):
        report.add(
            Outcome.ALTERED,
            title,
            _(
                "Broken: the bytes it covers (the first %(end)s bytes of the file, but for "
                "the seal itself) are no longer those that were sealed. The file was changed "
                "after it was made."
            )
            % {"end": end},
        )
        return
    later = status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        status.modification_level not in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
    )
    if later:
        report.add(
            Outcome.ALTERED,
            title,
            _("Valid for the first %(end)s bytes, but the file was changed after it: %(change)s")
            % {"end": end, "change": _describe_change(status)},
        )
        return
    time = getattr(status, "timestamp", None)
    stamp = getattr(status, "timestamp_validity", None)
    if stamp is not None:
        time = stamp.timestamp if stamp.intact and stamp.valid else None
    when = (
        _(" Its timestamp, from %(authority)s, gives %(time)s.")
        % {"authority": _tsa_name(stamp) if stamp else who, "time": _when(time)}
        if time
        else _(" It carries no timestamp: its time is the service's own clock.")
    )
    if not status.trusted:
        report.add(
            Outcome.UNPROVEN,
            title,
            _(
                "Intact, and covers the whole file, but signed by %(who)s, whom this verifier "
                "does not know: check that certificate with its issuer."
            )
            % {"who": who}
            + when,
        )
        return
    report.add(
        Outcome.VERIFIED,
        title,
        _("Valid, signed by %(who)s, and covers the whole file: nothing was changed since.")
        % {"who": who}
        + when,
    )


def _tsa_name(stamp: Any) -> str:
    return timestamps.display_name(stamp.signing_cert.subject)


def _describe_change(status: Any) -> str:
    diff = getattr(status, "diff_result", None)
    where = str(diff) if diff is not None else ""
    if ".Root.Names.EmbeddedFiles" in where or "EmbeddedFile" in where:
        return _("an attached file was added or replaced.")
    if ".Root.Pages" in where or "Kids" in where:
        return _("the content of a page was changed.")
    return _("parts of the document were added or replaced.")


def _pairs(values: Iterable[Any]) -> list[tuple[int, int]]:
    numbers = [int(value) for value in values]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _check_originals(reader: Any, manifest: dict[str, Any], printed: str, report: Report) -> None:
    expected = {
        item["attachment"]: item for item in manifest.get("exhibits", []) if item.get("attachment")
    }
    # Each attached file's SHA-256, by name: a name held twice means a file was added.
    attached: dict[str, list[str]] = {}
    for attachment in reader.attachment_list:
        digest = hashlib.sha256(attachment.content).hexdigest()
        attached.setdefault(attachment.name, []).append(digest)
    altered = 0
    for name in sorted(name for name, digests in attached.items() if len(digests) > 1):
        altered += 1
        report.add(
            Outcome.ALTERED,
            _("Attached file %(name)s") % {"name": name},
            _("The PDF holds two files of this name: one was added after it was made."),
        )
    attached.pop(MANIFEST_NAME, None)
    found = {
        name: digests[0] if len(set(digests)) == 1 else "" for name, digests in attached.items()
    }
    for item in manifest.get("exhibits", []):
        number, sha256 = item.get("number"), str(item.get("sha256", ""))
        name = item.get("attachment")
        problems = []
        if sha256 not in printed:
            problems.append(_("its SHA-256 in integrite.json is not the one printed in the PDF"))
        if name:
            if name not in found:
                problems.append(_("its original %(name)s is missing") % {"name": name})
            elif found[name] != sha256:
                problems.append(
                    _("the attached %(name)s does not match its SHA-256") % {"name": name}
                )
        if problems:
            altered += 1
            report.add(
                Outcome.ALTERED,
                _("Exhibit no. %(number)s") % {"number": number},
                "; ".join(problems) + ".",
            )
    for name in sorted(set(found) - set(expected)):
        altered += 1
        report.add(
            Outcome.ALTERED,
            _("Attached file %(name)s") % {"name": name},
            _("It is listed nowhere in the annex: it was added to the PDF."),
        )
    present = [name for name in expected if name in found]
    if not altered:
        report.add(
            Outcome.VERIFIED,
            _("Exhibits"),
            _(
                "%(exhibits)s exhibit(s) listed; each of the %(attached)s attached original(s) "
                "matches the SHA-256 printed in the annex."
            )
            % {"exhibits": len(manifest.get("exhibits", [])), "attached": len(present)},
        )


def _check_journal(manifest: dict[str, Any], printed: str, report: Report) -> dict[int, str]:
    """Recompute every event and the chain; return each event's hash by sequence."""
    events = manifest.get("events", [])
    previous, heads = GENESIS_HASH, dict[int, str]()
    for position, event in enumerate(events, start=1):
        fields = {
            key: value for key, value in event.items() if key not in ("hash", "previous_hash")
        }
        content = canonical_json(fields)
        computed = hashlib.sha256(previous.encode() + content.encode()).hexdigest()
        problem = ""
        if event.get("sequence") != position:
            problem = _(
                "entry no. %(position)s is missing or out of place (found no. %(found)s)."
            ) % {"position": position, "found": event.get("sequence")}
        elif event.get("previous_hash") != previous or event.get("hash") != computed:
            problem = _("entry no. %(position)s does not recompute: it was changed.") % {
                "position": position
            }
        elif computed not in printed:
            problem = _("entry no. %(position)s is not the one printed in the annex.") % {
                "position": position
            }
        if problem:
            report.add(Outcome.ALTERED, _("Journal"), problem)
            return heads
        heads[position] = computed
        previous = computed
    if manifest.get("chain_head") != previous or previous not in printed:
        report.add(
            Outcome.ALTERED,
            _("Journal"),
            _("The chain's last fingerprint is not the one printed in the annex."),
        )
        return heads
    report.add(
        Outcome.VERIFIED,
        _("Journal"),
        _(
            "All %(count)s entries recomputed from the fields printed in the annex; the "
            "chain is whole and ends with the fingerprint printed there."
        )
        % {"count": len(events)},
    )
    return heads


def _check_tokens(manifest: dict[str, Any], heads: dict[int, str], report: Report) -> None:
    tokens = manifest.get("tokens", [])
    if not tokens:
        report.add(
            Outcome.UNPROVEN,
            _("Trusted time"),
            _(
                "No timestamp token covers the journal: its times are those of the "
                "service's own clock."
            ),
        )
        return
    from pyhanko_certvalidator import ValidationContext

    valid: list[timestamps.Token] = []
    for token in tokens:
        sequence = token.get("covers_sequence")
        title = _("Timestamp token over entries 1 to %(sequence)s") % {"sequence": sequence}
        if heads.get(sequence) != token.get("chain_head"):
            report.add(
                Outcome.ALTERED,
                title,
                _("It covers a fingerprint that is not entry %(sequence)s's.")
                % {"sequence": sequence},
            )
            continue
        try:
            valid.append(
                timestamps.check_token(
                    base64.b64decode(token.get("token", "")),
                    bytes.fromhex(token["chain_head"]),
                    trust=ValidationContext(trust_roots=trust_roots()),
                )
            )
        except timestamps.UntrustedAuthority:
            report.add(
                Outcome.UNPROVEN, title, _("Signed by an authority this verifier does not know.")
            )
        except (timestamps.TimestampFailed, binascii.Error, ValueError):
            report.add(
                Outcome.ALTERED,
                title,
                _("It does not verify: it was changed, or does not cover this journal."),
            )
    if valid:
        last = max(valid, key=lambda token: token.time)
        sequence = next(t["covers_sequence"] for t in tokens if t["chain_head"] == last.digest)
        report.add(
            Outcome.VERIFIED,
            _("Trusted time"),
            _(
                "%(count)s valid timestamp token(s) from %(authority)s, each over the entry it "
                "names; the last (serial no. %(serial)s) shows that entries 1 to %(sequence)s "
                "existed as printed at %(time)s."
            )
            % {
                "count": len(valid),
                "authority": last.authority,
                "serial": last.serial,
                "sequence": sequence,
                "time": _when(last.time),
            },
        )


def _when(moment: Any) -> str:
    return (
        f"{date_format(localtime(moment), 'DATETIME_FORMAT')} "
        f"({moment.astimezone(datetime.UTC):%Y-%m-%d %H:%M:%S} UTC)"
        if moment
        else ""
    )


def verify_bytes(data: bytes) -> Report:
    return verify_pdf(io.BytesIO(data))
