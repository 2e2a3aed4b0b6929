"""Recognizing columns by their headers, in English, Russian, Kazakh and Mongolian.

Headers are compared folded (case, accents, ё/е, non-breaking and zero-width characters, stray spaces
and punctuation ignored). Bilingual headers such as "Фамилия / Surname" are split and each part tried.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

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


FIELDS: dict[str, FieldDef] = {
    f.key: f
    for f in (
        _f("honorific", N_("Honorific"), "text", "honorific", "title", "salutation", "mr/ms", "mr./ms.", "prefix",
           "обращение", "титул", "г-н/г-жа", "господин/госпожа", "құрмет", "хүндэтгэл"),
        _f("given_name", N_("Given name"), "text", "given name", "first name", "firstname", "forename", "given names",
           "имя", "аты", "есімі", "нэр", "өөрийн нэр"),
        _f("middle_name", N_("Patronymic"), "text", "patronymic", "middle name", "отчество", "әкесінің аты",
           "эцгийн нэр"),
        _f("family_name", N_("Family name"), "text", "family name", "surname", "last name", "lastname",
           "фамилия", "тегі", "тегi", "овог", "эцэг/эхийн нэр", "эцэг эхийн нэр"),
        _f("full_name", N_("Full name"), "text", "full name", "name", "name and surname", "name, surname",
           "contact person", "person", "фио", "ф.и.о.", "фамилия, имя, отчество", "фамилия имя отчество",
           "фамилия, имя", "имя и фамилия", "контактное лицо", "аты-жөні", "аты жөні", "тегі, аты",
           "овог нэр", "овог, нэр"),
        _f("given_name_latin", N_("Given name (Latin)"), "text", "given name (latin)", "first name (latin)",
           "first name in english", "given name in english", "имя (латиницей)", "имя латиницей", "имя (лат.)"),
        _f("family_name_latin", N_("Family name (Latin)"), "text", "family name (latin)", "surname (latin)",
           "last name (latin)", "surname in english", "фамилия (латиницей)", "фамилия латиницей",
           "фамилия (лат.)"),
        _f("position", N_("Position"), "text", "position", "job title", "post", "function", "designation title",
           "должность", "позиция", "лауазымы", "лауазым", "албан тушаал", "албан тушаал нь"),
        _f("organization", N_("Organization"), "text", "organization", "organisation", "institution", "agency",
           "ministry", "affiliation", "competent authority", "authority", "organization name",
           "организация", "учреждение", "ведомство", "министерство", "компетентный орган", "место работы",
           "ұйым", "мекеме", "ұйымы", "байгууллага", "байгууллагын нэр", "яам"),
        _f("department", N_("Department"), "text", "department", "division", "unit", "section",
           "отдел", "департамент", "подразделение", "управление", "бөлім", "департаменті", "хэлтэс", "газар"),
        _f("email", N_("Email"), "email", "email", "e-mail", "e mail", "email address", "e-mail address", "mail",
           "электронная почта", "эл. почта", "эл.почта", "e-mail адрес", "адрес электронной почты", "эл. адрес",
           "электрондық пошта", "эл. пошта", "электронды пошта", "и-мэйл", "имэйл", "цахим шуудан",
           "э-шуудан", "цахим хаяг"),
        _f("other_emails", N_("Other emails"), "email", "other emails", "other e-mail", "alternative email",
           "secondary email", "email 2", "e-mail 2", "доп. e-mail", "другой e-mail", "дополнительная почта"),
        _f("phone", N_("Phone"), "phone", "telephone", "phone", "tel", "tel.", "phone number", "telephone number",
           "office phone", "work phone", "tel./fax", "tel/fax", "телефон", "тел.", "тел", "рабочий телефон",
           "номер телефона", "телефон нөмірі", "телефоны", "утас", "утасны дугаар", "ажлын утас"),
        _f("mobile", N_("Mobile"), "phone", "mobile", "mobile phone", "cell", "cell phone", "mob.", "mobile number",
           "мобильный", "мобильный телефон", "моб.", "моб. тел.", "сотовый", "сотовый телефон",
           "ұялы телефон", "ұялы", "гар утас", "гар утасны дугаар"),
        _f("address", N_("Address"), "text", "address", "postal address", "mailing address", "office address",
           "адрес", "почтовый адрес", "юридический адрес", "мекенжай", "мекенжайы", "хаяг", "шуудангийн хаяг"),
        _f("city", N_("City"), "text", "city", "town", "город", "қала", "хот"),
        _f("country", N_("Country"), "country", "country", "state", "range state", "signatory", "country code",
           "страна", "государство", "государство ареала", "ел", "мемлекет", "елі", "улс", "улсын нэр"),
        _f("preferred_language", N_("Language"), "text", "language", "preferred language", "working language",
           "язык", "рабочий язык", "тіл", "хэл"),
        _f("notes", N_("Notes"), "text", "notes", "note", "remarks", "comments", "comment",
           "примечание", "примечания", "комментарий", "комментарии", "ескерту", "тайлбар"),
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
        # participants
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
    )
}  # fmt: skip

KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": (
        "honorific", "given_name", "middle_name", "family_name", "full_name", "given_name_latin",
        "family_name_latin", "position", "organization", "department", "email", "other_emails", "phone",
        "mobile", "address", "city", "country", "preferred_language", "notes", "role", "designated_on",
        "source_reference", "valid_from", "last_confirmed_on",
    ),
    "participants": (
        "honorific", "given_name", "middle_name", "family_name", "full_name", "given_name_latin",
        "family_name_latin", "position", "organization", "department", "email", "other_emails", "phone",
        "mobile", "address", "city", "country", "preferred_language", "notes", "delegation",
        "participant_role", "category", "status", "credentials", "funded",
    ),
}  # fmt: skip

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


def recognize(header, kind: str = "contacts") -> str | None:
    """The field a header names, or None."""
    if header is None:
        return None
    text = str(header)
    if not text.strip():
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


def guess_mapping(headers: list, kind: str = "contacts") -> list[str | None]:
    """One field (or None) per column; a field is used once (a second email column becomes other_emails)."""
    used: set[str] = set()
    out: list[str | None] = []
    for h in headers:
        key = recognize(h, kind)
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
