"""The public verifier: anyone, with no account, checks a dossier PDF received by e-mail.

The file is read where Django's upload handlers put it (memory, or the private scratch
folder) and gone when the request ends: it is never stored, logged or tied to anyone.
One address may have ``CYBERAIDE_VERIFY_PER_HOUR`` files checked an hour.
"""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.lockout import client_address
from cyberaide.http import posted
from evidence.forms.verifier import VerifyPdfForm
from evidence.verifier.checks import verify_pdf
from evidence.verifier.report import NOT_PROVEN


@never_cache
def verify(request):
    form = VerifyPdfForm(
        posted(request),
        request.FILES or None,
        too_large=getattr(request, "verifier_file_too_large", False),
    )
    report, status = None, 200
    if request.method == "POST":
        if not _within_hourly_limit(request):
            form.add_error(None, VerifyPdfForm.too_many_message())
            status = 429
        elif form.is_valid():
            upload = form.cleaned_data["pdf"]
            try:
                report = verify_pdf(upload.file)
            finally:
                upload.close()  # a temporary file is deleted now, not at the end of the request
        else:
            status = 400
    context = {"form": form, "report": report, "not_proven": NOT_PROVEN}
    return render(request, "evidence/verifier/verify.html", context, status=status)


def _within_hourly_limit(request):
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"verifier:{client_address(request)}:{hour}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= settings.CYBERAIDE_VERIFY_PER_HOUR
