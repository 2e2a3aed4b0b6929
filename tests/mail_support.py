"""A real SMTP server on 127.0.0.1 (aiosmtpd) and keyring backends for the mail tests.

``MailServer`` records every message it accepts; it can refuse chosen recipients for good (550) or for now
(451, a given number of times), and asks for a login when ``password`` is given. ``MemoryKeyring`` is
registered with ``keyring.set_keyring`` in-process; ``FileKeyring`` is what a CLI subprocess loads through
``PYTHON_KEYRING_BACKEND=tests.mail_support.FileKeyring`` (its file named by ``SAIGA_TEST_KEYRING_FILE``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

REPO = Path(__file__).resolve().parents[1]


def run_cli(db, env, *args):
    """The command line as a real process on database ``db``."""
    return subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self):
        self.received: list[tuple[str, list[str], bytes]] = []
        self.refuse: dict[str, str] = {}  # address -> "550 ..." answer
        self.later: dict[str, int] = {}  # address -> how many times to answer 451 first
        self.temporary_answers = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        if self.later.get(address, 0) > 0:
            self.later[address] -= 1
            self.temporary_answers += 1
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 Message accepted for delivery"

    def messages(self):
        return [message_from_bytes(raw, policy=policy.default) for _f, _t, raw in self.received]


class MailServer:
    def __init__(self, user: str | None = None, password: str | None = None, **tls):
        self.handler = Handler()
        self.port = free_port()
        self.user, self.password = user, password
        self.logins: list[str] = []
        kwargs = {}
        if password is not None:
            kwargs = {"authenticator": self._authenticate, "auth_require_tls": False}
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs, **tls)

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == self.user and auth_data.password.decode() == self.password
        )
        if ok:
            self.logins.append(self.user)
        return AuthResult(success=ok, handled=False)

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class FileKeyring(KeyringBackend):
    """A keyring in a JSON file (tests only: a subprocess has no desktop keyring here)."""

    priority = 1

    def _path(self) -> Path:
        return Path(os.environ["SAIGA_TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        p = self._path()
        return json.loads(p.read_text()) if p.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\t{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}\t{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        if data.pop(f"{service}\t{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data))
