"""The legal words a pupil meets on these pages, in plain words.

Each term keeps its French name (it is the word the police, the court and the letter use)
and an explanation for someone of 11 to 14. Pages link a term's first appearance to its
anchor here (``{% url 'guidance:glossary' %}#procureur``). Facts from service-public.fr
(F1435, F1567, F32079) and the code de procédure pénale, checked on 1 December 2026.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cyberaide.text import Text


@dataclass(frozen=True)
class Term:
    anchor: str
    term: str  # in French, as the authorities write it
    explanation: Text


GLOSSARY = (
    Term(
        "bordereau",
        "bordereau de pièces",
        _(
            "The numbered list of the exhibits (pièces) that go with a complaint. Each line "
            "gives the exhibit's number, its date and what it is."
        ),
    ),
    Term(
        "citation-directe",
        "citation directe",
        _(
            "Summoning the author straight to court yourself, usually through a lawyer. There "
            "is no investigation first: you must know who the author is and have the evidence."
        ),
    ),
    Term(
        "classement-sans-suite",
        "classement sans suite",
        _(
            "The prosecutor's decision not to take the case further, for example because the "
            "author was not found. You are told why. You can challenge it."
        ),
    ),
    Term(
        "constat",
        "constat de commissaire de justice",
        _(
            "A report written by a commissaire de justice (formerly called huissier), who "
            "looks at a page or a phone and describes what is there. It costs money. Judges "
            "find it harder to contest than a screenshot."
        ),
    ),
    Term(
        "delit",
        "délit",
        _(
            "A serious offence, judged by a criminal court (tribunal correctionnel). "
            "Harassment is a délit. Smaller offences are called contraventions. The most "
            "serious ones, such as rape, are called crimes."
        ),
    ),
    Term(
        "sha256",
        "empreinte SHA-256",
        _(
            "A code of 64 letters and digits calculated from everything in a file. If even "
            "one dot of the file changes, the code is completely different. So it shows that "
            "a file has not been changed."
        ),
    ),
    Term(
        "itt",
        "ITT (incapacité totale de travail)",
        _(
            "The number of days a doctor says your health stopped you from living as usual. "
            "It counts even if you do not work: it is not sick leave. More than 8 days makes "
            "many offences more serious."
        ),
    ),
    Term(
        "partie-civile",
        "partie civile",
        _(
            "A victim who takes part in the trial and asks for compensation (money for the "
            "harm). You can say in your complaint that you wish to be one. A minor does it "
            "through a legal representative."
        ),
    ),
    Term(
        "plainte-simple",
        "plainte (plainte simple)",
        _(
            "Telling the police, the gendarmerie or the prosecutor about an offence, so that "
            "it is investigated. It is free. You can file one in person, by letter or by "
            "video."
        ),
    ),
    Term(
        "plainte-partie-civile",
        "plainte avec constitution de partie civile",
        _(
            "A complaint sent to the investigating judges (doyen des juges d'instruction). It "
            "makes an investigation start. Usually you first file a simple complaint and wait "
            "for it to be closed, or 3 months. For insults and defamation, you can send it "
            "straight away. A lawyer helps."
        ),
    ),
    Term(
        "prescription",
        "prescription",
        _(
            "The deadline after which an offence can no longer be prosecuted. It is 6 years "
            "for most délits, but only 3 months for public insults and defamation."
        ),
    ),
    Term(
        "procureur",
        "procureur de la République",
        _(
            "The public prosecutor: the magistrate who receives complaints. They decide "
            "whether there is an investigation and whether the author goes to court. There "
            "is one at each tribunal judiciaire."
        ),
    ),
    Term(
        "recepisse",
        "récépissé",
        _(
            "The receipt you get when you file a complaint, with its date and number. Keep "
            "it: you need it to follow your complaint."
        ),
    ),
    Term(
        "representant-legal",
        "représentant légal",
        _(
            "The adult who acts for a minor in legal matters: usually a parent, or a "
            "guardian. If the parents are involved in the facts, a judge can appoint "
            "someone else (an administrateur ad hoc)."
        ),
    ),
    Term(
        "tribunal-judiciaire",
        "tribunal judiciaire",
        _(
            "The court of a town and the area around it. The prosecutor works there. Its "
            "criminal part judges délits."
        ),
    ),
    Term(
        "visioplainte",
        "visioplainte",
        _(
            "A complaint filed by video call with a police officer or a gendarme. You book "
            "it on the Interior ministry's “Ma Sécurité” website, with a FranceConnect "
            "account."
        ),
    ),
)
