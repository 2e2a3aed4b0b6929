"""Russian names put in the case a sentence needs (pymorphy3 and its OpenCorpora dictionary): the head of a
name and the adjectives before it are inflected, its complements stay ("Министерство охраны окружающей среды
Туркменистана" -> "Министерства охраны окружающей среды Туркменистана"; "Российская Федерация" ->
"Российской Федерации")."""

from __future__ import annotations

import functools
import re

import pymorphy3

_CASES = {"genitive": "gent", "dative": "datv", "accusative": "accs", "instrumental": "ablt",
          "prepositional": "loct"}
_WORD = re.compile(r"^([«\"(]*)([А-Яа-яЁё-]+)(.*)$")


@functools.cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def head_gender(phrase: str) -> str:
    """The grammatical gender of the head noun of a Russian noun phrase: "masc", "femn", "neut" or "plur"
    ("" when it does not start with a Russian noun phrase): the verb agrees with it ("совещание состоялось",
    "семинар состоялся", "конференция состоялась")."""
    for token in phrase.split(" "):
        m = _WORD.match(token)
        if m is None:
            return ""
        for p in _morph().parse(m.group(2)):
            if "nomn" in p.tag and p.tag.POS == "NOUN":
                return "plur" if "plur" in p.tag else str(p.tag.gender or "")
        if not any("nomn" in p.tag and p.tag.POS in ("ADJF", "PRTF") for p in _morph().parse(m.group(2))):
            return ""
    return ""


def _match_case(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def inflect(phrase: str, case: str) -> str:
    """``phrase`` with its leading adjectives and head noun in ``case`` (genitive, dative, ...); a phrase that
    does not start with a Russian noun phrase in the nominative is returned as it is."""
    grammeme = _CASES[case]
    words = phrase.split(" ")
    out = []
    for i, token in enumerate(words):
        m = _WORD.match(token)
        if m is None:
            break
        lead, word, trail = m.groups()
        parse = next((p for p in _morph().parse(word) if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF")),
                     None)  # fmt: skip
        if parse is None:
            break
        changed = parse.inflect({grammeme})
        if changed is None:
            break
        out.append(lead + _match_case(changed.word, word) + trail)
        if parse.tag.POS == "NOUN" or trail:
            return " ".join(out + words[i + 1 :])
    return phrase if len(out) == 0 else " ".join(out + words[len(out) :])


# -- persons: "Айгүл Қасымова" -> "Айгүл Қасымовой" (dative), "Алёна Ёлкина" -> "Алёны Ёлкиной" (genitive)
_SURNAME_ENDINGS = {  # (gender, ending) -> genitive, dative
    ("f", "ова"): ("овой", "овой"), ("f", "ева"): ("евой", "евой"), ("f", "ёва"): ("ёвой", "ёвой"),
    ("f", "ина"): ("иной", "иной"), ("f", "ына"): ("ыной", "ыной"), ("f", "ская"): ("ской", "ской"),
    ("f", "цкая"): ("цкой", "цкой"), ("m", "ов"): ("ова", "ову"), ("m", "ев"): ("ева", "еву"),
    ("m", "ёв"): ("ёва", "ёву"), ("m", "ин"): ("ина", "ину"), ("m", "ын"): ("ына", "ыну"),
    ("m", "ский"): ("ского", "скому"), ("m", "цкий"): ("цкого", "цкому"),
}  # fmt: skip
_CYRILLIC_WORD = re.compile(r"^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі-]+$")
_CONSONANT_END = re.compile(r"[бвгджзклмнпрстфхцчшщҒғҚқҢңҺһ]$")


def _name_in_case(word: str, sex: str, case: str, surname: bool) -> str:
    if not word or not _CYRILLIC_WORD.match(word):
        return word  # a name in Latin letters stays as written
    index = 0 if case == "genitive" else 1
    if surname:
        for (g, ending), forms in _SURNAME_ENDINGS.items():
            if g == sex and word.endswith(ending):
                return word[: -len(ending)] + forms[index]
    grammeme = _CASES[case]
    tag = "Surn" if surname else "Name"
    for p in _morph().parse(word):
        if tag in p.tag and "nomn" in p.tag and "sing" in p.tag and (not sex or ("femn" if sex == "f" else "masc") in p.tag):
            changed = p.inflect({grammeme})
            if changed is not None:
                return _match_case(changed.word, word)
    if sex == "m" and _CONSONANT_END.search(word):  # a man's name ending in a consonant declines: Батсүх -> Батсүху
        return word + ("а" if case == "genitive" else "у")
    if sex == "f" and word.endswith("а") and not surname:
        return word[:-1] + ("ы" if case == "genitive" and word[-2:-1] not in "гкхжчшщ" else "и" if case == "genitive" else "е")
    return word  # a woman's name ending in a consonant, or an unknown gender: as written


def person_in_case(given: str | None, family: str | None, sex: str, case: str) -> str:
    """A person's Cyrillic given and family name in ``case`` for ``sex`` ("f", "m"; "" leaves the names as
    written): Russian surname endings by rule, given names by pymorphy3, foreign names ending in a consonant
    declined for men and kept for women, as Russian grammar has them."""
    if not sex:
        return " ".join(x for x in (given, family) if x)
    parts = [_name_in_case(given or "", sex, case, surname=False), _name_in_case(family or "", sex, case, surname=True)]
    return " ".join(x for x in parts if x)
