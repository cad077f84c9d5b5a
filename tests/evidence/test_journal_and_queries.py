"""The journal cannot be rewritten, and the dossier page costs the same for 3 or 300."""

import re

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evidence.custody.journal import verify_journal
from evidence.models import Event
from evidence.services import dossiers as dossier_services
from evidence.services import exhibits as exhibit_services
from tests.evidence.factories import add_image, details, make_dossier, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(django_user_model):
    dossier = make_dossier(make_user(django_user_model, "alice"))
    exhibit = add_image(dossier)
    exhibit_services.withdraw_exhibit(exhibit=exhibit, actor=dossier.owner)
    exhibit_services.restore_exhibit(exhibit=exhibit, actor=dossier.owner)
    return dossier


def test_the_chain_verifies_and_any_change_breaks_it(dossier):
    events = list(dossier.events.order_by("sequence"))
    assert verify_journal(dossier, events) == (True, None)
    events[1].actor = "someone else"
    assert verify_journal(dossier, events) == (False, events[1])
    events = list(dossier.events.order_by("sequence"))
    del events[1]
    ok, broken = verify_journal(dossier, events)
    assert not ok and broken.sequence == 3


def test_the_model_refuses_updates_and_deletes(dossier):
    event = dossier.events.first()
    event.actor = "x"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        Event.objects.filter(pk=event.pk).update(actor="x")
    with pytest.raises(TypeError):
        Event.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE evidence_event SET actor = 'x'", "DELETE FROM evidence_event"],
)
def test_the_database_refuses_them_too(dossier, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert verify_journal(dossier) == (True, None)


def test_erasing_the_dossier_erases_its_journal(dossier):
    dossier_services.erase_dossier(dossier=dossier)
    assert not Event.objects.filter(dossier_id=dossier.pk).exists()


def page_queries(client, dossier):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("evidence:dossier_detail", args=[dossier.public_id]))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_dossier_page_queries_do_not_grow_with_the_exhibits(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    small, large = make_dossier(alice, "small"), make_dossier(alice, "large")
    for dossier, count in ((small, 3), (large, 300)):
        for _image in range(3):
            add_image(dossier)
        for index in range(count - 3):
            exhibit_services.add_message_exhibit(
                dossier=dossier, actor=alice, text=f"message {index}", details=details()
            )
    client.force_login(alice)
    page_queries(client, small)  # warm the session
    small_count, _html = page_queries(client, small)
    large_count, html = page_queries(client, large)
    assert small_count == large_count <= 12
    assert len(re.findall(r'<img [^>]*src="[^"]*/file/thumbnail/"', html)) == 3
    assert not re.search(r'<img [^>]*src="[^"]*/file/(original|display)/"', html)
