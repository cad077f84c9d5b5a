"""Dates written out as French letters write them: « le 1er septembre 2026 »."""

from django import template
from django.template.defaultfilters import date

register = template.Library()


@register.filter(expects_localtime=True)
def long_date(value):
    """``j F Y`` in the active language, with the ordinal French uses for the first day
    of a month (« 1er »; every other day is a cardinal number)."""
    text = date(value, "j F Y")
    if text.startswith("1 "):
        return "1er " + text[2:]
    return text
