"""Where the window keeps its state (geometry, column layout per tab, recent databases): QSettings.

An INI file in the user data folder, so ``SAIGA_DESK_DATA_DIR`` (set by the tests) isolates it and
the officer's settings travel with the data folder.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from saiga_desk.paths import data_dir

ORGANIZATION = "Saiga MOU Secretariat"
APPLICATION = "Saiga Desk"
MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def recent_databases() -> list[str]:
    value = settings().value("recent/databases", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_database(target: str) -> None:
    items = [target] + [x for x in recent_databases() if x != target]
    s = settings()
    s.setValue("recent/databases", items[:MAX_RECENT])
    s.sync()
