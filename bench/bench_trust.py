"""What trusted time and the seal cost: a token over the journal head, and a complaint PDF
of 30 exhibits made plain, with a document timestamp, and sealed PAdES B-T; then the
verifier reading the sealed PDF back.

The timestamping authority is the tests' one (``tests.trust``: openssl ts -reply behind a
local HTTP server, a throwaway CA), so a token costs what openssl and the client cost,
not a network: a real authority adds its own round trip, paid by the worker, never by an
upload. Baseline in the same run: the plain PDF. Targets: sealing with its timestamp adds
under 20 % to the plain render; checking the sealed PDF takes under half the render.

Run with ``make bench`` (every bench module) or ``python -m bench.bench_trust``.
"""

import statistics
import tempfile
import time
from pathlib import Path

from bench.common import in_temporary_data_dir, setup_django

EXHIBITS = 30
RUNS = 5
TOKENS = 20
TARGET_SEAL_SHARE = 0.20
TARGET_VERIFY_SHARE = 0.50


def build(owner):
    from tests.evidence.factories import add_image, add_message, make_complaint, make_dossier

    dossier = make_dossier(owner, title="Dossier de mesure")
    make_complaint(dossier)
    for number in range(EXHIBITS):
        if number % 3:
            add_image(dossier)
        else:
            add_message(dossier, f"Message {number} : t'es nulle, personne ne t'aime.\n" * 5)
    return dossier


def median_seconds(work, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(data_dir):
    setup_django(data_dir)
    from django.conf import settings
    from django.core.management import call_command

    from accounts.models import User
    from evidence.custody import timestamps
    from evidence.pdf.render import render_complaint_pdf
    from evidence.verifier.checks import verify_bytes
    from tests.trust import LocalTSA, make_pki

    call_command("migrate", verbosity=0)
    dossier = build(User.objects.create_user("bench"))
    work = Path(tempfile.mkdtemp(dir=data_dir))
    pki = make_pki(work)
    with LocalTSA(pki, work) as tsa:
        render_complaint_pdf(dossier)  # warm: fonts and templates loaded once
        plain = median_seconds(lambda: render_complaint_pdf(dossier), RUNS)
        settings.CYBERAIDE_TSA_URL, settings.CYBERAIDE_TSA_CA_FILE = tsa.url, str(pki.ca_pem)
        token = median_seconds(lambda: timestamps.request_token(bytes(32)), TOKENS)
        stamped = median_seconds(lambda: render_complaint_pdf(dossier), RUNS)
        settings.CYBERAIDE_SIGNING_PKCS12 = str(pki.seal_p12)
        settings.CYBERAIDE_SIGNING_PKCS12_PASSWORD = pki.seal_password.decode()
        sealed = median_seconds(lambda: render_complaint_pdf(dossier), RUNS)
        data = render_complaint_pdf(dossier)
        verify = median_seconds(lambda: verify_bytes(data), RUNS)
        report = verify_bytes(data)
    size = len(data) / 1024 / 1024
    print(f"{EXHIBITS} exhibits, sealed PDF {size:.1f} MB, medians of {RUNS} runs")
    print(f"token over a digest (request and check): {token * 1000:.0f} ms")
    print(f"plain PDF {plain:.2f} s; document timestamp {stamped:.2f} s; B-T seal {sealed:.2f} s")
    print(f"verifier on the sealed PDF: {verify:.2f} s; altered: {report.altered}")
    seal_share, verify_share = (sealed - plain) / plain, verify / plain
    print(
        f"seal adds {seal_share:.0%} (target < {TARGET_SEAL_SHARE:.0%}); "
        f"checking takes {verify_share:.0%} of the render (target < {TARGET_VERIFY_SHARE:.0%})"
    )
    return (
        seal_share < TARGET_SEAL_SHARE and verify_share < TARGET_VERIFY_SHARE and not report.altered
    )


def main():
    return in_temporary_data_dir(run, prefix="cyberaide-bench-trust-")


if __name__ == "__main__":
    main()
