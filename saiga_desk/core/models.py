"""The Secretariat's records: SQLAlchemy 2 typed ORM.

Every record kind comes from the Secretariat's report to MOS4 (see DESIGN.md). Schema changes go
through Alembic migrations in ``saiga_desk/core/migrations``; ``tests/core/test_migrations.py``
proves the migrations build exactly this schema.
"""

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from saiga_desk.core.history_models import AuditEntry, ImportBatch, Setting
from saiga_desk.core.mail_models import MAIL_KINDS, MAIL_OUTCOMES, MailMessageFields  # noqa: F401
from saiga_desk.core.merge_models import MergeColumns, NotDuplicateColumns
from saiga_desk.core.model_base import NAMING, Base, Record, Searchable, utcnow  # noqa: F401 (models.Base, models.utcnow)

# Fixed choices (validated by the services; shown as drop-downs by the UI and the exports).
ORGANIZATION_KINDS = ("government", "intergovernmental", "ngo", "secretariat", "donor", "academic", "other")
SIGNATORY_KINDS = ("state", "organization")
SIGNATORY_STATUSES = ("signatory", "withdrawn")
DESIGNATION_ROLES = ("primary", "alternate", "technical")
MEETING_KINDS = ("mos", "workshop", "cami", "cop", "other")
MEETING_MODES = ("in_person", "online", "hybrid")
MEETING_STATUSES = ("planned", "postponed", "held", "cancelled")
MEETING_ORG_ROLES = ("host", "organizer", "funder", "support")
PARTICIPANT_ROLES = ("head_of_delegation", "delegate", "observer", "expert", "secretariat")
PARTICIPANT_STATUSES = ("to_invite", "invited", "registered", "confirmed", "attended", "cancelled")
PARTICIPANT_CATEGORIES = ("signatory_state", "cooperating_organization", "observer", "expert", "secretariat")
DOCUMENT_SERIES = ("Doc", "Inf", "CRP", "Report")
DOCUMENT_STATUSES = ("draft", "issued", "withdrawn")
DATE_PRECISIONS = ("day", "month", "year")
PROJECT_STATUSES = ("planned", "ongoing", "completed", "cancelled")
WORK_PROGRAMME_ITEM_KINDS = ("objective", "measure", "activity", "target")
LANGUAGES = ("en", "ru", "kk", "mn", "uz", "tk", "de", "fr")


class Country(Base):
    __tablename__ = "country"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)  # ISO 3166-1 alpha-3
    alpha2: Mapped[str] = mapped_column(String(2), unique=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class Organization(Record, Searchable, Base):
    __tablename__ = "organization"

    name_en: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str | None] = mapped_column(String(300))
    acronym: Mapped[str | None] = mapped_column(String(50), index=True)
    kind: Mapped[str] = mapped_column(String(30), default="other")
    country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"), index=True)
    website: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    country: Mapped[Country | None] = relationship()


class Signatory(Record, Searchable, Base):
    """A State or a Cooperating Organization that signed the MOU."""

    __tablename__ = "signatory"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'state' AND country_id IS NOT NULL AND organization_id IS NULL) OR "
            "(kind = 'organization' AND organization_id IS NOT NULL AND country_id IS NULL)",
            name="state_or_organization",
        ),
    )

    kind: Mapped[str] = mapped_column(String(20))
    country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id"), unique=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"), unique=True)
    range_state: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    signed_at: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="signatory")
    technical_coordination: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)

    country: Mapped[Country | None] = relationship()
    organization: Mapped[Organization | None] = relationship()


class Person(Record, Searchable, Base):
    __tablename__ = "person"

    honorific: Mapped[str | None] = mapped_column(String(50))
    given_name: Mapped[str | None] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    given_name_latin: Mapped[str | None] = mapped_column(String(200))
    family_name_latin: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(Text)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"), index=True)
    department: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    other_emails: Mapped[str | None] = mapped_column(Text)  # further addresses, one per line
    phone: Mapped[str | None] = mapped_column(String(100))
    mobile: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(200))
    country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id"), index=True)
    preferred_language: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str | None] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)

    organization: Mapped[Organization | None] = relationship()
    country: Mapped[Country | None] = relationship()


class Designation(Record, Base):
    """A National Contact Point: never overwritten, superseded (valid_to / valid_from)."""

    __tablename__ = "designation"
    __table_args__ = (
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from", name="valid_period"
        ),
        Index("ix_designation_signatory_valid", "signatory_id", "valid_from", "valid_to"),
    )

    signatory_id: Mapped[int] = mapped_column(ForeignKey("signatory.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="primary")
    designated_on: Mapped[dt.date | None] = mapped_column(Date)
    source_reference: Mapped[str | None] = mapped_column(Text)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    last_confirmed_on: Mapped[dt.date | None] = mapped_column(Date)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("designation.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)

    signatory: Mapped[Signatory] = relationship()
    person: Mapped[Person] = relationship()
    authority: Mapped[Organization | None] = relationship()


class Meeting(Record, Searchable, Base):
    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
    )

    code: Mapped[str] = mapped_column(String(50), unique=True)
    title_en: Mapped[str] = mapped_column(Text)
    title_ru: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), default="other")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(10), default="day")
    venue: Mapped[str | None] = mapped_column(Text)
    venue_ru: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(200))
    country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id"))
    host_country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id"))
    mode: Mapped[str] = mapped_column(String(20), default="in_person")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    symbol_prefix: Mapped[str | None] = mapped_column(String(100))
    url: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)
    notes_ru: Mapped[str | None] = mapped_column(Text)

    country: Mapped[Country | None] = relationship(foreign_keys=[country_id])
    host_country: Mapped[Country | None] = relationship(foreign_keys=[host_country_id])


class MeetingOrganization(Record, Base):
    """An organization's part in a meeting: host, organizer, funder, support."""

    __tablename__ = "meeting_organization"
    __table_args__ = (UniqueConstraint("meeting_id", "organization_id", "role", name="uq_meeting_org_role"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)


class MeetingStatusChange(Record, Base):
    """The status history of a meeting; a postponement keeps the original dates and the reason."""

    __tablename__ = "meeting_status_change"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[dt.date | None] = mapped_column(Date)
    previous_status: Mapped[str | None] = mapped_column(String(20))
    previous_start_date: Mapped[dt.date | None] = mapped_column(Date)
    previous_end_date: Mapped[dt.date | None] = mapped_column(Date)
    previous_date_precision: Mapped[str | None] = mapped_column(String(10))
    previous_mode: Mapped[str | None] = mapped_column(String(20))
    previous_venue: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)


class Participant(Record, Base):
    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", name="uq_participant_meeting_person"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    signatory_id: Mapped[int | None] = mapped_column(ForeignKey("signatory.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"), index=True)
    secretariat: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str] = mapped_column(String(30), default="observer")
    role: Mapped[str] = mapped_column(String(30), default="delegate")
    status: Mapped[str] = mapped_column(String(20), default="invited")
    invited_on: Mapped[dt.date | None] = mapped_column(Date)
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    confirmed_on: Mapped[dt.date | None] = mapped_column(Date)
    attended_on: Mapped[dt.date | None] = mapped_column(Date)
    cancelled_on: Mapped[dt.date | None] = mapped_column(Date)
    credentials_received: Mapped[bool] = mapped_column(Boolean, default=False)
    credentials_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    funded: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)

    meeting: Mapped[Meeting] = relationship()
    person: Mapped[Person] = relationship()
    signatory: Mapped[Signatory | None] = relationship()
    organization: Mapped[Organization | None] = relationship()


class MeetingDocument(Record, Searchable, Base):
    __tablename__ = "meeting_document"

    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    symbol: Mapped[str] = mapped_column(String(200), unique=True)
    series: Mapped[str] = mapped_column(String(20), default="Doc")
    number: Mapped[int | None] = mapped_column(Integer)
    revision_kind: Mapped[str | None] = mapped_column(String(10))  # None | "Rev" | "Corr" | "Add"
    revision_number: Mapped[int | None] = mapped_column(Integer)
    original_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_document.id"), index=True)
    title_en: Mapped[str] = mapped_column(Text)
    title_ru: Mapped[str | None] = mapped_column(Text)
    agenda_item: Mapped[str | None] = mapped_column(String(50))
    languages: Mapped[str | None] = mapped_column(String(50))  # e.g. "en,ru"
    original_language: Mapped[str | None] = mapped_column(String(10))
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    file_name: Mapped[str | None] = mapped_column(String(500))
    file_hash: Mapped[str | None] = mapped_column(String(64))
    link: Mapped[str | None] = mapped_column(String(1000))
    notes: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting | None] = relationship()


class WorkProgramme(Record, Searchable, Base):
    __tablename__ = "work_programme"

    code: Mapped[str] = mapped_column(String(100), unique=True)  # "Saiga MTIWP 2016-2020"
    title: Mapped[str] = mapped_column(Text)
    instrument: Mapped[str | None] = mapped_column(String(100))  # "Saiga MOU", "CAMI"
    start_year: Mapped[int | None] = mapped_column(Integer)
    end_year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="adopted")  # draft | adopted | superseded
    adopted_by: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)


class WorkProgrammeItem(Record, Searchable, Base):
    __tablename__ = "work_programme_item"
    __table_args__ = (UniqueConstraint("programme_id", "code", name="uq_work_programme_item_code"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("work_programme.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("work_programme_item.id"), index=True)
    code: Mapped[str] = mapped_column(String(30))  # "1.3.1", "3.10"
    kind: Mapped[str] = mapped_column(String(20), default="objective")
    title: Mapped[str | None] = mapped_column(Text)

    programme: Mapped[WorkProgramme] = relationship()


class Project(Record, Searchable, Base):
    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
    )

    title: Mapped[str] = mapped_column(Text)
    title_ru: Mapped[str | None] = mapped_column(Text)  # the *_ru values: what the Russian documents print
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    start_precision: Mapped[str] = mapped_column(String(10), default="day")
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_precision: Mapped[str] = mapped_column(String(10), default="day")
    objectives: Mapped[str | None] = mapped_column(Text)
    objectives_ru: Mapped[str | None] = mapped_column(Text)
    mandate: Mapped[str | None] = mapped_column(Text)  # as worded in the report
    mandate_ru: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    outcome_ru: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="completed")
    commissioned: Mapped[bool] = mapped_column(Boolean, default=True)
    in_project_table: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    notes_ru: Mapped[str | None] = mapped_column(Text)


class ProjectImplementer(Record, Base):
    __tablename__ = "project_implementer"
    __table_args__ = (UniqueConstraint("project_id", "organization_id", name="uq_project_implementer"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    lead: Mapped[bool] = mapped_column(Boolean, default=True)


class ProjectMandate(Record, Base):
    """A work-programme item a project answers to."""

    __tablename__ = "project_mandate"
    __table_args__ = (UniqueConstraint("project_id", "item_id", name="uq_project_mandate"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("work_programme_item.id"), index=True)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)


class ProjectFunder(Record, Base):
    __tablename__ = "project_funder"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    notes: Mapped[str | None] = mapped_column(Text)


class Publication(Record, Base):
    __tablename__ = "publication"

    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(String(1000))


class MailMessage(MailMessageFields, Record, Base):  # the mail log (columns in core/mail_models.py)
    __tablename__ = "mail_message"


class Merge(MergeColumns, Base):  # a merge of two records (columns in core/merge_models.py)
    pass


class NotDuplicate(NotDuplicateColumns, Base):  # a pair marked "not duplicates"
    pass


MODELS = (
    Country, Organization, Signatory, Person, Designation, Meeting, MeetingOrganization,
    MeetingStatusChange, Participant, MeetingDocument, WorkProgramme, WorkProgrammeItem, Project,
    ProjectImplementer, ProjectMandate, ProjectFunder, Publication, ImportBatch, AuditEntry, Setting,
    MailMessage, Merge, NotDuplicate,
)  # fmt: skip

# the depositary record and national reports: their own module, mapped on the same Base (no import back)
from saiga_desk.core.reporting_models import REPORTING_MODELS  # noqa: E402,F401
