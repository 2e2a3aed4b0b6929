"""QSettings keys are declared once (ui/window_settings.py) with a type and a default."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings

from saiga_desk.ui import window_settings as ws

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _private_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("SAIGA_DESK_DATA_DIR", str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))


def test_settings_come_back_typed_from_the_ini_files(tmp_path):
    assert ws.WINDOW_TAB.get() == "" and ws.RECENT_DATABASES.get() == [] and ws.WINDOW_GEOMETRY.get() is None
    assert ws.table_descending("persons").get() is False
    ws.table_descending("persons").set(True)
    ws.table_columns("persons").set(["family_name"])  # one item: the INI file gives back a lone string
    ws.WINDOW_GEOMETRY.set(QByteArray(b"\x01\x02"))
    assert ws.table_descending("persons").get() is True
    assert ws.table_columns("persons").get() == ["family_name"]
    assert ws.WINDOW_GEOMETRY.get() == QByteArray(b"\x01\x02")
    assert ws.settings().contains("tables/persons/descending")  # the key as declared, in window.ini


def test_recent_databases_and_the_choices_of_this_computer(tmp_path):
    for n in range(ws.MAX_RECENT + 2):
        ws.remember_database(f"/data/{n}.sqlite3")
    assert ws.recent_databases()[0] == f"/data/{ws.MAX_RECENT + 1}.sqlite3"
    assert len(ws.recent_databases()) == ws.MAX_RECENT
    ws.DATA_FOLDER.set(str(tmp_path))
    assert ws.DATA_FOLDER.get() == str(tmp_path)
    assert ws.machine_settings().value("paths/data_folder") == str(tmp_path)
    ws.DATA_FOLDER.remove()
    assert ws.DATA_FOLDER.get() == ""
