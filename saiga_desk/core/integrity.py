"""How sound a database file is: a cheap look on every open, the full check at most once a day.

Every open reads the file header, the schema and the first page of each table (the same cost at 1 MB
and at 1 GB). The full check (``PRAGMA quick_check``, which reads the whole file) runs in the
background at most once a day (``check_if_due``; the GUI starts it after its window is on screen) and
always before a backup, a restore or an upgrade (``require_sound``). Its last result is kept in the
data folder (``integrity/<name>-<hash>.txt``); a file found damaged is checked (and reported) again at
every start until a check finds it sound.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import sqlite3
import threading
from pathlib import Path

from saiga_desk.core.errors import DatabaseOpenError
from saiga_desk.i18n import _

log = logging.getLogger(__name__)

INTERVAL = dt.timedelta(days=1)
TIMEOUT_S = 10.0


def read_uri(path: Path) -> str:
    """The SQLite URI that reads ``path`` without writing anything: ``immutable`` too when its folder
    cannot be written (a read-only folder or medium, where SQLite could not make the WAL index)."""
    path = Path(path)
    if not os.access(path.parent, os.W_OK) and not path.with_name(path.name + "-wal").exists():
        return f"file:{path}?mode=ro&immutable=1"
    return f"file:{path}?mode=ro"


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_uri(path), uri=True, timeout=TIMEOUT_S)


def damaged(path: Path, reason) -> DatabaseOpenError:
    return DatabaseOpenError(
        _("{path} is damaged ({reason}). It was not modified; restore it from a backup.").format(
            path=path, reason=reason
        )
    )


# SQLite's words for a file it could not read or write, which say nothing of the file's soundness
_NOT_DAMAGE = ("disk i/o error", "unable to open", "database or disk is full", "locked", "readonly")


def not_damage(error: sqlite3.Error) -> bool:
    """``error`` came from the disk or another program (full, I/O, locked), not from a damaged file."""
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and any(w in text for w in _NOT_DAMAGE)


def cheap_look(con: sqlite3.Connection) -> None:
    """Read the first row of every table (root pages and the leftmost leaves): sqlite3.DatabaseError
    when the file's structure is broken there. Costs the same whatever the file's size."""
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for name in names:
        if name.startswith("sqlite_"):
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        con.execute(f"SELECT * FROM {quoted} LIMIT 1").fetchall()


def full_check(path: Path) -> str | None:
    """The whole file read (``PRAGMA quick_check``): None when sound, else what is wrong."""
    try:
        con = _connect(Path(path))
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        if not_damage(e):  # the disk or a lock, not the file: never reported as damage
            raise DatabaseOpenError(
                _("Cannot read {path} ({reason}): the disk may be full or the file in use.").format(
                    path=path, reason=e
                )
            ) from e
        return str(e)
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:3])


def require_sound(path: Path) -> None:
    """Before a backup, a restore or an upgrade: refuse a damaged file (DatabaseOpenError)."""
    problem = full_check(path)
    _remember(Path(path), problem)
    if problem is not None:
        raise damaged(path, problem)


# --------------------------------------------------------------------------- once a day
def _record(path: Path) -> Path:
    from saiga_desk.paths import data_dir  # deferred: paths reads the environment at call time

    resolved = Path(path).expanduser().resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:8]
    return data_dir() / "integrity" / f"{resolved.stem}-{digest}.txt"


def _remember(path: Path, problem: str | None) -> None:
    with contextlib.suppress(OSError):  # an unwritable data folder: the result is simply not kept
        record = _record(path)
        record.parent.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().isoformat(timespec="seconds")
        record.write_text(f"{stamp}\n{problem or 'ok'}\n", encoding="utf-8")


def is_due(path: Path, now: dt.datetime | None = None) -> bool:
    """True when no full check found the file sound within the last day."""
    try:
        stamp, result = _record(path).read_text(encoding="utf-8").splitlines()[:2]
        last = dt.datetime.fromisoformat(stamp)
    except (OSError, ValueError):
        return True
    return result != "ok" or (now or dt.datetime.now()) - last >= INTERVAL


def check_if_due(path: Path | None) -> str | None:
    """Run the full check when it is due; the problem found (None when sound or not due)."""
    if path is None or not Path(path).exists() or not is_due(path):
        return None
    try:
        problem = full_check(path)
    except DatabaseOpenError as e:  # the disk or a lock, not the file: try again next time
        log.warning("integrity check of %s not done: %s", path, e)
        return None
    _remember(Path(path), problem)
    if problem is not None:
        log.error("integrity check of %s: %s", path, problem)
    return problem


def check_in_background(path: Path | None, on_problem) -> threading.Thread | None:
    """``check_if_due`` in a daemon thread; ``on_problem(message)`` (from that thread) when damaged."""
    if path is None or not is_due(path):
        return None

    def run():
        try:
            problem = check_if_due(path)
        except Exception:  # noqa: BLE001 - a background check never takes the app down
            log.exception("background integrity check failed")
            return
        if problem is not None:
            on_problem(str(damaged(path, problem)))

    thread = threading.Thread(target=run, name="saiga-integrity", daemon=True)
    thread.start()
    return thread


def problems(db) -> list[str]:
    """What ``db check`` reports: SQLite's integrity and foreign-key checks and text that is not UTF-8 (the
    checks a backup passes before it is restored); a server database: none here."""
    if not db.is_sqlite:
        return []
    with db.engine.connect() as con:
        found = [r[0] for r in con.exec_driver_sql("PRAGMA integrity_check")]
        out = [] if found == ["ok"] else found
        missing = con.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        bad = invalid_text(con.connection.driver_connection)
    if missing:
        out.append(_("{n} rows refer to missing records").format(n=len(missing)))
    if bad:
        table, column, row = bad
        out.append(
            _("The {column} of {table} #{row} is not valid text (not UTF-8).").format(
                table=table, column=column, row=row
            )
        )
    return out


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def invalid_text(con: sqlite3.Connection) -> tuple[str, str, object] | None:
    """The first (table, column, row id) whose text is not valid UTF-8, else None: every text value of
    every table read as bytes (``CAST(... AS BLOB)``) and decoded, one row at a time."""
    tables = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for name, sql in tables:
        if (sql or "").upper().startswith("CREATE VIRTUAL"):
            continue  # its text lives in its shadow tables, read on their own
        columns = [r[1] for r in con.execute(f"PRAGMA table_info({_quoted(name)})")]
        if not columns:
            continue
        rowid = "NULL" if "WITHOUT ROWID" in (sql or "").upper() else "rowid"
        texts = ", ".join(
            f"CASE WHEN typeof({_quoted(c)}) = 'text' THEN CAST({_quoted(c)} AS BLOB) END" for c in columns
        )
        for row in con.execute(f"SELECT {rowid}, {texts} FROM {_quoted(name)}"):  # noqa: S608 (names quoted)
            try:
                b"\0".join([v for v in row[1:] if v is not None]).decode("utf-8")
            except UnicodeDecodeError:
                for column, value in zip(columns, row[1:], strict=True):
                    if value is not None:
                        try:
                            value.decode("utf-8")
                        except UnicodeDecodeError:
                            return name, column, row[0]
                return name, "?", row[0]
    return None
