"""The depositary record (signature events) and national reports (reporting cycles, reports, their files)

The date and place of signature kept on each Signatory become its first "signed" event.

Revision ID: 0003_national_reports
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_national_reports"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("(CURRENT_TIMESTAMP)")
MOVED_SOURCE = "Date and place of signature recorded on the Signatory before the depositary record"


def _record_columns() -> list:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=NOW, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "reporting_cycle",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("format_name", sa.String(length=300), nullable=True),
        sa.Column("format_version", sa.String(length=50), nullable=True),
        sa.Column("format_file_name", sa.String(length=500), nullable=True),
        sa.Column("format_file_hash", sa.String(length=64), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("include_organizations", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_reporting_cycle_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_cycle")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_reporting_cycle_meeting_id")),
    )
    op.create_table(
        "national_report",
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("signatory_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("reminded_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["reporting_cycle.id"],
            name=op.f("fk_national_report_cycle_id_reporting_cycle"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["signatory_id"], ["signatory.id"], name=op.f("fk_national_report_signatory_id_signatory")
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"], ["person.id"], name=op.f("fk_national_report_submitted_by_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_national_report")),
        sa.UniqueConstraint("cycle_id", "signatory_id", name="uq_national_report_cycle_signatory"),
    )
    with op.batch_alter_table("national_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_national_report_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_national_report_signatory_id"), ["signatory_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_national_report_submitted_by_id"), ["submitted_by_id"], unique=False
        )
    op.create_table(
        "signature_event",
        sa.Column("signatory_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=30), nullable=False),
        sa.Column("event_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("authority", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["signatory_id"], ["signatory.id"], name=op.f("fk_signature_event_signatory_id_signatory")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signature_event")),
    )
    with op.batch_alter_table("signature_event", schema=None) as batch_op:
        batch_op.create_index("ix_signature_event_signatory_on", ["signatory_id", "event_on"], unique=False)
    op.create_table(
        "national_report_file",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["national_report.id"],
            name=op.f("fk_national_report_file_report_id_national_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_national_report_file")),
        sa.UniqueConstraint("report_id", "file_hash", name="uq_national_report_file_hash"),
    )
    with op.batch_alter_table("national_report_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_national_report_file_report_id"), ["report_id"], unique=False)
    # data: every Signatory's recorded date/place of signature becomes its "signed" event
    signatory = sa.table(
        "signatory",
        sa.column("id", sa.Integer),
        sa.column("signed_on", sa.Date),
        sa.column("signed_at", sa.String),
    )
    event = sa.table(
        "signature_event",
        sa.column("signatory_id", sa.Integer),
        sa.column("event", sa.String),
        sa.column("event_on", sa.Date),
        sa.column("place", sa.String),
        sa.column("source", sa.Text),
        sa.column("version", sa.Integer),
    )
    op.execute(
        event.insert().from_select(
            ["signatory_id", "event", "event_on", "place", "source", "version"],
            sa.select(
                signatory.c.id,
                sa.literal("signed"),
                signatory.c.signed_on,
                signatory.c.signed_at,
                sa.literal(MOVED_SOURCE),
                sa.literal(1),
            ).where(sa.or_(signatory.c.signed_on.is_not(None), signatory.c.signed_at.is_not(None))),
        )
    )


def downgrade() -> None:
    op.drop_table("national_report_file")
    op.drop_table("signature_event")
    op.drop_table("national_report")
    op.drop_table("reporting_cycle")
