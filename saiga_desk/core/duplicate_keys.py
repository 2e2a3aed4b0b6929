"""Matching keys for finding duplicates: names across scripts, emails, phones, organization names.

Names are compared in one Latin form: the folded name (``core.text.fold``: case, accents, ё → е) is
transliterated by ``anyascii`` (Russian, Kazakh and Mongolian Cyrillic: Қ, Ғ, Ң, Ө, Ү, Ұ, І, Ә, Һ), and
the spellings that romanizations disagree on are levelled (kh/h/x, zh/j, ts/c, y/i, ya/ia/a, doubled
letters, ng/n for Ң, o/u for Ө Ү Ұ), so "Қасымова", "Kassymova" and "Kasymova" share one form.
Organization names are compared as sets of canonical words: known abbreviations (Min., Dept., Env.) and the common Russian words of
ministries' names (Министерство, экологии, природных ресурсов) map to one English word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from saiga_desk.core.text import fold

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_NOT_LETTER = re.compile(r"[^a-z]")
_LEVEL = (
    ("shch", "sh"), ("sch", "sh"), ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("x", "h"), ("tc", "c"),
    ("ts", "c"), ("gh", "g"), ("q", "k"), ("ck", "k"), ("w", "v"), ("ph", "f"), ("y", "i"),
)  # fmt: skip
_DOUBLE = re.compile(r"(.)\1+")
_I_VOWEL = re.compile(r"i(?=[aeou])")
_EMAIL_SPLIT = re.compile(r"[\s,;]+")
_NOT_DIGIT = re.compile(r"\D")


def script_of(text: str | None) -> str:
    """ "cyrillic", "latin", "mixed" or "" (no letters)."""
    if not text:
        return ""
    cyr, lat = bool(_CYRILLIC.search(text)), bool(_LATIN.search(text))
    return "mixed" if cyr and lat else "cyrillic" if cyr else "latin" if lat else ""


@lru_cache(maxsize=65_536)  # names repeat: a few thousand family and given names make up most lists
def name_form(name: str | None) -> str:
    """One Latin spelling of a name, whatever its script and romanization: "Қасымова" -> "kasimuva"."""
    s = _NOT_LETTER.sub("", anyascii(fold(name)).lower())
    for a, b in _LEVEL:
        s = s.replace(a, b)
    s = _DOUBLE.sub(r"\1", s)
    s = s.replace("io", "e")  # ё written "yo" in Latin, folded to е in Cyrillic
    s = _I_VOWEL.sub("", s)
    return s.replace("ng", "n").replace("o", "u")  # Ң: ng or n; Ө, Ү, Ұ: o or u, whoever romanized them


_INITIAL = {"i": "e"}  # Е and Э, Ye and E: one initial


def initial(form: str) -> str:
    """The initial of a name form, with the vowels that romanizations swap taken as one."""
    if not form:
        return ""
    return _INITIAL.get(form[0], form[0])


@lru_cache(maxsize=4096)
def is_initial(name: str | None) -> bool:
    """ "A.", "A" or "A.B." — a given name written as initials only."""
    letters = re.sub(r"[\s.\-]", "", name or "")
    return 0 < len(letters) <= 2 and "." in (name or "") or len(letters) == 1


def yo_blind(name: str | None) -> str:
    return (name or "").casefold().replace("ё", "е").strip()


def email_keys(*values: str | None) -> list[str]:
    """Every address of a record (one per line in ``other_emails``), trimmed."""
    out = []
    for v in values:
        if not v:
            continue
        for part in _EMAIL_SPLIT.split(v):
            if "@" in part:
                out.append(part.strip())
    return out


def phone_key(value: str | None) -> str:
    """The last nine digits of a phone number ("" when too short to mean anything)."""
    if not value:
        return ""
    digits = _NOT_DIGIT.sub("", value)
    return digits[-9:] if len(digits) >= 7 else ""


# ------------------------------------------------------------------------------------------- organizations
_STOP = frozenset(
    "of the and for on in at to a an de des du la le et und für и по в на для при".split()
)  # fmt: skip
_EN_WORDS = {
    "min": "ministry", "mins": "ministry", "ministries": "ministry", "mnstry": "ministry",
    "dept": "department", "dep": "department", "departments": "department",
    "env": "environment", "environmental": "environment", "envt": "environment",
    "res": "resources", "resource": "resources", "nat": "natural", "natl": "national",
    "rep": "republic", "cttee": "committee", "comm": "committee", "cmte": "committee",
    "prot": "protection", "cons": "conservation", "assoc": "association", "org": "organization",
    "organisation": "organization", "univ": "university", "inst": "institute", "intl": "international",
    "int": "international", "govt": "government", "gov": "government", "agcy": "agency",
    "fed": "federation", "ecological": "ecology", "forestry": "forest", "forests": "forest",
}  # fmt: skip
# Russian word stems (folded, ё as е) -> the English word of the same meaning; longest stem first.
_RU_STEMS = {
    "министерств": "ministry", "мин": "ministry", "департамент": "department", "комитет": "committee",
    "агентств": "agency", "управлени": "department", "служб": "service", "эколог": "ecology",
    # in "окружающей среды", "животного мира", "лесного хозяйства" the second word adds no meaning
    "природн": "natural", "ресурс": "resources", "окружающ": "environment", "сред": "",
    "охран": "protection", "лесн": "forest", "животн": "wildlife", "мир": "", "хозяйств": "",
    "туризм": "tourism", "республик": "republic", "федераци": "federation", "российск": "russian",
    "казахстан": "kazakhstan", "монгол": "mongolia", "узбекистан": "uzbekistan",
    "туркменистан": "turkmenistan", "изменени": "change", "климат": "climate", "сельск": "agriculture",
    "национальн": "national", "государственн": "state", "университет": "university", "институт": "institute",
    "ассоциаци": "association", "сохранени": "conservation", "биоразнообрази": "biodiversity",
    "союз": "union", "фонд": "fund", "центр": "centre", "международн": "international",
}  # fmt: skip
_RU_ORDER = sorted(_RU_STEMS, key=len, reverse=True)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_EN_LEVEL = {"center": "centre"}


def _org_word(word: str) -> str:
    if _CYRILLIC.search(word):
        w = word.replace("ё", "е")
        for stem in _RU_ORDER:
            if w.startswith(stem) and (len(stem) > 3 or len(w) <= 4):
                return _RU_STEMS[stem]
        return anyascii(w).lower()
    w = anyascii(word).lower()
    w = _EN_WORDS.get(w, w)
    return _EN_LEVEL.get(w, w)


def org_words(name: str | None) -> tuple[str, ...]:
    """The canonical words of an organization's name, in order, stop words and empty ones left out."""
    out = []
    for raw in _WORD.findall(fold(name).replace("&", " and ")):
        if raw in _STOP:
            continue
        w = _org_word(raw)
        if w and w not in _STOP:
            out.append(w)
    return tuple(out)


def org_key(name: str | None) -> str:
    """The order-blind canonical name: "Min. of Ecology" and "Министерство экологии" -> "ecology ministry"."""
    return " ".join(sorted(set(org_words(name))))


def acronym_of(name: str | None) -> str:
    """The initials of the significant words of a name, as written: "Association for the Conservation of
    Biodiversity of Kazakhstan" -> "acbk"."""
    words = [w for w in _WORD.findall(fold(name)) if w not in _STOP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def uses_abbreviation(name: str | None) -> bool:
    """True when the name has a word that is a known abbreviation ("Min.", "Dept.")."""
    return any(w in _EN_WORDS for w in _WORD.findall(fold(name)))
