"""The whole database as plain rows, and back: what the whole-database workbook (``io/workbook_all.py``)
writes and reads, with no file in sight.

Reading streams every table's rows in a stable order (parents before children, by identifier). Restoring
inserts rows as they were (ids, versions, timestamps, audit trail included) into an empty database in one
transaction: it is a restore, not an edit, so it does not go through the editing services (which would
stamp new versions and audit entries). Every row comes back, or nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Integer, func, select, text, update
from sqlalchemy.exc import DataError, IntegrityError

from saiga_desk.core import models as m
from saiga_desk.core.errors import InputError, Progress, SaigaError
from saiga_desk.i18n import _

SEEDED = ("country",)  # filled by the migrations; replaced by the restored rows
BATCH = 2000


def data_tables():
    """Every table of the records, parents before children."""
    return list(m.Base.metadata.sorted_tables)


def key_columns(table) -> list:
    return [*table.primary_key.columns]


def columns(table) -> list:
    """A table's columns as a dump holds them: the identifier first, then the others in their order."""
    keys = key_columns(table)
    return keys + [c for c in table.columns if c not in keys]


def schema_revision(db) -> str:
    try:
        with db.engine.connect() as con:
            return con.execute(text("SELECT version_num FROM alembic_version")).scalar() or ""
    except Exception:  # noqa: BLE001 - a database without the revision table names none
        return ""


def row_counts(db, tables) -> dict[str, int]:
    with db.engine.connect() as con:
        return {t.name: con.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}


def stream_rows(db, table) -> Iterator[tuple]:
    """Every row of ``table`` (values in ``columns(table)`` order), streamed in its identifier order."""
    with db.engine.connect() as con:
        rows = con.execution_options(stream_results=True, yield_per=BATCH).execute(
            select(*columns(table)).order_by(*key_columns(table))
        )
        yield from rows


def require_empty(db) -> None:
    """SaigaError unless the database holds no records (the built-in country list aside)."""
    with db.engine.connect() as con:
        for t in data_tables():
            if t.name in SEEDED:
                continue
            n = con.execute(select(func.count()).select_from(t)).scalar_one()
            if n:
                raise SaigaError(
                    _(
                        "The database already holds records ({n} in {table}); a whole-database workbook is "
                        "read into an empty database only. Create a new database and import it there."
                    ).format(n=n, table=t.name)
                )


def restore(
    db, parsed: dict[str, list[dict]], source: str, progress: Progress | None = None
) -> dict[str, int]:
    """Insert ``parsed`` (table name -> rows as they were) in one transaction; the rows per table.
    InputError naming ``source`` when the rows break a rule of the database (nothing written)."""
    progress = progress or Progress()
    try:
        with db.engine.begin() as con:
            return _insert(con, data_tables(), parsed, progress)
    except (IntegrityError, DataError) as e:
        raise InputError(
            _("{file} was not imported: its rows break a rule of the database ({reason}).").format(
                file=source, reason=str(e.orig).splitlines()[0]
            )
        ) from e


def _insert(con, tables, parsed, progress) -> dict[str, int]:
    done, total, written = 0, sum(len(v) for v in parsed.values()), {}
    for t in tables:
        rows = parsed.get(t.name, [])
        if t.name in SEEDED:
            con.execute(t.delete())
        self_refs = [c.name for c in t.columns for fk in c.foreign_keys if fk.column.table is t]
        first = [{**r, **dict.fromkeys(self_refs)} for r in rows] if self_refs else rows
        for i in range(0, len(first), BATCH):
            if first[i : i + BATCH]:
                con.execute(t.insert(), first[i : i + BATCH])
            done += len(first[i : i + BATCH])
            progress.report(done, total, _("Importing {table}").format(table=t.name))
        if self_refs:
            pk = key_columns(t)[0]
            for r in rows:
                refs = {c: r[c] for c in self_refs if r.get(c) is not None}
                if refs:  # keep columns with an update default (updated_at) as they were
                    refs.update({c.name: r.get(c.name) for c in t.columns if c.onupdate is not None})
                    con.execute(update(t).where(pk == r[pk.name]).values(**refs))
        written[t.name] = len(rows)
    _reset_sequences(con, tables)
    progress.check()  # a cancel before the commit changes nothing
    return written


def _reset_sequences(con, tables) -> None:
    """PostgreSQL numbers new rows from a sequence: move it past the restored ids."""
    if con.dialect.name != "postgresql":
        return
    for t in tables:
        pk = key_columns(t)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        con.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{t.name}', '{pk[0].name}'), "
                f"COALESCE((SELECT MAX({pk[0].name}) FROM {t.name}), 0) + 1, false)"
            )
        )
