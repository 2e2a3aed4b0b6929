"""Export from the GUI: off the GUI thread with progress and Cancel, a result message, files read back."""

from __future__ import annotations

import sys

import openpyxl
import pytest

from saiga_desk.core import services as sv
from saiga_desk.core.errors import CancelledError
from saiga_desk.ui import export_actions as ea

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_modal(monkeypatch):
    monkeypatch.setattr(sys, "_saiga_test_no_modal", True, raising=False)
    yield


def _rows(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()


def test_export_view_as_shown(qtbot, demo_db, tmp_path):
    path = tmp_path / "view.xlsx"
    results = []
    task = ea.export_view(None, demo_db, "contact-points", ["family_name", "signatory"], "қасым", "family_name",
                          False, {}, path=path, on_done=results.append)  # fmt: skip
    qtbot.waitUntil(lambda: task.is_done, timeout=20_000)
    assert task.exception is None
    assert _rows(path) == [("Family name", "Signatory"), ("Қасымова", "Kazakhstan")]
    assert results[0].rows == 1
    assert ea._last_box is not None and "1 row" in ea._last_box.text()
    ea._last_box.close()


def test_cancel_keeps_the_old_file(qtbot, demo_db, tmp_path):
    with demo_db.transaction() as tx:
        for i in range(3000):
            tx.create("persons", {"family_name": f"Person {i}", "given_name": "Айгүл"})
    path = tmp_path / "all.xlsx"
    path.write_bytes(b"the good old file")
    task = ea.export_all(None, demo_db, path=path)
    task.cancel()
    qtbot.waitUntil(lambda: task.is_done, timeout=60_000)
    assert isinstance(task.exception, CancelledError)
    assert path.read_bytes() == b"the good old file"
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_export_all_template_and_review_packs(qtbot, demo_db, tmp_path):
    task = ea.export_all(None, demo_db, path=tmp_path / "all.xlsx")
    qtbot.waitUntil(lambda: task.is_done, timeout=30_000)
    assert task.exception is None and "About" in openpyxl.load_workbook(tmp_path / "all.xlsx").sheetnames

    task = ea.save_template(None, demo_db, path=tmp_path / "template.xlsx")
    qtbot.waitUntil(lambda: task.is_done, timeout=20_000)
    assert _rows(tmp_path / "template.xlsx")[0][0] == "Country / Страна"

    kaz = [s.id for s in sv.find(demo_db, "signatories", kind="state")][:1]
    task = ea.save_review_packs(None, demo_db, ids=kaz, path=tmp_path / "kaz.xlsx")
    qtbot.waitUntil(lambda: task.is_done, timeout=20_000)
    assert task.exception is None and len(_rows(tmp_path / "kaz.xlsx")) >= 2

    packs = tmp_path / "packs"
    packs.mkdir()
    task = ea.save_review_packs(None, demo_db, None, path=packs)
    qtbot.waitUntil(lambda: task.is_done, timeout=60_000)
    assert len(list(packs.glob("*.xlsx"))) == 14
    assert "14 review packs" in ea._last_box.text()
    ea._last_box.close()


def test_a_refused_export_is_shown_not_raised(qtbot, demo_db, tmp_path):
    task = ea.export_view(
        None, demo_db, "persons", None, "", None, False, None, path=tmp_path / "no" / "x.xlsx"
    )
    qtbot.waitUntil(lambda: task.is_done, timeout=20_000)
    assert "does not exist" in str(task.exception)


def test_the_result_box_opens_the_exported_file(qtbot, demo_db, tmp_path):
    """Issue 19, item 15: the result box's "Open" hands the file to the desktop (a file URL handler stands in
    for the desktop's application, through Qt's own QDesktopServices.setUrlHandler)."""
    from PySide6.QtCore import QObject, Qt, Slot
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QPushButton

    class Desktop(QObject):
        def __init__(self):
            super().__init__()
            self.opened = []

        @Slot("QUrl")
        def open(self, url):
            self.opened.append(url.toLocalFile())

    desktop = Desktop()
    QDesktopServices.setUrlHandler("file", desktop, "open")
    try:
        path = tmp_path / "view.xlsx"
        task = ea.export_view(None, demo_db, "persons", path=path)
        qtbot.waitUntil(lambda: task.is_done, timeout=20_000)
        button = ea._last_box.findChild(QPushButton, "openExported")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert desktop.opened == [str(path)]
    finally:
        QDesktopServices.unsetUrlHandler("file")
        ea._last_box.close()
