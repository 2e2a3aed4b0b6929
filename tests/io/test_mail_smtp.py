"""Invitations by e-mail against a real SMTP server on 127.0.0.1 (aiosmtpd), with a real keyring API."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import keyring
import pytest
from pypdf import PdfReader

from saiga_desk.core import mail_log
from saiga_desk.core import services as sv
from saiga_desk.core.errors import Progress
from saiga_desk.core.mail_settings import set_mail_settings
from saiga_desk.io import mail_credentials, mail_sending
from saiga_desk.io.mail_messages import prepare
from tests.mail_support import MailServer, MemoryKeyring

PASSWORD = "Xq7-saiga-secret-9041"
SENDER = "saiga.secretariat@example.int"


@pytest.fixture
def keyring_backend():
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def server(keyring_backend):
    with MailServer(user="officer", password=PASSWORD) as srv:
        yield srv


def _configure(db, srv):
    set_mail_settings(db, method="smtp", host="127.0.0.1", port=srv.port, security="none", user="officer",
                      sender=SENDER, pause=0)  # fmt: skip
    mail_credentials.set_password("officer", "127.0.0.1", PASSWORD)


def _server(srv, **kw) -> mail_sending.Server:
    user, password = mail_credentials.credentials("officer", "127.0.0.1")
    return mail_sending.Server(
        "127.0.0.1", srv.port, "none", user, password, SENDER, pause=0, retry_delay=0, **kw
    )


def _contact_points(db) -> dict[str, dict]:
    rows = sv.iter_rows(db, "contact-points")
    return {r["email"]: r for r in rows if r.get("email")}


def _invite(db, srv, progress=None, resend=False):
    with prepare(db, "invitation", meeting_code="MOS4", resend=resend) as mailing:
        return mail_sending.send(mailing, _server(srv), progress)


def test_inviting_mos4_sends_one_message_per_contact_point_in_their_language(demo_db, server):
    db = demo_db
    _configure(db, server)
    batsukh = sv.find(db, "persons", family_name="Батсүх")[0]
    sv.update(db, "persons", batsukh.id, {"preferred_language": "en"})
    summary = _invite(db, server)

    wanted = _contact_points(db)
    assert summary.sent == len(wanted) == 5 and summary.failed == 0
    assert server.logins == ["officer"]  # the keyring's password was used
    got = {m["To"].addresses[0].addr_spec: m for m in server.handler.messages()}
    assert set(got) == set(wanted)
    log = {r.recipient: r for r in mail_log.messages(db)}
    for address, msg in got.items():
        lang = "en" if address.startswith("ulziibayar") else "ru"
        assert msg["Content-Language"] == lang
        assert msg["Subject"].startswith("Invitation: " if lang == "en" else "Приглашение: ")
        text = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        for part in (msg["Subject"], text, html):
            assert "{" not in part and "}" not in part  # every placeholder filled
        assert wanted[address]["family_name"] in text
        (pdf,) = list(msg.iter_attachments())
        assert pdf.get_content_type() == "application/pdf" and pdf.get_filename().endswith(".pdf")
        content = pdf.get_content()
        page = PdfReader(io.BytesIO(content)).pages[0].extract_text()
        assert wanted[address]["family_name"].replace("ʻ", "") in page.replace("ʻ", "")
        entry = log[address]
        assert entry.outcome == "sent" and entry.language == lang and entry.message_id == msg["Message-ID"]
        assert entry.attachments == [
            {"name": pdf.get_filename(), "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
        ]
    assert "Dear " in got["ulziibayar.batsukh@example.org"].get_body(("plain",)).get_content()

    again = _invite(db, server)  # a second run sends nothing
    assert again.sent == 0 and again.skipped == 5
    assert len(server.handler.received) == 5 and len(mail_log.messages(db)) == 5
    resent = _invite(db, server, resend=True)
    assert resent.sent == 5 and len(server.handler.received) == 10


def test_a_refused_recipient_is_failed_with_the_answer_and_the_others_are_sent(demo_db, server):
    db = demo_db
    _configure(db, server)
    refused = "alyona.yolkina@example.org"
    server.handler.refuse[refused] = "550 5.1.1 <alyona.yolkina@example.org>: Recipient address rejected"
    mos4 = sv.find(db, "meetings", code="MOS4")[0]
    parts = {p.person_id: p for p in sv.find(db, "participants", meeting_id=mos4.id)}
    yolkina = sv.find(db, "persons", email=refused)[0]
    kassymova = sv.find(db, "persons", email="aigul.kassymova@example.org")[0]
    amanov = sv.find(db, "persons", email="aydogdy.amanov@example.org")[0]
    for person in (yolkina, kassymova):  # on the list, not yet invited
        sv.update(db, "participants", parts[person.id].id, {"status": "to_invite", "invited_on": None})
    sv.delete(db, "participants", parts[amanov.id].id)  # not on the list at all

    summary = _invite(db, server)
    assert summary.sent == 4 and summary.failed == 1
    log = {r.recipient: r for r in mail_log.messages(db)}
    assert log[refused].outcome == "failed"
    assert log[refused].server_answer.startswith("550 5.1.1") and "rejected" in log[refused].server_answer
    assert all(r.outcome == "sent" for a, r in log.items() if a != refused)
    assert refused not in {t for _f, tos, _r in server.handler.received for t in tos}

    now = {p.person_id: p for p in sv.find(db, "participants", meeting_id=mos4.id)}
    assert now[yolkina.id].status == "to_invite" and now[yolkina.id].invited_on is None
    assert now[kassymova.id].status == "invited" and now[kassymova.id].invited_on == dt.date.today()
    assert now[amanov.id].status == "invited" and now[amanov.id].category == "signatory_state"
    assert now[parts[yolkina.id].person_id].version == parts[yolkina.id].version + 1  # only our own edit

    del server.handler.refuse[refused]  # the next run tries the failed one only
    again = _invite(db, server)
    assert again.sent == 1 and again.skipped == 4
    now = {p.person_id: p for p in sv.find(db, "participants", meeting_id=mos4.id)}
    assert now[yolkina.id].status == "invited"
    kinds = {h.action for h in sv.history(db, "participants", now[yolkina.id].id)}
    assert "update" in kinds


def test_a_temporary_refusal_is_tried_again(demo_db, server):
    db = demo_db
    _configure(db, server)
    server.handler.later["aigul.kassymova@example.org"] = 1
    summary = _invite(db, server)
    assert summary.sent == 5 and summary.failed == 0 and server.handler.temporary_answers == 1
    server.handler.later["aigul.kassymova@example.org"] = 9  # more than the retries: failed, with the answer
    summary = _invite(db, server, resend=True)
    assert summary.failed == 1
    failed = [r for r in mail_log.messages(db) if r.outcome == "failed"]
    assert failed[0].server_answer.startswith("451 4.7.1")


def test_cancel_mid_way_leaves_the_log_exact(demo_db, server):
    db = demo_db
    _configure(db, server)
    progress = Progress()

    def cancel_at_third(done, total, text):
        if text.startswith("Sending to") and done == 2:
            progress.cancel()

    progress.callback = cancel_at_third
    summary = _invite(db, server, progress)
    assert summary.cancelled and summary.sent == 2
    received = [tos[0] for _f, tos, _r in server.handler.received]
    log = mail_log.messages(db)
    assert len(received) == 2 and sorted(r.recipient for r in log) == sorted(received)
    assert all(r.outcome == "sent" for r in log)

    rest = _invite(db, server)  # the rest goes out on the next run, nobody twice
    assert rest.sent == 3 and rest.skipped == 2
    received = [tos[0] for _f, tos, _r in server.handler.received]
    assert len(received) == len(set(received)) == 5


def test_wrong_password_is_refused_in_one_sentence(demo_db, server):
    db = demo_db
    _configure(db, server)
    mail_credentials.set_password("officer", "127.0.0.1", "wrong")
    from saiga_desk.core.errors import SaigaError

    with pytest.raises(SaigaError, match="refused the user officer") as e:
        _invite(db, server)
    assert "wrong" not in str(e.value) and "\n" not in str(e.value)
    assert mail_log.messages(db) == [] and server.handler.received == []
