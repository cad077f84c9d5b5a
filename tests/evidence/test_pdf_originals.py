"""Attaching the originals to a finished PDF/A-3 file by an incremental update
(evidence/pdf_originals.py), read back with pypdf."""

import datetime
import hashlib
import io
import re

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from evidence.pdf.attachments import Original
from evidence.pdf.originals import attach_originals
from tests.evidence.factories import jpeg_bytes, png_bytes

RECEIVED = datetime.datetime(2026, 10, 12, 9, 30, 5, tzinfo=datetime.UTC)
PNG = png_bytes(text="capture")
JPEG = jpeg_bytes()
PDF_FILE = b"%PDF-1.4\n% a victim's own PDF, attached as it came\n%%EOF\n"


def weasyprint_document():
    output = io.BytesIO()
    HTML(
        string="<h1>Plainte</h1><p>Page une.</p><p style='break-before: page'>Deux.</p>"
    ).write_pdf(output, pdf_variant="pdf/a-3b")
    return output


def original(name, data, content_type):
    return Original(
        name=name,
        description=f"Pièce — SHA-256 {hashlib.sha256(data).hexdigest()}",
        content_type=content_type,
        received_at=RECEIVED,
        read=lambda: data,
    )


@pytest.fixture
def attached():
    output = weasyprint_document()
    before = output.getvalue()
    attach_originals(
        output,
        [
            original("002-piece.jpg", JPEG, "image/jpeg"),
            original("001-piece.png", PNG, "image/png"),
            original("003-piece.pdf", PDF_FILE, "application/pdf"),
        ],
    )
    return before, output.getvalue()


def test_the_document_itself_is_left_byte_for_byte(attached):
    before, after = attached
    assert after.startswith(before)  # an update appended after the document, nothing else
    assert after.count(b"startxref") == before.count(b"startxref") + 1 == 2
    reader, original_reader = PdfReader(io.BytesIO(after)), PdfReader(io.BytesIO(before))
    assert len(reader.pages) == len(original_reader.pages) == 2
    assert reader.pages[0].extract_text() == original_reader.pages[0].extract_text()
    # The file keeps its permanent identifier; the second one marks the update.
    assert (
        reader.trailer["/ID"][0].original_bytes == original_reader.trailer["/ID"][0].original_bytes
    )
    assert reader.trailer["/ID"][1] != original_reader.trailer["/ID"][1]
    # The new cross-reference stream points back to the document's own.
    *_, previous, last = [int(value) for value in re.findall(rb"startxref\s+(\d+)", after)]
    assert previous < len(before) < last
    update_xref = after[last : after.index(b"endobj", last)]
    assert b"/Type /XRef" in update_xref
    assert f"/Prev {previous}".encode() in update_xref


def test_each_original_is_attached_whole_with_what_pdf_a_3_asks(attached):
    _before, after = attached
    reader = PdfReader(io.BytesIO(after))
    assert {name: data for name, [data] in reader.attachments.items()} == {
        "001-piece.png": PNG,
        "002-piece.jpg": JPEG,
        "003-piece.pdf": PDF_FILE,
    }
    catalog = reader.trailer["/Root"]
    specs = [reference.get_object() for reference in catalog["/AF"]]
    assert sorted(spec["/UF"] for spec in specs) == [
        "001-piece.png",
        "002-piece.jpg",
        "003-piece.pdf",
    ]  # each once
    subtypes = {}
    for spec in specs:
        assert spec["/Type"] == "/Filespec"
        assert spec["/F"] == spec["/UF"]
        assert spec["/AFRelationship"] == "/Source"
        assert spec["/Desc"].startswith("Pièce — SHA-256 ")
        stream = spec["/EF"]["/F"].get_object()
        data = stream.get_data()
        params = stream["/Params"]
        assert stream["/Type"] == "/EmbeddedFile"
        assert params["/Size"] == len(data)
        assert (
            params["/CheckSum"].original_bytes == hashlib.md5(data, usedforsecurity=False).digest()
        )
        assert params["/ModDate"] == params["/CreationDate"] == "D:20261012093005Z"
        subtypes[spec["/UF"]] = stream["/Subtype"]
    assert subtypes == {
        "001-piece.png": "/image/png",
        "002-piece.jpg": "/image/jpeg",
        "003-piece.pdf": "/application/pdf",
    }
    # A name tree lists its keys in order, whatever the order they were attached in.
    names = catalog["/Names"]["/EmbeddedFiles"]["/Names"][::2]
    assert names == sorted(names)
    # Still the PDF/A-3b file WeasyPrint wrote: same metadata, same output intent.
    assert reader.xmp_metadata.pdfaid_part == "3"
    assert reader.xmp_metadata.pdfaid_conformance == "B"
    assert catalog["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    assert reader.pdf_header == "%PDF-1.7"


def test_originals_are_read_one_at_a_time_each_written_before_the_next_is_read():
    output = weasyprint_document()
    reads, sizes = [], []
    datas = [png_bytes(text=str(k)) for k in range(3)]
    originals = [original(f"{k:03d}-piece.png", data, "image/png") for k, data in enumerate(datas)]

    def spying(item):
        read = item.read

        def read_and_note():
            sizes.append(output.getbuffer().nbytes)
            reads.append(item.name)
            return read()

        item.read = read_and_note
        return item

    attach_originals(output, (spying(item) for item in originals))
    assert reads == ["000-piece.png", "001-piece.png", "002-piece.png"]
    # By the time an original is read, the one before is already in the file.
    for data, before, after in zip(datas, sizes, sizes[1:], strict=False):
        assert after - before > len(data)


def test_without_originals_the_file_is_unchanged():
    output = weasyprint_document()
    before = output.getvalue()
    attach_originals(output, [])
    assert output.getvalue() == before
