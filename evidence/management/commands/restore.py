"""Restore a backup made by ``manage.py backup`` into an empty installation."""

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from evidence.management.commands.backup import (
    FORMAT,
    _database_url,
    _libpq_environment,
    evidence_folder,
)


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by `manage.py backup`: the database into the one "
        "configured (SQLite: the file must not exist yet; PostgreSQL: an empty database) "
        "and the evidence files into an empty evidence folder. Then run "
        "`manage.py migrate` and `manage.py verify_dossiers`."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup folder.")

    def handle(self, *args, source, **options):
        folder = Path(source)
        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise CommandError(f"{folder} is not a cyberaide backup.")
        if manifest["vendor"] != connection.vendor:
            raise CommandError(
                f"This backup holds a {manifest['vendor']} database; "
                f"the configured one is {connection.vendor}."
            )
        evidence = evidence_folder()
        if evidence.exists() and any(evidence.iterdir()):
            raise CommandError(f"{evidence} is not empty: restore into a fresh installation.")
        if connection.vendor == "sqlite":
            target = Path(connection.settings_dict["NAME"])
            connection.close()
            if target.exists() and target.stat().st_size:
                raise CommandError(f"{target} already exists: restore into a fresh directory.")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / manifest["database"], target)
            target.chmod(0o600)
        else:
            pg_restore = shutil.which("pg_restore")
            if pg_restore is None:
                raise CommandError("pg_restore is not installed (Debian: postgresql-client).")
            connection.close()
            subprocess.run(  # noqa: S603 -- fixed arguments, the URL from our own settings
                [
                    pg_restore,
                    "--no-owner",
                    "--exit-on-error",
                    f"--dbname={_database_url()}",
                    str(folder / manifest["database"]),
                ],
                check=True,
                env=_libpq_environment(),
            )
        evidence.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tarfile.open(folder / "evidence.tar") as archive:
            archive.extractall(evidence, filter="data")
        self.stdout.write(f"Restored {folder} into this installation.")
