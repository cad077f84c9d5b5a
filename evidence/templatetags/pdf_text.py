"""User text in the PDF: long unbroken strings get break opportunities, so that a pasted
link or a run of characters wraps and layout stays linear in the length."""

from django import template

from evidence.pdf.context import with_break_opportunities

register = template.Library()


@register.filter
def breakable(text):
    return with_break_opportunities(text)


SUBJECT_LENGTH = 100


@register.filter
def subject_names(text):
    """The authors as the subject line names them: the first line of what the victim
    wrote, shortened at a space (never inside a name or a handle) when it is long. The
    letter's body gives them in full."""
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first_line) <= SUBJECT_LENGTH and first_line == text.strip():
        return first_line
    cut = first_line[: SUBJECT_LENGTH + 1]
    if len(first_line) > SUBJECT_LENGTH:
        cut = cut.rsplit(" ", 1)[0] if " " in cut else first_line
    return cut.rstrip(" ,;:") + " (désignation complète ci-dessous)"


@register.filter
def de(name):
    """ "de Léa", "d'Alice": French elides "de" before a vowel (and a mute h, which only
    a person knows: names starting with h keep "de")."""
    name = str(name).strip()
    if name[:1].lower() in "aeiouyàâäéèêëîïôöùûü":
        return f"d'{name}"
    return f"de {name}"


@register.filter
def isolated(text):
    """User text inside a line of ours, between FIRST STRONG ISOLATE and POP DIRECTIONAL
    ISOLATE: whatever directional controls or right-to-left letters it holds, they
    cannot reorder the words around it (the date, the fingerprint)."""
    return f"\u2068{text}\u2069" if text else text
