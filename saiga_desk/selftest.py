"""``saiga-desk --self-test``: a smoke check a support person can run on an officer's laptop.

In a temporary folder (the officer's data is never touched), offscreen: create a fresh database, load the
demo data, back it up, import a contact list, write an .xlsx and a PDF, open the PDF with QtPdf, and create
and close the main window. One line per step (OK / FAIL); exit status 0 only if every step passed. The same
lines go to ``selftest.txt`` in the log folder (a windowed build on Windows has no console).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from saiga_desk import __version__

CONTACTS = [
    ["Title", "First name", "Last name", "Position", "Organization", "Country", "E-mail"],
    [
        "Ms",
        "Aigerim",
        "Sadykova",
        "Chief expert",
        "Ministry of Ecology",
        "Kazakhstan",
        "a.sadykova@example.kz",
    ],
    ["Mr", "Батбаяр", "Ганбаатар", "Специалист", "Министерство природы", "Mongolia", "batbayar@example.mn"],
    [
        "Dr",
        "Алексей",
        "Ёлкин",
        "Начальник отдела",
        "Минприроды России",
        "Russian Federation",
        "elkin@example.ru",
    ],
]


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


class _Checks:
    def __init__(self, out: list[str]):
        self.out = out
        self.failed = 0

    def step(self, name: str, fn: Callable[[], str]) -> bool:
        start = time.perf_counter()
        try:
            detail = fn() or ""
        except BaseException as e:  # noqa: BLE001 - every failure becomes a FAIL line
            if isinstance(e, KeyboardInterrupt):
                raise
            self.failed += 1
            tb = traceback.extract_tb(e.__traceback__)
            where = f" [{Path(tb[-1].filename).name}:{tb[-1].lineno}]" if tb else ""
            self._print(f"FAIL  {name}: {type(e).__name__}: {e}{where}")
            return False
        self._print(f"OK    {name}: {detail} ({time.perf_counter() - start:.2f} s)")
        return True

    def _print(self, line: str) -> None:
        self.out.append(line)
        if sys.stdout is not None:
            print(line, flush=True)


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    lines: list[str] = []
    checks = _Checks(lines)
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    checks._print(
        f"Saiga Desk {__version__} self-test ({frozen}, Python {platform.python_version()}, {sys.platform})"
    )
    saved_env = os.environ.get("SAIGA_DESK_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="saiga-selftest-") as tmp:
        work = Path(tmp)
        os.environ["SAIGA_DESK_DATA_DIR"] = str(work / "data")  # backups, logs, documents stay in here
        try:
            _run_steps(checks, work)
        finally:
            if saved_env is None:
                os.environ.pop("SAIGA_DESK_DATA_DIR", None)
            else:
                os.environ["SAIGA_DESK_DATA_DIR"] = saved_env
    verdict = "PASSED" if checks.failed == 0 else f"FAILED ({checks.failed} steps)"
    checks._print(f"Self-test {verdict}")
    with contextlib.suppress(Exception):
        # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
        from saiga_desk.paths import log_dir

        (log_dir() / "selftest.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0 if checks.failed == 0 else 1


def _run_steps(checks: _Checks, work: Path) -> None:
    state: dict = {}

    def resources() -> str:
        # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
        from saiga_desk.core.migrate import head_revision
        from saiga_desk.paths import resource_path

        fonts = sorted(p.name for p in resource_path("fonts").glob("*.ttf"))
        if "DejaVuSans.ttf" not in fonts:
            raise RuntimeError(f"DejaVuSans.ttf missing in {resource_path('fonts')}")
        return f"{len(fonts)} fonts, schema {head_revision()}"

    def create_database() -> str:
        # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
        from saiga_desk.core.database import Database

        state["db"] = db = Database.open(work / "selftest.sqlite3")
        return f"{db.path.name}, {len(db.table_names())} tables"

    def demo_data() -> str:
        # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
        from saiga_desk.core import demo

        counts = demo.load(state["db"])
        return ", ".join(f"{n} {k}" for k, n in list(counts.items())[:4])

    def backup() -> str:
        # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
        from saiga_desk.core import backups

        dest = backups.make_backup(state["db"], "manual")
        backups.verify(dest)
        return f"{dest.name}, {dest.stat().st_size // 1024} KB, verified"

    def import_contacts() -> str:
        import openpyxl

        src = work / "contacts.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Contacts"
        for row in CONTACTS:
            ws.append(row)
        wb.save(src)
        db = state["db"]
        if _has("saiga_desk.io.import_commit"):
            # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
            from saiga_desk.core import backups
            from saiga_desk.io.import_commit import import_file

            backups.before_import(db)
            _plan, res = import_file(db, str(src))
            if res.status != "imported" or res.errors:
                raise RuntimeError(f"import {res.status}: {[str(p) for p in res.errors[:3]]}")
            return f"{res.created} created, {res.updated} updated, {res.unchanged} unchanged"
        # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
        from saiga_desk.core import services as sv

        book = openpyxl.load_workbook(src, read_only=True)
        rows = list(book.active.iter_rows(min_row=2, values_only=True))
        book.close()
        with db.transaction() as tx:
            for r in rows:
                tx.create(
                    "persons", {"honorific": r[0], "given_name": r[1], "family_name": r[2], "email": r[6]}
                )
        return (
            f"{len(rows)} persons (import engine not bundled; {len(sv.find(db, 'persons'))} persons in all)"
        )

    def write_xlsx() -> str:
        import openpyxl

        dest = work / "contact-points.xlsx"
        db = state["db"]
        if _has("saiga_desk.io.export"):
            # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
            from saiga_desk.io.export import export_table

            export_table(db, "contact-points", dest)
        else:
            # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
            from saiga_desk.core import services as sv
            from saiga_desk.core.tables import visible_columns

            cols = visible_columns("contact-points")
            wb = openpyxl.Workbook(write_only=True)
            ws = wb.create_sheet("contact-points")
            ws.append([c.title for c in cols])
            for r in sv.iter_rows(db, "contact-points"):
                ws.append([None if r.get(c.key) is None else str(r.get(c.key)) for c in cols])
            wb.save(dest)
        book = openpyxl.load_workbook(dest, read_only=True)
        try:
            rows = book.worksheets[0].max_row
        finally:
            book.close()
        if rows < 2:
            raise RuntimeError("the workbook has no data rows")
        return f"{dest.name}, {rows - 1} rows read back"

    def write_pdf() -> str:
        dest = work / "contact-points.pdf"
        if _has("saiga_desk.io.reports") and hasattr(_import("saiga_desk.io.reports"), "generate"):
            # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
            from saiga_desk.io.reports import generate

            generate(state["db"], "contact-points", dest)
        else:
            from reportlab.lib.pagesizes import A4
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont
            from reportlab.pdfgen.canvas import Canvas

            # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
            from saiga_desk.paths import resource_path

            pdfmetrics.registerFont(TTFont("DejaVuSans", str(resource_path("fonts", "DejaVuSans.ttf"))))
            c = Canvas(str(dest), pagesize=A4)
            c.setFont("DejaVuSans", 12)
            c.drawString(72, 760, "Saiga Desk — сайгак — self-test")
            c.save()
        data = dest.read_bytes()
        if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
            raise RuntimeError("not a complete PDF file")
        state["pdf"] = dest
        return f"{dest.name}, {len(data) // 1024} KB"

    def open_pdf_with_qt() -> str:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtPdf import QPdfDocument

        _application()
        doc = QPdfDocument()
        doc.load(str(state["pdf"]))
        for _i in range(50):
            if doc.status() in (QPdfDocument.Status.Ready, QPdfDocument.Status.Error):
                break
            QCoreApplication.processEvents()
            time.sleep(0.02)
        if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
            raise RuntimeError(f"QtPdf could not read it ({doc.status().name}, {doc.error().name})")
        pages = doc.pageCount()
        doc.close()
        return f"{pages} pages"

    def main_window() -> str:
        from PySide6.QtWidgets import QApplication, QWidget

        app = _application()
        if _has("saiga_desk.ui.main_window"):
            # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
            from saiga_desk.ui.main_window import MainWindow

            window = MainWindow(state["db"])
            kind = "MainWindow"
        else:
            window = QWidget()
            kind = "QWidget (main window not bundled)"
        window.resize(1000, 700)
        window.show()
        for _i in range(5):
            app.processEvents()
        title = window.windowTitle()
        window.close()
        window.deleteLater()
        app.processEvents()
        return f"{kind} '{title}' on {QApplication.platformName()}"

    def close_database() -> str:
        db = state.get("db")
        if db is None:
            raise RuntimeError("no database")
        with db.engine.connect() as con:
            res = con.exec_driver_sql("PRAGMA integrity_check").scalar()
        db.close()
        if res != "ok":
            raise RuntimeError(f"integrity_check: {res}")
        return "integrity ok"

    checks.step("resources", resources)
    if not checks.step("create database", create_database):
        return
    checks.step("load demo data", demo_data)
    checks.step("backup", backup)
    checks.step("import contacts (.xlsx)", import_contacts)
    checks.step("write .xlsx", write_xlsx)
    if checks.step("write PDF", write_pdf):
        checks.step("read PDF (QtPdf)", open_pdf_with_qt)
    checks.step("main window (offscreen)", main_window)
    checks.step("close database", close_database)


def _import(name: str):
    return importlib.import_module(name)


def _application():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # deferred: each step imports what it checks, so a broken part fails its own step (start-up speed too)
        from saiga_desk import APP_ID, APP_NAME

        QApplication.setApplicationName(APP_NAME)
        QApplication.setOrganizationName(APP_ID)
        app = QApplication([sys.argv[0] if sys.argv else "saiga-desk"])
    return app
