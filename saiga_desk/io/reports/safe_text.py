"""User text made safe for reportlab: control characters stripped, markup escaped, long words broken."""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from saiga_desk.io.reports import fonts

# C0/C1 controls except newline and tab, lone surrogates, non-characters, the BOM.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\ufeff]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")


RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# emoji presentation selectors and joiners: the fallback font draws the base symbol
_INVISIBLE = re.compile("[\ufe0e\ufe0f\u200d]")


def clean(value: object) -> str:
    """Text as it may reach a PDF: ``None`` -> "", controls stripped, tabs as spaces, NFC, and characters no
    embedded font can draw shown as U+FFFD instead of a wrong glyph (DejaVu first, Symbola for symbols and
    emoji)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\t", " ")
    text = _CONTROL.sub("", text)
    if text.isascii():
        return text
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    covered = fonts.coverage(fonts.REGULAR)
    if all(ord(c) in covered or c == "\n" for c in text):
        return text
    return "".join(c if c == "\n" or fonts.drawable(c) else "\ufffd" for c in text)


def visual(text: str) -> str:
    """One line of text in drawing order: Arabic letters shaped into their joined forms (arabic-reshaper)
    and right-to-left runs reordered by the Unicode bidi algorithm (python-bidi), so numbers inside an
    Arabic or Hebrew run keep their order."""
    if not RTL.search(text):
        return text
    if ARABIC.search(text):
        text = arabic_reshaper.reshape(text)
    return get_display(text)


def one_line(value: object) -> str:
    """Like :func:`clean` but folded to a single line (outline entries, metadata)."""
    return " ".join(clean(value).split())


def markup(value: object) -> str:
    """Escape user text for reportlab paragraph markup; newlines become <br/>."""
    return "<br/>".join(fonts.fallback_markup(escape(visual(line))) for line in clean(value).split("\n"))


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap of already cleaned text into lines no wider than ``width``.

    Words wider than the column are broken between characters, so nothing overflows or raises.
    """
    if not text:
        return []
    if "\n" not in text and stringWidth(text, font, size) <= width:
        return [text.strip()] if text.strip() else []
    lines: list[str] = []
    space = stringWidth(" ", font, size)
    for paragraph in text.split("\n"):
        current: list[str] = []
        used = -space
        for word in paragraph.split():
            w = stringWidth(word, font, size)
            if used + space + w <= width:
                current.append(word)
                used += space + w
                continue
            if current:
                lines.append(" ".join(current))
                current, used = [], -space
            if w <= width:
                current, used = [word], w
                continue
            pieces = break_word(word, font, size, width)
            lines.extend(pieces[:-1])
            current = [pieces[-1]]
            used = stringWidth(pieces[-1], font, size)
        if current:
            lines.append(" ".join(current))
    return lines


def break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Split one over-long word into pieces that each fit ``width`` (at least one character each)."""
    pieces: list[str] = []
    start = 0
    n = len(word)
    while start < n:
        # estimate from the average character width, then correct
        avg = max(stringWidth(word[start : start + 32], font, size) / max(1, min(32, n - start)), 0.1)
        end = min(n, start + max(1, int(width / avg)))
        while end > start + 1 and stringWidth(word[start:end], font, size) > width:
            end -= max(1, (end - start) // 16)
        while end < n and stringWidth(word[start : end + 1], font, size) <= width:
            end += 1
        if end < n:
            # prefer to break after punctuation of e-mail addresses, links and paths
            cut = max(word.rfind(c, start, end) for c in "@./-_")
            if cut >= start + (end - start) // 2:
                end = cut + 1
        pieces.append(word[start:end])
        start = end
    return pieces
