import pytest


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # The manifest storage needs `collectstatic`; tests find static files in place.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
