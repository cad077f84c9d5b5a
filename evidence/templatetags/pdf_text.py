"""User text in the PDF: long unbroken strings get break opportunities, so that a pasted
link or a run of characters wraps and layout stays linear in the length."""

from django import template

from evidence.pdf import with_break_opportunities

register = template.Library()


@register.filter
def breakable(text):
    return with_break_opportunities(text)
