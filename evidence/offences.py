"""Offences a cyberharassment complaint may mention, as "qualifications possibles".

The victim chooses them; the letter never asserts them: it submits them to the
prosecutor's judgement. Facts from service-public.fr (F32239, F31985, F32079) and
Légifrance, checked in November 2026. ``french_label`` is what the letter prints: the
complaint is always in French.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Offence:
    key: str
    label: str
    hint: str
    french_label: str


OFFENCES = (
    Offence(
        "harcelement_moral",
        _("Harassment, including online (harcèlement moral)"),
        _('Repeated messages or posts that damage your life, or a "raid" by several people.'),
        "harcèlement moral, y compris en ligne (article 222-33-2-2 du code pénal)",
    ),
    Offence(
        "harcelement_scolaire",
        _("School harassment (harcèlement scolaire)"),
        _("The author studies or works at the same school as you, or did."),
        "harcèlement scolaire (article 222-33-2-3 du code pénal)",
    ),
    Offence(
        "images_intimes",
        _("Sharing sexual images without consent"),
        _("Even if the picture was taken with your consent or by you."),
        "diffusion sans consentement d'images à caractère sexuel (article 226-2-1 du code pénal)",
    ),
    Offence(
        "montage_sexuel",
        _("Sexual montage or deepfake"),
        _("A fake sexual picture or video made with your face or body."),
        "diffusion d'un montage ou d'un contenu généré à caractère sexuel "
        "(article 226-8-1 du code pénal)",
    ),
    Offence(
        "usurpation_identite",
        _("Identity theft (usurpation d'identité)"),
        _("Someone uses your name, photos or account to pass as you."),
        "usurpation d'identité, y compris en ligne (article 226-4-1 du code pénal)",
    ),
    Offence(
        "appels_malveillants",
        _("Repeated malicious calls or messages"),
        _("Calls or messages sent again and again to disturb you."),
        "appels téléphoniques ou envois réitérés de messages malveillants "
        "(article 222-16 du code pénal)",
    ),
    Offence(
        "menaces",
        _("Threats"),
        _("Threats to hurt you, kill you, or to make you do something."),
        "menaces (articles 222-17 et 222-18 du code pénal)",
    ),
    Offence(
        "revelation_informations",
        _("Revealing personal information that puts you in danger (doxxing)"),
        _("Your address, school, phone number… published so others can find you."),
        "révélation d'informations personnelles exposant à un risque "
        "(article 223-1-1 du code pénal)",
    ),
    Offence(
        "injure_publique",
        _("Public insult (injure)"),
        _("Insults that anyone can see. Warning: 3-month deadline."),
        "injure publique (articles 29 et 33 de la loi du 29 juillet 1881)",
    ),
    Offence(
        "diffamation_publique",
        _("Public defamation (diffamation)"),
        _("A false or damaging claim about you that anyone can see. Warning: 3-month deadline."),
        "diffamation publique (articles 29 et 32 de la loi du 29 juillet 1881)",
    ),
)

OFFENCES_BY_KEY = {offence.key: offence for offence in OFFENCES}
PRESS_LAW_OFFENCES = {"injure_publique", "diffamation_publique"}
