"""Schema versions: Alembic migrations shipped inside the package (they work from a wheel too)."""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
from functools import cache
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from saiga_desk.core import integrity, roles, write_lock
from saiga_desk.core.database_copy import backup_name, backup_sqlite_file
from saiga_desk.core.errors import DatabaseOpenError
from saiga_desk.i18n import _

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@cache
def light_head() -> str | None:
    """The head revision read from the migration files' text, without importing Alembic (fast start-up).
    None when the files do not form one simple chain (then Alembic decides)."""
    revs, downs = set(), set()
    pattern = re.compile(r'^(down_revision|revision)(?::[^=]*)?=\s*["\']([^"\']+)["\']', re.M)
    for f in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for kind, value in pattern.findall(f.read_text(encoding="utf-8")):
            (revs if kind == "revision" else downs).add(value)
    heads = revs - downs
    return heads.pop() if len(heads) == 1 else None


def file_needs_upgrade(target: str) -> bool:
    """Whether an SQLite file holds an older schema than the app's (read with sqlite3 alone, so that
    the start window can say "upgrading" before the upgrade begins)."""
    path = Path(target)
    if "://" in str(target) or not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return bool(row and light_head() and row[0] != light_head())


def stored_revision(db) -> str | None:
    try:
        with db.engine.connect() as con:
            return con.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as con:
        return MigrationContext.configure(con).get_current_revision()


def status(db) -> dict:
    """What `db check` reports: the revision found and the one the app needs."""
    script = _script()
    current = current_revision(db)
    known = current is None or _known(script, current)
    return {
        "current": current,
        "head": script.get_current_head(),
        "up_to_date": current == script.get_current_head(),
        "newer_than_app": not known,
    }


def is_known_revision(rev: str) -> bool:
    if rev == light_head():
        return True
    return _known(_script(), rev)


def _known(script, rev: str) -> bool:
    try:
        return script.get_revision(rev) is not None
    except Exception:
        return False


@contextlib.contextmanager
def schema_transaction(engine):
    """A connection in one transaction that holds the write lock, for changing the schema. On SQLite, the
    way SQLite's documentation gives for it: foreign keys off before the transaction (so that a migration
    copying a table in batch mode drops the old one without cascading to the rows that refer to it), every
    reference checked before the commit (one left dangling by the change refuses it, nothing changed; one
    the file held already is not the change's doing), foreign keys on again after."""
    with engine.connect() as con:
        sqlite = con.dialect.name == "sqlite"
        if sqlite:
            con.exec_driver_sql("PRAGMA foreign_keys=OFF")  # outside any transaction, where it takes effect
            con.commit()
        try:
            with con.begin():
                write_lock.hold(con)
                held = set(_dangling(con)) if sqlite else set()
                yield con
                if sqlite:
                    dangling = [d for d in _dangling(con) if d not in held]
                    if dangling:
                        table, rowid, parent, _fk = dangling[0]
                        raise DatabaseOpenError(
                            _("The upgrade would leave {n} references to missing records ({table} row {row} "
                              "refers to {parent}); nothing was changed.").format(
                                n=len(dangling), table=table, row=rowid, parent=parent)
                        )  # fmt: skip
        finally:
            if sqlite:
                con.exec_driver_sql("PRAGMA foreign_keys=ON")
                con.commit()


def _dangling(con) -> list[tuple]:
    """The references to missing rows (SQLite reads every table for it: a damaged file is said so here)."""
    try:
        return [tuple(r) for r in con.exec_driver_sql("PRAGMA foreign_key_check").all()]
    except DBAPIError as e:
        if isinstance(e.orig, sqlite3.DatabaseError) and not integrity.not_damage(e.orig):
            raise integrity.damaged(Path(con.engine.url.database or ""), e.orig) from e
        raise


def upgrade_to_head(db, *, backup_dir: Path | None = None, target: str = "head") -> str | None:
    """Bring the schema to ``target``. Returns the path of the backup written first, if any.

    Decided and done holding the write lock (``core.write_lock``): of two processes opening a new or older
    database at once, one upgrades it and the other, waiting, finds it done."""
    if target == "head" and light_head() is not None and stored_revision(db) == light_head():
        return None  # the common case: up to date, decided without importing Alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    script = _script()
    head = script.get_current_head()
    with schema_transaction(db.engine) as con:
        current = MigrationContext.configure(con).get_current_revision()
        if current == head and target == "head":
            return None
        if current is not None and not _known(script, current):
            raise DatabaseOpenError(
                _(
                    "{db} was written by a newer version of Saiga Desk (schema {rev}). "
                    "Update Saiga Desk to open it; the file was not modified."
                ).format(db=db.display_name, rev=current)
            )
        if current is None:
            foreign = [t for t in inspect(con).get_table_names() if t != "alembic_version"]
            if foreign:
                raise DatabaseOpenError(
                    _(
                        "{db} holds other data ({tables}); it is not a Saiga Desk database and was not modified."
                    ).format(db=db.display_name, tables=", ".join(sorted(foreign)[:5]))
                )
        backup = None
        if current is not None and db.path is not None:
            dest = backup_name(db.path, "before-upgrade")
            if backup_dir is not None:
                dest = Path(backup_dir) / dest.name
            backup = str(backup_sqlite_file(db.path, dest))
            log.info("backup before upgrade from %s: %s", current, backup)
        command.upgrade(alembic_config(con), target)
    roles.refresh_after_upgrade(db)  # the roles' privileges on new tables (a shared server)
    log.info("database %s upgraded from %s to %s", db.display_name, current, target)
    return backup
