"""The accounts app moved out of the project package without touching the database: its
label, table and migration names are the ones an existing database already records."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder


def test_the_user_keeps_its_label_and_table():
    config = apps.get_app_config("cyberaide")
    assert config.name == "accounts"
    assert get_user_model()._meta.label == "cyberaide.User"
    assert get_user_model()._meta.db_table == "cyberaide_user"


@pytest.mark.django_db
def test_a_database_migrated_before_the_move_has_nothing_left_to_apply():
    # What a database made before the move records, row for row.
    recorded = MigrationRecorder(connection).applied_migrations()
    assert ("cyberaide", "0001_initial") in recorded
    executor = MigrationExecutor(connection)
    assert executor.loader.disk_migrations[("cyberaide", "0001_initial")].__module__ == (
        "accounts.migrations.0001_initial"
    )
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
