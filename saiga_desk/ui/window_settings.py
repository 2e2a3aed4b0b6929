"""The GUI's QSettings keys, declared once with their type and default (as Picard's ``config.py`` declares
its options); code reads and writes them only through these declarations: ``WINDOW_TAB.get()``,
``RECENT_DATABASES.set([...])``, ``table_columns("persons").get()``.

Two files hold them:

- the window's state (geometry, the open tab, column layout per table, recent databases, the last export
  folder): ``window.ini`` in the user data folder, so ``SAIGA_DESK_DATA_DIR`` (set by the tests) isolates it
  and the officer's settings travel with the data folder;
- the choices of this computer that cannot live in the data folder (the data folder itself, the language
  of the interface): the user's INI settings, ``<config>/Saiga MOU Secretariat/Saiga Desk.ini``.

The data preferences shared by everyone using a database live in the database (``core/preferences.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from saiga_desk.paths import data_dir

ORGANIZATION = "Saiga MOU Secretariat"
APPLICATION = "Saiga Desk"
MAX_RECENT = 8
WINDOW, MACHINE = "window", "machine"


def settings() -> QSettings:
    """The window's state file (``window.ini`` in the data folder)."""
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def machine_settings() -> QSettings:
    """Per-user settings of this computer that cannot live in the data folder itself."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def _convert(value: Any, kind: type, default: Any) -> Any:
    """A value as an INI file gives it back (strings, a lone string for a one-item list) -> ``kind``."""
    if value is None:
        return default
    if kind is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return bool(value)
    if kind is list:
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]
    if kind is QByteArray:
        return value if isinstance(value, QByteArray) and not value.isEmpty() else default
    if kind is str:
        return str(value or "")
    return value


@dataclass(frozen=True)
class Setting:
    """One QSettings key: where it is kept, its type and its default."""

    key: str
    type: type
    default: Any = None
    store: str = WINDOW

    def _settings(self) -> QSettings:
        return settings() if self.store == WINDOW else machine_settings()

    def get(self) -> Any:
        return _convert(self._settings().value(self.key), self.type, self.default)

    def set(self, value: Any) -> None:
        s = self._settings()
        s.setValue(self.key, value)
        s.sync()

    def remove(self) -> None:
        s = self._settings()
        s.remove(self.key)
        s.sync()


# ------------------------------------------------------------------------------------- window state
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray)
WINDOW_STATE = Setting("window/state", QByteArray)
WINDOW_TAB = Setting("window/tab", str, "")
RECENT_DATABASES = Setting("recent/databases", list, [])
EXPORT_LAST_FOLDER = Setting("export/last_folder", str, "")


# the column layout of each table's tab: tables/NAME/header|columns|sort|descending
def table_header(table: str) -> Setting:
    return Setting(f"tables/{table}/header", QByteArray)


def table_columns(table: str) -> Setting:
    return Setting(f"tables/{table}/columns", list, [])


def table_sort(table: str) -> Setting:
    return Setting(f"tables/{table}/sort", str, "")


def table_descending(table: str) -> Setting:
    return Setting(f"tables/{table}/descending", bool, False)


# ---------------------------------------------------------------------------- choices of this computer
DATA_FOLDER = Setting("paths/data_folder", str, "", MACHINE)
UI_LANGUAGE = Setting("ui/language", str, "", MACHINE)


# ------------------------------------------------------------------------------------ recent databases
def recent_databases() -> list[str]:
    return RECENT_DATABASES.get()


def remember_database(target: str) -> None:
    items = [target] + [x for x in recent_databases() if x != target]
    RECENT_DATABASES.set(items[:MAX_RECENT])
