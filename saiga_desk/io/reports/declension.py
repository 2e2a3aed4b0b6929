"""Russian names put in the case a sentence needs (pymorphy3 and its OpenCorpora dictionary): the head of a
name and the adjectives before it are inflected, its complements stay ("Министерство охраны окружающей среды
Туркменистана" -> "Министерства охраны окружающей среды Туркменистана"; "Российская Федерация" ->
"Российской Федерации")."""

from __future__ import annotations

import functools
import re

import pymorphy3

_CASES = {"genitive": "gent", "dative": "datv", "instrumental": "ablt", "prepositional": "loct"}
_WORD = re.compile(r"^([«\"(]*)([А-Яа-яЁё-]+)(.*)$")


@functools.cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


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
