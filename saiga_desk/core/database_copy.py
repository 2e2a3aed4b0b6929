"""Copies of an SQLite database file: consistent backups (the SQLite backup API) and plain file copies.

Below both the database (``Database.backup``) and the schema upgrades (the copy before an upgrade).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from saiga_desk.core import integrity
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

BUSY_TIMEOUT_MS = 10_000


def backup_sqlite_file(src: Path, dest: Path, progress=None) -> Path:
    dest = Path(dest)
    if dest.resolve() == Path(src).resolve():
        raise SaigaError(_("The backup cannot overwrite the database itself."))
    integrity.require_sound(Path(src))  # the whole file read: never a backup of a damaged database
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        # one part file per process: two imports starting in the same second pick the same backup name
        tmp = dest.with_name(f"{dest.name}.{os.getpid()}.part")
        if tmp.exists():
            tmp.unlink()
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        target = sqlite3.connect(tmp)
        try:

            def step(status, remaining, total):
                if progress is not None:
                    progress.report(total - remaining, total, _("Backing up"))

            source.backup(target, pages=256, progress=step)
        finally:
            target.close()
            source.close()
        os.replace(tmp, dest)
    except PermissionError as e:
        raise SaigaError(_("Cannot write the backup to {path}: permission denied.").format(path=dest)) from e
    except OSError as e:
        raise SaigaError(_("Cannot write the backup to {path}: {reason}").format(path=dest, reason=e)) from e
    return dest


def backup_name(path: Path, reason: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix or '.sqlite3'}")


def copy_file_untouched(src: Path, dest: Path) -> None:
    """Plain file copy, for files SQLite must not open (used by tests and by restore)."""
    shutil.copy2(src, dest)
