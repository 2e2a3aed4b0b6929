"""One hub for "records changed" notifications, so every open view refreshes after any write."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataHub(QObject):
    # the services' record kind or table name that changed ("persons", "contact-points", "*" for all)
    changed = Signal(str)

    def notify(self, name: str = "*") -> None:
        self.changed.emit(name)


hub = DataHub()
