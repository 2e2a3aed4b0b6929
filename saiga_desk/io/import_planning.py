"""Planning an import: read the file, find the sheet and its header row, map the columns, convert every row
and classify it against the database (new | changed | unchanged | duplicate | error). Reads only: the
database is untouched until the reviewed plan is committed (import_commit.py).
"""

from __future__ import annotations

import hashlib
import os

from saiga_desk.core import preferences
from saiga_desk.core.errors import InputError, Problem, Progress
from saiga_desk.i18n import _
from saiga_desk.io import headers as hd
from saiga_desk.io.import_designations import plan_designations
from saiga_desk.io.import_footers import footer_problems, footer_start
from saiga_desk.io.import_matching import Matcher
from saiga_desk.io.import_plan import ImportPlan, Lookups, column_letter
from saiga_desk.io.import_rows import STEP, RowConverter
from saiga_desk.io.participant_import import plan_participants
from saiga_desk.io.workbook import Book, Sheet, fill_merged, open_book, paused_gc


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def choose_sheet(book: Book, kind: str = "contacts") -> str:
    """The visible sheet that looks most like a list: most recognized headers, then most rows."""
    best, best_key = None, None
    for name in book.visible_sheets() or book.sheet_names:
        sheet = book.sheet(name)
        _row, score = hd.find_header_row(sheet.rows, kind)
        key = (score, len(sheet.rows))
        if best_key is None or key > best_key:
            best, best_key = name, key
    return best or book.sheet_names[0]


def remembered_mapping(db, headers: list, kind: str) -> list | None:
    key = hd.mapping_key(headers, kind)
    data = preferences.import_mapping(key).get(db)
    mapping = data.get("mapping") if isinstance(data, dict) else None
    if not isinstance(mapping, list):
        return None
    allowed = set(hd.KIND_FIELDS[kind])
    return [f if f in allowed else None for f in mapping][: len(headers)] + [None] * max(
        0, len(headers) - len(mapping)
    )


def plan_import(
    db,
    path: str,
    *,
    kind: str = "contacts",
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: list | None = None,
    designate: bool = False,
    meeting_id: int | None = None,
    progress: Progress | None = None,
    book: Book | None = None,
    match_names: bool = False,
) -> ImportPlan:
    """Read ``path`` and classify every row against the database. Reads only; raises InputError when the
    file itself is refused (type, safety, no such sheet, nothing to import). ``match_names``: a row with the
    name and country of a stored person but another or no email updates that person (otherwise it is new,
    with a warning; import_matching.py)."""
    with paused_gc():
        return _plan(db, path, kind, sheet, header_row, mapping, designate, meeting_id, progress, book,
                     match_names)  # fmt: skip


def _plan(db, path, kind, sheet, header_row, mapping, designate, meeting_id, progress, book,
          match_names) -> ImportPlan:  # fmt: skip
    path = os.fspath(path)
    name = os.path.basename(path)
    book = book or open_book(path)
    if sheet is None:
        sheet = choose_sheet(book, kind)
    sh: Sheet = book.sheet(sheet)
    problems: list[Problem] = list(sh.warnings)  # what reading cut or lost (workbook.py)
    filled = fill_merged(sh) if sh.merged else 0
    if not sh.rows:
        raise InputError(
            str(Problem(_("The sheet is empty: there is nothing to import."), name, sheet)),
            [Problem(_("The sheet is empty: there is nothing to import."), name, sheet)],
        )
    guessed_row, score = hd.find_header_row(sh.rows, kind)
    hr = (header_row - 1) if header_row else guessed_row
    if hr >= len(sh.rows):
        raise InputError(
            str(Problem(_("The header row is beyond the end of the sheet."), name, sheet, hr + 1))
        )
    headers = list(sh.rows[hr])
    remembered = False
    if mapping is None:
        mapping = remembered_mapping(db, headers, kind)
        remembered = mapping is not None
        if mapping is None:
            mapping = hd.guess_mapping(headers, kind, sh.hidden_cols)
    mapping = list(mapping) + [None] * (len(headers) - len(mapping))
    if not any(mapping):
        msg = _(
            "No column header was recognized in row {row} (expected headers such as Family name, Given name, "
            "Email, Country)."
        ).format(row=hr + 1)
        raise InputError(str(Problem(msg, name, sheet, hr + 1)), [Problem(msg, name, sheet, hr + 1)])
    if not ({"family_name", "full_name"} & set(mapping)):
        msg = _("No column holds the family name (Family name, Surname, Фамилия, ФИО...).")
        raise InputError(str(Problem(msg, name, sheet, hr + 1)), [Problem(msg, name, sheet, hr + 1)])
    if filled:
        problems.append(
            Problem(_("Merged cells were filled with their value."), name, sheet, severity="warning")
        )
    for c in sorted(sh.hidden_cols):
        if c < len(mapping) and mapping[c]:
            problems.append(
                Problem(_("This column is hidden in the workbook; it was read."), name, sheet, hr + 1,
                        column_letter(c), "warning")
            )  # fmt: skip
    for c, h in enumerate(headers):
        if (
            not mapping[c]
            and h not in (None, "")
            and any(r[c] not in (None, "") for r in sh.rows[hr + 1 : hr + 200] if c < len(r))
        ):
            known = hd.recognize(h, kind)
            if known and known in mapping:
                msg = _("Column {header!r} is not imported: column {other} already holds {field}.").format(
                    header=str(h), other=column_letter(mapping.index(known)), field=_(hd.FIELDS[known].label)
                )
            else:
                msg = _("Column {header!r} is not imported (not recognized).").format(header=str(h))
            problems.append(Problem(msg, name, sheet, hr + 1, column_letter(c), "warning"))  # fmt: skip
    lookups = Lookups(db, kind)
    plan = ImportPlan(
        path,
        name,
        file_sha256(path),
        kind,
        sheet,
        book.sheet_names,
        hr + 1,
        headers,
        mapping,
        [],
        problems,
        designate,
        meeting_id,
        remembered,
        [list(r) for r in sh.rows[: hr + 16]],
    )
    plan.names = {"organization": lookups.org_names, "country": lookups.country_names}
    plan.match_names = match_names
    conv = RowConverter(plan, sh, lookups, book.date1904)
    end = footer_start(sh.rows, hr + 1, mapping)
    problems.extend(footer_problems(sh.rows, end, name, sheet))
    data_rows = sh.rows[hr + 1 : end]
    total = len(data_rows)
    for start in range(0, total, STEP):
        if progress is not None:
            progress.report(start, total, _("Checking rows"))
        plan.rows.extend(conv.convert_rows(hr + 1 + start, data_rows[start : start + STEP]))
    matcher = Matcher(plan, lookups, [rp for rp in plan.rows if not rp.hidden])
    for rp in plan.rows:
        if rp.hidden:  # left out unless the review takes it back: it neither claims nor shadows a row
            matcher.alone(rp)
            rp.accepted = False
        else:
            matcher.classify(rp)
    if kind == "participants":
        plan_participants(db, plan, lookups)
    elif designate:
        plan_designations(db, plan, lookups)
    if not plan.rows:
        msg = _("The sheet has a header row but no data rows: there is nothing to import.")
        raise InputError(str(Problem(msg, name, sheet, hr + 1)), [Problem(msg, name, sheet, hr + 1)])
    if progress is not None:
        progress.report(total, total, _("Checked"))
    return plan
