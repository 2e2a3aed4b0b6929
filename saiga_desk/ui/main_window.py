"""The main window: one tab per kind of record, menus, toolbar, status bar, history dock, undo.

Dialogs of other parts (import wizard, exports, reports, settings, about, restore, the record forms)
are imported when used, so the window works before, and without, any of them.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from saiga_desk import APP_NAME, __version__
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.paths import data_dir, log_dir
from saiga_desk.ui.contact_points_page import ContactPointsPage
from saiga_desk.ui.duplicates_dialog import install_duplicate_actions
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.table_page import TablePage
from saiga_desk.ui.window_settings import recent_databases, remember_database, settings

log = logging.getLogger(__name__)

TABS = (
    "signatories",
    "contact-points",
    "persons",
    "organizations",
    "meetings",
    "projects",
    "work-programmes",
    "documents",
)
IMPORTABLE = (".xlsx", ".xlsm", ".csv")


def optional(module: str, name: str):
    """A class or function of another part of the GUI, or None while it is not there."""
    try:
        return getattr(importlib.import_module(f"saiga_desk.ui.{module}"), name)
    except ImportError as e:
        if e.name and not e.name.startswith("saiga_desk.ui"):
            log.warning("saiga_desk.ui.%s cannot be loaded: %s", module, e)
        return None
    except AttributeError:
        return None


class MainWindow(QMainWindow):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.db = db
        self.ask = None  # tests may replace the Save/Discard/Cancel question (see close_editors)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.setWindowTitle(f"{APP_NAME} — {self._db_name()}")
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.pages: dict[str, QWidget] = {}
        for name in TABS:
            page = self._make_page(name)
            self.pages[name] = page
            self.tabs.addTab(page, page.title)
            page.counts_changed.connect(lambda shown, total, p=page: self._counts_changed(p, shown, total))
            page.current_changed.connect(self._show_history)
        self.setCentralWidget(self.tabs)

        self._make_history_dock()
        self._make_actions()
        self._make_menus()
        self._make_context_menus()
        self._make_toolbar()
        self._make_status_bar()
        install_duplicate_actions(self)  # Edit → Find duplicates…, Merge with… (ui/duplicates_dialog.py)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._restore_window()

    # ------------------------------------------------------------------ construction
    def _make_context_menus(self) -> None:
        """Right-click on the rows of a table: the record commands and the export of what is shown."""
        for page in self.pages.values():
            view = getattr(page, "view", None)
            if view is None:
                continue
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._row_menu(v, pos))

    def _row_menu(self, view, pos) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("rowMenu")
        for act in (self.act_new, self.act_edit, self.act_duplicate, self.act_delete, None,
                    self.act_export_view, self.act_reports, None, self.act_columns, self.act_history):
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        for act in getattr(self, "extra_row_actions", ()):  # added by other parts (Merge with…)
            menu.addAction(act)
        if pos is not None:
            menu.popup(view.viewport().mapToGlobal(pos))
        return menu

    def _db_name(self) -> str:
        path = getattr(self.db, "path", None)
        return path.name if path else self.db.display_name

    def _make_page(self, name: str) -> QWidget:
        if name == "contact-points":
            return ContactPointsPage(self.db, self.undo_stack, self)
        if name == "meetings":
            meetings_page = optional("meetings_page", "MeetingsPage")
            if meetings_page is not None:
                try:
                    return meetings_page(self.db, self.undo_stack, self)
                except Exception:  # a broken part must not keep the window from opening
                    log.exception("the meetings page failed; showing the plain list")
        return TablePage(self.db, name, self.undo_stack, self)

    def _make_history_dock(self) -> None:
        self.history_dock = QDockWidget(_("History"), self)
        self.history_dock.setObjectName("historyDock")
        panel_class = optional("history_panel", "HistoryPanel")
        if panel_class is not None:
            self.history = panel_class(self.db)
        else:
            self.history = QLabel(_("Select a record to see its history."))
            self.history.setWordWrap(True)
        self.history.setObjectName("historyPanel")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.resizeDocks([self.history_dock], [420], Qt.Orientation.Horizontal)
        self._history_target: tuple[str, int] | None = None
        self.history_dock.visibilityChanged.connect(self._history_visible)
        self.history_dock.hide()  # View ▸ History panel (Ctrl+H); the window remembers it

    def _action(self, text: str, slot, shortcut=None, name: str = "", tip: str = "", icon=None) -> QAction:
        action = QAction(text, self)
        if name:
            action.setObjectName(f"action_{name}")
        if shortcut is not None:
            if isinstance(shortcut, list | tuple):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(lambda _checked=False: self.guarded(slot))
        return action

    def guarded(self, fn, *args):
        """Run a command; a failure becomes a dialog, never a crash."""
        try:
            return fn(*args)
        except Exception as e:
            log.exception("command failed")
            show_error(self, e)
            return None

    def _make_actions(self) -> None:
        from PySide6.QtWidgets import QStyle

        sp = QStyle.StandardPixmap
        a = self._action
        self.act_new_db = a(_("&New database…"), self.new_database, name="new_database")
        self.act_open = a(_("&Open…"), self.open_database, QKeySequence.StandardKey.Open, "open",
                          icon=sp.SP_DialogOpenButton)  # fmt: skip
        self.recent_menu = QMenu(_("Open &recent"), self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.act_backup = a(_("&Back up…"), self.back_up, name="backup", tip=_("Save a copy of the database"))
        self.act_restore = a(_("&Restore…"), self.restore, name="restore")
        self.act_import = a(_("&Import…"), self.import_file, "Ctrl+I", "import",
                            _("Import contacts or participants from Excel"), sp.SP_ArrowDown)  # fmt: skip
        self.act_export_view = a(_("Export this &table…"), self.export_view, "Ctrl+Shift+E", "export_view",
                                 _("Export the rows shown to Excel"), sp.SP_ArrowUp)  # fmt: skip
        self.act_export_all = a(_("Export the &whole database…"), self.export_all, name="export_all")
        self.act_template = a(_("Save the import &template…"), self.save_template, name="template")
        self.act_review = a(_("Save re&view packs…"), self.save_review_packs, name="review_packs")
        self.act_reports = a(_("&Print / Reports…"), self.reports, QKeySequence.StandardKey.Print, "reports",
                             _("Lists and documents as PDF, print preview"), sp.SP_FileDialogDetailedView)  # fmt: skip
        self.act_quit = a(_("&Quit"), self.close, "Ctrl+Q", "quit")
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.act_undo = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.act_undo.setObjectName("action_undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.setIcon(self.style().standardIcon(sp.SP_ArrowBack))
        self.act_redo = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.act_redo.setObjectName("action_redo")
        self.act_redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        self.act_redo.setIcon(self.style().standardIcon(sp.SP_ArrowForward))
        self.act_new = a(_("&New"), lambda: self.current_page().new_record(), QKeySequence.StandardKey.New,
                         "new", _("Add a record to this table"), sp.SP_FileIcon)  # fmt: skip
        self.act_edit = a(_("&Edit…"), lambda: self.current_page().edit_selected(), "F2", "edit",
                          _("Edit the selected record (F2 or Enter)"), sp.SP_FileDialogContentsView)  # fmt: skip
        self.act_duplicate = a(_("D&uplicate"), lambda: self.current_page().duplicate_selected(), "Ctrl+D",
                               "duplicate", _("A new record with the values of the selected one"))  # fmt: skip
        self.act_delete = a(_("&Delete"), lambda: self.current_page().delete_selected(),
                            QKeySequence.StandardKey.Delete, "delete", _("Delete the selected records"),
                            sp.SP_TrashIcon)  # fmt: skip
        self.act_find = a(_("&Find"), lambda: self.current_page().focus_search(), QKeySequence.StandardKey.Find,
                          "find", _("Filter this table by typing"))  # fmt: skip
        self.act_settings = a(_("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences,
                              "settings")  # fmt: skip

        self.act_columns = a(_("&Columns…"), lambda: self.current_page().choose_columns(), name="columns")
        self.act_filters = a(_("&Filters"), self._toggle_filters, name="filters")
        self.act_filters.setCheckable(True)
        self.act_filters.setChecked(True)
        self.act_clear = a(_("C&lear filters"), self.clear_filters, "Ctrl+Shift+L", "clear_filters")
        self.act_refresh = a(_("&Refresh"), lambda: self.current_page().refresh(),
                             QKeySequence.StandardKey.Refresh, "refresh")  # fmt: skip
        self.act_history = self.history_dock.toggleViewAction()
        self.act_history.setText(_("&History panel"))
        self.act_history.setObjectName("action_history")
        self.act_history.setShortcut(QKeySequence("Ctrl+H"))

        self.act_about = a(_("&About Saiga Desk"), self.about, name="about")
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.act_logs = a(_("Open the &log folder"), self.open_log_folder, name="logs")
        self.act_data = a(_("Open the &data folder"), self.open_data_folder, name="data_folder")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(_("&File"))
        file.setObjectName("menu_file")
        for item in (self.act_new_db, self.act_open, self.recent_menu, None, self.act_backup, self.act_restore,
                     None, self.act_import):  # fmt: skip
            self._add(file, item)
        export = file.addMenu(_("&Export"))
        export.setObjectName("menu_export")
        for item in (self.act_export_view, self.act_export_all, None, self.act_template, self.act_review):
            self._add(export, item)
        for item in (self.act_reports, None, self.act_quit):
            self._add(file, item)
        edit = bar.addMenu(_("&Edit"))
        edit.setObjectName("menu_edit")
        for item in (self.act_undo, self.act_redo, None, self.act_new, self.act_edit, self.act_duplicate,
                     self.act_delete, None, self.act_find, None, self.act_settings):  # fmt: skip
            self._add(edit, item)
        view = bar.addMenu(_("&View"))
        view.setObjectName("menu_view")
        for item in (
            self.act_columns,
            self.act_filters,
            self.act_clear,
            self.act_refresh,
            None,
            self.act_history,
        ):
            self._add(view, item)
        go = view.addMenu(_("&Go to"))
        for i, name in enumerate(TABS):
            action = self._action(self.pages[name].title, lambda i=i: self.tabs.setCurrentIndex(i),
                                  f"Ctrl+{i + 1}", f"tab_{name}")  # fmt: skip
            go.addAction(action)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.setObjectName("menu_help")
        for item in (self.act_about, self.act_logs, self.act_data):
            self._add(help_menu, item)

    @staticmethod
    def _add(menu: QMenu, item) -> None:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)

    def _make_toolbar(self) -> None:
        tb = self.addToolBar(_("Main"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for item in (self.act_new, self.act_edit, self.act_delete, None, self.act_undo, self.act_redo, None,
                     self.act_import, self.act_export_view, self.act_reports, None, self.act_history):  # fmt: skip
            if item is None:
                tb.addSeparator()
            else:
                tb.addAction(item)

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts")
        self.db_label = QLabel(self)
        self.db_label.setObjectName("database")
        self.db_label.setText(_("Database: {name}").format(name=self.db.display_name))
        self.db_label.setToolTip(self.db.display_name)
        status.addWidget(self.counts_label, 1)
        warning = network_warning(self.db)
        if warning:
            self.network_label = QLabel("⚠ " + _("Database on a network share"), self)
            self.network_label.setObjectName("networkWarning")
            self.network_label.setToolTip(warning)
            self.network_label.setStyleSheet("color: #a15c00;")
            status.addPermanentWidget(self.network_label)
        status.addPermanentWidget(self.db_label)

    # ------------------------------------------------------------------ pages
    def current_page(self) -> TablePage:
        return self.tabs.currentWidget()

    def page(self, name: str) -> TablePage:
        return self.pages[name]

    def show_tab(self, name: str) -> TablePage:
        self.tabs.setCurrentWidget(self.pages[name])
        return self.pages[name]

    def _counts_changed(self, page, shown: int, total: int) -> None:
        if page is self.current_page():
            self._show_counts(page, shown, total)

    def _show_counts(self, page, shown: int, total: int) -> None:
        what = page.title.lower()
        if shown == total:
            text = _("{n} {what}").format(n=f"{shown:,}", what=what)
        else:
            text = _("{shown} of {total} {what}").format(shown=f"{shown:,}", total=f"{total:,}", what=what)
        self.counts_label.setText(text)

    def _tab_changed(self, _index: int) -> None:
        page = self.current_page()
        if page is None:
            return
        model = getattr(page, "model", None)
        if model is not None and getattr(page, "_loaded", True):
            self._show_counts(page, len(model.ids), getattr(page, "total", len(model.ids)))
        rid = page.current_id()
        if rid is not None and getattr(page, "entity", None):
            self._show_history(page.entity, rid)
        self.act_columns.setEnabled(hasattr(page, "choose_columns"))
        settings().setValue("window/tab", page.table_name)

    def _show_history(self, entity: str, record_id: int) -> None:
        show = getattr(self.history, "show_record", None)
        if show is not None and self.history_dock.isVisible():
            try:
                show(entity, record_id)
            except SaigaError as e:
                log.info("no history for %s #%s: %s", entity, record_id, e)
        self._history_target = (entity, record_id)

    def _history_visible(self, visible: bool) -> None:
        if visible and self._history_target is not None:
            self._show_history(*self._history_target)

    def _toggle_filters(self) -> None:
        on = self.act_filters.isChecked()
        for page in self.pages.values():
            for box in getattr(page, "filter_boxes", {}).values():
                box.setVisible(on)

    def clear_filters(self) -> None:
        page = self.current_page()
        page.search_box.clear()
        for box in getattr(page, "filter_boxes", {}).values():
            box.setCurrentIndex(0)
        page.refresh()

    # ------------------------------------------------------------------ never lose work
    def open_editors(self) -> list[QWidget]:
        return [w for w in self.findChildren(QDialog) if w.isVisible() and hasattr(w, "try_close")]

    def commit_cell_editors(self) -> None:
        for page in self.pages.values():
            for view in page.findChildren(QWidget, "table"):
                commit = getattr(view, "commit_open_editor", None)
                if commit is not None:
                    commit()

    def close_editors(self) -> bool:
        """Ask about every form with unsaved changes; False when the officer chose Cancel."""
        for editor in self.open_editors():
            if hasattr(editor, "has_unsaved_changes") and not editor.has_unsaved_changes():
                editor.close()
                continue
            if not editor.try_close():
                editor.raise_()
                return False
        return True

    def closeEvent(self, event) -> None:
        try:
            self.commit_cell_editors()
            if not self.close_editors():
                event.ignore()
                return
            self.save_window()
        except Exception as e:  # never lose the window to a failure while closing
            log.exception("closing failed")
            show_error(self, e)
            event.ignore()
            return
        event.accept()

    # ------------------------------------------------------------------ state
    def save_window(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        for page in self.pages.values():
            save = getattr(page, "save_state", None)
            if save is not None:
                save()
        s.sync()

    def _restore_window(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)
        tab = s.value("window/tab")
        if tab in self.pages:
            self.tabs.setCurrentWidget(self.pages[tab])
        self._tab_changed(self.tabs.currentIndex())

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event) -> None:
        if _dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        path = _dropped_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.guarded(self.import_file, str(path))

    # ------------------------------------------------------------------ commands
    def _unavailable(self, what: str) -> None:
        QMessageBox.information(
            self, APP_NAME, _("{what} is not available in this version.").format(what=what)
        )

    def _show_dialog(self, dialog) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def import_file(self, path: str | None = None):
        wizard_class = optional("import_wizard", "ImportWizard")
        if wizard_class is None:
            self._unavailable(_("Import"))
            return None
        kind = "contacts"
        meeting_id = None
        page = self.current_page()
        if page.table_name == "meetings" and page.current_id() is not None:
            kind, meeting_id = "participants", page.current_id()
        wizard = wizard_class(self.db, self, path=path, kind=kind, meeting_id=meeting_id)
        self._show_dialog(wizard)
        return wizard

    def export_view(self) -> None:
        fn = optional("export_actions", "export_view")
        if fn is None:
            return self._unavailable(_("Export"))
        page = self.current_page()
        state = page.view_state()
        fn(self, self.db, page.table_name, state["columns"], state["search"], state["sort"],
           state["descending"], state["filters"])  # fmt: skip

    def export_all(self) -> None:
        fn = optional("export_actions", "export_all")
        return self._unavailable(_("Export")) if fn is None else fn(self, self.db)

    def save_template(self) -> None:
        fn = optional("export_actions", "save_template")
        return self._unavailable(_("The import template")) if fn is None else fn(self)

    def save_review_packs(self) -> None:
        fn = optional("export_actions", "save_review_packs")
        if fn is None:
            return self._unavailable(_("Review packs"))
        page = self.current_page()
        ids = page.selected_ids() if page.table_name == "signatories" else None
        fn(self, self.db, ids=ids or None)

    def reports(self) -> None:
        dialog_class = optional("reports_dialog", "ReportsDialog")
        if dialog_class is None:
            return self._unavailable(_("Reports"))
        page = self.current_page()
        meeting_id = page.current_id() if page.table_name == "meetings" else None
        self._show_dialog(dialog_class(self.db, self, meeting_id=meeting_id))

    def open_settings(self) -> None:
        dialog_class = optional("settings_dialog", "SettingsDialog")
        if dialog_class is None:
            return self._unavailable(_("Settings"))
        dialog_class(self.db, self).exec()

    def restore(self) -> None:
        dialog_class = optional("restore_dialog", "RestoreDialog")
        if dialog_class is None:
            return self._unavailable(_("Restore"))
        dialog = dialog_class(self.db, self)
        dialog.exec()
        for page in self.pages.values():  # the restored file holds other records
            if page.isVisible():
                page.refresh()
            else:
                page._dirty = True

    def back_up(self) -> None:
        from saiga_desk.ui.window_files import back_up

        back_up(self)

    def new_database(self) -> None:
        from saiga_desk.ui.window_files import new_database

        new_database(self)

    def open_database(self, target: str | None = None) -> None:
        from saiga_desk.ui.window_files import open_database

        open_database(self, target)

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
        dialog_class = optional("about_dialog", "AboutDialog")
        if dialog_class is not None:
            dialog_class(self.db, self).exec()
            return
        QMessageBox.about(self, _("About Saiga Desk"), about_text(self.db))

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir())))

    def remember(self) -> None:
        remember_database(self.db.display_name)


def network_warning(db) -> str | None:
    try:
        from saiga_desk.core.instance_lock import network_warning as warn
    except ImportError:
        return None
    try:
        return warn(db)
    except Exception:  # a warning must never keep the window from opening
        log.exception("network share check failed")
        return None


def about_text(db) -> str:
    return _(
        "<h3>Saiga Desk {version}</h3>"
        "<p>Records of the Secretariat of the Memorandum of Understanding concerning Conservation, "
        "Restoration and Sustainable Use of the Saiga Antelope (CMS).</p>"
        "<p><b>Database:</b> {database}<br><b>Data folder:</b> {data}<br><b>Log folder:</b> {logs}</p>"
    ).format(version=__version__, database=db.display_name, data=data_dir(), logs=log_dir())


def _dropped_file(mime) -> Path | None:
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in IMPORTABLE:
                return path
    return None
