"""Durations as people count them."""

import math

from django import template

register = template.Library()


@register.filter
def whole_minutes(duration):
    """A ``timedelta`` in minutes, rounded up: "try again in 2 minutes" is never too soon."""
    return math.ceil(duration.total_seconds() / 60) if duration else 0
