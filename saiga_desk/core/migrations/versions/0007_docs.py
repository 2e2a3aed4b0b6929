"""Russian values of a project (title, objectives, mandate, outcome, notes) and a meeting (venue, notes), so that
the Russian documents print them in Russian

Revision ID: 0007_docs
Revises: 0006_search_index
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_docs"
down_revision: str | None = "0006_search_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROJECT = ("title_ru", "objectives_ru", "mandate_ru", "outcome_ru", "notes_ru")
MEETING = ("venue_ru", "notes_ru")


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name in PROJECT:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=True))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for name in MEETING:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for name in reversed(MEETING):
            batch_op.drop_column(name)
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name in reversed(PROJECT):
            batch_op.drop_column(name)
