"""What the benchmarks share: Django set up on a data directory of their own."""

import os
import resource
import shutil
import tempfile


def bench_storage_key():
    """A fresh storage key for one benchmark's throwaway data."""
    import base64

    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def setup_django(data_dir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cyberaide.settings"
    os.environ["CYBERAIDE_DATA_DIR"] = data_dir
    os.environ.setdefault("CYBERAIDE_STORAGE_KEY", bench_storage_key())
    import django

    django.setup()


def in_temporary_data_dir(run, *, prefix):
    """Call ``run(data_dir)`` with a fresh data directory, removed afterwards."""
    data_dir = tempfile.mkdtemp(prefix=prefix)
    try:
        return run(data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def peak_rss_mib():
    """This process's peak resident memory, in MiB.

    Read from /proc (VmHWM) rather than ``getrusage``: on Linux, a child started by
    ``subprocess`` reports in ``ru_maxrss`` the peak of the parent it was forked from,
    which hid every figure below the parent's own peak.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
