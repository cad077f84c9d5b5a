"""The guide's structure: the seven steps and the helplines, as translatable data.

The text of each step lives in its template; what several pages need (titles for the
step list and previous/next links, the helplines) lives here. ``CONTACTS`` is the one
source of the helplines' numbers and hours: the contacts page, the footer of every page,
the lockout page, the minor box, the upload warning and the situation finder read it
(``{% load helplines %}``), so an hour that changes is changed once.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cyberaide.text import Text


@dataclass(frozen=True)
class Step:
    number: int
    title: Text
    summary: Text

    @property
    def template_name(self):
        return f"guidance/step_{self.number}.html"


STEPS = (
    Step(1, _("Do not reply"), _("Answering can make things worse.")),
    Step(2, _("Talk about it"), _("Do not stay alone with it.")),
    Step(3, _("Collect and keep evidence"), _("Screenshots that hold up.")),
    Step(4, _("Lock down your accounts"), _("Privacy settings and blocking.")),
    Step(5, _("Report to the platforms"), _("Ask them to take it down.")),
    Step(6, _("Report illegal content to PHAROS"), _("The police's reporting site.")),
    Step(7, _("File a complaint"), _("Police, gendarmerie or the prosecutor.")),
)


def get_step(number):
    """The step with this number, or None."""
    if 1 <= number <= len(STEPS):
        return STEPS[number - 1]
    return None


@dataclass(frozen=True)
class Contact:
    number: str
    dial: str
    name: Text
    what: Text
    when: Text
    # Inside a sentence: "the 3018 is free, every day, 9 a.m. to 11 p.m."
    hours: Text
    # A few words for the list at the foot of every page.
    short: Text
    website: str = ""
    by_text_message: bool = False


CONTACTS = (
    Contact(
        "3018",
        "3018",
        _("3018 — national helpline against cyberharassment"),
        _(
            "For young people and their parents facing cyberharassment, school harassment or "
            "any digital violence: phone, chat on 3018.fr, app. It can ask platforms to take "
            "content down quickly. Free, anonymous, confidential."
        ),
        _("Every day, 9 a.m. to 11 p.m."),
        _("every day, 9 a.m. to 11 p.m."),
        _("cyberharassment and school harassment helpline, also by chat on 3018.fr"),
        "https://3018.fr/",
    ),
    Contact(
        "119",
        "119",
        _("119 — Allô enfance en danger"),
        _("For a child or teenager in danger, or an adult worried about one. Chat for under-21s."),
        _("24 hours a day, every day; chat 3 p.m. to 9 p.m. Free, confidential."),
        _("24 hours a day, every day"),
        _("child in danger"),
        "https://www.allo119.gouv.fr/",
    ),
    Contact(
        "3114",
        "3114",
        _("3114 — suicide prevention"),
        _("If you think about suicide, or worry about someone who does."),
        _("24 hours a day, every day. Free."),
        _("24 hours a day, every day"),
        _("suicide prevention"),
        "https://3114.fr/",
    ),
    Contact(
        "17",
        "17",
        pgettext_lazy("phone number", "17 — police emergency"),
        _("If you are in danger now, or someone threatens to hurt you."),
        _("24 hours a day."),
        _("24 hours a day"),
        _("police emergency"),
    ),
    Contact(
        "112",
        "112",
        _("112 — European emergency number"),
        _("Emergency number that works from any phone, everywhere in Europe."),
        _("24 hours a day."),
        _("24 hours a day"),
        _("European emergency number"),
    ),
    Contact(
        "114",
        "114",
        _("114 — emergency by text message"),
        _(
            "Send an SMS, use the app or a sign-language video call if you are deaf, hard "
            "of hearing, or cannot speak safely."
        ),
        _("24 hours a day. Free."),
        _("24 hours a day"),
        _("emergency by text message"),
        "https://www.info.urgence114.fr/",
        by_text_message=True,
    ),
    Contact(
        "116 006",
        "116006",
        _("116 006 — France Victimes"),
        _(
            "Help for victims: listening, information on your rights and on the "
            "complaint, referral to a local victim-support association. "
            "E-mail: victimes@116006.fr."
        ),
        _("Every day, 9 a.m. to 8 p.m. Free."),
        _("every day, 9 a.m. to 8 p.m."),
        _("France Victimes, help for victims"),
        "https://www.france-victimes.fr/",
    ),
)


CONTACTS_BY_NUMBER = {contact.dial: contact for contact in CONTACTS}
