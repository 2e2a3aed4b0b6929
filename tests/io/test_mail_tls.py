"""STARTTLS and TLS against a real server on 127.0.0.1 with a certificate the test makes (trusted through
SSL_CERT_FILE, so the client really verifies it); a login only over the encrypted connection."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest

from saiga_desk.core import mail_log
from saiga_desk.core.errors import SaigaError
from saiga_desk.io import mail_sending
from saiga_desk.io.mail_messages import prepare
from tests.mail_support import MailServer

PASSWORD = "Tls-only-secret-3307"


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed (it makes the test certificate)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client's default context trusts it, nothing else
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def _send(db, port, security):
    server = mail_sending.Server(
        "127.0.0.1", port, security, "officer", PASSWORD, "saiga@example.int", pause=0
    )
    with prepare(db, "invitation", meeting_code="MOS4", resend=True) as mailing:
        return mail_sending.send(mailing, server)


def test_starttls(demo_db, certificate):
    with MailServer(user="officer", password=PASSWORD, tls_context=certificate, require_starttls=True) as srv:
        srv.controller.SMTP_kwargs["auth_require_tls"] = True
        with pytest.raises(SaigaError, match="127.0.0.1"):  # no encryption: the server refuses
            _send(demo_db, srv.port, "none")
        summary = _send(demo_db, srv.port, "starttls")
    assert summary.sent == 5 and len(srv.handler.received) == 5 and srv.logins == ["officer"]
    assert {r.outcome for r in mail_log.messages(demo_db)} == {"sent"}


def test_implicit_tls(demo_db, certificate):
    with MailServer(user="officer", password=PASSWORD, ssl_context=certificate) as srv:
        summary = _send(demo_db, srv.port, "tls")
    assert summary.sent == 5 and len(srv.handler.received) == 5


def test_an_untrusted_certificate_is_refused(demo_db, certificate, monkeypatch, tmp_path):
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "none.pem"))
    with MailServer(user="officer", password=PASSWORD, ssl_context=certificate) as srv:
        with pytest.raises(SaigaError, match="Cannot reach the mail server 127.0.0.1"):
            _send(demo_db, srv.port, "tls")
        assert srv.handler.received == []
    assert mail_log.messages(demo_db) == []
