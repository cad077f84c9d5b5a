"""Background work, through the django-tasks API.

By default tasks run immediately, inside the request (``make run``, tests); a deployment
sets ``CYBERAIDE_TASKS_BACKEND=database`` and runs ``manage.py db_worker``.
"""

from django_tasks import task

from evidence import documents


@task()
def build_document(document_id):
    documents.build_document(document_id)
