"""The DejaVu Sans family, embedded in every report (Latin, Cyrillic, Kazakh and Mongolian letters, Arabic and
Hebrew), with Symbola as the fallback for the symbols and emoji DejaVu lacks (a subset of the Symbola font
Debian ships as fonts-symbola: only what DejaVu does not draw). No base-14 font is ever used."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from saiga_desk.paths import resource_path

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
SYMBOLS = "Symbola"

#: style name used by table cells and runs -> registered font name
STYLE_FONTS = {"regular": REGULAR, "bold": BOLD, "italic": ITALIC, "bolditalic": BOLD_ITALIC}

_lock = threading.Lock()
_library_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname, subset):
    """reportlab's ToUnicode map, with code points beyond U+FFFF (emoji) written as the UTF-16 surrogate
    pairs the PDF format asks for: reportlab prints them as five hex digits, which text extraction and
    copy-and-paste read as another character (U+1F4E7 as U+1F4E)."""
    cmap = _library_cmap(fontname, subset)
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            pair = chr(v).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{i:02X}> <{v:04X}>", f"<{i:02X}> <{pair}>", 1)
    return cmap


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # the module calls it by its global name
_registered = False


def register_fonts() -> None:
    """Register the four faces once, as one family so that <b> and <i> work in paragraphs."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC, SYMBOLS):
            path = resource_path("fonts", f"{name}.ttf")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True


_coverage: dict[str, frozenset[int]] = {}


def coverage(name: str = REGULAR) -> frozenset[int]:
    """The code points a registered face can draw."""
    found = _coverage.get(name)
    if found is None:
        register_fonts()
        found = _coverage[name] = frozenset(pdfmetrics.getFont(name).face.charToGlyph)
    return found


def drawable(ch: str) -> bool:
    """Whether DejaVu or the symbol fallback has a glyph for ``ch``."""
    return ord(ch) in coverage(REGULAR) or ord(ch) in coverage(SYMBOLS)


def segments(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` cut into (font, piece): the DejaVu face ``font`` where it has the glyph, Symbola elsewhere."""
    main = coverage(REGULAR)
    out: list[tuple[str, str]] = []
    for ch in text:
        face = font if ord(ch) in main or ch.isspace() else SYMBOLS
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + ch)
        else:
            out.append((face, ch))
    return out


def fallback_markup(escaped: str) -> str:
    """Paragraph markup with the characters DejaVu lacks wrapped in ``<font name="Symbola">``."""
    main = coverage(REGULAR)
    if all(ord(ch) in main for ch in escaped):
        return escaped
    return "".join(piece if face != SYMBOLS else f'<font name="{SYMBOLS}">{piece}</font>'
                   for face, piece in segments(escaped, REGULAR))  # fmt: skip


def draw_string(canv, x: float, y: float, text: str, font: str, size: float, anchor: str = "start") -> None:
    """``canv.drawString`` with the symbol fallback; ``anchor`` is start, end or middle."""
    pieces = segments(text, font)
    width = sum(pdfmetrics.stringWidth(t, f, size) for f, t in pieces)
    x -= width if anchor == "end" else width / 2 if anchor == "middle" else 0
    for face, piece in pieces:
        canv.setFont(face, size)
        canv.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, face, size)
