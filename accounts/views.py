"""Accounts: sign-up, the way back in (recovery code, or a link by e-mail where the site
sends e-mail), "My data" (export, new recovery code, deletion), and the quick exit, which
ends the session."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout, user_login_failed
from django.contrib.auth import views as auth_views
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import recovery
from accounts.forms import (
    DeleteAccountForm,
    LoginForm,
    NewRecoveryCodeForm,
    PasswordChangeForm,
    PasswordResetForm,
    RecoverForm,
    SetPasswordForm,
    SignupForm,
)
from cyberaide.http import code_to_show, keep_code_to_show, posted
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


class RefusedIsBadRequest:
    """Django's own form views, answering 400 when a form comes back with errors, as
    every other form of the site does."""

    def form_invalid(self, form):
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class LoginView(RefusedIsBadRequest, auth_views.LoginView):
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
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, _("Your account is ready."))
        return _show_recovery_code(request, recovery.issue(user), next_url)
    context = {"form": form, "next": next_url}
    return render(request, "accounts/signup.html", context, status=400 if form.errors else 200)


MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _show_recovery_code(request, code, next_url=""):
    """Hold the code for the one page that shows it (``recovery_code``), then go there."""
    keep_code_to_show(request, RECOVERY_CODE, code)
    request.session[RECOVERY_CODE_NEXT] = next_url
    return redirect("accounts:recovery_code")


RECOVERY_CODE, RECOVERY_CODE_NEXT = "recovery", "recovery-next"


@private
def recovery_code(request):
    """The new recovery code, once: it is kept nowhere in clear afterwards, so a reload
    (or Back, later, on a shared computer) shows that it was shown, not the code."""
    code = code_to_show(request, RECOVERY_CODE)
    next_url = request.session.get(RECOVERY_CODE_NEXT) or reverse(settings.LOGIN_REDIRECT_URL)
    if code is None:
        request.session.pop(RECOVERY_CODE_NEXT, None)
    return render(request, "accounts/recovery_code.html", {"code": code, "next": next_url})


@never_cache
def recover(request):
    """A new password with the recovery code. A wrong code counts as a failed login for
    that username and address, so it is locked out exactly as passwords are."""
    if request.user.is_authenticated:
        return redirect("accounts:password_change")
    form = RecoverForm(posted(request))
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        credentials = {"username": username}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return get_lockout_response(request, credentials=credentials)
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if not recovery.matches(user, form.cleaned_data["code"]) or user is None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return get_lockout_response(request, credentials=credentials)
            form.code_is_wrong()
        elif form.check_new_password(user):
            user.set_password(form.cleaned_data["new_password1"])
            user.save(update_fields=["password"])
            recovery.spend(user)
            login(request, user, backend=MODEL_BACKEND)
            messages.success(
                request,
                _("Your new password is in place. Your recovery code is spent: here is a new one."),
            )
            return _show_recovery_code(request, recovery.issue(user))
    return render(
        request, "accounts/recover.html", {"form": form}, status=400 if form.errors else 200
    )


@private
@require_POST
def new_recovery_code(request):
    form = NewRecoveryCodeForm(request.POST, user=request.user)
    if not form.is_valid():
        context = _my_data_context(request, DeleteAccountForm(user=request.user), code_form=form)
        return render(request, "accounts/my_data.html", context, status=400)
    messages.success(request, _("Your new recovery code is ready. The old one no longer works."))
    return _show_recovery_code(request, recovery.issue(request.user))


def email_enabled(view):
    """Only where the site sends e-mail (``CYBERAIDE_EMAIL_ENABLED``); elsewhere, not found."""

    def wrapped(request, *args, **kwargs):
        if not settings.CYBERAIDE_EMAIL_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class PasswordChangeView(RefusedIsBadRequest, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_changed")


class PasswordResetView(RefusedIsBadRequest, auth_views.PasswordResetView):
    pass


class PasswordResetConfirmView(RefusedIsBadRequest, auth_views.PasswordResetConfirmView):
    pass


password_reset = email_enabled(
    PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        form_class=PasswordResetForm,
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_sent"),
    )
)
password_reset_sent = email_enabled(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html")
)
password_reset_confirm = email_enabled(
    PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        form_class=SetPasswordForm,
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = email_enabled(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_changed.html")
)


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


def _my_data_context(request, form, unreadable=(), code_form=None):
    return {
        "delete_form": form,
        "code_form": code_form or NewRecoveryCodeForm(user=request.user),
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
