"""Records of the Depositary and of national reporting: signature events, reporting cycles, national reports.

Imported by ``core/models.py`` (one line), so ``Base.metadata`` holds these tables and the migrations
(``0003_national_reports``) build exactly them.
"""

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from saiga_desk.core.model_base import Base, Record

#: what happened to a Signatory: signed the MOU, accepted the Amending Protocol, withdrew, changed status
SIGNATURE_EVENTS = ("signed", "accepted_amendment", "withdrew", "status_changed")
#: a Signatory's national report for one meeting
REPORT_STATUSES = ("not_started", "requested", "in_preparation", "submitted", "late", "waived")
#: statuses that mean "nothing more is owed"
REPORT_DONE = ("submitted", "late", "waived")
REPORT_LANGUAGES = ("en", "ru")


class SignatureEvent(Record, Base):
    """One fact of the depositary record: who signed (or accepted, withdrew), when, where, in what capacity."""

    __tablename__ = "signature_event"
    __table_args__ = (Index("ix_signature_event_signatory_on", "signatory_id", "event_on"),)

    signatory_id: Mapped[int] = mapped_column(ForeignKey("signatory.id"))
    event: Mapped[str] = mapped_column(String(30), default="signed")
    event_on: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    authority: Mapped[str | None] = mapped_column(Text)  # the signing authority / capacity
    source: Mapped[str | None] = mapped_column(Text)  # where the fact comes from
    notes: Mapped[str | None] = mapped_column(Text)

    signatory: Mapped["Signatory"] = relationship()  # noqa: F821 (mapped in core/models.py)


class ReportingCycle(Record, Base):
    """What the Signatories owe for one meeting: the format, the due date, who must report."""

    __tablename__ = "reporting_cycle"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), unique=True)
    format_name: Mapped[str | None] = mapped_column(String(300))
    format_version: Mapped[str | None] = mapped_column(String(50))
    format_file_name: Mapped[str | None] = mapped_column(String(500))
    format_file_hash: Mapped[str | None] = mapped_column(String(64))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    include_organizations: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped["Meeting"] = relationship()  # noqa: F821 (mapped in core/models.py)


class NationalReport(Record, Base):
    """One Signatory's national report in one cycle."""

    __tablename__ = "national_report"
    __table_args__ = (
        UniqueConstraint("cycle_id", "signatory_id", name="uq_national_report_cycle_signatory"),
    )

    cycle_id: Mapped[int] = mapped_column(ForeignKey("reporting_cycle.id", ondelete="CASCADE"), index=True)
    signatory_id: Mapped[int] = mapped_column(ForeignKey("signatory.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    requested_on: Mapped[dt.date | None] = mapped_column(Date)
    reminded_on: Mapped[dt.date | None] = mapped_column(Date)
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(10))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)

    cycle: Mapped[ReportingCycle] = relationship()
    signatory: Mapped["Signatory"] = relationship()  # noqa: F821 (mapped in core/models.py)
    submitted_by: Mapped["Person | None"] = relationship()  # noqa: F821 (mapped in core/models.py)


class NationalReportFile(Record, Base):
    """A file received as (part of) a national report, kept in the document store by its SHA-256."""

    __tablename__ = "national_report_file"
    __table_args__ = (UniqueConstraint("report_id", "file_hash", name="uq_national_report_file_hash"),)

    report_id: Mapped[int] = mapped_column(ForeignKey("national_report.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_hash: Mapped[str] = mapped_column(String(64))
    received_on: Mapped[dt.date | None] = mapped_column(Date)


REPORTING_MODELS = (SignatureEvent, ReportingCycle, NationalReport, NationalReportFile)
