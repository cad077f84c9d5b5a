"""The worst an attacker may send, now that it is bounded: the peak memory of the largest
picture accepted and of the longest message, each measured in a fresh process.

Baselines in the same run, on the same input:
- the picture: the pipeline as it was until December 2026 (flattened to white at full
  size, then made small), and the 8000×8000 RGBA PNG that took 857 MiB, now refused before
  decoding;
- the message: the PDF with the message printed whole, as it was until December 2026
  (a 100,000-character message of short lines: 853 pages, 86 s, 988 MiB that day).

Targets: the largest picture accepted peaks under 400 MiB; the longest message's PDF
renders in under 20 s and peaks under 300 MiB.

Run with ``make bench`` (every bench module) or ``python -m bench.bench_limits``.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import bench_storage_key, in_temporary_data_dir

PICTURE_TARGET_MIB = 400
MESSAGE_TARGET_SECONDS = 20
MESSAGE_TARGET_MIB = 300

CHILD = r"""
import io, json, os, sys, time
import django
django.setup()

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

what, argument = sys.argv[1], sys.argv[2]
if what == "picture":
    from django.core.files.uploadedfile import SimpleUploadedFile
    from evidence.ingest import files
    data = open(argument, "rb").read()
    if sys.argv[3] == "before":  # flattened at full size, then made small
        def old_resizable(image):
            return files._flatten(image)
        files._resizable = old_resizable
    baseline = peak()
    started = time.perf_counter()
    try:
        files.inspect_upload(SimpleUploadedFile("x.png", data, content_type="image/png"))
        outcome = "kept"
    except files.UploadRefused:
        outcome = "refused"
    print(json.dumps({"seconds": time.perf_counter() - started, "peak": peak(),
                      "baseline": baseline, "outcome": outcome}))
else:
    from django.conf import settings
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    if sys.argv[3] == "before":  # printed whole, as before the budget
        settings.CYBERAIDE_PDF_MESSAGE_LINES = 10**9
        settings.CYBERAIDE_PDF_MESSAGE_CHARACTERS = 10**9
        settings.CYBERAIDE_PDF_TOTAL_MESSAGE_LINES = 10**9
    import datetime
    from accounts.models import User
    from evidence.models import Complaint, Platform
    from evidence.services import dossiers, exhibits
    from evidence.pdf import render
    owner = User.objects.create_user("bench")
    dossier = dossiers.create_dossier(owner=owner, title="Mesure")
    text = open(argument, encoding="utf-8").read()
    exhibits.add_message_exhibit(dossier=dossier, actor=owner, text=text, details={
        "occurred_on": datetime.date(2026, 10, 3), "occurred_time": None,
        "platform": Platform.SMS, "platform_other": "", "author_name": "",
        "author_profile_url": "", "content_url": "", "description": ""})
    Complaint.objects.create(dossier=dossier, last_name="Martin", first_names="Alice",
        date_of_birth=datetime.date(1990, 5, 17), place_of_birth="Lyon",
        address="1 rue de la Paix\n69001 Lyon", recipient="procureur",
        recipient_town="Lyon", authors_known=False, facts="Des messages.",
        signed_in_town="Lyon")
    import evidence.pdf.originals  # noqa: F401 -- loaded, as in a worker that has rendered
    baseline = peak()
    started = time.perf_counter()
    data = render.render_complaint_pdf(dossier)
    seconds = time.perf_counter() - started
    import pypdf
    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    print(json.dumps({"seconds": seconds, "peak": peak(), "baseline": baseline,
                      "pages": pages}))
"""


def measure(data_dir, what, path, variant):
    own = Path(data_dir) / f"{what}-{variant}-{Path(path).stem}"  # a database of its own
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cyberaide.settings",
        "CYBERAIDE_DATA_DIR": str(own),
        "CYBERAIDE_STORAGE_KEY": bench_storage_key(),
    }
    output = subprocess.run(
        [sys.executable, "-c", CHILD, what, str(path), variant],
        env=environment,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def png(path, side, mode="RGBA"):
    from PIL import Image

    Image.new(mode, (side, side), (200, 30, 30, 128)[: len(mode)]).save(path, "PNG")


def run(data_dir):
    work = Path(tempfile.mkdtemp(dir=data_dir))
    # The largest picture with transparency accepted: its decoded size at the cap.
    from math import isqrt

    cap = 160 * 1024 * 1024
    largest = isqrt(cap // 8)  # with alpha: 4 channels, counted twice
    largest_rgb = isqrt(cap // 3)
    png(work / "largest.png", largest)
    png(work / "largest_rgb.png", largest_rgb, "RGB")
    png(work / "huge.png", 8000)
    print("Limits: the worst accepted input, peak memory in a fresh process")
    now = measure(data_dir, "picture", work / "largest.png", "now")
    before = measure(data_dir, "picture", work / "largest.png", "before")
    huge = measure(data_dir, "picture", work / "huge.png", "now")
    rgb = measure(data_dir, "picture", work / "largest_rgb.png", "now")
    print(
        f"  largest RGBA picture accepted ({largest}×{largest}, at the {cap // 2**20} MB cap): "
        f"{now['peak']:.0f} MiB peak (+{now['peak'] - now['baseline']:.0f}), "
        f"{now['seconds']:.2f} s; flattened at full size as before: {before['peak']:.0f} MiB "
        f"(+{before['peak'] - before['baseline']:.0f}), {before['seconds']:.2f} s "
        f"(×{(before['peak'] - before['baseline']) / max(1, now['peak'] - now['baseline']):.1f})"
    )
    print(
        f"  largest RGB picture accepted ({largest_rgb}×{largest_rgb}): {rgb['outcome']}, "
        f"{rgb['peak']:.0f} MiB peak (+{rgb['peak'] - rgb['baseline']:.0f}), "
        f"{rgb['seconds']:.2f} s"
    )
    print(
        f"  8000×8000 RGBA PNG: {huge['outcome']}, {huge['peak']:.0f} MiB peak "
        f"(+{huge['peak'] - huge['baseline']:.0f}), {huge['seconds']:.3f} s "
        "(was 857 MiB and 1.6 s, processed)"
    )
    # The longest message accepted (100,000 characters), in the shortest lines: the most
    # pages it can make.
    text = "a\n" * 49_999 + "a"
    (work / "message.txt").write_text(text, encoding="utf-8")
    message_now = measure(data_dir, "message", work / "message.txt", "now")
    print(
        f"  {len(text):,}-character message of one-letter lines: {message_now['pages']} pages, "
        f"{message_now['seconds']:.1f} s, {message_now['peak']:.0f} MiB peak"
    )
    message_before = measure(data_dir, "message", work / "message.txt", "before")
    print(
        f"  printed whole, as before: {message_before['pages']} pages, "
        f"{message_before['seconds']:.1f} s, {message_before['peak']:.0f} MiB peak "
        f"(×{message_before['seconds'] / message_now['seconds']:.0f} the time)"
    )
    checks = [
        ("largest pictures under 400 MiB", max(now["peak"], rgb["peak"]) < PICTURE_TARGET_MIB),
        ("largest pictures accepted", now["outcome"] == rgb["outcome"] == "kept"),
        ("8000×8000 RGBA refused", huge["outcome"] == "refused"),
        ("longest message under 20 s", message_now["seconds"] < MESSAGE_TARGET_SECONDS),
        ("longest message under 300 MiB", message_now["peak"] < MESSAGE_TARGET_MIB),
    ]
    for label, passed in checks:
        print(f"  {'PASS' if passed else 'FAIL'}  {label}")
    return all(passed for _, passed in checks)


def main():
    return in_temporary_data_dir(run, prefix="cyberaide-bench-limits-")


if __name__ == "__main__":
    main()
