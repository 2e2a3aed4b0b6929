"""The whole database as one workbook, and back.

``export_all`` writes an "About" sheet (format, schema revision, row counts) and one sheet per table,
named as the table, with every column under its database name: ids and references stay the stable
numbers of the database, dates are date cells, timestamps ISO text (exact to the microsecond), text is
text, long text continues on the "Long text" sheet. ``import_all`` reads such a workbook into an empty
database (only the built-in country list may be there) in one transaction: every row and field comes
back identical, or nothing is written and the problems are listed (sheet, row, column).

The rows themselves come from and go to ``core/whole_database.py`` (a restore, not an edit: rows are
inserted as they were, ids, versions, timestamps and audit trail included); this module only writes and
reads the workbook.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, String

from saiga_desk import __version__
from saiga_desk.core import whole_database as whole
from saiga_desk.core.entities import BY_TABLE
from saiga_desk.core.errors import InputError, Problem, Progress
from saiga_desk.i18n import _
from saiga_desk.io.xlsx_writer import LONG_TEXT_SHEET, ColumnSpec, XlsxFile

FORMAT = "saiga-desk-database"
FORMAT_VERSION = 1
ABOUT_SHEET = "About"
MAX_PROBLEMS = 50
BATCH = whole.BATCH
data_tables = whole.data_tables


@dataclass
class AllResult:
    tables: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    path: Path | None = None

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def _kind(col) -> str:
    t = col.type
    if isinstance(t, Boolean):
        return "bool"
    if isinstance(t, DateTime):
        return "text"  # ISO text: a spreadsheet date keeps only milliseconds
    if isinstance(t, Date):
        return "date"
    if isinstance(t, Integer):
        return "int"
    if isinstance(t, Numeric):
        return "number"
    return "text"


def _specs(table) -> list[ColumnSpec]:
    ent = BY_TABLE.get(table.name)
    choices = dict(ent.choices) if ent else {}
    return [
        ColumnSpec(c.name, _kind(c), tuple(choices.get(c.key, ())), key=c.name) for c in whole.columns(table)
    ]


# ------------------------------------------------------------------------------------------------ export
def export_all(db, path, progress: Progress | None = None) -> AllResult:
    progress = progress or Progress()
    tables = data_tables()
    counts = whole.row_counts(db, tables)
    total = sum(counts.values())
    done = 0
    progress.report(0, total, _("Exporting the database"))
    result = AllResult(path=Path(path))
    with XlsxFile(path, title=_("Saiga Desk database"), subject=db.display_name) as book:
        about = book.add_sheet(
            ABOUT_SHEET, [ColumnSpec(_("Item"), key="item"), ColumnSpec(_("Value"), key="value")]
        )
        about.write_row(["format", FORMAT])
        about.write_row(["format_version", FORMAT_VERSION])
        about.write_row(["schema_revision", whole.schema_revision(db)])
        about.write_row(["application", f"Saiga Desk {__version__}"])
        about.write_row(["exported_at", dt.datetime.now().isoformat(timespec="seconds")])
        about.write_row(["tables", json.dumps(counts)])
        for t in tables:
            sheet = book.add_sheet(t.name, _specs(t))
            converters = [_to_cell(c) for c in whole.columns(t)]
            for row in whole.stream_rows(db, t):
                sheet.write_row([f(v) for f, v in zip(converters, row, strict=True)])
                done += 1
                if done % BATCH == 0:
                    progress.report(done, total, _("Exporting {table}").format(table=t.name))
            result.tables[t.name] = counts[t.name]
            progress.report(done, total, _("Exporting {table}").format(table=t.name))
        progress.report(total, total, _("Writing {file}").format(file=Path(path).name))
    result.warnings = book.warnings
    return result


def _to_cell(col):
    if isinstance(col.type, DateTime):
        return lambda v: v.isoformat(sep=" ") if v is not None else None
    return lambda v: v


# ------------------------------------------------------------------------------------------------ import
def import_all(db, path, progress: Progress | None = None) -> AllResult:
    """Read a whole-database workbook into an empty database; InputError (nothing written) on any problem."""
    # deferred: loaded on first use, not at start-up (start-up speed)
    from saiga_desk.io.workbook import open_book

    progress = progress or Progress()
    path = os.fspath(path)
    name = os.path.basename(path)
    book = open_book(path)
    _check_about(book, path, name)
    whole.require_empty(db)
    long_parts = _long_text(book, name)
    tables = data_tables()
    problems: list[Problem] = []
    parsed: dict[str, list[dict]] = {}
    no_nul = db.engine.dialect.name == "postgresql"  # PostgreSQL text cannot hold U+0000
    for t in tables:
        progress.report(0, None, _("Reading {table}").format(table=t.name))
        parsed[t.name] = _read_table(book, t, name, long_parts, problems, no_nul)
    if problems:
        raise InputError(
            _("{file} was not imported: {n} problem(s); the first: {first}").format(
                file=name, n=len(problems), first=problems[0]
            ),
            problems,
        )
    result = AllResult(path=Path(path))
    result.tables = whole.restore(db, parsed, name, progress)
    return result


def _check_about(book, path: str, name: str) -> None:
    def refuse(message):
        return InputError(message, [Problem(message, name, ABOUT_SHEET)])

    if ABOUT_SHEET not in book.sheet_names:
        raise refuse(
            _("{file} is not a whole-database workbook of Saiga Desk (it has no sheet “About”).").format(
                file=name
            )
        )
    about = {
        str(r[0]): r[1] for r in book.sheet(ABOUT_SHEET).rows[1:] if r and r[0] is not None and len(r) > 1
    }
    if about.get("format") != FORMAT:
        raise refuse(_("{file} is not a whole-database workbook of Saiga Desk.").format(file=name))
    version = about.get("format_version")
    if _int(version) != FORMAT_VERSION:
        raise refuse(
            _("{file} was written in a format this version of Saiga Desk cannot read ({v}).").format(
                file=name, v=version
            )
        )


def _long_text(book, name: str) -> dict[tuple[str, int, str], list[tuple[int, str]]]:
    if LONG_TEXT_SHEET not in book.sheet_names:
        return {}
    parts: dict[tuple[str, int, str], list[tuple[int, str]]] = {}
    for r in book.sheet(LONG_TEXT_SHEET).rows[1:]:
        r = list(r) + [None] * (5 - len(r))
        sheet, row, column, part, value = r[:5]
        if sheet in (None, ""):
            continue
        parts.setdefault((str(sheet), _int(row), str(column)), []).append((_int(part) or 0, value or ""))
    return parts


def _read_table(
    book, t, name: str, long_parts: dict, problems: list[Problem], no_nul: bool = False
) -> list[dict]:
    if t.name not in book.sheet_names:
        problems.append(
            Problem(_("The sheet for the table {table} is missing.").format(table=t.name), name, t.name)
        )
        return []
    rows = book.sheet(t.name).rows
    if not rows:
        return []
    headers = [str(h) if h not in (None, "") else "" for h in rows[0]]
    columns = {c.name: c for c in t.columns}
    for h in headers:
        if h and h not in columns:
            problems.append(Problem(_("unknown column"), name, t.name, 1, h))
    index = {h: i for i, h in enumerate(headers) if h in columns}
    out = []
    for r_i, row in enumerate(rows[1:], start=2):
        if all(v in (None, "") for v in row):
            continue
        record = {}
        for col_name, col in columns.items():
            i = index.get(col_name)
            value = row[i] if i is not None and i < len(row) else None
            extra = long_parts.get((t.name, r_i, col_name))
            if extra:
                value = (value or "") + "".join(v for _, v in sorted(extra))
            try:
                record[col_name] = _from_cell(col, value)
                if no_nul and isinstance(record[col_name], str) and "\x00" in record[col_name]:
                    raise ValueError(
                        _("holds the NUL character, which this database (PostgreSQL) cannot store")
                    )
            except ValueError as e:
                if len(problems) < MAX_PROBLEMS:
                    problems.append(Problem(str(e), name, t.name, r_i, col_name))
        for col_name, col in columns.items():
            if record.get(col_name) is None and col_name not in index and col.default is not None:
                record.pop(col_name, None)  # a column the workbook lacks: the database default
        out.append(record)
    return out


def _from_cell(col, value):
    if value is None or value == "":
        if col.nullable or col.primary_key or not isinstance(col.type, String):
            return None
        return ""  # a required text column that was empty
    t = col.type
    if isinstance(t, Boolean):
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        s = str(value).strip().casefold()
        if s in ("true", "yes", "1", "да"):
            return True
        if s in ("false", "no", "0", "нет"):
            return False
        raise ValueError(_("must be yes or no, not {v!r}").format(v=value))
    if isinstance(t, DateTime):
        if isinstance(value, dt.datetime):
            return value
        try:
            return dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(
                _("must be a date and time (YYYY-MM-DD HH:MM:SS), not {v!r}").format(v=value)
            ) from None
    if isinstance(t, Date):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(_("must be a date (YYYY-MM-DD), not {v!r}").format(v=value)) from None
    if isinstance(t, Integer):
        n = _int(value)
        if n is None:
            raise ValueError(_("must be a whole number, not {v!r}").format(v=value))
        return n
    if isinstance(t, Numeric):
        try:
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(_("must be a number, not {v!r}").format(v=value)) from None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, str) else str(value)


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


__all__ = ["AllResult", "export_all", "import_all", "data_tables"]
