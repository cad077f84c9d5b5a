from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from evidence.custody import storage
from evidence.models import Dossier
from evidence.pdf.context import DossierNotReady
from evidence.services import documents


class Command(BaseCommand):
    help = (
        "Render a dossier's complaint PDF, keep it as a snapshot in the dossier (with its "
        "journal entry), and write it to a file."
    )

    def add_arguments(self, parser):
        parser.add_argument("public_id", help="The dossier's public id (a UUID).")
        parser.add_argument("--output", required=True, type=Path, help="Where to write the PDF.")
        parser.add_argument(
            "--without-located-originals",
            action="store_true",
            help="Attach no original that holds a GPS position (its copy is still printed).",
        )

    def handle(self, *, public_id, output, without_located_originals, **options):
        try:
            dossier = Dossier.objects.get(public_id=public_id)
        except (Dossier.DoesNotExist, ValidationError, ValueError) as error:
            raise CommandError(f"No dossier with the id {public_id}.") from error
        try:
            document = documents.generate_now(
                dossier=dossier, actor=None, leave_out_located=without_located_originals
            )
        except DossierNotReady as not_ready:
            raise CommandError(
                "The dossier is not ready for a PDF:\n- "
                + "\n- ".join(map(str, not_ready.problems))
            ) from not_ready
        with output.open("wb") as target:
            for chunk in storage.read_chunks(dossier, document.file):
                target.write(chunk)
        self.stdout.write(f"{output} ({document.size} bytes, SHA-256 {document.sha256})")
