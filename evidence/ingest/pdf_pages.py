"""The pages of a PDF sent as evidence (a medical certificate, a school report, a
platform's answer), as pictures, so that the complaint shows them and not only attaches
the file.

The PDF is untrusted: poppler's ``pdftoppm`` renders it in a process of its own, with
no shell, a memory ceiling (``RLIMIT_AS``), a processor-time ceiling (``RLIMIT_CPU``) and
a wall-clock timeout, into a private scratch folder; every page is scaled to at most
``PAGE_LONG_SIDE`` pixels whatever size the PDF claims. A PDF it cannot render, or that
takes too long, loses its preview, never the upload: the exhibit is kept, its original
attached to the complaint, with a note that its pages could not be shown.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from evidence.custody import scratch

PAGE_LONG_SIDE = 1240  # pixels: an A4 page at 150 dpi
PAGE_QUALITY = 80
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes the renderer may map
CPU_SECONDS = 30


@dataclass
class RenderedPages:
    pages: list[bytes] = field(default_factory=list)  # JPEG, in order
    failed: bool = False


def _limits() -> None:  # runs in the child, before pdftoppm starts
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def render_pages(data: bytes, page_count: int) -> RenderedPages:
    """The first ``CYBERAIDE_PDF_EXHIBIT_PAGES`` pages of ``data`` as JPEG pictures."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return RenderedPages(failed=True)
    last = min(page_count, settings.CYBERAIDE_PDF_EXHIBIT_PAGES)
    with tempfile.TemporaryDirectory(dir=scratch.folder()) as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        command = [
            pdftoppm,
            "-q",
            "-jpeg",
            "-jpegopt",
            f"quality={PAGE_QUALITY}",
            "-scale-to",
            str(PAGE_LONG_SIDE),
            "-f",
            "1",
            "-l",
            str(last),
            str(source),
            str(Path(folder) / "page"),
        ]
        try:
            # Our own arguments, no shell: the PDF is a file the renderer reads, no more.
            subprocess.run(  # noqa: S603
                command,
                preexec_fn=_limits,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=settings.CYBERAIDE_PDF_EXHIBIT_RENDER_SECONDS,
                check=True,
            )
        except (subprocess.SubprocessError, OSError):
            return RenderedPages(failed=True)
        # pdftoppm numbers its files page-1.jpg or page-01.jpg…: sorted by the number.
        rendered = sorted(Path(folder).glob("page-*.jpg"), key=lambda path: int(path.stem[5:]))
        if len(rendered) != last:
            return RenderedPages(failed=True)
        return RenderedPages(pages=[path.read_bytes() for path in rendered])
