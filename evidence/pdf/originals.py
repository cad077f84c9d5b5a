"""The originals of a dossier, attached to its finished PDF/A-3 file.

WeasyPrint can attach files itself, but it holds all of them in memory until the whole
PDF is written, joins every object's bytes once more to compute the file identifier, and
deflates files that are already compressed: a dossier of photos (up to 25 MB each) would
need several times its size in memory. Instead, the document WeasyPrint wrote gets an
incremental update, as PDF allows and PDF/A-3 accepts: each original is decrypted,
written and forgotten in turn, then a new catalog lists them all (/AF and the
EmbeddedFiles name tree) and a new cross-reference stream points to it.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

if TYPE_CHECKING:
    from evidence.pdf.attachments import Original

STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def attach_originals(output: BinaryIO, originals: Iterable[Original]) -> None:
    """Append ``originals`` to the PDF/A-3 file in ``output`` (a seekable binary file)."""
    originals = list(originals)
    if not originals:
        return
    output.seek(0)
    reader = PdfReader(output)
    trailer = reader.trailer
    root = trailer.raw_get("/Root")
    catalog = cast(DictionaryObject, trailer["/Root"])
    previous_xref = _last_startxref(output)
    writer = _IncrementalWriter(output, first_number=int(cast(NumberObject, trailer["/Size"])))
    specs = [(original.name, _embed(writer, original)) for original in originals]
    new_catalog = {key: catalog.raw_get(key) for key in catalog}
    names = DictionaryObject(catalog.get("/Names", DictionaryObject()))
    in_order = sorted(specs, key=lambda pair: pair[0])  # a name tree is sorted by its keys
    names[NameObject("/EmbeddedFiles")] = _dictionary(
        {
            "/Names": ArrayObject(
                item for name, spec in in_order for item in (TextStringObject(name), spec)
            )
        }
    )
    new_catalog["/Names"] = names
    new_catalog["/AF"] = ArrayObject(spec for _name, spec in specs)
    writer.replace(root, new_catalog)
    # The first identifier is the file's for good; the second changes with each update.
    first_id = cast(ArrayObject, trailer["/ID"])[0].original_bytes
    update_id = md5(first_id + str(writer.offsets).encode())
    writer.finish(
        previous_xref=previous_xref,
        trailer={
            "/Root": root,
            "/Info": trailer.raw_get("/Info"),
            "/ID": ArrayObject([ByteStringObject(first_id), ByteStringObject(update_id)]),
        },
    )


def _embed(writer: _IncrementalWriter, original: Original) -> IndirectObject:
    """Write one original and its file specification; return the specification."""
    data = original.read()
    date = TextStringObject(f"D:{original.received_at:%Y%m%d%H%M%S}Z")
    params = {"/Size": NumberObject(len(data)), "/CheckSum": ByteStringObject(md5(data))}
    params.update({"/CreationDate": date, "/ModDate": date})
    stream = writer.add(
        {
            "/Type": NameObject("/EmbeddedFile"),
            "/Subtype": NameObject(f"/{original.content_type}"),  # written /image#2Fpng
            "/Params": _dictionary(params),
        },
        data=data,
    )
    return writer.add(
        {
            "/Type": NameObject("/Filespec"),
            "/F": TextStringObject(original.name),
            "/UF": TextStringObject(original.name),
            "/Desc": TextStringObject(original.description),
            "/AFRelationship": NameObject(original.relationship),
            "/EF": _dictionary({"/F": stream, "/UF": stream}),
        }
    )


def _dictionary(entries: dict[str, Any]) -> DictionaryObject:
    return DictionaryObject({NameObject(key): value for key, value in entries.items()})


def md5(data: bytes) -> Any:
    """PDF asks for MD5 in an embedded file's /CheckSum and by custom in file identifiers:
    a checksum, not a security measure (the SHA-256 of each original is in the annex)."""
    return hashlib.md5(data, usedforsecurity=False).digest()


def _last_startxref(output: BinaryIO) -> int:
    output.seek(0, io.SEEK_END)
    output.seek(max(0, output.tell() - 1024))
    found = STARTXREF.search(output.read())
    if found is None:
        raise ValueError("The PDF has no startxref.")
    return int(found.group(1))


class _IncrementalWriter:
    """Writes numbered objects at the end of a PDF file, then their cross-reference
    stream and trailer."""

    def __init__(self, output: BinaryIO, *, first_number: int) -> None:
        self.output = output
        self.next_number = first_number
        self.offsets: dict[int, tuple[int, int]] = {}  # number -> (offset, generation)
        output.seek(0, io.SEEK_END)

    def add(self, entries: dict[str, Any], *, data: bytes | None = None) -> IndirectObject:
        number = self.next_number
        self.next_number += 1
        self._write(number, 0, entries, data)
        return IndirectObject(number, 0, None)

    def replace(self, reference: IndirectObject, entries: dict[str, Any]) -> None:
        self._write(reference.idnum, reference.generation, entries, None)

    def _write(
        self, number: int, generation: int, entries: dict[str, Any], data: bytes | None
    ) -> None:
        dictionary = _dictionary(entries)
        if data is not None:
            dictionary[NameObject("/Length")] = NumberObject(len(data))
        self.offsets[number] = (self.output.tell(), generation)
        self.output.write(f"{number} {generation} obj\n".encode())
        dictionary.write_to_stream(self.output)
        if data is not None:
            self.output.write(b"\nstream\n")
            self.output.write(data)
            self.output.write(b"\nendstream")
        self.output.write(b"\nendobj\n")

    def finish(self, *, previous_xref: int, trailer: dict[str, Any]) -> None:
        number = self.next_number
        self.offsets[number] = (self.output.tell(), 0)
        width = max(4, (max(offset for offset, _ in self.offsets.values()).bit_length() + 7) // 8)
        numbers = sorted(self.offsets)
        index: list[int] = []  # [first, count, first, count, ...] over runs of consecutive numbers
        for item in numbers:
            if index and index[-2] + index[-1] == item:
                index[-1] += 1
            else:
                index += [item, 1]
        rows = b"".join(
            b"\x01"
            + self.offsets[item][0].to_bytes(width, "big")
            + self.offsets[item][1].to_bytes(2, "big")
            for item in numbers
        )
        entries = {
            "/Type": NameObject("/XRef"),
            "/Size": NumberObject(number + 1),
            "/Index": ArrayObject(NumberObject(value) for value in index),
            "/W": ArrayObject(NumberObject(value) for value in (1, width, 2)),
            "/Prev": NumberObject(previous_xref),
            **{key: value for key, value in trailer.items() if value is not None},
        }
        self._write(number, 0, entries, rows)
        self.output.write(f"startxref\n{self.offsets[number][0]}\n%%EOF\n".encode())
