"""Lay out a dossier's PDF with WeasyPrint and attach the originals.

Rendered from the display copies made at upload (never the originals, which would make
the render several times slower and the file several times larger), with the originals
attached to the PDF/A-3a file afterwards (``evidence.pdf.originals``). The renderer
fetches nothing it was not given: ``DossierResources`` answers only ``cyberaide:`` URLs
from memory and refuses every other scheme, so user text can never make it read a local
file or call a server. Only the task and the commands that render import this module.
"""

import gc
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, BinaryIO

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from evidence.models import Dossier, Signalement
from evidence.pdf import seal
from evidence.pdf.attachments import Original, original_attachments
from evidence.pdf.context import (
    RESOURCE_SCHEME,
    DossierNotReady,
    Resources,
    complaint_context,
    complaint_problems,
    signalement_context,
    signalement_problems,
)
from evidence.pdf.glyphs import printable
from evidence.pdf.integrity import manifest_attachment
from evidence.pdf.originals import attach_originals


class RefusedResource(ValueError):
    """A URL the renderer must not fetch."""


class DossierResources(URLFetcher):
    """WeasyPrint URL fetcher that serves only the resources it was given.

    ``resources`` maps each URL to ``(content_type, body)``, where ``body`` is bytes or a
    function returning them, called when the renderer asks (display copies are read and
    decrypted only for a PDF, never for a page that merely shows the letter).
    """

    def __init__(self, resources: Resources) -> None:
        super().__init__(allowed_protocols=())
        self.resources = resources
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url in self.resources:
            content_type, body = self.resources[url]
            if callable(body):
                body = body()
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        self.refused.append(url)
        raise RefusedResource(f"Refused to fetch {url!r}")


@contextmanager
def cyclic_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one render, and collect once after.

    WeasyPrint builds hundreds of thousands of small objects (boxes, computed styles,
    line layouts) that all live until the PDF is written. While they pile up, the
    collector's full passes scan them again and again: about a quarter of the render
    time at 100 exhibits, for garbage it could only free at the end anyway.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    resources: Resources,
    output: BinaryIO,
    *,
    originals: Iterable[Original] = (),
) -> seal.SealResult:
    """Render a template as tagged PDF/A-3a (structure, language, figures with their
    alternative text) into ``output`` (a seekable binary file, read back
    to attach ``originals`` and ``integrite.json``: see ``evidence.pdf.originals``), with a
    fetcher limited to ``resources``; then seal it as ``context["seal"]`` plans
    (``evidence.pdf.seal``). Raises ``TimestampFailed`` if the authority fails then."""
    with translation.override("fr"):
        html = printable(render_to_string(template_name, context))
    fetcher = DossierResources(resources)
    document = HTML(string=html, base_url=f"{RESOURCE_SCHEME}/", url_fetcher=fetcher)
    with cyclic_collector_paused():
        document.write_pdf(output, pdf_variant="pdf/a-3a")
    del document
    manifest = [manifest_attachment(context)] if "manifest_name" in context else []
    attach_originals(output, [*originals, *manifest])
    return seal.apply(
        output, context.get("seal", seal.SealPlan(False, False)), reason=_reason(context)
    )


def _reason(context: dict[str, Any]) -> str:
    """What the seal says of the file: who made it, from what, covering which journal."""
    dossier = context["dossier"]
    return (
        f"Produit par le service cyberaide à partir des pièces et du journal qu'il conserve "
        f"pour le dossier {str(dossier.public_id)[:8]} (tête du journal "
        f"{context.get('chain_hash', '')})"
    )


def write_complaint_pdf(
    dossier: Dossier,
    output: BinaryIO,
    *,
    leave_out_located: bool = False,
    without_timestamp: bool = False,
) -> seal.SealResult:
    """Write the complaint PDF for this dossier into ``output``, a seekable binary file
    (a temporary file: with the originals attached, it is as large as the dossier),
    without the originals that hold a GPS position if ``leave_out_located``. Raises
    ``DossierNotReady``. ``without_timestamp``: the authority failed, seal without it."""
    return _write_document(
        "evidence/pdf/complaint.html",
        dossier,
        output,
        problems=complaint_problems(dossier),
        make_context=lambda: complaint_context(dossier, leave_out_located=leave_out_located),
        without_timestamp=without_timestamp,
    )


def render_complaint_pdf(dossier: Dossier, *, leave_out_located: bool = False) -> bytes:
    """The complaint PDF as bytes, for a dossier small enough to hold in memory."""
    return _in_memory(partial(write_complaint_pdf, leave_out_located=leave_out_located), dossier)


def _write_document(
    template_name: str,
    dossier: Dossier,
    output: BinaryIO,
    *,
    problems: list[Any],
    make_context: Callable[[], tuple[dict[str, Any], Resources]],
    without_timestamp: bool = False,
) -> seal.SealResult:
    """A dossier's document with its originals attached, once nothing is missing."""
    if problems:
        raise DossierNotReady(problems)
    context, resources = make_context()
    context["seal"] = seal.plan(without_timestamp=without_timestamp)
    return render_pdf(
        template_name,
        context,
        resources,
        output,
        originals=original_attachments(dossier, context["exhibits"]),
    )


def _in_memory(write: Callable[[Any, BinaryIO], Any], subject: Any) -> bytes:
    output = io.BytesIO()
    write(subject, output)
    return output.getvalue()


def write_signalement_pdf(
    signalement: Signalement, output: BinaryIO, *, without_timestamp: bool = False
) -> seal.SealResult:
    """Write a staff member's report to the prosecutor (article 40 CPP) into ``output``,
    with the same chronology, exhibits and integrity annex as the complaint. Raises
    ``DossierNotReady``."""
    return _write_document(
        "evidence/pdf/signalement.html",
        signalement.dossier,
        output,
        problems=signalement_problems(signalement),
        make_context=lambda: signalement_context(signalement),
        without_timestamp=without_timestamp,
    )
