"""The records of merges and of pairs marked "not duplicates" (the columns; ``models.py`` maps them).

A merge keeps, as JSON, every value the removed record had, the kept record's values before the merge,
every reference it re-pointed and every part it had to set aside (a row that would have duplicated one
of the kept record's, e.g. both persons registered for the same meeting). Undo puts all of it back.
The ids are plain integers, not foreign keys: the removed record is gone while the merge stands.
"""

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

MERGE_KINDS = ("persons", "organizations")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class MergeColumns:
    """One merge of two records of one kind: ``removed_id`` folded into ``kept_id``."""

    __tablename__ = "merge"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # persons | organizations
    kept_id: Mapped[int] = mapped_column(Integer, index=True)
    removed_id: Mapped[int] = mapped_column(Integer, index=True)
    removed_values: Mapped[str] = mapped_column(Text)  # JSON: every column of the removed record
    kept_before: Mapped[str] = mapped_column(Text)  # JSON: the kept record's changed fields, before
    repointed: Mapped[str] = mapped_column(Text)  # JSON: [[table, column, row id], ...]
    set_aside: Mapped[str] = mapped_column(Text)  # JSON: [[table, {every column}], ...]
    summary: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(200))


class NotDuplicateColumns:
    """Two records an officer said are different (``first_id`` < ``second_id``): never proposed again."""

    __tablename__ = "not_duplicate"

    @declared_attr.directive
    def __table_args__(cls) -> tuple:  # noqa: N805
        return (UniqueConstraint("kind", "first_id", "second_id", name="uq_not_duplicate_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    first_id: Mapped[int] = mapped_column(Integer)
    second_id: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(200))
    marked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_utcnow)
