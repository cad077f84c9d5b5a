"""The staff member's report to the prosecutor (article 40 CPP)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cyberaide.form_layout import Actions, LaidOut, NotRemembered
from cyberaide.text import WithoutBidiControls
from evidence.forms.sharing import ROLE_HELP
from evidence.models import Signalement


class SignalementForm(NotRemembered, WithoutBidiControls, LaidOut, forms.ModelForm):
    actions = Actions(_("Save and see the report"), wrap=True)

    class Meta:
        model = Signalement
        fields = [
            "staff_name",
            "function",
            "establishment",
            "establishment_address",
            "contact",
            "pupil_name",
            "pupil_class",
            "pupil_date_of_birth",
            "pupil_address",
            "representatives",
            "reported_on",
            "facts",
            "presumed_authors",
            "actions_taken",
            "parents_informed",
            "recipient_town",
            "through_head",
            "copy_to_dasen",
            "signed_in_town",
        ]
        widgets = {
            "pupil_date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reported_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "establishment_address": forms.Textarea(attrs={"rows": 3}),
            "pupil_address": forms.Textarea(attrs={"rows": 3}),
            "representatives": forms.Textarea(attrs={"rows": 3}),
            "presumed_authors": forms.Textarea(attrs={"rows": 3}),
            "facts": forms.Textarea(attrs={"rows": 8}),
            "actions_taken": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "function": ROLE_HELP,
            "facts": _(
                "In the pupil's words, as they told you: what, when, on which platform, by "
                "whom if known. Do not add what you suppose."
            ),
            "representatives": _(
                "Names, how they are related to the pupil, phone or e-mail. The police need "
                "them to hear a minor."
            ),
            "presumed_authors": _(
                "If known: names, class, handles. Often a pupil of the same school: say so. "
                "Write “unknown” if nobody knows."
            ),
            "through_head": _(
                "Tick it if your establishment's procedure sends reports through the head."
            ),
            "copy_to_dasen": _("Tick it if a copy goes to the academic services."),
            "actions_taken": _(
                "For example: the head teacher informed, pHARe protocol started, pupils heard, "
                "measures to protect the pupil."
            ),
            "parents_informed": _(
                "Tick it if they know. Leave it unticked if telling them could put the pupil "
                "at risk: the prosecutor will decide."
            ),
            "recipient_town": _(
                "The prosecutor at the tribunal judiciaire of the place of the facts or of "
                "the school."
            ),
        }
