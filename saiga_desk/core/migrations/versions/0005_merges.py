"""Merges of duplicate persons and organizations (undoable) and pairs marked "not duplicates"

Revision ID: 0005_merges
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_merges"
down_revision: str | None = "0004_mail_log"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("removed_id", sa.Integer(), nullable=False),
        sa.Column("removed_values", sa.Text(), nullable=False),
        sa.Column("kept_before", sa.Text(), nullable=False),
        sa.Column("repointed", sa.Text(), nullable=False),
        sa.Column("set_aside", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge")),
    )
    with op.batch_alter_table("merge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merge_kept_id"), ["kept_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_merge_removed_id"), ["removed_id"], unique=False)
    op.create_table(
        "not_duplicate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_not_duplicate")),
        sa.UniqueConstraint("kind", "first_id", "second_id", name="uq_not_duplicate_pair"),
    )


def downgrade() -> None:
    op.drop_table("not_duplicate")
    with op.batch_alter_table("merge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_removed_id"))
        batch_op.drop_index(batch_op.f("ix_merge_kept_id"))
    op.drop_table("merge")
