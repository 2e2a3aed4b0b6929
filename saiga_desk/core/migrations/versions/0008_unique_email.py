"""One person per email: a unique index on the folded address, lower(trim(email)), non-empty ones only

Plan for existing duplicates: they are left as they are (no address is changed or dropped, nobody is
merged behind the officer's back). When persons already share a folded address, the migration does not
create the index, logs the groups of person ids, and succeeds; the duplicates view lists those persons for
merging, the writers' checks (core/imports.py, inside the write lock) keep new duplicates out, and
``core.person_email.ensure_index`` creates the index the first time the database is opened with none left.

Revision ID: 0008_unique_email
Revises: 0007_docs
"""

from collections.abc import Sequence

from alembic import op

from saiga_desk.core import person_email

revision: str = "0008_unique_email"
down_revision: str | None = "0007_docs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    person_email.create_index(op.get_bind())


def downgrade() -> None:
    person_email.drop_index(op.get_bind())
