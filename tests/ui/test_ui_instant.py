"""Instant start-up and filtering: the frame first, the main window's rows from the background reader,
only the latest query's answer applied while typing."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from saiga_desk.core import migrate, search_index
from saiga_desk.core import services as sv
from saiga_desk.core.tables import listing
from saiga_desk.ui import app, table_model
from saiga_desk.ui.start_window import StartWindow
from tests.ui.conftest import open_window
from tests.ui.test_ui_main_tables import type_text

pytestmark = pytest.mark.usefixtures("own_settings")  # private QSettings


def _persons(db, n: int) -> None:
    for i in range(n):
        family = ("Қасымова", "Ёлкина", "Schmidt", "Nowak")[i % 4]
        sv.create(db, "persons", {"given_name": f"Given{i}", "family_name": f"{family} {i}"})


def test_typing_quickly_shows_only_the_latest_answer(qtbot, demo_db):
    _persons(demo_db, 60)
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    model = page.model
    shown = []
    model.reloaded.connect(lambda: shown.append(model.search))
    before = list(model.ids)
    page.search_box.setFocus()
    for ch in "қасымова 1":
        type_text(page.search_box, ch)
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)  # past the pause: a query of its own
        assert model.ids == before  # the view keeps its rows until an answer arrives
    qtbot.waitUntil(lambda: not model.busy, timeout=10_000)
    want = listing.query_ids(
        demo_db, "persons", search="қасымова 1", sort=model.sort_key, descending=model.descending
    )
    assert model.search == "қасымова 1"
    assert model.ids == want and len(want) >= 2
    assert shown[-1] == "қасымова 1"
    qtbot.wait(200)  # no late answer of an older query replaces it
    assert model.ids == want and shown[-1] == "қасымова 1"
    assert [model.index(r, model.column_index("family_name")).data() for r in range(len(want))][0].startswith(
        "Қасымова 1"
    )


def test_with_the_background_reader_the_window_shows_before_its_rows(qtbot, demo_db, monkeypatch):
    monkeypatch.setattr(table_model, "BACKGROUND", True)
    from saiga_desk.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    page = window.current_page()
    window.show()
    assert page.model.busy and page.model.rowCount() == 0  # on screen, rows still coming
    qtbot.waitUntil(lambda: not page.model.busy and page.model.rowCount() > 0, timeout=10_000)
    persons = window.show_tab("persons")  # a tab built when first shown, loaded in the background
    qtbot.waitUntil(lambda: persons.model.rowCount() > 0, timeout=10_000)
    rec = sv.create(demo_db, "persons", {"family_name": "Ёлкина-Written"})
    qtbot.waitUntil(lambda: rec.id in persons.model.ids, timeout=10_000)
    persons.select_id(rec.id)
    persons.model.set_sort("given_name", True)
    persons.select_id(rec.id)  # asked while the sorted rows are coming: selected when they arrive
    qtbot.waitUntil(lambda: not persons.model.busy, timeout=10_000)
    assert persons.current_id() == rec.id
    assert persons.model.ids == listing.query_ids(demo_db, "persons", sort="given_name", descending=True)


def test_the_start_window_gives_way_to_the_main_window(qtbot, demo_path, monkeypatch):
    monkeypatch.setattr(table_model, "BACKGROUND", False)  # restored after the test
    from saiga_desk.ui import window_files

    start = StartWindow(str(demo_path))
    qtbot.addWidget(start)
    start.show()
    assert "demo.sqlite3" in start.windowTitle() and "demo.sqlite3" in start.message.text()
    before = list(window_files.WINDOWS)
    app._finish_start(start, str(demo_path))
    window = next(w for w in window_files.WINDOWS if w not in before)
    qtbot.addWidget(window)
    try:
        assert window.isVisible() and not start.isVisible()
        page = window.current_page()
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    finally:
        window_files.WINDOWS.remove(window)
        window_files.release_lock(window.db)
        window.db.close()


def test_an_older_file_is_announced_as_an_upgrade(demo_db, demo_path):
    assert not migrate.file_needs_upgrade(str(demo_path))
    with demo_db.engine.begin() as con:
        search_index.drop(con)
        con.exec_driver_sql("UPDATE alembic_version SET version_num = '0002'")
    demo_db.close()
    assert migrate.file_needs_upgrade(str(demo_path))
    assert not migrate.file_needs_upgrade(str(demo_path.with_name("missing.sqlite3")))
    assert sqlite3.connect(demo_path).execute("select version_num from alembic_version").fetchone() == (
        "0002",
    )


def test_a_damage_found_by_the_daily_check_is_reported_once_in_the_window(qtbot, demo_path):
    from PySide6.QtWidgets import QApplication

    from saiga_desk.core.database import Database

    data = bytearray(demo_path.read_bytes())
    for i in range(len(data) - 3 * 4096, len(data) - 4096):  # pages no cheap look reads
        data[i] = 0x5A
    demo_path.write_bytes(bytes(data))
    db = Database.open(demo_path)
    try:
        window = open_window(qtbot, db)
        thread = app._start_background_checks(window, db)
        thread.join(timeout=30)

        def boxes():
            return [
                w for w in QApplication.topLevelWidgets() if w.objectName() == "errorDialog" and w.isVisible()
            ]

        qtbot.waitUntil(lambda: len(boxes()) == 1, timeout=10_000)
        assert "damaged" in boxes()[0].text()
        qtbot.wait(100)
        assert len(boxes()) == 1
    finally:
        db.close()
