"""What grows is kept only as long as it serves: lockout records, sessions, task results,
spent codes (``manage.py purge_expired``); and the SQLite file is its owner's alone."""

import datetime
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evidence.models import HelperInvitation, Scope
from evidence.sharing import grants
from tests.evidence.factories import PASSWORD, make_dossier, make_user

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def fail_login(client, username):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": "wrong"},
        HTTP_USER_AGENT="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Famille-Martin",
    )


def test_a_failed_login_keeps_only_what_the_lockout_needs(client, django_user_model):
    make_user(django_user_model, "alice")
    fail_login(client, "alice")
    fail_login(client, "alice")
    (attempt,) = AccessAttempt.objects.all()
    assert (attempt.username, attempt.failures_since_start) == ("alice", 2)
    assert attempt.ip_address
    assert (attempt.user_agent, attempt.get_data, attempt.post_data) == ("", "", "")
    assert (attempt.http_accept, attempt.path_info) == ("", "")
    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert not AccessLog.objects.exists()  # a successful login leaves no record


def test_the_lockout_still_locks(client, django_user_model, settings):
    make_user(django_user_model, "alice")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        fail_login(client, "alice")
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429


def test_an_erased_account_leaves_no_lockout_record(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    fail_login(client, "alice")
    fail_login(client, "someone-else")
    client.force_login(alice)
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["someone-else"]


def test_purge_expired_deletes_what_has_outlived_its_use(client, django_user_model, settings):
    alice = make_user(django_user_model, "alice")
    now = timezone.now()
    client.force_login(alice)
    fail_login(Client(), "alice")
    fail_login(Client(), "bob")
    AccessAttempt.objects.filter(username="bob").update(
        attempt_time=now - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=now - datetime.timedelta(days=1)
    )
    dossier = make_dossier(alice)
    spent, _code = grants.invite_helper(dossier=dossier, actor=alice, scope=Scope.READ)
    live, _code = grants.invite_helper(dossier=dossier, actor=alice, scope=Scope.READ)
    HelperInvitation.objects.filter(pk=spent.pk).update(
        expires_at=now - datetime.timedelta(days=31)
    )
    from django_tasks_db.models import DBTaskResult

    old_task = DBTaskResult.objects.create(
        task_path="evidence.tasks.build_document",
        args_kwargs={"args": [1], "kwargs": {}},
        status="SUCCESSFUL",
        backend_name="default",
        queue_name="default",
        finished_at=now - datetime.timedelta(days=8),
    )
    from evidence.models import GeneratedDocument

    orphaned = GeneratedDocument.objects.create(
        dossier=dossier,
        kind="complaint",
        requested_by="alice",
        started_at=now - datetime.timedelta(hours=2),
    )
    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "sessions: would delete 1" in out.getvalue()
    assert AccessAttempt.objects.count() == 2
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    report = out.getvalue()
    assert "login failures: deleted 1" in report and "invitation codes: deleted 1" in report
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["alice"]
    assert not Session.objects.filter(session_key="x" * 32).exists()
    assert Session.objects.exists()  # Alice's live session stays
    assert list(HelperInvitation.objects.values_list("pk", flat=True)) == [live.pk]
    assert not DBTaskResult.objects.filter(pk=old_task.pk).exists()
    assert "interrupted PDFs: marked 1 failed" in report
    orphaned.refresh_from_db()
    assert (orphaned.status, orphaned.failure) == ("failed", "interrupted")


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path, settings):
    environment = {
        **os.environ,
        "CYBERAIDE_DATA_DIR": str(tmp_path),
        "CYBERAIDE_STORAGE_KEY": settings.CYBERAIDE_STORAGE_KEY,
        "DJANGO_SETTINGS_MODULE": "cyberaide.settings",
    }
    environment.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v", "0"],
        env=environment,
        check=True,
        cwd=ROOT,
    )
    files = [path for path in tmp_path.iterdir() if path.name.startswith("db.sqlite3")]
    assert any(path.name == "db.sqlite3" for path in files)
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
