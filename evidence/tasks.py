"""Background work, through the django-tasks API.

By default tasks run immediately, inside the request (``make run``, tests); a deployment
sets ``CYBERAIDE_TASKS_BACKEND=database`` and runs ``manage.py db_worker``. The task's
import path (``evidence.tasks.build_document``) is stored with every queued job: keep it.
The renderer is imported when the task runs, not when this module is imported, so a web
process that only queues work never loads WeasyPrint.
"""

from django_tasks import task


@task()
def build_document(document_id):
    from evidence.pdf.snapshots import build_document as build

    build(document_id)


@task()
def stamp_journal(dossier_id, attempt=1):
    """Obtain a timestamp token over the dossier's chain head (evidence.custody.stamps)."""
    from evidence.custody.stamps import stamp_or_retry

    stamp_or_retry(dossier_id, attempt)
