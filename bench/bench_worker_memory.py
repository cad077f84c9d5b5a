"""Memory of an idle web worker: gunicorn, one sync worker, after it has served a guide
page, the login page and a private page (so the URL configuration and every view module
are loaded), read from /proc.

Baseline in the same run: the same worker with WeasyPrint and pypdf imported when it
starts, as every web worker did until December 2026, when the URL configuration pulled
the PDF renderer in (``tests/test_layout.py`` now keeps it out).
"""

import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.bench_guide_pages import (
    _exit_on_sigterm,
    free_port,
    manage,
    server_environment,
    stop,
    wait_until_answering,
)

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("/fr/guide/3/", "/fr/accounts/login/", "/fr/dossiers/")
RENDERER_HOOK = (
    "def post_worker_init(worker):\n"
    "    import weasyprint  # noqa: F401\n"
    "    import pypdf  # noqa: F401\n"
)


def worker_rss_mib(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    [worker] = children
    for line in Path(f"/proc/{worker}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def measure(environment, data_dir, *, config=None):
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "cyberaide.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
    ]
    if config:
        command += ["--config", config]
    with open(Path(data_dir) / "gunicorn.log", "ab") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_answering(f"http://127.0.0.1:{port}{PAGES[0]}", server)
            for path in PAGES:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}"):
                    pass
            time.sleep(0.5)
            return worker_rss_mib(server.pid)
        finally:
            stop(server)


def main():
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    data_dir = tempfile.mkdtemp(prefix="cyberaide-bench-worker-")
    try:
        environment = server_environment(data_dir)
        manage(environment, "migrate")
        manage(environment, "collectstatic")
        hook = Path(data_dir) / "with_renderer.py"
        hook.write_text(RENDERER_HOOK)
        ours = [measure(environment, data_dir) for _ in range(3)]
        before = [measure(environment, data_dir, config=str(hook)) for _ in range(3)]
        print(
            f"Idle gunicorn worker after {len(PAGES)} pages: {min(ours):.0f}–{max(ours):.0f} MiB; "
            f"with the PDF renderer imported, as before December 2026: "
            f"{min(before):.0f}–{max(before):.0f} MiB "
            f"({min(before) - max(ours):.0f}–{max(before) - min(ours):.0f} MiB more a worker)"
        )
        return max(ours) < min(before)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
