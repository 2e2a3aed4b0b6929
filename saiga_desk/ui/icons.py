"""The window's icons: one consistent set (Material Design Icons, the font QtAwesome ships), drawn from the font
so they are sharp at any scale, and coloured from the palette so they stay visible on a dark one.

``icon(name)`` takes the names the window speaks of ("undo", "import", "history", …), never a library's.

The glyphs are drawn here from QtAwesome's font file and character map, without importing QtAwesome: its
Python layer brings QtPy, which rebuilds Qt's enumerations on import (measured 0.14 s of every start-up,
a fifth of the time from the start window to the first rows).
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

FONT = "materialdesignicons6-webfont-*.ttf"  # in QtAwesome's fonts folder, with its charmap JSON beside it
NAMES = {
    "new": "plus-box-outline",
    "edit": "pencil-outline",
    "duplicate": "content-copy",
    "delete": "trash-can-outline",
    "undo": "undo",
    "redo": "redo",
    "import": "file-import-outline",
    "import-history": "history",
    "export": "file-export-outline",
    "reports": "printer-outline",
    "history": "clipboard-text-clock-outline",
    "open": "folder-open-outline",
    "new-database": "database-plus-outline",
    "backup": "content-save-move-outline",
    "restore": "backup-restore",
    "settings": "cog-outline",
    "find": "magnify",
    "refresh": "refresh",
    "columns": "table-column",
    "filters": "filter-outline",
    "clear-filters": "filter-remove-outline",
    "help": "help-circle-outline",
    "about": "information-outline",
    "quit": "exit-to-app",
    "folder": "folder-outline",
    "fit-width": "arrow-expand-horizontal",
    "fit-page": "fit-to-page-outline",
    "zoom-in": "magnify-plus-outline",
    "zoom-out": "magnify-minus-outline",
    "page-up": "chevron-up",
    "page-down": "chevron-down",
    "calendar": "calendar-month-outline",
    "save": "content-save-outline",
}

_cache: dict[tuple[str, str], QIcon] = {}


def icon(name: str) -> QIcon:
    """The icon for ``name`` (a key of ``NAMES``) in the palette's text colour (greyed when disabled)."""
    app = QApplication.instance()
    palette = app.palette() if app is not None else QPalette()
    color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    key = (name, color.name())
    if key not in _cache:
        family, chars = _loaded()
        _cache[key] = QIcon(Glyph(family, chars[NAMES[name]], color, disabled))
    return _cache[key]


@cache
def _loaded() -> tuple[str, dict[str, str]]:
    """The icon font's family and the character of each of ``NAMES`` (the font loaded once)."""
    spec = importlib.util.find_spec("qtawesome")  # where the package is, without running it
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    ttf = max(folder.glob(FONT))  # the newest, should a release ship two
    charmap = ttf.with_name(ttf.stem.replace("-webfont-", "-webfont-charmap-") + ".json")
    codes = json.loads(charmap.read_text(encoding="utf-8"))
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(ttf)))
    return families[0], {n: chr(int(codes[n], 16)) for n in NAMES.values()}


class Glyph(QIconEngine):
    """One character of the icon font, drawn at whatever size is asked, in its colour (or the disabled one)."""

    def __init__(self, family: str, char: str, color: QColor, disabled: QColor):
        super().__init__()
        self.family, self.char, self.color, self.disabled = family, char, QColor(color), QColor(disabled)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setPen(self.disabled if mode == QIcon.Mode.Disabled else self.color)
        font = QFont(self.family)
        font.setPixelSize(max(1, round(0.875 * rect.height())))  # the glyph's box within the icon's
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pm)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pm

    def clone(self) -> Glyph:
        return Glyph(self.family, self.char, self.color, self.disabled)
