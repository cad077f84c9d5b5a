"""Back up the database and the evidence files into one folder (docs/OPERATIONS.md)."""

import datetime
import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from evidence.custody.storage import evidence_storage

FORMAT = "cyberaide-backup/1"


def evidence_folder() -> Path:
    """Where the encrypted files are (the evidence storage is a folder on this machine)."""
    storage = evidence_storage()
    if not isinstance(storage, FileSystemStorage):
        raise CommandError("The evidence storage is not a folder: back it up with its own tools.")
    return Path(storage.location)


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: an online copy; PostgreSQL: pg_dump) and the "
        "encrypted evidence files into a new folder. The backup holds wrapped keys and "
        "ciphertext only: keep CYBERAIDE_STORAGE_KEY elsewhere, never beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A folder that does not exist yet.")

    def handle(self, *args, destination, **options):
        target = Path(destination)
        if target.exists():
            raise CommandError(f"{target} already exists: a backup goes into a new folder.")
        target.mkdir(mode=0o700, parents=True)
        if connection.vendor == "sqlite":
            database = "db.sqlite3"
            self._sqlite(target / database)
        elif connection.vendor == "postgresql":
            database = "db.dump"
            self._postgresql(target / database)
        else:
            raise CommandError(f"No backup for the {connection.vendor} database.")
        with tarfile.open(target / "evidence.tar", "w") as archive:
            folder = evidence_folder()
            if folder.exists():
                archive.add(folder, arcname=".")
        manifest = {
            "format": FORMAT,
            "made_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": database,
            "vendor": connection.vendor,
        }
        (target / "manifest.json").write_text(json.dumps(manifest, indent=2))
        for path in target.iterdir():
            path.chmod(0o600)
        self.stdout.write(f"Backed up the {connection.vendor} database and the files to {target}")

    def _sqlite(self, path: Path) -> None:
        # The backup API copies a consistent snapshot while the site keeps writing.
        source = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            copy = sqlite3.connect(path)
            with copy:
                source.backup(copy)
            copy.close()
        finally:
            source.close()

    def _postgresql(self, path: Path) -> None:
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise CommandError("pg_dump is not installed (Debian: postgresql-client).")
        subprocess.run(  # noqa: S603 -- fixed arguments, the URL from our own settings
            [pg_dump, "--format=custom", "--no-owner", f"--file={path}", _database_url()],
            check=True,
            env=_libpq_environment(),
        )


def _libpq_environment() -> dict[str, str]:
    """The password for pg_dump and pg_restore, never on their command line."""
    import os

    password = connection.settings_dict.get("PASSWORD")
    return {**os.environ, **({"PGPASSWORD": password} if password else {})}


def _database_url() -> str:
    """The connection as libpq takes it, from Django's settings."""
    db = connection.settings_dict
    user = f"{db['USER']}@" if db.get("USER") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{user}{db.get('HOST') or 'localhost'}{port}/{db['NAME']}"
