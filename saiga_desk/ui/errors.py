"""Errors in the GUI: a dialog that says what failed and where the log is; never a traceback."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.logs import log_file

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    if isinstance(exc, SaigaError):
        return str(exc)
    return _("Something went wrong: {error}\n\nThe details were written to the log:\n{log}").format(
        error=f"{type(exc).__name__}: {exc}", log=log_file()
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    if not isinstance(exc, SaigaError):
        log.error("unexpected error: %s", "".join(traceback.format_exception(exc)))
    box = QMessageBox(
        QMessageBox.Icon.Warning if isinstance(exc, SaigaError) else QMessageBox.Icon.Critical,
        title or _("Saiga Desk"),
        error_text(exc),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("errorDialog")
    if QMessageBox is not None and getattr(sys, "_saiga_test_no_modal", False):
        box.show()
        return
    box.exec()


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
