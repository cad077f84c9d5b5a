import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from evidence.custody.journal import verify_journal
from evidence.models import Dossier

pytestmark = pytest.mark.django_db


def test_create_demo_dossier_builds_a_realistic_dossier():
    out = io.StringIO()
    call_command(
        "create_demo_dossier",
        "--username",
        "formation",
        "--exhibits",
        "10",
        stdout=out,
        stderr=io.StringIO(),
    )
    dossier = Dossier.objects.get(public_id=out.getvalue().strip())
    exhibits = list(dossier.exhibits.all())
    assert dossier.owner.username == "formation"
    assert not dossier.owner.has_usable_password()
    assert len(exhibits) == 10
    assert {exhibit.kind for exhibit in exhibits} == {"image", "message", "link"}
    assert len({exhibit.platform for exhibit in exhibits}) >= 4
    assert len({exhibit.occurred_on for exhibit in exhibits}) >= 8
    assert max(exhibit.occurred_on for exhibit in exhibits) <= timezone.localdate()
    images = [exhibit for exhibit in exhibits if exhibit.kind == "image"]
    assert all((image.width, image.height) == (1170, 2532) for image in images)
    assert all(image.display_file and image.thumbnail_file for image in images)
    assert verify_journal(dossier) == (True, None)


def test_create_demo_dossier_refuses_zero_exhibits():
    with pytest.raises(CommandError):
        call_command("create_demo_dossier", "--username", "formation", "--exhibits", "0")
