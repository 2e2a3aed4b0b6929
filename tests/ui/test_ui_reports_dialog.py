"""The Reports dialog: preview through QtPdf, save as PDF, print to a PDF printer, refused letters."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from saiga_desk.io.reports import NEEDS_MEETING  # noqa: E402
from saiga_desk.ui.reports_dialog import ReportsDialog  # noqa: E402

pytestmark = pytest.mark.gui


def _pdftext(path) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


@pytest.fixture
def dialog(qtbot, demo_db, monkeypatch):
    monkeypatch.setattr(sys, "_saiga_test_no_modal", True, raising=False)
    d = ReportsDialog(demo_db)
    qtbot.addWidget(d)
    d.show()
    yield d
    if d.task is not None:
        qtbot.waitUntil(lambda: d.task.is_done, timeout=20_000)
    d.done(0)


def test_preview_save_and_print(dialog, qtbot, tmp_path):
    dialog.report_box.setCurrentIndex(dialog.report_box.findData("contact-points"))
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("ru"))
    with qtbot.waitSignal(dialog.generated, timeout=20_000):
        dialog.preview()
    assert dialog.document.pageCount() >= 1
    assert dialog.print_button.isEnabled()
    target = tmp_path / "saved.pdf"
    dialog.save_to(target)
    text = _pdftext(target)
    assert "Қасымова" in text and "Компетентный орган" in text
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert dialog.print_to(printer) == dialog.document.pageCount()
    assert len(PdfReader(str(printed)).pages) == dialog.document.pageCount()


def test_changed_options_regenerate_before_saving(dialog, qtbot, tmp_path):
    dialog.report_box.setCurrentIndex(dialog.report_box.findData("signatories"))
    with qtbot.waitSignal(dialog.generated, timeout=20_000):
        dialog.preview()
    dialog.report_box.setCurrentIndex(dialog.report_box.findData("projects"))
    assert not dialog.print_button.isEnabled()
    target = tmp_path / "projects.pdf"
    with qtbot.waitSignal(dialog.generated, timeout=20_000):
        dialog.save_to(target)
    qtbot.waitUntil(target.exists, timeout=5_000)
    assert "PROJECTS COMMISSIONED BY THE SECRETARIAT" in _pdftext(target)


def test_letter_with_unknown_placeholder_is_refused(dialog, qtbot):
    dialog.report_box.setCurrentIndex(dialog.report_box.findData("letters"))
    assert dialog.template_edit.isVisible()
    dialog.template_edit.setPlainText("Dear {first_name},\n\nThank you.")
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as blocker:
        dialog.preview()
    assert "{first_name}" in blocker.args[0]
    assert dialog.document.pageCount() == 0


def test_meeting_list_needs_a_meeting_and_opens_preselected(qtbot, demo_db):
    from saiga_desk.core import services as sv

    mos4 = sv.query_ids(demo_db, "meetings", search="MOS4")
    d = ReportsDialog(demo_db, report="documents", meeting_id=mos4[0] if mos4 else None)
    qtbot.addWidget(d)
    assert d.report_name() == "documents"
    assert d.meeting_box.currentData() == "MOS4"
    with qtbot.waitSignal(d.generated, timeout=20_000):
        d.preview()
    assert d.document.pageCount() == 1
    d.meeting_box.setCurrentIndex(0)
    with qtbot.waitSignal(d.failed, timeout=5_000):
        d.preview()
    d.done(0)


def _error_dialogs():
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if w.objectName() == "errorDialog" and w.isVisible()]


def test_clicking_preview_shows_every_report_without_an_error(dialog, qtbot):
    """The button's clicked(bool) reaches preview(): clicked as an officer would, for every report."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    failures: list[str] = []
    dialog.failed.connect(failures.append)
    qtbot.waitSignal(dialog.generated, timeout=20_000)  # shown as soon as the dialog opens
    qtbot.waitUntil(lambda: dialog.document.pageCount() >= 1, timeout=20_000)
    for index in range(dialog.report_box.count()):
        dialog.report_box.setCurrentIndex(index)
        if dialog.report_name() in NEEDS_MEETING and dialog.meeting_box.currentData() is None:
            dialog.meeting_box.setCurrentIndex(1)
        qtbot.waitUntil(dialog.preview_button.isEnabled, timeout=20_000)
        with qtbot.waitSignal(dialog.generated, timeout=20_000):
            QTest.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        assert not failures, failures
        assert not _error_dialogs()
        assert dialog.document.pageCount() >= 1
        assert "went wrong" not in dialog.status.text()


def test_preview_opens_at_once_and_can_be_read(dialog, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtTest import QTest

    qtbot.waitUntil(lambda: dialog.document.pageCount() >= 1, timeout=20_000)  # nothing to press
    shown = dialog.pdf_path
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("ru"))
    with qtbot.waitSignal(dialog.generated, timeout=20_000):
        QTest.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.pdf_path != shown
    preview = dialog.pdf_preview
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    QTest.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = dialog.view.zoomFactor()
    QTest.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomFactor() < bigger
    QTest.mouseClick(preview.fit_width_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    dialog.report_box.setCurrentIndex(dialog.report_box.findData("secretariat-report"))
    with qtbot.waitSignal(dialog.generated, timeout=20_000):
        QTest.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert preview.page_count() > 1
    qtbot.waitUntil(lambda: preview.of_label.text().endswith(str(preview.page_count())), timeout=5_000)
    QTest.mouseClick(preview.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.current_page() == 1, timeout=5_000)
    assert preview.page_box.value() == 2


def test_a_changed_option_makes_the_preview_again_by_itself(dialog, qtbot):
    """Issue 19, item 10: shown as soon as the dialog opens, then made again (after a pause) when an option
    changes — the language chosen with the keyboard, no Preview click."""
    from PySide6.QtCore import Qt

    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=20_000)
    first = dialog.pdf_path
    assert dialog.options() == dialog._options_shown
    dialog.report_box.setFocus()
    with qtbot.waitSignal(dialog.generated, timeout=20_000):
        qtbot.keyClick(dialog.report_box, Qt.Key.Key_Down)  # the next report in the list
    assert dialog.pdf_path != first and dialog._options_shown == dialog.options()
    assert dialog._options_shown["name"] == dialog.report_box.itemData(1)


def test_the_preview_takes_most_of_the_dialog(dialog, qtbot):
    """Item 10: long report and meeting titles do not widen the options: the preview is the wide part."""
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=20_000)
    assert dialog.pdf_preview.width() > 2 * dialog.report_box.width()


def test_letters_can_be_written_as_a_letter_or_a_note_verbale(qtbot, demo_db, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt

    from saiga_desk.core import preferences

    preferences.SIGNATORY_NAME.set(demo_db, "Clara Nobbe")
    preferences.SIGNATORY_TITLE.set(demo_db, "Associate Programme Management Officer")
    preferences.LETTER_REFERENCE.set(demo_db, "CMS/SAIGA/NCP-TEST")
    monkeypatch.setattr(sys, "_saiga_test_no_modal", True, raising=False)
    dialog = ReportsDialog(demo_db, report="letters")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.is_done, timeout=20_000)
    assert dialog.register_box.isVisible() and dialog.register_box.currentData() == "letter"
    assert "Clara Nobbe" in dialog.signed_by.text() and "CMS/SAIGA/NCP-TEST" in dialog.signed_by.text()
    letter = tmp_path / "letter.pdf"
    dialog.save_to(letter)
    qtbot.waitUntil(letter.exists, timeout=20_000)
    text = _pdftext(letter)
    assert "Clara Nobbe" in text and "CMS/SAIGA/NCP-TEST/" in text and "Уважаемая госпожа Қасымова!" in text

    # the officer picks the note verbale with the keyboard and previews it with the mouse
    dialog.register_box.setFocus()
    qtbot.keyClick(dialog.register_box, Qt.Key.Key_Down)
    assert dialog.register_box.currentData() == "note-verbale"
    assert "presents its compliments" in dialog.template_edit.toPlainText()  # in the dialog's language
    with qtbot.waitSignal(dialog.generated, timeout=20_000):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    note = tmp_path / "note.pdf"
    dialog.save_to(note)
    text = _pdftext(note)
    assert "свидетельствует своё уважение" in text and "CMS/SAIGA/NCP-TEST/" in text
    assert "Уважаем" not in text and "С уважением" not in text and "Clara Nobbe" not in text  # no signature
    # an edited text is the officer's own template, printed as written
    dialog.template_edit.setPlainText("Dear {name},\n\nPlease confirm.")
    assert dialog.register_box.currentData() == ""
    assert dialog.options()["template"] == "Dear {name},\n\nPlease confirm."
    dialog.done(0)
