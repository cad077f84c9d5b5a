"""What the benchmarks share: Django set up on a data directory of their own."""

import os
import shutil
import tempfile


def setup_django(data_dir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cyberaide.settings"
    os.environ["CYBERAIDE_DATA_DIR"] = data_dir
    import django

    django.setup()


def in_temporary_data_dir(run, *, prefix):
    """Call ``run(data_dir)`` with a fresh data directory, removed afterwards."""
    data_dir = tempfile.mkdtemp(prefix=prefix)
    try:
        return run(data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
