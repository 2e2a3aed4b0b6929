"""The plan of an import, as the review sees it: one RowPlan per sheet row (values, status, changes, problems,
what the officer rejected) in an ImportPlan, the reference data rows are matched against (Lookups), and
the words a sheet may use for languages, roles and countries. No Qt, no writing: reading and matching are
in import_planning.py and import_rows.py, the commit in import_commit.py.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from types import MappingProxyType

from saiga_desk.core import import_references as references
from saiga_desk.core import person_email
from saiga_desk.core.errors import Problem
from saiga_desk.core.imports import PERSON_COLUMNS
from saiga_desk.core.person_fields import REFERENCES
from saiga_desk.core.text import fold
from saiga_desk.io import headers as hd
from saiga_desk.io import values as vl
from saiga_desk.io.sheet_grid import column_letter  # noqa: F401 (import_plan.column_letter: the review and the import use it)

PERSON_FIELDS = (
    PERSON_COLUMNS  # the Person columns a row may write (core/person_fields.py, references resolved)
)
DESIGNATION_FIELDS = tuple(f.key for f in hd.DESIGNATION_FIELDS)
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


STORED_AS = REFERENCES  # mapped field -> person column
NOTHING: Mapping = MappingProxyType({})  # what a row shares while nothing is said of it (read-only)


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
    changes: Mapping = field(default_factory=lambda: NOTHING)  # field -> (old, new); note_change() writes it
    problems: Sequence[Problem] = ()  # add_problem() and drop_link_problems() write it
    duplicate_of: int | None = None
    possible_row: int | None = None  # an earlier row of the file with the same folded name and country
    possible_person: int | None = None  # a stored person with the same folded name and country
    accepted: bool = True
    rejected_fields: AbstractSet[str] = frozenset()  # reject() and take_back() write it
    extra: Mapping = field(default_factory=lambda: NOTHING)  # designation / participant plan; set_extra() writes it
    hidden: bool = False  # a hidden row of the sheet: not accepted unless the review takes it back

    base_status: str = "new"  # what the row is once its errors are fixed or their fields rejected

    # A plan of 100,000 rows holds one RowPlan each: the rows that nothing was said of share one empty value for
    # their changes, problems, rejected fields and extras (measured 40 MB less than an empty dict, list and set
    # per row), and these are the only writers, each making the row its own container on its first write.

    def note_change(self, key: str, pair: tuple) -> None:
        if self.changes is NOTHING:
            self.changes = {}
        self.changes[key] = pair

    def add_problem(self, p: Problem, link: bool = False) -> None:
        """One more problem of the row; ``link``: said by its designation or participant planning (forgotten
        when that is planned again, drop_link_problems())."""
        if self.problems.__class__ is not list:
            self.problems = list(self.problems)
        self.problems.append(p)
        if link:
            self._own_extra().setdefault("link_problems", []).append(p)

    def drop_link_problems(self) -> None:
        """Forget what the designation or participant planning said of the row."""
        said = self.take_extra("link_problems") or ()
        if said:
            self.problems = [p for p in self.problems if all(p is not q for q in said)]

    def set_extra(self, key: str, value) -> None:
        self._own_extra()[key] = value

    def _own_extra(self) -> dict:
        if self.extra is NOTHING:
            self.extra = {}
        return self.extra

    def take_extra(self, key: str):
        """The extra ``key`` (None when there is none), removed from the row."""
        return self.extra.pop(key, None) if self.extra is not NOTHING else None

    def reject(self, key: str) -> None:
        self.rejected_fields = self.rejected_fields | {key}

    def take_back(self, key: str) -> None:
        self.rejected_fields = self.rejected_fields - {key}

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
        """The status that counts at commit: an error row whose errors were all rejected is new/changed; a
        changed row whose every change was rejected is unchanged."""
        status = self.status
        if status == "error":
            if self.errors:
                return status
            status = self.base_status
        if status == "changed" and self.rejected_fields and self.changes and self.rejected_fields.issuperset(self.changes):
            return "unchanged"
        return status

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
    match_names: bool = False  # a possible match (same name and country) updates the stored person
    stored: dict = field(default_factory=dict)  # person id -> stored values, for the possible matches
    relink: Callable | None = field(default=None, repr=False)  # plans a row's designation/participant again

    def counts(self) -> dict:
        c = {"new": 0, "changed": 0, "unchanged": 0, "duplicate": 0, "error": 0, "rejected": 0, "possible": 0}
        for r in self.rows:
            if not r.accepted:
                c["rejected"] += 1
            if r.possible_person is not None:
                c["possible"] += 1
            c[r.effective] += 1  # an error dealt with, or every change rejected, counts as what it now is
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


# ---------------------------------------------------------------------------- reference data
class Lookups:
    """Countries, organizations, signatories and persons, loaded once for matching."""

    def __init__(self, db, kind: str):
        self._cache: dict = {}
        ref = references.references(db)
        self.countries: dict[str, int] = {}
        self.country_names: dict[int, str] = {}
        for c in ref.countries:
            self.country_names[c.id] = c.name_en
            for k in (c.code, c.alpha2, c.name_en, c.name_ru):
                if k:
                    self.countries.setdefault(fold(k), c.id)
        by_code = {fold(c.code): c.id for c in ref.countries}
        for alias, code in COUNTRY_ALIASES.items():
            if fold(code) in by_code:
                self.countries.setdefault(fold(alias), by_code[fold(code)])
        self.orgs: dict[str, int] = {}
        self.org_names: dict[int, str] = {}
        self.org_words: list[tuple[str, int, int | None]] = []  # (" words of a name ", id, country)
        for o in ref.organizations:
            self.org_names[o.id] = o.acronym or o.name_en or o.name_ru or f"#{o.id}"
            for k in (o.name_en, o.name_ru, o.acronym):
                if k:
                    self.orgs.setdefault(fold(k), o.id)
            for k in (o.name_en, o.name_ru):
                if k:
                    self.org_words.append((f" {words(k)} ", o.id, o.country_id))
        self.state_signatory: dict[int, int] = ref.state_signatory
        self.persons: dict[int, dict] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[tuple, int] = {}  # the first person of a folded name and country
        self.more_by_name: dict[tuple, list[int]] = {}  # every person of a name several persons share
        keys = references.PERSON_KEYS
        by_email, by_name, persons = self.by_email, self.by_name, self.persons
        for row in references.persons(db):
            d = dict(zip(keys, row, strict=True))
            pid = d["id"]
            persons[pid] = d
            if d["email"]:
                by_email.setdefault(email_key(d["email"]), pid)
            nkey = (fold(d["family_name"]), fold(d["given_name"]), d["country_id"])
            first = by_name.setdefault(nkey, pid)
            if first != pid:
                self.more_by_name.setdefault(nkey, [first]).append(pid)

    def named(self, nkey: tuple) -> list[int]:
        """The stored persons of a folded family name, given name and country."""
        if nkey in self.more_by_name:
            return self.more_by_name[nkey]
        pid = self.by_name.get(nkey)
        return [] if pid is None else [pid]

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
            key = fold(text)
            got = self.orgs.get(key)
            bracket = _BRACKETED.match(key) if got is None else None
            if bracket:  # "Name (ACRONYM)"
                got = self.orgs.get(bracket.group(2).strip()) or self.orgs.get(bracket.group(1).strip())
            self._cache[("o", text)] = got
            return got

    def org_within(self, text: str, country_id: int | None) -> int | None:
        """The one organization (of the row's country) whose English or Russian name holds ``text`` as whole
        words: "Комитет лесного хозяйства и животного мира" is the Committee stored with its longer name."""
        key = ("w", text, country_id)
        if key in self._cache:
            return self._cache[key]
        w = words(text)
        found: set[int] = set()
        if len(w) >= _MIN_WITHIN and " " in w:
            needle = f" {w} "
            for name, oid, cid in self.org_words:
                if needle in name and (country_id is None or cid == country_id):
                    found.add(oid)
        got = self._cache[key] = found.pop() if len(found) == 1 else None
        return got


def search_key(*parts) -> str:
    """core.text.search_key (kept for callers of this module)."""
    return " ".join(p for p in (fold(str(x)) for x in parts if x not in (None, "")) if p)


def name_key(family, given, country_id) -> tuple:
    return (fold(family), fold(given), country_id)


def email_key(email: str | None) -> str | None:
    """An address as it is matched (core/person_email.email_key), None for none."""
    return person_email.email_key(email) or None


def words(text: str | None) -> str:
    """Folded words, punctuation read as spaces: how organization names are compared."""
    return _NON_WORD.sub(" ", fold(text)).strip()


_NON_WORD = re.compile(r"[\W_]+")
_BRACKETED = re.compile(r"^(.*?)\s*\(([^()]+)\)$")
_MIN_WITHIN = 12  # a shorter text never matches inside a longer organization name


def same_text(a: str | None, b: str | None) -> bool:
    """Equal for matching: folded, NFC."""
    return fold(unicodedata.normalize("NFC", a or "")) == fold(unicodedata.normalize("NFC", b or ""))


def today() -> dt.date:
    return dt.date.today()
