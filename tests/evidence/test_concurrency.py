"""Several uploads at once to one dossier: nothing lost, no "database is locked"."""

import threading

import pytest
from django.db import connection, connections

from evidence.custody.journal import verify_journal
from evidence.services import exhibits as exhibit_services
from tests.evidence.factories import details, make_dossier, make_user, png_bytes, upload

THREADS = 8
FILES_PER_THREAD = 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_lose_nothing(django_user_model, settings):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    errors = []
    start = threading.Barrier(THREADS)

    def upload_some(worker):
        try:
            start.wait()
            for index in range(FILES_PER_THREAD):
                exhibit_services.add_file_exhibit(
                    dossier=dossier,
                    actor=alice,
                    uploaded_file=upload(png_bytes(text=f"{worker}-{index}"), f"{worker}.png"),
                    details=details(),
                )
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=upload_some, args=(n,)) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    assert errors == []
    assert dossier.exhibits.count() == THREADS * FILES_PER_THREAD
    sequences = list(dossier.events.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS * FILES_PER_THREAD + 2))
    assert verify_journal(dossier) == (True, None)
    positions = sorted(dossier.exhibits.values_list("position", flat=True))
    assert positions == list(range(1, THREADS * FILES_PER_THREAD + 1))
    location = settings.STORAGES["evidence"]["OPTIONS"]["location"]
    assert len(list(location.rglob("*.bin"))) == 3 * THREADS * FILES_PER_THREAD
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"


@pytest.mark.django_db(transaction=True)
def test_a_code_used_at_the_same_moment_by_several_people_works_once(django_user_model):
    from evidence.models import HelperGrant, Scope
    from evidence.sharing import grants
    from evidence.sharing.codes import CodeRefused

    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    _invitation, code = grants.invite_helper(dossier=dossier, actor=alice, scope=Scope.READ)
    staff = [make_user(django_user_model, f"staff{n}") for n in range(4)]
    outcomes = []
    start = threading.Barrier(len(staff))

    def accept(user):
        try:
            start.wait()
            grants.accept_invitation(code=code, helper=user, role="CPE", establishment="C")
            outcomes.append("accepted")
        except CodeRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=accept, args=(user,)) for user in staff]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert sorted(outcomes) == ["accepted", "refused", "refused", "refused"]
    assert HelperGrant.objects.filter(dossier=dossier).count() == 1
    assert verify_journal(dossier) == (True, None)
