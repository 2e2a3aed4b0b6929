"""The main window's actions, menus, toolbar and right-click menu (a part of ``MainWindow``).

Every command runs through ``MainWindow.guarded`` (a failure becomes a dialog); the commands themselves
are in ``window_commands``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from saiga_desk.core import roles
from saiga_desk.i18n import _
from saiga_desk.ui.icons import icon as named_icon
from saiga_desk.ui.undo import short_labels

TABS = (
    "signatories",
    "contact-points",
    "persons",
    "organizations",
    "meetings",
    "projects",
    "work-programmes",
    "documents",
    "national-reports",
    "signature-events",
)


class WindowMenus:
    """Builds ``act_*``, the menus, the toolbar and the rows' context menu of the main window."""

    # ------------------------------------------------------------------ construction
    def _make_context_menus(self) -> None:
        """Right-click on the rows of a table: the record commands and the export of what is shown."""
        for page in self.pages.values():
            self._add_context_menu(page)

    def _add_context_menu(self, page) -> None:
        view = getattr(page, "view", None)
        if view is not None:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._row_menu(v, pos))

    def _row_menu(self, view, pos) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("rowMenu")
        for act in (
            self.act_new,
            self.act_edit,
            self.act_duplicate,
            self.act_delete,
            None,
            self.act_export_view,
            self.act_reports,
            None,
            self.act_columns,
            self.act_history,
        ):
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        for act in getattr(self, "extra_row_actions", ()):  # added by other parts (Merge with…)
            menu.addAction(act)
        if pos is not None:
            menu.popup(view.viewport().mapToGlobal(pos))
        return menu

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
            action.setIcon(named_icon(icon))
        action.triggered.connect(lambda _checked=False: self.guarded(slot))
        return action

    def _make_actions(self) -> None:
        a = self._action
        self.act_new_db = a(_("&New database…"), self.new_database, name="new_database")
        self.act_open = a(_("&Open…"), self.open_database, QKeySequence.StandardKey.Open, "open",
                          icon="open")  # fmt: skip
        self.recent_menu = QMenu(_("Open &recent"), self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.act_backup = a(_("&Back up…"), self.back_up, name="backup", tip=_("Save a copy of the database"))
        self.act_restore = a(_("&Restore…"), self.restore, name="restore")
        self.act_import = a(_("&Import…"), self.import_file, "Ctrl+I", "import",
                            _("Import contacts or participants from Excel"), "import")  # fmt: skip
        self.act_import_history = a(_("Import &history…"), self.import_history, name="import_history",
                                    tip=_("The recent imports, each of which can be undone"))  # fmt: skip
        self.act_export_view = a(_("Export this &table…"), self.export_view, "Ctrl+Shift+E", "export_view",
                                 _("Export the rows shown to Excel"), "export")  # fmt: skip
        self.act_export_all = a(_("Export the &whole database…"), self.export_all, name="export_all")
        self.act_template = a(_("Save the import &template…"), self.save_template, name="template")
        self.act_review = a(_("Save re&view packs…"), self.save_review_packs, name="review_packs")
        self.act_reports = a(_("&Print / Reports…"), self.reports, QKeySequence.StandardKey.Print, "reports",
                             _("Lists and documents as PDF, print preview"), "reports")  # fmt: skip
        self.act_quit = a(_("&Quit"), self.close, "Ctrl+Q", "quit")
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.act_undo = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.act_undo.setObjectName("action_undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.setIcon(named_icon("undo"))
        self.act_redo = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.act_redo.setObjectName("action_redo")
        self.act_redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        self.act_redo.setIcon(named_icon("redo"))
        short_labels(self.act_undo, self.act_redo, self.undo_stack)  # the toolbar does not jump
        self.act_new = a(_("&New"), lambda: self.current_page().new_record(), QKeySequence.StandardKey.New,
                         "new", _("Add a record to this table"), "new")  # fmt: skip
        self.act_edit = a(_("&Edit…"), lambda: self.current_page().edit_selected(), "F2", "edit",
                          _("Edit the selected record (F2 or Enter)"), "edit")  # fmt: skip
        self.act_duplicate = a(_("D&uplicate"), lambda: self.current_page().duplicate_selected(), "Ctrl+D",
                               "duplicate", _("A new record with the values of the selected one"))  # fmt: skip
        self.act_delete = a(_("&Delete"), lambda: self.current_page().delete_selected(),
                            QKeySequence.StandardKey.Delete, "delete", _("Delete the selected records"),
                            "delete")  # fmt: skip
        self.act_find = a(_("&Find"), lambda: self.current_page().focus_search(), QKeySequence.StandardKey.Find,
                          "find", _("Filter this table by typing"))  # fmt: skip
        self.act_settings = a(_("&Settings…"), self.open_settings,
                              QKeySequence(QKeySequence.StandardKey.Preferences).toString() or "Ctrl+,",
                              "settings", icon="settings")  # fmt: skip

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
        self.act_history.setIcon(named_icon("history"))

        self.act_guide = a(_("&User guide"), self.user_guide, QKeySequence.StandardKey.HelpContents, "guide",
                           _("How to work with Saiga Desk, and the keyboard shortcuts"))  # fmt: skip
        self.act_about = a(_("&About Saiga Desk"), self.about, name="about")
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.act_logs = a(_("Open the &log folder"), self.open_log_folder, name="logs")
        self.act_data = a(_("Open the &data folder"), self.open_data_folder, name="data_folder")

    def edit_actions(self) -> list[QAction]:
        """The actions that change the database (disabled for whoever may only read it)."""
        names = ("act_new", "act_edit", "act_duplicate", "act_delete", "act_import", "act_restore",
                 "act_merge_with")  # fmt: skip
        return [getattr(self, n) for n in names if hasattr(self, n)]

    def _apply_role(self) -> None:
        """A viewer's window reads only: every edit action disabled, the reason in its tooltip and in the
        status bar (core/roles.py; the database refuses their writes in any case)."""
        reason = roles.read_only_reason(self.db)
        if not reason:
            return
        for action in self.edit_actions():
            action.setEnabled(False)
            action.setToolTip(reason)
            action.setStatusTip(reason)
        label = QLabel(_("Read only"), self)
        label.setObjectName("readOnly")
        label.setToolTip(reason)
        self.statusBar().addPermanentWidget(label)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(_("&File"))
        file.setObjectName("menu_file")
        for item in (self.act_new_db, self.act_open, self.recent_menu, None, self.act_backup, self.act_restore,
                     None, self.act_import, self.act_import_history):  # fmt: skip
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
            action = self._action(self.tabs.tabText(i), lambda i=i: self.tabs.setCurrentIndex(i),
                                  f"Ctrl+{i + 1}", f"tab_{name}")  # fmt: skip
            go.addAction(action)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.setObjectName("menu_help")
        for item in (self.act_guide, None, self.act_about, self.act_logs, self.act_data):
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
