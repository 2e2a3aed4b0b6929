"""Export any listing to .xlsx exactly as the officer sees it: the visible columns in their order,
the current search, filters and sort. Streams rows from the database into the safe writer, so
100,000 rows take little memory; cancellable through ``progress``."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from saiga_desk.core import tables
from saiga_desk.core.errors import Problem, Progress, SaigaError
from saiga_desk.i18n import _
from saiga_desk.io.xlsx_writer import ColumnSpec, XlsxFile

KINDS = {
    "text": "text",
    "date": "date",
    "datetime": "datetime",
    "int": "int",
    "number": "number",
    "bool": "bool",
}
PROGRESS_EVERY = 1000


@dataclass
class ExportResult:
    rows: int
    warnings: list[Problem] = field(default_factory=list)
    path: Path | None = None


def column_specs(columns: list[tables.Column]) -> list[ColumnSpec]:
    return [ColumnSpec(c.title, KINDS.get(c.kind, "text"), tuple(c.choices), key=c.key) for c in columns]


def resolve_columns(name: str, columns: list[str] | None) -> list[tables.Column]:
    """The columns to export: the given keys in their order, or the table's visible ones."""
    if not columns:
        return tables.visible_columns(name)
    t = tables.table(name)
    out = []
    for key in columns:
        try:
            out.append(t.column(key))
        except KeyError:
            known = ", ".join(c.key for c in tables.public_columns(name))
            raise SaigaError(
                _("The table {table} has no column {column}; its columns are: {known}.").format(
                    table=name, column=key, known=known
                )
            ) from None
    return out


def export_table(
    db,
    name: str,
    path,
    columns: list[str] | None = None,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the listing ``name`` (as filtered and sorted) to ``path``; the old file survives a failure."""
    try:
        t = tables.table(name)
    except KeyError:
        raise SaigaError(
            _("There is no table {table}; choose one of: {known}.").format(
                table=name, known=", ".join(tables.TABLE_NAMES)
            )
        ) from None
    cols = resolve_columns(name, columns)
    if sort:
        try:
            t.column(sort)
        except KeyError:
            raise SaigaError(
                _("The table {table} cannot be sorted by {column}.").format(table=name, column=sort)
            ) from None
    progress = progress or Progress()
    total = tables.count(db, name, search=search, filters=filters)
    progress.report(0, total, _("Exporting {table}").format(table=t.title))
    subject = _("Search: {text}").format(text=search) if search else ""
    keys = [c.key for c in cols]
    with XlsxFile(path, title=t.title, subject=subject) as book:
        sheet = book.add_sheet(t.title, column_specs(cols))
        done = 0
        write = sheet.write_row
        pick = itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
        for row in tables.iter_rows(
            db, name, search=search, sort=sort, descending=descending, filters=filters
        ):
            write(pick(row))
            done += 1
            if done % PROGRESS_EVERY == 0:
                progress.report(done, total, _("Exporting {table}").format(table=t.title))
        progress.report(done, total, _("Writing {file}").format(file=Path(path).name))
    return ExportResult(done, book.warnings, Path(path))


__all__ = ["ExportResult", "export_table", "column_specs", "resolve_columns"]
