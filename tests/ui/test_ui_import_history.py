"""Imports on the undo stack and the Imports window (issue 19, items 2 and 3), driven as an officer would:
the wizard's buttons clicked, File → Import history triggered, its Undo button clicked, the filter typed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import func, select

from saiga_desk.core import models as m
from saiga_desk.io.contact_import import commit_import, plan_import
from tests.ui.conftest import open_window

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
import import_corpus as corpus  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("own_settings")]  # private QSettings


def persons(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(m.Person))


def _imported_once(db, tmp_path) -> list[list]:
    """Three persons in the database, Dorj as "Chief of Unit"; returns the rows of a second file that makes
    her an "Officer" and adds a fourth person."""
    rows = [corpus.EN, *corpus.people(3)]
    rows[2][3] = "Chief of Unit"
    commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "first.xlsx", rows)))
    rows[2][3] = "Officer"
    return [*rows, corpus.people(4)[3]]


def _click_next(qtbot, wizard, page):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is page, timeout=15000)


def _import_in_wizard(qtbot, window, path):
    wizard = window.import_file(str(path))
    _click_next(qtbot, wizard, wizard.sheet_page)  # read off the GUI thread
    _click_next(qtbot, wizard, wizard.mapping_page)
    _click_next(qtbot, wizard, wizard.review_page)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=15000)
    return wizard


def _filter(qtbot, page, text: str) -> None:
    box = page.search_box
    box.clear()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_an_import_undone_in_the_imports_window_is_found_by_its_restored_value(qtbot, db, tmp_path):
    second = corpus.xlsx(tmp_path / "second.xlsx", _imported_once(db, tmp_path))
    window = open_window(qtbot, db)
    people = window.show_tab("persons")
    before = persons(db)

    wizard = _import_in_wizard(qtbot, window, second)
    batch = wizard.result.batch_id
    assert persons(db) == before + 1
    assert window.act_undo.isEnabled() and "second.xlsx" in window.undo_stack.undoText()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()

    _filter(qtbot, people, "Chief")
    qtbot.waitUntil(lambda: people.model.rowCount() == 0, timeout=5000)  # she is an "Officer" now

    window.act_import_history.trigger()  # File → Import history
    dialogs = [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "importsDialog" and w.isVisible()
    ]
    assert len(dialogs) == 1
    imports = dialogs[0]
    table = imports.table
    assert table.item(0, 0).text() == f"#{batch}" and table.item(0, 2).text() == "second.xlsx"
    assert (table.item(0, 4).text(), table.item(0, 5).text()) == ("1", "1")  # one new, one updated
    qtbot.mouseClick(imports.buttons[batch], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "undone" in imports.message.text(), timeout=15000)
    assert persons(db) == before
    assert not imports.buttons[batch].isEnabled()  # the list shows it undone
    assert window.undo_stack.undoText() == ""  # and the import left the undo stack
    imports.close()

    _filter(qtbot, people, "Chief")  # the search text follows the restored position (item 2)
    qtbot.waitUntil(lambda: people.model.rowCount() == 1, timeout=5000)


def test_ctrl_z_right_after_an_import_undoes_it(qtbot, db, tmp_path):
    second = corpus.xlsx(tmp_path / "second.xlsx", _imported_once(db, tmp_path))
    window = open_window(qtbot, db)
    window.show_tab("persons")
    before = persons(db)
    wizard = _import_in_wizard(qtbot, window, second)
    wizard.close()
    window.activateWindow()
    window.act_undo.trigger()  # Edit → Undo "Import second.xlsx"
    assert persons(db) == before
    with db.session() as s:
        assert s.scalar(select(m.Person.position).where(m.Person.family_name == "Dorj")) == "Chief of Unit"
    assert not window.undo_stack.canRedo()  # an undone import is brought back by importing the file again


def test_an_import_undone_in_the_wizard_leaves_the_undo_stack(qtbot, db, tmp_path):
    second = corpus.xlsx(tmp_path / "second.xlsx", _imported_once(db, tmp_path))
    window = open_window(qtbot, db)
    before = persons(db)
    wizard = _import_in_wizard(qtbot, window, second)
    qtbot.mouseClick(wizard.summary_page.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "undone" in wizard.summary_page.undone.text(), timeout=15000)
    assert persons(db) == before and window.undo_stack.count() == 0
    wizard.close()


def test_an_older_import_undone_from_the_window_is_not_undone_twice_by_ctrl_z(qtbot, db, tmp_path):
    second = corpus.xlsx(tmp_path / "second.xlsx", _imported_once(db, tmp_path))
    third = corpus.xlsx(tmp_path / "third.xlsx", [corpus.EN, corpus.people(5)[4]])
    window = open_window(qtbot, db)
    before = persons(db)
    first = _import_in_wizard(qtbot, window, second)
    first.close()
    later = _import_in_wizard(qtbot, window, third)
    later.close()
    window.act_import_history.trigger()
    imports = next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "importsDialog" and w.isVisible()
    )
    qtbot.mouseClick(imports.buttons[first.result.batch_id], Qt.MouseButton.LeftButton)  # in the background
    qtbot.waitUntil(lambda: "undone" in imports.message.text(), timeout=15000)
    assert persons(db) == before + 1
    window.act_undo.trigger()  # the third file
    window.act_undo.trigger()  # the second one, already undone: nothing happens, no error
    assert persons(db) == before and window.undo_stack.count() == 0
    imports.close()
