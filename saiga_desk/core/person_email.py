"""One person per email: the folded email key and the unique index that holds it at the database level.

A person is found by email first; two persons never share an address. The key an import matches with is
``email_key`` (trimmed, NFC, case-blind). The database holds the same rule as the unique index
``uq_person_email_folded`` on ``lower(trim(email))`` (non-empty addresses only), so a duplicate is refused
even from a writer that skipped every check (PostgreSQL's ``lower`` folds every script; SQLite's folds
A-Z only, so two internationalized addresses that differ in non-ASCII case are caught by the writers'
checks, which use ``email_key``, not by SQLite's index).

Databases that already hold persons sharing an address (written before the index existed) are not
changed: the migration ``0008_unique_email`` then leaves the index out and logs the groups, the
duplicates view lists them for merging, and ``ensure_index`` (each time the database is opened) creates
the index as soon as none remain.
"""

from __future__ import annotations

import logging
import unicodedata

from sqlalchemy import LargeBinary, and_, cast, func, literal_column, or_, select, text

from saiga_desk.core.text import INVISIBLE

log = logging.getLogger(__name__)

INDEX = "uq_person_email_folded"
FOLDED = "lower(trim(email))"


def email_key(value: str | None) -> str:
    """The folded email a person is matched by ("" for none): NFC, invisible characters left out, trimmed,
    case-insensitive. The one definition, for the import's plan and every writer's check alike."""
    if not value:
        return ""
    if value.isascii():  # the usual case: nothing to compose or leave out
        return value.strip().lower()
    return unicodedata.normalize("NFC", value).translate(INVISIBLE).strip().casefold()


def same_address(table, key: str):
    """The WHERE clause for the persons whose address folds to ``key`` (from ``email_key``) as the database
    folds it (``lower(trim(email))``), worded so that the unique index answers it (its own condition
    repeated): one index lookup, not a scan of every address."""
    email = table.c.email
    return and_(email.is_not(None), func.trim(email) != literal_column("''"), func.lower(func.trim(email)) == key)


def held_by(session, table, key: str, other_than: int | None = None) -> int | None:
    """The person (id) other than ``other_than`` whose address has the folded ``key``, or None. The index
    answers for addresses SQL folds as ``email_key`` does; the few stored addresses with a character beyond
    ASCII (an "Ä" SQLite's lower() leaves, a zero-width space ``email_key`` drops) are folded here."""
    email = table.c.email
    if session.bind.dialect.name == "sqlite":  # more bytes than characters: a character beyond ASCII
        beyond_ascii = func.length(email) != func.length(cast(email, LargeBinary))  # 5 ms at 100,000 (GLOB: 32)
    else:
        beyond_ascii = func.char_length(email) != func.octet_length(email)
    q = select(table.c.id, email).where(or_(same_address(table, key), and_(email.is_not(None), beyond_ascii)))
    if other_than is not None:
        q = q.where(table.c.id != other_than)
    for pid, address in session.execute(q):
        if email_key(address) == key:
            return pid
    return None


def duplicate_groups(con) -> list[list[int]]:
    """The ids of the persons sharing a folded address, group by group (as the index would see them)."""
    rows = con.execute(
        text(
            f"SELECT {FOLDED} AS k, id FROM person WHERE email IS NOT NULL AND trim(email) <> '' "
            f"AND {FOLDED} IN (SELECT {FOLDED} FROM person WHERE email IS NOT NULL AND trim(email) <> '' "
            f"GROUP BY {FOLDED} HAVING count(*) > 1) ORDER BY k, id"
        )
    )
    groups: dict[str, list[int]] = {}
    for key, pid in rows:
        groups.setdefault(key, []).append(pid)
    return list(groups.values())


def has_index(con) -> bool:
    if con.dialect.name == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = :n"
    elif con.dialect.name == "postgresql":
        sql = "SELECT 1 FROM pg_indexes WHERE indexname = :n AND schemaname = current_schema()"
    else:
        return True  # other databases: the writers' checks only
    return con.execute(text(sql), {"n": INDEX}).first() is not None


def create_index(con) -> list[list[int]]:
    """Create the unique index unless persons already share an address; returns those groups (empty when
    the index was created)."""
    if has_index(con):
        return []
    groups = duplicate_groups(con)
    if groups:
        log.warning(
            "%d email addresses are shared by several persons (ids %s); the unique email index waits until "
            "they are merged",
            len(groups),
            "; ".join(", ".join(map(str, g)) for g in groups[:20]),
        )
        return groups
    con.execute(
        text(
            f"CREATE UNIQUE INDEX {INDEX} ON person ({FOLDED}) WHERE email IS NOT NULL AND trim(email) <> ''"
        )
    )
    return []


def drop_index(con) -> None:
    con.execute(text(f"DROP INDEX IF EXISTS {INDEX}"))


def ensure_index(engine) -> bool:
    """On opening: create the index if it is missing and no persons share an address any more (after the
    officer merged them). One catalogue query when it is there. Returns whether it is there now."""
    with engine.connect() as con:
        if has_index(con):
            return True
    with engine.begin() as con:
        return not create_index(con)
