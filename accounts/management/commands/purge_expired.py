"""Delete what has outlived its use: run daily from cron (docs/OPERATIONS.md)."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from evidence.models import GeneratedDocument, HelperInvitation
from evidence.services import document_states


class Command(BaseCommand):
    help = (
        "Delete expired sessions, login failures older than the lockout's cool-off, "
        "finished background-task results older than CYBERAIDE_TASK_RESULT_RETENTION_DAYS, "
        "and helper invitation codes that can no longer be used, "
        "CYBERAIDE_SPENT_CODE_RETENTION_DAYS after they stopped working; and marks failed "
        "the PDFs whose worker died. Says what it did."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run, **options):
        now = timezone.now()
        spent_before = now - datetime.timedelta(days=settings.CYBERAIDE_SPENT_CODE_RETENTION_DAYS)
        expired = {
            "sessions": Session.objects.filter(expire_date__lt=now),
            "login failures": AccessAttempt.objects.filter(
                attempt_time__lt=now - settings.AXES_COOLOFF_TIME
            ),
            "login records": AccessLog.objects.all(),  # none are written; older ones go
            "login failure logs": AccessFailureLog.objects.all(),
            "task results": DBTaskResult.objects.filter(
                finished_at__lt=now
                - datetime.timedelta(days=settings.CYBERAIDE_TASK_RESULT_RETENTION_DAYS)
            ),
            # Used codes stay: they record who joined. A code never used is spent once it
            # expired or was cancelled.
            "invitation codes": HelperInvitation.objects.filter(used_at=None).filter(
                Q(expires_at__lt=spent_before) | Q(cancelled_at__lt=spent_before)
            ),
        }
        # A PDF whose worker died is never left "being prepared": failed, and journaled.
        stale = document_states.stale(GeneratedDocument.objects.all()).count()
        if not dry_run:
            document_states.fail_stale(GeneratedDocument.objects.all())
        self.stdout.write(
            f"interrupted PDFs: {'would mark' if dry_run else 'marked'} {stale} failed"
        )
        for name, rows in expired.items():
            count = rows.count()
            if not dry_run:
                rows.delete()
            verb = "would delete" if dry_run else "deleted"
            self.stdout.write(f"{name}: {verb} {count}")
