"""Offences a cyberharassment complaint may mention, as "qualifications possibles".

The victim chooses them; the letter never asserts them: it submits them to the
prosecutor's judgement. Facts from service-public.fr (F32239, F31985, F32079) and
Légifrance, checked on 1 December 2026 (227-22-2, 222-33, 222-33-2-1, 222-33-3, 223-13 and
the discriminatory forms of the 1881 law added then). ``french_label`` is what the letter
prints: the complaint is always in French.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cyberaide.text import Text


@dataclass(frozen=True)
class Offence:
    key: str
    label: Text
    hint: Text
    french_label: str
    # Insult and defamation under the loi du 29 juillet 1881: prescribed after 3 months
    # from publication, 1 year for the discriminatory forms (articles 65 and 65-3).
    press_law_months: int = 0


OFFENCES = (
    Offence(
        "harcelement_moral",
        _("Harassment, including online (harcèlement moral)"),
        _('Repeated messages or posts that damage your life, or a "raid" by several people.'),
        "harcèlement moral, y compris en ligne (article 222-33-2-2 du code pénal)",
    ),
    Offence(
        "harcelement_conjoint",
        _("Harassment by a partner or ex-partner"),
        _("The author is or was your boyfriend, girlfriend, partner or spouse."),
        "harcèlement par le conjoint, le partenaire ou le concubin, actuel ou ancien "
        "(article 222-33-2-1 du code pénal)",
    ),
    Offence(
        "harcelement_sexuel",
        _("Sexual or sexist harassment"),
        _("Repeated sexual or sexist comments, or pressure to obtain a sexual act."),
        "harcèlement sexuel ou sexiste (article 222-33 du code pénal)",
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
        "incitation_mineur",
        _("An adult pushing a minor online to sexual acts"),
        _("An adult asked you, online, for sexual pictures or acts while you were under 18."),
        "incitation d'un mineur, par un moyen de communication électronique, à commettre un "
        "acte de nature sexuelle (article 227-22-2 du code pénal)",
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
        "violences_filmees",
        _("Filming or broadcasting violence against you"),
        _("Someone filmed you being hit or humiliated, or shared the video."),
        "enregistrement ou diffusion d'images de violences (article 222-33-3 du code pénal)",
    ),
    Offence(
        "provocation_suicide",
        _("Pushing you to suicide"),
        _("Messages telling you to kill yourself, followed by an attempt."),
        "provocation au suicide (article 223-13 du code pénal)",
    ),
    Offence(
        "injure_publique",
        _("Public insult (injure)"),
        _("Insults that anyone can see. Warning: 3-month deadline."),
        "injure publique (articles 29 et 33 de la loi du 29 juillet 1881)",
        press_law_months=3,
    ),
    Offence(
        "injure_publique_discriminatoire",
        _(
            "Public insult because of origin, religion, sex, sexual orientation, gender or "
            "disability"
        ),
        _("Racist, sexist, homophobic or ableist insults anyone can see. 1-year deadline."),
        "injure publique commise en raison de l'origine, de l'ethnie, de la nation, de la "
        "prétendue race, de la religion, du sexe, de l'orientation sexuelle, de l'identité de "
        "genre ou du handicap (article 33, alinéas 3 et 4, de la loi du 29 juillet 1881)",
        press_law_months=12,
    ),
    Offence(
        "diffamation_publique",
        _("Public defamation (diffamation)"),
        _("A false or damaging claim about you that anyone can see. Warning: 3-month deadline."),
        "diffamation publique (articles 29 et 32 de la loi du 29 juillet 1881)",
        press_law_months=3,
    ),
    Offence(
        "diffamation_publique_discriminatoire",
        _(
            "Public defamation because of origin, religion, sex, sexual orientation, gender or "
            "disability"
        ),
        _("A damaging claim anyone can see, aimed at who you are. 1-year deadline."),
        "diffamation publique commise en raison de l'origine, de l'ethnie, de la nation, de la "
        "prétendue race, de la religion, du sexe, de l'orientation sexuelle, de l'identité de "
        "genre ou du handicap (article 32, alinéas 2 et 3, de la loi du 29 juillet 1881)",
        press_law_months=12,
    ),
)

OFFENCES_BY_KEY = {offence.key: offence for offence in OFFENCES}
PRESS_LAW_OFFENCES = {offence.key for offence in OFFENCES if offence.press_law_months}
