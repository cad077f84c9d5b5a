"""Integrity anyone can verify: a real timestamping authority (openssl ts -reply behind a
local HTTP server, a throwaway CA made here), a real PAdES seal checked by pyHanko and by
poppler's pdfsig, the journal recomputed from integrite.json, and the verifier's report on
genuine and altered PDFs."""

import base64
import hashlib
import html
import io
import json
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from PIL import Image

from evidence.custody import stamps, timestamps
from evidence.models import JournalStamp
from evidence.services import documents
from evidence.verifier.checks import verify_bytes
from evidence.verifier.report import Outcome
from tests.evidence.factories import (
    add_image,
    add_message,
    make_complaint,
    make_dossier,
    make_user,
)
from tests.trust import LocalTSA, make_pki, openssl_verify_token

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def tsa_server(pki, tmp_path_factory):
    with LocalTSA(pki, tmp_path_factory.mktemp("tsa")) as tsa:
        yield tsa


@pytest.fixture
def tsa(tsa_server, pki, settings):
    tsa_server.down, tsa_server.delay = False, 0
    settings.CYBERAIDE_TSA_URL = tsa_server.url
    settings.CYBERAIDE_TSA_CA_FILE = str(pki.ca_pem)
    settings.CYBERAIDE_TSA_TIMEOUT_SECONDS = 5
    return tsa_server


@pytest.fixture
def sealing(pki, settings):
    settings.CYBERAIDE_SIGNING_PKCS12 = str(pki.seal_p12)
    settings.CYBERAIDE_SIGNING_PKCS12_PASSWORD = pki.seal_password.decode()


@pytest.fixture
def dossier(django_user_model):
    dossier = make_dossier(make_user(django_user_model, "alice"))
    make_complaint(dossier)
    return dossier


def filled(dossier, captured):
    with captured(execute=True):
        add_image(dossier)
        add_message(dossier, "T'es nul, personne ne t'aime 😡")
    return dossier


def made_pdf(dossier):
    from evidence.custody import storage

    document = documents.generate_now(dossier=dossier, actor=None)
    assert document.status == "ready", document.failure
    return document, storage.read_file(dossier, document.file)


def run_queued_tasks():
    """What `manage.py db_worker --batch` does, in this test's transaction (the command
    itself closes the connection between tasks, which ends an in-memory test database)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    ran = []
    for job in DBTaskResult.objects.ready().filter(status="READY"):
        worker.run_task(job)
        ran.append(job.task.name)
    return ran


def findings(report):
    return {(str(f.title), f.outcome) for f in report.findings}


# Trusted time ----------------------------------------------------------------------------


def test_each_evidence_change_stamps_the_chain_head_with_a_token_that_verifies(
    dossier, tsa, pki, tmp_path, django_capture_on_commit_callbacks
):
    filled(dossier, django_capture_on_commit_callbacks)
    head = dossier.events.order_by("-sequence").first()
    stamp = JournalStamp.objects.get(event=head)
    assert stamp.chain_head == head.hash
    assert stamp.authority == "cyberaide test TSA (cyberaide tests)"
    # The app's own check, and openssl's, over the head's 32 bytes.
    assert timestamps.check_token(bytes(stamp.token), bytes.fromhex(head.hash)).serial == int(
        stamp.serial
    )
    verified = openssl_verify_token(bytes(stamp.token), head.hash, pki, tmp_path)
    assert verified.returncode == 0 and "Verification: OK" in verified.stdout
    wrong = openssl_verify_token(bytes(stamp.token), "00" * 32, pki, tmp_path)
    assert wrong.returncode != 0
    with pytest.raises(timestamps.TimestampFailed):
        timestamps.check_token(bytes(stamp.token), bytes(32))
    covered = stamps.stamped_events(dossier, dossier.events.all())
    assert set(covered) == set(dossier.events.values_list("sequence", flat=True))


def test_an_authority_that_is_down_never_blocks_an_upload_and_the_worker_stamps_later(
    dossier, tsa, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CYBERAIDE_TSA_RETRY_SECONDS = 0
    tsa.down, asked = True, tsa.requests
    with django_capture_on_commit_callbacks(execute=True):
        exhibit = add_image(dossier)  # queued, not waited for
    assert exhibit.pk and not JournalStamp.objects.exists()
    assert tsa.requests == asked
    run_queued_tasks()  # the authority fails: the task queues another attempt
    assert not JournalStamp.objects.exists()
    assert list(stamps.unstamped_dossiers()) == [dossier]
    tsa.down = False
    assert run_queued_tasks() == ["stamp_journal"]  # the retry
    assert JournalStamp.objects.get().event == dossier.events.order_by("-sequence").first()
    assert list(stamps.unstamped_dossiers()) == []


def test_stamp_journals_catches_up_and_says_when_it_cannot(dossier, tsa, capsys):
    add_image(dossier)  # no commit here: nothing was queued
    tsa.down = True
    with pytest.raises(CommandError, match="could not be stamped"):
        call_command("stamp_journals")
    tsa.down = False
    call_command("stamp_journals")
    assert "1 journal(s) stamped, 0 failure(s)" in capsys.readouterr().out
    assert JournalStamp.objects.filter(dossier=dossier).count() == 1


def test_without_an_authority_nothing_breaks_and_the_pdf_says_times_are_the_servers(
    dossier, django_capture_on_commit_callbacks
):
    filled(dossier, django_capture_on_commit_callbacks)
    _document, data = made_pdf(dossier)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "viennent de l'horloge du serveur du service, qui les atteste seul" in text
    assert "n'est ni scellé ni horodaté" in text
    with translation.override("en"):
        report = verify_bytes(data)
    assert not report.altered
    assert ("No seal and no timestamp", Outcome.UNPROVEN) in findings(report)
    assert ("Trusted time", Outcome.UNPROVEN) in findings(report)


# The sealed PDF --------------------------------------------------------------------------


@pytest.fixture
def sealed(dossier, tsa, sealing, django_capture_on_commit_callbacks):
    filled(dossier, django_capture_on_commit_callbacks)
    document, data = made_pdf(dossier)
    return dossier, document, data


def test_the_pdf_is_sealed_pades_b_t_and_pyhanko_and_pdfsig_find_it_whole(sealed, pki):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    _dossier, document, data = sealed
    assert document.sealed_by == "cyberaide test seal (Association test)"
    assert document.timestamp_authority == "cyberaide test TSA (cyberaide tests)"
    assert document.timestamped_at is not None
    [signature] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    trust = ValidationContext(trust_roots=timestamps.certificates(str(pki.ca_pem)))
    status = validate_pdf_signature(signature, signer_validation_context=trust)
    assert status.bottom_line and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.timestamp_validity.trusted  # B-T: the signature's own token
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.xmp_metadata.pdfaid_part == "3" and "/StructTreeRoot" in reader.trailer["/Root"]
    path = Path(pki.ca_pem).parent / "sealed.pdf"
    path.write_bytes(data)
    pdfsig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=True)
    assert "Signature is Valid." in pdfsig.stdout
    assert "Total document signed" in pdfsig.stdout
    assert "ETSI.CAdES.detached" in pdfsig.stdout


def test_the_verifier_finds_a_genuine_pdf_whole(sealed):
    _dossier, _document, data = sealed
    with translation.override("en"):
        report = verify_bytes(data)
    assert not report.altered, report.findings
    outcomes = findings(report)
    assert ("Seal of the service", Outcome.VERIFIED) in outcomes
    assert ("Journal", Outcome.VERIFIED) in outcomes
    assert ("Exhibits", Outcome.VERIFIED) in outcomes
    assert ("Trusted time", Outcome.VERIFIED) in outcomes


def _incremental(data, change):
    writer = pypdf.PdfWriter(io.BytesIO(data), incremental=True)
    change(writer)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _altered_reports(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    manifest = json.loads(reader.attachments["integrite.json"][0])
    image_name = next(e["attachment"] for e in manifest["exhibits"] if e["kind"] == "image")

    def swap_attachment(writer):
        writer.add_attachment(image_name, b"another picture")

    def remove_event(writer):
        shorter = {**manifest, "events": manifest["events"][:2] + manifest["events"][3:]}
        writer.add_attachment("integrite.json", json.dumps(shorter).encode())

    def replace_image(writer):
        page = writer.pages[len(writer.pages) // 2]
        for image in page.images:
            image.replace(Image.new("RGB", (50, 50), "red"))
            break

    flipped = bytearray(data)
    flipped[len(data) // 3] ^= 0x01
    return {
        "a byte changed": bytes(flipped),
        "an attachment swapped": _incremental(data, swap_attachment),
        "an event removed": _incremental(data, remove_event),
        "an image replaced": _incremental(data, replace_image),
    }


def test_the_verifier_reports_every_kind_of_alteration_and_where(sealed):
    _dossier, _document, data = sealed
    with translation.override("en"):
        for kind, altered in _altered_reports(data).items():
            report = verify_bytes(altered)
            assert report.altered, kind
            seal = next(f for f in report.findings if str(f.title) == "Seal of the service")
            assert seal.outcome == Outcome.ALTERED, kind
            if kind == "a byte changed":
                assert "no longer those that were sealed" in str(seal.detail)
            else:
                assert "changed after it" in str(seal.detail), kind


def test_manage_py_verify_pdf_prints_the_report(sealed, tmp_path, capsys):
    _dossier, _document, data = sealed
    path = tmp_path / "plainte.pdf"
    path.write_bytes(data)
    call_command("verify_pdf", str(path))
    out = capsys.readouterr().out
    assert "Sceau du service" in out and "Valide" in out


# A journal anyone can recompute ----------------------------------------------------------


def test_the_standalone_script_recomputes_everything_and_writes_tokens_for_openssl(
    sealed, pki, tmp_path
):
    dossier, _document, data = sealed
    path = tmp_path / "plainte.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_dossier_pdf.py"), str(path), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The PDF's journal ends before the event that records the PDF itself.
    head = dossier.events.exclude(action="document_generated").order_by("-sequence")[0].hash
    assert f"chain head {head} OK" in result.stdout
    [token] = tmp_path.glob("jeton-*.tsr")
    manifest = json.loads(pypdf.PdfReader(io.BytesIO(data)).attachments["integrite.json"][0])
    covered = manifest["tokens"][0]["chain_head"]
    assert base64.b64decode(manifest["tokens"][0]["token"]) == token.read_bytes()
    verified = openssl_verify_token(token.read_bytes(), covered, pki, tmp_path)
    assert verified.returncode == 0
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(_altered_reports(data)["an attachment swapped"])
    failed = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_dossier_pdf.py"), str(altered)],
        capture_output=True,
        text=True,
    )
    assert failed.returncode == 1 and "MISMATCH" in failed.stdout
    assert hashlib.sha256(b"another picture").hexdigest() in failed.stdout


# The public verifier page ----------------------------------------------------------------


def _post(client, data, name="plainte.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with translation.override("fr"):
        url = reverse("verifier")
    return client.post(url, {"pdf": SimpleUploadedFile(name, data, "application/pdf")})


def test_anyone_checks_a_pdf_in_one_step_and_nothing_is_kept(sealed, client, settings):
    _dossier, _document, data = sealed
    scratch = Path(settings.FILE_UPLOAD_TEMP_DIR)
    before = set(scratch.rglob("*")) if scratch.exists() else set()
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # through the scratch folder, as a big file
    with translation.override("fr"):
        assert client.get(reverse("verifier")).status_code == 200  # no account
    response = _post(client, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "exactement tel que cyberaide l" in html.unescape(page)
    assert "Sceau du service" in page and "Journal" in page
    assert "Ce qu’aucune vérification du fichier ne peut prouver" in html.unescape(page)
    after = set(scratch.rglob("*")) if scratch.exists() else set()
    assert after == before  # the upload's temporary file is gone
    assert response.get("Cache-Control", "").startswith("max-age=0")


def test_the_page_reports_an_altered_pdf_and_refuses_what_is_not_one(sealed, client, settings):
    _dossier, _document, data = sealed
    altered = _altered_reports(data)["an event removed"]
    page = html.unescape(_post(client, altered).content.decode())
    assert "a été modifié après que cyberaide l’a fait" in page
    refused = _post(client, b"GIF89a not a pdf", "image.gif")
    assert refused.status_code == 400
    assert "Ce fichier n’est pas un PDF." in html.unescape(refused.content.decode())
    settings.CYBERAIDE_VERIFY_MAX_BYTES = 1024 * 1024
    too_large = _post(client, data + b"\0" * 1024 * 1024)
    assert too_large.status_code == 400
    assert "Ce fichier dépasse 1 Mo" in html.unescape(too_large.content.decode())


def test_one_address_has_a_limited_number_of_checks_an_hour(sealed, client, settings):
    _dossier, _document, data = sealed
    settings.CYBERAIDE_VERIFY_PER_HOUR = 1
    from django.core.cache import cache

    cache.clear()
    assert _post(client, data).status_code == 200
    again = _post(client, data)
    assert again.status_code == 429
    assert "dans la dernière heure" in html.unescape(again.content.decode())


def test_an_authority_down_when_the_pdf_is_made_gives_a_pdf_sealed_without_its_timestamp(
    dossier, tsa, sealing, django_capture_on_commit_callbacks
):
    filled(dossier, django_capture_on_commit_callbacks)  # stamped while the authority was up
    tsa.down = True
    document, data = made_pdf(dossier)
    assert document.sealed_by and document.timestamped_at is None
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Ce fichier est scellé par le service" in text
    assert "ce sceau est horodaté" not in text  # the annex does not claim what failed
    with translation.override("en"):
        report = verify_bytes(data)
    seal = next(f for f in report.findings if str(f.title) == "Seal of the service")
    assert seal.outcome == Outcome.VERIFIED and "carries no timestamp" in str(seal.detail)
    assert ("Trusted time", Outcome.VERIFIED) in findings(report)  # the journal's tokens


def test_the_dossier_page_shows_which_entries_are_certified(
    dossier, tsa, client, django_capture_on_commit_callbacks
):
    filled(dossier, django_capture_on_commit_callbacks)
    add_message(dossier, "Not yet stamped: no commit here.")
    client.force_login(dossier.owner)
    with translation.override("en"):
        page = client.get(reverse("evidence:dossier_detail", args=[dossier.public_id]))
    text = html.unescape(page.content.decode())
    assert "a timestamping authority, independent of cyberaide, has certified" in text
    assert text.count("existed by ") == 3 and text.count("not yet certified") == 1
