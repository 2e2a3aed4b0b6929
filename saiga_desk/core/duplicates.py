"""Finding duplicates: candidate pairs of persons and of organizations, scored, with their reasons.

Records are put in blocks by matching keys (a shared email, phone, the family name in one Latin form
with the given name's initial, an organization's canonical name, acronym or words);
only records that share a block are compared, so 100,000 persons take seconds, not 5·10⁹ comparisons.
A block too big to mean anything (a shared "info@" address, the commonest surname) is split by a finer
key or left out. Pairs marked "not duplicates" are never proposed (``core/merges.py`` marks them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from sqlalchemy import select

from saiga_desk.core import duplicate_keys as k
from saiga_desk.core import models as m
from saiga_desk.core.errors import Progress, SaigaError
from saiga_desk.core.text import fold
from saiga_desk.i18n import N_, _

KINDS = ("persons", "organizations")
DEFAULT_MIN_SCORE = 50
MAX_BLOCK = 50  # records in one block compared pairwise; bigger blocks are split or left out

# reasons: stable English (the JSON of the command line), translated when shown
SAME_EMAIL = N_("same email")
SAME_EMAIL_CASE = N_("same email, different case")
SAME_NAME = N_("same name")
CROSS_SCRIPT = N_("same name in Cyrillic and Latin")
YO_E = N_("ё/е")
OTHER_SPELLING = N_("same name, other spelling")
INITIALS = N_("initials")
SWAPPED = N_("swapped given and family names")
SIMILAR = N_("similar names")
SAME_PHONE = N_("same phone")
SAME_ORG_POSITION = N_("same organization and position")
ABBREVIATIONS = N_("same name with known abbreviations")
RU_EN = N_("same name in Russian and English")
SAME_ACRONYM = N_("same acronym")
ACRONYM = N_("acronym of the other's name")
SAME_WEBSITE = N_("same website")


@dataclass(frozen=True)
class Candidate:
    """Two records that may be one: ``ids`` lowest first, ``score`` 0-100, ``reasons`` in English."""

    kind: str
    ids: tuple[int, int]
    score: int
    reasons: tuple[str, ...]
    titles: tuple[str, str] = ("", "")

    def as_json(self) -> dict:
        return {"kind": self.kind, "ids": list(self.ids), "score": self.score, "reasons": list(self.reasons)}

    def shown_reasons(self) -> str:
        return ", ".join(_(r) for r in self.reasons)


@dataclass
class _Found:
    points: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: int, reason: str | None = None) -> None:
        self.points += points
        if reason and reason not in self.reasons:
            self.reasons.append(reason)


def find_duplicates(
    db, kind: str, min_score: int = DEFAULT_MIN_SCORE, progress: Progress | None = None
) -> list[Candidate]:
    """Candidate pairs of ``kind`` ("persons" or "organizations") scoring at least ``min_score``, best
    first. ``progress`` reports the scan and cancels it (CancelledError)."""
    if kind not in KINDS:
        raise SaigaError(
            _("Duplicates are found among persons or organizations, not {kind}.").format(kind=kind)
        )
    progress = progress or Progress()
    with db.session() as s:
        marked = {
            (a, b)
            for a, b in s.execute(
                select(m.NotDuplicate.first_id, m.NotDuplicate.second_id).where(m.NotDuplicate.kind == kind)
            )
        }
        if kind == "persons":
            rows = s.execute(
                select(m.Person.id, m.Person.given_name, m.Person.family_name, m.Person.given_name_latin,
                       m.Person.family_name_latin, m.Person.email, m.Person.other_emails, m.Person.phone,
                       m.Person.mobile, m.Person.organization_id, m.Person.position, m.Person.country_id)
            ).all()  # fmt: skip
            records = _scan(rows, _PersonRecord, progress)
        else:
            rows = s.execute(
                select(m.Organization.id, m.Organization.name_en, m.Organization.name_ru,
                       m.Organization.acronym, m.Organization.country_id, m.Organization.website,
                       m.Organization.email)
            ).all()  # fmt: skip
            records = _scan(rows, _OrganizationRecord, progress)
    return _pairs(kind, records, marked, min_score, progress)


def _scan(rows, record_type, progress: Progress) -> list:
    total = len(rows)
    out = []
    for n, row in enumerate(rows):
        if n % 5000 == 0:
            progress.report(n, total * 2, _("Reading {n} of {total} records").format(n=n, total=total))
        out.append(record_type(row))
    return out


def _pairs(kind: str, records: list, marked: set, min_score: int, progress: Progress) -> list[Candidate]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        for key in rec.keys():
            blocks[key].append(i)
    seen: set[tuple[int, int]] = set()
    found: list[Candidate] = []
    total = len(records)
    for n, members in enumerate(_small_blocks(blocks, records)):
        if n % 2000 == 0:
            progress.report(total + min(total, n), total * 2, _("Comparing {kind}").format(kind=_(kind)))
        for x in range(len(members)):
            a = records[members[x]]
            for y in range(x + 1, len(members)):
                b = records[members[y]]
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if pair in seen or pair in marked:
                    continue
                seen.add(pair)
                result = a.compare(b)
                if result is None or result.points < min_score or not result.reasons:
                    continue
                first, second = (a, b) if a.id < b.id else (b, a)
                found.append(
                    Candidate(
                        kind,
                        pair,
                        min(100, result.points),
                        tuple(result.reasons),
                        (first.title, second.title),
                    )
                )
    progress.report(total * 2, total * 2, _("Comparing {kind}").format(kind=_(kind)))
    found.sort(key=lambda c: (-c.score, c.ids))
    return found


def _small_blocks(blocks: dict[str, list[int]], records: list) -> Iterable[list[int]]:
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        if len(members) <= MAX_BLOCK:
            yield members
            continue
        if not key.startswith("n:"):  # a shared office address or phone: says nothing
            continue
        finer: dict[str, list[int]] = defaultdict(list)
        for i in members:
            finer[records[i].finer_key(key)].append(i)
        for sub in finer.values():
            if 2 <= len(sub) <= MAX_BLOCK:
                yield sub


# ------------------------------------------------------------------------------------------------ persons
class _Name:
    __slots__ = ("given", "family", "gform", "fform")

    def __init__(self, given, family):
        self.given = (given or "").strip()
        self.family = (family or "").strip()
        self.gform = k.name_form(self.given)
        self.fform = k.name_form(self.family)


class _PersonRecord:
    __slots__ = ("id", "names", "script", "emails", "phones", "org", "position", "country")

    def __init__(self, row):
        (self.id, given, family, given_lat, family_lat, email, other, phone, mobile, self.org, position,
         self.country) = row  # fmt: skip
        self.names = [_Name(given, family)]
        if family_lat or given_lat:
            self.names.append(_Name(given_lat or given, family_lat or family))
        self.script = k.script_of(f"{given or ''}{family or ''}")
        self.emails = k.email_keys(email, other)
        self.phones = {p for p in (k.phone_key(phone), k.phone_key(mobile)) if p}
        self.position = fold(position) if position else ""

    @property
    def title(self) -> str:
        first = self.names[0]
        return f"{first.given} {first.family}".strip() or f"#{self.id}"

    def keys(self) -> set[str]:
        out = {"e:" + e.casefold() for e in self.emails} | {"p:" + p for p in self.phones}
        for nm in self.names:
            if nm.fform:
                out.add(f"n:{nm.fform}|{k.initial(nm.gform)}")
            if nm.gform and nm.fform:  # both names, in either order: meets a record with swapped names
                out.add("s:" + "|".join(sorted((nm.gform, nm.fform))))
        return out

    def finer_key(self, key: str) -> str:
        for nm in self.names:
            if key == f"n:{nm.fform}|{k.initial(nm.gform)}":
                return nm.gform[:3]
        return self.names[0].fform[:3]

    def compare(self, other: _PersonRecord) -> _Found | None:
        f = _Found()
        self._compare_names(other, f)
        mine = {e.casefold(): e for e in self.emails}
        for e in other.emails:
            if e.casefold() in mine:
                f.add(60, SAME_EMAIL if mine[e.casefold()] == e else SAME_EMAIL_CASE)
                break
        if self.phones & other.phones:
            f.add(25, SAME_PHONE)
        if self.org and self.org == other.org:
            if self.position and self.position == other.position:
                f.add(15, SAME_ORG_POSITION)
            else:
                f.add(5)
        if self.country and other.country:
            f.add(5 if self.country == other.country else -20)
        return f

    def _compare_names(self, other: _PersonRecord, f: _Found) -> None:
        best: tuple[int, str | None] = (0, None)
        # one written with Cyrillic letters (wholly or partly), the other in Latin letters only
        cross = {self.script, other.script} in ({"cyrillic", "latin"}, {"mixed", "latin"})
        for a in self.names:
            for b in other.names:
                got = _name_points(a, b, cross)
                if got[0] > best[0]:
                    best = got
        if best[0]:
            f.add(*best)


def _name_points(a: _Name, b: _Name, cross_script: bool) -> tuple[int, str | None]:
    if not a.fform or not b.fform:
        return 0, None
    if a.fform == b.fform:
        if a.gform and a.gform == b.gform:
            if cross_script:
                return 50, CROSS_SCRIPT
            if a.family.casefold() == b.family.casefold() and a.given.casefold() == b.given.casefold():
                return 50, SAME_NAME
            if k.yo_blind(a.family) == k.yo_blind(b.family) and k.yo_blind(a.given) == k.yo_blind(b.given):
                return 50, YO_E
            return 45, OTHER_SPELLING
        if (k.is_initial(a.given) or k.is_initial(b.given)) and a.gform[:1] == b.gform[:1] and a.gform:
            return 40, INITIALS
        if not a.gform or not b.gform:
            return 25, None
        if _similarity(a.gform, b.gform) >= 0.8:
            return 40, SIMILAR
        return 10, None
    if a.gform and a.gform == b.fform and a.fform == b.gform:
        return 45, SWAPPED
    fam = _similarity(a.fform, b.fform)
    if fam >= 0.8 and a.gform and b.gform and _similarity(a.gform, b.gform) >= 0.8:
        return int(45 * fam), CROSS_SCRIPT if cross_script else SIMILAR
    return 0, None


@lru_cache(maxsize=262_144)  # the same two name forms meet again and again in a big list
def _similarity(a: str, b: str) -> float:
    if abs(len(a) - len(b)) > max(len(a), len(b)) // 3:
        return 0.0  # too different in length to reach 0.8
    return SequenceMatcher(None, a, b).ratio()


# ------------------------------------------------------------------------------------------ organizations
class _OrganizationRecord:
    __slots__ = ("id", "names", "acronym", "initials", "country", "website", "email", "words", "title")

    def __init__(self, row):
        self.id, name_en, name_ru, acronym, self.country, website, email = row
        self.names = [(n, k.org_key(n)) for n in (name_en, name_ru) if n and n.strip()]
        self.acronym = fold(acronym).replace(".", "").replace(" ", "")
        self.initials = {a for a in (k.acronym_of(name_en), k.acronym_of(name_ru)) if len(a) >= 2}
        self.words = set().union(*(set(key.split()) for _n, key in self.names)) if self.names else set()
        self.website = fold(website).removeprefix("https://").removeprefix("http://").removeprefix("www.")
        self.website = self.website.rstrip("/")
        self.email = fold(email)
        self.title = acronym or name_en or f"#{self.id}"

    def keys(self) -> set[str]:
        out = {"k:" + key for _n, key in self.names if key}
        out |= {"a:" + a for a in ({self.acronym} | self.initials) if a}
        out |= {"w:" + w for w in self.words if len(w) > 3}
        return out

    def finer_key(self, key: str) -> str:
        return ""

    def compare(self, other: _OrganizationRecord) -> _Found | None:
        if self.country and other.country and self.country != other.country:
            return None  # a ministry of ecology in each country: namesakes, not duplicates
        f = _Found()
        best: tuple[int, str | None] = (0, None)
        for a, akey in self.names:
            for b, bkey in other.names:
                if not akey or akey != bkey:
                    continue
                if fold(a) == fold(b):
                    got = (80, SAME_NAME)
                elif k.uses_abbreviation(a) or k.uses_abbreviation(b):
                    got = (70, ABBREVIATIONS)
                elif k.script_of(a) != k.script_of(b):
                    got = (70, RU_EN)
                else:
                    got = (70, OTHER_SPELLING)
                best = max(best, got, key=lambda x: x[0])
        if best[0]:
            f.add(*best)
        elif self.words and other.words:
            overlap = len(self.words & other.words) / len(self.words | other.words)
            if overlap >= 0.75:
                f.add(int(55 * overlap), SIMILAR)
        if self.acronym and self.acronym == other.acronym:
            f.add(60, SAME_ACRONYM)
        elif (self.acronym and self.acronym in other.initials) or (
            other.acronym and other.acronym in self.initials
        ):
            f.add(50, ACRONYM)
        if self.website and self.website == other.website:
            f.add(20, SAME_WEBSITE)
        if self.email and self.email == other.email:
            f.add(20, SAME_EMAIL)
        if self.country and self.country == other.country:
            f.add(10)
        return f
