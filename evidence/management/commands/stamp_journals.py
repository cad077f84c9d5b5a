"""Stamp every journal head that no timestamp token covers yet: after the timestamping
authority was down, or on a deployment without a worker that retries (run it from cron)."""

from django.core.management.base import BaseCommand, CommandError

from evidence.custody import stamps, timestamps


class Command(BaseCommand):
    help = (
        "Obtain a timestamp token (CYBERAIDE_TSA_URL) over the chain head of every dossier "
        "whose last journal event is not yet stamped. Exits with status 1 if any fails."
    )

    def handle(self, *args, **options):
        if not timestamps.configured():
            raise CommandError("No timestamping authority: set CYBERAIDE_TSA_URL.")
        stamped, failed = 0, 0
        for dossier in stamps.unstamped_dossiers().iterator(chunk_size=200):
            try:
                stamps.stamp_head(dossier)
            except timestamps.TimestampFailed as error:
                failed += 1
                self.stderr.write(f"dossier {dossier.public_id}: {error}")
            else:
                stamped += 1
        self.stdout.write(f"{stamped} journal(s) stamped, {failed} failure(s)")
        if failed:
            raise CommandError("Some journals could not be stamped: see above.", returncode=1)
