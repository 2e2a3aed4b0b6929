"""Screenshots of the main window on every tab with the demo data (``make screenshots``).

Offscreen, 1280x800, into ``screenshots/<variant>/`` (or below the folder given as the first argument),
for three variants, each in its own process: ``en-1x``, ``en-1.5x`` (QT_SCALE_FACTOR=1.5) and ``ru-1x``
(the Russian interface). One PNG per tab, the contact points as at 2018, the history dock, the import
wizard's pages, the reports preview, the first-start and cannot-open dialogs. A throw-away data folder
keeps the officer's own settings untouched. ``--one DIR`` makes one variant (from the environment).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
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
    wizard_pages(app, window, shot)
    preview(app, window, shot)
    window.close()
    db.close()
    return written


def _wait(app, done, seconds: float = 30) -> None:
    import time

    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def wizard_pages(app, window, shot) -> None:
    """The import wizard on a small contact list: file, sheet, columns, review, done."""
    import openpyxl

    path = _work / "contacts.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    sheet.append(["Title", "First name", "Last name", "Position", "Organization", "Country", "E-mail"])
    sheet.append(["Ms", "Aigerim", "Sultanova", "Officer", "Saiga Field Station Betpak-Dala", "Kazakhstan",
                  "a.sultanova@example.org"])  # fmt: skip
    sheet.append(["Mr", "Bat", "Erdene", "Ranger", "Khomiin Tal Ranger Post", "Mongolia", "not an email"])
    book.save(path)
    wizard = window.import_file(str(path))
    wizard.resize(980, 640)
    shot(wizard, "20-wizard-file")
    for page, name in ((wizard.sheet_page, "21-wizard-sheet"), (wizard.mapping_page, "22-wizard-columns"),
                       (wizard.review_page, "23-wizard-review")):  # fmt: skip
        wizard.next()
        _wait(app, lambda p=page: wizard.currentPage() is p)
        shot(wizard, name)
    from PySide6.QtCore import Qt

    review = wizard.review_page
    rows = review.table.model()
    review.table.setCurrentIndex(rows.index(1, 2))
    shot(wizard, "23-wizard-review-fields")
    review.only_errors.setChecked(True)
    for i in range(rows.rowCount()):
        rows.setData(rows.index(i, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    wizard.next()
    _wait(app, lambda: wizard.currentPage() is wizard.summary_page)
    shot(wizard, "24-wizard-done")
    wizard.close()
    shot(window, "25-after-import-undo-offered")
    window.act_import_history.trigger()
    history = next(w for w in app.topLevelWidgets() if w.objectName() == "importsDialog")
    shot(history, "26-import-history")
    history.close()


def preview(app, window, shot) -> None:
    from saiga_desk.ui.reports_dialog import ReportsDialog

    dialog = ReportsDialog(window.db, window)
    dialog.show()
    _wait(app, lambda: dialog.pdf_path is not None)
    _wait(app, lambda: False, 1.5)  # the pages are rendered in the background
    shot(dialog, "30-reports-preview")
    dialog.done(0)


VARIANTS = {"en-1x": {"QT_SCALE_FACTOR": "1", "SAIGA_DESK_LANGUAGE": "en"},
            "en-1.5x": {"QT_SCALE_FACTOR": "1.5", "SAIGA_DESK_LANGUAGE": "en"},
            "ru-1x": {"QT_SCALE_FACTOR": "1", "SAIGA_DESK_LANGUAGE": "ru"}}  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        for p in main(Path(sys.argv[2])):
            print(p)
        sys.exit(0)
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    failed = 0
    for variant, env in VARIANTS.items():
        run = subprocess.run([sys.executable, __file__, "--one", str(target / variant)],
                             env={**os.environ, **env}, check=False)  # fmt: skip
        failed += run.returncode != 0
    sys.exit(1 if failed else 0)
