#!/usr/bin/env python3
"""Check a cyberaide dossier PDF without the server: Python 3 and pypdf (pip install pypdf).

    python3 verify_dossier_pdf.py plainte.pdf [folder]

Reads the ``integrite.json`` attached to the PDF, then:
1. hashes every attached original and compares it with the SHA-256 listed for its exhibit
   (compare those with the annex's printed table too);
2. recomputes every journal event, ``sha256(previous hash || canonical JSON of its
   fields)``, and the chain head, which the annex prints;
3. writes each RFC 3161 timestamp token to ``folder`` (default: here) as ``jeton-N.tsr``
   with the openssl command that checks it against the authority's root certificate.
It does not check the PDF's seal: use a PDF reader that checks signatures, or pdfsig.
Exit status 0 when everything matches, 1 otherwise.
"""

import base64
import hashlib
import json
import sys
from pathlib import Path

from pypdf import PdfReader


def main(pdf, folder="."):
    reader = PdfReader(pdf)
    files = reader.attachments  # name -> every file of that name (a second one was added)
    manifest = json.loads(files["integrite.json"][-1])
    ok = len(files["integrite.json"]) == 1
    if not ok:
        print("integrite.json MISMATCH: the PDF holds more than one")
    for exhibit in manifest["exhibits"]:
        name = exhibit["attachment"]
        for data in files.get(name, [b""]) if name else []:
            computed = hashlib.sha256(data).hexdigest()
            same = computed == exhibit["sha256"]
            ok &= same
            print(f"exhibit {exhibit['number']}: {name} {'OK' if same else 'MISMATCH'} {computed}")
    previous = "0" * 64
    for event in manifest["events"]:
        fields = {k: v for k, v in event.items() if k not in ("hash", "previous_hash")}
        content = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        computed = hashlib.sha256(previous.encode() + content.encode("utf-8")).hexdigest()
        same = computed == event["hash"] and event["previous_hash"] == previous
        ok &= same
        print(f"event {event['sequence']}: {'OK' if same else 'MISMATCH'} {computed}")
        previous = computed
    ok &= previous == manifest["chain_head"]
    print(f"chain head {previous} {'OK' if previous == manifest['chain_head'] else 'MISMATCH'}")
    for token in manifest["tokens"]:
        path = Path(folder) / f"jeton-{token['covers_sequence']}.tsr"
        path.write_bytes(base64.b64decode(token["token"]))
        print(
            f"token over events 1-{token['covers_sequence']} ({token['authority']}, "
            f"{token['time']}): openssl ts -verify -digest {token['chain_head']} "
            f"-in {path} -token_in -CAfile <authority's root certificate>"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
