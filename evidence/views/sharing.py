"""School staff helping a pupil: the pupil's "Who helps" page, invitations, the helper's
"Dossiers I help with", and a dossier started with a pupil and taken over by them."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cyberaide.http import code_to_show, keep_code_to_show, posted
from evidence.forms.sharing import (
    AcceptInvitationForm,
    ClaimCodeForm,
    ClaimForm,
    InvitationForm,
    ScopeForm,
    StartForPupilForm,
)
from evidence.models import Capability, Dossier, HelperGrant
from evidence.sharing import grants, handovers
from evidence.sharing.codes import CodeRefused
from evidence.views.access import get_dossier, private


def code_link(request, url_name, code):
    """The link that carries a code, to send instead of reading the code aloud."""
    return request.build_absolute_uri(reverse(url_name) + "?" + urlencode({"code": code}))


def invite_url(dossier):
    return reverse("evidence:invite_helper", args=[dossier.public_id])


def _helpers_page(request, dossier, form, status=200):
    grants = list(dossier.helper_grants.select_related("helper"))
    active = [grant for grant in grants if grant.revoked_at is None]
    context = {
        "dossier": dossier,
        "form": form,
        # Each active grant with the form that changes its scope.
        "grants": [
            (grant, ScopeForm(initial={"scope": grant.scope}, auto_id=f"id_%s_{grant.public_id}"))
            for grant in active
        ],
        "revoked": [grant for grant in grants if grant.revoked_at is not None],
        "invitations": [
            invitation for invitation in dossier.invitations.all() if invitation.is_open
        ],
    }
    return render(request, "evidence/sharing/helpers.html", context, status=status)


@private
def helpers_page(request, public_id):
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    return _helpers_page(request, dossier, InvitationForm(action=invite_url(dossier)))


@private
@require_POST
def invite_helper(request, public_id):
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    form = InvitationForm(request.POST, action=invite_url(dossier))
    if not form.is_valid():
        return _helpers_page(request, dossier, form, status=400)
    try:
        invitation, code = grants.invite_helper(
            dossier=dossier, actor=request.user, **form.cleaned_data
        )
    except CodeRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("evidence:helpers", dossier.public_id)
    keep_code_to_show(request, invitation.public_id, code)
    return redirect("evidence:invitation_code", dossier.public_id, invitation.public_id)


@private
def invitation_code(request, public_id, invitation_id):
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    invitation = get_object_or_404(dossier.invitations, public_id=invitation_id)
    code = code_to_show(request, invitation.public_id)
    context = {
        "dossier": dossier,
        "invitation": invitation,
        "code": code,
        "link": code and code_link(request, "evidence:accept_invitation", code),
    }
    return render(request, "evidence/sharing/invitation_created.html", context)


@private
@require_POST
def cancel_invitation(request, public_id, invitation_id):
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    invitation = get_object_or_404(dossier.invitations, public_id=invitation_id)
    if invitation.is_open:
        grants.cancel_invitation(invitation=invitation, actor=request.user)
        messages.success(request, _("The invitation is cancelled: its code no longer works."))
    return redirect("evidence:helpers", dossier.public_id)


@private
@require_POST
def revoke_helper(request, public_id, grant_id):
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    grant = get_object_or_404(dossier.helper_grants.select_related("helper"), public_id=grant_id)
    if grants.revoke_helper(grant=grant, actor=request.user):
        messages.success(
            request,
            _("%(name)s can no longer see this dossier.") % {"name": grant.helper.get_username()},
        )
    return redirect("evidence:helpers", dossier.public_id)


@private
@require_POST
def leave_dossier(request, public_id):
    """A helper stops helping with a dossier, of their own accord."""
    access = get_dossier(request, public_id)
    dossier = access.dossier
    grant = dossier.helper_grants.filter(helper=request.user, revoked_at=None).first()
    if grant is None:
        raise PermissionDenied(_("You do not help with this dossier: it is yours."))
    grants.revoke_helper(grant=grant, actor=request.user)
    messages.success(request, _("You no longer help with this dossier."))
    return redirect("evidence:helping")


@private
@require_POST
def change_helper_scope(request, public_id, grant_id):
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    grant = get_object_or_404(
        dossier.helper_grants.select_related("helper"), public_id=grant_id, revoked_at=None
    )
    form = ScopeForm(request.POST)
    if form.is_valid() and grants.change_scope(
        grant=grant, actor=request.user, scope=form.cleaned_data["scope"]
    ):
        grant.refresh_from_db()
        messages.success(
            request,
            _("%(name)s may now: %(scope)s.")
            % {"name": grant.helper.get_username(), "scope": grant.scope_phrase},
        )
    return redirect("evidence:helpers", dossier.public_id)


@private
def helping(request):
    """Dossiers I help with, and those I started that wait for their pupil."""
    grants = HelperGrant.objects.filter(helper=request.user, revoked_at=None).exclude(
        dossier__owner=request.user
    )
    context = {
        "grants": grants.select_related("dossier__owner").order_by("-dossier__created_at"),
        "awaiting": Dossier.objects.awaiting_claim_from(request.user).select_related("handover"),
    }
    return render(request, "evidence/sharing/helping.html", context)


@private
def accept_invitation(request):
    initial = {"code": request.GET.get("code", ""), "establishment": request.user.establishment}
    form = AcceptInvitationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            grant = grants.accept_invitation(helper=request.user, **form.cleaned_data)
        except CodeRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            messages.success(
                request,
                _("You now help with this dossier: %(scope)s.") % {"scope": grant.scope_phrase},
            )
            return redirect("evidence:dossier_detail", grant.dossier.public_id)
    status = 400 if form.errors else 200
    return render(request, "evidence/sharing/accept.html", {"form": form}, status=status)


@private
def start_for_pupil(request):
    form = StartForPupilForm(posted(request), initial={"establishment": request.user.establishment})
    if request.method == "POST" and form.is_valid():
        dossier, code = handovers.start_dossier_for_pupil(
            staff=request.user,
            title=form.cleaned_data["title"],
            role=form.cleaned_data["role"],
            establishment=form.cleaned_data["establishment"],
        )
        keep_code_to_show(request, dossier.public_id, code)
        return redirect("evidence:claim_code", dossier.public_id)
    status = 400 if form.errors else 200
    return render(request, "evidence/sharing/start.html", {"form": form}, status=status)


def get_dossier_awaiting_claim(request, public_id):
    access = get_dossier(request, public_id, Capability.OWN)
    dossier = access.dossier
    if not dossier.awaiting_claim:
        raise Http404
    return access


@private
def claim_code(request, public_id):
    access = get_dossier_awaiting_claim(request, public_id)
    dossier = access.dossier
    code = code_to_show(request, dossier.public_id)
    context = {
        "dossier": dossier,
        "code": code,
        "link": code and code_link(request, "evidence:claim_dossier", code),
        "valid_until": dossier.handover.expires_at,
    }
    return render(request, "evidence/sharing/claim_code.html", context)


@private
@require_POST
def renew_claim_code(request, public_id):
    access = get_dossier_awaiting_claim(request, public_id)
    dossier = access.dossier
    code = handovers.renew_claim_code(dossier=dossier, actor=request.user)
    keep_code_to_show(request, dossier.public_id, code)
    return redirect("evidence:claim_code", dossier.public_id)


@private
def claim_dossier(request):
    """Two steps: the code, then what the person who started the dossier may still do."""
    confirming = request.method == "POST" and request.POST.get("step") == "confirm"
    if confirming:
        form = ClaimForm(request.POST)
        if form.is_valid():
            try:
                dossier = handovers.claim_dossier(
                    code=form.cleaned_data["code"],
                    pupil=request.user,
                    starter_scope=form.cleaned_data["starter_scope"],
                )
            except CodeRefused as refusal:
                messages.error(request, refusal.message)
                return redirect("evidence:claim_dossier")
            messages.success(request, _("The dossier is yours now."))
            return redirect("evidence:dossier_detail", dossier.public_id)
        return _claim_choice(request, form, status=400)
    code_form = ClaimCodeForm(posted(request), initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and code_form.is_valid():
        code = code_form.cleaned_data["code"]
        return _claim_choice(request, ClaimForm(initial={"code": code}))
    status = 400 if code_form.errors else 200
    return render(request, "evidence/sharing/claim.html", {"form": code_form}, status=status)


def _claim_choice(request, form, status=200):
    code = form["code"].value() or ""
    try:
        handover = handovers.usable_handover(code=code, pupil=request.user)
    except CodeRefused as refusal:
        code_form = ClaimCodeForm({"code": code})
        code_form.is_valid()
        code_form.add_error("code", refusal.message)
        return render(request, "evidence/sharing/claim.html", {"form": code_form}, status=400)
    context = {"form": form, "handover": handover}
    return render(request, "evidence/sharing/claim_choice.html", context, status=status)
