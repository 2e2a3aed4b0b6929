"""Line breaking of table cells as a typesetter does it: words hyphenated by language (pyphen's dictionaries,
the hyphenation patterns of LibreOffice and TeX), e-mail addresses broken only after ``@ . - _``, telephone
numbers never broken, names broken only between words.

``wrap(text, font, size, width, kind)`` returns the lines of one already cleaned text; ``kind`` is one of
``text`` (hyphenated), ``label`` (column headers: between words, hyphenating only a word wider than the
column), ``name`` (between words only), ``email`` and ``nobreak``.
"""

from __future__ import annotations

import functools
import re

import pyphen
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _paragraph

KINDS = ("text", "label", "name", "email", "nobreak")
HYPHEN = "-"
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_MONGOLIAN = re.compile("[ӨөҮү]")
_KAZAKH = re.compile("[ӘәҒғҚқҢңҰұҺһІі]")
_LETTERS = re.compile(r"^(\W*)([^\W\d_]{5,})(\W*)$")
_EMAIL_BREAKS = "@.-_"


@functools.cache
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang, left=2, right=3)


def dictionary_for(word: str) -> pyphen.Pyphen:
    """The hyphenation dictionary of a word's script: Mongolian for Mongolian Cyrillic letters, Russian for
    other Cyrillic (Kazakh words follow Russian syllables well enough), English otherwise."""
    if _CYRILLIC.search(word):
        if _MONGOLIAN.search(word) and not _KAZAKH.search(word):
            return _dictionary("mn_MN")
        return _dictionary("ru_RU")
    return _dictionary("en_GB")


def paragraph_hyphenator(word: str) -> list[tuple[str, str]]:
    """The break points of one word of a body paragraph, as reportlab's ``ParagraphStyle.hyphenationLang``
    takes them (a callable: word -> (head, tail) pairs, longest head first): the dictionary of the word's own
    script, so an English paragraph quoting a Russian title hyphenates both."""
    if len(word) < 5 or any(c.isdigit() for c in word):
        return []
    return list(dictionary_for(word).iterate(word))


# reportlab hyphenates only words of its own letter list, which stops at U+044F: Ё, ё and the Kazakh and
# Mongolian letters (Қ, ү, ө ...) would make a word unbreakable; « » open and close a word like quotes.
_paragraph._hy_letters_pat = re.compile("^[" + _paragraph._hy_letters + "\u0400-\u04ff]+$")
_paragraph._hy_shy_letters_pat = re.compile("^[" + _paragraph._hy_shy + _paragraph._hy_letters + "\u0400-\u04ff]+$")
_paragraph._hy_pfx_pat = re.compile("^['\"([{\xbf\xab\u2018\u201a\u201c\u201e]+")
_paragraph._hy_sfx_pat = re.compile("[]'\")}?!.,;:\xbb\u2019\u201b\u201d\u201f]+$")


def hyphenate(word: str, font: str, size: float, room: float) -> tuple[str, str] | None:
    """The longest hyphenated head of ``word`` (with its hyphen) fitting ``room``, and the rest; None if
    the word has no break point that fits (digits, codes, short words are never hyphenated)."""
    m = _LETTERS.match(word)
    if m is None:
        return None
    lead, core, trail = m.groups()
    if len(core) > 60:  # not a word of any language
        return None
    for head, tail in dictionary_for(core).iterate(core):
        piece = lead + head + HYPHEN
        if stringWidth(piece, font, size) <= room:
            return piece, tail + trail
    return None


def _break_email(word: str, font: str, size: float, width: float) -> list[str]:
    """Pieces of an address, each ending just after ``@ . - _`` (mid-letter only for a segment that is
    wider than the column by itself)."""
    pieces: list[str] = []
    rest = word
    while rest and stringWidth(rest, font, size) > width:
        n = _fit_chars(rest, font, size, width)
        cut = max(rest.rfind(c, 0, n) for c in _EMAIL_BREAKS) + 1
        if cut <= 0 or cut >= len(rest):
            cut = n
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


def _fit_chars(word: str, font: str, size: float, width: float) -> int:
    """How many leading characters of ``word`` fit ``width`` (at least one)."""
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(word[:mid], font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _break_long(word: str, font: str, size: float, width: float, kind: str) -> list[str]:
    """A word wider than the whole column: e-mails at their separators, text at hyphenation points, and
    only what has neither (codes, a 10,000-character word) between characters."""
    if kind == "email":
        return _break_email(word, font, size, width)
    pieces: list[str] = []
    rest = word
    while stringWidth(rest, font, size) > width:
        split = hyphenate(rest, font, size, width) if kind in ("text", "label") else None
        if split is None:
            n = _fit_chars(rest, font, size, width)
            cut = max(rest.rfind(c, 0, n) for c in "/.-_@") + 1  # links and paths: after / . - _ @
            if cut < n // 2:
                cut = n
            split = rest[:cut], rest[cut:]
        pieces.append(split[0])
        rest = split[1]
    pieces.append(rest)
    return pieces


def wrap(text: str, font: str, size: float, width: float, kind: str = "text") -> list[str]:
    """Greedy line filling; a word that does not fit the rest of a line is hyphenated into it when it can be
    (``text`` only), and a word wider than the column is broken as :func:`_break_long` says."""
    if not text:
        return []
    if "\n" not in text and stringWidth(text, font, size) <= width:
        return [text.strip()] if text.strip() else []
    if kind == "nobreak":  # a labelled number too wide for its column: the label above the number
        out = []
        for line in (x.strip() for x in text.split("\n")):
            number, paren, note = line.partition(" (")
            head, _sep, rest = line.partition(" ")
            if stringWidth(line, font, size) <= width or not line:
                out += [line] if line else []
            elif paren and stringWidth(number, font, size) <= width:  # "(ext. 215)" on the next line
                out += [number, f"({note}"]
            elif rest and not any(c.isdigit() for c in head):
                out += [head, rest]
            else:
                out.append(line)
        return out
    lines: list[str] = []
    space = stringWidth(" ", font, size)
    for paragraph in text.split("\n"):
        current = ""
        words = _glued(paragraph.split())
        i = 0
        while i < len(words):
            word = words[i]
            trial = f"{current} {word}" if current else word
            if stringWidth(trial, font, size) <= width:
                current = trial
                i += 1
                continue
            if kind == "text" and current:
                room = width - stringWidth(current, font, size) - space
                split = hyphenate(word, font, size, room) if room > 4 * space else None
                if split is not None:
                    lines.append(f"{current} {split[0]}")
                    current = ""
                    words[i] = split[1]
                    continue
            if current:
                lines.append(current)
                current = ""
                continue
            pieces = _break_long(word, font, size, width, kind)
            lines.extend(pieces[:-1])
            current = pieces[-1]
            i += 1
        if current:
            lines.append(current)
    return [line.replace(_GLUE, " ") for line in lines]


_GLUE = "\u00a0"  # a space no line breaks at (as wide as a space)
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря")  # fmt: skip
_DATE = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS})\b")
_YEAR = re.compile(r"(\d) (гг?\.)")


def glue(text: str) -> str:
    """Running text with the spaces a line must not break at made no-break spaces: between the day and the month
    of a date ("30 June", "1 марта"; the year may go to the next line) and before the Russian year
    abbreviation ("2021 г."). reportlab keeps them; text extraction reads them as spaces."""
    text = _DATE.sub(lambda m: _GLUE.join(m.groups()), text)
    return _YEAR.sub(lambda m: m.group(1) + _GLUE + m.group(2), text)
_ABBREVIATION = re.compile(r"^(гг?\.|г\.г\.)[,;:)]*$")  # "2021 г.", "2016–2020 гг." stay whole


def _glued(words: list[str]) -> list[str]:
    """Words with the Russian year abbreviation joined to the number before it."""
    out: list[str] = []
    for word in words:
        if out and _ABBREVIATION.match(word) and out[-1][-1:].isdigit():
            out[-1] += _GLUE + word
        else:
            out.append(word)
    return out
