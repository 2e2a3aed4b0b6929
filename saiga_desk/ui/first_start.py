"""Opening a database at start: a file that cannot be opened gets a dialog with the reason and a way
out (another file, a new database); an empty database gets the offer of the demo data.

The questions are functions (``ask``) so a caller — or a test — can answer them without a modal loop.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.paths import data_dir

log = logging.getLogger(__name__)

DB_FILTER = "{name} (*.sqlite3 *.sqlite *.db);;{all} (*)"


def database_filter() -> str:
    return DB_FILTER.format(name=_("Saiga Desk databases"), all=_("All files"))


# ---------------------------------------------------------------------------------------- cannot open
class DatabaseProblemDialog(QDialog):
    """ "This database cannot be opened: <reason>" — Open another file / Create a new one / Quit."""

    def __init__(self, target: str, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("databaseProblem")
        self.setWindowTitle(_("The database cannot be opened"))
        self.choice: tuple[str, str | None] = ("quit", None)
        title = QLabel(_("<b>Saiga Desk cannot open this database:</b>"), self)
        where = QLabel(str(target), self)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        self.reason = QLabel(reason, self)
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel(_("Choose what to do:"), self)
        self.open_button = QPushButton(_("Open another file…"), self)
        self.open_button.setObjectName("open_other")
        self.new_button = QPushButton(_("Create a new database…"), self)
        self.new_button.setObjectName("create_new")
        self.quit_button = QPushButton(_("Quit"), self)
        self.quit_button.setObjectName("quit")
        self.open_button.clicked.connect(self._open_other)
        self.new_button.clicked.connect(self._create_new)
        self.quit_button.clicked.connect(self.reject)
        self.open_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        for w in (title, where, self.reason, hint):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self._start = str(Path(target).parent) if "://" not in str(target) else str(data_dir())

    def choose(self, action: str, target: str | None) -> None:
        self.choice = (action, target)
        if action == "quit" or not target:
            self.reject()
        else:
            self.accept()

    def _open_other(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Open a database"), self._start, database_filter())
        if path:
            self.choose("open", path)

    def _create_new(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self, _("New database"), str(Path(self._start) / "saiga-desk.sqlite3"), database_filter()
        )
        if path:
            if Path(path).exists():
                self.reason.setText(_("{path} already exists; choose a new name.").format(path=path))
                return
            self.choose("new", path)


def ask_database_problem(parent, target: str, reason: str) -> tuple[str, str | None]:
    dialog = DatabaseProblemDialog(target, reason, parent)
    dialog.exec()
    return dialog.choice


def open_with_recovery(target: str, parent: QWidget | None = None, ask=None, lock: bool = False):
    """Open ``target``; when it cannot be opened (not a database, damaged, newer, or — with ``lock`` —
    already open in another Saiga Desk), ask what to do until a database opens or the officer gives
    up (then None)."""
    from saiga_desk.core.database import Database

    ask = ask or ask_database_problem
    while True:
        db = None
        try:
            db = Database.open(target)
            if lock:
                take_lock(db)
            return db
        except (SaigaError, OSError) as e:
            if db is not None:
                db.close()
            log.warning("cannot open %s: %s", target, e)
            action, other = ask(parent, str(target), str(e))
            if action == "quit" or not other:
                return None
            target = other


def take_lock(db) -> None:
    """One Saiga Desk per SQLite file (the packaging part's lock, when present)."""
    try:
        from saiga_desk.core import instance_lock
    except ImportError:
        return
    instance_lock.acquire(db)


def release_lock(db) -> None:
    try:
        from saiga_desk.core import instance_lock
    except ImportError:
        return
    try:
        instance_lock.release(db)
    except Exception:  # releasing must never stop a close
        log.exception("releasing the lock of %s failed", db.display_name)


# ---------------------------------------------------------------------------------------- first start
class FirstStartDialog(QDialog):
    """An empty database: load the demo data of the Secretariat report, or start empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("firstStart")
        self.setWindowTitle(_("Welcome to Saiga Desk"))
        self.choice = "empty"
        text = QLabel(
            _(
                "<p><b>This database is empty.</b></p>"
                "<p>You can load the <b>demo data</b> — the Signatories, contact points, meetings, "
                "documents and projects of the Secretariat's report to MOS4 — to try Saiga Desk, "
                "or start with an empty database for your own records.</p>"
            ),
            self,
        )
        text.setWordWrap(True)
        self.demo_button = QPushButton(_("Load demo data"), self)
        self.demo_button.setObjectName("load_demo")
        self.empty_button = QPushButton(_("Start empty"), self)
        self.empty_button.setObjectName("start_empty")
        self.demo_button.clicked.connect(lambda: self.choose("demo"))
        self.empty_button.clicked.connect(lambda: self.choose("empty"))
        self.demo_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_first_start(parent) -> str:
    dialog = FirstStartDialog(parent)
    dialog.exec()
    return dialog.choice


def offer_demo(db, parent: QWidget | None = None, ask=None) -> bool:
    """On an empty database, offer the demo data; True when it was loaded."""
    from saiga_desk.core import demo

    if not demo.is_empty(db):
        return False
    if (ask or ask_first_start)(parent) != "demo":
        return False
    return load_demo(db, parent)


def load_demo(db, parent: QWidget | None = None) -> bool:
    """Load the demo data off the GUI thread (progress dialog), waiting for it to finish."""
    from saiga_desk.core import demo
    from saiga_desk.ui.signals import hub
    from saiga_desk.ui.tasks import run_task

    loop = QEventLoop()
    outcome = {"ok": False}

    def done(_result):
        outcome["ok"] = True
        loop.quit()

    def failed(exc):
        from saiga_desk.ui.errors import show_error

        show_error(parent, exc, _("The demo data was not loaded"))
        loop.quit()

    task = run_task(
        parent, _("Loading the demo data"), lambda progress: demo.load(db, progress), done, failed
    )
    if not task.is_done:
        loop.exec()
    if outcome["ok"]:
        hub.notify("*")
    return outcome["ok"]
