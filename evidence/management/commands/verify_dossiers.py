"""Check every dossier's custody: run daily from cron (docs/OPERATIONS.md), and after
every restore. Exits with status 1 when anything does not verify, so cron mails it."""

from django.core.management.base import BaseCommand, CommandError

from evidence.custody import storage
from evidence.custody.integrity import verify_dossier
from evidence.models import Dossier


class Command(BaseCommand):
    help = (
        "Verify every dossier: its journal's hash chain, every exhibit's stored content "
        "against the SHA-256 recorded on arrival, and every generated PDF against its own. "
        "Reports each dossier that does not verify, and those no configured key opens."
    )

    def handle(self, *args, **options):
        checked, problems = 0, []
        for dossier in Dossier.objects.order_by("pk").iterator(chunk_size=200):
            checked += 1
            if not storage.can_open(dossier):
                problems.append(f"dossier {dossier.public_id}: no configured key opens it")
                continue
            check = verify_dossier(dossier)
            if not check.journal_ok:
                problems.append(f"dossier {dossier.public_id}: the journal chain is broken")
            for exhibit in check.altered_exhibits:
                problems.append(
                    f"dossier {dossier.public_id}: exhibit {exhibit.public_id} does not match "
                    "its recorded SHA-256 (altered or missing)"
                )
            for document in check.unreadable_documents:
                problems.append(
                    f"dossier {dossier.public_id}: PDF {document} does not match its SHA-256"
                )
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write(f"{checked} dossier(s) checked, {len(problems)} problem(s)")
        if problems:
            raise CommandError("Some dossiers do not verify: see above.", returncode=1)
