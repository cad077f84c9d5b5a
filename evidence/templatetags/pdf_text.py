"""User text in the PDF: long unbroken strings get break opportunities, so that a pasted
link or a run of characters wraps and layout stays linear in the length."""

from django import template

from cyberaide.text import without_bidi_controls
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
def bidi_safe(text):
    """User text inside a line of ours (a handle, a description, a link) without the
    directional controls that would turn our words around it (the date, the
    fingerprint). A pasted message keeps them: each of its lines is a paragraph of its
    own, where they end. (Wrapping the text in isolates instead costs a font fallback
    for every line: a third of the render time.)"""
    return without_bidi_controls(text) if text else text
