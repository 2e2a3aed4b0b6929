"""The Meetings view driven offscreen on real SQLite files: master-detail, bulk status + undo,
invitations + undo, documents register (suggested symbols, revisions, files), postponement, badges."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QPushButton

from saiga_desk.core import meetings as mt
from saiga_desk.core import services as sv
from saiga_desk.ui.meetings_dialogs import DocumentDialog, StatusDialog
from saiga_desk.ui.meetings_page import MeetingsPage

pytestmark = pytest.mark.usefixtures("own_settings")  # private QSettings


@pytest.fixture
def page(qtbot, demo_db):
    stack = QUndoStack()
    p = MeetingsPage(demo_db, stack)
    p.undo_stack_ref = stack  # keep it alive
    p.quiet = True  # no modal result boxes
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    qtbot.waitExposed(p)
    return p


def select_meeting(page, code):
    meeting = mt.find_meeting(page.db, code)
    assert page.select_id(meeting.id)
    assert page.meeting is not None and page.meeting.code == code
    return meeting


def participant_statuses(page):
    rows = page.participants.model.rowCount()
    col = page.participants.model.column_index("status")
    model = page.participants.model
    shown = [model.index(r, col).data() for r in range(rows)]
    assert all(text in ("Invited", "Registered", "Confirmed", "Attended", "Cancelled") for text in shown)
    return sorted(model.index(r, col).data(Qt.ItemDataRole.EditRole) for r in range(rows))


def test_mos4_detail_at_a_glance(page):
    mos4 = mt.find_meeting(page.db, "MOS4")  # the tab opens on the meeting being prepared, not on none
    assert page.table_name == "meetings" and page.current_id() == mos4.id and page.meeting.code == "MOS4"
    select_meeting(page, "MOS1")
    select_meeting(page, "MOS4")
    assert page.current_id() == mos4.id
    assert "MOS4" in page.summary.text() and "Online" in page.summary.text()
    assert "Confirmed <b>5</b>" in page.counts_label.text()
    assert "Signatory States <b>5</b>" in page.counts_label.text()
    assert page.participants.model.rowCount() == 5
    top = [page.documents.topLevelItem(i).text(0) for i in range(page.documents.topLevelItemCount())]
    assert top == ["UNEP/CMS/Saiga/MOS4/Doc.8", "UNEP/CMS/Saiga/MOS4/Inf.7"]
    assert "UNEP/CMS/Saiga/MOS4/Doc.9" in page.next_symbols.text()
    assert "UNEP/CMS/Saiga/MOS4/Inf.8" in page.next_symbols.text()
    history = [page.history_table.item(r, 1).text() for r in range(page.history_table.rowCount())]
    assert history == ["Planned", "Postponed", "Planned"]  # rescheduled online, not yet held
    postponed = 1
    assert page.history_table.item(postponed, 3).text() == "September 2020"
    assert "COVID-19" in page.history_table.item(postponed, 6).text()
    assert (
        page.organizers_table.rowCount() == 1
        and "Migratory Species" in page.organizers_table.item(0, 1).text()
    )
    # another meeting: the detail follows
    select_meeting(page, "CMS-CITES-SAIGA-2019")
    assert page.participants.model.rowCount() == 0 and page.organizers_table.rowCount() == 5


def test_bulk_status_change_and_undo(page, qtbot):
    select_meeting(page, "MOS4")
    page.participants.view.selectAll()
    assert len(page.selected_participant_ids()) == 5
    button = page.findChild(QPushButton, "setStatus")  # its menu (arrow drawn beside the text): one per status
    names = [a.objectName() for a in button.menu().actions()]
    assert names == ["status_to_invite", "status_invited", "status_registered", "status_confirmed", "status_attended",
                     "status_cancelled"]  # fmt: skip
    button.menu().actions()[names.index("status_registered")].trigger()
    qtbot.waitUntil(lambda: participant_statuses(page) == ["registered"] * 5)
    assert "Registered <b>5</b>" in page.counts_label.text()
    stack = page.undo_stack
    assert stack.count() == 1
    stack.undo()
    qtbot.waitUntil(lambda: participant_statuses(page) == ["confirmed"] * 5)
    ids = page.participants.model.ids
    assert all(sv.get(page.db, "participants", i).registered_on == dt.date(2021, 8, 2) for i in ids)
    stack.redo()
    qtbot.waitUntil(lambda: participant_statuses(page) == ["registered"] * 5)

    page.participants.select_id(ids[0])
    page.mark_attended()
    qtbot.waitUntil(lambda: participant_statuses(page) == ["attended"] + ["registered"] * 4)
    assert sv.get(page.db, "participants", ids[0]).attended_on == dt.date.today()
    stack.undo()
    qtbot.waitUntil(lambda: participant_statuses(page) == ["registered"] * 5)


def test_credentials_received_bulk_and_undo(page, qtbot, demo_db):
    mos4 = select_meeting(page, "MOS4")
    ids = page.participants.model.ids
    mt.update_participants(demo_db, ids, {"credentials_received": False})
    page.participants.refresh()
    page.participants.view.selectAll()
    page.credentials_received()
    assert mt.participant_counts(demo_db, mos4.id)["credentials_received"] == 5
    page.undo_stack.undo()
    assert mt.participant_counts(demo_db, mos4.id)["credentials_received"] == 0


def test_invite_signatories_and_undo(page, qtbot, demo_db):
    meeting = sv.create(
        demo_db,
        "meetings",
        dict(code="MOS5", title_en="Fifth Meeting", kind="mos", start_date=dt.date.today() + dt.timedelta(days=300)),
    )
    page.refresh()
    select_meeting(page, "MOS5")
    result = page.invite_signatories(
        dict(include_states=True, include_organizations=True, on=dt.date(2026, 3, 1))
    )
    assert len(result.created) == 5 and len(result.skipped) == 9
    qtbot.waitUntil(lambda: page.participants.model.rowCount() == 5)
    assert "Invited <b>5</b>" in page.counts_label.text()
    again = page.invite_signatories(
        dict(include_states=True, include_organizations=False, on=dt.date(2026, 3, 1))
    )
    assert again.created == [] and len(again.already) == 5
    assert page.undo_stack.count() == 1  # "0 invited" added no undo entry (issue 19, item 14)
    page.undo_stack.undo()
    qtbot.waitUntil(lambda: page.participants.model.rowCount() == 0)
    assert mt.participant_counts(demo_db, meeting.id)["total"] == 0


def test_documents_suggestion_revision_file(page, qtbot, demo_db, tmp_path):
    mos4 = select_meeting(page, "MOS4")
    dialog = DocumentDialog(demo_db, mos4.id, page)
    qtbot.addWidget(dialog)
    assert dialog.symbol.text() == "UNEP/CMS/Saiga/MOS4/Doc.9"
    dialog.series.setCurrentIndex(dialog.series.findData("Inf"))
    assert dialog.symbol.text() == "UNEP/CMS/Saiga/MOS4/Inf.8"
    dialog.series.setCurrentIndex(dialog.series.findData("Doc"))
    dialog.title_en.setText("Medium-Term International Work Programme 2021-2025")
    f = tmp_path / "mtiwp.docx"
    f.write_bytes(b"PK fake docx content")
    dialog.file.setText(str(f))
    values = dialog.values()
    assert values["symbol"] == "UNEP/CMS/Saiga/MOS4/Doc.9" and values["file_hash"]
    doc9 = page.new_document(values)
    assert page.current_document_id() == doc9
    assert page.documents.currentItem().text(6) == "mtiwp.docx"
    assert page.open_file().read_bytes() == b"PK fake docx content"

    # a typed symbol that is taken is refused in the dialog, nothing written
    clash = DocumentDialog(demo_db, mos4.id, page)
    qtbot.addWidget(clash)
    clash.title_en.setText("Clash")
    clash.symbol.setText("UNEP/CMS/Saiga/MOS4/Doc.8")
    clash.accept()
    assert clash.result() == 0 and "already registered" in clash.error.text()

    assert page.select_document("UNEP/CMS/Saiga/MOS4/Doc.8")
    doc8 = sv.get(demo_db, "documents", page.current_document_id())
    rev = DocumentDialog(demo_db, mos4.id, page, original=doc8, kind="Rev")
    qtbot.addWidget(rev)
    assert rev.symbol.text() == "UNEP/CMS/Saiga/MOS4/Doc.8/Rev.1" and not rev.series.isEnabled()
    assert rev.title_en.text() == doc8.title_en
    page.add_revision("Rev", rev.values())
    parent = page.documents.findItems("UNEP/CMS/Saiga/MOS4/Doc.8", Qt.MatchFlag.MatchExactly, 0)[0]
    assert [parent.child(i).text(0) for i in range(parent.childCount())] == [
        "UNEP/CMS/Saiga/MOS4/Doc.8/Rev.1"
    ]
    page.undo_stack.undo()
    qtbot.waitUntil(lambda: not sv.find(demo_db, "documents", symbol="UNEP/CMS/Saiga/MOS4/Doc.8/Rev.1"))
    parent = page.documents.findItems("UNEP/CMS/Saiga/MOS4/Doc.8", Qt.MatchFlag.MatchExactly, 0)[0]
    assert parent.childCount() == 0

    # attach another file to Doc.8, undoable
    assert page.select_document("UNEP/CMS/Saiga/MOS4/Doc.8")
    g = tmp_path / "doc8.pdf"
    g.write_bytes(b"%PDF-1.4 doc8")
    page.attach_file(str(g))
    assert sv.get(demo_db, "documents", doc8.id).file_name == "doc8.pdf"
    page.undo_stack.undo()
    assert sv.get(demo_db, "documents", doc8.id).file_hash is None


def test_postpone_keeps_history(page, qtbot, demo_db):
    meeting = sv.create(
        demo_db,
        "meetings",
        dict(
            code="WS-2026",
            title_en="Workshop",
            kind="workshop",
            start_date=dt.date(2026, 9, 1),
            end_date=dt.date(2026, 9, 3),
            mode="in_person",
            venue="INA, Isle of Vilm",
        ),
    )
    page.refresh()
    select_meeting(page, "WS-2026")
    dialog = StatusDialog(page.meeting, page)
    qtbot.addWidget(dialog)
    assert dialog.status.currentData() == "postponed" and dialog.change_dates.isChecked()
    dialog.accept()  # no reason: refused in place
    assert dialog.result() == 0 and "reason" in dialog.error.text()
    dialog.reason.setPlainText("Venue unavailable")
    dialog.start.setDate(dialog.start.date().addMonths(6))
    dialog.end.setDate(dialog.end.date().addMonths(6))
    dialog.mode.setCurrentIndex(dialog.mode.findData("online"))
    page.postpone(dialog.values())
    qtbot.waitUntil(lambda: page.history_table.rowCount() == 1)
    assert "Postponed" in page.summary.text()
    assert page.history_table.item(0, 3).text() == "2026-09-01 – 2026-09-03"
    assert page.history_table.item(0, 5).text() == "INA, Isle of Vilm"
    rec = sv.get(demo_db, "meetings", meeting.id)
    assert (rec.status, rec.start_date, rec.mode) == ("postponed", dt.date(2027, 3, 1), "online")


def test_badges_from_the_page(page, qtbot, tmp_path):
    select_meeting(page, "MOS4")
    out = tmp_path / "badges.pdf"
    done = []
    page.save_badges(str(out), on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert done == [5]
    assert "Қасымова" in PdfReader(str(out)).pages[0].extract_text()


def test_actions_follow_the_focused_part(page, qtbot):
    select_meeting(page, "MOS4")
    page.participants.view.setFocus()
    qtbot.waitUntil(lambda: page._active == "participants")
    page.participants.select_id(page.participants.model.ids[0])
    editor = page.edit_selected()
    assert editor is not None and editor.entity == "participants"
    editor.close()
    page.view.setFocus()
    qtbot.waitUntil(lambda: page._active is None)
    editor = page.edit_selected()
    assert editor is not None and editor.entity == "meetings"
    editor.close()


def test_import_registration_list_opens_the_wizard_for_this_meeting(page, qtbot):
    from saiga_desk.ui.import_wizard import ImportWizard

    mos4 = select_meeting(page, "MOS4")
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizards = [w for w in page.findChildren(ImportWizard) if w.isVisible()]
    assert len(wizards) == 1
    assert (wizards[0].kind, wizards[0].meeting_id) == ("participants", mos4.id)
    wizards[0].close()


def test_inviting_to_a_meeting_already_held_asks_first(page, qtbot, demo_db):
    """Issue 19, item 14: the button clicked on MOS1 (held): the question comes first; Cancel invites no one."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    mos1 = select_meeting(page, "MOS1")
    asked = []

    def answer_cancel():
        box = next((w for w in QApplication.topLevelWidgets() if w.objectName() == "confirmDialog" and w.isVisible()),
                   None)  # fmt: skip
        if box is None:
            QTimer.singleShot(20, answer_cancel)
            return
        asked.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer_cancel)
    button = next(b for b in page.findChildren(QPushButton) if b.text().startswith("Invite Signatories"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked and "MOS1 was already held" in asked[0]
    assert mt.participant_counts(demo_db, mos1.id)["total"] == 0 and page.undo_stack.count() == 0
