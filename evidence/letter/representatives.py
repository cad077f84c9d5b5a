"""How the complaint letter names a minor's legal representatives, in French, with the
right gender ("sa mère, représentante légale", "son tuteur, représentant légal")."""

from dataclasses import dataclass

from evidence.models import Complaint


@dataclass(frozen=True)
class RepresentativeWords:
    """How the letter names a legal representative, with their gender."""

    relationship: str  # "sa mère"
    noun: str  # "mère"
    title: str  # "représentante légale"
    undersigned: str  # "soussignée"


REPRESENTATIVE_WORDS: dict[str, RepresentativeWords] = {
    Complaint.Role.MOTHER: RepresentativeWords(
        "sa mère", "mère", "représentante légale", "soussignée"
    ),
    Complaint.Role.FATHER: RepresentativeWords(
        "son père", "père", "représentant légal", "soussigné"
    ),
    Complaint.Role.GUARDIAN_WOMAN: RepresentativeWords(
        "sa tutrice", "tutrice", "représentante légale", "soussignée"
    ),
    Complaint.Role.GUARDIAN_MAN: RepresentativeWords(
        "son tuteur", "tuteur", "représentant légal", "soussigné"
    ),
}


UNKNOWN_ROLE = RepresentativeWords("", "", "représentant(e) légal(e)", "soussigné(e)")


@dataclass(frozen=True)
class Representative:
    name: str
    words: RepresentativeWords
    phone: str = ""

    @property
    def described(self) -> str:
        """ "Marie DUPONT, sa mère, représentante légale" """
        parts = [self.name, self.words.relationship, self.words.title]
        return ", ".join(part for part in parts if part)


def representatives(complaint: Complaint) -> list[Representative]:
    """The minor's legal representatives as the letter names them (none for an adult)."""
    if not complaint.is_minor:
        return []
    found = []
    for name, role, phone in (
        (complaint.representative_name, complaint.representative_relationship, ""),
        (
            complaint.second_representative_name,
            complaint.second_representative_relationship,
            complaint.second_representative_phone,
        ),
    ):
        if name.strip():
            found.append(Representative(name, REPRESENTATIVE_WORDS.get(role, UNKNOWN_ROLE), phone))
    return found
