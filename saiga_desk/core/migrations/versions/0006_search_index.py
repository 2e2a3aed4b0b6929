"""Full-text index of the folded search text (SQLite FTS5 trigram tables + triggers; PostgreSQL pg_trgm)

Revision ID: 0006_search_index
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

from saiga_desk.core import search_index

revision: str = "0006_search_index"
down_revision: str | None = "0005_merges"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    search_index.create(op.get_bind())


def downgrade() -> None:
    search_index.drop(op.get_bind())
