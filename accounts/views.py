"""Accounts: sign-up, "My data" (export and deletion), and the quick exit, which ends the
session."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.forms import DeleteAccountForm, LoginForm, SignupForm
from cyberaide.http import posted
from cyberaide.middleware import SHARED_COMPUTER
from evidence.custody import storage
from evidence.models import Dossier
from evidence.services.dossiers import erase_account
from evidence.services.export import build_account_export
from evidence.views.access import private


@never_cache
def quick_exit(request):
    """Leave at once: end the session, then go to a neutral site.

    The button links here, so it works without JavaScript; with JavaScript the page
    replaces itself with this URL, so Back does not return to the page that was open.
    Logging out on GET is deliberate: leaving must take one tap, whatever the page. A
    navigation that a browser marks as coming from another site (``Sec-Fetch-Site:
    cross-site``) is only redirected: a third-party page cannot log anyone out.
    """
    response = redirect(settings.QUICK_EXIT_URL)
    if request.headers.get("Sec-Fetch-Site") != "cross-site":
        logout(request)
        # No cookie of the visit stays behind on a shared computer.
        response.delete_cookie(
            settings.CSRF_COOKIE_NAME,
            path=settings.CSRF_COOKIE_PATH,
            domain=settings.CSRF_COOKIE_DOMAIN,
            samesite=settings.CSRF_COOKIE_SAMESITE,
        )
    return response


class LoginView(auth_views.LoginView):
    """Login; on a computer that is not the person's own, a short idle limit
    (``cyberaide.middleware.shared_computer_idle_limit``)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data.get("shared_computer"):
            self.request.session[SHARED_COMPUTER] = True
        return response


@never_cache
def signup(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(posted(request))
    next_url = _safe_next(request)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready."))
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


def _safe_next(request):
    """Where to go after signing up (a code link a pupil followed), if it is ours."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else ""


@private
def my_data(request):
    form = DeleteAccountForm(user=request.user)
    unreadable = [
        dossier
        for dossier in Dossier.objects.owned_by(request.user)
        if not storage.can_open(dossier)
    ]
    return render(request, "accounts/my_data.html", _my_data_context(request, form, unreadable))


def _my_data_context(request, form, unreadable=()):
    return {
        "delete_form": form,
        "unreadable": unreadable,
        # Started for pupils who have not taken them yet: not in the export, and they stop
        # the account's deletion until each is handed over or erased.
        "awaiting": list(Dossier.objects.awaiting_claim_from(request.user)),
    }


@private
@require_POST
def export_data(request):
    """Everything the account holds, as a zip: originals, display copies, manifest, journal."""
    archive = build_account_export(user=request.user)
    # A neutral name: a shared computer's Downloads folder says nothing of the service.
    name = f"export-{timezone.localdate():%Y-%m-%d}.zip"
    return FileResponse(archive, as_attachment=True, filename=name)


@private
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        context = _my_data_context(request, form)
        return render(request, "accounts/my_data.html", context, status=400)
    user = request.user
    logout(request)
    erase_account(user=user)
    messages.success(request, _("Your account and everything in it have been erased."))
    return redirect("guidance:home")
