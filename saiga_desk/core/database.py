"""Opening the Secretariat's database: SQLite by default, any SQLAlchemy URL for a shared one.

The only module that knows SQLite-specific SQL (pragmas, the file header); copies of the file are made
by ``core/database_copy.py``.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from saiga_desk.core import integrity, person_email, roles, write_lock
from saiga_desk.core import migrate as migrations
from saiga_desk.core.database_copy import (  # noqa: F401 (backup_name: still importable from here)
    BUSY_TIMEOUT_MS,
    backup_name,
    backup_sqlite_file,
)
from saiga_desk.core.errors import DatabaseOpenError, SaigaError
from saiga_desk.core.text import fold, sort_key, sort_key_bytes
from saiga_desk.i18n import _

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


def current_actor() -> str:
    try:
        return os.environ.get("SAIGA_DESK_USER") or getpass.getuser()
    except Exception:  # no login name (some containers)
        return "officer"


def to_url(target: str | os.PathLike) -> str:
    """A path or an SQLAlchemy URL -> an SQLAlchemy URL string."""
    s = os.fspath(target)
    if isinstance(s, bytes):  # a name that is not UTF-8 (POSIX): the same bytes, as Python spells them
        s = os.fsdecode(s)
    if "://" in s:
        return s
    try:
        return f"sqlite:///{Path(s).expanduser().resolve()}"
    except (RuntimeError, OSError) as e:  # a symlink loop (RuntimeError up to Python 3.12, OSError after)
        raise DatabaseOpenError(
            _("Cannot open {path}: the name leads to a loop of symbolic links.").format(path=s)
        ) from e


def is_read_only(path: Path) -> bool:
    """A database file that cannot be written here (a read-only file, folder or medium): opened for reading."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _sqlite_url(url):
    """The SQLAlchemy URL that opens ``url``'s file read-only: a URI with ``mode=ro``, and ``immutable``
    when its folder cannot be written either (SQLite could not create the WAL index beside it)."""
    return f"sqlite:///{integrity.read_uri(Path(url.database))}&uri=true"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.create_function("saiga_sort_key", 1, sort_key, deterministic=True)
    dbapi_connection.create_function("saiga_fold", 1, fold, deterministic=True)  # text kept as written
    dbapi_connection.create_function("saiga_sort_key_bytes", 1, sort_key_bytes, deterministic=True)
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def check_sqlite_file(path: Path, full: bool = False) -> None:
    """Refuse, without modifying it, a file that is not an SQLite database or is corrupt.

    A cheap look on every open (core.integrity); ``full`` reads the whole file (backups, restores)."""
    if not path.exists():
        return
    if path.is_dir():
        raise DatabaseOpenError(_("{path} is a folder, not a database file.").format(path=path))
    if not stat.S_ISREG(path.stat().st_mode):
        raise DatabaseOpenError(
            _("{path} is a device or a pipe, not a database file. It was not modified.").format(path=path)
        )
    if path.stat().st_size == 0:
        return
    try:
        with open(path, "rb") as f:
            header = f.read(16)
    except OSError as e:
        raise DatabaseOpenError(_("Cannot read {path}: {reason}").format(path=path, reason=e.strerror)) from e
    if header != SQLITE_HEADER:
        raise DatabaseOpenError(
            _("{path} is not a Saiga Desk database (it is not an SQLite file). It was not modified.").format(
                path=path
            )
        )
    uri = integrity.read_uri(path)
    try:
        con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall() if full else [("ok",)]
            integrity.cheap_look(con)
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                found = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        if integrity.not_damage(e):  # a full disk, a file limit, a lock: the file itself is sound
            raise DatabaseOpenError(
                _("Cannot open {path} ({reason}): the disk may be full or the file in use. "
                  "It was not modified.").format(path=path, reason=e)
            ) from e  # fmt: skip
        raise DatabaseOpenError(
            _("{path} is damaged and cannot be opened ({reason}). It was not modified.").format(
                path=path, reason=e
            )
        ) from e
    if rows != [("ok",)]:
        raise integrity.damaged(path, "; ".join(str(r[0]) for r in rows[:3]))
    foreign = sorted(t for t in tables - {"alembic_version"} if not t.startswith("sqlite_"))
    if revision is None and foreign:
        raise DatabaseOpenError(
            _(
                "{path} holds other data ({tables}); it is not a Saiga Desk database and was not modified."
            ).format(path=path, tables=", ".join(foreign[:5]))
        )
    if revision is not None:
        if not migrations.is_known_revision(revision):
            raise DatabaseOpenError(
                _(
                    "{path} was written by a newer version of Saiga Desk (schema {rev}). "
                    "Update Saiga Desk to open it; the file was not modified."
                ).format(path=path, rev=revision)
            )


def _hidden(url: str) -> str:
    """A URL as it may be shown: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("@")[-1] if "@" in url else url


def begin_writing(session: Session) -> None:
    """Start ``session``'s transaction holding the database's write lock (``core.write_lock``), before it
    reads anything: what a writer matches (an email, an organization's name) cannot be inserted by another
    writer until it commits."""
    write_lock.hold(session.connection())


class Database:
    """An open database: engine, sessions, units of work, backups."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.actor = current_actor()
        self.read_only = False  # a file opened for reading only (read-only file, folder or medium)
        self._subscribers: list = []
        # called before each unit of work takes the write lock: the command line waits there for a running
        # Saiga Desk window that has the file open (core.instance_lock.wait_until_free), or is refused
        self.before_writing = None

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls, target: str | os.PathLike, *, migrate: bool = True, backup_dir: Path | None = None
    ) -> Database:
        """Open (creating if needed) and bring the schema to the app's version.

        An older database is upgraded after a backup beside it; a newer one, a file that is not a
        database and a damaged one are refused with DatabaseOpenError and left untouched."""
        url = to_url(target)
        try:
            parsed = make_url(url)
            if parsed.drivername == "postgresql":  # the driver Saiga Desk installs, not psycopg2
                parsed = parsed.set(drivername="postgresql+psycopg")
                url = parsed.render_as_string(hide_password=False)
            parsed.port  # noqa: B018 (a port that is not a number is refused here)
        except (ArgumentError, ValueError) as e:
            raise DatabaseOpenError(
                _("{url} is not a database file name or a database URL.").format(url=_hidden(url))
            ) from e
        is_sqlite = parsed.get_backend_name() == "sqlite"
        read_only = False
        if is_sqlite and parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database)
            if not path.parent.exists():
                raise DatabaseOpenError(_("The folder {folder} does not exist.").format(folder=path.parent))
            check_sqlite_file(path)
            read_only = is_read_only(path)
        try:
            engine = cls._make_engine(_sqlite_url(parsed) if read_only else url, is_sqlite, read_only)
        except NoSuchModuleError as e:
            raise DatabaseOpenError(
                _("{url} is not a kind of database Saiga Desk knows ({scheme}); give a file name, "
                  "or a postgresql:// URL.").format(url=_hidden(url), scheme=parsed.drivername)
            ) from e  # fmt: skip
        except ImportError as e:
            raise DatabaseOpenError(
                _("The database driver for {scheme} ({module}) is not installed; Saiga Desk connects to "
                  "PostgreSQL with postgresql+psycopg://.").format(scheme=parsed.drivername,
                                                                   module=e.name or e)
            ) from e  # fmt: skip
        except (ArgumentError, ValueError, TypeError) as e:
            raise DatabaseOpenError(
                _("{url} is not a database file name or a database URL.").format(url=_hidden(url))
            ) from e
        db = cls(engine, url)
        db.read_only = read_only
        try:
            with engine.connect() as con:
                user = con.scalar(text("SELECT 1" if is_sqlite else "SELECT session_user"))
        except (OperationalError, DatabaseError) as e:
            engine.dispose()
            lines = str(e.orig).strip().splitlines() or [type(e.orig).__name__]
            raise DatabaseOpenError(
                _("Cannot open the database {url}: {reason}.").format(
                    url=db.display_name, reason=lines[0].strip().rstrip(".")
                )
            ) from e
        if not is_sqlite:  # a server names its user: the history records it (core/roles.py)
            db.actor = user
            roles.watch(db)
        if migrate:
            try:
                migrations.upgrade_to_head(db, backup_dir=backup_dir)
            except Exception:
                engine.dispose()
                raise
            try:
                person_email.ensure_index(engine)
            except DatabaseError:  # read-only file or no right to create it: the writers' checks remain
                log.warning("cannot create the unique email index on %s", db.display_name, exc_info=True)
        return db

    @staticmethod
    def _make_engine(url: str, is_sqlite: bool, read_only: bool = False) -> Engine:
        if is_sqlite:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
            if not read_only and make_url(url).database not in (None, "", ":memory:"):
                with contextlib.suppress(OperationalError), engine.connect() as con:
                    con.exec_driver_sql("PRAGMA journal_mode=WAL")
            return engine
        return create_engine(url, pool_pre_ping=True)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------- properties
    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        name = make_url(self.url).database
        return Path(name) if name and name != ":memory:" else None

    @property
    def display_name(self) -> str:
        if self.path:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    # ------------------------------------------------------------ units of work
    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM session in one transaction: committed on success, rolled back on error."""
        s = self._sessions()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def subscribe(self, callback) -> None:
        """``callback(changes)`` after every committed unit of work that changed something."""
        self._subscribers.append(callback)

    def unsubscribe(self, callback) -> None:
        with contextlib.suppress(ValueError):
            self._subscribers.remove(callback)

    def publish(self, changes) -> None:
        """Tell the subscribers what was committed (also for writes made outside a unit of work)."""
        for callback in list(self._subscribers):
            try:
                callback(changes)
            except Exception:  # a subscriber's failure never undoes a committed write
                log.exception("change subscriber failed")

    def begin_writing(self, session: Session) -> None:
        """``session``'s transaction begun holding the write lock (``begin_writing``), after the
        ``before_writing`` check."""
        if self.before_writing is not None:
            self.before_writing()
        begin_writing(session)

    def transaction(self, actor: str | None = None, batch_id: int | None = None):
        """One unit of work through the services (create/update/delete with audit)."""
        # deferred: the services and the ORM models load with the first unit of work (start-up speed)
        from saiga_desk.core.services import UnitOfWork

        return UnitOfWork(self, actor=actor or self.actor, batch_id=batch_id)

    # ---------------------------------------------------------------- backups
    def backup(self, dest: str | os.PathLike, progress=None) -> Path:
        """A consistent copy of an SQLite database, safe while the app has it open (SQLite backup API)."""
        dest = Path(dest)
        if not self.is_sqlite or self.path is None:
            raise SaigaError(
                _(
                    "Backups of a shared server database are made by its administrator (for PostgreSQL: pg_dump)."
                )
            )
        return backup_sqlite_file(self.path, dest, progress=progress)
