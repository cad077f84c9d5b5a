"""A throwaway PKI and a local RFC 3161 timestamping authority, for the trusted-time tests.

``make_pki`` writes a root CA, a TSA certificate and a seal certificate (its key in a
PKCS#12 file) made with ``cryptography``; ``LocalTSA`` answers timestamp queries on the
loopback interface with the real ``openssl ts -reply``; ``openssl_verify_token`` checks a
token with ``openssl ts -verify``, independently of pyHanko.
"""

from __future__ import annotations

import contextlib
import datetime
import http.server
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PEM = serialization.Encoding.PEM


@dataclass(frozen=True)
class Pki:
    """The files of a throwaway PKI (all PEM but the PKCS#12)."""

    ca_pem: Path
    tsa_cert_pem: Path
    tsa_key_pem: Path
    seal_p12: Path
    seal_password: bytes
    seal_cert_pem: Path


def _name(common_name: str, organization: str = "cyberaide tests") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
        ]
    )


def _certificate(subject, key, issuer, issuer_key, *, ca: bool = False, tsa: bool = False):
    """A certificate valid from yesterday for two years: a CA's (keyCertSign, cRLSign) or a
    leaf's (digitalSignature, nonRepudiation; with a critical timeStamping usage for a TSA)."""
    now = datetime.datetime.now(datetime.UTC)
    unused = ("key_encipherment", "data_encipherment", "key_agreement", "encipher_only")
    flags = dict.fromkeys((*unused, "decipher_only"), False)
    usage = x509.KeyUsage(
        digital_signature=not ca, content_commitment=not ca, key_cert_sign=ca, crl_sign=ca, **flags
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), False
        )
    )
    if tsa:
        eku = x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING])
        builder = builder.add_extension(eku, critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(directory: Path, password: bytes = b"seal-password") -> Pki:
    """Write a root CA and a TSA certificate (EC P-256), and a seal certificate (RSA 2048) with
    its key and the CA in a PKCS#12 file, to ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    tsa_key = ec.generate_private_key(ec.SECP256R1())
    # RSA for the seal: with an EC key pyHanko declares the ISO 32002 extension and raises the
    # catalog's /Version to 2.0, which a PDF/A-3 file (PDF 1.7 based) should not claim.
    seal_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _name("cyberaide test CA")
    ca = _certificate(ca_name, ca_key, ca_name, ca_key, ca=True)
    tsa = _certificate(_name("cyberaide test TSA"), tsa_key, ca_name, ca_key, tsa=True)
    seal_name = _name("cyberaide test seal", "Association test")
    seal = _certificate(seal_name, seal_key, ca_name, ca_key)
    pki = Pki(
        ca_pem=directory / "ca.pem",
        tsa_cert_pem=directory / "tsa.pem",
        tsa_key_pem=directory / "tsa.key",
        seal_p12=directory / "seal.p12",
        seal_password=password,
        seal_cert_pem=directory / "seal.pem",
    )
    pki.ca_pem.write_bytes(ca.public_bytes(PEM))
    pki.tsa_cert_pem.write_bytes(tsa.public_bytes(PEM))
    plain = serialization.NoEncryption()
    pki.tsa_key_pem.write_bytes(
        tsa_key.private_bytes(PEM, serialization.PrivateFormat.PKCS8, plain)
    )
    pki.seal_cert_pem.write_bytes(seal.public_bytes(PEM))
    sealed = serialization.BestAvailableEncryption(password)
    pki.seal_p12.write_bytes(
        pkcs12.serialize_key_and_certificates(b"seal", seal_key, seal, [ca], sealed)
    )
    return pki


_TSA_CONFIG = """\
[tsa]
default_tsa = tsa_config

[tsa_config]
dir = {dir}
serial = $dir/tsa-serial
crypto_device = builtin
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha256, sha384, sha512
accuracy = secs:1, millisecs:500, microsecs:100
clock_precision_digits = 0
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
signer_digest = sha256
"""


class LocalTSA:
    """An RFC 3161 authority on 127.0.0.1, answering through ``openssl ts -reply``.

    ``url`` is where to POST queries; ``requests`` counts the queries answered with a token.
    Set ``down`` to answer 503 without one, ``delay`` (seconds) to wait before answering.
    """

    def __init__(self, pki: Pki, workdir: Path):
        self.pki = pki
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.config = self.workdir / "tsa.cnf"
        self.config.write_text(_TSA_CONFIG.format(dir=self.workdir))
        (self.workdir / "tsa-serial").write_text("01\n")
        self.requests = 0
        self.down = False
        self.delay = 0.0
        self._lock = threading.Lock()
        self._server: http.server.ThreadingHTTPServer | None = None
        self.url = ""

    def reply(self, query: bytes) -> bytes:
        """The DER TimeStampResp that openssl gives to ``query`` (counted in ``requests``)."""
        with self._lock:  # one openssl at a time: they share the serial file and q.tsq
            tsq, tsr = self.workdir / "q.tsq", self.workdir / "r.tsr"
            tsq.write_bytes(query)
            tsr.unlink(missing_ok=True)
            subprocess.run(
                ["openssl", "ts", "-reply", "-config", str(self.config),
                 "-queryfile", str(tsq), "-signer", str(self.pki.tsa_cert_pem),
                 "-inkey", str(self.pki.tsa_key_pem), "-chain", str(self.pki.ca_pem),
                 "-out", str(tsr)],
                check=True,
                capture_output=True,
            )  # fmt: skip
            self.requests += 1
            return tsr.read_bytes()

    def __enter__(self) -> LocalTSA:
        tsa = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                query = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if tsa.delay:
                    time.sleep(tsa.delay)
                if tsa.down:
                    self.send_error(503, "Timestamping authority down")
                    return
                try:
                    body = tsa.reply(query)
                except subprocess.CalledProcessError:
                    self.send_error(400, "Bad timestamp query")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(ConnectionError):  # the client gave up (a delay test)
                    self.wfile.write(body)

            def log_message(self, format, *args):
                """Quiet: no line on stderr per request."""

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()


def openssl_verify_token(
    token_der: bytes, digest_hex: str, pki: Pki, workdir: Path
) -> subprocess.CompletedProcess:
    """``openssl ts -verify`` of a DER TimeStampToken over a SHA-256 digest (exit code 0 if
    it verifies against the test CA); output captured as text."""
    token = Path(workdir) / "token.der"
    token.write_bytes(token_der)
    return subprocess.run(
        ["openssl", "ts", "-verify", "-digest", digest_hex, "-in", str(token), "-token_in",
         "-CAfile", str(pki.ca_pem), "-untrusted", str(pki.tsa_cert_pem)],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
