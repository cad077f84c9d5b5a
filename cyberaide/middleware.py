"""Response headers that Django's own middleware does not set, and the limits every
request is held to."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers

from evidence.verifier.upload import verifier_upload_handlers


def content_security_policy(get_response):
    """Send the site's Content-Security-Policy: everything from our own origin, no inline
    script, no framing. Django 5.2 has no built-in CSP; 6.0's can replace this."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

    return middleware


def private_pages_not_stored(get_response):
    """Tell browsers and proxies to keep no copy of a page seen while logged in.

    Someone on the same computer must not find a dossier in the browser's cache or by
    pressing Back after the victim logged out.
    """

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            add_never_cache_headers(response)
        return response

    return middleware


def null_origin_from_our_own_pages(get_response):
    """Let Django's CSRF protection work with ``Referrer-Policy: no-referrer``.

    Under that policy browsers send ``Origin: null`` with our own form posts, which
    Django's origin check rejects. When the browser also says, with
    ``Sec-Fetch-Site: same-origin``, that the post comes from one of our pages, the origin
    is restored before Django's CSRF middleware runs; the CSRF token is still required.
    """

    def middleware(request):
        if (
            request.META.get("HTTP_ORIGIN") == "null"
            and request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
        ):
            scheme = "https" if request.is_secure() else "http"
            request.META["HTTP_ORIGIN"] = f"{scheme}://{request.get_host()}"
        return get_response(request)

    return middleware


class UnreadableDossierPage:
    """A dossier the server's keys cannot open gets a translated page that says nothing
    was lost (503: it is the server's problem, and it is temporary), never a bare 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from evidence.custody.keys import DossierUnreadable

        if isinstance(exception, DossierUnreadable):
            return render(
                request, "evidence/unreadable.html", {"message": exception.message}, status=503
            )
        return None


def request_limits(get_response):
    """Refuse an oversized or overfull request with a translated page, before the view,
    and before reading a body that announces itself too large.

    A logged-in person may send up to ``CYBERAIDE_MAX_UPLOAD_BYTES`` (plus a margin for the
    form around the files); a visitor who is not logged in, only what a form of text
    needs (``DATA_UPLOAD_MAX_MEMORY_SIZE``). The body is then parsed here, within Django's
    limits (fields, files, size of what is not a file), so that going past one is a page
    that says which, not a bare 400. Files past their own limits are refused one by one by
    ``evidence.ingest.limits.LimitedUploadHandler`` and named on the upload page.
    """

    def middleware(request):
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        # Only a large body needs to know who sends it (asking loads the session, which a
        # cached guide page must not do).
        # The public verifier takes one PDF from anyone (evidence.verifier.upload).
        verifying = request.method == "POST" and _is_verifier(request)
        if announced > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if verifying:
                limit += settings.CYBERAIDE_VERIFY_MAX_BYTES
            elif request.user.is_authenticated:
                limit += settings.CYBERAIDE_MAX_UPLOAD_BYTES
            if announced > limit:
                return _refused(request, "too_large", status=413, limit=limit)
        if request.method == "POST":
            if verifying:
                request.upload_handlers = verifier_upload_handlers(request)
            try:
                request.POST  # noqa: B018 -- parsed now, within the limits
                request.FILES  # noqa: B018
            except TooManyFilesSent:
                return _refused(request, "too_many_files", status=413)
            except RequestDataTooBig:
                return _refused(request, "too_long", status=413)
            except TooManyFieldsSent:
                return _refused(request, "too_many_fields", status=400)
        return get_response(request)

    return middleware


def _is_verifier(request):
    try:
        return resolve(request.path_info).url_name == "verifier"
    except Resolver404:
        return False


def _refused(request, reason, *, status, limit=0):
    response = render(
        request,
        "refused_request.html",
        {
            "reason": reason,
            "limit_mb": limit // (1024 * 1024),
            "max_files": settings.CYBERAIDE_MAX_FILES_PER_UPLOAD,
        },
        status=status,
    )
    response["Connection"] = "close"  # what was not read is not read
    return response


# The session key that marks a login on a computer that is not the person's own.
SHARED_COMPUTER = "shared_computer"
LAST_SEEN = "last_seen"


def shared_computer_idle_limit(get_response):
    """Log out after ``CYBERAIDE_SHARED_COMPUTER_IDLE_SECONDS`` without activity when the
    person said at login that the computer is not their own; the session still ends
    when the browser closes, as every session does."""

    def middleware(request):
        session = getattr(request, "session", None)
        if session is not None and session.get(SHARED_COMPUTER):
            now = int(time.time())
            last_seen = session.get(LAST_SEEN, now)
            if now - last_seen > settings.CYBERAIDE_SHARED_COMPUTER_IDLE_SECONDS:
                logout(request)
            else:
                session[LAST_SEEN] = now
        return get_response(request)

    return middleware
