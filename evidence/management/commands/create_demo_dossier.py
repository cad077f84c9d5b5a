from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from evidence.management.demo import demo_items
from evidence.services import dossiers as dossier_services
from evidence.services import exhibits as exhibit_services


class Command(BaseCommand):
    help = (
        "Build a realistic demo dossier (invented conversation screenshots, messages and "
        "links) through the same ingest code as real uploads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--exhibits", type=int, default=20)
        parser.add_argument("--title", default="Dossier de démonstration")
        parser.add_argument(
            "--password",
            help="Password for a new account (default: the account is created without one "
            "and cannot log in until `changepassword` is run).",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *, username, exhibits, title, password, seed, **options):
        if exhibits < 1:
            raise CommandError("--exhibits must be at least 1.")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=username)
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
        dossier = dossier_services.create_dossier(owner=user, title=title)
        for item in demo_items(exhibits, seed=seed):
            if item["kind"] == "image":
                upload = SimpleUploadedFile(item["name"], item["data"], content_type="image/png")
                exhibit_services.add_file_exhibit(
                    dossier=dossier, actor=user, uploaded_file=upload, details=item["details"]
                )
            elif item["kind"] == "message":
                exhibit_services.add_message_exhibit(
                    dossier=dossier, actor=user, text=item["text"], details=item["details"]
                )
            else:
                exhibit_services.add_link_exhibit(
                    dossier=dossier, actor=user, details=item["details"]
                )
        self.stdout.write(f"{dossier.public_id}")
        self.stderr.write(f"Dossier {dossier.public_id} for {username}: {exhibits} exhibits.")
