"""The database's write lock: one writer at a time, taken before the writer reads what decides its writes.

SQLite: ``BEGIN IMMEDIATE`` (waits up to the busy timeout). PostgreSQL: a transaction-level advisory lock
that every writer takes first (waits up to ``WAIT``, then the database refuses). Units of work take it
(``core.database.begin_writing``), and so does the schema upgrade (``core.migrate``), so that two processes
opening a new database at once do not both create its tables.
"""

from __future__ import annotations

from sqlalchemy.exc import DatabaseError, OperationalError

from saiga_desk.core.errors import SaigaError
from saiga_desk.core.failures import is_locked
from saiga_desk.i18n import _

KEY = 0x5A16_A0E5_C0DE  # the PostgreSQL advisory lock's key
WAIT = "60s"  # how long a PostgreSQL writer waits for it before it is refused with a message


def hold(con) -> None:
    """Begin ``con``'s transaction holding the write lock (before it reads anything); SaigaError, with
    nothing changed, when another writer keeps it too long."""
    name = con.dialect.name
    try:
        if name == "sqlite":
            con.exec_driver_sql("BEGIN IMMEDIATE")
        elif name == "postgresql":
            con.exec_driver_sql(f"SET LOCAL lock_timeout = '{WAIT}'")
            con.exec_driver_sql(f"SELECT pg_advisory_xact_lock({KEY})")
    except (OperationalError, DatabaseError) as e:
        if not is_locked(e.orig):
            raise  # a read-only file, a full disk...: named by core/failures.py like any refusal
        raise SaigaError(
            _("The database is busy with another writer ({reason}); nothing was changed. Try again.").format(
                reason=e.orig
            )
        ) from e

