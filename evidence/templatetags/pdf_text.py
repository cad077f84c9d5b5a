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


# Where a link, a handle or an account number may wrap: after the characters that end a
# part of an address (a zero-width space), never after a hyphen (a word joiner): a line
# ending in "-" reads as a word cut in two, and whoever types the address again drops
# it. Both are invisible and neither is extracted with the text: a copied address is the
# address. A part too long for its line still wraps, anywhere, without a hyphen
# (``overflow-wrap: anywhere``).
BREAK_AFTER = frozenset("/?&=#")
ZERO_WIDTH_SPACE, WORD_JOINER = "\u200b", "\u2060"


@register.filter
def safe_breaks(text):
    """An address as the PDF prints it: without bidirectional controls, and with line
    breaks only where a reader sees that nothing was cut."""
    if not text:
        return text
    marked = []
    for char in without_bidi_controls(str(text)):
        marked.append(char)
        if char in BREAK_AFTER:
            marked.append(ZERO_WIDTH_SPACE)
        elif char == "-":
            marked.append(WORD_JOINER)
    return "".join(marked)


@register.filter
def bidi_safe(text):
    """User text inside a line of ours (a handle, a description, a link) without the
    directional controls that would turn our words around it (the date, the
    fingerprint). A pasted message keeps them: each of its lines is a paragraph of its
    own, where they end. (Wrapping the text in isolates instead costs a font fallback
    for every line: a third of the render time.)"""
    return without_bidi_controls(text) if text else text
