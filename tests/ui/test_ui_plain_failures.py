"""Issue 13 in the window: a failure whose cause can be named is one plain sentence in a message box (the
sentence the command line prints), with no "Something went wrong" and no traceback; only a true bug says
"Something went wrong" and offers to copy the details. Real files: a read-only bind mount and a small
full tmpfs (root only; otherwise skipped)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from saiga_desk.core.database import Database
from saiga_desk.ui import export_actions as ea
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.forms import prompts
from tests.cli.failure_support import digest, fill, read_only_view, small_disk
from tests.ui.conftest import open_window

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _own(own_settings, monkeypatch):
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, what: "discard")
    yield own_settings


def error_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == "errorDialog" and w.isVisible()]


def test_saving_into_a_read_only_database_says_so_in_one_sentence(qtbot, demo_path, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(demo_path, source / "db.sqlite3")
    with read_only_view(source, tmp_path / "ro") as view:
        if view is None:
            pytest.skip("no read-only mount here")
        path = view / "db.sqlite3"
        before = digest(path)
        db = Database.open(path)
        try:
            window = open_window(qtbot, db)
            page = window.show_tab("persons")
            page.select_id(page.model.ids[0])
            editor = page.edit_selected()
            field = editor.findChild(QLineEdit, "field_department")
            field.clear()
            qtbot.keyClicks(field, "Wildlife department")
            field.editingFinished.emit()
            qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: bool(error_boxes()), timeout=5000)
            box = error_boxes()[0]
            assert box.text() == (
                f"{path} is read-only (the file, its folder or the disk): nothing was changed.")  # fmt: skip
            assert box.icon() == QMessageBox.Icon.Warning
            assert "went wrong" not in box.text() and "Traceback" not in box.text() and not box.detailedText()
            assert box.findChild(QPushButton, "copyDetailsButton") is None
            assert editor.isVisible() and field.text() == "Wildlife department"  # the typed value stays
            box.close()
            editor.reject()
            # a cell edited in the table: the same sentence
            index = page.model.index(0, page.model.column_index("position"))
            page.view.setCurrentIndex(index)
            page.view.edit(index)
            cell = next(w for w in page.view.viewport().findChildren(QLineEdit) if w.isVisible())
            cell.setText("Head of the wildlife department")
            qtbot.keyClick(cell, Qt.Key.Key_Return)

            def in_window():
                return [b for b in window.findChildren(QMessageBox, "errorDialog") if b.isVisible()]

            qtbot.waitUntil(lambda: bool(in_window()), timeout=5000)
            shown = in_window()
            assert shown[0].text().startswith(f"{path} is read-only") and "went wrong" not in shown[0].text()
            for b in shown:
                b.close()
            window.close()
        finally:
            db.close()
        assert digest(path) == before
        assert sorted(p.name for p in view.iterdir()) == ["db.sqlite3"]


def test_exporting_onto_a_full_disk_names_the_file_and_leaves_nothing(qtbot, demo_db, tmp_path):
    with small_disk(tmp_path / "disk", 300) as disk:
        if disk is None:
            pytest.skip("no small disk can be mounted here")
        fill(disk, 8)
        window = open_window(qtbot, demo_db)
        target = disk / "all.xlsx"
        task = ea.export_all(window, demo_db, path=target)
        qtbot.waitUntil(lambda: task.is_done, timeout=30_000)
        qtbot.waitUntil(lambda: bool(error_boxes()), timeout=5000)
        box = error_boxes()[0]
        assert str(target) in box.text() and "the disk is full" in box.text()
        assert "went wrong" not in box.text() and len(box.text().splitlines()) == 1
        assert sorted(p.name for p in disk.iterdir() if p.name != "filler") == []
        box.close()
        window.close()


def test_only_a_true_bug_says_something_went_wrong_and_offers_the_details(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    try:
        raise RuntimeError("a bug in a slot")
    except RuntimeError as e:
        error = e
    box = show_error(window, error, "Test")
    assert "Something went wrong" in box.text() and "a bug in a slot" in box.text()
    assert box.icon() == QMessageBox.Icon.Critical
    copy = box.findChild(QPushButton, "copyDetailsButton")
    assert copy is not None
    QApplication.clipboard().clear()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    details = QApplication.clipboard().text()
    assert "Traceback" in details and "a bug in a slot" in details and "Saiga Desk" in details
    box.close()
    window.close()


def test_a_rule_of_the_records_is_one_sentence_in_the_window(qtbot, demo_db):
    """A real constraint violation of the demo database, shown by the window as the command line says it."""
    from sqlalchemy import text

    from saiga_desk.cli.failures import explain as cli_explain

    window = open_window(qtbot, demo_db)
    with pytest.raises(Exception) as caught, demo_db.engine.begin() as con:
        con.execute(text("INSERT INTO country SELECT * FROM country LIMIT 1"))
    box = show_error(window, caught.value, "Test")
    assert box.text().startswith("The records do not allow this change (rule ")
    assert box.text().endswith("nothing was changed.") and "went wrong" not in box.text()
    args = __import__("argparse").Namespace(db=demo_db)
    assert box.text() == cli_explain(caught.value, args)  # the same sentence as the command line
    box.close()
    window.close()
