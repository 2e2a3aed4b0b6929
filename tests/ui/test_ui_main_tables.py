"""The table views of the main window, driven through the real widgets offscreen on real SQLite files:
filter as you type (case and accents ignored in every script), sort by a header click, the column
chooser and its memory, the contact points as at a date, lazy fetching."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from saiga_desk.core import services as sv
from saiga_desk.ui.column_chooser import ColumnChooser
from saiga_desk.ui.table_model import BLOCK
from saiga_desk.ui.table_page import DEBOUNCE_MS
from tests.ui.conftest import open_window

pytestmark = pytest.mark.usefixtures("own_settings")  # private QSettings


def column_values(page, key: str) -> list[str]:
    col = page.model.column_index(key)
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def type_text(widget, text: str) -> None:
    """Key presses carrying any character (QTest.keyClicks only knows ASCII and aborts on Cyrillic)."""
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def type_filter(qtbot, page, text: str) -> None:
    page.search_box.clear()
    page.search_box.setFocus()
    type_text(page.search_box, text)
    qtbot.waitUntil(lambda: page.model.search == text, timeout=DEBOUNCE_MS * 20)


def test_typing_in_the_filter_box_finds_kazakh_names_ignoring_case(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    everyone = page.model.rowCount()
    assert everyone >= 6
    type_filter(qtbot, page, "қасым")
    assert column_values(page, "family_name") == ["Қасымова"]
    assert window.counts_label.text() == f"Persons: 1 of {everyone}"
    # the same on the contact points, where the person is matched through the designation
    page = window.show_tab("contact-points")
    type_filter(qtbot, page, "ҚАСЫМ")
    assert column_values(page, "family_name") == ["Қасымова"]
    assert column_values(page, "signatory") == ["Kazakhstan"]
    # every word must match; nothing matching shows the hint
    type_filter(qtbot, page, "қасым mongolia")
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisibleTo(page)
    page.search_box.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=DEBOUNCE_MS * 20)
    assert not page.empty_label.isVisibleTo(page)


def test_a_header_click_sorts_in_sql_and_the_sort_is_remembered(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("organizations")
    header = page.view.horizontalHeader()
    col = page.model.column_index("acronym")
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    qtbot.waitUntil(lambda: page.model.sort_key == "acronym")
    shown = [v for v in column_values(page, "acronym") if v]
    assert shown == sorted(shown, key=lambda s: (s.upper(), s)) or shown == sorted(shown)
    first_direction = page.model.descending
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    qtbot.waitUntil(lambda: page.model.descending != first_direction)
    again = [v for v in column_values(page, "acronym") if v]
    assert again == list(reversed(shown))
    assert page.view_state()["sort"] == "acronym"
    window.close()
    window2 = open_window(qtbot, demo_db)
    page2 = window2.show_tab("organizations")
    assert (page2.model.sort_key, page2.model.descending) == ("acronym", not first_direction)
    assert [v for v in column_values(page2, "acronym") if v] == again


def test_a_click_on_a_computed_column_keeps_the_previous_sort(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("projects")
    before = list(page.model.ids)
    header = page.view.horizontalHeader()
    col = page.model.column_index("implementers")  # computed in Python: not sortable in SQL
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert page.model.sort_key == "start_date"
    assert page.model.ids == before
    assert header.sortIndicatorSection() != col


def test_column_chooser_hides_a_column_and_the_window_remembers_it(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    email = page.model.column_index("email")
    assert not page.view.isColumnHidden(email)
    chooser = ColumnChooser(page.view.horizontalHeader(), page.column_titles(), page)
    qtbot.addWidget(chooser)
    chooser.set_visible("Email", False)
    chooser.accept()
    page.save_state()
    assert page.view.isColumnHidden(email)
    assert "email" not in page.view_state()["columns"]
    window.close()

    again = open_window(qtbot, demo_db)
    page = again.show_tab("persons")
    assert page.view.isColumnHidden(page.model.column_index("email"))
    assert "email" not in page.view_state()["columns"]
    assert "family_name" in page.view_state()["columns"]
    # other tabs keep their own layout
    assert "email" in again.show_tab("organizations").view_state()["columns"]


def test_contact_points_as_at_2018_show_the_former_kazakh_contact_point(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("contact-points")
    kaz = page.model.column_index("signatory")

    def kazakh_family_names():
        col = page.model.column_index("family_name")
        return [
            page.model.index(r, col).data()
            for r in range(page.model.rowCount())
            if page.model.index(r, kaz).data() == "Kazakhstan"
        ]

    assert kazakh_family_names() == ["Қасымова"]
    page.set_as_at(dt.date(2018, 5, 1))
    assert kazakh_family_names() == ["Жұмабеков"]
    assert page.view_state()["filters"]["as_at"] == "2018-05-01"
    page.set_as_at(dt.date(2019, 6, 30))  # the last day of his designation
    assert kazakh_family_names() == ["Жұмабеков"]
    page.show_history.setChecked(True)  # every designation, the superseded one too
    assert sorted(kazakh_family_names()) == sorted(["Жұмабеков", "Қасымова"])
    assert not page.as_at.isEnabled()


def test_rows_are_fetched_lazily_in_blocks(qtbot, db):
    with db.transaction() as tx:
        for i in range(3 * BLOCK + 17):
            tx.create("persons", {"given_name": "Test", "family_name": f"Person {i:04d}"})
    window = open_window(qtbot, db)
    page = window.show_tab("persons")
    assert page.model.rowCount() == 3 * BLOCK + 17
    assert 0 < len(page.model._cache) <= 2 * BLOCK  # only what the view painted
    page.view.scrollToBottom()
    qtbot.wait(10)
    last = page.model.rowCount() - 1
    assert page.model.index(last, page.model.column_index("family_name")).data() == f"Person {last:04d}"
    assert len(page.model._cache) < page.model.rowCount()


def test_a_cell_edit_goes_through_the_undo_stack(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    type_filter(qtbot, page, "қасым")
    rid = page.model.ids[0]
    col = page.model.column_index("position")
    index = page.model.index(0, col)
    assert page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert page.model.setData(index, "Chief expert")
    assert sv.get(demo_db, "persons", rid).position == "Chief expert"
    qtbot.waitUntil(lambda: page.model.index(0, col).data() == "Chief expert")
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert sv.get(demo_db, "persons", rid).position != "Chief expert"
    window.act_redo.trigger()
    assert sv.get(demo_db, "persons", rid).position == "Chief expert"


def test_an_invalid_cell_edit_is_refused_and_nothing_changes(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    type_filter(qtbot, page, "қасым")
    rid = page.model.ids[0]
    before = sv.get(demo_db, "persons", rid)
    index = page.model.index(0, page.model.column_index("email"))
    assert not page.model.setData(index, "not an email")
    assert sv.get(demo_db, "persons", rid).email == before.email
    qtbot.waitUntil(
        lambda: any(w.objectName() == "errorDialog" and w.isVisible() for w in window.findChildren(object))
    )


def test_a_view_whose_table_cannot_be_read_reports_it_once_and_the_window_survives(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("organizations")
    shown = page.model.rowCount()
    with demo_db.engine.begin() as con:  # the file changed under the app (another program broke it)
        con.exec_driver_sql("ALTER TABLE organization RENAME TO organization_gone")
    page.refresh()
    boxes = {w for w in QApplication.topLevelWidgets() + page.findChildren(QWidget)
             if w.objectName() == "errorDialog" and w.isVisible()}  # fmt: skip
    assert len(boxes) == 1 and "organization" in boxes.pop().text().lower()
    assert page.model.rowCount() == shown  # the rows shown before stay
    page.refresh()  # no second dialog right away
    assert (
        len([w for w in page.findChildren(QWidget) if w.objectName() == "errorDialog" and w.isVisible()]) <= 1
    )
    with demo_db.engine.begin() as con:
        con.exec_driver_sql("ALTER TABLE organization_gone RENAME TO organization")
    assert window.show_tab("persons").model.rowCount() == 6


def test_supersede_opens_for_the_selected_designation(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("contact-points")
    assert not page.supersede_button.isEnabled()  # nothing selected yet
    kaz = page.model.ids[column_values(page, "signatory").index("Kazakhstan")]
    page.select_id(kaz)
    assert page.supersede_button.isEnabled()
    page.supersede_button.click()
    dialogs = [w for w in page.findChildren(QWidget, "supersedeDialog") if w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].designation_id == kaz
    dialogs[0].close()
