"""Guide pages under load: gunicorn serving /fr/guide/3/, beside a static file.

In a temporary data directory: migrate, collectstatic, then gunicorn with production-like
settings (DEBUG off, a random secret key) on a free local port. wrk measures first the
hashed site.css served by WhiteNoise in the same server (the floor: what gunicorn, the
WSGI handler and wrk cost without a view), then the guide page as a visitor without
cookies gets it (kept in Django's cache, see guidance/views.py), then the same page for a
visitor who sends a cookie, which is rendered every time (figures only, no target).
Targets for the guide page: at least 1,500 requests/s and a 99th percentile under 10 ms.

Run with ``make bench`` or ``python -m bench guide_pages``.
"""

import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.common import bench_storage_key

ROOT = Path(__file__).resolve().parent.parent
GUIDE_PATH = "/fr/guide/3/"
TARGET_REQUESTS_PER_SECOND = 1500
TARGET_P99_MS = 10.0
# Little's law: with a closed loop of N connections, mean latency = N / throughput, so N
# bounds what p99 can be. 10 connections is a busy moment for a small site (5 requests
# waiting per worker); at 1,500 requests/s it means ~6.7 ms of mean latency.
CONNECTIONS = 10
THREADS = 2
DURATION_SECONDS = 10
WARMUP_SECONDS = 2
# `--workers 2` is fixed (2 cores). Worker class: plain sync workers measured best here.
# gthread (2 or 4 threads a worker) keeps connections alive and raised throughput, but
# its p99 went from ~8 ms to 30-200 ms, likely because a thread holding the GIL delays
# the one that reads the next request (Python switches threads every 5 ms).
# BENCH_GUNICORN_OPTIONS replaces these options, to compare others.
GUNICORN_OPTIONS = shlex.split(os.environ.get("BENCH_GUNICORN_OPTIONS", "--workers 2"))
STARTUP_TIMEOUT_SECONDS = 30
COMMAND_TIMEOUT_SECONDS = 120
UNIT_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(data_dir):
    environment = dict(os.environ)
    environment.pop("DJANGO_DEBUG", None)
    environment.update(
        DJANGO_SETTINGS_MODULE="cyberaide.settings",
        CYBERAIDE_DATA_DIR=data_dir,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        CYBERAIDE_STORAGE_KEY=bench_storage_key(),
    )
    return environment


def manage(environment, *arguments):
    subprocess.run(
        [sys.executable, "manage.py", *arguments, "--noinput", "-v", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
    )


def hashed_static_path(data_dir, name):
    manifest = json.loads((Path(data_dir) / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def start_gunicorn(environment, port, log):
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "cyberaide.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            *GUNICORN_OPTIONS,
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stop() reaches the workers too
    )


def wait_until_answering(url, server):
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our server)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {STARTUP_TIMEOUT_SECONDS} s")


def stop(server):
    """Stop gunicorn and its workers, whatever happened. Ctrl-C and SIGTERM wait until
    this is done: a second one must not leave the server running."""
    signals = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        if server.poll() is not None:
            return
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signals)


def _exit_on_sigterm(signum, frame):
    sys.exit(128 + signum)


def wrk(url, seconds, headers=()):
    """Run wrk; returns its report as text."""
    header_options = [option for header in headers for option in ("-H", header)]
    command = ["wrk", "--latency", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s"]
    return subprocess.run(
        [*command, "--timeout", "5s", *header_options, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout


def parse_wrk(report):
    """Requests per second, 99th percentile in ms, and the errors wrk counted."""
    requests_per_second = float(re.search(r"^Requests/sec:\s+([\d.]+)", report, re.M)[1])
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", report, re.M).groups()
    errors = [
        line.strip()
        for line in report.splitlines()
        if line.strip().startswith(("Non-2xx", "Socket errors"))
    ]
    return {
        "requests_per_second": requests_per_second,
        "p99_ms": float(value) * UNIT_TO_MS[unit],
        "errors": errors,
    }


def main():
    if shutil.which("wrk") is None:
        print("Guide pages: wrk is missing (`make bench-tools` installs it)")
        return False
    # `python -m bench` stops a benchmark that overruns with SIGTERM: raising SystemExit
    # runs the `finally` blocks, which stop gunicorn and remove the data directory.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    data_dir = tempfile.mkdtemp(prefix="cyberaide-bench-pages-")
    try:
        return _run(data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _run(data_dir):
    started = time.perf_counter()
    environment = server_environment(data_dir)
    manage(environment, "migrate")
    manage(environment, "collectstatic")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # name: (path, extra request headers)
    loads = {
        "static": (hashed_static_path(data_dir, "css/site.css"), ()),
        "guide": (GUIDE_PATH, ()),
        "rendered": (GUIDE_PATH, ("Cookie: bench=1",)),
    }
    with open(Path(data_dir) / "gunicorn.log", "wb") as log:
        server = start_gunicorn(environment, port, log)
        try:
            wait_until_answering(base + GUIDE_PATH, server)
            results = {}
            for name, (path, headers) in loads.items():
                wrk(base + path, WARMUP_SECONDS, headers)
                results[name] = parse_wrk(wrk(base + path, DURATION_SECONDS, headers))
        finally:
            stop(server)
    return report(loads, results, time.perf_counter() - started)


def report(loads, results, seconds):
    print(
        f"Guide pages: gunicorn {' '.join(GUNICORN_OPTIONS)}, DEBUG off; "
        f"wrk --latency -t{THREADS} -c{CONNECTIONS} -d{DURATION_SECONDS}s"
    )
    print(
        f"  {os.cpu_count()} cores shared by wrk and gunicorn: wrk takes CPU from the server, "
        "a dedicated server does better"
    )
    labels = {
        "static": loads["static"][0],
        "guide": GUIDE_PATH,
        "rendered": f"{GUIDE_PATH} with a cookie (rendered)",
    }
    print(f"  {'URL':<48} {'requests/s':>10} {'p99 ms':>8}")
    for name, result in results.items():
        print(
            f"  {labels[name]:<48} {result['requests_per_second']:>10.0f} {result['p99_ms']:>8.2f}"
        )
        for error in result["errors"]:
            print(f"    {error}")
    static, guide, rendered = results["static"], results["guide"], results["rendered"]
    for name, result in (("guide", guide), ("rendered", rendered)):
        print(
            f"  ratio {name}/static: requests/s "
            f"×{result['requests_per_second'] / static['requests_per_second']:.2f}, "
            f"p99 ×{result['p99_ms'] / static['p99_ms']:.2f}"
        )
    checks = [
        (
            f"guide page at least {TARGET_REQUESTS_PER_SECOND:,} requests/s",
            guide["requests_per_second"] >= TARGET_REQUESTS_PER_SECOND,
        ),
        (f"guide page p99 under {TARGET_P99_MS:.0f} ms", guide["p99_ms"] < TARGET_P99_MS),
        ("guide page without errors", not guide["errors"]),
    ]
    for label, passed in checks:
        print(f"  {'PASS' if passed else 'FAIL'}  {label}")
    print(f"  whole benchmark: {seconds:.0f} s")
    return all(passed for _label, passed in checks)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
