"""Roles in the window, on a shared PostgreSQL database: a viewer's window reads only (every edit action
disabled with the reason in its tooltip, a write the database refuses shown as one plain sentence); an editor
edits and imports but keeps their hands off the database's settings and the undo of an import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from saiga_desk.core import services
from tests.pg_logins import needs_postgres, server_fixture  # noqa: F401 (the fixture "server")
from tests.ui.conftest import open_window, wizard_to_review

pytestmark = needs_postgres
READ_ONLY = "You may only read this database: your role is viewer."


def test_a_viewers_window_reads_only(qtbot, own_settings, server):
    owner, login = server
    services.create(owner, "organizations", {"name_en": "Saiga Conservation Alliance", "kind": "ngo"})
    _name, viewer = login("viewer")
    window = open_window(qtbot, viewer)
    for action in (window.act_new, window.act_edit, window.act_duplicate, window.act_delete, window.act_import,
                   window.act_merge_with):  # fmt: skip
        assert not action.isEnabled(), action.objectName()
        assert action.toolTip() == READ_ONLY
    window.tabs.setCurrentIndex((window.tabs.currentIndex() + 1) % window.tabs.count())  # stays disabled
    assert not window.act_merge_with.isEnabled()
    assert window.findChild(type(window.counts_label), "readOnly").toolTip() == READ_ONLY
    assert window.act_export_view.isEnabled() and window.act_reports.isEnabled()  # reading goes on
    contact_points = window.pages["contact-points"]
    contact_points.current_changed.emit("contact-points", 1)  # a row chosen: still no Supersede…
    assert not contact_points.supersede_button.isEnabled()
    assert contact_points.supersede_button.toolTip() == READ_ONLY
    reports = window.show_tab("national-reports")  # reading and printing on; recording, reminding off
    for button in (reports.cycle_button, reports.remind_button, reports.mail_button):
        assert not button.isEnabled() and button.toolTip() == READ_ONLY, button.objectName()
    assert reports.pdf_button.isEnabled() and not reports.view.viewport().acceptDrops()
    meetings = window.show_tab("meetings")  # every button that records something; badges still print
    writing = ("inviteSignatories", "importRegistration", "postpone", "mail", "newDocument", "addRevision",
               "addCorrigendum", "attachFile", "addOrganizer", "removeOrganizer", "markAttended",
               "credentialsReceived", "setStatus")  # fmt: skip
    for name in writing:
        b = meetings.findChild(QWidget, name)
        assert b is not None and not b.isEnabled() and b.toolTip() == READ_ONLY, name
    assert meetings.findChild(QWidget, "badges").isEnabled()

    # a write that reaches the database anyway (no GUI check on this path) is refused in one sentence
    window.guarded(services.create, viewer, "organizations", {"name_en": "Another", "kind": "ngo"})
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "errorDialog" and w.isVisible()]
    assert [b.text() for b in boxes] == [READ_ONLY]
    assert [r.name_en for r in services.find(owner, "organizations")] == ["Saiga Conservation Alliance"]


def test_an_editors_window_edits(qtbot, own_settings, server):
    _owner, login = server
    _name, editor = login("editor")
    window = open_window(qtbot, editor)
    assert window.act_new.isEnabled() and window.act_import.isEnabled()
    assert window.findChild(type(window.counts_label), "readOnly") is None


def test_an_editors_settings_keep_their_own_choices_but_not_the_databases(qtbot, own_settings, server):
    from saiga_desk.core import preferences
    from saiga_desk.ui.settings_dialog import SettingsDialog

    _owner, login = server
    _name, editor = login("editor")
    dialog = SettingsDialog(editor, None)
    qtbot.addWidget(dialog)
    letterhead = dialog.findChild(QWidget, "field_secretariat")
    assert not letterhead.isEnabled() and not dialog.report_language.isEnabled()
    box = letterhead.parentWidget()
    assert box.toolTip() == "Only an administrator of this database may do this: your role is editor."
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted  # nothing of the database's was written, no refusal
    assert preferences.keys(editor) == []


def test_an_editor_imports_in_the_wizard_but_only_an_admin_undoes(qtbot, own_settings, server, tmp_path):
    from saiga_desk.ui.import_wizard import ImportWizard

    _owner, login = server
    _name, editor = login("editor")
    path = tmp_path / "contacts.csv"
    path.write_text("Last name,First name,E-mail\nDorj,Bolormaa,bolormaa@mne.gov.mn\n", encoding="utf-8")
    w = ImportWizard(editor, path=path)
    qtbot.addWidget(w)
    wizard_to_review(qtbot, w)
    w.next()  # imports
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert "1 new" in w.summary_page.label.text()
    assert not w.summary_page.undo.isEnabled()
    assert (
        w.summary_page.undo.toolTip()
        == "Only an administrator of this database may do this: your role is editor."
    )
