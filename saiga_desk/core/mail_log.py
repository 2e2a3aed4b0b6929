"""The mail log: what went to whom, recorded one message at a time (so a cancelled run leaves it exact).

``record`` writes one row through a unit of work (audited, so it is in the History) and, for an
invitation that the server accepted or that was written as a draft, moves the participant from
"to invite" to "invited" in the same transaction: a contact point not yet on the meeting's list is put
on it, as "invited" when the message went out, as "to invite" when it failed. ``already_done`` tells a
second run which messages to skip; ``messages`` lists the log. The ``mail-log`` listing is registered in
the tables' registry here (``saiga-desk list mail-log``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core.meetings import STATUS_DATE_FIELD
from saiga_desk.core.services import Record, to_record
from saiga_desk.core.tables import TABLES, Column, Table
from saiga_desk.i18n import N_

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


# ------------------------------------------------------------------------------------------------ the listing
_lp = aliased(m.Person)
_lm = aliased(m.Meeting)
_mm = m.MailMessage
TABLES["mail-log"] = Table(
    "mail-log",
    N_("Mail log"),
    None,
    _mm.id,
    (
        Column("at", N_("When"), "datetime", _mm.at),
        Column("kind", N_("Kind"), expr=_mm.kind, choices=m.MAIL_KINDS),
        Column("recipient", N_("Recipient"), expr=_mm.recipient),
        Column("given_name", N_("Given name"), expr=_lp.given_name),
        Column("family_name", N_("Family name"), expr=_lp.family_name),
        Column("meeting", N_("Meeting"), expr=_lm.code),
        Column("language", N_("Language"), expr=_mm.language),
        Column("subject", N_("Subject"), expr=_mm.subject),
        Column("outcome", N_("Outcome"), expr=_mm.outcome, choices=m.MAIL_OUTCOMES),
        Column("server_answer", N_("Server answer"), expr=_mm.server_answer),
        Column("attachments", N_("Attachments"), expr=_mm.attachments, visible=False),
        Column("message_id", N_("Message-ID"), expr=_mm.message_id, visible=False),
        Column("actor", N_("Who"), expr=_mm.actor, visible=False),
        Column("person_id", N_("Person"), "int", _mm.person_id, visible=False),
    ),
    lambda: (
        select()
        .select_from(_mm)
        .outerjoin(_lp, _lp.id == _mm.person_id)
        .outerjoin(_lm, _lm.id == _mm.meeting_id)
    ),
    search=(_lp.search_text, _mm.recipient),
    default_sort="at",
    filters={"meeting_id": lambda q, v: q.where(_mm.meeting_id == v) if v not in (None, "") else q},
)
