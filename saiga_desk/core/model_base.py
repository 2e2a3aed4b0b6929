"""What every record of the Secretariat's database has in common: the declarative base with its naming
convention, the id/version/timestamp columns of an editable record, and the folded search text.

The model modules (this one, ``models`` and the ``*_models`` beside it) do not use ``from __future__ import
annotations``: Python evaluates their ``Mapped[...]`` annotations once, where SQLAlchemy would otherwise parse
each of them again from text (start-up speed); a class mapped further on is named in quotes."""

import datetime as dt

from sqlalchemy import DateTime, Integer, MetaData, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record:
    """Columns every editable record has: id, optimistic-lock version, timestamps."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.now()
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}


class Searchable:
    """A folded copy of the record's names (``core.text.search_key``) for case/accent-blind filtering."""

    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="", server_default="")
