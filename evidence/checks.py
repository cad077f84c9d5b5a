"""System checks: ``manage.py check --deploy`` reports a missing or malformed storage key
as an error (the WSGI entry point refuses to start with one, see ``cyberaide.wsgi``)."""

from django.core import checks

from evidence.custody.keys import configuration_problems


@checks.register(checks.Tags.security, deploy=True)
def storage_key_check(app_configs, **kwargs):
    return [
        checks.Error(
            problem,
            hint="Set 32 random bytes in URL-safe base64; keep the key apart from backups.",
            id="cyberaide.E001",
        )
        for problem in configuration_problems()
    ]
