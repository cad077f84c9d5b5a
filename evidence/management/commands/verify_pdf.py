"""Verify a dossier PDF from the file alone, as the public page /<lang>/verifier/ does."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from evidence.verifier.checks import verify_pdf
from evidence.verifier.report import NOT_PROVEN


class Command(BaseCommand):
    help = (
        "Check a PDF made by cyberaide: its seal or timestamp, each attached original "
        "against its printed SHA-256, the journal recomputed, each timestamp token. "
        "Exits with status 1 when the file was altered."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the PDF to check")
        parser.add_argument("--language", default="fr", choices=["fr", "en"])

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            try:
                with open(options["file"], "rb") as stream:
                    report = verify_pdf(stream)
            except OSError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(str(report.verdict))
            for finding in report.findings:
                self.stdout.write(f"[{finding.outcome.label}] {finding.title} : {finding.detail}")
            self.stdout.write(str(translation.gettext("What no check of the file can prove:")))
            for sentence in NOT_PROVEN:
                self.stdout.write(f"- {sentence}")
        if report.altered:
            raise CommandError("The PDF does not verify: see above.", returncode=1)
