"""Stamping the journal: a token from the timestamping authority over a dossier's chain head.

The head's hash covers every event before it, so one token over the head dates them all:
a batch of uploads needs one token. ``record_event`` asks for a stamp, after its
transaction commits, for each event that adds or changes evidence or records a PDF
(``Event.STAMPED_ACTIONS``); the request goes to the task queue (``evidence.tasks``), so
an upload never waits for the authority. A stamp that fails is queued again later, with
a growing delay, and ``manage.py stamp_journals`` stamps every head still unstamped.
No network call ever runs inside a transaction.
"""

from __future__ import annotations

import base64
import bisect
import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from evidence.custody import timestamps
from evidence.models import Dossier, Event, JournalStamp

logger = logging.getLogger(__name__)


def ask_for_stamp(dossier_id: int) -> None:
    """Queue a stamp of this dossier's head once the current transaction commits."""
    if not timestamps.configured():
        return

    def enqueue() -> None:
        from evidence.tasks import stamp_journal

        stamp_journal.enqueue(dossier_id)

    transaction.on_commit(enqueue)


def stamp_head(dossier: Dossier) -> JournalStamp | None:
    """The stamp over the dossier's current head, obtained now if it has none. None when
    no authority is configured or the journal is empty. Raises ``TimestampFailed``."""
    if not timestamps.configured():
        return None
    head = dossier.events.order_by("-sequence").first()
    if head is None:
        return None
    existing = JournalStamp.objects.filter(event=head).first()
    if existing is not None:
        return existing
    token = timestamps.request_token(bytes.fromhex(head.hash))
    try:
        with transaction.atomic():
            return JournalStamp.objects.create(
                dossier=dossier,
                event=head,
                chain_head=head.hash,
                token=token.der,
                authority=token.authority,
                stamped_at=token.time,
                serial=str(token.serial),
                policy=token.policy,
            )
    except IntegrityError:  # another worker stamped the same head meanwhile
        return JournalStamp.objects.get(event=head)


def stamp_or_retry(dossier_id: int, attempt: int) -> None:
    """The worker's side: stamp the head, or queue another attempt later."""
    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is None:
        return  # erased meanwhile
    try:
        stamp_head(dossier)
    except timestamps.TimestampFailed as error:
        logger.warning("Stamping the journal of dossier %s failed: %s", dossier_id, error)
        retry(dossier_id, attempt)


def retry(dossier_id: int, attempt: int) -> None:
    from evidence.tasks import stamp_journal

    if attempt >= settings.CYBERAIDE_TSA_ATTEMPTS or not stamp_journal.get_backend().supports_defer:
        return  # left to the next change, or to `manage.py stamp_journals`
    delay = settings.CYBERAIDE_TSA_RETRY_SECONDS * 2 ** (attempt - 1)
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    stamp_journal.using(run_after=run_after).enqueue(dossier_id, attempt + 1)


def unstamped_dossiers() -> QuerySet[Dossier]:
    """Dossiers whose last event no stamp covers."""
    head = Event.objects.filter(dossier=OuterRef("pk")).order_by("-sequence").values("sequence")
    stamped = (
        JournalStamp.objects.filter(dossier=OuterRef("pk"))
        .values("dossier")
        .annotate(last=Max("event__sequence"))
        .values("last")
    )
    return (
        Dossier.objects.annotate(head=Subquery(head[:1]), stamped=Subquery(stamped))
        .exclude(head=None)
        .filter(Q(stamped=None) | Q(stamped__lt=F("head")))
        .order_by("pk")
    )


def token_record(stamp: JournalStamp) -> dict[str, Any]:
    """A stamp as the export and integrite.json write it (the token DER, in base64)."""
    return {
        "covers_sequence": stamp.event.sequence,
        "chain_head": stamp.chain_head,
        "authority": stamp.authority,
        "time": stamp.stamped_at.astimezone(datetime.UTC).isoformat(),
        "serial": stamp.serial,
        "policy": stamp.policy,
        "token": base64.b64encode(bytes(stamp.token)).decode(),
    }


def stamped_events(dossier: Dossier, events: Iterable[Event]) -> dict[int, JournalStamp]:
    """For each event (by sequence), the first stamp that covers it; unstamped ones are
    absent."""
    stamps = sorted(dossier.stamps.select_related("event"), key=lambda s: s.event.sequence)
    heads = [stamp.event.sequence for stamp in stamps]
    covering: dict[int, JournalStamp] = {}
    for event in events:
        first = bisect.bisect_left(heads, event.sequence)
        if first < len(stamps):
            covering[event.sequence] = stamps[first]
    return covering
