"""The settings module: safe by default, clean `check --deploy` when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests import keys

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "x7!kq2-production-like-secret-for-the-deploy-check-9f3e1c0b8a7d6e5f",
    "DJANGO_ALLOWED_HOSTS": "cyberaide.example.fr",
    "DJANGO_HTTPS": "1",
    "CYBERAIDE_STORAGE_KEY": keys.CURRENT,
}


def run_check(extra_environment, tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CYBERAIDE_", "DATABASE_URL"))
    }
    environment.update(extra_environment, CYBERAIDE_DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_with_the_documented_variables(tmp_path):
    result = run_check(PRODUCTION_ENVIRONMENT, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_flags_the_development_defaults(tmp_path):
    result = run_check({}, tmp_path)
    assert result.returncode != 0
    for warning in ("security.W009", "security.W004", "security.W008", "security.W012"):
        assert warning in result.stdout + result.stderr


def debug_setting(extra_environment, tmp_path):
    """``DEBUG`` as the settings module computes it in a fresh process: pytest-django
    forces it off in the test process itself, so that one proves nothing."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CYBERAIDE_", "DATABASE_URL"))
    }
    environment.update(
        extra_environment,
        CYBERAIDE_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="cyberaide.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_debug_is_off_unless_asked(tmp_path):
    assert debug_setting({}, tmp_path) == "False"
    assert debug_setting({"DJANGO_DEBUG": "0"}, tmp_path) == "False"
    assert debug_setting({"DJANGO_DEBUG": "1"}, tmp_path) == "True"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings only")
def test_sqlite_takes_the_write_lock_when_a_transaction_starts():
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
