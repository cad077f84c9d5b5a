"""The complaint letter, asked for in short steps. Each field says why it is asked."""

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cyberaide.form_layout import Actions, LaidOut, NotRemembered, link
from cyberaide.text import WithoutBidiControls
from evidence.letter.offences import OFFENCES
from evidence.models import Complaint


class LetterStepLayout(NotRemembered, WithoutBidiControls, LaidOut):
    """Each step of the letter: saved, then on to the next; the letter is a link away."""

    actions = Actions(
        _("Save and continue"),
        link("'evidence:letter_preview' dossier.public_id", _("See the letter")),
        wrap=True,
    )


class IdentityForm(LetterStepLayout, forms.ModelForm):
    class Meta:
        model = Complaint
        fields = [
            "last_name",
            "first_names",
            "date_of_birth",
            "place_of_birth",
            "occupation",
            "address",
            "phone",
            "email",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "address": forms.Textarea(attrs={"rows": 3}),
            "last_name": forms.TextInput(),
            "first_names": forms.TextInput(),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
        }
        help_texts = {
            "last_name": _(
                "A complaint cannot be anonymous: the police or the prosecutor must be able to "
                "reach you."
            ),
            "date_of_birth": _(
                "It tells whether you are a minor: the law protects minors more, and a parent may"
                " need to sign."
            ),
            "place_of_birth": _("Part of your identity (état civil), as on your ID card."),
            "occupation": _(
                "Your job, or your school and class. It helps understand where the facts took "
                "place."
            ),
            "address": _("Where the answer to your complaint will be sent."),
            "phone": _("Recommended, so that an investigator can call you quickly."),
            "email": _("Optional."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("last_name", "first_names", "date_of_birth", "address"):
            self.fields[name].required = True

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born >= today:
            raise forms.ValidationError(_("Check your date of birth."), code="future")
        if today.year - born.year > 120:
            raise forms.ValidationError(_("Check your date of birth."), code="too_old")
        return born


class RepresentativeForm(LetterStepLayout, forms.ModelForm):
    class Meta:
        model = Complaint
        fields = [
            "filed_by",
            "representative_name",
            "representative_relationship",
            "representative_address",
            "representative_phone",
            "representative_email",
            "second_representative_name",
            "second_representative_relationship",
            "second_representative_phone",
        ]
        widgets = {
            "filed_by": forms.RadioSelect,
            "representative_address": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "filed_by": _(
                "A minor can file on their own. A parent can also file in the child's name, "
                "even if the child does not agree."
            ),
            "representative_name": _(
                "A parent or guardian. To be a civil party and ask for compensation, a minor "
                "is represented by a legal representative."
            ),
            "representative_relationship": _("The letter says it this way: “sa mère”, “son père”."),
            "representative_address": _("Leave empty if it is the same as yours."),
            "representative_phone": _("Recommended, so that an investigator can call them."),
            "representative_email": _("Optional."),
            "second_representative_name": _(
                "Optional: the other parent, if both file or sign together."
            ),
            "second_representative_relationship": _("As for the first representative."),
            "second_representative_phone": _("Optional. So that an investigator can call them."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["filed_by"]).choices = Complaint.FiledBy.choices
        # An adult skips this step: nobody files for them.
        self.fields["filed_by"].required = False

    def clean_filed_by(self):
        return self.cleaned_data["filed_by"] or Complaint.FiledBy.VICTIM

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        named = {
            "representative": cleaned.get("representative_name", "").strip(),
            "second_representative": cleaned.get("second_representative_name", "").strip(),
        }
        if (
            cleaned.get("filed_by") == Complaint.FiledBy.REPRESENTATIVE
            and not named["representative"]
        ):
            self.add_error("representative_name", _("Give the name of the parent who files."))
        for prefix, name in named.items():
            if name and not cleaned.get(f"{prefix}_relationship"):
                self.add_error(f"{prefix}_relationship", _("Say who they are for the child."))
        return cleaned


class RecipientForm(LetterStepLayout, forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["recipient", "recipient_town", "competence", "recipient_address"]
        widgets = {
            "recipient": forms.RadioSelect,
            "competence": forms.RadioSelect,
            "recipient_address": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "recipient": _(
                "Any police station or gendarmerie must take your complaint, wherever the facts "
                "happened. You can also send it by post to the prosecutor."
            ),
            "recipient_town": _(
                "For the prosecutor: the town of the tribunal judiciaire of the place where you "
                "live. That court can always act for an offence committed online. It can also "
                "be the court where the facts happened or where the author lives. Otherwise: "
                "the town of the police station or gendarmerie."
            ),
            "competence": _(
                "Only for a letter to the prosecutor: the letter tells the court why it can "
                "act (article 43 of the code de procédure pénale)."
            ),
            "recipient_address": _("Optional. It is printed under the name of the recipient."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].required = True
        cast(forms.ChoiceField, self.fields["recipient"]).choices = Complaint.Recipient.choices
        self.fields["recipient_town"].required = True
        cast(forms.ChoiceField, self.fields["competence"]).choices = Complaint.Competence.choices

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        prosecutor = cleaned.get("recipient") == Complaint.Recipient.PROSECUTOR
        if prosecutor and not cleaned.get("competence"):
            self.add_error(
                "competence",
                _(
                    "Say why this court can act. For an offence committed online, the court "
                    "of the place where you live always can."
                ),
            )
        if not prosecutor:
            cleaned["competence"] = ""
        return cleaned


class AuthorsForm(LetterStepLayout, forms.ModelForm):
    authors_known = forms.TypedChoiceField(
        label=_("Do you know who did it?"),
        choices=[("yes", _("Yes, at least one of them")), ("no", _("No, or not for sure"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            'If you do not know, the complaint is made "contre X" (against a person unknown): the'
            " police can identify the author."
        ),
    )

    class Meta:
        model = Complaint
        fields = ["authors_known", "authors"]
        widgets = {"authors": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "authors": _(
                "Names, nicknames, handles, school or class, anything you know. Say when you are "
                "not sure."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.authors_known is not None:
            self.initial["authors_known"] = "yes" if self.instance.authors_known else "no"

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("authors_known") and not cleaned.get("authors", "").strip():
            self.add_error("authors", _("Say who, even a nickname or a handle."))
        return cleaned


class FactsForm(LetterStepLayout, forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["facts_period", "facts", "harm", "harm_amount", "witnesses"]
        widgets = {
            "facts": forms.Textarea(attrs={"rows": 10}),
            "harm": forms.Textarea(attrs={"rows": 4}),
            "witnesses": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "facts_period": _(
                "Optional, in your own words, for example “since the start of the school year, "
                "and still now”. The letter gives the dates of your exhibits separately."
            ),
            "harm_amount": _(
                "Optional: an amount, if you can estimate it (care, costs, days missed). "
                "Otherwise the letter says it is still to be assessed."
            ),
            "facts": _(
                "In your own words: what happened, when, where (which app or site), how often, "
                "and what you did (blocking, reporting). Your exhibits are listed automatically."
            ),
            "harm": _(
                "How it affected you: fear, sleep, school or work, health, money spent. A "
                "doctor's certificate can support it."
            ),
            "witnesses": _(
                "Optional. People who saw the messages or the facts, with a way to reach them."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facts"].required = True


class OffencesForm(LetterStepLayout, forms.ModelForm):
    offences = forms.MultipleChoiceField(
        label=_("Possible offences (optional)"),
        required=False,
        choices=[
            (offence.key, format_lazy("{} — {}", offence.label, offence.hint))
            for offence in OFFENCES
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            'The letter suggests them as "qualifications possibles": the prosecutor decides. Tick'
            " only what matches your facts."
        ),
    )

    class Meta:
        model = Complaint
        fields = ["offences", "partie_civile", "signed_in_town"]
        help_texts = {
            "partie_civile": _(
                "To ask the court for compensation (article 420-1 of the code de procédure "
                "pénale). For a minor, the legal representative does it. This does not make the "
                "letter a “plainte avec constitution de partie civile”."
            ),
            "signed_in_town": _("Printed next to the date, above your signature."),
        }


LEAVE_OUT = "leave_out"


class MakePdfForm(LaidOut, forms.Form):
    """The letter's "Make the PDF" button. When originals hold the place where they were
    taken (a photo's GPS position), it first asks whether to attach them as they are: no
    answer is chosen in advance, the victim makes it (``evidence/letter/includes/
    located_originals.html`` says why it matters)."""

    actions = Actions(
        _("Make the PDF"), link("'evidence:letter_step' dossier.public_id 1", _("Change something"))
    )

    located_originals = forms.ChoiceField(
        label=_("The originals that hold a position"),
        choices=[
            (
                "attach",
                _(
                    "Attach them as they are: the investigators can use the position and the "
                    "date they hold"
                ),
            ),
            (
                LEAVE_OUT,
                _(
                    "Leave them out of the PDF: it still shows their copies, without that data; "
                    "the originals stay in your dossier and can be handed over if asked for"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether the PDF attaches the originals that hold a position.")
        },
    )

    def __init__(self, *args, action: str, located: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_action = action
        if not located:
            del self.fields["located_originals"]

    @property
    def leave_out_located(self) -> bool:
        return self.cleaned_data.get("located_originals") == LEAVE_OUT
