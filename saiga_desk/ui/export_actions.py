"""Export actions of the main window: this table, the whole database, the template, review packs.

Each asks where to write (a file dialog, remembering the last folder), then runs the io function off the
GUI thread with a progress dialog and Cancel (saiga_desk.ui.tasks.run_task). A cancelled export leaves
any existing file as it was. When done, a non-blocking message says what was written and lists the
warnings (text a workbook could not hold as is). Pass ``path=`` to skip the dialog (tests, scripts).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from saiga_desk.core.tables import table
from saiga_desk.i18n import N_, _, ngettext
from saiga_desk.ui.tasks import run_task
from saiga_desk.ui.window_settings import EXPORT_LAST_FOLDER

XLSX_FILTER = N_("Excel workbook (*.xlsx)")
MAX_WARNINGS_SHOWN = 12
_last_box: QMessageBox | None = None  # the latest result message (kept alive; tests read it)


def _last_folder() -> str:
    folder = EXPORT_LAST_FOLDER.get()
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def _remember_folder(path: Path) -> None:
    EXPORT_LAST_FOLDER.set(str(path if path.is_dir() else path.parent))


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "-", text).strip("-") or "export"


def ask_save_path(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    """A .xlsx file name chosen by the officer, or None when the dialog was cancelled."""
    start = str(Path(_last_folder()) / suggested)
    name, _filter = QFileDialog.getSaveFileName(parent, title, start, _(XLSX_FILTER))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    _remember_folder(path)
    return path


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, _last_folder())
    if not name:
        return None
    path = Path(name)
    _remember_folder(path)
    return path


def show_result(parent: QWidget | None, title: str, text: str, warnings=(), path=None) -> QMessageBox:
    """A non-blocking message: what was written, and the warnings if any; "Open" opens ``path`` (a file
    in its application, a folder in the file manager)."""
    global _last_box
    warnings = list(warnings)
    box = QMessageBox(
        QMessageBox.Icon.Warning if warnings else QMessageBox.Icon.Information,
        title,
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("exportResult")
    if path is not None:
        opener = box.addButton(_("Open"), QMessageBox.ButtonRole.ActionRole)
        opener.setObjectName("openExported")
        opener.clicked.connect(lambda _c=False: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    if warnings:
        shown = [str(w) for w in warnings[:MAX_WARNINGS_SHOWN]]
        if len(warnings) > MAX_WARNINGS_SHOWN:
            shown.append(_("… and {n} more.").format(n=len(warnings) - MAX_WARNINGS_SHOWN))
        box.setInformativeText(
            ngettext(
                "One thing could not be written exactly as held:",
                "{n} things could not be written exactly as held:",
                len(warnings),
            ).format(n=len(warnings))
        )
        box.setDetailedText("\n".join(shown))
    box.open()
    _last_box = box
    return box


def _rows_text(rows: int, path: Path) -> str:
    return ngettext("Exported {n} row to {file}.", "Exported {n} rows to {file}.", rows).format(
        n=rows, file=path
    )


# ------------------------------------------------------------------------------------------------ actions
def export_view(
    parent,
    db,
    table_name: str,
    columns=None,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict | None = None,
    *,
    path=None,
    on_done=None,
):
    """Export the table as shown (visible columns in order, search, filters, sort)."""
    title = _("Export {table}").format(table=table(table_name).title)
    if path is None:
        path = ask_save_path(parent, title, f"{_safe_name(table(table_name).title)}-{dt.date.today()}.xlsx")
        if path is None:
            return None
    path = Path(path)

    def work(progress):
        from saiga_desk.io.export import export_table  # deferred for start-up speed (openpyxl)

        return export_table(
            db, table_name, path, columns=list(columns or []) or None, search=search or "", sort=sort,
            descending=bool(descending), filters=dict(filters or {}) or None, progress=progress,
        )  # fmt: skip

    def done(result):
        show_result(parent, title, _rows_text(result.rows, path), result.warnings, path)
        if on_done is not None:
            on_done(result)

    return run_task(parent, title, work, done)


def export_all(parent, db, *, path=None, on_done=None):
    """The whole database as one workbook (it reads back with "Import all")."""
    title = _("Export the whole database")
    if path is None:
        path = ask_save_path(parent, title, f"saiga-desk-database-{dt.date.today()}.xlsx")
        if path is None:
            return None
    path = Path(path)

    def work(progress):
        # deferred for start-up speed (openpyxl)
        from saiga_desk.io.workbook_all import export_all as write_all

        return write_all(db, path, progress=progress)

    def done(result):
        show_result(
            parent,
            title,
            _("Exported {rows} rows of {tables} tables to {file}.").format(
                rows=result.rows, tables=len(result.tables), file=path
            ),
            result.warnings,
            path,
        )
        if on_done is not None:
            on_done(result)

    return run_task(parent, title, work, done)


def save_template(parent, db=None, *, path=None, on_done=None):
    """The blank bilingual contact template."""
    title = _("Save the contact template")
    if path is None:
        path = ask_save_path(parent, title, "saiga-contacts-template.xlsx")
        if path is None:
            return None
    path = Path(path)
    if db is None:
        db = getattr(parent, "db", None)

    def work(progress):
        from saiga_desk.io.template import write_template  # deferred for start-up speed (openpyxl)

        return write_template(path, db=db, progress=progress)

    def done(result):
        show_result(
            parent, title, _("The contact template was saved to {file}.").format(file=path), result.warnings, path
        )
        if on_done is not None:
            on_done(result)

    return run_task(parent, title, work, done)


def save_review_packs(parent, db, ids=None, *, signatory_ids=None, path=None, on_done=None):
    """Review packs: one file for one Signatory (asks a file name), else one per Signatory (asks a folder)."""
    from saiga_desk.io import review_pack as rp  # deferred for start-up speed (openpyxl)

    wanted = list(signatory_ids if signatory_ids is not None else (ids or [])) or None
    title = _("Review packs")
    refs = [r for r in rp.signatories(db) if wanted is None or r.id in wanted]
    single = len(refs) == 1
    if path is None:
        if single:
            path = ask_save_path(parent, title, rp.pack_file_name(refs[0]))
        else:
            path = ask_folder(parent, _("Folder for the review packs"))
        if path is None:
            return None
    path = Path(path)

    def work(progress):
        if single and not path.is_dir():
            return [rp.write_review_pack(db, refs[0], path, progress=progress)]
        return rp.write_review_packs(db, path, [r.id for r in refs], progress=progress)

    def done(results):
        warnings = [w for r in results for w in r.warnings]
        text = ngettext(
            "{n} review pack was written to {where}.",
            "{n} review packs were written to {where}.",
            len(results),
        ).format(n=len(results), where=path)
        show_result(parent, title, text, warnings, path)
        if on_done is not None:
            on_done(results)

    return run_task(parent, title, work, done)


__all__ = ["export_view", "export_all", "save_template", "save_review_packs", "ask_save_path", "show_result"]
