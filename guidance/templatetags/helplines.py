"""The helplines in any template, from their one source (``guidance.content.CONTACTS``).

``{% helpline "3018" as line %}`` gives a helpline (``line.number``, ``line.dial``,
``line.hours``…) to write into a sentence; ``{% helplines_short %}`` is the list at the
foot of every page.
"""

from django import template

from guidance.content import CONTACTS_BY_NUMBER

register = template.Library()

EMERGENCY = ("17", "112", "114")


@register.simple_tag
def helpline(dial):
    return CONTACTS_BY_NUMBER[dial]


@register.inclusion_tag("guidance/includes/helplines_short.html")
def helplines_short():
    return {
        "helplines": [
            contact for contact in CONTACTS_BY_NUMBER.values() if contact.dial not in EMERGENCY
        ],
        "police": CONTACTS_BY_NUMBER["17"],
        "europe": CONTACTS_BY_NUMBER["112"],
        "text": CONTACTS_BY_NUMBER["114"],
    }
