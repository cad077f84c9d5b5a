"""Which channels fit a situation, in the order to use them.

Facts from service-public.fr (F32239, F31979, F1435, F32079, F1567), Légifrance (code
pénal 227-23, loi du 29 juillet 1881 art. 65, code de procédure pénale art. 43) and the
services' own pages (3018.fr, takeitdown.ncmec.org, stopncii.org, thesee.interieur.gouv.fr),
checked on 1 December 2026; the situation page cites them. Pure logic: the view turns
answers into channels.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cyberaide.text import Text
from guidance.content import CONTACTS_BY_NUMBER


@dataclass(frozen=True)
class Channel:
    key: str
    title: Text
    why: Text
    link: str = ""
    link_label: Text = ""
    urgent: bool = False
    phones: tuple = ()  # numbers to call from the page, as tappable links


def _step(number):
    return reverse("guidance:step", args=[number])


def recommend_channels(*, danger="", visibility="", minor="", intimate="", insults="", threats=""):
    """The channels for these answers, most urgent first; the complaint comes last, as
    the way to have the author identified and prosecuted."""
    intimate_images = intimate in ("yes", "unsure")
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
    channels.append(_evidence_channel(intimate_images=intimate_images))
    if minor == "yes":
        channels.append(
            Channel(
                "trusted_adult",
                _("Tell an adult you trust, and call the 3018"),
                _(
                    "A parent, a relative, a teacher, the CPE or the school nurse. The 3018 "
                    "listens to young people and parents about cyberharassment and school "
                    "harassment, %(hours)s. It is free and anonymous, and it can have "
                    "content removed quickly. If you are in danger at home, call 119."
                )
                % {"hours": CONTACTS_BY_NUMBER["3018"].hours},
                _step(2),
                _("Talking about it"),
                phones=("3018", "119"),
            )
        )
    if intimate_images:
        channels.extend(_intimate_image_channels(minor=minor))
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
    if visibility in ("public", "both", "unsure") or (minor == "yes" and intimate_images):
        channels.append(
            Channel(
                "pharos",
                _("Report illegal content to PHAROS"),
                _(
                    "On internet-signalement.gouv.fr, for illegal content anyone can see, and "
                    "for some private messages too, such as sexual propositions to a minor. "
                    "PHAROS does not take a private dispute with someone you know, insults or "
                    "defamation aimed at you, or emergencies. It does not replace a complaint."
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
                    "For insults and defamation, the deadline is 3 months from publication (1 "
                    "year when they target origin, religion, sex, sexual orientation, gender "
                    "identity or disability). A simple complaint does not stop this clock. "
                    "Repeated insults, or several people acting together, may be harassment: "
                    "that can be prosecuted up to 6 years after the last act. See a lawyer or "
                    "France Victimes (116 006) quickly."
                ),
                reverse("guidance:law") + "#deadlines",
                _("Deadlines in the law"),
                urgent=True,
                phones=("116006",),
            )
        )
    channels.append(
        Channel(
            "complaint",
            _("File a complaint"),
            _(
                "Threats are an offence: file a complaint at any police station or "
                "gendarmerie, by video, or by letter to the public prosecutor of the place "
                "where you live. If they may be carried out soon, call 17."
            )
            if threats == "yes"
            else _(
                "At any police station or gendarmerie, by video, or by letter to the public "
                "prosecutor of the place where you live. It is how the author can be "
                "identified and prosecuted."
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
                "Free, %(hours)s: information on your rights, help with the complaint, a "
                "victim-support association near you."
            )
            % {"hours": CONTACTS_BY_NUMBER["116006"].hours},
            reverse("guidance:contacts"),
            _("All contacts"),
            phones=("116006",),
        )
    )
    return channels


def _evidence_channel(*, intimate_images):
    if intimate_images:
        # Holding sexual images of a minor is an offence, even one's own (art. 227-23 code
        # pénal): the evidence advice must never tell a pupil to capture them.
        why = _(
            "Before blocking or reporting, take screenshots of the threats, of the author's "
            "account and of the messages, but never of the intimate images themselves. Do "
            "not keep them and do not forward them. If the person shown is under 18, holding "
            "them is an offence, even for that person (article 227-23 of the code pénal). The "
            "3018, PHAROS and the police can act without them."
        )
    else:
        why = _(
            "Before blocking or reporting, take screenshots showing the content, the "
            "author's profile, the date and the link. Delete nothing."
        )
    return Channel(
        "evidence",
        _("Keep the evidence"),
        why,
        _step(3),
        _("How to take screenshots that hold up"),
    )


def _intimate_image_channels(*, minor):
    """Having intimate images removed, and what to do about blackmail."""
    if minor == "yes":
        removal = Channel(
            "image_removal",
            _("Have the images blocked: Take It Down"),
            _(
                "For images taken before you were 18. Take It Down makes a fingerprint (a "
                "hash) of the image on your own phone, and partner platforms then block it. "
                "The image itself is never sent. Keep the case number and the PIN it gives "
                "you: nobody can recover them. You can write them down as a note in your "
                "dossier."
            ),
            "https://takeitdown.ncmec.org/",
            "takeitdown.ncmec.org",
        )
    else:
        removal = Channel(
            "image_removal",
            _("Have the images blocked: StopNCII or Take It Down"),
            _(
                "StopNCII (for adults) and Take It Down (for images taken before 18) make a "
                "fingerprint (a hash) of the image on your own device, and partner platforms "
                "then block it. The image itself is never sent. Keep the case number and the "
                "PIN they give you: nobody can recover them. You can write them down as a "
                "note in your dossier."
            ),
            "https://stopncii.org/",
            "stopncii.org",
        )
    blackmail = Channel(
        "intimate_images",
        _("Intimate images: forward nothing, pay nothing"),
        _(
            "Never forward the images, not even to report them. Report the account and the "
            "content to the platform. The 3018 can ask platforms to remove them first. "
            "Sharing sexual images without consent, or a sexual deepfake, is an offence: file "
            "a complaint. If someone blackmails you, do not pay, keep the messages and go to "
            "the police. If they ask for more images, send none and call the 3018. If they "
            "ask for money and you know them only online, you can also use THESEE, minors "
            "included."
        ),
        "https://www.thesee.interieur.gouv.fr/",
        _("THESEE, for blackmail for money"),
        phones=("3018", "17"),
    )
    return [blackmail, removal]
