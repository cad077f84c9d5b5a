"""The dossier journey as a frightened pupil meets it: the upload page's order, each of
several files with its own details, "choose your files again" after an error, a visible
Edit that returns to its card, errors that take the title, and "My dossiers" logged out."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from evidence.models import Event, Exhibit, Platform, Scope
from tests.evidence.factories import (
    add_image,
    make_dossier,
    make_helper,
    make_user,
    png_bytes,
    upload,
)
from tests.html import by_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


@pytest.fixture
def lea(django_user_model):
    return make_user(django_user_model, "lea")


@pytest.fixture
def dossier(lea):
    return make_dossier(lea, "Mes captures")


@pytest.fixture
def logged_in(client, lea):
    client.force_login(lea)
    return client


TYPED = {
    "occurred_on": "2026-10-03",
    "occurred_time": "",
    "platform": Platform.SNAPCHAT,
    "platform_other": "",
    "author_name": "@harceleur",
    "author_profile_url": "",
    "content_url": "",
    "description": "",
}


def send_files(client, dossier, count, **overrides):
    files = [
        upload(png_bytes(text=f"capture {number}"), f"capture-{number}.png")
        for number in range(count)
    ]
    return client.post(
        reverse("evidence:add_files", args=[dossier.public_id]),
        {**TYPED, **overrides, "files": files},
    )


def per_file(number, **values):
    return {f"file-{number}-{name}": value for name, value in {**TYPED, **values}.items()}


def test_the_upload_page_starts_with_the_file_button_then_a_calm_rule(logged_in, dossier):
    page = logged_in.get(reverse("evidence:add_files", args=[dossier.public_id])).text
    main = page[page.index("<main") :]
    assert main.index("Ce n’est pas de votre faute") < main.index('type="file"')
    assert main.index('type="file"') < main.index("Une règle") < main.index('name="occurred_on"')
    rule = main[main.index("upload-rule") - 30 : main.index("</details>")]
    assert "box-alert" not in rule  # a neutral box, not an alarm
    why = rule[rule.index("<details>") :]
    assert "227-23" in why and "227-23" not in rule[: rule.index("<details>")]


def test_several_files_each_get_their_own_details_prefilled_from_the_first(logged_in, dossier):
    response = send_files(logged_in, dossier, 3)
    assert response.headers["Location"] == reverse(
        "evidence:file_details", args=[dossier.public_id]
    )
    page = logged_in.get(response.headers["Location"])
    assert page.status_code == 200
    for number in (1, 2, 3):
        assert f"Fichier {number} sur 3" in page.text
        assert by_id(page.text, f"id_file-{number}-occurred_on")["value"] == "2026-10-03"
        assert by_id(page.text, f"id_file-{number}-author_name")["value"] == "@harceleur"
        assert 'value="snapchat" selected' in page.text
    assert len(re.findall(r'<img class="thumbnail"', page.text)) == 3

    saved = logged_in.post(
        page.request["PATH_INFO"],
        {
            **per_file(1),
            **per_file(2, platform=Platform.WHATSAPP, author_name="@autre"),
            **per_file(3, occurred_on="2026-10-05"),
        },
    )
    assert saved.headers["Location"] == reverse("evidence:dossier_detail", args=[dossier.public_id])
    first, second, third = Exhibit.objects.filter(dossier=dossier).order_by("position")
    assert (first.platform, first.author_name) == (Platform.SNAPCHAT, "@harceleur")
    assert (second.platform, second.author_name) == (Platform.WHATSAPP, "@autre")
    assert third.occurred_on == datetime.date(2026, 10, 5)
    edits = Event.objects.filter(dossier=dossier, action="exhibit_edited")
    assert sorted(str(event.exhibit_public_id) for event in edits) == sorted(
        [str(second.public_id), str(third.public_id)]
    )
    # Once saved, the page is gone: a reload goes back to the dossier.
    again = logged_in.get(page.request["PATH_INFO"])
    assert again.headers["Location"] == reverse("evidence:dossier_detail", args=[dossier.public_id])


def test_a_wrong_detail_on_one_file_saves_none_and_names_the_file(logged_in, dossier):
    send_files(logged_in, dossier, 2)
    url = reverse("evidence:file_details", args=[dossier.public_id])
    refused = logged_in.post(
        url, {**per_file(1, platform="whatsapp"), **per_file(2, occurred_on="2099-01-01")}
    )
    assert refused.status_code == 400
    assert refused.text.count('class="box box-alert error-summary"') == 1
    summary = refused.text[refused.text.index("error-summary") :]
    assert "Fichier 2, Date des faits" in summary[: summary.index("</div>")]
    assert "<title>Erreur – Mon espace · cyberaide</title>" in refused.text
    assert not Event.objects.filter(dossier=dossier, action="exhibit_edited").exists()


def test_one_file_goes_back_to_its_card(logged_in, dossier):
    response = send_files(logged_in, dossier, 1)
    exhibit = Exhibit.objects.get(dossier=dossier)
    assert response.headers["Location"].endswith(f"#exhibit-{exhibit.public_id}")


def test_after_an_error_the_files_must_be_chosen_again_and_nothing_was_added(logged_in, dossier):
    response = send_files(logged_in, dossier, 2, occurred_on="")
    assert response.status_code == 400
    assert "Choisissez à nouveau vos fichiers" in response.text
    assert by_id(response.text, "id_files").get("aria-invalid") == "true"
    assert "<title>Erreur – " in response.text
    assert not Exhibit.objects.filter(dossier=dossier).exists()


def test_only_those_who_add_may_set_details_and_only_for_their_own_batch(
    client, logged_in, dossier, django_user_model
):
    send_files(logged_in, dossier, 2)
    reader = make_user(django_user_model, "lecteur")
    make_helper(dossier, reader, Scope.READ)
    client.force_login(reader)
    url = reverse("evidence:file_details", args=[dossier.public_id])
    assert client.get(url).status_code == 403
    adder = make_user(django_user_model, "aide")
    make_helper(dossier, adder, Scope.ADD)
    client.force_login(adder)
    # Lea's batch is in Lea's session: another person is sent back to the dossier.
    assert client.get(url).status_code == 302


def test_each_card_has_a_visible_edit_and_the_page_shows_what_is_corrected(logged_in, dossier):
    add_image(dossier, occurred_on=datetime.date(2026, 10, 1))
    later = add_image(dossier, occurred_on=datetime.date(2026, 10, 9))
    page = logged_in.get(reverse("evidence:dossier_detail", args=[dossier.public_id])).text
    card = page[page.index(f'id="exhibit-{later.public_id}"') :]
    card = card[: card.index("</li>")]
    assert card.index("Modifier") < card.index("<details>")
    assert "pièce n° 2" in card

    edit_url = reverse("evidence:exhibit_edit", args=[dossier.public_id, later.public_id])
    edit = logged_in.get(edit_url).text
    assert "Corriger la pièce n° 2" in edit
    assert f"/exhibits/{later.public_id}/file/thumbnail/" in edit


def test_saving_returns_to_the_card_and_says_when_the_order_changed(logged_in, dossier):
    add_image(dossier, occurred_on=datetime.date(2026, 10, 1))
    later = add_image(dossier, occurred_on=datetime.date(2026, 10, 9))
    edit_url = reverse("evidence:exhibit_edit", args=[dossier.public_id, later.public_id])
    values = {**TYPED, "occurred_on": "2026-10-08"}
    same_place = logged_in.post(edit_url, values)
    assert same_place.headers["Location"].endswith(f"#exhibit-{later.public_id}")
    assert "nouvelle place" not in logged_in.get(same_place.headers["Location"]).text

    moved = logged_in.post(edit_url, {**values, "occurred_on": "2026-09-20"})
    page = logged_in.get(moved.headers["Location"]).text
    assert "nouvelle place dans la chronologie. Son numéro reste le même." in page
    assert page.index(f'id="exhibit-{later.public_id}"') < page.index("Pièce n° 1 —")


def test_a_page_without_errors_has_no_error_title(logged_in, dossier):
    page = logged_in.get(reverse("evidence:add_files", args=[dossier.public_id])).text
    assert "<title>Mon espace · cyberaide</title>" in page


def test_my_dossiers_logged_out_explains_before_asking_to_log_in(client):
    page = client.get(reverse("evidence:dossier_list"))
    assert page.status_code == 200
    main = page.text[page.text.index("<main") :]
    assert main.index("Un dossier garde vos preuves") < main.index(reverse("accounts:login"))
    assert reverse("accounts:signup") in main
    assert "<form" not in main


def test_the_home_page_reassures_before_it_lists_consequences(client):
    page = client.get(reverse("guidance:home")).text
    assert page.index("Ce n’est pas de votre faute : c’est la personne qui harcèle") < page.index(
        "Les conséquences pour les victimes"
    )
