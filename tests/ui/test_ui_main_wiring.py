"""The window's Edit menu drives the record forms, the delete confirmation and the undo stack
(ui-forms' parts), and ``saiga-desk --database FILE`` starts a real window process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit

from saiga_desk.core import services as sv
from saiga_desk.ui.forms import prompts as forms
from tests.ui.conftest import open_window


@pytest.fixture(autouse=True)
def _forms_never_ask(own_settings, monkeypatch):
    monkeypatch.setattr(forms, "ask_unsaved", lambda parent, what: "discard")  # never a modal question
    monkeypatch.setattr(forms, "inform", lambda *a, **k: None)
    yield own_settings


def editors(window, entity):
    return [w for w in window.open_editors() if w.objectName() == f"editor_{entity}"]


def test_new_edit_duplicate_open_the_forms_of_the_current_tab(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("organizations")
    window.act_new.trigger()
    (new,) = editors(window, "organizations")
    assert new.record_id is None
    new.close()
    page.select_id(page.model.ids[0])
    window.act_edit.trigger()
    (edit,) = editors(window, "organizations")
    assert edit.record_id == page.model.ids[0]
    edit.close()
    window.act_duplicate.trigger()
    (dup,) = editors(window, "organizations")
    assert dup.record_id is None
    assert dup.findChild(QLineEdit, "field_acronym").text()  # pre-filled from the selected record
    dup.close()
    page = window.show_tab("contact-points")
    window.act_new.trigger()
    assert editors(window, "designations")


def test_a_form_save_refreshes_the_view_and_edit_undo_reverts_it(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    rid = page.model.ids[0]
    page.select_id(rid)
    editor = page.edit_selected()
    editor.findChild(QLineEdit, "field_department").setText("Wildlife Department")
    assert editor.save()
    col = page.model.column_index("department")
    page.view.setColumnHidden(col, False)
    qtbot.waitUntil(lambda: page.model.index(page.model.row_of(rid), col).data() == "Wildlife Department")
    window.act_undo.trigger()
    assert sv.get(demo_db, "persons", rid).department != "Wildlife Department"
    qtbot.waitUntil(lambda: page.model.index(page.model.row_of(rid), col).data() != "Wildlife Department")


def test_delete_of_a_referenced_record_explains_and_an_unreferenced_one_is_undoable(
    qtbot, demo_db, monkeypatch
):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QPushButton

    told = []
    monkeypatch.setattr(forms, "ask_confirm", lambda *a, **k: True)
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    referenced = next(i for i in page.model.ids if sv.referring_records(demo_db, "persons", i)[:1]
                      and sv.referring_records(demo_db, "persons", i)[0][0] == "designations")  # fmt: skip
    page.select_id(referenced)

    def show_them():  # the refusal names the records and offers to show them: "Show them" clicked
        box = next((w for w in QApplication.topLevelWidgets() if w.objectName() == "informDialog" and w.isVisible()),
                   None)  # fmt: skip
        if box is None:
            QTimer.singleShot(20, show_them)
            return
        told.append(box.text())
        qtbot.mouseClick(box.findChild(QPushButton, "informAction"), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, show_them)
    window.act_delete.trigger()
    assert told and "cannot be deleted" in told[0] and "Referred to by: Designation “" in told[0]
    assert sv.get(demo_db, "persons", referenced)
    contact_points = window.current_page()
    assert contact_points is window.page("contact-points")  # the records that refer to it, selected
    designation = sv.referring_records(demo_db, "persons", referenced)[0][1]
    qtbot.waitUntil(lambda: contact_points.current_id() == designation, timeout=5000)
    window.show_tab("persons")
    loose = sv.create(demo_db, "persons", {"given_name": "Temp", "family_name": "Zzz"})
    page.refresh()
    assert page.select_id(loose.id)
    window.act_delete.trigger()
    qtbot.waitUntil(lambda: loose.id not in page.model.ids)
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: loose.id in page.model.ids)
    assert sv.get(demo_db, "persons", loose.id).family_name == "Zzz"


def test_the_command_line_starts_the_window(demo_path, tmp_path):
    env = dict(os.environ, SAIGA_DESK_EXIT_AFTER_SHOW="1", QT_QPA_PLATFORM="offscreen",
               SAIGA_DESK_DATA_DIR=str(tmp_path / "data"))  # fmt: skip
    r = subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", "--database", str(demo_path)],
                       capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "window shown" in r.stdout
    assert "Traceback" not in r.stderr


def test_standard_shortcuts_reach_the_commands(qtbot, demo_db, monkeypatch):
    import warnings

    from PySide6.QtCore import Qt

    asked = []
    monkeypatch.setattr(forms, "ask_confirm", lambda *a, **k: asked.append(a) or False)
    monkeypatch.setattr(forms, "inform", lambda *a, **k: asked.append(a))
    monkeypatch.setattr(forms, "inform_or", lambda *a, **k: asked.append(a) and False)
    window = open_window(qtbot, demo_db)
    window.activateWindow()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    page = window.show_tab("work-programmes")
    page.view.setFocus()
    page.select_id(page.model.ids[0])
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    assert [e.record_id for e in editors(window, "work-programmes")] == [page.model.ids[0]]
    for e in editors(window, "work-programmes"):
        e.close()
    window.activateWindow()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert [e.record_id for e in editors(window, "work-programmes")] == [page.model.ids[0]]
    for e in editors(window, "work-programmes"):
        e.close()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert asked, "Delete asked to confirm (or explained why it cannot)"
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert [e.record_id for e in editors(window, "work-programmes")] == [None]
    for e in editors(window, "work-programmes"):
        e.close()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.page("contact-points")
