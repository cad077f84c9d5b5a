from django.core.management.base import BaseCommand

from evidence.models import Exhibit
from evidence.services.copies import needs_refresh, refresh_exhibit


class Command(BaseCommand):
    help = (
        "Give exhibits stored by an older version what ingest makes today: the print copy "
        "of a tall screenshot, a PDF document's pages as pictures, and whether a photo's "
        "original holds a GPS position or a capture date. Originals, hashes and the "
        "victims' statements are never changed; an original that no longer matches its "
        "hash is reported and left alone. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *, dry_run, **options):
        counts = {"refreshed": 0, "current": 0, "altered": 0, "unreadable": 0}
        exhibits = Exhibit.objects.exclude(original_file="").select_related("dossier")
        for exhibit in exhibits.iterator(chunk_size=200):
            if dry_run:
                counts["refreshed" if needs_refresh(exhibit) else "current"] += 1
                continue
            result = refresh_exhibit(exhibit)
            counts[result.outcome] += 1
            if result.outcome in ("altered", "unreadable"):
                # The exhibit's public id only: no name, no content.
                self.stderr.write(f"exhibit {exhibit.public_id}: {result.outcome}")
        verb = "would refresh" if dry_run else "refreshed"
        self.stdout.write(
            f"{verb} {counts['refreshed']} exhibit(s); {counts['current']} already current, "
            f"{counts['altered']} altered, {counts['unreadable']} unreadable"
        )
