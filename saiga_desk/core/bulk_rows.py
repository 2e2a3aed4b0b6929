"""Writing many rows at once inside a unit of work's transaction: SQLAlchemy Core executemany, any dialect.

The import of a long contact list writes its new persons here instead of one ORM object at a time. The
rows are plain dicts; the columns that every row shares (version, timestamps, batch) are given once.
Inserts go through a column-only table clause, so the driver gets the values as they are (no per-value
type conversion in Python): the one value that needs converting, the timestamp, is converted once by
``stamp``. On SQLite the new ids are assigned here (the transaction already holds the write lock);
elsewhere they come back from RETURNING.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import operator

from sqlalchemy import column, func, insert, literal, literal_column, select, table, text

# PRAGMA cache_size in KiB (negative), only while importing: 32 MB keeps index pages from spilling into the
# WAL mid-transaction as well as 200 MB did (100,000 new persons: the same 71 MB WAL), for 40 MB less memory
CACHE_KIB = -32_000
CHUNK = 5000  # rows per executemany call
REBUILD_MIN = 5000  # fewer new rows than this: indexes are kept as they are (nothing to gain)


class BulkRows:
    def __init__(self, session):
        self.s = session
        self.con = session.connection()
        self.is_sqlite = self.con.dialect.name == "sqlite"
        self._stamp = None

    def stamp(self, value: dt.datetime, like) -> object:
        """``value`` as the dialect stores the column ``like`` (SQLite: SQLAlchemy's text form)."""
        if self._stamp is None:
            dialect = self.con.dialect
            self._stamp = like.type.dialect_impl(dialect).bind_processor(dialect) or (lambda v: v)
        return self._stamp(value)

    @contextlib.contextmanager
    def big_cache(self):
        """SQLite: a page cache big enough that index pages are not spilled into the WAL mid-transaction."""
        if not self.is_sqlite:
            yield
            return
        before = self.s.execute(text("PRAGMA cache_size")).scalar()
        self.s.execute(text(f"PRAGMA cache_size={CACHE_KIB}"))
        try:
            yield
        finally:
            self.s.execute(text(f"PRAGMA cache_size={int(before)}"))

    @contextlib.contextmanager
    def indexes_built_after(self, tbl, incoming: int):
        """SQLite: when ``incoming`` rows outnumber those held, the table's indexes are dropped for the block and
        built again at its end (one sorted pass per index instead of one tree insert per row per index: 100,000
        persons into an empty table, 0.49 s -> 0.34 s), inside the caller's transaction, which holds the write
        lock, so no other connection ever sees the table without them. A unique index refuses a duplicate at
        its rebuild instead of at the row, with the same error, and the whole transaction rolls back."""
        if not self.is_sqlite or incoming <= REBUILD_MIN or incoming <= self.s.scalar(
            select(func.count()).select_from(tbl)
        ):
            yield
            return
        found = self.s.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"),
            {"t": tbl.name},
        ).all()
        for name, _sql in found:
            self.s.execute(text(f'DROP INDEX "{name}"'))
        yield
        for _name, sql in found:
            self.s.execute(text(sql))

    def reserve_ids(self, tbl, n: int) -> list:
        """SQLite: the next ``n`` ids of ``tbl``. Elsewhere Nones: the ids come back from ``insert``."""
        if not self.is_sqlite:
            return [None] * n
        first = (self.s.scalar(select(func.max(tbl.c.id))) or 0) + 1
        return list(range(first, first + n))

    def insert(self, tbl, columns: tuple[str, ...], rows: list, shared: dict | None = None) -> list | None:
        """Insert ``rows`` (sequences of values in the order of ``columns``: no dict per row) with the
        ``shared`` column values; returns the new ids in order when the rows carry none (RETURNING), else
        None."""
        if not rows:
            return [] if "id" not in columns else None
        names = (*columns, *(shared or {}))
        bare = table(tbl.name, *(column(c) for c in names))
        stmt = insert(bare)
        if shared:
            stmt = stmt.values(**self._constants(shared))
        if "id" in columns:
            self._executemany(stmt, columns, rows)
            return None
        returning = insert(tbl).returning(tbl.c.id, sort_by_parameter_order=True)
        if shared:
            returning = returning.values(**self._constants(shared))
        ids: list = []
        for start in range(0, len(rows), CHUNK):
            named = [dict(zip(columns, r, strict=True)) for r in rows[start : start + CHUNK]]
            ids += self.s.scalars(returning, named).all()
        return ids

    def _executemany(self, stmt, columns: tuple[str, ...], rows: list) -> None:
        """The statement compiled once by the dialect, each chunk of rows handed to the driver's executemany
        as they are: SQLAlchemy's per-row parameter processing costs as much as SQLite's inserts."""
        compiled = stmt.compile(dialect=self.con.dialect, column_keys=list(columns))
        sql = str(compiled)
        if compiled.positional:
            order = [columns.index(c) for c in compiled.positiontup]
            if order == list(range(len(columns))):
                params: list = rows  # already in the driver's order (SQLite: the columns' order)
            else:
                pick = operator.itemgetter(*order) if len(order) > 1 else (lambda r: (r[order[0]],))
                params = [pick(r) for r in rows]
        else:
            params = [dict(zip(columns, r, strict=True)) for r in rows]
        for start in range(0, len(params), CHUNK):
            self.con.exec_driver_sql(sql, params[start : start + CHUNK])

    def _constants(self, shared: dict) -> dict:
        """The shared values as SQL literals rendered by the dialect (quoted and escaped by SQLAlchemy), so
        each row binds only its own values."""
        dialect = self.con.dialect
        return {
            k: literal_column(
                str(literal(v).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
            )
            for k, v in shared.items()
        }


@contextlib.contextmanager
def trigger_put_off(con, table: str, trigger: str, create_sql: str, fill_sql: str):
    """SQLite: rows inserted into ``table`` inside the block skip the insert trigger ``trigger``, and
    ``fill_sql`` (its ``:first`` the block's first new id) does the trigger's work for all of them in one
    statement at the end, before ``create_sql`` creates the trigger again. Both happen inside the caller's
    transaction, which holds the write lock, so no other connection ever sees the table without it. Yields
    False, changing nothing, when the trigger is not there (PostgreSQL, a database without the index)."""
    if con.dialect.name != "sqlite" or not con.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = :n"), {"n": trigger}
    ).first():
        yield False
        return
    first = (con.execute(text(f"SELECT max(id) FROM {table}")).scalar() or 0) + 1
    con.execute(text(f"DROP TRIGGER {trigger}"))
    yield True
    con.execute(text(fill_sql), {"first": first})
    con.execute(text(create_sql))
