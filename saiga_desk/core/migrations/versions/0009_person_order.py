"""The order of the persons by family name beside the full-text index (SQLite: table person_order + triggers)

Revision ID: 0009_person_order
Revises: 0008_unique_email
"""

from collections.abc import Sequence

from alembic import op

from saiga_desk.core import person_order

revision: str = "0009_person_order"
down_revision: str | None = "0008_unique_email"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    person_order.create(op.get_bind())


def downgrade() -> None:
    person_order.drop(op.get_bind())
