import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from evidence.custody import scratch
from evidence.custody.storage import evidence_storage
from evidence.models import Exhibit, GeneratedDocument


class Command(BaseCommand):
    help = (
        "Delete evidence files that no exhibit or PDF refers to, and scratch files "
        "(uploads, PDFs and exports being assembled) left in FILE_UPLOAD_TEMP_DIR: what a "
        "crash or a killed worker can leave behind. Recent files are kept, since an upload "
        "may still be in progress."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help="Only delete unreferenced files at least this old (default: 60).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List, delete nothing.")

    def handle(self, *, older_than_minutes, dry_run, **options):
        storage = evidence_storage()
        referenced: set[str] = set()
        for exhibit in Exhibit.objects.only(*Exhibit.FILE_FIELDS, "page_files").iterator():
            referenced.update(exhibit.stored_files())
        referenced.update(GeneratedDocument.objects.exclude(file="").values_list("file", flat=True))
        cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
        swept = 0
        try:
            folders, _files = storage.listdir("")
        except FileNotFoundError:  # nothing stored yet
            folders = []
        for folder in folders:
            for name in storage.listdir(folder)[1]:
                path = f"{folder}/{name}"
                if path in referenced or storage.get_modified_time(path) > cutoff:
                    continue
                swept += 1
                if not dry_run:
                    storage.delete(path)
        scratch_files = scratch.sweep(
            datetime.timedelta(minutes=older_than_minutes), dry_run=dry_run
        )
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {swept} unreferenced file(s) and {scratch_files} scratch file(s)"
        )
