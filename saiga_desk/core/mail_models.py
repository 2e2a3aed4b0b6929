"""The mail log's columns: one row per message that went out (or was written as a draft, or failed).

``core/models.py`` composes ``MailMessage`` from these columns and its ``Base`` (so this module imports
no other model module). Nothing here holds a password: SMTP passwords live in the system keyring only.
"""

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

#: message kinds (stored keys)
MAIL_KINDS = ("invitation", "reminder", "review_pack", "letter")
#: what became of a message: accepted by the server, written as a draft, or refused (with the answer)
MAIL_OUTCOMES = ("sent", "draft", "failed")


class MailMessageFields:
    """Recipient, person, meeting or cycle, kind, language, subject, attachments, Message-ID, when, outcome."""

    kind: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(320))  # the address the message went to
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    signatory_id: Mapped[int | None] = mapped_column(ForeignKey("signatory.id"), index=True)
    cycle_id: Mapped[int | None] = mapped_column(Integer)  # a national-report cycle (reminders)
    language: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(Text)
    attachments: Mapped[str | None] = mapped_column(Text)  # JSON [{"name", "sha256", "size"}]
    message_id: Mapped[str] = mapped_column(String(250))
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    server_answer: Mapped[str | None] = mapped_column(Text)  # the server's reply to a refused message
    actor: Mapped[str | None] = mapped_column(String(200))
