from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from cyberaide.form_layout import Actions, LaidOut

YES_NO_UNSURE = [("yes", _("Yes")), ("no", _("No")), ("unsure", _("I don't know"))]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def question(label, choices, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class SituationForm(LaidOut, forms.Form):
    """A few questions, sent by POST (never in the URL): nothing is stored and nothing
    identifies anyone."""

    actions = Actions(_("Show me what to do"), name="answer", value="1")
    form_action = reverse_lazy("guidance:situation")
    form_method = "post"

    danger = question(
        _("Are you in danger right now?"),
        YES_NO_UNSURE,
        _(
            "Someone threatens to hurt you, knows where you are, or you are thinking of "
            "hurting yourself."
        ),
    )
    visibility = question(
        _("Where is the content?"),
        [
            ("public", _("In public: a post, comment or video anyone can see")),
            ("private", _("In private: messages, texts, a private group")),
            ("both", _("Both")),
            ("unsure", _("I don't know")),
        ],
    )
    minor = question(_("Is the person targeted under 18?"), YES_NO)
    intimate = question(
        _("Are intimate or sexual images involved?"),
        YES_NO_UNSURE,
        _("Shared, threatened to be shared, or used to blackmail — real or faked."),
    )
    insults = question(_("Are there insults, mockery or false rumours?"), YES_NO)
    threats = question(_("Are there threats?"), YES_NO)

    def answers(self):
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}
