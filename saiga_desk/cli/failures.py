"""What went wrong in a command, in one plain sentence: core/failures.py explains the failure (the window
asks it too); here the command's database and its options are given to it.

``explain(error, args)`` returns the sentence, or None for a true bug (then cli/main.py says
"Unexpected error" and logs the traceback).
"""

from __future__ import annotations

from saiga_desk.core import failures
from saiga_desk.core.failures import os_error  # noqa: F401 (the command line's name for it)
from saiga_desk.i18n import _


def explain(error: BaseException, args) -> str | None:
    return failures.explain(error, lambda: _database_name(args), vars(args))


def _database_name(args) -> str:
    db = getattr(args, "db", None)
    if db is not None:
        return db.display_name
    # deferred: which database a command works on (reads the environment at call time)
    from saiga_desk.cli.which_database import database_target

    try:
        return database_target(args)
    except OSError:
        return _("the database")
