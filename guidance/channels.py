"""Which channels fit a situation, in the order to use them.

Facts from service-public.fr (F32239, F31979, F1435, F32079) and the helplines' own
pages, checked in November 2026. Pure logic: the view turns answers into channels.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Channel:
    key: str
    title: str
    why: str
    link: str = ""
    link_label: str = ""
    urgent: bool = False
    phones: tuple = ()  # numbers to call from the page, as tappable links


def _step(number):
    return reverse("guidance:step", args=[number])


def recommend_channels(*, danger="", visibility="", minor="", intimate="", insults="", threats=""):
    """The channels for these answers, most urgent first; the complaint comes last, as
    the way to have the author identified and prosecuted."""
    channels = []
    if danger in ("yes", "unsure"):
        channels.append(
            Channel(
                "emergency",
                _("Call 17 or 112 now"),
                _(
                    "If you are in danger, the police come to help. If you cannot speak, "
                    "send a text message to 114. If you are thinking of hurting yourself, "
                    "call 3114, day and night."
                ),
                urgent=True,
                phones=("17", "112", "3114"),
            )
        )
    channels.append(
        Channel(
            "evidence",
            _("Keep the evidence"),
            _(
                "Before blocking or reporting, take screenshots showing the content, the "
                "author's profile, the date and the link. Delete nothing."
            ),
            _step(3),
            _("How to take screenshots that hold up"),
        )
    )
    if minor == "yes":
        channels.append(
            Channel(
                "trusted_adult",
                _("Tell an adult you trust, and call the 3018"),
                _(
                    "A parent, a relative, a teacher, the CPE or the school nurse. The 3018 "
                    "listens to young people and parents every day from 9 a.m. to 11 p.m., "
                    "free and anonymous, and can have content removed quickly. If you are "
                    "in danger at home, call 119."
                ),
                _step(2),
                _("Talking about it"),
                phones=("3018", "119"),
            )
        )
    if intimate in ("yes", "unsure"):
        channels.append(
            Channel(
                "intimate_images",
                _("Intimate images: act fast, forward nothing"),
                _(
                    "Never forward the images, not even to report them. Report the account "
                    "and the content to the platform; the 3018 can ask platforms to remove "
                    "them as a priority. Sharing sexual images without consent, or a sexual "
                    "deepfake, is an offence: file a complaint. If someone blackmails you, "
                    "do not pay, keep the messages and go to the police (adults can also "
                    "use THESEE, the Interior ministry's online service)."
                ),
                "https://www.thesee.interieur.gouv.fr/",
                "thesee.interieur.gouv.fr",
            )
        )
    channels.append(
        Channel(
            "platform",
            _("Report to the platform"),
            _(
                "Use the report button on the content and on the account. Under the Digital "
                "Services Act, the platform must examine your report and tell you its "
                "decision."
            ),
            _step(5),
            _("Reporting on the platforms"),
        )
    )
    if visibility in ("public", "both", "unsure"):
        channels.append(
            Channel(
                "pharos",
                _("Report public illegal content to PHAROS"),
                _(
                    "For content anyone can see: internet-signalement.gouv.fr. PHAROS does "
                    "not handle private messages or emergencies, and does not replace a "
                    "complaint."
                ),
                _step(6),
                _("What PHAROS takes"),
            )
        )
    if insults == "yes":
        channels.append(
            Channel(
                "press_law_deadline",
                _("Insults or defamation: 3 months to act"),
                _(
                    "For public insults and defamation, the deadline is 3 months from "
                    "publication, and a simple complaint does not stop it. See a lawyer or "
                    "France Victimes (116 006) quickly."
                ),
                reverse("guidance:law"),
                _("Deadlines in the law"),
                urgent=True,
            )
        )
    channels.append(
        Channel(
            "complaint",
            _("File a complaint"),
            _(
                "Threats are an offence: file a complaint at any police station or "
                "gendarmerie, or by letter to the public prosecutor. If they may be carried "
                "out soon, call 17."
            )
            if threats == "yes"
            else _(
                "At any police station or gendarmerie, or by letter to the public "
                "prosecutor. It is how the author can be identified and prosecuted."
            ),
            _step(7),
            _("How to file a complaint"),
        )
    )
    channels.append(
        Channel(
            "support",
            _("Get support: France Victimes, 116 006"),
            _(
                "Free, every day from 9 a.m. to 8 p.m.: information on your rights, help "
                "with the complaint, a victim-support association near you."
            ),
            reverse("guidance:contacts"),
            _("All contacts"),
            phones=("116006",),
        )
    )
    return channels
