"""The main window as the officer meets it: tabs, menus, shortcuts, status bar, history dock, never
losing an edit on close, surviving an unexpected error, opening databases that cannot be opened, the
first start on an empty database, and files dropped on the window."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from saiga_desk import __version__
from saiga_desk.core import demo
from saiga_desk.core import services as sv
from saiga_desk.paths import data_dir
from saiga_desk.ui.first_start import DatabaseProblemDialog, FirstStartDialog, offer_demo, open_with_recovery
from saiga_desk.ui.main_window import TABS, about_text
from saiga_desk.ui.window_settings import recent_databases
from tests.ui.conftest import open_window

pytestmark = pytest.mark.usefixtures("own_settings")  # private QSettings


def make_active(qtbot, window) -> None:
    """The offscreen platform activates a window only when told to (shortcuts need an active window)."""
    import warnings

    window.activateWindow()
    window.windowHandle().requestActivate()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def answer_dialog(qtbot, cls, answer, found: list) -> None:
    """Answer the modal dialog of class ``cls`` once it is open (never leaves a test hanging)."""

    def attempt(tries=[0]):  # noqa: B006
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, cls):
            found.append(dialog)
            answer(dialog)
            return
        tries[0] += 1
        if tries[0] < 200:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def visible_error_dialogs(window=None) -> list:
    return [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "errorDialog" and w.isVisible()
    ] + ([w for w in window.findChildren(QMessageBox, "errorDialog") if w.isVisible()] if window else [])


def test_the_window_has_its_tabs_menus_toolbar_and_status_bar(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    assert window.windowTitle() == demo_db.path.name  # the platform adds " — Saiga Desk", never twice
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [
        "Signatories", "Contact points", "Persons", "Organizations", "Meetings", "Projects",
        "Work programmes", "Documents", "National reports", "Signature events",
    ]  # fmt: skip
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]
    shortcuts = {
        "new": "Ctrl+N", "find": "Ctrl+F", "delete": "Del", "undo": "Ctrl+Z", "edit": "F2", "quit": "Ctrl+Q",
    }  # fmt: skip
    for name, key in shortcuts.items():
        action = window.findChild(type(window.act_new), f"action_{name}")
        assert action is not None, name
        assert key in [s.toString() for s in action.shortcuts()], (name, action.shortcuts())
    file_menu = [a.text().replace("&", "") for a in window.findChild(type(window.menuBar().actions()[0].menu()),
                                                                       "menu_file").actions() if a.text()]  # fmt: skip
    for wanted in ("New database…", "Open…", "Open recent", "Back up…", "Import…", "Export", "Print / Reports…",
                   "Quit"):  # fmt: skip
        assert wanted in file_menu, (wanted, file_menu)
    window.show_tab("signatories")
    assert window.counts_label.text() == "Signatories: 14"
    assert str(demo_db.path) in window.db_label.text()
    assert window.findChild(type(window.addToolBar("x")), "mainToolbar") is not None
    text = about_text(demo_db)
    assert __version__ in text and str(data_dir()) in text and str(demo_db.path) in text


def test_every_tab_lists_its_records(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    expected = {"signatories": 14, "contact-points": 5, "persons": 6, "organizations": 22, "meetings": 7,
                "projects": 7, "work-programmes": 4, "documents": 2, "national-reports": 5,
                "signature-events": 11}  # fmt: skip
    for name in TABS:
        page = window.show_tab(name)
        assert page.model.rowCount() == expected[name], name
        assert page.current_id() is None or page.current_id() in page.model.ids


def test_ctrl_f_goes_to_the_filter_box_and_the_history_dock_follows_the_selection(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    make_active(qtbot, window)
    page = window.show_tab("persons")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search_box or page.search_box.hasFocus()
    window.history_dock.show()
    page.select_id(page.model.ids[0])
    texts = window.history.entry_texts() if hasattr(window.history, "entry_texts") else []
    assert texts, "the history panel shows the record's audit trail"
    assert any("test-officer" in t for t in texts)


def test_an_open_cell_editor_is_committed_when_the_window_closes(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    rid = page.model.ids[0]
    index = page.model.index(0, page.model.column_index("position"))
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = next(w for w in page.view.viewport().findChildren(QLineEdit) if w.isVisible())
    editor.setText("Head of the wildlife department")
    assert window.close()
    assert sv.get(demo_db, "persons", rid).position == "Head of the wildlife department"


def test_cancel_keeps_the_window_open_when_a_form_has_unsaved_changes(qtbot, demo_db, monkeypatch):
    from saiga_desk.ui.forms import prompts

    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    page.select_id(page.model.ids[0])
    editor = page.edit_selected()
    assert editor is not None and editor.isVisible()
    field = editor.findChild(QLineEdit, "field_department")
    field.setText("Typed but not saved")
    assert editor.has_unsaved_changes()
    asked = []
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, what: asked.append(what) or "cancel")
    assert not window.close()
    assert asked, "the officer was asked Save / Discard / Cancel"
    assert window.isVisible() and editor.isVisible()
    assert field.text() == "Typed but not saved"
    # Save writes the typed value and lets the window close
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, what: "save")
    assert window.close()
    assert sv.get(demo_db, "persons", page.model.ids[0]).department == "Typed but not saved"


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_error_dialog_and_the_app_survives(qtbot, demo_db):
    from saiga_desk.ui.errors import install_excepthook

    window = open_window(qtbot, demo_db)
    previous = sys.excepthook
    install_excepthook(lambda: window)
    try:

        def broken_slot():
            raise RuntimeError("boom inside a slot")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(visible_error_dialogs(window)), timeout=3000)
        box = visible_error_dialogs(window)[0]
        assert "boom inside a slot" in box.text() and "log" in box.text()
        box.close()
        # a failing menu command is caught the same way
        window.guarded(broken_slot)
        qtbot.waitUntil(lambda: bool(visible_error_dialogs(window)), timeout=3000)
        for b in visible_error_dialogs(window):
            b.close()
    finally:
        sys.excepthook = previous
    page = window.show_tab("organizations")  # still working
    assert page.model.rowCount() == 22 and window.isVisible()


def test_first_start_on_an_empty_database_offers_the_demo_data(qtbot, db):
    found: list = []
    answer_dialog(qtbot, FirstStartDialog, lambda d: d.demo_button.click(), found)
    assert offer_demo(db) is True
    assert found and "demo data" in found[0].findChild(type(found[0].demo_button), "load_demo").text()
    assert not demo.is_empty(db)
    assert len(sv.query_ids(db, "signatories")) == 14
    # a database that holds records is not asked again
    assert offer_demo(db, ask=lambda parent: pytest.fail("asked on a database with records")) is False


def test_start_empty_leaves_the_database_empty(qtbot, db):
    found: list = []
    answer_dialog(qtbot, FirstStartDialog, lambda d: d.empty_button.click(), found)
    assert offer_demo(db) is False
    assert found and demo.is_empty(db)


def test_a_garbage_database_file_gives_the_dialog_with_the_reason_and_another_file_opens(
    qtbot, tmp_path, demo_path
):
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database\x00" * 100)
    found: list = []
    answer_dialog(qtbot, DatabaseProblemDialog, lambda d: d.choose("open", str(demo_path)), found)
    db = open_with_recovery(str(garbage))
    try:
        assert found, "the dialog was shown"
        assert "not a Saiga Desk database" in found[0].reason.text()
        assert db is not None and db.path == demo_path.resolve()
        assert garbage.read_bytes().startswith(b"this is not a database")  # untouched
    finally:
        if db is not None:
            db.close()
    # Quit gives up without opening anything
    answer_dialog(qtbot, DatabaseProblemDialog, lambda d: d.quit_button.click(), found)
    assert open_with_recovery(str(garbage)) is None


def test_open_another_database_replaces_the_window(qtbot, demo_db, db_path):
    from saiga_desk.ui import window_files

    window = open_window(qtbot, demo_db)
    # the empty database would ask about demo data: answer "start empty"
    found: list = []
    answer_dialog(qtbot, FirstStartDialog, lambda d: d.empty_button.click(), found)
    new = window_files.switch_database(window, str(db_path))
    assert new is not None
    qtbot.addWidget(new)
    assert new.windowTitle().endswith(db_path.name)
    assert not window.isVisible()
    assert new.show_tab("persons").model.rowCount() == 0
    assert recent_databases()[0] == str(db_path.resolve())


def test_a_dropped_spreadsheet_opens_the_import_wizard_with_that_file(qtbot, demo_db, tmp_path):
    window = open_window(qtbot, demo_db)
    sheet = tmp_path / "contacts.xlsx"
    sheet.write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sheet))])
    opened = []
    monkey = window.import_file
    window.import_file = lambda path=None: opened.append(path) or monkey(path)
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)
    assert opened == [str(sheet)]
    wizard = next((w for w in window.findChildren(object) if type(w).__name__ == "ImportWizard"), None)
    if wizard is not None:  # the import helper's wizard is there: it got the path
        wizard.close()
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    window.dropEvent(QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, other, Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier))  # fmt: skip
    assert opened == [str(sheet)]


def test_a_database_open_in_another_saiga_desk_is_refused_with_the_reason(qtbot, demo_path):
    from saiga_desk.ui.first_start import release_lock

    first = open_with_recovery(str(demo_path), lock=True)
    asked: list = []
    try:
        second = open_with_recovery(
            str(demo_path), lock=True, ask=lambda p, t, r: asked.append(r) or ("quit", None)
        )
        assert second is None
        assert asked and "already open" in asked[0]
    finally:
        release_lock(first)
        first.close()
    again = open_with_recovery(str(demo_path), lock=True, ask=lambda *a: pytest.fail("still locked"))
    release_lock(again)
    again.close()


def test_open_recent_lists_the_databases_used_before(qtbot, demo_db, db_path):
    from saiga_desk.ui.window_settings import remember_database

    remember_database(str(db_path.resolve()))
    window = open_window(qtbot, demo_db)
    window.remember()
    window._fill_recent()
    listed = [a.text() for a in window.recent_menu.actions()]
    assert listed == [str(db_path.resolve())]  # the open database itself is not offered


def test_down_arrow_in_the_filter_box_goes_to_the_first_row(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    make_active(qtbot, window)
    page = window.show_tab("organizations")
    page.focus_search()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert page.view.hasFocus()
    assert page.current_id() == page.model.ids[0]
