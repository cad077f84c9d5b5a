"""The public verifier's upload: one PDF, up to ``CYBERAIDE_VERIFY_MAX_BYTES``, read into
memory or the private scratch folder and deleted with the request; never stored.

``cyberaide.middleware.request_limits`` gives the verifier's requests these handlers
instead of the dossiers' (which refuse a file from a visitor who is not logged in).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import (
    FileUploadHandler,
    MemoryFileUploadHandler,
    SkipFile,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.http import HttpRequest

FIELD = "pdf"


class VerifierUploadHandler(FileUploadHandler):
    """One file, in the ``pdf`` field, no larger than the limit; anything else is skipped
    (the form then says the file is missing or too large)."""

    def handle_raw_input(self, *args: Any, **kwargs: Any) -> None:
        self.files = 0

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, *args, **kwargs)
        self.files += 1
        self.size = 0
        if self.files > 1:
            raise StopUpload(connection_reset=False)
        if field_name != FIELD:
            raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.size += len(raw_data)
        if self.size > settings.CYBERAIDE_VERIFY_MAX_BYTES:
            self.request.verifier_file_too_large = True  # type: ignore[union-attr]
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def verifier_upload_handlers(request: HttpRequest) -> list[FileUploadHandler]:
    return [
        VerifierUploadHandler(request),
        MemoryFileUploadHandler(request),
        TemporaryFileUploadHandler(request),
    ]
