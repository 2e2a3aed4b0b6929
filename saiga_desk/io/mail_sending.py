"""Sending through the Secretariat's mail server (smtplib: plain, STARTTLS or TLS).

One connection for the run; a pause between messages; a message the server refuses for now (4xx) is tried
again after the pause, up to ``retries`` times; a permanent refusal (5xx) is logged as failed with the
server's answer and the run goes on. Each outcome is written to the mail log as soon as it is known, so a
cancelled run (``progress.cancel()``) leaves the log exact: what went out is there, nothing else.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from dataclasses import dataclass

from saiga_desk.core import mail_log
from saiga_desk.core.errors import CancelledError, Progress, SaigaError
from saiga_desk.i18n import _
from saiga_desk.io.mail_messages import PENDING, Mailing, Summary, email_message, outcome

TIMEOUT = 60


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str = "starttls"  # starttls | tls | none
    user: str = ""
    password: str | None = None
    sender: str = ""
    pause: float = 2.0
    retries: int = 2
    retry_delay: float = 5.0  # seconds before trying a message again after a temporary refusal

    def __repr__(self) -> str:  # never the password, not even in a traceback in the log
        return f"Server({self.host}:{self.port}, {self.security}, user={self.user!r})"


def _answer(code: int, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


def connect(server: Server) -> smtplib.SMTP:
    """An open, logged-in connection, or one plain sentence naming the server."""
    where = f"{server.host}:{server.port}"
    try:
        if server.security == "tls":
            smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT,
                                    context=ssl.create_default_context())  # fmt: skip
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
            smtp.ehlo()
            if server.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
    except (OSError, smtplib.SMTPException) as e:
        raise SaigaError(
            _("Cannot reach the mail server {server}: {error}.").format(server=where, error=e)
        ) from None
    if server.user:
        if not server.password:
            smtp.close()
            raise SaigaError(_("No password for {user} on {server}: enter it in Settings → Mail (it is kept in "
                               "the system keyring) or set SAIGA_DESK_SMTP_PASSWORD.").format(
                                   user=server.user, server=where))  # fmt: skip
        try:
            smtp.login(server.user, server.password)
        except smtplib.SMTPException as e:
            smtp.close()
            code, text = getattr(e, "smtp_code", ""), getattr(e, "smtp_error", str(e))
            raise SaigaError(_("The mail server {server} refused the user {user}: {answer}.").format(
                server=where, user=server.user, answer=(_answer(code, text) if code else text).rstrip("."))) from None  # fmt: skip
    return smtp


def _wait(seconds: float, progress: Progress, sleep) -> None:
    end = time.monotonic() + seconds
    while True:
        progress.check()
        left = end - time.monotonic()
        if left <= 0:
            return
        sleep(min(left, 0.1))


def _try_send(smtp, em, server: Server, to: str) -> tuple[str, str | None, bool]:
    """(outcome, server answer, temporary?) of one attempt."""
    try:
        refused = smtp.send_message(em, from_addr=server.sender or None, to_addrs=[to])
    except smtplib.SMTPRecipientsRefused as e:
        code, text = next(iter(e.recipients.values()))
        return "failed", _answer(code, text), 400 <= code < 500
    except smtplib.SMTPResponseException as e:  # sender refused, data refused
        try:
            smtp.rset()
        except smtplib.SMTPException:
            pass
        return "failed", _answer(e.smtp_code, e.smtp_error), 400 <= e.smtp_code < 500
    if refused:
        code, text = next(iter(refused.values()))
        return "failed", _answer(code, text), 400 <= code < 500
    return "sent", None, False


def send(mailing: Mailing, server: Server, progress: Progress | None = None, sleep=time.sleep) -> Summary:
    """Send every pending message of ``mailing``; the others are counted as skipped."""
    progress = progress or Progress()
    summary = Summary()
    for msg in mailing.messages:
        if msg.state != PENDING:
            summary.add(msg, msg.state)
    todo = mailing.pending
    if not todo:
        return summary
    if not server.sender:
        raise SaigaError(_("Give the sender's address (From) in Settings → Mail or with --from."))
    progress.report(0, len(todo), _("Connecting to {server}…").format(server=server.host))
    smtp = connect(server)
    try:
        for i, msg in enumerate(todo):
            if i:
                _wait(server.pause, progress, sleep)
            progress.report(i, len(todo), _("Sending to {name}").format(name=msg.to))
            progress.check()  # cancelled while this message was announced: it does not go out
            files = mailing.files(msg)
            em = email_message(msg, files, server.sender)
            for attempt in range(server.retries + 1):
                try:
                    result, answer, temporary = _try_send(smtp, em, server, msg.to)
                except smtplib.SMTPServerDisconnected:
                    smtp = connect(server)
                    result, answer, temporary = "failed", _("the server closed the connection"), True
                if not (temporary and attempt < server.retries):
                    break
                _wait(server.retry_delay, progress, sleep)
            mail_log.record(mailing.db, outcome(mailing, msg, em, files, result, answer))
            summary.add(msg, result, answer)
        progress.report(len(todo), len(todo), _("Messages sent"))
    except CancelledError:
        summary.cancelled = True
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return summary
