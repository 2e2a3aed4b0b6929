"""Which database a command works on: ``--database PATH|URL``, else $SAIGA_DESK_DATABASE, else the file in the
user data folder."""

from __future__ import annotations

import functools
import os

from saiga_desk.paths import default_database_path

WAIT_FOR_APP = 10.0  # seconds (or $SAIGA_DESK_LOCK_WAIT)


def database_target(args) -> str:
    return args.database or os.environ.get("SAIGA_DESK_DATABASE") or str(default_database_path())


def open_database(args):
    from saiga_desk.core import instance_lock  # deferred: with the database, only when a command needs it
    from saiga_desk.core.database import Database  # deferred: SQLAlchemy loads only when a command needs it

    db = Database.open(database_target(args))
    # a command's writes wait this long for a Saiga Desk window that has the file open, then are refused
    wait = float(os.environ.get("SAIGA_DESK_LOCK_WAIT") or WAIT_FOR_APP)
    db.before_writing = functools.partial(instance_lock.wait_until_free, db, wait)
    return db
