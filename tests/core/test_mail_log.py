"""The mail log's core verbs on SQLite and PostgreSQL: one row per outcome through the unit of work,
'to invite' -> 'invited' only when the message went out, the already-sent check, the mail-log listing."""

from __future__ import annotations

import datetime as dt

from saiga_desk.core import mail_log
from saiga_desk.core import services as sv
from saiga_desk.core.mail_log import Attachment, MailOutcome


def _outcome(meeting_id, person_id, result, **kw):
    return MailOutcome(kind="invitation", recipient=kw.pop("to", "a.b@example.org"), language="en",
                       subject="Invitation: MOS5", message_id=f"<{person_id}.{result}@example.org>",
                       outcome=result, person_id=person_id, meeting_id=meeting_id,
                       attachments=(Attachment("X-B.pdf", "0" * 64, 10),), **kw)  # fmt: skip


def test_outcomes_move_participants_and_are_listed(any_db):
    db = any_db
    meeting = sv.create(db, "meetings", {"code": "MOS5", "title_en": "Fifth Meeting", "kind": "mos"})
    ana = sv.create(db, "persons", {"family_name": "Ana", "email": "a.b@example.org"})
    bo = sv.create(db, "persons", {"family_name": "Bo", "email": "bo@example.org"})
    cy = sv.create(db, "persons", {"family_name": "Cy", "email": "cy@example.org"})
    listed = sv.create(
        db, "participants", {"meeting_id": meeting.id, "person_id": cy.id, "status": "to_invite"}
    )

    mail_log.record(db, _outcome(meeting.id, ana.id, "failed", server_answer="550 no such user"))
    mail_log.record(db, _outcome(meeting.id, bo.id, "sent", to="bo@example.org"), on=dt.date(2026, 12, 1))
    mail_log.record(db, _outcome(meeting.id, cy.id, "draft", to="cy@example.org"))

    parts = {p.person_id: p for p in sv.find(db, "participants", meeting_id=meeting.id)}
    assert parts[ana.id].status == "to_invite" and parts[ana.id].invited_on is None
    assert parts[bo.id].status == "invited" and parts[bo.id].invited_on == dt.date(2026, 12, 1)
    assert parts[cy.id].id == listed.id and parts[cy.id].status == "invited"

    done = mail_log.already_done(db, "invitation", meeting_id=meeting.id)
    assert mail_log.is_done(done, bo.id, "BO@example.org") and mail_log.is_done(done, cy.id, "cy@example.org")
    assert not mail_log.is_done(done, ana.id, "a.b@example.org")  # failed: tried again next time

    rows = list(sv.iter_rows(db, "mail-log", filters={"meeting_id": meeting.id}))
    assert [(r["family_name"], r["outcome"]) for r in rows] == [
        ("Ana", "failed"),
        ("Bo", "sent"),
        ("Cy", "draft"),
    ]
    assert rows[0]["server_answer"] == "550 no such user" and rows[0]["meeting"] == "MOS5"
    logged = mail_log.messages(db, meeting_id=meeting.id)
    assert logged[0].attachments == [{"name": "X-B.pdf", "sha256": "0" * 64, "size": 10}]
    history = sv.history(db, "mail-messages", logged[1].id)
    assert history[0]["action"] == "create" and history[0]["changes"]["outcome"] == [None, "sent"]
