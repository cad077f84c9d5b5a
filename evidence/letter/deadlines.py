"""The press-law deadline of a complaint: insult and defamation prescribe fast.

Public insult and defamation (loi du 29 juillet 1881) are prescribed 3 months after
publication, 1 year for their discriminatory forms (articles 65 and 65-3). A plainte
simple — the letter this app writes — does not interrupt that clock: before prosecution,
only the parquet's réquisitions aux fins d'enquête do (article 65, second paragraph). The
victim must know the last safe date while there is still time for a plainte avec
constitution de partie civile (article 85 CPP) or a citation directe. Checked on
1 December 2026 on Légifrance.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone

from evidence.letter.offences import OFFENCES_BY_KEY
from evidence.models import is_online_place


def add_months(day, months):
    """The same day ``months`` later, or the month's last day when it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class PressLawDeadline:
    months: int  # 3, or 12 for the discriminatory forms
    published_on: datetime.date | None  # the earliest publication among the exhibits
    exhibit_number: int | None  # the exhibit it comes from ("pièce n° k")

    @property
    def last_safe_date(self):
        """The day before the deadline falls: acting on it leaves no doubt about how the
        months are counted."""
        if self.published_on is None:
            return None
        return add_months(self.published_on, self.months) - datetime.timedelta(days=1)

    @property
    def has_passed(self):
        return self.last_safe_date is not None and self.last_safe_date < timezone.localdate()

    @property
    def days_left(self):
        if self.last_safe_date is None:
            return None
        return (self.last_safe_date - timezone.localdate()).days


def press_law_deadline(offence_keys, numbered_exhibits):
    """The deadline for the press-law offences among ``offence_keys``, or None.

    ``numbered_exhibits`` are ``(number, exhibit)`` pairs. The publication date is the
    earliest date of facts among the exhibits found online (a certificate is not a
    publication); the shortest deadline among the offences chosen wins, since acting
    before it is safe for every one of them.
    """
    months = [
        OFFENCES_BY_KEY[key].press_law_months
        for key in offence_keys
        if key in OFFENCES_BY_KEY and OFFENCES_BY_KEY[key].press_law_months
    ]
    if not months:
        return None
    online = [
        (exhibit.occurred_on, number)
        for number, exhibit in numbered_exhibits
        if is_online_place(exhibit)
    ]
    published_on, number = min(online) if online else (None, None)
    return PressLawDeadline(months=min(months), published_on=published_on, exhibit_number=number)


def dossier_press_law_deadline(dossier):
    """The deadline for a dossier's complaint, from its exhibits in the letter's order."""
    complaint = getattr(dossier, "complaint", None)
    if complaint is None:
        return None
    exhibits = dossier.exhibits.filter(withdrawn_at=None)
    return press_law_deadline(complaint.offences, enumerate(exhibits, start=1))
