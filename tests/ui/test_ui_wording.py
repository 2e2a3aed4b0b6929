"""Issue 19, items 8 and 11: what the window says — undo texts, plurals, counts, the History panel's title
and width, numbers in the interface's language. Driven through the real window and forms offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QToolButton

from saiga_desk import i18n
from saiga_desk.core import services as sv
from saiga_desk.ui.forms.opening import open_editor
from tests.ui.conftest import open_window
from tests.ui.test_ui_forms_editor import keys, pick

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("own_settings")]  # private QSettings


def _toolbar_button(window, action) -> QToolButton:
    return next(b for b in window.findChildren(QToolButton) if b.defaultAction() is action)


def test_undo_of_a_new_designation_names_it_and_the_toolbar_button_keeps_its_width(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    button = _toolbar_button(window, window.act_undo)
    assert button.text() == "Undo" and button.toolTip() == "Nothing to undo"
    person = sv.create(demo_db, "persons", {"given_name": "Dana", "family_name": "Omarova"})
    editor = open_editor(window, demo_db, "designations", undo_stack=window.undo_stack)
    qtbot.addWidget(editor)
    pick(qtbot, editor, "signatory_id", "Mongol", "Mongolia")
    pick(qtbot, editor, "person_id", "Omarov", "Omarova")
    role = editor.findChild(QComboBox, "field_role")
    role.setCurrentIndex(role.findData("technical"))
    width = button.sizeHint().width()
    qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    assert sv.find(demo_db, "designations", person_id=person.id)
    text = window.undo_stack.undoText()
    assert "“”" not in text and "Omarova" in text and "Mongolia" in text, text
    assert button.text() == "Undo" and button.sizeHint().width() == width  # the toolbar does not jump
    assert button.toolTip() == f"Undo {text}"
    assert window.act_undo.text() == f"&Undo {text}"  # the Edit menu keeps the whole text


def test_counts_read_for_any_number_and_in_russian_digits(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    everyone = page.model.rowCount()
    page.search_box.setFocus()
    keys(page.search_box, "Қасымова")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert window.counts_label.text() == f"Persons: 1 of {everyone}"  # never "1 persons"
    assert i18n.number(50006) == "50,006"
    try:
        i18n.set_language("ru")
        assert i18n.number(50006) == "50\u00a0006"
        assert i18n.ngettext("{n} error blocks the import: fix the file, or untick that row. First: {first}",
                             "{n} errors block the import: fix the file, or untick those rows. First: {first}",
                             1).startswith("{n} ")  # fmt: skip
    finally:
        i18n.set_language("en")


def test_history_panel_opens_wide_and_names_the_record(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.view.setFocus()
    page.view.selectRow(0)
    pid = page.current_id()
    sv.update(demo_db, "persons", pid, {"position": "Head of Unit"})
    window.act_history.trigger()  # View → History panel (Ctrl+H)
    qtbot.waitUntil(lambda: window.history_dock.isVisible())
    heading = window.history.heading.text()
    record = sv.get(demo_db, "persons", pid)
    assert record.family_name in heading and "#" not in heading, heading
    assert window.history_dock.width() >= 400


def test_russian_interface_names_the_honorific_and_the_meeting_in_russian(qtbot, demo_db):
    """Item 11: the honorific column and the person form's name section are different words; the meeting
    header leads with the Russian title and names the host country in Russian; Delegation is translated."""
    from saiga_desk.core import tables
    from saiga_desk.core.models import Meeting
    from saiga_desk.ui.forms.layouts import LAYOUTS
    from saiga_desk.ui.meeting_widgets import summary_html

    try:
        i18n.set_language("ru")
        honorific = tables.table("persons").column("honorific").title
        section = i18n._(LAYOUTS["persons"][0].title)
        organization_name = tables.table("organizations").column("name_en").title
        assert honorific == "Обращение" and section != organization_name and section != honorific
        delegation = tables.table("participants").column("delegation").title
        assert delegation == "Делегация"
        with demo_db.session() as s:
            meeting = s.query(Meeting).filter(Meeting.code == "MOS1").one()
            html = summary_html(demo_db, meeting)
        assert html.index(meeting.title_ru) < html.index(meeting.title_en)
        assert "Казахстан" in html and "Kazakhstan" not in html
        assert i18n.number(50006) == "50\u00a0006"
    finally:
        i18n.set_language("en")
