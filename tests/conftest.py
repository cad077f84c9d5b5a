import pytest

from tests import keys


@pytest.fixture(autouse=True)
def _storage_key(settings):
    # Every process must be given its key (nothing derives one); the tests' is fixed.
    settings.CYBERAIDE_STORAGE_KEY = keys.CURRENT
    settings.CYBERAIDE_STORAGE_KEY_FALLBACKS = []


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # The manifest storage needs `collectstatic`; tests find static files in place.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _evidence_storage_in_a_temporary_folder(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        # The production storage (its owner-only permissions included), in a folder of
        # the test's own.
        "evidence": {
            **settings.STORAGES["evidence"],
            "OPTIONS": {
                **settings.STORAGES["evidence"]["OPTIONS"],
                "location": tmp_path / "evidence",
            },
        },
    }
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "scratch")
    from evidence.custody import scratch

    scratch.folder()  # as the app's ready() makes it at start


@pytest.fixture(autouse=True)
def _journals_erased_before_flush(request):
    """Tests that commit (transactional_db, live_server) end with a flush of every table,
    which the journal's triggers refuse while a dossier still exists. Erase the dossiers
    the way the product does first."""
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and marker.kwargs.get("transaction", False)
    if not (marked or {"transactional_db", "live_server"} & set(request.fixturenames)):
        yield
        return
    # Requesting the database fixture here makes it outlive this one: the erasure below
    # runs before the flush.
    request.getfixturevalue("_django_db_helper" if marked else "transactional_db")
    yield
    from evidence.models import Dossier
    from evidence.services.dossiers import erase_dossier

    for dossier in Dossier.objects.all():
        erase_dossier(dossier=dossier)
