"""Errors in the GUI: one plain sentence in a message box, the same one the command line prints
(core/failures.py explains both); never a traceback for the officer — it goes to the log.

Only a true bug (a failure no sentence can name) says "Something went wrong"; that box offers to copy
the details (version, system, traceback) for a bug report.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import saiga_desk
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.failures import Target, explain
from saiga_desk.i18n import _
from saiga_desk.logs import log_file

log = logging.getLogger(__name__)


def plain_sentence(exc: BaseException, target: Target = None) -> str | None:
    """What the officer reads for ``exc``: its own message, a named cause, or None for a bug."""
    if isinstance(exc, SaigaError):
        return str(exc)
    return explain(exc, target)


def error_text(exc: BaseException, target: Target = None) -> str:
    sentence = plain_sentence(exc, target)
    if sentence is not None:
        return sentence
    try:
        where = str(log_file())
    except OSError:  # no writable log folder: say so instead of failing again
        where = _("the log could not be written")
    return _("Something went wrong: {error}\n\nThe details were written to the log:\n{log}").format(
        error=f"{type(exc).__name__}: {exc}", log=where
    )


def bug_report(exc: BaseException) -> str:
    """The details a bug report needs: the version, the system and the traceback."""
    return "Saiga Desk {version}, Python {python}, {system}\n\n{trace}".format(
        version=saiga_desk.__version__,
        python=platform.python_version(),
        system=platform.platform(),
        trace="".join(traceback.format_exception(exc)),
    )


def database_of(widget: QWidget | None) -> Target:
    """The database the failing window works on (its ``db``, or the main window's), named when asked."""

    def name() -> str:
        candidates = []
        w = widget
        while w is not None:
            candidates.append(w)
            w = w.parentWidget()
        candidates += [QApplication.activeWindow(), *QApplication.topLevelWidgets()]
        for w in candidates:
            db = getattr(w, "db", None)
            if db is not None and hasattr(db, "display_name"):
                return db.display_name
        return _("the database")

    return name


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    sentence = plain_sentence(exc, database_of(parent))
    if sentence is None:
        log.error("unexpected error: %s", "".join(traceback.format_exception(exc)))
    elif not isinstance(exc, SaigaError):
        log.info("refused: %s", sentence, exc_info=exc)
    box = QMessageBox(
        QMessageBox.Icon.Warning if sentence is not None else QMessageBox.Icon.Critical,
        title or _("Saiga Desk"),
        sentence if sentence is not None else error_text(exc),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("errorDialog")
    if sentence is None:
        details = bug_report(exc)
        copy = box.addButton(_("Copy the details for a bug report"), QMessageBox.ButtonRole.ActionRole)
        copy.setObjectName("copyDetailsButton")
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    if getattr(sys, "_saiga_test_no_modal", False):
        box.show()
        return box
    box.exec()
    return box


def install_excepthook(parent_getter=lambda: None) -> None:
    """Unexpected exceptions in slots are logged and shown, and the app keeps running."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("uncaught exception", exc_info=(exc_type, exc, tb))
        try:
            show_error(parent_getter(), exc)
        except Exception:  # never recurse
            pass

    sys.excepthook = hook
