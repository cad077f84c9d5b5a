"""Forms for school staff helping a pupil: invitations, accepting one, starting a dossier
with a pupil, and the pupil taking it over."""

from crispy_forms.layout import HTML
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from cyberaide.form_layout import Actions, LaidOut, NotRemembered
from cyberaide.text import WithoutBidiControls
from evidence.models import HelperInvitation, Scope

ROLE_HELP = _("For example: CPE, teacher, school nurse, head teacher, anti-bullying lead.")


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Code"),
            max_length=40,
            help_text=_("12 letters and digits, as you were given them; dashes do not matter."),
            widget=forms.TextInput(
                attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
            ),
            **kwargs,
        )


class ScopeForm(forms.Form):
    scope = forms.ChoiceField(label=_("What this person may do"), choices=Scope.choices)


class InvitationForm(WithoutBidiControls, LaidOut, forms.ModelForm):
    actions = Actions(_("Make an invitation code"))

    def __init__(self, *args, action="", **kwargs):
        super().__init__(*args, **kwargs)
        self.form_action = action  # the dossier's own invitation URL

    # Declared, not generated: a generated radio group would offer an empty "---------".
    scope = forms.ChoiceField(
        label=_("What this person may do"),
        choices=Scope.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Nobody you invite can correct, withdraw or erase your exhibits, see your "
            "other dossiers, or see your account. You can revoke them at any time."
        ),
    )

    class Meta:
        model = HelperInvitation
        fields = ["scope", "note"]
        widgets = {"note": forms.TextInput(attrs={"autocomplete": "off"})}
        help_texts = {
            "note": _("For example “Mrs Martin, CPE”, to recognise the invitation later."),
        }


class HelperIdentityForm(NotRemembered, WithoutBidiControls, forms.Form):
    """Who the helper is, as the pupil and the journal will see it."""

    role = forms.CharField(label=_("Your role"), max_length=100, help_text=ROLE_HELP)
    establishment = forms.CharField(
        label=_("Your establishment"),
        max_length=200,
        help_text=_("The school's name and town, for example “Collège Jean Moulin, Lyon”."),
    )


class AcceptInvitationForm(LaidOut, HelperIdentityForm):
    actions = Actions(_("Accept"))
    form_action = reverse_lazy("evidence:accept_invitation")

    code = CodeField()

    field_order = ["code", "role", "establishment"]


class StartForPupilForm(LaidOut, HelperIdentityForm):
    actions = Actions(_("Start the dossier"))
    form_action = reverse_lazy("evidence:start_for_pupil")

    title = forms.CharField(
        label=_("A neutral title for the dossier"),
        max_length=120,
        help_text=_("The pupil will see it. Avoid anything that names what happened."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    pupil_agrees = forms.BooleanField(
        label=_("The pupil is with me and agrees that we start this dossier together."),
        error_messages={"required": _("Start a dossier only with the pupil's agreement.")},
    )

    field_order = ["title", "role", "establishment", "pupil_agrees"]


class ClaimCodeForm(LaidOut, forms.Form):
    actions = Actions(_("Continue"))
    form_action = reverse_lazy("evidence:claim_dossier")

    code = CodeField()


NO_ACCESS = "none"


class ClaimForm(ClaimCodeForm):
    """The pupil takes the dossier and says what the person who started it may still do."""

    actions = Actions(_("Take the dossier"))
    before = (HTML('<input type="hidden" name="step" value="confirm">'),)

    starter_scope = forms.ChoiceField(
        label=_("What may this person still do in your dossier?"),
        choices=[(NO_ACCESS, _("Nothing: only I see the dossier")), *Scope.choices],
        widget=forms.RadioSelect,
        help_text=_("You can change your mind later: revoke them, or invite them again."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget = forms.HiddenInput()

    def clean_starter_scope(self):
        """The scope to grant, or "" for none: the pupil must choose, nothing is assumed."""
        scope = self.cleaned_data["starter_scope"]
        return "" if scope == NO_ACCESS else scope
