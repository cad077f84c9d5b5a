"""A frightened pupil on her phone, in Debian's Chromium: the recovery code from sign-up
to a new password, each of several files with its own details, and a failed form that
takes the focus and the title."""

import re

import pytest
from playwright.sync_api import expect

from evidence.models import Exhibit, Platform
from tests.browser.conftest import log_in
from tests.browser.test_dossier_journey import field
from tests.evidence.factories import PASSWORD, make_dossier, png_bytes

pytestmark = pytest.mark.browser

NEW_PASSWORD = "une autre phrase de passe 77"


def test_the_recovery_code_from_sign_up_sets_a_new_password(page, live_server, django_user_model):
    page.goto(f"{live_server.url}/fr/accounts/signup/")
    field(page, "Nom d’utilisateur").fill("lea2013")
    field(page, "Mot de passe").fill(PASSWORD)
    field(page, "Confirmation du mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre code de secours")
    assert page.title() == "Mon espace · cyberaide"
    code = page.locator(".recovery-code code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    expect(page.get_by_role("button", name="Imprimer cette page")).to_be_visible()  # with JS
    page.reload()
    expect(page.locator(".recovery-code")).to_have_count(0)  # shown once
    expect(page.get_by_text("Ce code a déjà été affiché")).to_be_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    field(page, "Nom d’utilisateur").fill("lea2013")
    field(page, "Code de secours").fill(code.lower().replace("-", " "))
    field(page, "Nouveau mot de passe").fill(NEW_PASSWORD)
    field(page, "Nouveau mot de passe, une seconde fois").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer mon nouveau mot de passe").click()

    expect(page.get_by_role("status")).to_contain_text("Votre code de secours a servi")
    new_code = page.locator(".recovery-code code").inner_text()
    assert new_code != code
    user = django_user_model.objects.get(username="lea2013")
    assert user.check_password(NEW_PASSWORD)


def test_several_files_get_their_own_details(page, live_server, tmp_path, django_user_model):
    lea = django_user_model.objects.create_user("lea", password=PASSWORD)
    dossier = make_dossier(lea, "Mes captures")
    paths = []
    for index in range(2):
        path = tmp_path / f"IMG_00{index}.PNG"
        path.write_bytes(png_bytes(text=f"capture {index}"))
        paths.append(path)
    log_in(page, live_server, "lea", PASSWORD)
    page.goto(f"{live_server.url}/fr/dossiers/{dossier.public_id}/add/files/")

    # On a phone screen, the file button is in view without scrolling.
    file_input = field(page, "Captures d’écran, photos ou documents PDF")
    expect(file_input).to_be_in_viewport()
    file_input.set_input_files(paths)
    field(page, "Date des faits").fill("2026-10-03")
    field(page, "Où cela s’est-il passé ?").select_option("snapchat")
    field(page, "Nom ou pseudo de l’auteur (facultatif)").fill("@harceleur")
    page.get_by_role("button", name="Ajouter au dossier").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Les informations de chaque fichier")
    second = page.get_by_role("group", name="Fichier 2 sur 2")
    expect(second.get_by_role("img", name="Fichier 2")).to_be_visible()
    expect(field(second, "Date des faits")).to_have_value("2026-10-03")
    expect(field(second, "Nom ou pseudo de l’auteur (facultatif)")).to_have_value("@harceleur")
    field(second, "Où cela s’est-il passé ?").select_option("whatsapp")
    field(second, "Nom ou pseudo de l’auteur (facultatif)").fill("@autre")
    page.get_by_role("button", name="Enregistrer les informations").click()

    expect(page.get_by_role("status")).to_contain_text("Les informations de chaque fichier")
    first, other = Exhibit.objects.filter(dossier=dossier).order_by("position")
    assert (first.platform, first.author_name) == (Platform.SNAPCHAT, "@harceleur")
    assert (other.platform, other.author_name) == (Platform.WHATSAPP, "@autre")


def test_a_failed_form_takes_the_focus_and_the_title(page, live_server, tmp_path):
    page.goto(f"{live_server.url}/fr/accounts/signup/")
    field(page, "Nom d’utilisateur").fill("lea2014")
    field(page, "Mot de passe").fill(PASSWORD)
    field(page, "Confirmation du mot de passe").fill(PASSWORD + "x")
    page.get_by_role("button", name="Créer mon compte").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert page.title().startswith("Erreur – ")
    # The mismatch is told on the first password field, where she types it again.
    expect(field(page, "Mot de passe")).to_have_attribute("aria-invalid", "true")
    expect(field(page, "Confirmation du mot de passe")).not_to_have_attribute(
        "aria-invalid", "true"
    )
    summary.get_by_role("link").first.click()
    expect(field(page, "Mot de passe")).to_be_focused()
