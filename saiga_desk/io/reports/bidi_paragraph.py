"""Paragraphs that hold right-to-left text (Arabic, Hebrew) laid out as the Unicode bidi algorithm asks: the
text is shaped (arabic-reshaper) in its logical order, wrapped into lines, and only then each line is put in
drawing order (python-bidi), so a long paragraph reads from its first line down and the digits inside an
Arabic run keep their order ("12", not "21"). Reordering the whole paragraph before wrapping would put its
last words on the first line.

``paragraph(text, style, bulletText=...)`` is the one way a report makes a body paragraph of user text: a
reportlab ``Paragraph`` for text without right-to-left letters, a :class:`BidiParagraph` otherwise.
"""

from __future__ import annotations

import unicodedata

import arabic_reshaper
from bidi import get_display
from reportlab.platypus import Flowable, Paragraph

from saiga_desk.io.reports import fonts
from saiga_desk.io.reports.line_breaking import glue, wrap
from saiga_desk.io.reports.safe_text import ARABIC, RTL, clean, markup


def right_to_left(text: str) -> bool:
    """Whether the first letter with a direction is a right-to-left one (the paragraph's base direction)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _face(style) -> str:
    name = style.fontName
    return fonts.REGULAR if name == fonts.FAMILY else name


class BidiParagraph(Flowable):
    """A paragraph of plain user text with right-to-left runs: wrapped in logical order, each line reordered;
    right-aligned when the paragraph starts right-to-left. Splits between lines across pages (never leaving
    a single line behind or ahead)."""

    def __init__(self, text: str, style, bulletText: str | None = None, lines: list[str] | None = None):
        super().__init__()
        self.text, self.style, self.bulletText = text, style, bulletText
        self.rtl = right_to_left(text)
        self._lines, self._width = lines, None

    def _wrap_lines(self, width: float) -> list[str]:
        out: list[str] = []
        for line in self.text.split("\n"):
            shaped = arabic_reshaper.reshape(line) if ARABIC.search(line) else line
            out += wrap(shaped, _face(self.style), self.style.fontSize, width, "text") or [""]
        return out

    def wrap(self, availWidth: float, availHeight: float):
        inner = availWidth - self.style.leftIndent - self.style.rightIndent
        if self._lines is None or (self._width is not None and self._width != inner and self.text):
            self._lines, self._width = self._wrap_lines(inner), inner
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float):
        self.wrap(availWidth, availHeight)
        n = int(availHeight // self.style.leading)
        total = len(self._lines)
        if n >= total:
            return [self]
        n = min(n, total - 2)  # no widow: at least two lines go on
        if n < 2:  # no orphan: at least two lines stay
            return []
        first = BidiParagraph(self.text, self.style, self.bulletText, self._lines[:n])
        rest = BidiParagraph(self.text, self.style, None, self._lines[n:])
        first._width = rest._width = self._width
        return [first, rest]

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def draw(self) -> None:
        st, canv = self.style, self.canv
        face, size = _face(st), st.fontSize
        y = self.height - size
        if self.bulletText:
            fonts.draw_string(canv, st.bulletIndent, y, self.bulletText, st.bulletFontName, st.bulletFontSize)
        for line in self._lines:
            if self.rtl:
                fonts.draw_string(canv, self.width - st.rightIndent, y, get_display(line, base_dir="R"), face, size,
                                  "end")  # fmt: skip
            else:
                fonts.draw_string(canv, st.leftIndent, y, get_display(line, base_dir="L"), face, size)
            y -= st.leading


def paragraph(text: object, style, bulletText: str | None = None):
    """A body paragraph of user text: escaped for reportlab, or laid out line by line when it has
    right-to-left letters."""
    plain = clean(text)
    if RTL.search(plain):
        return BidiParagraph(plain, style, bulletText)
    return Paragraph(markup(glue(plain)), style, bulletText=bulletText)
