"""Long work off the GUI thread, with a progress dialog and Cancel.

``run_task(parent, title, fn, on_done, on_error=None)``: ``fn(progress)`` runs in a worker thread
with a ``core.errors.Progress``; the dialog shows ``progress.report(done, total, text)`` and its
Cancel button calls ``progress.cancel()`` (the job then raises CancelledError at its next report and
changes nothing). ``on_done(result)`` and ``on_error(exc)`` run back on the GUI thread.
Errors that are not SaigaError are logged and shown by ``saiga_desk.ui.errors.show_error``.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from saiga_desk.core.errors import CancelledError, Progress
from saiga_desk.i18n import _

log = logging.getLogger(__name__)

_running: set = set()


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn, progress: Progress):
        super().__init__()
        self.fn = fn
        self.progress = progress
        self._last = 0.0

    def _report(self, done, total, text):
        now = time.monotonic()
        if now - self._last > 0.05 or (total and done >= total):
            self._last = now
            self.progressed.emit(int(done or 0), int(total or 0), text or "")

    @Slot()
    def run(self):
        self.progress.callback = self._report
        try:
            result = self.fn(self.progress)
        except BaseException as e:  # delivered to the GUI thread, never lost
            if not isinstance(e, CancelledError):
                log.exception("background task failed")
            self.failed.emit(e)
        else:
            self.finished.emit(result)


class Task(QObject):
    """A running job; keeps its thread and dialog alive until it ends."""

    done = Signal(object)
    error = Signal(object)

    def __init__(self, parent: QWidget | None, title: str, fn, show_dialog: bool = True, delay_ms: int = 300):
        super().__init__(parent)
        self.progress = Progress()
        self.thread = QThread()
        self.worker = _Worker(fn, self.progress)
        self.worker.moveToThread(self.thread)
        self.dialog = None
        if show_dialog:
            self.dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
            self.dialog.setWindowTitle(title)
            self.dialog.setMinimumDuration(delay_ms)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.result = None
        self.exception: BaseException | None = None
        self.is_done = False

    def start(self) -> Task:
        _running.add(self)
        self.thread.start()
        return self

    def cancel(self) -> None:
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(_("Cancelling…"))

    @Slot(int, int, str)
    def _on_progress(self, done, total, text):
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _finish(self):
        self.is_done = True
        self.thread.quit()
        self.thread.wait()
        if self.dialog is not None:
            self.dialog.close()
        _running.discard(self)

    @Slot(object)
    def _on_finished(self, result):
        self.result = result
        self._finish()
        self.done.emit(result)

    @Slot(object)
    def _on_failed(self, exc):
        self.exception = exc
        self._finish()
        self.error.emit(exc)


def run_task(parent, title: str, fn, on_done=None, on_error=None, show_dialog: bool = True) -> Task:
    """Run ``fn(progress)`` off the GUI thread. Without ``on_error`` a failure is shown in a dialog
    (a cancellation silently)."""
    task = Task(parent, title, fn, show_dialog=show_dialog)
    if on_done is not None:
        task.done.connect(on_done)

    def failed(exc):
        if on_error is not None:
            on_error(exc)
        elif not isinstance(exc, CancelledError):
            from saiga_desk.ui.errors import show_error

            show_error(parent, exc, title)

    task.error.connect(failed)
    return task.start()
