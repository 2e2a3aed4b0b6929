"""Rolling automatic backups of an SQLite database, and restoring one.

Backups live in ``data_dir()/backups/<db-stem>-<hash>/`` (the hash of the database's full path keeps two
databases with the same file name apart; ``source.txt`` in the folder names the database). They are made:

- on start, when the newest backup is older than a day (``on_start``, if the policy is enabled);
- before every import (``before_import``) and before a schema upgrade (by ``core.migrate``; those land beside
  the database unless ``Database.open(backup_dir=folder_for(path))`` is used, and are listed here too);
- on demand (``make_backup(db, "manual")``).

Every backup has its checksum beside it, ``NAME.sha256`` (``core/backup_checksum.py``, the format of
``sha256sum``), written when it is made; ``restore`` checks it, and the file's integrity, foreign keys, text
and schema, on a copy before it replaces anything (``core/backup_checks.py``). A backup made before
checksums were written is verified by those other checks only.

``prune`` removes backups older than the policy's ``keep_days`` (with their checksums) but always keeps the newest few. A shared
PostgreSQL database is backed up by its administrator: every function here returns None / [] for it and
never raises because of it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from saiga_desk.core import backup_checks
from saiga_desk.core.backup_checksum import SUFFIX as CHECKSUM_SUFFIX
from saiga_desk.core.backup_checksum import remove_checksum
from saiga_desk.core.database_copy import BUSY_TIMEOUT_MS, backup_sqlite_file
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

log = logging.getLogger(__name__)

STAMP = "%Y%m%d-%H%M%S"
AUTO_INTERVAL = dt.timedelta(days=1)
MIN_KEEP = 3  # prune never removes the newest few, however old they are
REASONS = ("auto", "before-import", "before-upgrade", "before-restore", "manual")
_NAME = re.compile(r"^(?P<reason>[a-z]+(?:-[a-z]+)*)-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?(?:\.\w+)?$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    size: int
    reason: str
    seq: int = 0  # 2, 3... when several backups were made within one second

    @property
    def name(self) -> str:
        return self.path.name


# --------------------------------------------------------------------------- where
def _db_file(db_or_path) -> Path | None:
    """The SQLite file of a Database (None for PostgreSQL / in-memory) or a path given as it is."""
    if isinstance(db_or_path, str | os.PathLike):
        return Path(db_or_path).expanduser().resolve()
    path = getattr(db_or_path, "path", None)
    return Path(path).resolve() if path else None


def folder_for(db_path: str | os.PathLike) -> Path:
    """The backup folder of one database file (created)."""
    # deferred: loaded on first use, not at start-up (start-up speed)
    from saiga_desk.paths import data_dir

    path = Path(db_path).expanduser().resolve()
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:8]
    folder = data_dir() / "backups" / f"{path.stem}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "source.txt"
    if not source.exists():
        with contextlib.suppress(OSError):
            source.write_text(str(path) + "\n", encoding="utf-8")
    return folder


def _new_name(folder: Path, stem: str, reason: str, suffix: str) -> Path:
    stamp = dt.datetime.now().strftime(STAMP)
    dest = folder / f"{stem}-{reason}-{stamp}{suffix}"
    n = 2
    while dest.exists() or dest.with_name(dest.name + ".part").exists():
        dest = folder / f"{stem}-{reason}-{stamp}-{n}{suffix}"
        n += 1
    return dest


# --------------------------------------------------------------------------- making
def make_backup(db, reason: str = "manual", progress=None) -> Path | None:
    """A consistent copy (SQLite backup API, safe while the app has the file open). None for PostgreSQL."""
    path = _db_file(db)
    if path is None:
        return None
    dest = _new_name(folder_for(path), path.stem, reason, path.suffix or ".sqlite3")
    backup_sqlite_file(path, dest, progress=progress)
    log.info("backup (%s) of %s written to %s", reason, path, dest)
    return dest


def on_start(db) -> Path | None:
    """Called when the app opens a database: a backup if the newest one is older than a day.

    Never raises (a failed automatic backup is logged, the officer keeps working); None when nothing was
    written (PostgreSQL, policy disabled, a recent backup exists, or an error)."""
    try:
        if _db_file(db) is None:
            return None
        # deferred: loaded on first use, not at start-up (start-up speed)
        from saiga_desk.core import preferences

        policy = preferences.backup_policy(db)
        if not policy["enabled"]:
            return None
        found = list_backups(db)
        if found and dt.datetime.now() - found[0].created < AUTO_INTERVAL:
            return None
        dest = make_backup(db, "auto")
        prune(db, policy["keep_days"])
        return dest
    except Exception:  # noqa: BLE001 - an automatic backup must never stop the app
        log.exception("automatic backup on start failed")
        return None


def before_import(db, progress=None) -> Path | None:
    """A backup right before an import changes the database (always made, whatever the policy)."""
    if _db_file(db) is None:
        return None
    return make_backup(db, "before-import", progress=progress)


# --------------------------------------------------------------------------- listing, pruning
def _parse(path: Path, stem: str) -> BackupInfo | None:
    try:
        st = path.stat()
    except OSError:
        return None
    match = _NAME.match(path.name[len(stem) + 1 :]) if path.name.startswith(stem) else None
    created = None
    reason = "manual"
    seq = 0
    if match:
        reason = match["reason"]
        seq = int(match["seq"] or 0)
        with contextlib.suppress(ValueError):
            created = dt.datetime.strptime(match["stamp"], STAMP)
    if created is None:
        created = dt.datetime.fromtimestamp(st.st_mtime)
    return BackupInfo(path=path, created=created, size=st.st_size, reason=reason, seq=seq)


def list_backups(db) -> list[BackupInfo]:
    """Backups of this database, newest first: the backup folder, plus upgrade backups beside the file."""
    path = _db_file(db)
    if path is None:
        return []
    folder = folder_for(path)
    candidates = [p for p in folder.iterdir() if p.is_file() and p.name.startswith(path.stem + "-")]
    if path.parent.is_dir():  # core.migrate writes "<stem>.before-upgrade-<stamp><suffix>" beside the file
        candidates += [
            p for p in path.parent.glob(f"{glob_escape(path.stem)}.before-upgrade-*") if p.is_file()
        ]
    out = []
    for p in candidates:
        if p.name.endswith((".part", "-wal", "-shm", "-journal", ".lock", ".restoring", CHECKSUM_SUFFIX)):
            continue
        info = _parse(p, path.stem)
        if info is not None:
            out.append(info)
    out.sort(key=lambda b: (b.created, b.seq, b.path.name), reverse=True)
    return out


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def prune(db, keep_days: int | None = None, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete backups older than ``keep_days`` (default: the policy's), keeping the newest MIN_KEEP.

    Returns the deleted files. Only the backup folder is pruned, never files beside the database."""
    path = _db_file(db)
    if path is None:
        return []
    if keep_days is None:
        # deferred: loaded on first use, not at start-up (start-up speed)
        from saiga_desk.core import preferences

        keep_days = (
            preferences.backup_policy(db)["keep_days"] if not isinstance(db, str | os.PathLike) else 30
        )
    keep_days = max(1, int(keep_days))
    limit = (now or dt.datetime.now()) - dt.timedelta(days=keep_days)
    folder = folder_for(path)
    removed = []
    for n, info in enumerate(list_backups(path)):
        if n < MIN_KEEP or info.created >= limit or info.path.parent != folder:
            continue
        try:
            info.path.unlink()
            remove_checksum(info.path)
            removed.append(info.path)
        except OSError as e:
            log.warning("cannot remove old backup %s: %s", info.path, e)
    if removed:
        log.info("pruned %d backups older than %d days", len(removed), keep_days)
    return removed


# --------------------------------------------------------------------------- restoring
def verify(backup_path: str | os.PathLike) -> backup_checks.Verified:
    """Refuse (DatabaseOpenError, one sentence) a backup that fails a check of ``core/backup_checks.py``:
    its checksum, integrity, foreign keys, text, schema. Run on a temporary copy: nothing is written
    beside the backup."""
    return backup_checks.verify(backup_path)


def restore(db_path: str | os.PathLike, backup_path: str | os.PathLike, before_replace=None) -> Path:
    """Replace the database file with a verified backup; returns the copy kept of the current file.

    The backup is copied beside the database (``NAME.restoring``) and that copy is checked
    (``core/backup_checks.copy_verified``: checksum, integrity, foreign keys, text, schema) before anything
    is replaced; a backup that fails is refused and the copy removed. Then ``before_replace()`` (the GUI
    closes its connections there), the current file is copied to the backup folder ("before-restore"),
    and the checked copy is moved over the database in one step; the old file's WAL and shared-memory
    files are removed so that they cannot be replayed onto the restored one. The caller must have closed
    every connection to ``db_path`` by then."""
    db_path = Path(db_path).expanduser().resolve()
    backup_path = Path(backup_path).expanduser().resolve()
    if backup_path == db_path:
        raise SaigaError(_("A database cannot be restored from itself."))
    tmp = db_path.with_name(db_path.name + ".restoring")
    verified = backup_checks.copy_verified(backup_path, tmp)  # tmp removed when refused
    kept = None
    try:
        if before_replace is not None:
            before_replace()
        folder = folder_for(db_path)
        kept = _new_name(folder, db_path.stem, "before-restore", db_path.suffix or ".sqlite3")
        if db_path.exists():
            _keep_current(db_path, kept)
        for side in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(str(db_path) + side)
        os.replace(tmp, db_path)
    except OSError as e:
        raise SaigaError(
            _("Cannot restore {path}: {reason}. The database was not changed; a copy is in {kept}.").format(
                path=db_path, reason=e.strerror or e, kept=kept or folder_for(db_path)
            )
        ) from e
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    if not verified.checksum:
        log.info("%s has no checksum (made by an older version): verified by its content only", backup_path)
    log.info("restored %s from %s (previous file kept as %s)", db_path, backup_path, kept)
    return kept if kept.exists() else db_path


def _keep_current(db_path: Path, dest: Path) -> None:
    """Copy the current database (with its WAL) before it is replaced; a damaged one is copied byte for byte."""
    try:
        con = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
        backup_sqlite_file(db_path, dest)
    except (sqlite3.DatabaseError, SaigaError) as e:
        log.warning("current database %s copied as raw bytes (%s)", db_path, e)
        shutil.copy2(db_path, dest)
        for side in ("-wal",):
            src = Path(str(db_path) + side)
            if src.exists():
                shutil.copy2(src, Path(str(dest) + side))
