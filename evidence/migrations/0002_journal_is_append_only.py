"""Database triggers that make the journal append-only, whatever code runs.

An event can never be updated. It can be deleted only after its dossier is gone: erasing
a dossier (the victim's right) erases its journal with it, nothing else can.
"""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER evidence_event_no_update BEFORE UPDATE ON evidence_event
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    """,
    """
    CREATE TRIGGER evidence_event_no_delete BEFORE DELETE ON evidence_event
    WHEN EXISTS (SELECT 1 FROM evidence_dossier WHERE id = OLD.dossier_id)
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS evidence_event_no_update;",
    "DROP TRIGGER IF EXISTS evidence_event_no_delete;",
]

POSTGRESQL = [
    """
    CREATE FUNCTION evidence_event_append_only() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'UPDATE' OR EXISTS (
            SELECT 1 FROM evidence_dossier WHERE id = OLD.dossier_id
        ) THEN
            RAISE EXCEPTION 'the journal is append-only';
        END IF;
        RETURN OLD;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER evidence_event_append_only BEFORE UPDATE OR DELETE ON evidence_event
    FOR EACH ROW EXECUTE FUNCTION evidence_event_append_only();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS evidence_event_append_only ON evidence_event;",
    "DROP FUNCTION IF EXISTS evidence_event_append_only();",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
