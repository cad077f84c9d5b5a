"""Run every benchmark in bench/, one after the other: ``python -m bench [name ...]``.

Each ``bench_<name>`` module runs in a fresh interpreter: a benchmark configures Django for
its own temporary data directory, and Django's settings load only once per process.
Missed targets are reported, not turned into a failure (figures depend on the machine);
the exit status is non-zero only when a benchmark crashes or times out.
"""

import pkgutil
import subprocess
import sys
import time
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TIMEOUT_SECONDS = 30 * 60
CLEANUP_SECONDS = 30
TARGETS_MISSED = 3
RUN_MAIN = (
    "import importlib, sys\n"
    "result = importlib.import_module(sys.argv[1]).main()\n"
    f"sys.exit({TARGETS_MISSED} if result is False else 0)\n"
)


def discover():
    return sorted(
        module.name.removeprefix("bench_")
        for module in pkgutil.iter_modules([str(PACKAGE_DIR)])
        if module.name.startswith("bench_")
    )


def run(name):
    """Run one benchmark; returns its outcome as a word for the summary."""
    print(f"== bench_{name}", flush=True)
    child = subprocess.Popen(
        [sys.executable, "-c", RUN_MAIN, f"bench.bench_{name}"], cwd=PACKAGE_DIR.parent
    )
    try:
        returncode = child.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        finish(child)
        return "timed out"
    except KeyboardInterrupt:
        # Ctrl-C reached the benchmark too (same process group): let it stop its servers.
        finish(child, patience=CLEANUP_SECONDS)
        raise
    return {0: "ok", TARGETS_MISSED: "targets missed"}.get(returncode, "crashed")


def finish(child, patience=0):
    """Give a benchmark `patience` seconds to end by itself, then ask it to stop (SIGTERM)
    and leave it time to clean up (stop its servers); kill it only if it hangs."""
    try:
        child.wait(timeout=patience)
        return
    except subprocess.TimeoutExpired:
        child.terminate()
    try:
        child.wait(timeout=CLEANUP_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def main(names):
    available = discover()
    unknown = sorted(set(names) - set(available))
    if unknown:
        print(f"unknown benchmark: {', '.join(unknown)} (available: {', '.join(available)})")
        return 2
    outcomes = {}
    for name in names or available:
        started = time.perf_counter()
        outcomes[name] = (run(name), time.perf_counter() - started)
        print(flush=True)
    print("== summary")
    for name, (outcome, seconds) in outcomes.items():
        print(f"  bench_{name:<16} {outcome:<15} {seconds:6.0f} s")
    return 1 if any(outcome in {"crashed", "timed out"} for outcome, _ in outcomes.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
