"""Forms for a dossier and its exhibits: what the victim states about each piece of
evidence, the files, a pasted message, a link."""

import datetime

from crispy_forms.layout import HTML
from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cyberaide.form_layout import Actions, LaidOut, NotRemembered, form_helper, link
from cyberaide.text import Text, WithoutBidiControls
from evidence.models import Dossier, Platform

WEB_URL_MESSAGE = _("Enter a web address starting with http:// or https://.")


WEB_URL = URLValidator(schemes=["http", "https"], message=WEB_URL_MESSAGE)


def _interpolated(message, params):
    """A translated message with its numbers, translated when shown, not at import."""
    return lazy(lambda: str(message) % params, str)()


class WebURLField(forms.URLField):
    """A web address: http or https only, never javascript:, file: or others."""

    default_validators = [WEB_URL]
    default_error_messages = {"invalid": WEB_URL_MESSAGE}


def web_url_field(label, *, required=False, help_text=""):
    return WebURLField(
        label=label,
        required=required,
        max_length=2000,
        assume_scheme="https",
        help_text=help_text,
        widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "off"}),
    )


class DossierForm(WithoutBidiControls, LaidOut, forms.ModelForm):
    actions = Actions(_("Start the dossier"))
    form_action: Text = reverse_lazy("evidence:dossier_create")

    class Meta:
        model = Dossier
        fields = ["title"]
        widgets = {"title": forms.TextInput(attrs={"autocomplete": "off"})}


class DossierRenameForm(DossierForm):
    actions = Actions(_("Save"), link("'evidence:dossier_detail' dossier.public_id", _("Cancel")))
    form_action = ""


class DossierEraseForm(LaidOut, forms.Form):
    actions = Actions(
        _("Erase this dossier for good"),
        link("'evidence:dossier_detail' dossier.public_id", _("Cancel")),
        css_class="button-danger",
    )
    form_action = ""

    confirm = forms.BooleanField(
        label=_(
            "I understand that this dossier, its exhibits, its letter, its PDFs and its "
            "journal will be erased for good."
        ),
    )


class ExhibitDetailsForm(NotRemembered, WithoutBidiControls, LaidOut, forms.Form):
    """What the victim states about a piece of evidence; shared by every kind."""

    actions = Actions(_("Save the correction"))

    occurred_on = forms.DateField(
        label=_("Date of the facts"),
        help_text=_("When it happened, or when you received it."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    occurred_time = forms.TimeField(
        label=_("Time (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    # Nothing chosen in advance: a WhatsApp screenshot must never pass for a Snapchat one.
    platform = forms.ChoiceField(
        label=_("Where did it happen?"),
        choices=[("", _("Choose…")), *Platform.choices],
        error_messages={"required": _("Say where it happened (or “Other”).")},
    )
    platform_other = forms.CharField(label=_("If other: which one?"), required=False, max_length=80)
    author_name = forms.CharField(
        label=_("Author's name or handle (optional)"),
        required=False,
        max_length=200,
        help_text=_("As shown on the platform, for example @name. Leave empty if unknown."),
    )
    author_profile_url = web_url_field(_("Link to the author's profile (optional)"))
    author_account_id = forms.CharField(
        label=_("The author's account number (optional)"),
        required=False,
        max_length=100,
        help_text=_(
            "Some apps show it in the profile or in its link (Discord, Facebook, TikTok…). A "
            "name can be changed, the number cannot: investigators ask the platform with it."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    victim_account = forms.CharField(
        label=_("Your own account on this platform (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "Your username there, where you received it or where it was posted: the "
            "investigators give it to the platform to find the conversation."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    content_url = web_url_field(_("Link to the content (optional)"))
    description = forms.CharField(
        label=_("What does it show? (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on > timezone.localdate():
            raise forms.ValidationError(
                _("This date is in the future. Enter the date when it happened."),
                code="future",
            )
        if occurred_on < datetime.date(1990, 1, 1):
            raise forms.ValidationError(_("Check this date."), code="too_old")
        return occurred_on

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("platform") == Platform.OTHER and not cleaned.get("platform_other"):
            self.add_error("platform_other", _("Say which platform or place it was."))
        if cleaned.get("platform") != Platform.OTHER:
            cleaned["platform_other"] = ""
        return cleaned

    def details(self):
        return {name: self.cleaned_data[name] for name in ExhibitDetailsForm.base_fields}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": "image/*,.heic,.heif,application/pdf,.pdf", "multiple": True}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > settings.CYBERAIDE_MAX_FILES_PER_UPLOAD:
            raise forms.ValidationError(
                _("Send at most %(count)s files at once."),
                params={"count": settings.CYBERAIDE_MAX_FILES_PER_UPLOAD},
                code="too_many",
            )
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class FileExhibitForm(ExhibitDetailsForm):
    """The files first (the button a person came for), the one rule about what never to
    add right under it, then the details, which apply to every file chosen: with several,
    the next page gives each its own (``FileDetailsForm``)."""

    actions = Actions(_("Add to the dossier"))
    field_order = ["files"]

    @property
    def helper(self):
        others = [name for name in self.fields if name != "files"]
        return form_helper(
            "files",
            HTML('{% include "evidence/exhibits/includes/upload_warning.html" %}'),
            HTML(
                format_lazy(
                    '<p class="help details-apply">{}</p>',
                    _(
                        "The details below apply to every file you choose. With several "
                        "files, the next page lets you give each its own date, place and "
                        "author."
                    ),
                )
            ),
            *others,
            self.actions,
        )

    def ask_to_choose_again(self):
        """Browsers never keep chosen files on a page sent back with an error: say so on
        the file field, in the error summary too, so nobody thinks they were added."""
        if "files" not in self.errors:
            self.add_error(
                "files",
                forms.ValidationError(
                    _(
                        "Choose your files again: the browser does not keep them when the "
                        "page comes back with something to correct. Nothing was added yet."
                    ),
                    code="choose_again",
                ),
            )

    # A field named "files", as the page posts it: Django's form metaclass moves it into
    # ``base_fields``, so it never shadows ``BaseForm.files``; the stubs cannot see that.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Screenshots, photos or PDF documents"),
        help_text=_interpolated(
            _(
                "You can choose several at once. PNG, JPEG, WebP, HEIC (iPhone), GIF or PDF, "
                "up to %(limit)s MB each."
            ),
            {"limit": settings.CYBERAIDE_MAX_FILE_BYTES // (1024 * 1024)},
        ),
        error_messages={"required": _("Choose at least one file.")},
    )


class FileDetailsForm(ExhibitDetailsForm):
    """One of several files added together: its own date, time, place and author,
    prefilled with what was typed for all of them."""

    PER_FILE = ("occurred_on", "occurred_time", "platform", "platform_other", "author_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in self.PER_FILE:
                del self.fields[name]

    @property
    def helper(self):
        helper = form_helper(*self.fields, tag=False)
        helper.form_show_errors = False  # one summary for every file, above them all
        helper.disable_csrf = True
        return helper

    def details(self):
        return {name: self.cleaned_data[name] for name in self.fields}


class MessageExhibitForm(ExhibitDetailsForm):
    keeps_bidi_controls = ("text",)  # the message is evidence: kept as pasted

    actions = Actions(_("Add to the dossier"))
    field_order = ["text"]
    text = forms.CharField(
        label=_("The message, copied exactly"),
        strip=False,
        max_length=settings.CYBERAIDE_MAX_MESSAGE_CHARACTERS,
        help_text=_interpolated(
            _("Paste the text as it is, without correcting it. Up to %(limit)s characters."),
            {"limit": f"{settings.CYBERAIDE_MAX_MESSAGE_CHARACTERS:,}".replace(",", "\u202f")},
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Paste the message here.")},
    )

    def clean_text(self):
        # Browsers send line breaks as CRLF; store them as the person typed them (LF).
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if not text.strip():
            raise forms.ValidationError(_("Paste the message here."), code="required")
        return text


class LinkExhibitForm(ExhibitDetailsForm):
    actions = Actions(_("Add to the dossier"))
    field_order = ["content_url"]
    content_url = web_url_field(
        _("Link to the content"),
        required=True,
        help_text=_(
            "Copy it from the address bar or the Share menu. cyberaide never opens it: take "
            "a screenshot too, in case it disappears."
        ),
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])
