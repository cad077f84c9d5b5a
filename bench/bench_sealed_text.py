"""What sealing the text costs on the busiest page: a dossier of 100 messages and links
(every text field filled), its page rendered through the test client.

Baseline in the same run: the same page's work without the encryption, measured as the
page time minus the time spent opening every sealed value of the same rows (the opening
measured alone, on fresh instances, as the page does it). Target: opening the sealed text
takes under 10 % of the page.

Run with ``make bench`` (every bench module) or ``python -m bench.bench_sealed_text``.
"""

import datetime
import statistics
import time

from bench.common import in_temporary_data_dir, setup_django

EXHIBITS = 100
RUNS = 15
TARGET_SHARE = 0.10


def build(owner):
    from evidence.models import Complaint, Platform
    from evidence.services import dossiers, exhibits

    dossier = dossiers.create_dossier(owner=owner, title="Dossier de mesure")
    for number in range(EXHIBITS):
        details = {
            "occurred_on": datetime.date(2026, 9, 1) + datetime.timedelta(days=number % 60),
            "occurred_time": None,
            "platform": Platform.INSTAGRAM,
            "platform_other": "",
            "author_name": f"@compte_{number}",
            "author_profile_url": f"https://instagram.com/compte_{number}",
            "content_url": f"https://instagram.com/p/{number:06d}",
            "description": "Commentaire insultant sous ma photo, supprimé depuis. " * 3,
        }
        if number % 2:
            exhibits.add_message_exhibit(
                dossier=dossier,
                actor=owner,
                text="t'es nulle, personne ne t'aime, on va tout dire à ta classe\n" * 4,
                details=details,
            )
        else:
            exhibits.add_link_exhibit(dossier=dossier, actor=owner, details=details)
    Complaint.objects.create(dossier=dossier, last_name="Martin", facts="Des messages. " * 200)
    return dossier


def open_everything(dossier_pk):
    """Open every sealed value the page shows, on fresh rows, as the page does."""
    from evidence.custody.fields import EncryptedTextField
    from evidence.models import Dossier

    dossier = Dossier.objects.get(pk=dossier_pk)
    _title = dossier.title
    for exhibit in dossier.exhibits.all():
        for field in exhibit._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                getattr(exhibit, field.attname)


def run(data_dir):
    setup_django(data_dir)
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from accounts.models import User

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as in production
    owner = User.objects.create_user("bench")  # force_login: no password needed
    dossier = build(owner)
    client = Client()
    client.force_login(owner)
    url = reverse("evidence:dossier_detail", args=[dossier.public_id])
    assert client.get(url).status_code == 200

    page, opening = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        page.append(time.perf_counter() - start)
        assert response.status_code == 200
        start = time.perf_counter()
        open_everything(dossier.pk)
        opening.append(time.perf_counter() - start)
    page_ms, opening_ms = statistics.median(page) * 1000, statistics.median(opening) * 1000
    share = opening_ms / page_ms
    print(
        f"dossier page, {EXHIBITS} exhibits with every text field sealed: {page_ms:.0f} ms "
        f"(median of {RUNS}); opening the sealed values alone: {opening_ms:.1f} ms "
        f"({share:.0%} of the page; without it {page_ms - opening_ms:.0f} ms)"
    )
    met = share < TARGET_SHARE
    print(f"target: opening under {TARGET_SHARE:.0%} of the page: {'met' if met else 'not met'}")
    return met


def main():
    return in_temporary_data_dir(run, prefix="cyberaide-bench-sealed-")


if __name__ == "__main__":
    main()
