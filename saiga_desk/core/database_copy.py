"""Copies of an SQLite database file: consistent backups (the SQLite backup API) and plain file copies.

Below both the database (``Database.backup``) and the schema upgrades (the copy before an upgrade).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from saiga_desk.core import integrity
from saiga_desk.core.backup_checksum import sha256_of, write_checksum
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

BUSY_TIMEOUT_MS = 10_000


def backup_sqlite_file(src: Path, dest: Path, progress=None) -> Path:
    """A consistent copy of ``src`` at ``dest`` and its checksum beside it (``dest.sha256``,
    ``core/backup_checksum.py``); written through ``dest.<process id>.part``, which a failure removes."""
    dest = Path(dest)
    if dest.resolve() == Path(src).resolve():
        raise SaigaError(_("The backup cannot overwrite the database itself."))
    integrity.require_sound(Path(src))  # the whole file read: never a backup of a damaged database
    # one part file per process: two imports starting in the same second pick the same backup name
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if tmp.exists():
            tmp.unlink()
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            target = sqlite3.connect(tmp)
            try:

                def step(status, remaining, total):
                    if progress is not None:
                        progress.report(total - remaining, total, _("Backing up"))

                source.backup(target, pages=256, progress=step)
                target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            finally:
                target.close()
        finally:
            source.close()
        digest = sha256_of(tmp)  # of the bytes just written, before anything else can touch them
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
        write_checksum(dest, digest)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, PermissionError):
            raise SaigaError(
                _("Cannot write the backup to {path}: permission denied.").format(path=dest)
            ) from e
        if isinstance(e, OSError | sqlite3.Error):
            reason = getattr(e, "strerror", None) or e
            raise SaigaError(
                _("Cannot write the backup to {path}: {reason}").format(path=dest, reason=reason)
            ) from e
        raise
    return dest


def backup_name(path: Path, reason: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix or '.sqlite3'}")


def copy_file_untouched(src: Path, dest: Path) -> None:
    """Plain file copy, for files SQLite must not open (used by tests and by restore)."""
    shutil.copy2(src, dest)
