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
