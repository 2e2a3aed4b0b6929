"""What went wrong, in one plain sentence: the causes a failure can name (a read-only or full disk, a
constraint of the records, a number too large, a name that is not UTF-8, a file the system refused).

``explain(error, target, options)`` returns the sentence, or None for a true bug (then the command line
says "Unexpected error" and the window "Something went wrong", and the traceback goes to the log). The
command line (cli/failures.py) and the window (ui/errors.py) both ask here, so both say the same.

``target`` names the database the work was on (a string, or a function that finds it only when a
sentence needs it); ``options`` maps the option names the officer gave to their values, so that a value
too large or not UTF-8 is named by its option.
"""

from __future__ import annotations

import csv
import errno
import os
import re
import sqlite3
from collections.abc import Callable, Mapping

from saiga_desk.i18n import _

# SQLite's own words (sqlite3.OperationalError), matched in lower case.
_READ_ONLY = ("readonly database", "read-only", "attempt to write a readonly")
_FULL = ("database or disk is full", "disk i/o error")
_LOCKED = ("database is locked", "database table is locked")
_LARGEST = 2**63 - 1  # the largest integer SQLite and PostgreSQL store

Target = str | Callable[[], str] | None


def explain(error: BaseException, target: Target = None, options: Mapping | None = None) -> str | None:
    """One sentence for a failure whose cause can be named, else None (a bug)."""
    inner = innermost(error)
    options = dict(options or {})
    if isinstance(inner, OverflowError):
        return _too_large(options, inner)
    if isinstance(inner, UnicodeError):
        return _not_utf8(options, inner)
    if _is_integrity(inner):
        return _refused(inner)
    if isinstance(inner, sqlite3.Error) or _is_driver_error(inner):
        return _database(_name(target), inner)
    if isinstance(inner, OSError):
        return os_error(inner, _name(target) if inner.filename is None else "")
    if isinstance(inner, csv.Error) and options.get("file"):  # the reader names the row when it can
        return _("Cannot read {file}: {reason}; nothing was changed.").format(
            file=options["file"], reason=first_line(inner)
        )
    return None


def innermost(error: BaseException) -> BaseException:
    """The driver's exception inside SQLAlchemy's wrapper (``.orig``), or the error itself."""
    seen = set()
    while id(error) not in seen:
        seen.add(id(error))
        orig = getattr(error, "orig", None)
        if isinstance(orig, BaseException):
            error = orig
            continue
        cause = error.__cause__ or error.__context__
        if type(error).__module__.startswith("sqlalchemy") and isinstance(cause, BaseException):
            error = cause
            continue
        break
    return error


def _name(target: Target) -> str:
    if callable(target):
        target = target()
    return target or _("the database")


def _is_integrity(error: BaseException) -> bool:
    return type(error).__name__ in ("IntegrityError", "CheckViolation", "UniqueViolation",
                                    "ForeignKeyViolation", "NotNullViolation")  # fmt: skip


def _is_driver_error(error: BaseException) -> bool:
    return type(error).__module__.split(".")[0] in ("psycopg", "psycopg2")


def is_locked(error: BaseException) -> bool:
    """Whether ``error`` says another writer held the database too long: SQLite's busy words, PostgreSQL's
    lock timeout (SQLSTATE 55P03, lock not available)."""
    if getattr(error, "sqlstate", None) == "55P03":
        return True
    text = str(error).lower()
    return any(w in text for w in _LOCKED)


def first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0].rstrip(".") if text else type(error).__name__


def _database(name: str, error: BaseException) -> str:
    text = str(error).lower()
    if any(w in text for w in _READ_ONLY):
        return _("{db} is read-only (the file, its folder or the disk): nothing was changed.").format(db=name)
    if any(w in text for w in _FULL):
        return _("Cannot write {db}: the disk is full or failing; nothing was changed.").format(db=name)
    if is_locked(error):  # SQLite's busy words, PostgreSQL's lock not available
        return _("{db} is busy (another program is writing to it); nothing was changed, try again.").format(
            db=name
        )
    return _("The database {db} refused the work ({reason}); nothing was changed.").format(
        db=name, reason=first_line(error)
    )


def _refused(error: BaseException) -> str:
    text = first_line(error)
    found = re.search(r"(CHECK|UNIQUE|NOT NULL|FOREIGN KEY) constraint failed:?\s*(.*)", text)
    diag = getattr(error, "diag", None)
    rule = getattr(diag, "constraint_name", None) or (found.group(2).strip() or found.group(1) if found else text)
    return _("The records do not allow this change (rule {rule}); nothing was changed.").format(rule=rule)


def _too_large(options: dict, error: OverflowError) -> str:
    for option, given in options.items():
        for value in given if isinstance(given, list | tuple) else [given]:
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LARGEST:
                return _("{option} {value} is too large; nothing was changed.").format(
                    option=option.replace("_", "-"), value=value
                )
    return _("A number is too large to store ({reason}); nothing was changed.").format(
        reason=first_line(error)
    )


def _not_utf8(options: dict, error: UnicodeError) -> str:
    bad = getattr(error, "object", None)
    for option, value in options.items():
        if isinstance(value, str) and not _encodes(value):
            return _("{option} {value} is not valid UTF-8 text; rename it or give another.").format(
                option=option.replace("_", "-"), value=ascii(value)
            )
    shown = ascii(bad[:60]) if isinstance(bad, str | bytes) else first_line(error)
    return _("{value} is not valid UTF-8 text; nothing was changed.").format(value=shown)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeError:
        return False
    return True


def errno_words(number: int | None) -> str | None:
    """What a refusal of the system means, in words (a full disk, a read-only disk, permission...), or None
    for a cause without words of its own."""
    return {
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EFBIG: _("the file would be too large"),
        errno.EROFS: _("the disk is read-only"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.ENOENT: _("it does not exist"),
        errno.EISDIR: _("it is a folder"),
        errno.ENOTDIR: _("a part of the name is not a folder"),
        errno.ELOOP: _("the name leads to a loop of symbolic links"),
        errno.ENAMETOOLONG: _("the name is too long"),
    }.get(number)


def os_error(error: OSError, fallback: str = "") -> str:
    """An operating-system refusal as one sentence naming the file."""
    name = error.filename if error.filename is not None else fallback
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    name = ascii(name)[1:-1] if isinstance(name, str) and not _encodes(name) else name
    reason = errno_words(error.errno) or (error.strerror or first_line(error)).rstrip(".")
    if name:
        return _("Cannot use {file}: {reason}.").format(file=name, reason=reason)
    return _("The system refused: {reason}.").format(reason=reason)
