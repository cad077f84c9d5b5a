"""Migrations that change data, run forward on a database that holds data (SQLite and
PostgreSQL alike): the representative's free-text relationship becomes a choice."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("evidence", "0005_helpers_and_signalement")]
AFTER = [("evidence", "0006_letter_and_signalement_corrections")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_free_text_relationships_become_choices_and_unknown_ones_are_cleared():
    old = migrate(BEFORE)
    User = old.get_model("cyberaide", "User")
    Dossier = old.get_model("evidence", "Dossier")
    Complaint = old.get_model("evidence", "Complaint")
    owner = User.objects.create(username="alice")
    said = {
        "sa mère": "mother",
        "Papa": "father",
        "tutrice légale": "guardian_woman",
        "guardian": "guardian_man",
        "ma grand-tante qui m'élève depuis mes six ans": "",
        "": "",
    }
    ids = {}
    for text in said:
        dossier = Dossier.objects.create(owner=owner, title="d", wrapped_key=b"k")
        ids[text] = Complaint.objects.create(dossier=dossier, representative_relationship=text).pk
    try:
        new = migrate(AFTER)
        Complaint = new.get_model("evidence", "Complaint")
        for text, choice in said.items():
            complaint = Complaint.objects.get(pk=ids[text])
            assert complaint.representative_relationship == choice, text
            assert complaint.filed_by == "victim"
    finally:
        migrate(executor_leaf())


def executor_leaf():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
