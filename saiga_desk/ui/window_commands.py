"""The main window's commands: import, exports, reports, settings, restore, databases, about, folders
(a part of ``MainWindow``)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from saiga_desk.i18n import _
from saiga_desk.paths import data_dir, log_dir
from saiga_desk.ui import window_files
from saiga_desk.ui.window_settings import recent_databases, remember_database


class WindowCommands:
    """The File, Edit ▸ Settings and Help commands of the main window."""

    def _show_dialog(self, dialog) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def import_file(self, path: str | None = None):
        from saiga_desk.ui.import_wizard import ImportWizard  # deferred for start-up speed (openpyxl)

        kind = "contacts"
        meeting_id = None
        page = self.current_page()
        if page.table_name == "meetings" and page.current_id() is not None:
            kind, meeting_id = "participants", page.current_id()
        wizard = ImportWizard(self.db, self, path=path, kind=kind, meeting_id=meeting_id,
                              undo_stack=self.undo_stack)  # fmt: skip
        self._show_dialog(wizard)
        return wizard

    def import_history(self):
        from saiga_desk.ui.import_history import ImportsDialog  # deferred for start-up speed

        dialog = ImportsDialog(self.db, self.undo_stack, self)
        self._show_dialog(dialog)
        return dialog

    def export_view(self) -> None:
        from saiga_desk.ui import export_actions  # deferred (start-up speed)

        page = self.current_page()
        state = page.view_state()
        export_actions.export_view(self, self.db, page.table_name, state["columns"], state["search"],
                                   state["sort"], state["descending"], state["filters"])  # fmt: skip

    def export_all(self) -> None:
        from saiga_desk.ui import export_actions  # deferred (start-up speed)

        export_actions.export_all(self, self.db)

    def save_template(self) -> None:
        from saiga_desk.ui import export_actions  # deferred (start-up speed)

        export_actions.save_template(self)

    def save_review_packs(self) -> None:
        from saiga_desk.ui import export_actions  # deferred (start-up speed)

        page = self.current_page()
        ids = page.selected_ids() if page.table_name == "signatories" else None
        export_actions.save_review_packs(self, self.db, ids=ids or None)

    def reports(self) -> None:
        from saiga_desk.ui.reports_dialog import ReportsDialog  # deferred for start-up speed (reportlab)

        page = self.current_page()
        meeting_id = page.current_id() if page.table_name == "meetings" else None
        self._show_dialog(ReportsDialog(self.db, self, meeting_id=meeting_id))

    def open_settings(self) -> None:
        from saiga_desk.ui.settings_dialog import SettingsDialog  # deferred (start-up speed)

        SettingsDialog(self.db, self).exec()

    def restore(self) -> None:
        from saiga_desk.ui.restore_dialog import RestoreDialog  # deferred (start-up speed)

        RestoreDialog(self.db, self).exec()  # a restore publishes "everything changed": the pages refresh

    def back_up(self) -> None:
        window_files.back_up(self)

    def new_database(self) -> None:
        window_files.new_database(self)

    def open_database(self, target: str | None = None) -> None:
        window_files.open_database(self, target)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = self.db.display_name
        items = [t for t in recent_databases() if t != current]
        for target in items:
            action = self.recent_menu.addAction(target)
            action.triggered.connect(lambda _c=False, t=target: self.guarded(self.open_database, t))
        if not items:
            none = self.recent_menu.addAction(_("(none)"))
            none.setEnabled(False)

    def about(self) -> None:
        from saiga_desk.ui.about_dialog import AboutDialog  # deferred (start-up speed)

        AboutDialog(self.db, self).exec()

    def user_guide(self):
        from saiga_desk.ui.user_guide import UserGuide  # deferred (start-up speed)

        guide = UserGuide(self)
        self._show_dialog(guide)
        return guide

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir())))

    def remember(self) -> None:
        remember_database(self.db.display_name)
