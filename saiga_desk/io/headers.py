"""Recognizing columns by their headers, in English, Russian, Kazakh and Mongolian.

Headers are compared folded (case, accents, ё/е, non-breaking and zero-width characters, stray spaces
and punctuation ignored). Bilingual headers such as "Фамилия / Surname" are split and each part tried.
The person fields and the headers a sheet may use for them come from ``core/person_fields.py``; the
fields only a designation or a participant has are declared here.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from saiga_desk.core.person_fields import PERSON_FIELDS, PersonField
from saiga_desk.core.text import fold
from saiga_desk.i18n import N_


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str  # English label (translated when shown)
    variants: tuple[str, ...]
    kind: str = "text"  # text | email | phone | date | country | bool | choice


def _f(key, label, kind, *variants) -> FieldDef:
    return FieldDef(key, label, tuple(variants), kind)


# how the importer converts a person field's cells, by the kind core/person_fields.py gives it
_CONVERTED_AS = {"multiline": "text", "emails": "email", "organization": "text", "choice": "text"}
# labels of the import's own ("Title" reads as a document's title in Russian)
_LABELS = {"honorific": N_("Honorific")}


def _person(f: PersonField) -> FieldDef:
    return FieldDef(f.key, _LABELS.get(f.key, f.label), f.variants, _CONVERTED_AS.get(f.kind, f.kind))


# what a contact list may add for its designations ("these are national contact points")
DESIGNATION_FIELDS: tuple[FieldDef, ...] = (
    _f("role", N_("Contact point role"), "choice", "role", "ncp role", "type of contact", "contact type",
       "роль", "тип контакта", "рөлі", "үүрэг"),
    _f("designated_on", N_("Designated on"), "date", "designated on", "date of designation",
       "designation date", "date designated", "дата назначения", "назначен", "тағайындалған күні",
       "томилсон огноо"),
    _f("source_reference", N_("Source reference"), "text", "source", "reference", "source reference",
       "note verbale", "letter", "источник", "основание", "нота", "дереккөз", "эх сурвалж"),
    _f("valid_from", N_("Valid from"), "date", "valid from", "since", "effective from", "действует с",
       "с даты", "бастап"),
    _f("last_confirmed_on", N_("Last confirmed on"), "date", "last confirmed", "last confirmed on",
       "confirmed on", "подтверждено", "дата подтверждения"),
)  # fmt: skip
# what a meeting's registration list may add for its participants
PARTICIPANT_FIELDS: tuple[FieldDef, ...] = (
    _f("delegation", N_("Represents"), "text", "represents", "delegation", "representing", "делегация",
       "представляет", "өкілдік", "төлөөлөгч"),
    _f("participant_role", N_("Role in meeting"), "choice", "role in meeting", "meeting role", "role",
       "роль на совещании", "роль", "рөлі"),
    _f("category", N_("Category"), "choice", "category", "participant category", "категория", "санат",
       "ангилал"),
    _f("status", N_("Status"), "choice", "status", "registration status", "статус", "мәртебесі", "төлөв"),
    _f("credentials", N_("Credentials"), "bool", "credentials", "credentials received", "полномочия",
       "өкілеттік"),
    _f("funded", N_("Funded"), "bool", "funded", "sponsored", "funding", "финансирование", "финансируется",
       "спонсируется", "санхүүжилт"),
)  # fmt: skip

PERSON: tuple[FieldDef, ...] = tuple(_person(f) for f in PERSON_FIELDS)
FIELDS: dict[str, FieldDef] = {f.key: f for f in (*PERSON, *DESIGNATION_FIELDS, *PARTICIPANT_FIELDS)}
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": tuple(f.key for f in (*PERSON, *DESIGNATION_FIELDS)),
    "participants": tuple(f.key for f in (*PERSON, *PARTICIPANT_FIELDS)),
}

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_PAREN = re.compile(r"\s*[\(\[].*?[\)\]]\s*")
_SPLIT = re.compile(r"\s*(?:/|\n|\||;)\s*")


def compact(text: str) -> str:
    """Letters and digits only, folded: 'E-mail ' -> 'email', 'Эл. почта' -> 'элпочта'."""
    return _PUNCT.sub("", fold(text))


def _index(kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in KIND_FIELDS[kind]:
        fd = FIELDS[key]
        for v in (*fd.variants, fd.label, key.replace("_", " ")):
            out.setdefault(compact(v), key)
    return out


_INDEX = {kind: _index(kind) for kind in KIND_FIELDS}


MAX_HEADER = 300  # characters: a longer cell is text, not a column header (and is never folded)


def recognize(header, kind: str = "contacts") -> str | None:
    """The field a header names, or None."""
    if header is None:
        return None
    text = str(header)
    if len(text) > MAX_HEADER or not text.strip():
        return None
    index = _INDEX[kind]
    candidates = [text, _PAREN.sub(" ", text)]
    if _SPLIT.search(text):
        candidates += [p for p in _SPLIT.split(text) if p.strip()]
        candidates += [_PAREN.sub(" ", p) for p in _SPLIT.split(text) if p.strip()]
    for c in candidates:
        key = index.get(compact(c.rstrip("*:").strip()))
        if key:
            return key
    return None


def guess_mapping(headers: list, kind: str = "contacts", hidden=frozenset()) -> list[str | None]:
    """One field (or None) per column; a field is used once (a second email column becomes other_emails).

    Visible columns are mapped first; a ``hidden`` column (0-based) is not mapped when a visible column
    carries the same field (a hidden, stale "Email" before the visible one), and otherwise comes after them.
    """
    found = [recognize(h, kind) for h in headers]
    if not hidden:
        return _assign(found)
    visible = {k for c, k in enumerate(found) if k and c not in hidden}
    order = [c for c in range(len(found)) if c not in hidden] + [c for c in range(len(found)) if c in hidden]
    keys = [None if (c in hidden and found[c] in visible) else found[c] for c in order]
    out: list[str | None] = [None] * len(found)
    for c, key in zip(order, _assign(keys), strict=True):
        out[c] = key
    return out


def _assign(found: list[str | None]) -> list[str | None]:
    used: set[str] = set()
    out: list[str | None] = []
    for key in found:
        if key == "email" and "email" in used:
            key = "other_emails" if "other_emails" not in used else None
        elif key == "phone" and "phone" in used:
            key = "mobile" if "mobile" not in used else None
        elif key in used:
            key = None
        if key:
            used.add(key)
        out.append(key)
    return out


def header_score(cells: list, kind: str = "contacts") -> int:
    return sum(1 for k in guess_mapping(cells, kind) if k)


def find_header_row(rows: list[list], kind: str = "contacts", scan: int = 30) -> tuple[int, int]:
    """(row index, recognized columns) of the likeliest header row among the first ``scan`` rows.

    Falls back to the first non-empty row (score 0) when no row has a recognizable header.
    """
    best, best_score = None, 0
    for i, row in enumerate(rows[:scan]):
        if not any(isinstance(v, str) and v.strip() for v in row):
            continue
        score = header_score(row, kind)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        best = next((i for i, r in enumerate(rows) if any(v is not None and v != "" for v in r)), 0)
    return best, best_score


def mapping_key(headers: list, kind: str = "contacts") -> str:
    """A key for remembering a mapping: hash of the folded headers (order kept)."""
    folded = [compact(str(h)) if h is not None else "" for h in headers]
    while folded and not folded[-1]:
        folded.pop()
    digest = hashlib.sha256(json.dumps([kind, folded], ensure_ascii=False).encode()).hexdigest()[:32]
    return f"import.mapping.{kind}.{digest}"


def is_ru_order(header) -> bool:
    """Does a full-name header put the family name first (ФИО, Тегі аты, Овог нэр)?"""
    c = compact(str(header or ""))
    return any(c.startswith(x) for x in ("фио", "фамилия", "тегі", "тегi", "овог", "аты"))
