from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """The people who use cyberaide: sign-up, login, "My data", account deletion.

    The app lives in ``accounts/`` but keeps the label ``cyberaide`` it was born with
    (when the project package doubled as this app): the ``cyberaide_user`` table, the
    ``cyberaide`` rows of ``django_migrations``, ``AUTH_USER_MODEL = "cyberaide.User"`` and
    every migration that depends on it stay as they are, so an existing database needs no
    step of its own to move forward.
    """

    name = "accounts"
    label = "cyberaide"
    verbose_name = "cyberaide"

    def ready(self):
        from django.db.backends.signals import connection_created

        from cyberaide.sqlite import owner_only

        connection_created.connect(owner_only, dispatch_uid="cyberaide-sqlite-owner-only")
