"""The National reports tab and the contact points to re-confirm, driven as the officer uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QSpinBox, QStyleOptionViewItem

from saiga_desk.core import contact_reconfirm as rc
from saiga_desk.core import national_reports as nr
from saiga_desk.core import services as sv
from saiga_desk.ui.national_reports_page import OVERDUE_COLOUR, STATUS_COLOURS
from saiga_desk.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import open_window

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("own_settings")]  # private QSettings


def row_of(page, signatory: str) -> int:
    for row in range(page.model.rowCount()):
        if page.model.row_values(row)["signatory"] == signatory:
            return row
    raise AssertionError(signatory)


def colour(page, row: int) -> str:
    option = QStyleOptionViewItem()
    page.view.itemDelegate().initStyleOption(option, page.model.index(row, 0))
    return option.backgroundBrush.color().name()


def drop_file(qtbot, page, row: int, path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPointF(page.view.visualRect(page.model.index(row, 0)).center())
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(page.view.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    assert drop.type() == QEvent.Type.Drop
    QApplication.sendEvent(page.view.viewport(), drop)


def test_the_tab_shows_the_cycle_with_colours_counts_and_whom_to_remind(qtbot, demo_db, tmp_path):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("national-reports")
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    assert page.meeting_box.currentText() == "MOS4"
    summary = page.summary.text()
    assert "Due on 2021-06-30" in summary and "<b>Overdue: 3</b>" in summary
    assert "submitted: <b>1</b>" in summary and "late: <b>1</b>" in summary
    assert colour(page, row_of(page, "Kazakhstan")) == STATUS_COLOURS["submitted"]
    assert colour(page, row_of(page, "Russian Federation")) == STATUS_COLOURS["late"]
    assert colour(page, row_of(page, "Uzbekistan")) == OVERDUE_COLOUR
    reminders = [page.remind_list.item(i).text() for i in range(page.remind_list.count())]
    assert [r.split(" — ")[0].lstrip("⚠ ") for r in reminders] == ["Mongolia", "Turkmenistan", "Uzbekistan"]
    assert "dilnoza.orinboyeva@example.org" in reminders[2]
    out = page.print_pdf("national-reports", tmp_path / "status.pdf")
    assert out.exists() and out.stat().st_size > 1000
    assert page.print_pdf("national-report-reminders", tmp_path / "reminders.pdf").exists()
    window.undo_stack.clear()
    window.close()


def test_dropping_a_file_on_a_row_records_the_report_and_undo_takes_it_back(qtbot, demo_db, tmp_path):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("national-reports")
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    report = tmp_path / "uzbekistan-national-report.docx"
    report.write_bytes(b"Uzbekistan national report to MOS4")
    drop_file(qtbot, page, row_of(page, "Uzbekistan"), report)
    qtbot.waitUntil(lambda: page.model.row_values(row_of(page, "Uzbekistan"))["status"] == "late")
    values = page.model.row_values(row_of(page, "Uzbekistan"))
    assert values["file"] == report.name and values["received_on"] == dt.date.today()
    assert colour(page, row_of(page, "Uzbekistan")) == STATUS_COLOURS["late"]
    assert window.undo_stack.count() == 1
    # the same file again changes nothing and adds no undo step
    drop_file(qtbot, page, row_of(page, "Uzbekistan"), report)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: page.model.row_values(row_of(page, "Uzbekistan"))["status"] == "not_started")
    assert page.model.row_values(row_of(page, "Uzbekistan"))["file"] is None
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: page.model.row_values(row_of(page, "Uzbekistan"))["status"] == "late")
    window.undo_stack.clear()
    window.close()


def test_status_form_reminders_and_a_new_cycle_each_undoable(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("national-reports")
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    page.select_id(page.model.id_at(row_of(page, "Mongolia")))
    dialog = page.edit_selected()
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("waived"))
    dialog.note.setText("Agreed at the Standing Committee")
    dialog.accept()
    qtbot.waitUntil(lambda: page.model.row_values(row_of(page, "Mongolia"))["status"] == "waived")
    assert [page.remind_list.item(i).text().split(" — ")[0].lstrip("⚠ ") for i in range(page.remind_list.count())] \
        == ["Turkmenistan", "Uzbekistan"]  # fmt: skip
    page.note_reminders()
    qtbot.waitUntil(
        lambda: page.model.row_values(row_of(page, "Uzbekistan"))["reminded_on"] == dt.date.today()
    )
    assert page.model.row_values(row_of(page, "Uzbekistan"))["status"] == "requested"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: page.model.row_values(row_of(page, "Uzbekistan"))["status"] == "not_started")
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: page.model.row_values(row_of(page, "Mongolia"))["status"] == "in_preparation")

    cycle = page.open_cycle_dialog()
    qtbot.addWidget(cycle)
    cycle.meeting.setCurrentIndex(cycle.meeting.findData("MOS3"))
    cycle.organizations.setChecked(True)
    cycle.accept()
    qtbot.waitUntil(lambda: page.meeting_box.findText("MOS3") >= 0)
    page.set_meeting("MOS3")
    qtbot.waitUntil(lambda: page.model.rowCount() == 14)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: page.meeting_box.findText("MOS3") < 0)
    assert [c for c, _i in nr.cycles(demo_db)] == ["MOS4"]
    window.undo_stack.clear()
    window.close()


def test_contact_points_to_reconfirm_are_flagged_listed_and_get_review_packs(qtbot, demo_db, tmp_path):
    window = open_window(qtbot, demo_db)
    page = window.show_tab("contact-points")
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    assert page.reconfirm_button.text() == "5 to re-confirm…"  # last confirmed 14 May 2021
    assert all(page.reconfirm_flag.due(row) for row in range(5))
    assert colour(page, 0) == "#fff4ce"
    dialog = page.open_reconfirm()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 5 and dialog.table.item(0, 0).text() == "Kazakhstan"
    done = []
    (tmp_path / "packs").mkdir()
    task = dialog.review_packs(path=tmp_path / "packs", on_done=done.append)
    qtbot.waitUntil(lambda: task.is_done, timeout=30_000)
    assert len(list((tmp_path / "packs").glob("*.xlsx"))) == 5
    dialog.close()
    # confirmed recently: no longer flagged
    sv.update(demo_db, "designations", rc.to_reconfirm(demo_db)[0].designation_id,
              {"last_confirmed_on": dt.date.today()})  # fmt: skip
    page.update_reconfirm()
    assert page.reconfirm_button.text() == "4 to re-confirm…"
    # the months are a setting of the database
    settings = SettingsDialog(demo_db, None)
    qtbot.addWidget(settings)
    months = settings.findChild(QSpinBox, "reconfirm_months")
    assert months.value() == 12
    months.setValue(240)
    settings.accept()
    assert rc.reconfirm_months(demo_db) == 240
    qtbot.waitUntil(lambda: page.reconfirm_button.text() == "0 to re-confirm…")
    window.close()


def test_signature_events_tab_records_corrects_and_deletes_with_undo(qtbot, demo_db):
    from saiga_desk.core import depositary as dep

    window = open_window(qtbot, demo_db)
    page = window.show_tab("signature-events")
    qtbot.waitUntil(lambda: page.model.rowCount() == 11)
    page.as_at.setDate(page.as_at.date().fromString("2007-01-01", "yyyy-MM-dd"))
    assert "3 Signatory States (Turkmenistan, Uzbekistan, Kazakhstan)" in page.as_at_label.text()
    uzb = dep.signatory_id(demo_db, "UZB")
    dialog = page.new_record()
    qtbot.addWidget(dialog)
    dialog.signatory.setCurrentIndex(dialog.signatory.findData(uzb))
    dialog.event.setCurrentIndex(dialog.event.findData("withdrew"))
    dialog.source.setText("Note verbale (test)")
    dialog.accept()
    qtbot.waitUntil(lambda: page.model.rowCount() == 12)
    assert sv.get(demo_db, "signatories", uzb).status == "withdrawn"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: page.model.rowCount() == 11)
    assert sv.get(demo_db, "signatories", uzb).status == "signatory"
    # correct Uzbekistan's place of signature; the Signatory follows
    event = next(e for e in dep.events(demo_db, uzb) if e.event == "signed")
    page.select_id(event.id)
    edit = page.edit_selected()
    qtbot.addWidget(edit)
    edit.place.setText("Tashkent")
    edit.accept()
    assert sv.get(demo_db, "signatories", uzb).signed_at == "Tashkent"
    window.undo_stack.undo()
    assert sv.get(demo_db, "signatories", uzb).signed_at is None
    page.select_id(event.id)
    page.delete_selected(confirm=False)
    assert sv.get(demo_db, "signatories", uzb).signed_on is None
    window.undo_stack.undo()
    assert sv.get(demo_db, "signatories", uzb).signed_on == dt.date(2006, 5, 23)
    window.undo_stack.clear()
    window.close()
