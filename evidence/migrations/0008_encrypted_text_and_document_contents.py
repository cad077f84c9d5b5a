"""Text that is evidence is sealed with its dossier's key, in place; each generated PDF
records the exhibits it contains.

The columns become text (a sealed value is longer than the old limits), then every row is
loaded and saved again: the encrypted fields read the old clear text and seal it. The
server keys must be configured: a dossier whose key does not open stops the migration,
which then changes nothing. On PostgreSQL, the clear text stays in dead row versions until
``VACUUM FULL`` (docs/OPERATIONS.md).

PDFs made before this migration did not record their exhibits: each is taken to contain
every exhibit that had arrived before it was made (withdrawn ones too), so that erasing an
exhibit never leaves a PDF that might hold it.
"""

import importlib
import json

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Value

import evidence.custody.fields

# SQLite changes a column's type by rebuilding the table, which the journal's trigger
# (it looks the dossier up) refuses: the triggers step aside and come straight back.
journal = importlib.import_module("evidence.migrations.0002_journal_is_append_only")
triggers = importlib.import_module("evidence.migrations.0007_dossier_key_id").triggers

SEALED = {
    "dossier": ["title"],
    "exhibit": [
        "platform_other",
        "author_name",
        "author_profile_url",
        "content_url",
        "description",
        "message_text",
        "original_name",
    ],
    "complaint": [
        "last_name",
        "first_names",
        "place_of_birth",
        "occupation",
        "address",
        "phone",
        "email",
        "representative_name",
        "representative_address",
        "representative_phone",
        "representative_email",
        "second_representative_name",
        "second_representative_phone",
        "recipient_town",
        "recipient_address",
        "authors",
        "facts_period",
        "facts",
        "harm",
        "harm_amount",
        "witnesses",
        "offences",
        "signed_in_town",
    ],
    "signalement": [
        "staff_name",
        "function",
        "establishment",
        "establishment_address",
        "contact",
        "pupil_name",
        "pupil_class",
        "pupil_address",
        "representatives",
        "presumed_authors",
        "facts",
        "actions_taken",
        "recipient_town",
        "signed_in_town",
    ],
    "helperinvitation": ["note"],
}


def _rows(apps, model_name):
    model = apps.get_model("evidence", model_name)
    rows = (
        model.objects.all() if model_name == "dossier" else model.objects.select_related("dossier")
    )
    return rows.order_by("pk").iterator(chunk_size=500)


def seal_in_place(apps, schema_editor):
    for model_name, fields in SEALED.items():
        for row in _rows(apps, model_name):
            row.save(update_fields=fields)


def open_in_place(apps, schema_editor):
    for model_name, fields in SEALED.items():
        model = apps.get_model("evidence", model_name)
        for row in _rows(apps, model_name):
            clear = {name: getattr(row, name) for name in fields}
            if model_name == "complaint":
                clear["offences"] = json.dumps(clear["offences"])
            model.objects.filter(pk=row.pk).update(
                **{name: Value(value) for name, value in clear.items()}
            )


def record_document_contents(apps, schema_editor):
    GeneratedDocument = apps.get_model("evidence", "GeneratedDocument")
    Exhibit = apps.get_model("evidence", "Exhibit")
    for document in GeneratedDocument.objects.order_by("pk").iterator(chunk_size=500):
        document.exhibits.set(
            Exhibit.objects.filter(
                dossier_id=document.dossier_id, received_at__lte=document.created_at
            )
        )
        if document.kind == "signalement" and document.signalement_id:
            Signalement = apps.get_model("evidence", "Signalement")
            author = Signalement.objects.filter(pk=document.signalement_id).values("author")
            GeneratedDocument.objects.filter(pk=document.pk).update(author=author[:1])


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0007_dossier_key_id"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(triggers(journal.SQLITE_REVERSE), triggers(journal.SQLITE)),
        migrations.AddField(
            model_name="generateddocument",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="generateddocument",
            name="exhibits",
            field=models.ManyToManyField(
                blank=True, related_name="documents", to="evidence.exhibit"
            ),
        ),
        migrations.AddField(
            model_name="generateddocument",
            name="failure",
            field=models.CharField(
                blank=True,
                choices=[
                    ("rendering", "The PDF could not be made; try again."),
                    (
                        "altered_exhibit",
                        "An exhibit no longer matches the fingerprint recorded when it arrived, so no PDF was made: it would have shown altered evidence as intact. The people who run this service have been told.",
                    ),
                ],
                max_length=16,
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="address",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, verbose_name="postal address"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="authors",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, max_length=5000, verbose_name="who did it"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="email",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="email", max_length=254, verbose_name="e-mail address"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="facts",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, max_length=20000, verbose_name="what happened"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="facts_period",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=200, verbose_name="since when"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="first_names",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=150, verbose_name="first names"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="harm",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, max_length=5000, verbose_name="the harm it caused you"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="harm_amount",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=100, verbose_name="amount of the harm"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="last_name",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=100, verbose_name="last name"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="occupation",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=150, verbose_name="occupation or school"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="offences",
            field=evidence.custody.fields.EncryptedJSONField(blank=True, default=list),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="phone",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=40, verbose_name="phone number"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="place_of_birth",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=150, verbose_name="place of birth"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="recipient_address",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, verbose_name="address, if you know it"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="recipient_town",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=150, verbose_name="town"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="representative_address",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, verbose_name="legal representative's address"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="representative_email",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True,
                form_input="email",
                max_length=254,
                verbose_name="legal representative's e-mail",
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="representative_name",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True,
                form_input="line",
                max_length=200,
                verbose_name="legal representative's full name",
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="representative_phone",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True,
                form_input="line",
                max_length=40,
                verbose_name="legal representative's phone number",
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="second_representative_name",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True,
                form_input="line",
                max_length=200,
                verbose_name="second legal representative's full name",
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="second_representative_phone",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True,
                form_input="line",
                max_length=40,
                verbose_name="second legal representative's phone number",
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="signed_in_town",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=150, verbose_name="town where you sign"
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="witnesses",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, max_length=5000, verbose_name="witnesses"
            ),
        ),
        migrations.AlterField(
            model_name="dossier",
            name="title",
            field=evidence.custody.fields.EncryptedTextField(
                form_input="line",
                help_text="Only you see it. Choose a neutral title if someone else may see your screen.",
                max_length=120,
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="action",
            field=models.CharField(
                choices=[
                    ("dossier_created", "Dossier created"),
                    ("dossier_renamed", "Dossier renamed"),
                    ("exhibit_added", "Exhibit added"),
                    ("exhibit_edited", "Exhibit details corrected"),
                    ("exhibit_moved", "Exhibits reordered"),
                    ("exhibit_withdrawn", "Exhibit withdrawn from the dossier"),
                    ("exhibit_restored", "Exhibit put back in the dossier"),
                    ("exhibit_erased", "Exhibit erased for good"),
                    ("dossier_exported", "Data exported"),
                    ("document_generated", "PDF generated"),
                    ("document_deleted", "PDF deleted"),
                    (
                        "exhibit_altered",
                        "Exhibit found altered: it no longer matches its fingerprint",
                    ),
                    ("letter_edited", "Complaint letter changed"),
                    ("signalement_edited", "Report to the prosecutor changed"),
                    ("signalement_generated", "Report to the prosecutor generated"),
                    ("helper_invited", "Helper invited"),
                    ("invitation_cancelled", "Invitation cancelled"),
                    ("helper_joined", "Helper joined"),
                    ("helper_granted", "Helper given access"),
                    ("helper_revoked", "Helper's access revoked"),
                    ("helper_scope_changed", "What a helper may do changed"),
                    ("claim_code_made", "Code made for the pupil to take the dossier"),
                    ("dossier_claimed", "Dossier taken over by the pupil"),
                ],
                max_length=32,
            ),
        ),
        migrations.AlterField(
            model_name="exhibit",
            name="author_name",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True,
                form_input="line",
                max_length=200,
                verbose_name="author's name or handle",
            ),
        ),
        migrations.AlterField(
            model_name="exhibit",
            name="author_profile_url",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="url", max_length=2000, verbose_name="author's profile link"
            ),
        ),
        migrations.AlterField(
            model_name="exhibit",
            name="content_url",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="url", max_length=2000, verbose_name="link to the content"
            ),
        ),
        migrations.AlterField(
            model_name="exhibit",
            name="description",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, verbose_name="description"
            ),
        ),
        migrations.AlterField(
            model_name="exhibit",
            name="message_text",
            field=evidence.custody.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="exhibit",
            name="original_name",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=255
            ),
        ),
        migrations.AlterField(
            model_name="exhibit",
            name="platform_other",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=80, verbose_name="other platform"
            ),
        ),
        migrations.AlterField(
            model_name="helperinvitation",
            name="note",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True,
                form_input="line",
                max_length=100,
                verbose_name="who it is for (only you see it)",
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="actions_taken",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, max_length=5000, verbose_name="what the establishment has done"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="contact",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True,
                form_input="line",
                max_length=200,
                verbose_name="professional phone or e-mail",
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="establishment",
            field=evidence.custody.fields.EncryptedTextField(
                form_input="line", max_length=200, verbose_name="establishment"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="establishment_address",
            field=evidence.custody.fields.EncryptedTextField(
                max_length=500, verbose_name="establishment's postal address"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="facts",
            field=evidence.custody.fields.EncryptedTextField(
                max_length=20000, verbose_name="the facts as the pupil reported them"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="function",
            field=evidence.custody.fields.EncryptedTextField(
                form_input="line", max_length=150, verbose_name="your function"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="presumed_authors",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, max_length=5000, verbose_name="presumed author or authors"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="pupil_address",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, max_length=500, verbose_name="pupil's postal address"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="pupil_class",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=50, verbose_name="pupil's class"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="pupil_name",
            field=evidence.custody.fields.EncryptedTextField(
                form_input="line", max_length=200, verbose_name="pupil's full name"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="recipient_town",
            field=evidence.custody.fields.EncryptedTextField(
                form_input="line", max_length=150, verbose_name="town of the tribunal judiciaire"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="representatives",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True,
                max_length=2000,
                verbose_name="the pupil's legal representatives and how to reach them",
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="signed_in_town",
            field=evidence.custody.fields.EncryptedTextField(
                blank=True, form_input="line", max_length=150, verbose_name="town where you sign"
            ),
        ),
        migrations.AlterField(
            model_name="signalement",
            name="staff_name",
            field=evidence.custody.fields.EncryptedTextField(
                form_input="line", max_length=200, verbose_name="your full name"
            ),
        ),
        migrations.RunPython(triggers(journal.SQLITE), triggers(journal.SQLITE_REVERSE)),
        migrations.RunPython(seal_in_place, open_in_place),
        migrations.RunPython(record_document_contents, migrations.RunPython.noop),
    ]
