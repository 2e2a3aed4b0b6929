"""Screenshots of the main window on every tab with the demo data (``make screenshots``).

Offscreen, 1280x800, into ``screenshots/`` (or the folder given as the first argument): one PNG per
tab, the contact points as at 2018, the history dock, the first-start and cannot-open dialogs.
A throw-away data folder keeps the officer's own settings untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_work = Path(tempfile.mkdtemp(prefix="saiga-shots-"))
os.environ["SAIGA_DESK_DATA_DIR"] = str(_work / "data")
os.environ.setdefault("SAIGA_DESK_USER", "secretariat")


def main(out: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from saiga_desk.core import demo
    from saiga_desk.core.database import Database
    from saiga_desk.ui.app import setup_application
    from saiga_desk.ui.first_start import DatabaseProblemDialog, FirstStartDialog
    from saiga_desk.ui.main_window import TABS, MainWindow

    setup_application(app)
    out.mkdir(parents=True, exist_ok=True)
    db = Database.open(_work / "demo.sqlite3")
    demo.load(db)
    window = MainWindow(db)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    written = []

    def shot(widget, name: str) -> None:
        for _ in range(3):
            app.processEvents()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    for i, name in enumerate(TABS, start=1):
        page = window.show_tab(name)
        if page.model.rowCount() if hasattr(page, "model") else False:
            page.select_id(page.model.ids[0])
        shot(window, f"{i:02d}-{name}")

    page = window.show_tab("contact-points")
    page.set_as_at(dt.date(2018, 5, 1))
    shot(window, "09-contact-points-as-at-2018")
    page.set_as_at(dt.date.today())
    window.history_dock.show()
    persons = window.show_tab("persons")
    persons.select_id(persons.model.ids[0])
    shot(window, "10-persons-with-history")
    window.history_dock.hide()
    persons.search_box.setText("қасым")
    persons._apply_search_now()
    shot(window, "11-persons-filtered-kasym")

    first = FirstStartDialog(window)
    first.show()
    shot(first, "12-first-start")
    first.close()
    problem = DatabaseProblemDialog(
        "/home/officer/saiga.sqlite3",
        "/home/officer/saiga.sqlite3 is not a Saiga Desk database (it is not an SQLite file). It was not modified.",
        window,
    )
    problem.show()
    shot(problem, "13-cannot-open")
    problem.close()
    window.close()
    db.close()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    for p in main(target):
        print(p)
