"""What a dossier's PDF says: the exhibits numbered, the resources the renderer may fetch,
what is missing before it can be made, and the letter's French wording.

No WeasyPrint here: the letter's preview and the web process use this module; only
``evidence.pdf.render`` lays out a PDF. The letter is always in French: it is written for
French authorities.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from evidence.custody import storage
from evidence.letter.deadlines import press_law_deadline
from evidence.letter.offences import OFFENCES_BY_KEY
from evidence.letter.representatives import representatives
from evidence.models import (
    Complaint,
    Dossier,
    Exhibit,
    Signalement,
    is_minor,
    is_online_place,
)
from evidence.pdf import pictures
from evidence.pdf.integrity import integrity_context
from evidence.refusals import Refused

RESOURCE_SCHEME = "cyberaide:"
# What the renderer may fetch: URL -> (content type, the bytes or a function reading them).
Resources = dict[str, tuple[str, bytes | Callable[[], bytes]]]


LONG_TOKEN = re.compile(r"\S{40,}")


BREAK_EVERY = 20


class DossierNotReady(Refused):
    """The dossier lacks what the PDF needs; each message says what, in the user's words."""

    def __init__(self, problems: Iterable[Any]) -> None:
        super().__init__(*problems)

    @property
    def problems(self) -> list[Any]:
        return self.messages


SHORT_KINDS: dict[str, str] = {
    Exhibit.Kind.IMAGE: "Capture ou photo",
    Exhibit.Kind.DOCUMENT: "Document PDF",
    Exhibit.Kind.MESSAGE: "Message",
    Exhibit.Kind.LINK: "Lien",
}


# However spent the budget, every message shows at least its first lines.
MINIMUM_PRINTED_LINES = 20


@dataclass
class PdfPart:
    """One part of a tall picture, printed on a page of its own."""

    index: int
    url: str


@dataclass
class PdfExhibit:
    number: int
    exhibit: Exhibit
    image_url: str = ""
    parts: list[PdfPart] = field(default_factory=list)  # a tall picture, cut
    pages: list[PdfPart] = field(default_factory=list)  # a PDF document's pages
    landscape: bool = False  # a wide picture, on a landscape page
    message_lines: list = field(default_factory=list)
    # What of a long message the PDF does not print: it is whole in the attached original.
    lines_left: int = 0
    characters_left: int = 0
    # The original holds where it was made (GPS) and the PDF leaves it out, as chosen.
    original_left_out: bool = False

    @property
    def printed_in_part(self) -> bool:
        """A message longer than the PDF prints: whole in its attached original."""
        return self.exhibit.kind == Exhibit.Kind.MESSAGE and bool(
            self.lines_left or self.characters_left
        )

    @property
    def metadata_note(self) -> bool:
        """The original says where or when it was made: its page says so."""
        return self.exhibit.holds_location or self.exhibit.taken_at is not None

    @property
    def alt(self) -> str:
        """What a screen reader says of the exhibit's picture."""
        return pictures.described(self.exhibit, self.number)

    @property
    def short_kind(self) -> str:
        """The kind of exhibit in a table cell, where every character counts."""
        return SHORT_KINDS[self.exhibit.kind]

    @property
    def nature(self) -> str:
        """The chronology's "Nature" cell: the kind, then the description, unless the
        description starts by saying the kind ("Message recopié…" after "Message")."""
        description = Truncator(self.exhibit.description.strip()).chars(120)
        if not description:
            return self.short_kind
        if _first_word(description) == _first_word(self.short_kind):
            return description
        return f"{self.short_kind} — {description}"

    @property
    def attachment_name(self) -> str:
        """The original's name inside the PDF file, shown on its page."""
        # Every message rides inside the PDF as the UTF-8 text its SHA-256 is of.
        if self.original_left_out or not (
            self.exhibit.original_file or self.exhibit.kind == Exhibit.Kind.MESSAGE
        ):
            return ""
        return f"{self.number:03d}-{self.exhibit.download_name}"


def _first_word(text: str) -> str:
    return re.split(r"[\W_]+", text.casefold(), maxsplit=1)[0]


def printed_part(text: str, *, lines: int, characters: int) -> tuple[list[str], int, int]:
    """The lines of a message the PDF prints (at most ``lines`` lines and ``characters``
    characters, a very long line cut), and how many lines and characters are left."""
    shown: list[str] = []
    used = 0
    all_lines = text.split("\n")
    for line in all_lines[:lines]:
        if used + len(line) > characters:
            shown.append(line[: max(0, characters - used)])
            used = characters
            break
        shown.append(line)
        used += len(line) + 1
    printed_characters = sum(len(line) for line in shown) + max(0, len(shown) - 1)
    lines_left = len(all_lines) - len(shown)
    return shown, lines_left, max(0, len(text) - printed_characters)


def with_break_opportunities(text: str) -> str:
    """Let very long unbroken strings (URLs, spam) wrap: a zero-width space every
    ``BREAK_EVERY`` characters inside them keeps line breaking linear in the length."""

    def split(match: re.Match[str]) -> str:
        token = match.group(0)
        return "\u200b".join(token[i : i + BREAK_EVERY] for i in range(0, len(token), BREAK_EVERY))

    return LONG_TOKEN.sub(split, text)


def gather(
    dossier: Dossier,
    *,
    exhibits: Iterable[Exhibit] | None = None,
    leave_out_located: bool = False,
) -> tuple[dict[str, Any], Resources]:
    """Everything the template needs, and the resources the renderer may fetch.

    ``leave_out_located``: the originals that hold a GPS position are not attached (their
    copies, which hold none, are still printed)."""
    exhibits = list(
        exhibits if exhibits is not None else dossier.exhibits.filter(withdrawn_at=None)
    )
    resources: Resources = {}
    numbered = []
    # One PDF's messages share a budget of lines: past it, each prints its first lines.
    line_budget = settings.CYBERAIDE_PDF_TOTAL_MESSAGE_LINES
    for number, exhibit in enumerate(exhibits, start=1):
        item = PdfExhibit(
            number=number,
            exhibit=exhibit,
            original_left_out=leave_out_located and exhibit.holds_location,
        )
        if exhibit.display_file and exhibit.kind == Exhibit.Kind.IMAGE:
            item.image_url = f"{RESOURCE_SCHEME}exhibit/{exhibit.public_id}.jpg"
            resources[item.image_url] = (
                "image/jpeg",
                partial(storage.read_file, dossier, exhibit.display_file),
            )
            item.landscape = pictures.is_wide(exhibit.width, exhibit.height)
        # A tall picture's parts, or a document's pages: each a page of its own.
        for piece in pictures.pieces(exhibit, partial(storage.read_file, dossier)):
            url = f"{RESOURCE_SCHEME}exhibit/{exhibit.public_id}-{piece.label}.jpg"
            resources[url] = ("image/jpeg", piece.read)
            pieces = item.pages if exhibit.kind == Exhibit.Kind.DOCUMENT else item.parts
            pieces.append(PdfPart(piece.index, url))
        item.landscape = item.landscape and not item.parts
        if exhibit.kind == exhibit.Kind.MESSAGE:
            shown, item.lines_left, item.characters_left = printed_part(
                exhibit.message_text,
                lines=max(
                    MINIMUM_PRINTED_LINES, min(settings.CYBERAIDE_PDF_MESSAGE_LINES, line_budget)
                ),
                characters=settings.CYBERAIDE_PDF_MESSAGE_CHARACTERS,
            )
            line_budget -= len(shown)
            item.message_lines = [with_break_opportunities(line) for line in shown]
        numbered.append(item)
    return {
        "dossier": dossier,
        "exhibits": numbered,
        "located_left_out": [item.number for item in numbered if item.original_left_out],
        "chronology": sorted(numbered, key=lambda item: Exhibit.chronological_key(item.exhibit)),
        **integrity_context(dossier, numbered),
    }, resources


def too_many_exhibits(dossier: Dossier) -> list[Any]:
    """The PDF's page budget: one page or more an exhibit, so a bounded number of them."""
    count = dossier.exhibits.filter(withdrawn_at=None).count()
    if count <= settings.CYBERAIDE_PDF_MAX_EXHIBITS:
        return []
    return [
        _(
            "The dossier holds %(count)s exhibits; one PDF can hold %(limit)s. Withdraw the "
            "ones the complaint does not need (they stay in the dossier), then make the PDF."
        )
        % {"count": count, "limit": settings.CYBERAIDE_PDF_MAX_EXHIBITS}
    ]


def complaint_problems(dossier: Dossier) -> list[Any]:
    """What is missing before the complaint can be made (translated messages)."""
    problems = []
    complaint = getattr(dossier, "complaint", None)
    if not dossier.exhibits.filter(withdrawn_at=None).exists():
        problems.append(_("The dossier has no exhibit yet: add your screenshots first."))
    problems += too_many_exhibits(dossier)
    if complaint is None:
        problems.append(_("Fill in the letter first."))
        return problems
    for field_name in ("last_name", "first_names", "date_of_birth", "address"):
        if not getattr(complaint, field_name):
            problems.append(
                _("Your identity is incomplete: %(field)s is missing.")
                % {"field": complaint._meta.get_field(field_name).verbose_name}
            )
    if not complaint.recipient or not complaint.recipient_town:
        problems.append(_("Choose who the letter is for, and the town."))
    if not complaint.facts.strip():
        problems.append(_("Describe what happened."))
    if complaint.filed_by == Complaint.FiledBy.REPRESENTATIVE and not (
        complaint.is_minor and complaint.representative_name
    ):
        problems.append(
            _(
                "A parent or guardian can file in the child's name only for a minor: give the "
                "child's date of birth and the representative's name, or choose that the "
                "child files."
            )
        )
    if complaint.is_minor and complaint.partie_civile and not complaint.representative_name:
        problems.append(
            _(
                "A minor can be a civil party only through a legal representative: "
                "name your parent or guardian, or untick the civil party box."
            )
        )
    return problems


def authors_in_exhibits(numbered: Iterable[PdfExhibit]) -> list[dict[str, Any]]:
    """Each handle, profile or account number the exhibits name, in full, with the
    exhibits that show it: the letter lists them so that nothing the investigators need
    for a réquisition to the platform is cut short."""
    found: dict[tuple[str, str, str], list[int]] = {}
    for item in numbered:
        exhibit = item.exhibit
        key = (
            exhibit.author_name.strip(),
            exhibit.author_profile_url,
            exhibit.author_account_id.strip(),
        )
        if any(key):
            found.setdefault(key, []).append(item.number)
    return [
        {"name": name, "profile_url": url, "account_id": account_id, "numbers": numbers}
        for (name, url, account_id), numbers in found.items()
    ]


def victim_accounts(numbered: Iterable[PdfExhibit]) -> list[dict[str, Any]]:
    """The victim's own accounts, per platform, with the exhibits received on each: a
    platform finds a conversation from both ends."""
    found: dict[tuple[str, str], list[int]] = {}
    with translation.override("fr"):
        for item in numbered:
            account = item.exhibit.victim_account.strip()
            if account:
                key = (str(item.exhibit.platform_label), account)
                found.setdefault(key, []).append(item.number)
    return [
        {"platform": platform, "account": account, "numbers": numbers}
        for (platform, account), numbers in found.items()
    ]


def complaint_context(
    dossier: Dossier, *, leave_out_located: bool = False
) -> tuple[dict[str, Any], Resources]:
    complaint = dossier.complaint
    context, resources = gather(dossier, leave_out_located=leave_out_located)
    offences = [OFFENCES_BY_KEY[key] for key in complaint.offences if key in OFFENCES_BY_KEY]
    context.update(
        facts_overview(context),
        complaint=complaint,
        offences=offences,
        press_law=press_law_deadline(
            complaint.offences, ((item.number, item.exhibit) for item in context["exhibits"])
        ),
        is_minor=complaint.is_minor,
        representatives=representatives(complaint),
        by_representative=complaint.filed_by_representative,
        authors_in_exhibits=authors_in_exhibits(context["exhibits"]),
        victim_accounts=victim_accounts(context["exhibits"]),
        address_inline=on_one_line(complaint.address),
    )
    return context, resources


def facts_overview(context: dict[str, Any]) -> dict[str, Any]:
    """The dates of the exhibits and the places online, for the letter's account.

    The period of the facts is the victim's to state; the exhibits only date themselves
    ("pièces datées du … au …"). Only places online count as where the facts took place:
    a medical certificate is not a platform.
    """
    chronology = context["chronology"]
    # Platform names are translated ("Online game"): name them in French, the letter's
    # language, whatever the language of the page that asked for it.
    with translation.override("fr"):
        platforms = sorted(
            {
                item.exhibit.platform_label
                for item in context["exhibits"]
                if is_online_place(item.exhibit)
            }
        )
    return {
        "today": timezone.localdate(),
        "first_fact": chronology[0].exhibit if chronology else None,
        "last_fact": chronology[-1].exhibit if chronology else None,
        "platforms": platforms,
    }


def on_one_line(text: str) -> str:
    """A multi-line postal address, for use inside a sentence."""
    return ", ".join(line.strip() for line in text.splitlines() if line.strip())


def signalement_problems(signalement: Signalement) -> list[Any]:
    """What is missing before a staff member's report can be made (translated messages)."""
    problems = []
    if not signalement.dossier.exhibits.filter(withdrawn_at=None).exists():
        problems.append(_("The dossier has no exhibit yet: add the screenshots first."))
    problems += too_many_exhibits(signalement.dossier)
    if not signalement.facts.strip():
        problems.append(_("Write down the facts as the pupil reported them."))
    return problems


def signalement_context(signalement: Signalement) -> tuple[dict[str, Any], Resources]:
    dossier = signalement.dossier
    # A pupil's photo may say where they live: a staff member does not choose to send
    # that on. The originals stay in the dossier, to be handed over if asked for.
    context, resources = gather(dossier, leave_out_located=True)
    context.update(
        facts_overview(context),
        signalement=signalement,
        pupil_is_minor=is_minor(signalement.pupil_date_of_birth),
        pupil_address_inline=on_one_line(signalement.pupil_address),
    )
    return context, resources
