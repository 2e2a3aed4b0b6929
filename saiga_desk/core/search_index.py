"""The full-text index over the folded search text of every searched record kind.

SQLite: an FTS5 table with the trigram tokenizer per searched table (``<table>_search``, external
content = the table itself, kept in step with every write by triggers), so a filter word of three or
more letters finds its rows through the index instead of reading every row. PostgreSQL: a ``pg_trgm``
GIN index on each ``search_text`` column, which the planner uses for ``LIKE '%word%'`` by itself
(created only when the extension can be created; without it the plain scan stays, same results).

A phrase of three or more letters is answered by the trigram index alone (its match is the substring
match of the LIKE of ``core.text.like_pattern`` on the same folded text, so results are exactly those of
the plain scan: ``tests/core/test_search_index.py`` compares them, and a brute-force scan, on tricky
words); shorter words and PostgreSQL use the LIKE. Created by the migration
``0006_search_index``; ``repair`` (run after every upgrade) brings back triggers that a migration
recreating a table in SQLite batch mode dropped, and rebuilds those indexes.
"""

from __future__ import annotations

import logging

from sqlalchemy import text

from saiga_desk.core import person_email, person_order
from saiga_desk.core.bulk_rows import trigger_put_off

log = logging.getLogger(__name__)

# the tables with a folded search_text column (fixed here: migrations must not follow the models)
SEARCHED = ("country", "organization", "person", "signatory", "meeting", "meeting_document",
            "project", "work_programme", "work_programme_item")  # fmt: skip
MIN_LETTERS = 3  # the trigram index finds words of at least this many letters
_SHADOWS = ("", "_data", "_idx", "_config", "_docsize", "_content")


def fts_table(table: str) -> str:
    return f"{table}_search"


def pg_index(table: str) -> str:
    return f"ix_{table}_search_trgm"


def is_index_object(name: str | None) -> bool:
    """True for the index's own tables and indexes and the unique email index (not in the models; schema
    comparisons skip them)."""
    if not name:
        return False
    if name == person_email.INDEX:  # an expression index the models cannot describe (core/person_email.py)
        return True
    if person_order.is_order_object(name):  # the persons' order beside the index (core/person_order.py)
        return True
    return any(name == fts_table(t) + s for t in SEARCHED for s in _SHADOWS) or any(
        name == pg_index(t) for t in SEARCHED
    )


def _triggers(table: str) -> list[str]:
    fts = fts_table(table)
    delete = f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
    insert = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text);"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF id, search_text ON {table} "
        f"BEGIN {delete} {insert} END",
    ]


def indexed_in_one_pass(con, table: str):
    """Rows inserted inside the block are added to the SQLite index in one statement at its end, instead of
    one trigger call per row (a 100,000-row import: about 0.5 s instead of 10 s; ``core.bulk_rows.
    trigger_put_off``). Elsewhere nothing changes. The index merges its segments during that statement as
    always: putting the merging off saved 0.2 s but left filters 30% slower until later writes merged them."""
    fts = fts_table(table)
    fill = f"INSERT INTO {fts}(rowid, search_text) SELECT id, search_text FROM {table} WHERE id >= :first"
    return trigger_put_off(con, table, f"{fts}_ai", _triggers(table)[0], fill)


def _sqlite_create(con, table: str) -> None:
    fts = fts_table(table)
    con.execute(
        text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{table}', "
            "content_rowid='id', tokenize='trigram')"
        )
    )
    for sql in _triggers(table):
        con.execute(text(sql))
    con.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))


def create(con) -> None:
    """Create the index on the connection's database (in the caller's transaction)."""
    if con.dialect.name == "sqlite":
        for table in SEARCHED:
            _sqlite_create(con, table)
    elif con.dialect.name == "postgresql":
        if not _pg_trgm(con):
            log.warning("pg_trgm is not available: filters scan the rows (same results, slower)")
            return
        for table in SEARCHED:
            con.execute(
                text(
                    f"CREATE INDEX IF NOT EXISTS {pg_index(table)} ON {table} USING gin (search_text gin_trgm_ops)"
                )
            )


def _pg_trgm(con) -> bool:
    con.execute(text("SAVEPOINT saiga_trgm"))
    try:
        con.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except Exception as e:  # noqa: BLE001 - no right to create extensions: the plain scan stays
        log.info("cannot create pg_trgm: %s", e)
        con.execute(text("ROLLBACK TO SAVEPOINT saiga_trgm"))
        return False
    con.execute(text("RELEASE SAVEPOINT saiga_trgm"))
    return True


def drop(con) -> None:
    if con.dialect.name == "sqlite":
        for table in SEARCHED:
            fts = fts_table(table)
            for suffix in ("ai", "ad", "au"):
                con.execute(text(f"DROP TRIGGER IF EXISTS {fts}_{suffix}"))
            con.execute(text(f"DROP TABLE IF EXISTS {fts}"))
    elif con.dialect.name == "postgresql":
        for table in SEARCHED:
            con.execute(text(f"DROP INDEX IF EXISTS {pg_index(table)}"))


def repair(con) -> list[str]:
    """After an upgrade: tables whose index lost its triggers (batch-mode table copies drop them) get
    them back and a rebuilt index. Returns the tables repaired. One query when all is well."""
    if con.dialect.name != "sqlite":
        return []
    names = {
        r[0] for r in con.execute(text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"))
    }
    repaired = []
    for table in SEARCHED:
        fts = fts_table(table)
        if fts not in names or table not in names:
            continue
        if all(f"{fts}_{s}" in names for s in ("ai", "ad", "au")):
            continue
        _sqlite_create(con, table)
        repaired.append(table)
    if person_order.repair(con):
        repaired.append(person_order.TABLE)
    if repaired:
        log.info("search index rebuilt for %s", ", ".join(repaired))
    return repaired


def available(db) -> bool:
    """Whether the listing may ask the SQLite index (the database was upgraded to have it)."""
    cached = getattr(db, "_search_index", None)
    if cached is None:
        if db.engine.dialect.name != "sqlite":
            cached = False
        else:
            with db.engine.connect() as con:
                found = con.execute(
                    text("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :n"),
                    {"n": fts_table("person")},
                ).scalar()
            cached = bool(found)
        db._search_index = cached
    return cached
