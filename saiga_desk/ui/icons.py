"""The window's icons: one consistent set (Material Design Icons through QtAwesome), drawn from a font so they
are sharp at any scale, and coloured from the palette so they stay visible on a dark one.

``icon(name)`` takes the names the window speaks of ("undo", "import", "history", …), never a library's.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")  # QtAwesome reaches Qt through QtPy: the binding we ship

import qtawesome  # noqa: E402
from PySide6.QtGui import QIcon, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

NAMES = {
    "new": "mdi6.plus-box-outline",
    "edit": "mdi6.pencil-outline",
    "duplicate": "mdi6.content-copy",
    "delete": "mdi6.trash-can-outline",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "import": "mdi6.file-import-outline",
    "import-history": "mdi6.history",
    "export": "mdi6.file-export-outline",
    "reports": "mdi6.printer-outline",
    "history": "mdi6.clipboard-text-clock-outline",
    "open": "mdi6.folder-open-outline",
    "new-database": "mdi6.database-plus-outline",
    "backup": "mdi6.content-save-move-outline",
    "restore": "mdi6.backup-restore",
    "settings": "mdi6.cog-outline",
    "find": "mdi6.magnify",
    "refresh": "mdi6.refresh",
    "columns": "mdi6.table-column",
    "filters": "mdi6.filter-outline",
    "clear-filters": "mdi6.filter-remove-outline",
    "help": "mdi6.help-circle-outline",
    "about": "mdi6.information-outline",
    "quit": "mdi6.exit-to-app",
    "folder": "mdi6.folder-outline",
    "fit-width": "mdi6.arrow-expand-horizontal",
    "fit-page": "mdi6.fit-to-page-outline",
    "zoom-in": "mdi6.magnify-plus-outline",
    "zoom-out": "mdi6.magnify-minus-outline",
    "page-up": "mdi6.chevron-up",
    "page-down": "mdi6.chevron-down",
    "calendar": "mdi6.calendar-month-outline",
    "save": "mdi6.content-save-outline",
}

_cache: dict[tuple[str, str], QIcon] = {}


def icon(name: str) -> QIcon:
    """The icon for ``name`` (a key of ``NAMES``) in the palette's text colour."""
    app = QApplication.instance()
    palette = app.palette() if app is not None else QPalette()
    color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    key = (name, color.name())
    if key not in _cache:
        _cache[key] = qtawesome.icon(NAMES[name], color=color, color_disabled=disabled)
    return _cache[key]
