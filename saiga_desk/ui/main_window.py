"""The main window: one tab per kind of record, menus, toolbar, status bar, history dock, undo.

Its actions and menus are built by ``window_actions.WindowMenus``, its commands live in
``window_commands.WindowCommands``. The window hears what every write changed through the hub
(``ui/signals.py``), subscribed once to its database.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from saiga_desk import __version__
from saiga_desk.core import tables
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.instance_lock import network_warning as share_warning
from saiga_desk.i18n import _, number
from saiga_desk.paths import data_dir, log_dir
from saiga_desk.ui.duplicates_dialog import install_duplicate_actions
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.history_panel import WIDTH as HISTORY_WIDTH
from saiga_desk.ui.history_panel import HistoryPanel
from saiga_desk.ui.signals import hub
from saiga_desk.ui.table_page import TablePage
from saiga_desk.ui.window_actions import TABS, WindowMenus
from saiga_desk.ui.window_commands import WindowCommands
from saiga_desk.ui.window_settings import WINDOW_GEOMETRY, WINDOW_STATE, WINDOW_TAB

log = logging.getLogger(__name__)

IMPORTABLE = (".xlsx", ".xlsm", ".csv")


class MainWindow(WindowMenus, WindowCommands, QMainWindow):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.db = db
        hub.watch(db)
        self.ask = None  # tests may replace the Save/Discard/Cancel question (see close_editors)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.setWindowTitle(self._db_name())  # Qt adds " — Saiga Desk" (the application display name)
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        # a tab's page is built the first time it is shown or asked for (LazyPages): the first window
        # builds one page, not all of them
        self._holders: dict[str, QWidget] = {}
        self.pages: dict[str, QWidget] = LazyPages(TABS, self._build_page)
        for name in TABS:
            holder = QWidget(self.tabs)
            holder.setObjectName(f"holder_{name}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[name] = holder
            self.tabs.addTab(holder, self._tab_title(name))
        self.setCentralWidget(self.tabs)

        self._make_history_dock()
        self._make_actions()
        self._make_menus()
        self._make_context_menus()
        self._make_toolbar()
        self._make_status_bar()
        install_duplicate_actions(self)  # Edit → Find duplicates…, Merge with… (ui/duplicates_dialog.py)
        self._apply_role()  # a viewer's window reads only
        self.tabs.currentChanged.connect(self._tab_changed)
        self._restore_window()

    def _db_name(self) -> str:
        path = getattr(self.db, "path", None)
        return path.name if path else self.db.display_name

    def _tab_title(self, name: str) -> str:
        try:
            return tables.table(name).title
        except KeyError:  # a page that is not one listing: built now for its title
            return self.pages[name].title

    def _build_page(self, name: str) -> QWidget:
        page = self._make_page(name)
        dict.__setitem__(self.pages, name, page)
        holder = self._holders[name]
        holder.layout().addWidget(page)
        page.counts_changed.connect(lambda shown, total, p=page: self._counts_changed(p, shown, total))
        page.current_changed.connect(self._show_history)
        if hasattr(self, "act_filters"):  # built after the menus: the same filters and context menu
            self._add_context_menu(page)
            for box in getattr(page, "filter_boxes", {}).values():
                box.setVisible(self.act_filters.isChecked())
        if holder.isVisible():
            page.show()  # loads its rows now (its showEvent)
        return page

    def _make_page(self, name: str) -> QWidget:
        if name == "contact-points":
            # deferred: pages are built when first shown (start-up speed)
            from saiga_desk.ui.contact_points_page import ContactPointsPage
            from saiga_desk.ui.contact_reconfirm import install_reconfirm

            page = ContactPointsPage(self.db, self.undo_stack, self)
            install_reconfirm(page)  # contact points to re-confirm (issue 16)
            return page
        if name == "national-reports":
            from saiga_desk.ui.national_reports_page import NationalReportsPage  # deferred: when shown

            return NationalReportsPage(self.db, self.undo_stack, self)
        if name == "signature-events":
            from saiga_desk.ui.signature_events_page import SignatureEventsPage  # deferred: when shown

            return SignatureEventsPage(self.db, self.undo_stack, self)
        if name == "meetings":
            from saiga_desk.ui.meetings_page import MeetingsPage  # deferred: when shown

            return MeetingsPage(self.db, self.undo_stack, self)
        return TablePage(self.db, name, self.undo_stack, self)

    def _make_history_dock(self) -> None:
        self.history_dock = QDockWidget(_("History"), self)
        self.history_dock.setObjectName("historyDock")
        self.history = HistoryPanel(self.db)
        self.history.setObjectName("historyPanel")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.resizeDocks([self.history_dock], [HISTORY_WIDTH], Qt.Orientation.Horizontal)
        self._history_target: tuple[str, int] | None = None
        self.history_dock.visibilityChanged.connect(self._history_visible)
        self.history_dock.hide()  # View ▸ History panel (Ctrl+H); the window remembers it

    def guarded(self, fn, *args):
        """Run a command; a failure becomes a dialog, never a crash."""
        try:
            return fn(*args)
        except Exception as e:
            log.exception("command failed")
            show_error(self, e)
            return None

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
        holder = self.tabs.currentWidget()
        for name, h in self._holders.items():
            if h is holder:
                return self.pages[name]
        return None

    def page(self, name: str) -> TablePage:
        return self.pages[name]

    def show_tab(self, name: str) -> TablePage:
        self.tabs.setCurrentWidget(self._holders[name])
        return self.pages[name]

    def _counts_changed(self, page, shown: int, total: int) -> None:
        if page is self.current_page():
            self._show_counts(page, shown, total)

    def _show_counts(self, page, shown: int, total: int) -> None:
        what = page.title  # "Contact points: 1" reads right for any number, in English and Russian
        if shown == total:
            text = _("{what}: {n}").format(n=number(shown), what=what)
        else:
            text = _("{what}: {shown} of {total}").format(shown=number(shown), total=number(total), what=what)
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
        WINDOW_TAB.set(page.table_name)

    def _show_history(self, entity: str, record_id: int) -> None:
        show = getattr(self.history, "show_record", None)
        if show is not None and self.history_dock.isVisible():
            try:
                show(entity, record_id)
            except SaigaError as e:
                log.info("no history for %s #%s: %s", entity, record_id, e)
        self._history_target = (entity, record_id)

    def _history_visible(self, visible: bool) -> None:
        if visible and self.history_dock.width() < HISTORY_WIDTH * 3 // 4 and not self.history_dock.isFloating():
            self.resizeDocks([self.history_dock], [HISTORY_WIDTH], Qt.Orientation.Horizontal)
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
        WINDOW_GEOMETRY.set(self.saveGeometry())
        WINDOW_STATE.set(self.saveState())
        for page in self.pages.values():
            save = getattr(page, "save_state", None)
            if save is not None:
                save()

    def _restore_window(self) -> None:
        geometry = WINDOW_GEOMETRY.get()
        if geometry is not None:
            self.restoreGeometry(geometry)
            keep_on_screen(self)
            QTimer.singleShot(0, lambda: keep_on_screen(self))  # again once shown, with its frame
        state = WINDOW_STATE.get()
        if state is not None:
            self.restoreState(state)
        tab = WINDOW_TAB.get()
        if tab in self.pages:
            self.tabs.setCurrentWidget(self._holders[tab])
        self._tab_changed(self.tabs.currentIndex())

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event) -> None:
        if _dropped_file(event.mimeData()) is not None and self.act_import.isEnabled():  # not for a viewer
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        path = _dropped_file(event.mimeData())
        if path is None or not self.act_import.isEnabled():
            event.ignore()
            return
        event.acceptProposedAction()
        self.guarded(self.import_file, str(path))


class LazyPages(dict):
    """The window's pages by tab name, each built on first access; iterating gives the built ones."""

    def __init__(self, names, build):
        super().__init__()
        self.names = tuple(names)
        self._build = build

    def __missing__(self, name: str):
        if name not in self.names:
            raise KeyError(name)
        return self._build(name)

    def __contains__(self, name) -> bool:
        return name in self.names


def keep_on_screen(window) -> None:
    """A restored window larger than the screen (saved at another scale or on a bigger monitor) comes back
    inside the screen's available area, whole."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), room.width() - extra_w)
    height = min(window.height(), room.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), room.left()), room.right() + 1 - frame.width())
    y = min(max(frame.y(), room.top()), room.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def network_warning(db) -> str | None:
    try:
        return share_warning(db)
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
