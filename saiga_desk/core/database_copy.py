"""Copies of an SQLite database file: consistent backups (the SQLite backup API) and plain file copies.

Below both the database (``Database.backup``) and the schema upgrades (the copy before an upgrade).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from saiga_desk.core import integrity
from saiga_desk.core.backup_checksum import sha256_of, write_checksum
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.output_files import cannot_write, discard, output_folder, put_in_place, temporary_beside
from saiga_desk.i18n import _

BUSY_TIMEOUT_MS = 10_000


def backup_sqlite_file(src: Path, dest: Path, progress=None) -> Path:
    """A consistent copy of ``src`` at ``dest`` and its checksum beside it (``dest.sha256``,
    ``core/backup_checksum.py``); written through a temporary file beside it (``core/output_files``: a
    device, a pipe or a folder is refused, the umask's permissions), which a failure removes."""
    dest = Path(dest)
    if dest.resolve() == Path(src).resolve():
        raise SaigaError(_("The backup cannot overwrite the database itself."))
    integrity.require_sound(Path(src))  # the whole file read: never a backup of a damaged database
    output_folder(dest.parent)
    tmp = temporary_beside(dest, ".part")  # refuses a device, a pipe or a folder as the backup
    try:
        source = sqlite3.connect(integrity.read_uri(Path(src)), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
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
        put_in_place(tmp, dest)  # synced, the umask's permissions, moved into place
        tmp = None
        write_checksum(dest, digest)
    except sqlite3.Error as e:  # "database or disk is full" while copying
        full = "full" in str(e)
        raise SaigaError(
            _("Cannot write the backup to {path}: {reason}; nothing was written.").format(
                path=dest, reason=_("the disk is full") if full else e
            )
        ) from e
    except OSError as e:
        raise cannot_write(dest, e) from e
    finally:
        discard(tmp)
    return dest


def backup_name(path: Path, reason: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix or '.sqlite3'}")


def copy_file_untouched(src: Path, dest: Path) -> None:
    """Plain file copy, for files SQLite must not open (used by tests and by restore)."""
    shutil.copy2(src, dest)
