"""Migrations that change data, run forward on a database that holds data (SQLite and
PostgreSQL alike): the representative's free-text relationship becomes a choice."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import keys as test_keys

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
        dossier = Dossier.objects.create(
            owner=owner, title="d", wrapped_key=test_keys.legacy_wrapped_key()
        )
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


MARKER = "MARQUEUR-EN-CLAIR"


def raw_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 -- a fixed table name
        return [" ".join(str(value) for value in row) for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_text_already_stored_is_sealed_in_place_and_opens_again_backwards():
    import datetime
    import uuid

    from django.utils import timezone

    from evidence.custody import keys

    old = migrate([("evidence", "0007_dossier_key_id")])
    User = old.get_model("cyberaide", "User")
    Dossier = old.get_model("evidence", "Dossier")
    owner = User.objects.create(username="alice")
    public_id = uuid.uuid4()
    wrapped, key_id = keys.new_dossier_key(public_id)
    dossier = Dossier.objects.create(
        owner=owner,
        title=f"Titre {MARKER}",
        public_id=public_id,
        wrapped_key=wrapped,
        key_id=key_id,
    )
    before_key_ids = Dossier.objects.create(
        owner=owner, title=f"Ancien {MARKER}", wrapped_key=test_keys.legacy_wrapped_key()
    )
    made = timezone.now()
    exhibit = old.get_model("evidence", "Exhibit").objects.create(
        dossier=dossier,
        kind="message",
        occurred_on=datetime.date(2026, 11, 2),
        platform="snapchat",
        author_name=f"@{MARKER}",
        description=f"Description {MARKER}",
        message_text=f"Message {MARKER}",
        received_at=made - datetime.timedelta(minutes=1),
        sha256="0" * 64,
    )
    old.get_model("evidence", "Complaint").objects.create(
        dossier=dossier, last_name=MARKER, facts=f"Faits {MARKER}", offences=["harcelement_moral"]
    )
    old.get_model("evidence", "Signalement").objects.create(
        dossier=before_key_ids,
        staff_name=MARKER,
        function="CPE",
        establishment="Collège",
        establishment_address="1 rue",
        pupil_name=f"Élève {MARKER}",
        reported_on=datetime.date(2026, 11, 3),
        facts=f"Faits {MARKER}",
        recipient_town="Lyon",
    )
    document = old.get_model("evidence", "GeneratedDocument").objects.create(
        dossier=dossier, kind="complaint", status="ready", requested_by="alice"
    )
    tables = ["evidence_dossier", "evidence_exhibit", "evidence_complaint", "evidence_signalement"]
    assert any(MARKER in row for table in tables for row in raw_rows(table))
    try:
        new = migrate([("evidence", "0008_encrypted_text_and_document_contents")])
        for table in tables:
            assert not [row for row in raw_rows(table) if MARKER in row], table
        sealed_exhibit = new.get_model("evidence", "Exhibit").objects.get(pk=exhibit.pk)
        assert sealed_exhibit.message_text == f"Message {MARKER}"
        assert sealed_exhibit.author_name == f"@{MARKER}"
        complaint = new.get_model("evidence", "Complaint").objects.get(dossier_id=dossier.pk)
        assert (complaint.last_name, complaint.offences) == (MARKER, ["harcelement_moral"])
        signalement = new.get_model("evidence", "Signalement").objects.get()
        assert signalement.pupil_name == f"Élève {MARKER}"
        # A PDF made before the migration is taken to hold every exhibit that came before.
        contents = new.get_model("evidence", "GeneratedDocument").objects.get(pk=document.pk)
        assert list(contents.exhibits.values_list("pk", flat=True)) == [exhibit.pk]

        back = migrate([("evidence", "0007_dossier_key_id")])
        assert any(f"Message {MARKER}" in row for row in raw_rows("evidence_exhibit"))
        assert back.get_model("evidence", "Complaint").objects.get().offences == [
            "harcelement_moral"
        ]
    finally:
        migrate(executor_leaf())
