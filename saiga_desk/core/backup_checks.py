"""What a backup must pass before a restore puts it in place, checked on a private copy.

``copy_verified(backup, dest)`` copies the backup (hashing it as it reads) and checks the copy, never the
backup itself, so nothing appears beside the backup (no ``-wal``/``-shm``): the copy is opened read-only
and immutable. In order, each failure refused with its reason in one sentence (``DatabaseOpenError``):

1. the checksum written when the backup was made (``core/backup_checksum.py``); a backup made before
   checksums were written has none, and is verified by the checks below only (``Verified.checksum`` False);
2. an SQLite file (its header), ``PRAGMA integrity_check`` (every page, every index);
3. ``PRAGMA foreign_key_check``: no row refers to a record the file does not hold;
4. every text value is valid UTF-8 (SQLite stores whatever bytes it is given; Python cannot read
   invalid ones, so the History, the exports and the listings would fail later);
5. a Saiga Desk database of a schema this version knows.

The copy is removed when a check fails. ``verify(backup)`` runs the same checks on a temporary copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from saiga_desk.core import migrate
from saiga_desk.core.backup_checksum import CHUNK, read_checksum
from saiga_desk.core.errors import DatabaseOpenError, SaigaError
from saiga_desk.core.integrity import invalid_text
from saiga_desk.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Verified:
    backup: Path
    copy: Path
    checksum: bool  # True: matched the checksum written with the backup; False: it has none (older)


def _refused(backup: Path, reason: str) -> DatabaseOpenError:
    return DatabaseOpenError(
        _("The backup {path} cannot be restored: {reason}; nothing was changed.").format(
            path=backup, reason=reason
        )
    )


def copy_verified(backup: str | os.PathLike, dest: str | os.PathLike) -> Verified:
    """Copy ``backup`` to ``dest`` and check the copy; ``dest`` removed (and DatabaseOpenError raised) when a
    check fails."""
    backup, dest = Path(backup), Path(dest)
    if not backup.is_file():
        raise SaigaError(_("The backup {path} does not exist.").format(path=backup))
    written = read_checksum(backup)
    try:
        digest = _copy_hashing(backup, dest)
        if written is not None and digest != written:
            raise _refused(
                backup,
                _(
                    "its content no longer matches the checksum written when it was made (it was changed or damaged)"
                )
                if written
                else _("its checksum file {name} is unreadable").format(name=backup.name + ".sha256"),
            )
        check_copy(backup, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            dest.unlink()
        raise
    return Verified(backup, dest, written is not None)


def verify(backup: str | os.PathLike) -> Verified:
    """The checks of ``copy_verified`` on a temporary copy (removed afterwards); nothing else is touched."""
    folder = Path(tempfile.mkdtemp(prefix="saiga-verify-"))
    try:
        return copy_verified(backup, folder / "backup.sqlite3")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy_hashing(src: Path, dest: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(src, "rb") as fin, open(dest, "wb") as fout:
            while block := fin.read(CHUNK):
                h.update(block)
                fout.write(block)
            fout.flush()
            os.fsync(fout.fileno())
    except OSError as e:
        raise SaigaError(
            _("Cannot copy the backup {path}: {reason}.").format(path=src, reason=e.strerror or e)
        ) from e
    return h.hexdigest()


def _connect(path: Path) -> sqlite3.Connection:
    """Read-only and immutable: SQLite takes no lock and writes no -wal/-shm file beside ``path``."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def check_copy(backup: Path, copy: Path) -> None:
    """Checks 2-5 on ``copy`` (messages name ``backup``)."""
    with open(copy, "rb") as f:
        if f.read(16) != SQLITE_HEADER:
            raise _refused(backup, _("it is not an SQLite database file"))
    try:
        con = _connect(copy)
        try:
            rows = con.execute("PRAGMA integrity_check(5)").fetchall()
            if rows != [("ok",)]:
                raise _refused(backup, _("it is damaged ({reason})").format(reason=_first_problem(rows)))
            orphan = con.execute("PRAGMA foreign_key_check").fetchone()
            if orphan is not None:
                table, rowid, parent, _fk = orphan
                raise _refused(
                    backup,
                    _("it is damaged ({table} #{row} refers to a missing row of {parent})").format(
                        table=table, row=rowid, parent=parent
                    ),
                )
            bad = invalid_text(con)
            if bad is not None:
                raise _refused(
                    backup,
                    _("it is damaged (the {column} of {table} #{row} is not valid text)").format(
                        table=bad[0], column=bad[1], row=bad[2]
                    ),
                )
            revision = _revision(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise _refused(backup, _("it is damaged ({reason})").format(reason=str(e)[:200])) from e
    if revision is None:
        raise _refused(backup, _("it is not a Saiga Desk database"))
    if not migrate.is_known_revision(revision):
        raise _refused(
            backup,
            _(
                "it was written by a newer version of Saiga Desk (schema {rev}); update Saiga Desk first"
            ).format(rev=revision),
        )


def _first_problem(rows) -> str:
    """The first line of what ``integrity_check`` found (its "*** in database main ***" heading dropped)."""
    lines = [ln.strip() for r in rows for ln in str(r[0]).splitlines()]
    found = [ln for ln in lines if ln and not ln.startswith("***")]
    return (found or lines or ["?"])[0][:200]


def _revision(con: sqlite3.Connection) -> str | None:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:
        return None
    found = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return found[0] if found else None
