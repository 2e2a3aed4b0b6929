"""Importing contact lists: read, map, convert, classify against the database — reviewed before commit.

    plan = plan_import(db, "list.xlsx", designate=True)      # reads only; the database is untouched
    plan.rows[i].status  # new | changed | unchanged | duplicate | error (field-by-field changes)
    plan.rows[i].accepted = False; plan.rows[i].rejected_fields.add("phone")
    result = commit_import(db, plan)                          # one transaction, one ImportBatch
    undo_batch(db, result.batch_id)

The same engine serves participants (``kind="participants"``, see participant_import.py). Cells become
field values and rows are matched in import_rows.py; commit, undo and the error report are in
import_commit.py; the field-by-field review in import_review.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core.errors import InputError, Problem, Progress
from saiga_desk.core.text import fold as _core_fold
from saiga_desk.i18n import _
from saiga_desk.io import headers as hd
from saiga_desk.io import values as vl
from saiga_desk.io.workbook import Book, Sheet, fill_merged, open_book, paused_gc

PERSON_FIELDS = (
    "honorific", "given_name", "family_name", "given_name_latin", "family_name_latin", "position",
    "organization_id", "department", "email", "other_emails", "phone", "mobile", "address", "city",
    "country_id", "preferred_language", "notes",
)  # fmt: skip
DESIGNATION_FIELDS = ("role", "designated_on", "source_reference", "valid_from", "last_confirmed_on")
LANGUAGE_NAMES = {
    "english": "en", "английский": "en", "ағылшын": "en", "англи": "en", "russian": "ru", "русский": "ru",
    "орыс": "ru", "орос": "ru", "kazakh": "kk", "казахский": "kk", "қазақ": "kk", "mongolian": "mn",
    "монгольский": "mn", "монгол": "mn", "uzbek": "uz", "узбекский": "uz", "turkmen": "tk",
    "туркменский": "tk", "german": "de", "немецкий": "de", "french": "fr", "французский": "fr",
}  # fmt: skip
ROLE_NAMES = {
    "primary": "primary", "main": "primary", "ncp": "primary", "основной": "primary", "основное": "primary",
    "alternate": "alternate", "alternative": "alternate", "deputy": "alternate", "заместитель": "alternate",
    "альтернативный": "alternate", "technical": "technical", "технический": "technical",
    "техническое": "technical", "тех": "technical",
}  # fmt: skip
COUNTRY_ALIASES = {
    "russia": "RUS", "россия": "RUS", "российская федерация": "RUS", "ресей": "RUS", "орос": "RUS",
    "kazakhstan": "KAZ", "казахстан": "KAZ", "республика казахстан": "KAZ", "қазақстан": "KAZ",
    "казакстан": "KAZ", "mongolia": "MNG", "монголия": "MNG", "монгол": "MNG", "монгол улс": "MNG",
    "uzbekistan": "UZB", "узбекистан": "UZB", "республика узбекистан": "UZB", "o'zbekiston": "UZB",
    "ozbekiston": "UZB", "өзбекстан": "UZB", "turkmenistan": "TKM", "туркменистан": "TKM",
    "туркменстан": "TKM", "türkmenistan": "TKM", "germany": "DEU", "германия": "DEU", "uk": "GBR",
    "united kingdom": "GBR", "великобритания": "GBR", "usa": "USA", "united states": "USA", "сша": "USA",
    "switzerland": "CHE", "швейцария": "CHE", "china": "CHN", "китай": "CHN",
}  # fmt: skip
MAX_ERRORS_SHOWN = 200


STORED_AS = {"country": "country_id", "organization": "organization_id"}  # mapped field -> person column


class RowLayout:
    """What the rows of one plan share: file, sheet and which column holds which field."""

    __slots__ = ("file", "sheet", "cols", "columns")

    def __init__(self, file: str, sheet: str, cols: list[tuple[int, str]], letters: dict[int, str]):
        self.file, self.sheet, self.cols = file, sheet, cols
        self.columns = {letters[c]: f for c, f in cols}  # column letter -> field


@dataclass(slots=True, eq=False)
class RowPlan:
    row: int  # 1-based row number in the sheet
    status: str  # new | changed | unchanged | duplicate | error
    values: dict  # field -> value as it will be stored (person fields, designation/participant extras)
    cells: list | None = None  # the row's cells as read (texts are derived from them)
    layout: RowLayout | None = None
    person_id: int | None = None
    person_version: int | None = None
    changes: dict = field(default_factory=dict)  # field -> (old, new)
    problems: list[Problem] = field(default_factory=list)
    duplicate_of: int | None = None
    accepted: bool = True
    rejected_fields: set = field(default_factory=set)
    extra: dict = field(default_factory=dict)  # designation / participant plan

    base_status: str = "new"  # what the row is once its errors are fixed or their fields rejected

    @property
    def texts(self) -> dict:
        """Field -> the cell text as written (for review, duplicates and error reports)."""
        out: dict = {}
        if self.cells is None or self.layout is None:
            return out
        cells = self.cells
        for c, f in self.layout.cols:
            text = vl.cell_text(cells[c]) if c < len(cells) else None
            if text is not None:
                out[f] = text
        return out

    @property
    def effective(self) -> str:
        """The status that counts at commit: an error row whose errors were all rejected is new/changed."""
        if self.status != "error":
            return self.status
        if not self.errors:
            return self.base_status
        return self.status

    @property
    def errors(self) -> list[Problem]:
        if not self.problems:
            return []
        return [p for p in self.problems if p.severity == "error" and not self._rejected(p)]

    @property
    def warnings(self) -> list[Problem]:
        if not self.problems:
            return []
        return [p for p in self.problems if p.severity == "warning"]

    def _field_of(self, p: Problem) -> str | None:
        return self.layout.columns.get(p.column) if self.layout is not None and p.column else None

    def _rejected(self, p: Problem) -> bool:
        f = self._field_of(p)
        if f is None or not self.rejected_fields:
            return False
        return f in self.rejected_fields or STORED_AS.get(f) in self.rejected_fields


@dataclass
class ImportPlan:
    path: str
    file_name: str
    file_hash: str
    kind: str
    sheet: str
    sheet_names: list[str]
    header_row: int  # 1-based
    headers: list
    mapping: list  # field or None per column
    rows: list[RowPlan]
    problems: list[Problem] = field(default_factory=list)  # sheet-level errors and warnings
    designate: bool = False
    meeting_id: int | None = None
    remembered: bool = False  # mapping came from the memory of an earlier file
    preview: list[list] = field(default_factory=list)  # first rows of the sheet, for the wizard
    names: dict = field(default_factory=dict)  # "organization"/"country" -> {id: name}, for the review

    def counts(self) -> dict:
        c = {"new": 0, "changed": 0, "unchanged": 0, "duplicate": 0, "error": 0, "rejected": 0}
        for r in self.rows:
            if not r.accepted:
                c["rejected"] += 1
            c[r.status] += 1
        return c

    def blocking(self) -> list[Problem]:
        """Errors still standing: in accepted rows, or about the sheet itself."""
        out = [p for p in self.problems if p.severity == "error"]
        for r in self.rows:
            if r.accepted and r.problems:
                out.extend(r.errors)
        return out

    def warnings(self) -> list[Problem]:
        out = [p for p in self.problems if p.severity == "warning"]
        for r in self.rows:
            if r.problems:
                out.extend(r.warnings)
        return out


# ---------------------------------------------------------------------------- reading
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


def column_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def remembered_mapping(db, headers: list, kind: str) -> list | None:
    key = hd.mapping_key(headers, kind)
    with db.session() as s:
        row = s.get(m.Setting, key)
        if row is None or not row.value:
            return None
        try:
            data = json.loads(row.value)
        except ValueError:
            return None
    mapping = data.get("mapping") if isinstance(data, dict) else None
    if not isinstance(mapping, list):
        return None
    allowed = set(hd.KIND_FIELDS[kind])
    return [f if f in allowed else None for f in mapping][: len(headers)] + [None] * max(
        0, len(headers) - len(mapping)
    )


# ---------------------------------------------------------------------------- reference data
class Lookups:
    """Countries, organizations, signatories and persons, loaded once for matching."""

    def __init__(self, db, kind: str):
        self._cache: dict = {}
        with db.session() as s:
            self.countries: dict[str, int] = {}
            self.country_names: dict[int, str] = {}
            for c in s.execute(
                select(m.Country.id, m.Country.code, m.Country.alpha2, m.Country.name_en, m.Country.name_ru)
            ):
                self.country_names[c.id] = c.name_en
                for k in (c.code, c.alpha2, c.name_en, c.name_ru):
                    if k:
                        self.countries.setdefault(fold(k), c.id)
            by_code = {fold(c.code): c.id for c in s.execute(select(m.Country.id, m.Country.code))}
            for alias, code in COUNTRY_ALIASES.items():
                if fold(code) in by_code:
                    self.countries.setdefault(fold(alias), by_code[fold(code)])
            self.orgs: dict[str, int] = {}
            self.org_names: dict[int, str] = {}
            for o in s.execute(
                select(
                    m.Organization.id, m.Organization.name_en, m.Organization.name_ru, m.Organization.acronym
                )
            ):
                self.org_names[o.id] = o.acronym or o.name_en
                for k in (o.name_en, o.name_ru, o.acronym):
                    if k:
                        self.orgs.setdefault(fold(k), o.id)
            self.state_signatory: dict[int, int] = dict(
                s.execute(
                    select(m.Signatory.country_id, m.Signatory.id).where(m.Signatory.kind == "state")
                ).all()
            )
            cols = [getattr(m.Person, f) for f in PERSON_FIELDS]
            self.persons: dict[int, dict] = {}
            self.by_email: dict[str, int] = {}
            self.by_name: dict[tuple, int] = {}
            keys = ("id", "version", *PERSON_FIELDS)
            by_email, by_name, persons = self.by_email, self.by_name, self.persons
            # Core rows (no ORM loading) for the one query that may return every person
            for row in s.connection().execute(select(m.Person.id, m.Person.version, *cols)):
                d = dict(zip(keys, row, strict=True))
                pid = d["id"]
                persons[pid] = d
                if d["email"]:
                    by_email.setdefault(d["email"].casefold(), pid)
                by_name.setdefault((fold(d["family_name"]), fold(d["given_name"]), d["country_id"]), pid)

    def country(self, text: str) -> int | None:
        try:
            return self._cache[("c", text)]
        except KeyError:
            got = self._cache[("c", text)] = self.countries.get(fold(text))
            return got

    def org(self, text: str) -> int | None:
        try:
            return self._cache[("o", text)]
        except KeyError:
            got = self._cache[("o", text)] = self.orgs.get(fold(text))
            return got


def fold(text) -> str:
    """core.text.fold with a fast path for ASCII text (no accents or invisible characters to remove)."""
    if not text:
        return ""
    if text.isascii():
        t = text.casefold()
        return t if t.isalnum() else " ".join(t.split())
    return _core_fold(text)


def search_key(*parts) -> str:
    """core.text.search_key through the fast fold (same result)."""
    return " ".join(p for p in (fold(str(x)) for x in parts if x not in (None, "")) if p)


def name_key(family, given, country_id) -> tuple:
    return (fold(family), fold(given), country_id)


# ---------------------------------------------------------------------------- planning
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
) -> ImportPlan:
    """Read ``path`` and classify every row against the database. Reads only; raises InputError when the
    file itself is refused (type, safety, no such sheet, nothing to import)."""
    with paused_gc():
        return _plan(db, path, kind, sheet, header_row, mapping, designate, meeting_id, progress, book)


def _plan(db, path, kind, sheet, header_row, mapping, designate, meeting_id, progress, book) -> ImportPlan:
    path = os.fspath(path)
    name = os.path.basename(path)
    book = book or open_book(path)
    if sheet is None:
        sheet = choose_sheet(book, kind)
    sh: Sheet = book.sheet(sheet)
    problems: list[Problem] = []
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
            mapping = hd.guess_mapping(headers, kind)
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
    from saiga_desk.io.import_rows import STEP, RowConverter, classify

    conv = RowConverter(plan, sh, lookups, book.date1904)
    data_rows = sh.rows[hr + 1 :]
    total = len(data_rows)
    seen_email: dict[str, RowPlan] = {}
    seen_name: dict[tuple, RowPlan] = {}
    claimed: dict[int, RowPlan] = {}
    for start in range(0, total, STEP):
        if progress is not None:
            progress.report(start, total, _("Checking rows"))
        for rp in conv.convert_rows(hr + 1 + start, data_rows[start : start + STEP]):
            classify(rp, lookups, seen_email, seen_name, claimed)
            plan.rows.append(rp)
    if kind == "participants":
        from saiga_desk.io.participant_import import plan_participants

        plan_participants(db, plan, lookups)
    elif designate:
        from saiga_desk.io.import_designations import plan_designations

        plan_designations(db, plan, lookups)
    if not plan.rows:
        msg = _("The sheet has a header row but no data rows: there is nothing to import.")
        raise InputError(str(Problem(msg, name, sheet, hr + 1)), [Problem(msg, name, sheet, hr + 1)])
    if progress is not None:
        progress.report(total, total, _("Checked"))
    return plan


def same_text(a: str | None, b: str | None) -> bool:
    """Equal for matching: folded, NFC."""
    return fold(unicodedata.normalize("NFC", a or "")) == fold(unicodedata.normalize("NFC", b or ""))


def today() -> dt.date:
    return dt.date.today()


# re-exported for callers: commit, undo and error reports live in import_commit.py
from saiga_desk.io.import_commit import commit_import, import_file, undo_batch, write_error_report  # noqa: E402

__all__ = [
    "ImportPlan", "RowPlan", "plan_import", "commit_import", "undo_batch", "write_error_report", "import_file",
    "choose_sheet",
]  # fmt: skip
