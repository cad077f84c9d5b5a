"""Dates in the letters: « 1er » for the first day of a month, in Paris time."""

import datetime

from django.template import Context, Template
from django.utils import translation


def render(value):
    with translation.override("fr"):
        return Template("{% load french_dates %}{{ value|long_date }}").render(
            Context({"value": value})
        )


def test_the_first_of_the_month_is_an_ordinal():
    assert render(datetime.date(2026, 9, 1)) == "1er septembre 2026"
    assert render(datetime.date(2026, 9, 11)) == "11 septembre 2026"
    assert render(datetime.date(2026, 9, 21)) == "21 septembre 2026"


def test_a_moment_is_dated_in_paris_time():
    late_evening_utc = datetime.datetime(2026, 8, 31, 22, 30, tzinfo=datetime.UTC)
    assert render(late_evening_utc) == "1er septembre 2026"
