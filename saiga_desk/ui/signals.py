"""The one place the GUI learns what changed: the core's ``Changes`` of every committed write.

``hub.watch(db)`` subscribes once per open database (every view showing a database calls it; a second
call does nothing). After each committed unit of work the database hands its ``Changes`` to the hub,
possibly from a worker thread (imports, the demo data); the hub emits ``changed(changes)`` in the GUI
thread, and every page, form and cache refreshes when ``changes.touches(the kinds it shows)``. Which
kinds a listing shows comes from ``core.listing_kinds``; no view keeps its own map.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from saiga_desk.core.changes import Changes


class DataHub(QObject):
    changed = Signal(object)  # a core.changes.Changes, always delivered in the GUI thread
    _arrived = Signal(object)  # from another thread: queued to the GUI thread

    def __init__(self) -> None:
        super().__init__()
        self._watched: weakref.WeakSet = weakref.WeakSet()
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def watch(self, db) -> None:
        """Hear every ``Changes`` the database publishes (idempotent)."""
        if db in self._watched:
            return
        self._watched.add(db)
        db.subscribe(self.publish)

    def unwatch(self, db) -> None:
        if db in self._watched:
            self._watched.discard(db)
            db.unsubscribe(self.publish)

    def publish(self, changes: Changes) -> None:
        """Tell the views; called by the database after a commit, from whichever thread wrote."""
        if not changes:
            return
        app = QCoreApplication.instance()
        gui_thread = app.thread() if app is not None else self.thread()
        if QThread.currentThread() is gui_thread:
            self.changed.emit(changes)
        else:
            self._arrived.emit(changes)

    def notify(self, kind: str = "*") -> None:
        """For a write made outside the core's units of work (data preferences, other parts' dialogs not yet
        publishing through the core): ``kind`` updated, or everything for "*"."""
        self.publish(Changes.everything() if kind == "*" else Changes.of(updated=[kind]))

    @Slot(object)
    def _deliver(self, changes: Changes) -> None:
        self.changed.emit(changes)


hub = DataHub()
