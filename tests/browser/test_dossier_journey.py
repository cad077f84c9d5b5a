"""A victim's journey on a phone: sign up, keep evidence, make the complaint PDF."""

import hashlib
import io
import json
import re
import zipfile

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.evidence.factories import png_bytes

pytestmark = pytest.mark.browser

PASSWORD = "un long mot de passe 2026"


def field(page, label):
    """The field whose whole label is ``label`` (Django adds " :" after it in French)."""
    return page.get_by_label(re.compile("^" + re.escape(label) + r"\s*:?$"))


def sign_up(page, live_server, username):
    page.goto(f"{live_server.url}/fr/accounts/signup/")
    field(page, "Nom d’utilisateur").fill(username)
    field(page, "Mot de passe").fill(PASSWORD)
    field(page, "Confirmation du mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre code de secours")
    page.get_by_role("link", name="J’ai gardé mon code, continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes dossiers")


def start_dossier_with_evidence(page, tmp_path):
    field(page, "Titre").fill("Notes de cours")
    page.get_by_role("button", name="Ouvrir le dossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notes de cours")

    paths = []
    for index in range(3):
        path = tmp_path / f"IMG_00{index}.PNG"
        path.write_bytes(png_bytes(size=(1170, 2532), text=f"capture {index}"))
        paths.append(path)
    page.get_by_role("link", name="Ajouter des captures ou des photos").first.click()
    field(page, "Captures d’écran, photos ou documents PDF").set_input_files(paths)
    field(page, "Date des faits").fill("2026-10-03")
    field(page, "Où cela s’est-il passé ?").select_option("snapchat")
    page.get_by_role("button", name="Ajouter au dossier").click()
    expect(page.get_by_role("status")).to_contain_text("3 fichiers ajoutés")
    expect(page.get_by_role("heading", level=1)).to_have_text("Les informations de chaque fichier")
    page.get_by_role("link", name="Les garder telles quelles").click()

    page.get_by_role("link", name="Coller un message").click()
    field(page, "Le message, copié à l’identique").fill("t'es trop nul, personne veut de toi")
    field(page, "Date des faits").fill("2026-10-04")
    field(page, "Où cela s’est-il passé ?").select_option("instagram")
    page.get_by_role("button", name="Ajouter au dossier").click()
    return paths


def test_sign_up_keep_evidence_and_download_everything(page, live_server, tmp_path):
    sign_up(page, live_server, "lea2011")
    paths = start_dossier_with_evidence(page, tmp_path)

    chronology = page.locator("ol.exhibits > li")
    expect(chronology).to_have_count(4)
    expect(chronology.nth(3)).to_contain_text("Instagram")
    expect(page.locator("ol.exhibits img")).to_have_count(3)
    expect(page.get_by_text("Vérifié à l’instant : les")).to_be_visible()

    page.get_by_role("link", name="Mes données").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger mes données").click()
    archive = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
    manifest = json.loads(archive.read("manifest.json"))
    exhibits = manifest["dossiers"][0]["exhibits"]
    assert len(exhibits) == 4
    originals = {hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}
    for entry in exhibits:
        if "original" in entry:
            assert hashlib.sha256(archive.read(entry["original"])).hexdigest() == entry["sha256"]
    assert originals <= {entry["sha256"] for entry in exhibits}


def test_from_evidence_to_the_complaint_pdf(page, live_server, tmp_path):
    sign_up(page, live_server, "victime")
    start_dossier_with_evidence(page, tmp_path)
    page.get_by_role("link", name="Préparer la lettre de plainte").click()
    page.get_by_role("link", name="Remplir la lettre").click()

    field(page, "Nom").fill("Martin")
    field(page, "Prénoms").fill("Léa")
    field(page, "Date de naissance").fill("1995-04-02")
    field(page, "Adresse postale").fill("12 rue des Lilas\n69003 Lyon")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_role("button", name="Enregistrer et continuer").click()  # no representative
    page.get_by_label("Le procureur de la République").check()
    field(page, "Ville").fill("Lyon")
    # The court of the victim's home may always act for an offence committed online.
    page.get_by_label("C’est le tribunal du lieu où j’habite").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_label("Non, ou pas avec certitude").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    field(page, "Les faits").fill("Des insultes chaque soir depuis la rentrée.")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_role("button", name="Enregistrer et continuer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre lettre de plainte")
    expect(page.locator(".paper")).to_contain_text("tribunal judiciaire de Lyon")
    expect(page.locator(".paper")).to_contain_text("m'ont été adressés à mon domicile")
    page.get_by_role("button", name="Créer le PDF").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger").click()
    data = download_info.value.path().read_bytes()
    shown = page.locator(".documents code.hash").first.inner_text()
    assert hashlib.sha256(data).hexdigest() == shown
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    numbers = re.findall(r"^Pièce n° (\d+)$", text, re.MULTILINE)
    assert list(dict.fromkeys(numbers)) == ["1", "2", "3", "4"]
