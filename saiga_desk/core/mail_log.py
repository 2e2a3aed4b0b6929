"""The mail log: what went to whom, recorded one message at a time (so a cancelled run leaves it exact).

``record`` writes one row through a unit of work (audited, so it is in the History) and, for an
invitation that the server accepted or that was written as a draft, moves the participant from
"to invite" to "invited" in the same transaction: a contact point not yet on the meeting's list is put
on it, as "invited" when the message went out, as "to invite" when it failed. A reminder that went out
is noted on the Signatory's national report (``reminded_on``) in the same way. ``already_done`` tells a
second run which messages to skip; ``messages`` lists the log. The ``mail-log`` listing is registered in
the tables' registry here (``saiga-desk list mail-log``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core.meetings import STATUS_DATE_FIELD
from saiga_desk.core.national_reports import remind_in
from saiga_desk.core.services import Record, to_record

DONE = ("sent", "draft")  # outcomes a second run skips


@dataclass(frozen=True)
class Attachment:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class MailOutcome:
    """One message and what became of it (``outcome``: sent, draft or failed)."""

    kind: str
    recipient: str
    language: str
    subject: str
    message_id: str
    outcome: str
    person_id: int | None = None
    meeting_id: int | None = None
    signatory_id: int | None = None
    cycle_id: int | None = None
    attachments: tuple[Attachment, ...] = ()
    server_answer: str | None = None
    at: dt.datetime | None = None
    extra: dict = field(default_factory=dict)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def record(db, outcome: MailOutcome, on: dt.date | None = None) -> Record:
    """Write one log row; for an invitation also the participant's move to "invited" (one transaction)."""
    values = dict(
        kind=outcome.kind,
        recipient=outcome.recipient,
        person_id=outcome.person_id,
        meeting_id=outcome.meeting_id,
        signatory_id=outcome.signatory_id,
        cycle_id=outcome.cycle_id,
        language=outcome.language,
        subject=outcome.subject,
        attachments=json.dumps(
            [{"name": a.name, "sha256": a.sha256, "size": a.size} for a in outcome.attachments],
            ensure_ascii=False,
        ),
        message_id=outcome.message_id,
        at=outcome.at or _now(),
        outcome=outcome.outcome,
        server_answer=outcome.server_answer,
    )
    with db.transaction() as tx:
        values["actor"] = tx.actor
        rec = tx.create("mail-messages", values)
        if outcome.kind == "invitation" and outcome.meeting_id and outcome.person_id:
            _invite(tx, outcome, on or dt.date.today())
        if (
            outcome.kind == "reminder"
            and outcome.outcome in DONE
            and outcome.meeting_id
            and outcome.signatory_id
        ):
            # the reminder went out: noted on the Signatory's national report (once a day however many
            # of its contact points got one)
            remind_in(tx, outcome.meeting_id, [outcome.signatory_id], on=on or dt.date.today())
        return rec


def _invite(tx, outcome: MailOutcome, on: dt.date) -> None:
    ok = outcome.outcome in DONE
    s = tx.session
    part = s.scalar(
        select(m.Participant).where(
            m.Participant.meeting_id == outcome.meeting_id, m.Participant.person_id == outcome.person_id
        )
    )
    date_field = STATUS_DATE_FIELD["invited"]
    if part is not None:
        if ok and part.status == "to_invite":
            tx.update("participants", part.id, {"status": "invited", date_field: on})
        return
    sig = s.get(m.Signatory, outcome.signatory_id) if outcome.signatory_id else None
    category = "observer"
    if sig is not None:
        category = "signatory_state" if sig.kind == "state" else "cooperating_organization"
    tx.create(
        "participants",
        dict(
            meeting_id=outcome.meeting_id,
            person_id=outcome.person_id,
            signatory_id=sig.id if sig is not None else None,
            category=category,
            role="delegate",
            status="invited" if ok else "to_invite",
            **({date_field: on} if ok else {}),
        ),
    )


def already_done(
    db, kind: str, *, meeting_id: int | None = None, signatory_id: int | None = None, cycle_id=None
) -> set[tuple[int | None, str]]:
    """(person id, address in lower case) of the messages of this mailing already sent or drafted."""
    mm = m.MailMessage
    q = select(mm.person_id, mm.recipient).where(mm.kind == kind, mm.outcome.in_(DONE))
    for col, value in ((mm.meeting_id, meeting_id), (mm.signatory_id, signatory_id), (mm.cycle_id, cycle_id)):
        if value is not None:
            q = q.where(col == value)
    with db.session() as s:
        return {(pid, (addr or "").strip().lower()) for pid, addr in s.execute(q)}


def is_done(done: set[tuple[int | None, str]], person_id: int | None, address: str) -> bool:
    return (person_id, (address or "").strip().lower()) in done


def messages(db, *, meeting_id: int | None = None, person_id: int | None = None, kind: str | None = None):
    """The log, oldest first (plain records; ``attachments`` decoded)."""
    mm = m.MailMessage
    q = select(mm).order_by(mm.at, mm.id)
    for col, value in ((mm.meeting_id, meeting_id), (mm.person_id, person_id), (mm.kind, kind)):
        if value is not None:
            q = q.where(col == value)
    with db.session() as s:
        out = []
        for row in s.scalars(q):
            rec = to_record(row)
            rec["attachments"] = json.loads(row.attachments) if row.attachments else []
            out.append(rec)
        return out


def preferred_languages(db) -> dict[int, str | None]:
    """Every person's preferred language by id (the language each recipient gets their message in)."""
    with db.session() as s:
        return dict(s.execute(select(m.Person.id, m.Person.preferred_language)).all())
