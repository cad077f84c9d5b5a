from typing import TYPE_CHECKING

from crispy_forms.layout import HTML
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from cyberaide.form_layout import Actions, LaidOut, NotRemembered

if TYPE_CHECKING:
    _Form = forms.BaseForm
else:
    _Form = object  # a mixin: the form it is mixed into is the form


class PasswordErrorsOnFirstField(auth_forms.SetPasswordMixin, _Form):
    """A form with a new password typed twice puts what is wrong with it on the first
    field, where the person types it and where a screen reader is when they go back
    (Django puts it on the second)."""

    def validate_passwords(
        self, password1_field_name="password1", password2_field_name="password2"
    ):
        password1 = self.cleaned_data.get(password1_field_name)
        password2 = self.cleaned_data.get(password2_field_name)
        if password1 and password2 and password1 != password2:
            self.add_error(
                password1_field_name,
                forms.ValidationError(
                    self.error_messages["password_mismatch"], code="password_mismatch"
                ),
            )

    def validate_password_for_user(self, user, password_field_name="password2", **kwargs):  # noqa: S107

        first = password_field_name.removesuffix("2") + "1"
        super().validate_password_for_user(user, password_field_name=first, **kwargs)


PASSWORD_MISMATCH = _("The two passwords are not the same.")


class SignupForm(PasswordErrorsOnFirstField, NotRemembered, LaidOut, UserCreationForm):
    """Username and password; the e-mail address only where the site sends e-mail
    (``CYBERAIDE_EMAIL_ENABLED``), and even then optional."""

    actions = Actions(_("Create my account"))
    before = (HTML('{% if next %}<input type="hidden" name="next" value="{{ next }}">{% endif %}'),)

    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_(
            "Only to send you a link if you forget your password. You can leave it empty: "
            "your recovery code does the same."
        ),
    )

    class Meta:
        model = get_user_model()
        fields = ("username", "email")
        help_texts = {
            "username": _(
                "Letters, digits and @ . + - _ only. Choose a name that does not reveal who "
                "you are if you prefer."
            )
        }

    error_messages = {**UserCreationForm.error_messages, "password_mismatch": PASSWORD_MISMATCH}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.CYBERAIDE_EMAIL_ENABLED:
            # No address is asked for that nothing would ever be sent to.
            del self.fields["email"]

    def clean_username(self):
        # The same words whether or not the name exists, so the form leaks as little as it
        # can about other people's accounts.
        username = self.cleaned_data.get("username")
        if username and get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("This username cannot be used. Please choose another one."), code="unavailable"
            )
        if username and looks_official(username):
            # Seen in a journal or on a helper's page, such a name could pass for us.
            raise forms.ValidationError(
                _(
                    "This username looks like the name of the service or of its team, so "
                    "it cannot be used. Please choose another one."
                ),
                code="reserved",
            )
        return username


# Names that could pass for the service, its team or the authorities, in a journal or on
# a helper's page: refused anywhere in a username, whatever the accents, case or marks.
RESERVED_IN_USERNAMES = (
    "cyberaide",
    "admin",
    "administrat",
    "support",
    "moderat",
    "staff",
    "equipe",
    "officiel",
    "official",
    "securite",
    "security",
    "system",
    "systeme",
    "root",
    "webmaster",
    "pharos",
    "police",
    "gendarmerie",
    "procureur",
    "justice",
    "3018",
    "eenfance",
)


def looks_official(username):
    """Whether a username, reduced to its letters and digits without accents, holds one
    of ``RESERVED_IN_USERNAMES``."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", username.casefold())
    reduced = "".join(char for char in decomposed if char.isascii() and char.isalnum())
    return any(word in reduced for word in RESERVED_IN_USERNAMES)


class LoginForm(LaidOut, AuthenticationForm):
    actions = Actions(_("Log in"))
    before = (HTML('<input type="hidden" name="next" value="{{ next }}">'),)

    shared_computer = forms.BooleanField(
        label=_("This is not my own computer or phone"),
        required=False,
        help_text=_(
            "At school, in a library, on a family computer: you are logged out after 5 "
            "minutes without activity, instead of 30."
        ),
    )

    error_messages = {
        "invalid_login": _(
            "This username and password do not match an account. Check them and try again."
        ),
        "inactive": _(
            "This username and password do not match an account. Check them and try again."
        ),
    }


class AsksForThePassword(LaidOut, forms.Form):
    """A form of the account page that asks for the account's password first."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not right."), code="wrong_password")
        return password


class DeleteAccountForm(AsksForThePassword):
    actions = Actions(_("Delete my account and everything in it"), css_class="button-danger")
    form_action = reverse_lazy("accounts:delete")

    confirm = forms.BooleanField(
        label=_("I understand that my dossiers and files will be erased for good."),
    )

    def clean(self):
        from evidence.models import Dossier

        cleaned = super().clean()
        if Dossier.objects.awaiting_claim_from(self.user).exists():
            # A dossier started for a pupil is the pupil's evidence, not the account's.
            raise forms.ValidationError(
                _(
                    "You started dossiers with pupils who have not taken them over yet. Give "
                    "each pupil their code, or erase the dossier yourself, before you delete "
                    "your account: nothing of a pupil's is erased without a decision about it."
                ),
                code="dossiers_awaiting_claim",
            )
        return cleaned


class PasswordChangeForm(PasswordErrorsOnFirstField, LaidOut, auth_forms.PasswordChangeForm):
    actions = Actions(_("Change my password"))
    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_mismatch": PASSWORD_MISMATCH,
    }


class RecoverForm(PasswordErrorsOnFirstField, LaidOut, auth_forms.SetPasswordMixin, forms.Form):
    """Username, recovery code and a new password. The view checks the code, counts a
    wrong one as a failed login, and sets the password (``accounts.views.recover``)."""

    actions = Actions(_("Set my new password"))

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=40,
        help_text=_(
            "The code you were given when you created your account, like ABCD-EFGH-JKLM-NPQR."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    new_password1, new_password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1=_("New password"), label2=_("New password again")
    )
    error_messages = {
        "password_mismatch": PASSWORD_MISMATCH,
        "wrong_code": _(
            "This username and recovery code do not match. Check them and try again: "
            "letters and digits count, spaces and dashes do not."
        ),
    }

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        return super().clean()

    def code_is_wrong(self):
        self.add_error(
            None, forms.ValidationError(self.error_messages["wrong_code"], code="wrong_code")
        )

    def check_new_password(self, user):
        """The password rules, once the account is known; False if they are not met."""
        self.validate_password_for_user(user, "new_password2")
        return not self.errors


class NewRecoveryCodeForm(AsksForThePassword):
    """Make a new recovery code, which voids the old one."""

    actions = Actions(_("Make a new recovery code"), css_class="button-secondary")
    form_action = reverse_lazy("accounts:new_recovery_code")
    # Beside the deletion form on "My data", which has a password field too.
    prefix = "code"


class PasswordResetForm(LaidOut, auth_forms.PasswordResetForm):
    """Django's reset by e-mail, offered only where the site sends e-mail."""

    actions = Actions(_("Send me a link"))


class SetPasswordForm(PasswordErrorsOnFirstField, LaidOut, auth_forms.SetPasswordForm):
    actions = Actions(_("Set my new password"))
    error_messages = {
        **auth_forms.SetPasswordForm.error_messages,
        "password_mismatch": PASSWORD_MISMATCH,
    }
