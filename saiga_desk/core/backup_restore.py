"""Restoring an open SQLite database from one of its backups, in place.

``restore_in_place(db, backup)`` refuses a damaged backup before anything is closed, keeps the current
file as a backup, puts the backup's copy in its place, reconnects the same ``Database`` (upgrading an
older schema) and tells the subscribers that everything changed.
"""

from __future__ import annotations

import os
from pathlib import Path

from saiga_desk.core import backups, migrate
from saiga_desk.core.changes import Changes
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _


def restore_in_place(db, backup_path: str | os.PathLike) -> Path:
    """Replace ``db``'s file by the backup; returns where the replaced file was kept."""
    path = db.path
    if path is None:
        raise SaigaError(_("Only a database file can be restored from a backup."))
    # the backup's copy is checked before anything is closed; a damaged one is refused with the database open
    kept = backups.restore(path, backup_path, before_replace=db.engine.dispose)
    db.engine.dispose()
    with db.engine.connect() as con:  # the restored copy keeps the write-ahead log mode
        con.exec_driver_sql("PRAGMA journal_mode=WAL")
    migrate.upgrade_to_head(db, backup_dir=backups.folder_for(path))
    db.publish(Changes.everything())  # another file's records: every view reads again
    return kept


__all__ = ["restore_in_place"]
