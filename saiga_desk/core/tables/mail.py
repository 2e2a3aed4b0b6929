"""The mail log: one row per message sent, drafted or refused (``list mail-log``, exports)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core.tables.listing import Column, Table, eq, register
from saiga_desk.i18n import N_

_lp = aliased(m.Person)
_lm = aliased(m.Meeting)
_mm = m.MailMessage
register(
    Table(
        "mail-log",
        N_("Mail log"),
        "mail-messages",
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
        filters={"meeting_id": eq(_mm.meeting_id)},
    )
)
