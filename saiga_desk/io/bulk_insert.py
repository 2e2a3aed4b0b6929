"""Writing many rows inside the session's transaction, fast on SQLite: multi-row INSERT statements of plain
tuples through the DB-API (no per-row SQL compilation), a larger page cache while importing; SQLAlchemy Core
with RETURNING elsewhere. Used by import_commit.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import operator
import sqlite3

from sqlalchemy import func, insert, select

from saiga_desk.core import models as m


def picker(indexes: list[int]):
    """A function returning the values at ``indexes`` of a sequence, always as a tuple."""
    if len(indexes) > 1:
        return operator.itemgetter(*indexes)
    if indexes:
        i = indexes[0]
        return lambda seq: (seq[i],)
    return lambda seq: ()


class BulkWriter:
    """Inserts many rows inside the session's transaction. On SQLite: the DB-API executemany with positional
    tuples (the ImportBatch row already holds the write lock, so new ids can be assigned here); elsewhere
    SQLAlchemy Core with RETURNING."""

    def __init__(self, session, is_sqlite: bool):
        self.s = session
        self.is_sqlite = is_sqlite
        self.con = session.connection()
        self._dt = None
        self._max_vars: int | None = None

    def datetime(self, value: dt.datetime):
        """A datetime as the dialect stores it (SQLite: SQLAlchemy's text form), for raw parameters."""
        if not self.is_sqlite:
            return value
        if self._dt is None:
            dialect = self.con.dialect
            self._dt = m.AuditEntry.__table__.c.at.type.dialect_impl(dialect).bind_processor(dialect)
        return self._dt(value) if self._dt else value

    @contextlib.contextmanager
    def big_cache(self):
        """SQLite: a page cache big enough that index pages are not spilled into the WAL mid-transaction."""
        if not self.is_sqlite:
            yield
            return
        before = self.con.exec_driver_sql("PRAGMA cache_size").scalar()
        self.con.exec_driver_sql(f"PRAGMA cache_size={CACHE_KIB}")
        try:
            yield
        finally:
            self.con.exec_driver_sql(f"PRAGMA cache_size={int(before)}")

    def insert(self, table, columns: tuple, rows: list) -> None:
        if not rows:
            return
        if self.is_sqlite:
            # multi-row VALUES: one statement per few hundred rows (measured: the SQLite part of a 100,000-row
            # import 1.24 s -> 0.75 s against one executemany row by row)
            per = max(1, min(MULTI_ROWS, self._max_variables() // len(columns)))
            one = "(" + ",".join("?" * len(columns)) + ")"
            head = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES "
            full = head + ",".join([one] * per)
            chain = itertools.chain.from_iterable
            whole = len(rows) - len(rows) % per
            for start in range(0, whole, per):
                self.con.exec_driver_sql(full, tuple(chain(rows[start : start + per])))
            rest = rows[whole:]
            if rest:
                self.con.exec_driver_sql(head + ",".join([one] * len(rest)), tuple(chain(rest)))
            return
        for start in range(0, len(rows), 5000):
            part = [dict(zip(columns, r, strict=True)) for r in rows[start : start + 5000]]
            self.s.execute(insert(table), part)

    def _max_variables(self) -> int:
        """SQLite's limit on ? parameters in one statement (999 before SQLite 3.32)."""
        if self._max_vars is None:
            self._max_vars = 999
            try:
                raw = self.con.connection.driver_connection
                self._max_vars = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
            except (AttributeError, sqlite3.Error):  # Python < 3.11: keep the safe minimum
                pass
        return self._max_vars

    def reserve_ids(self, table, n: int) -> list:
        """SQLite: the next ``n`` ids of ``table`` (the transaction holds the write lock). Elsewhere Nones:
        the ids come back from ``insert_returning``."""
        if not self.is_sqlite:
            return [None] * n

        first = (self.s.scalar(select(func.max(table.c.id))) or 0) + 1
        return list(range(first, first + n))

    def insert_returning(self, table, columns: tuple, rows: list) -> list[int]:
        params = [dict(zip(columns, r, strict=True)) for r in rows]
        return self.s.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), params).all()


MULTI_ROWS = 400  # rows per INSERT statement on SQLite
CACHE_KIB = -200_000  # PRAGMA cache_size in KiB (negative): about 200 MB at most, only while importing
