"""Re-wrap every dossier key with the current storage key.

Run it after setting a new ``CYBERAIDE_STORAGE_KEY`` with the old one in
``CYBERAIDE_STORAGE_KEY_FALLBACKS``: the site keeps serving (every key still opens with a
fallback) while dossiers move over a batch at a time, each in its own short transaction.
It can be stopped and run again: it picks up the dossiers not yet re-wrapped. Once it
reports none left, the old key can leave the fallbacks. Files are not re-encrypted: they
are encrypted with each dossier's own key, which does not change.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from evidence.custody import keys
from evidence.models import Dossier


class Command(BaseCommand):
    help = "Re-wrap every dossier key with the current CYBERAIDE_STORAGE_KEY."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, batch_size, **options):
        problems = keys.configuration_problems()
        if problems:
            raise CommandError("; ".join(problems))
        current_id, _key = keys.current_key()
        rewrapped, unreadable = 0, []
        last_pk = 0
        while True:
            batch = list(
                Dossier.objects.exclude(key_id=current_id)
                .filter(pk__gt=last_pk)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not batch:
                break
            for pk in batch:
                with transaction.atomic():
                    dossier = Dossier.objects.select_for_update().get(pk=pk)
                    if dossier.key_id == current_id:
                        continue  # re-wrapped meanwhile by another run
                    try:
                        plain = keys.unwrap(dossier.wrapped_key, dossier.key_id, dossier.public_id)
                    except keys.DossierUnreadable:
                        unreadable.append(str(dossier.public_id))
                        continue
                    dossier.wrapped_key, dossier.key_id = keys.wrap(plain, dossier.public_id)
                    dossier.save(update_fields=["wrapped_key", "key_id"])
                    rewrapped += 1
            last_pk = batch[-1]
        left = Dossier.objects.exclude(key_id=current_id).count()
        self.stdout.write(
            f"Re-wrapped {rewrapped} dossier key(s) with key {current_id}; "
            f"{left} dossier(s) not on the current key."
        )
        for public_id in unreadable:
            self.stderr.write(f"Dossier {public_id}: no configured key opens it.")
        if unreadable:
            raise CommandError(f"{len(unreadable)} dossier key(s) could not be opened.")
