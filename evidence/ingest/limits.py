"""No request body is read past its limit, and no oversized file reaches the disk.

``LimitedUploadHandler`` comes first in ``FILE_UPLOAD_HANDLERS``: it sees every chunk of
every uploaded file before Django's own handlers write it to memory or to the scratch
folder. A file that passes ``CYBERAIDE_MAX_FILE_BYTES`` is skipped at the chunk that
crosses the limit (what came before it is deleted with the handler's temporary file).
Once the files of one upload pass ``CYBERAIDE_MAX_UPLOAD_BYTES`` together, the file that
crosses it and every file after it are skipped the same way: the form's other fields,
after them, are still read, so the files before are kept. A visitor who is not logged in
has no reason to send a file at all: reading stops at the first. Each refusal is kept on
the request (``upload_refusals``) for the page to say which files were not kept, and why.

``cyberaide.middleware.request_limits`` refuses, before reading anything, a request that
announces a body larger than these limits; Django never reads past what a request
announces, so no body is read past its limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.http import HttpRequest
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

from cyberaide.text import Text


def megabytes(limit: int) -> int:
    return limit // (1024 * 1024)


def _file_too_large() -> str:
    return gettext("This file is larger than %(limit)s MB.") % {
        "limit": megabytes(settings.CYBERAIDE_MAX_FILE_BYTES)
    }


def _upload_cut() -> str:
    return gettext(
        "Not kept: the files sent at once passed %(limit)s MB in total. Send this one "
        "in another upload."
    ) % {"limit": megabytes(settings.CYBERAIDE_MAX_UPLOAD_BYTES)}


FILE_TOO_LARGE = lazy(_file_too_large, str)()
UPLOAD_CUT = lazy(_upload_cut, str)()
NOT_LOGGED_IN = gettext_lazy("Log in to add files to a dossier.")


@dataclass(frozen=True)
class UploadRefusal:
    """A file the handler did not let through: its name as sent, and why."""

    name: str
    reason: Text


def refusals(request: HttpRequest | None) -> list[UploadRefusal]:
    """The files refused so far in this request (a request parsed outside a view, as
    ``MultiPartParser`` alone, keeps none)."""
    if request is None:
        return []
    return request.__dict__.setdefault("upload_refusals", [])


class LimitedUploadHandler(FileUploadHandler):
    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        self.total = 0
        self.past_total = False
        user = getattr(self.request, "user", None)
        self.logged_in = bool(user is not None and user.is_authenticated)

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.size = 0
        if not self.logged_in:
            refusals(self.request).append(UploadRefusal(file_name, NOT_LOGGED_IN))
            raise StopUpload(connection_reset=True)
        if self.past_total:
            refusals(self.request).append(UploadRefusal(file_name, UPLOAD_CUT))
            raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.size += len(raw_data)
        self.total += len(raw_data)
        if self.total > settings.CYBERAIDE_MAX_UPLOAD_BYTES:
            self.past_total = True
            refusals(self.request).append(UploadRefusal(self.file_name or "", UPLOAD_CUT))
            raise SkipFile
        if self.size > settings.CYBERAIDE_MAX_FILE_BYTES:
            refusals(self.request).append(UploadRefusal(self.file_name or "", FILE_TOO_LARGE))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler keeps the file
